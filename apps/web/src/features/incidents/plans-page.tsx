/** /contingency-plans: the library of contingency plans. SKELETON. */
export default function ContingencyPlansPage() {
  return <div data-testid="cp-page" />;
}
