/** /classes/:id/sessions/:sessionId/moderate: the moderator's console for one board. */
export default function ModeratePage() {
  return <div data-testid="moderate" />;
}
