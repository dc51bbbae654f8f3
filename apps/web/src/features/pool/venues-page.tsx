/** Placeholder: being written (issue 5). */
export default function VenuesPage() {
  return null;
}
