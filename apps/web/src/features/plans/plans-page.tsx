/** Placeholder: being written (issue 4). */
export default function PlansPage() {
  return null;
}
