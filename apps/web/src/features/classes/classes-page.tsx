/** Placeholder: being written (issue 4). */
export default function ClassesPage() {
  return null;
}
