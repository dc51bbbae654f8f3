/** A lecturer's own sessions across classes (my sessions). */
export default function MyTeachingPage() {
  return null;
}
