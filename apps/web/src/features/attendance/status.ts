import type { AttendanceStatus } from '@ganxun/domain';
import dayjs from 'dayjs';

/** Tag colours of the statuses (null = not in yet). */
export const STATUS_COLOR: Record<AttendanceStatus, string> = {
  present: 'green',
  late: 'orange',
  left_early: 'gold',
  on_leave: 'blue',
  absent: 'red',
};

/**
 * The item to open the board on: the first of today, else the next one to come, else the last
 * one (items sorted by start).
 */
export function defaultSessionId(
  items: readonly { id: string; startsAt: string; endsAt: string }[],
  now: Date = new Date(),
): string | undefined {
  const sorted = [...items].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const today = dayjs(now).format('YYYY-MM-DD');
  const todays = sorted.filter((s) => dayjs(s.startsAt).format('YYYY-MM-DD') === today);
  // Today: the one running or next to come, else today's first.
  const running = todays.find((s) => Date.parse(s.endsAt) > now.getTime());
  if (running) return running.id;
  if (todays[0]) return todays[0].id;
  const next = sorted.find((s) => Date.parse(s.startsAt) > now.getTime());
  return (next ?? sorted[sorted.length - 1])?.id;
}
