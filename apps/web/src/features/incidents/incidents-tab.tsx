import type { ClassView } from '@ganxun/domain';

/** The class's contingency plans and incidents. SKELETON. */
export function IncidentsTab({ cls }: { cls: ClassView }) {
  return <div data-testid="inc-tab">{cls.name}</div>;
}
