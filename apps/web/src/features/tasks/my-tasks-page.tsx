/** /my-tasks: every staff member's tasks across classes. SKELETON. */
export default function MyTasksPage() {
  return <div data-testid="mytasks" />;
}
