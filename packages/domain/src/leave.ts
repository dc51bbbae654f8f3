import { z } from 'zod';
import { multilineText } from './common.js';
import { isoDate } from './people.js';
import { chinaDay, instant } from './timetable.js';

/**
 * Leave (请假) of trainees (issue 6): what a request covers, who may decide it, when it needs a
 * second level of approval, and the running total against the rule that leave above 1/7 of a
 * class's 学时 leads to withdrawal. The rule is only flagged here (`limit`): withdrawing a trainee
 * is the director's decision, never automatic.
 */

/** 待审批, 已批准, 已驳回, 已撤销. */
export const LEAVE_STATUSES = ['pending', 'approved', 'rejected', 'cancelled'] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export const LEAVE_DECISIONS = ['approve', 'reject'] as const;
export type LeaveDecision = (typeof LEAVE_DECISIONS)[number];

/** Where a trainee stands against the leave allowance. */
export const LEAVE_LEVELS = ['ok', 'warning', 'limit'] as const;
export type LeaveLevel = (typeof LEAVE_LEVELS)[number];

/**
 * Leave rules an org sets. A request needs a second level of approval when it covers more than
 * `secondLevelAboveDays` China days or more than `secondLevelAboveHours` 学时. Leave may total at
 * most `maxLeaveShare` of the class's 学时 (1/7); a warning is shown from `warnAtShareOfAllowance`
 * of that allowance (three quarters: 6 of the 8 学时 a 56-学时 class allows).
 */
export const leaveSettings = z.strictObject({
  secondLevelAboveDays: z.number().min(0).max(365).default(1),
  secondLevelAboveHours: z.number().min(0).max(1000).default(8),
  maxLeaveShare: z
    .number()
    .gt(0)
    .max(1)
    .default(1 / 7),
  warnAtShareOfAllowance: z.number().gt(0).max(1).default(0.75),
});
export type LeaveSettings = z.infer<typeof leaveSettings>;
export const DEFAULT_LEAVE_SETTINGS: LeaveSettings = leaveSettings.parse({});

/** A timetable item as the leave rules see it. */
export interface LeaveItem {
  id: string;
  /** ISO 8601 with an offset, or epoch milliseconds. */
  start: string | number;
  end: string | number;
  /** 学时 credited for the item. */
  hours: number;
}

/** What a request asks for: items, or whole China days (every item starting on those days). */
export type LeaveScope = { sessionIds: readonly string[] } | { days: readonly string[] };

/** The items a request covers, in start order, each once; ids not in `items` are left out. */
export function coveredItems<T extends LeaveItem>(scope: LeaveScope, items: readonly T[]): T[] {
  const picked =
    'sessionIds' in scope
      ? items.filter((i) => scope.sessionIds.includes(i.id))
      : items.filter((i) => scope.days.includes(chinaDay(i.start)));
  const byId = new Map(picked.map((i) => [i.id, i]));
  return [...byId.values()].sort((a, b) => instant(a.start) - instant(b.start));
}

/** 学时 of leave for a set of items (each item counted once). */
export function leaveHours(items: readonly Pick<LeaveItem, 'id' | 'hours'>[]): number {
  const seen = new Set<string>();
  let sum = 0;
  for (const i of items) {
    if (seen.has(i.id)) continue;
    seen.add(i.id);
    sum += Math.max(0, i.hours);
  }
  return sum;
}

/** The China days a set of items touches (start days), sorted. */
export function leaveDays(items: readonly Pick<LeaveItem, 'start'>[]): string[] {
  return [...new Set(items.map((i) => chinaDay(i.start)))].sort();
}

/**
 * Levels of approval a request needs: 1 (the class director), or 2 when it covers more than
 * `secondLevelAboveDays` days or more than `secondLevelAboveHours` 学时. A days request counts the
 * days asked for even when some have no items.
 */
export function approvalLevels(
  request: { days: number; hours: number },
  settings: Pick<LeaveSettings, 'secondLevelAboveDays' | 'secondLevelAboveHours'> = DEFAULT_LEAVE_SETTINGS,
): 1 | 2 {
  return request.days > settings.secondLevelAboveDays || request.hours > settings.secondLevelAboveHours
    ? 2
    : 1;
}

/**
 * May this user decide this request? Never the requester, and never someone who already decided
 * it at an earlier level (two levels means two people).
 */
