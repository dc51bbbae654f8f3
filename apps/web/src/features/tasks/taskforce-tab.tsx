import type { ClassView } from '@ganxun/domain';

/** The class's task force and checklist. SKELETON. */
export function TaskForceTab({ cls }: { cls: ClassView }) {
  return <div data-testid="tf-tab">{cls.name}</div>;
}
