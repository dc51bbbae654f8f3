/** Placeholder: being written (issue 4). */
export default function MyQuotasPage() {
  return null;
}
