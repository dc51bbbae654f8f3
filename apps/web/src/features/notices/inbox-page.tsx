/** /inbox: the signed-in user's notices. SKELETON. */
export default function InboxPage() {
  return <div data-testid="inbox" />;
}
