import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  approvalLevels,
  coveredItems,
  createLeaveBody,
  DEFAULT_LEAVE_SETTINGS,
  decideLeave,
  type LeaveItem,
  leaveDays,
  leaveDecisionBody,
  leaveHours,
  leaveSettings,
  leaveStanding,
  mayCancelLeave,
  mayDecideLeave,
} from './leave.js';

const items: LeaveItem[] = [
  { id: 'b', start: '2022-01-13T14:00:00+08:00', end: '2022-01-13T17:00:00+08:00', hours: 4 },
  { id: 'a', start: '2022-01-13T09:00:00+08:00', end: '2022-01-13T12:00:00+08:00', hours: 4 },
  { id: 'c', start: '2022-01-14T09:00:00+08:00', end: '2022-01-14T12:00:00+08:00', hours: 4 },
  // 07:30 in Beijing on the 15th is still the 14th in UTC: days are China days.
  { id: 'd', start: '2022-01-14T23:30:00Z', end: '2022-01-15T02:00:00Z', hours: 3 },
];
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('what a request covers', () => {
  it('items by id, in start order, each once; unknown ids are left out', () => {
    const got = coveredItems({ sessionIds: ['c', 'a', 'a', 'zz'] }, items);
    expect(got.map((i) => i.id)).toEqual(['a', 'c']);
    expect(leaveHours(got)).toBe(8);
  });
  it('whole days cover every item starting on that China day', () => {
    expect(coveredItems({ days: ['2022-01-13'] }, items).map((i) => i.id)).toEqual(['a', 'b']);
    expect(coveredItems({ days: ['2022-01-15'] }, items).map((i) => i.id)).toEqual(['d']);
    expect(coveredItems({ days: ['2022-01-20'] }, items)).toEqual([]);
  });
  it('hours count each item once and days are sorted China days', () => {
    expect(leaveHours([...items, ...items])).toBe(15);
    expect(leaveHours([])).toBe(0);
    expect(leaveDays(items)).toEqual(['2022-01-13', '2022-01-14', '2022-01-15']);
  });
});

describe('approval levels', () => {
  it.each([
    [{ days: 1, hours: 8 }, 1],
    [{ days: 1, hours: 8.5 }, 2],
    [{ days: 2, hours: 4 }, 2],
    [{ days: 0, hours: 0 }, 1],
  ] as const)('%o needs %i level(s)', (req, levels) => {
    expect(approvalLevels(req)).toBe(levels);
  });
  it('the thresholds are configurable', () => {
    expect(
      approvalLevels({ days: 2, hours: 16 }, { secondLevelAboveDays: 3, secondLevelAboveHours: 24 }),
    ).toBe(1);
  });
  it('one level approves at once; two levels stay pending after the first; a rejection ends it', () => {
    const one = decideLeave({ status: 'pending', levelsRequired: 1, approvals: 0 }, 'approve');
    expect(one).toEqual({ ok: true, state: { status: 'approved', levelsRequired: 1, approvals: 1 } });
    const first = decideLeave({ status: 'pending', levelsRequired: 2, approvals: 0 }, 'approve');
    expect(first.ok && first.state.status).toBe('pending');
    const second = first.ok ? decideLeave(first.state, 'approve') : first;
    expect(second.ok && second.state.status).toBe('approved');
    const rejected = first.ok ? decideLeave(first.state, 'reject') : first;
    expect(rejected.ok && rejected.state.status).toBe('rejected');
  });
  it.each(['approved', 'rejected', 'cancelled'] as const)(
    'a %s request cannot be decided again',
    (status) => {
      expect(decideLeave({ status, levelsRequired: 1, approvals: 1 }, 'approve')).toEqual({
        ok: false,
        code: 'leave_not_pending',
      });
    },
  );
});

describe('who decides and who cancels', () => {
  it('never the requester, nor the same person at both levels', () => {
    expect(mayDecideLeave('u1', 'u1')).toBe(false);
    expect(mayDecideLeave('u1', 'u2')).toBe(true);
    expect(mayDecideLeave('u1', 'u2', ['u2'])).toBe(false);
    expect(mayDecideLeave('u1', 'u3', ['u2'])).toBe(true);
  });
  it('pending always; approved only before the first item starts; decided or cancelled never', () => {
    const start = '2022-01-13T09:00:00+08:00';
    expect(mayCancelLeave('pending', start, '2022-01-14T00:00:00+08:00')).toBe(true);
    expect(mayCancelLeave('approved', start, '2022-01-13T08:59:00+08:00')).toBe(true);
    expect(mayCancelLeave('approved', start, start)).toBe(false);
    expect(mayCancelLeave('rejected', start, '2022-01-01T00:00:00+08:00')).toBe(false);
    expect(mayCancelLeave('cancelled', null, 0)).toBe(false);
  });
});

