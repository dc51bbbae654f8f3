/** /classes/:id/sessions/:sessionId/questions: the phone board (trainees and invited viewers). */
export default function BoardPage() {
  return <div data-testid="question-board" />;
}
