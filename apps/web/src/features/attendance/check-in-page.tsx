/** The trainee's check-in on a phone: opened from the room's code (`?t=`) or by scanning it here. */
export default function CheckInPage() {
  return null;
}