describe('the 1/7 rule', () => {
  it('exactly 1/7 is within the allowance; any more is the limit', () => {
    expect(leaveStanding(56, 8).level).toBe('warning');
    expect(leaveStanding(56, 8).remainingHours).toBeCloseTo(0);
    expect(leaveStanding(56, 8.5).level).toBe('limit');
    expect(leaveStanding(7, 1).level).toBe('warning');
    expect(leaveStanding(7, 1.25).level).toBe('limit');
  });
  it('warns from three quarters of the allowance', () => {
    expect(leaveStanding(56, 0).level).toBe('ok');
    expect(leaveStanding(56, 5.5).level).toBe('ok');
    expect(leaveStanding(56, 6).level).toBe('warning');
    expect(leaveStanding(56, 6).ratio).toBeCloseTo(6 / 56);
  });
  it('pending requests show in the projection, not the standing', () => {
    const s = leaveStanding(56, 4, 6);
    expect(s.level).toBe('ok');
    expect(s.projectedLevel).toBe('limit');
    expect(s.projectedRatio).toBeCloseTo(10 / 56);
  });
  it('a class with 0 学时: no ratio; ok without leave, limit with any', () => {
    expect(leaveStanding(0, 0)).toMatchObject({ ratio: null, level: 'ok', allowanceHours: 0 });
    expect(leaveStanding(0, 2)).toMatchObject({ ratio: null, level: 'limit' });
  });
  it('the share and the warning point are configurable', () => {
    const s = leaveSettings.parse({ maxLeaveShare: 0.1, warnAtShareOfAllowance: 0.5 });
    expect(leaveStanding(100, 5, 0, s).level).toBe('warning');
    expect(leaveStanding(100, 10, 0, s).level).toBe('warning');
    expect(leaveStanding(100, 10.5, 0, s).level).toBe('limit');
  });
  it('property: the level never goes down as leave grows', () => {
    const rank = { ok: 0, warning: 1, limit: 2 } as const;
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 0, max: 50 }),
        (classHalfHours, leaveHalfHours, more) => {
          const a = leaveStanding(classHalfHours / 2, leaveHalfHours / 2);
          const b = leaveStanding(classHalfHours / 2, (leaveHalfHours + more) / 2);
          expect(rank[b.level]).toBeGreaterThanOrEqual(rank[a.level]);
          // The limit is exactly "more than 1/7": 7 × leave > class hours.
          expect(a.level === 'limit').toBe(leaveHalfHours * 7 > classHalfHours);
        },
      ),
    );
  });
  it('defaults are documented values', () => {
    expect(DEFAULT_LEAVE_SETTINGS).toEqual({
      secondLevelAboveDays: 1,
      secondLevelAboveHours: 8,
      maxLeaveShare: 1 / 7,
      warnAtShareOfAllowance: 0.75,
    });
  });
});

describe('contracts', () => {
  const base = { classId: uuid(1), reason: '发热就医' };
  it('items or days, exactly one', () => {
    expect(createLeaveBody.safeParse({ ...base, sessionIds: [uuid(2)] }).success).toBe(true);
    expect(createLeaveBody.safeParse({ ...base, days: ['2022-01-13'] }).success).toBe(true);
    expect(createLeaveBody.safeParse(base).success).toBe(false);
    expect(createLeaveBody.safeParse({ ...base, sessionIds: [uuid(2)], days: ['2022-01-13'] }).success).toBe(
      false,
    );
  });
  it.each([
    [{ sessionIds: [uuid(2), uuid(2)] }, 'sessionIds'],
    [{ days: ['2022-02-30'] }, 'days'],
    [{ days: ['2022-01-13'], reason: '   ' }, 'reason'],
    [{ sessionIds: [uuid(2)], attachmentFileId: 'x' }, 'attachmentFileId'],
    [{ sessionIds: [uuid(2)], extra: 1 }, ''],
  ])('%o is refused at %s', (patch, field) => {
    const r = createLeaveBody.safeParse({ ...base, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => String(i.path[0] ?? ''))).toContain(field);
  });
  it('a rejection needs a comment; an approval does not', () => {
    expect(leaveDecisionBody.safeParse({ decision: 'approve' }).success).toBe(true);
    expect(leaveDecisionBody.safeParse({ decision: 'reject' }).success).toBe(false);
    expect(leaveDecisionBody.safeParse({ decision: 'reject', comment: ' ' }).success).toBe(false);
    expect(leaveDecisionBody.safeParse({ decision: 'reject', comment: '理由不充分' }).success).toBe(true);
  });
});
