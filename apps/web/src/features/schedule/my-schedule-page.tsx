/** The trainee's own timetable across their classes, made for a phone. */
export default function MySchedulePage() {
  return null;
}