export function mayDecideLeave(
  requesterUserId: string,
  deciderUserId: string,
  earlierDeciderIds: readonly string[] = [],
): boolean {
  return deciderUserId !== requesterUserId && !earlierDeciderIds.includes(deciderUserId);
}

/** The approval state of a request. */
export interface LeaveState {
  status: LeaveStatus;
  levelsRequired: 1 | 2;
  /** Approvals given so far (0 … levelsRequired). */
  approvals: number;
}

/**
 * The state after a decision, or an error code: `leave_not_pending` when it is already decided or
 * cancelled. An approval below the last level keeps it pending for the next level; a rejection at
 * any level ends it.
 */
export function decideLeave(
  state: LeaveState,
  decision: LeaveDecision,
): { ok: true; state: LeaveState } | { ok: false; code: 'leave_not_pending' } {
  if (state.status !== 'pending') return { ok: false, code: 'leave_not_pending' };
  if (decision === 'reject') return { ok: true, state: { ...state, status: 'rejected' } };
  const approvals = state.approvals + 1;
  return {
    ok: true,
    state: { ...state, approvals, status: approvals >= state.levelsRequired ? 'approved' : 'pending' },
  };
}

/**
 * May the requester cancel it? A pending request always; an approved one only before its first
 * item starts (leave already taken stays on record).
 */
export function mayCancelLeave(
  status: LeaveStatus,
  firstItemStart: string | number | null,
  now: string | number,
): boolean {
  if (status === 'pending') return true;
  if (status !== 'approved') return false;
  return firstItemStart === null || instant(now) < instant(firstItemStart);
}

/** Where a trainee stands against the allowance (1/7 of the class's 学时 by default). */
export interface LeaveStanding {
  /** Approved leave ÷ class 学时; null when the class has no 学时 yet. */
  ratio: number | null;
  level: LeaveLevel;
  /** 学时 of leave allowed (class 学时 × maxLeaveShare). */
  allowanceHours: number;
  approvedHours: number;
  /** Allowance left after approved leave (negative past the limit). */
  remainingHours: number;
  /** As if the pending requests were approved too: what the decider sees before approving. */
  projectedRatio: number | null;
  projectedLevel: LeaveLevel;
}

const EPS = 1e-9;

function levelOf(leave: number, classHours: number, s: LeaveSettings): LeaveLevel {
  if (classHours <= 0) return leave > EPS ? 'limit' : 'ok';
  const allowance = classHours * s.maxLeaveShare;
  // "Above 1/7" is strict: exactly the allowance is still within it.
  if (leave > allowance + EPS) return 'limit';
  if (leave > EPS && leave >= allowance * s.warnAtShareOfAllowance - EPS) return 'warning';
  return 'ok';
}

/**
 * The 1/7 rule: `limit` when approved leave exceeds `maxLeaveShare` of the class's 学时 (flag for
 * the director's decision), `warning` from `warnAtShareOfAllowance` of the allowance, else `ok`.
 * A class with 0 学时 and any leave is at the limit (there is nothing to measure against).
 */
export function leaveStanding(
  classHours: number,
  approvedLeaveHours: number,
  pendingHours = 0,
  settings: LeaveSettings = DEFAULT_LEAVE_SETTINGS,
): LeaveStanding {
  const projected = approvedLeaveHours + pendingHours;
  const allowanceHours = Math.max(0, classHours) * settings.maxLeaveShare;
  return {
    ratio: classHours > 0 ? approvedLeaveHours / classHours : null,
    level: levelOf(approvedLeaveHours, classHours, settings),
    allowanceHours,
    approvedHours: approvedLeaveHours,
    remainingHours: allowanceHours - approvedLeaveHours,
    projectedRatio: classHours > 0 ? projected / classHours : null,
    projectedLevel: levelOf(projected, classHours, settings),
  };
}

// ---- API contract: /api/v1/leave-requests ----

const nonBlank = (max: number) =>
  multilineText(max).refine((s) => s.trim().length > 0, { message: 'required' });

/**
 * POST /api/v1/leave-requests: a trainee asks for items (`sessionIds`) or whole days (`days`,
 * China days), exactly one of the two, with a reason and optionally an uploaded attachment (a
 * doctor's note).
 */
