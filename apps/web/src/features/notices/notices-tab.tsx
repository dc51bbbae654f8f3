import type { ClassView } from '@ganxun/domain';

/** The class's notice board (通知公告) with read receipts. SKELETON. */
export function NoticesTab({ cls }: { cls: ClassView }) {
  return <div data-testid="nt-tab">{cls.name}</div>;
}
