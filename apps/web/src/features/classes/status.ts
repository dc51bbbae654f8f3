import type { ClassStatus } from '@ganxun/domain';

/** Tag colours of the class statuses (antd preset colours). */
export const CLASS_STATUS_COLOR: Record<ClassStatus, string> = {
  draft: 'default',
  published: 'blue',
  nominations_closed: 'orange',
  in_progress: 'green',
  completed: 'cyan',
  archived: 'default',
  cancelled: 'red',
};

/** Bar colours of the same statuses on the year calendar. */
export const CLASS_STATUS_FILL: Record<ClassStatus, string> = {
  draft: '#bfbfbf',
  published: '#1677ff',
  nominations_closed: '#fa8c16',
  in_progress: '#52c41a',
  completed: '#13c2c2',
  archived: '#8c8c8c',
  cancelled: '#ff4d4f',
};

/**
 * A class's dates as one line: `2022-01-13 – 2022-01-14`, one date for a one-day class; `compact`
 * drops the end's year when it is the start's (`2022-01-13 – 01-14`).
 */
export function dateRange(start: string | null, end: string | null, compact = false): string | null {
  if (!start && !end) return null;
  if (!end || start === end) return start ?? end;
  if (!start) return `? – ${end}`;
  return `${start} – ${compact && start.slice(0, 4) === end.slice(0, 4) ? end.slice(5) : end}`;
}
