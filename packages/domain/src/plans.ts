import { z } from 'zod';
import { patchFields } from './classes.js';
import { listQuery, multilineText, pageOf, text } from './common.js';
import { isoDate } from './people.js';

/** An annual training plan (年度培训计划): drafted, submitted, then approved or returned by an org admin. */
export const PLAN_STATUSES = ['draft', 'submitted', 'approved', 'returned'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_ACTIONS = ['submit', 'approve', 'return', 'reopen'] as const;
export type PlanAction = (typeof PLAN_ACTIONS)[number];

const PLAN_TRANSITIONS: Record<PlanAction, { from: readonly PlanStatus[]; to: PlanStatus }> = {
  submit: { from: ['draft', 'returned'], to: 'submitted' },
  approve: { from: ['submitted'], to: 'approved' },
  return: { from: ['submitted'], to: 'returned' },
  // An approved plan can be reopened for changes; it goes through approval again.
  reopen: { from: ['approved'], to: 'draft' },
};

/** The status a plan action leads to, or null when out of order. */
export function planTransition(from: PlanStatus, action: PlanAction): PlanStatus | null {
  const t = PLAN_TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** Items may be edited while the plan is a draft or has been returned. */
export function planEditable(status: PlanStatus): boolean {
  return status === 'draft' || status === 'returned';
}

/** Month "2022-07" (a planned window is often months, dates to be chosen). */
export const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month_format' });

export const createPlanBody = z.strictObject({
  organiserId: z.uuid(),
  year: z.number().int().min(2000).max(2100),
  title: text(200),
  note: multilineText(2000).nullable().default(null),
});
export type CreatePlanBody = z.infer<typeof createPlanBody>;
export const updatePlanBody = z.strictObject({
  title: text(200).optional(),
  note: multilineText(2000).nullable().optional(),
});

const planItemFields = {
  name: text(200),
  kind: text(40),
  /** Planned window: a month range, or exact dates when known. */
  windowStart: isoMonth,
  windowEnd: isoMonth,
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  targetAudience: multilineText(1000).nullable().default(null),
  size: z.number().int().min(1).max(100_000),
  /** How many classes of this line (e.g. "four classes between July and October"). */
  count: z.number().int().min(1).max(100).default(1),
  note: multilineText(1000).nullable().default(null),
};

function checkWindow(
  v: { windowStart?: string; windowEnd?: string; startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (v.windowStart && v.windowEnd && v.windowEnd < v.windowStart) {
    ctx.addIssue({ code: 'custom', path: ['windowEnd'], message: 'end_before_start' });
  }
  if (v.startDate && v.endDate && v.endDate < v.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
  }
}

export const planItemBody = z.strictObject(planItemFields).superRefine(checkWindow);
export type PlanItemBody = z.infer<typeof planItemBody>;
export const updatePlanItemBody = z
  .strictObject(
    patchFields(planItemFields) as {
      [K in keyof typeof planItemFields]: z.ZodOptional<(typeof planItemFields)[K]>;
    },
  )
  .superRefine(checkWindow);

export const planActionBody = z.strictObject({
  action: z.enum(PLAN_ACTIONS),
  comment: multilineText(2000).nullable().default(null),
});
export type PlanActionBody = z.infer<typeof planActionBody>;

/** Turns a planned item into a draft class (one of its `count`). */
export const scheduleItemBody = z.strictObject({
  startDate: isoDate.nullable().default(null),
  endDate: isoDate.nullable().default(null),
  name: text(200).optional(),
});

export const planItemView = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string().nullable(),
  windowStart: z.string(),
  windowEnd: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  targetAudience: z.string().nullable(),
  size: z.number().int(),
  count: z.number().int(),
  note: z.string().nullable(),
  /** Classes scheduled from this item so far. */
  classes: z.array(z.object({ id: z.uuid(), code: z.string(), name: z.string(), status: z.string() })),
});
export type PlanItemView = z.infer<typeof planItemView>;

export const planEventView = z.object({
  id: z.uuid(),
  at: z.string(),
  action: z.enum(['created', ...PLAN_ACTIONS]),
  fromStatus: z.enum(PLAN_STATUSES).nullable(),
  toStatus: z.enum(PLAN_STATUSES).nullable(),
  comment: z.string().nullable(),
  actorName: z.string().nullable(),
});

export const planView = z.object({
  id: z.uuid(),
  organiser: z.object({ id: z.uuid(), name: z.string() }),
  year: z.number().int(),
  title: z.string(),
  note: z.string().nullable(),
  status: z.enum(PLAN_STATUSES),
  itemCount: z.number().int(),
  plannedClasses: z.number().int(),
  plannedTrainees: z.number().int(),
  scheduledClasses: z.number().int(),
  actions: z.array(z.enum(PLAN_ACTIONS)),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PlanView = z.infer<typeof planView>;
export const planPage = pageOf(planView);
export const planDetailView = planView.extend({
  items: z.array(planItemView),
  events: z.array(planEventView),
});
export type PlanDetailView = z.infer<typeof planDetailView>;

export const planListQuery = listQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  status: z.enum(PLAN_STATUSES).optional(),
  organiserId: z.uuid().optional(),
});
