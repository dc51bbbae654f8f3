/** Placeholder: being written (issue 5). */
export default function LecturersPage() {
  return null;
}
