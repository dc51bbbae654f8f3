/** /classes/:id/sessions/:sessionId/present: the hall's screen and the speaker's view. */
export default function PresenterPage() {
  return <div data-testid="presenter" />;
}
