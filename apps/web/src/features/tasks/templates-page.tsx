/** /task-templates: checklist templates per class kind. SKELETON. */
export default function TaskTemplatesPage() {
  return <div data-testid="tt-page" />;
}
