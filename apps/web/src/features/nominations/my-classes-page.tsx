/** Placeholder: being written (issue 4). */
export default function MyClassesPage() {
  return null;
}
