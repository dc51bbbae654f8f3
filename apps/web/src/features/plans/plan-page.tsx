/** Placeholder: being written (issue 4). */
export default function PlanPage() {
  return null;
}
