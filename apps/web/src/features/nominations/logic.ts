import { NOMINATION_STATUSES, type NominationStatus } from '@ganxun/domain';

/** How long is left until a nomination deadline, in whole days and hours. */
export interface Countdown {
  /** The deadline has passed. */
  passed: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** Less than three days left: shown in red. */
  urgent: boolean;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The time left from `now` until `deadline` (ISO timestamp); null when there is no deadline. */
export function countdown(deadline: string | null | undefined, now: number = Date.now()): Countdown | null {
  if (!deadline) return null;
  const at = Date.parse(deadline);
  if (Number.isNaN(at)) return null;
  const left = at - now;
  if (left <= 0) return { passed: true, days: 0, hours: 0, minutes: 0, urgent: true };
  return {
    passed: false,
    days: Math.floor(left / DAY),
    hours: Math.floor((left % DAY) / HOUR),
    minutes: Math.floor((left % HOUR) / MINUTE),
    urgent: left < 3 * DAY,
  };
}

/** Counts of nominations per status, every status present (0 when none), plus the total. */
export type StatusCounts = Record<NominationStatus, number> & { total: number };

/** Counts per status from the totals the list answered per status filter (missing ones are 0). */
export function statusCounts(totals: Partial<Record<NominationStatus, number | undefined>>): StatusCounts {
  const out = { total: 0 } as StatusCounts;
  for (const s of NOMINATION_STATUSES) {
    out[s] = totals[s] ?? 0;
    out.total += out[s];
  }
  return out;
}

/** Percent of a quota used, 0–100 (a quota of 0 seats with none used is 0, with any used 100). */
export function usedPercent(used: number, seats: number): number {
  if (seats <= 0) return used > 0 ? 100 : 0;
  return Math.min(100, Math.round((used / seats) * 100));
}

/** The tag colour of a nomination status. */
export const STATUS_COLORS: Record<NominationStatus, string> = {
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  withdrawn: 'default',
  waitlisted: 'warning',
  replaced: 'default',
};

/** The class days as ISO dates (the sign-in sheet is per day); empty when a date is missing. */
export function classDates(startDate: string | null, endDate: string | null, max = 366): string[] {
  if (!startDate || !endDate) return [];
  const out: string[] = [];
  let t = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  while (t <= end && out.length < max) {
    out.push(new Date(t).toISOString().slice(0, 10));
    t += DAY;
  }
  return out;
}

/** The date the sign-in sheet picker opens on: today when it is a class day, else the first day. */
export function defaultSheetDate(days: readonly string[], today: string): string | undefined {
  return days.includes(today) ? today : days[0];
}
