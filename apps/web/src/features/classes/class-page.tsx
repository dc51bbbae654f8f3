/** Placeholder: being written (issue 4). */
export default function ClassPage() {
  return null;
}