export const createLeaveBody = z
  .strictObject({
    classId: z.uuid(),
    sessionIds: z.array(z.uuid()).min(1).max(200).optional(),
    days: z.array(isoDate).min(1).max(60).optional(),
    reason: nonBlank(1000),
    attachmentFileId: z.uuid().nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if ((v.sessionIds === undefined) === (v.days === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['sessionIds'], message: 'sessions_or_days_required' });
    }
    if (v.sessionIds && new Set(v.sessionIds).size !== v.sessionIds.length) {
      ctx.addIssue({ code: 'custom', path: ['sessionIds'], message: 'repeated' });
    }
    if (v.days && new Set(v.days).size !== v.days.length) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'repeated' });
    }
  });
export type CreateLeaveBody = z.infer<typeof createLeaveBody>;

/** POST /api/v1/leave-requests/{id}/decision: a rejection needs a comment (the trainee reads it). */
export const leaveDecisionBody = z
  .strictObject({
    decision: z.enum(LEAVE_DECISIONS),
    comment: multilineText(1000).nullable().default(null),
  })
  .refine((v) => v.decision !== 'reject' || (v.comment ?? '').trim().length > 0, {
    path: ['comment'],
    message: 'required',
  });
export type LeaveDecisionBody = z.infer<typeof leaveDecisionBody>;

/** PUT /api/v1/settings/leave: the fields sent change, the others stay. */
export const updateLeaveSettingsBody = leaveSettings.partial();
export type UpdateLeaveSettingsBody = z.infer<typeof updateLeaveSettingsBody>;

/** GET /api/v1/leave-requests: a class's requests (staff), or the reader's own (`mine`). */
export const leaveListQuery = z.object({
  classId: z.uuid().optional(),
  status: z.enum(LEAVE_STATUSES).optional(),
  mine: z.enum(['true', 'false']).optional(),
});
export type LeaveListQuery = z.infer<typeof leaveListQuery>;

const leaveLevel = z.enum(LEAVE_LEVELS);

export const leaveStandingView = z.object({
  ratio: z.number().nullable(),
  level: leaveLevel,
  allowanceHours: z.number(),
  approvedHours: z.number(),
  remainingHours: z.number(),
  projectedRatio: z.number().nullable(),
  projectedLevel: leaveLevel,
});
export type LeaveStandingView = z.infer<typeof leaveStandingView>;

export const leaveRequestView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  className: z.string(),
  enrollmentId: z.uuid(),
  trainee: z.object({ personId: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  /** The requester's account (a trainee, or staff asking on a trainee's behalf). */
  requestedBy: z.object({ id: z.uuid(), name: z.string() }),
  kind: z.enum(['sessions', 'days']),
  /** The days asked for (kind `days`), else null. */
  days: z.array(z.string()).nullable(),
  /** The items covered, in start order. */
  items: z.array(
    z.object({
      sessionId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      endsAt: z.string(),
      hours: z.number(),
    }),
  ),
  hours: z.number(),
  reason: z.string(),
  attachment: z.object({ id: z.uuid(), name: z.string(), mime: z.string() }).nullable(),
  status: z.enum(LEAVE_STATUSES),
  levelsRequired: z.union([z.literal(1), z.literal(2)]),
  decisions: z.array(
    z.object({
      level: z.number().int(),
      decision: z.enum(LEAVE_DECISIONS),
      comment: z.string().nullable(),
      decidedBy: z.object({ id: z.uuid(), name: z.string() }),
      decidedAt: z.string(),
    }),
  ),
  /** The trainee's standing in the class, with this request counted as pending while it is. */
  standing: leaveStandingView,
  /** What the reader may do now (buttons). */
  canDecide: z.boolean(),
  canCancel: z.boolean(),
  cancelledAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LeaveRequestView = z.infer<typeof leaveRequestView>;
export const leaveRequestList = z.object({ items: z.array(leaveRequestView) });

/** GET /api/v1/classes/{id}/leave-standing: every trainee's standing in the class (runners). */
export const leaveStandingItem = z.object({
  enrollmentId: z.uuid(),
  trainee: z.object({ personId: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  standing: leaveStandingView,
  /** 学时 of the trainee's pending requests. */
  pendingHours: z.number(),
});
export type LeaveStandingItem = z.infer<typeof leaveStandingItem>;
export const leaveStandingList = z.object({ items: z.array(leaveStandingItem) });
export type LeaveStandingList = z.infer<typeof leaveStandingList>;

/** POST /api/v1/leave-requests/attachments: the uploaded file, to name in `attachmentFileId`. */
export const leaveAttachmentView = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
});
export type LeaveAttachmentView = z.infer<typeof leaveAttachmentView>;
