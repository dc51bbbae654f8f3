import {
  type AttendanceSettings,
  type CheckInRefusal,
  type CheckOutRefusal,
  judgeCheckIn,
  judgeCheckOut,
} from '@ganxun/domain';
import type { SessionRow } from './record.js';

/** The message key of a refused check-in or check-out (409 on the request). */
export type TimeRefusalKey =
  | 'checkin_not_open'
  | 'checkin_closed'
  | 'checkout_not_open'
  | 'checkout_closed'
  | 'check_out_not_used';

const IN: Record<CheckInRefusal, TimeRefusalKey> = {
  not_open_yet: 'checkin_not_open',
  closed: 'checkin_closed',
};
const OUT: Record<CheckOutRefusal, TimeRefusalKey> = {
  not_open_yet: 'checkout_not_open',
  closed: 'checkout_closed',
  check_out_not_used: 'check_out_not_used',
};

/** Judges a check-in or check-out made at `at`: null when accepted, else why not. */
export function timeRefusal(
  kind: 'check_in' | 'check_out',
  session: Pick<SessionRow, 'startsAt' | 'endsAt'>,
  at: Date,
  settings: AttendanceSettings,
): TimeRefusalKey | null {
  const s = { startsAt: session.startsAt.getTime(), endsAt: session.endsAt.getTime() };
  if (kind === 'check_in') {
    const judged = judgeCheckIn(s, at.getTime(), settings);
    return 'refused' in judged ? IN[judged.refused] : null;
  }
  const judged = judgeCheckOut(s, at.getTime(), settings);
  return 'refused' in judged ? OUT[judged.refused] : null;
}
