import type { PlanStatus } from '@ganxun/domain';

/** Tag colours of the plan statuses. */
export const PLAN_STATUS_COLOR: Record<PlanStatus, string> = {
  draft: 'default',
  submitted: 'blue',
  approved: 'green',
  returned: 'orange',
};

/** A planned window of months as one line: `2022-07 – 2022-10`, one month alone. */
export function monthWindow(start: string, end: string): string {
  return start === end ? start : `${start} – ${end}`;
}
