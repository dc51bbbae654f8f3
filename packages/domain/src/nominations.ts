import { z } from 'zod';
import { listQuery, multilineText, pageOf, text } from './common.js';

/**
 * A nomination's life (调训报名): submitted (holds a seat) → approved (enrolled) or rejected;
 * waitlisted when the quota is full and the class keeps a waiting list, promoted to submitted when
 * a seat frees; withdrawn by the nominator; replaced when a substitute (替换) takes its seat.
 */
export const NOMINATION_STATUSES = [
  'submitted',
  'approved',
  'rejected',
  'withdrawn',
  'waitlisted',
  'replaced',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const nominationStatusSchema = z.enum(NOMINATION_STATUSES);

/** Statuses in which a person counts as nominated to the class (one at a time per person). */
export const ACTIVE_NOMINATION_STATUSES: readonly NominationStatus[] = [
  'submitted',
  'approved',
  'waitlisted',
];

/** How the nomination came in: by a liaison or org admin against a quota, or the person registering. */
export const NOMINATION_SOURCES = ['nomination', 'self'] as const;

/** Can a nomination in `status` be decided (approved or rejected)? */
export function isDecidable(status: NominationStatus): boolean {
  return status === 'submitted';
}

/** Can it be withdrawn or substituted? (An approved one too: its seat and enrollment are released.) */
export function isReleasable(status: NominationStatus): boolean {
  return status === 'submitted' || status === 'approved' || status === 'waitlisted';
}

export const createNominationBody = z.strictObject({
  personId: z.uuid(),
  /** The quota it counts against; null only for classes without quotas. */
  quotaId: z.uuid().nullable().default(null),
  note: multilineText(500).nullable().default(null),
});
export type CreateNominationBody = z.infer<typeof createNominationBody>;

export const registerBody = z.strictObject({ note: multilineText(500).nullable().default(null) });

export const substituteBody = z.strictObject({
  personId: z.uuid(),
  reason: text(500),
});
export type SubstituteBody = z.infer<typeof substituteBody>;

export const withdrawBody = z.strictObject({ reason: text(500) });
export type WithdrawBody = z.infer<typeof withdrawBody>;

export const decisionBody = z
  .strictObject({
    ids: z.array(z.uuid()).min(1).max(1000),
    decision: z.enum(['approve', 'reject']),
    reason: multilineText(500).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.decision === 'reject' && !v.reason?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
    }
  });
export type DecisionBody = z.infer<typeof decisionBody>;

const classRef = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
});

export const nominationView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  quotaId: z.uuid().nullable(),
  quotaHolderName: z.string().nullable(),
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    gender: z.string().nullable(),
    unitName: z.string().nullable(),
    post: z.string().nullable(),
    rank: z.string().nullable(),
  }),
  source: z.enum(NOMINATION_SOURCES),
  status: nominationStatusSchema,
  /** Place in the waiting list (1 = next), when waitlisted. */
  waitlistPosition: z.number().int().nullable(),
  note: z.string().nullable(),
  decisionReason: z.string().nullable(),
  replacedById: z.uuid().nullable(),
  replacesId: z.uuid().nullable(),
  nominatedBy: z.string().nullable(),
  decidedBy: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  /** Other classes with overlapping dates the person is nominated to or enrolled in. */
  overlaps: z.array(classRef),
});
export type NominationView = z.infer<typeof nominationView>;
/** A page of nominations, with the count per status under the same filters except the status. */
export const nominationPage = pageOf(nominationView).extend({
  counts: z.record(nominationStatusSchema, z.number().int()),
});
export type NominationPage = z.infer<typeof nominationPage>;

export const nominationListQuery = listQuery.extend({
  status: nominationStatusSchema.optional(),
  quotaId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
});
export type NominationListQuery = z.infer<typeof nominationListQuery>;

export const decisionResult = z.object({ decided: z.number().int(), items: z.array(nominationView) });

/** Roles in the class (班委): class monitor (班长), deputy, group leader (组长), member. */
export const ENROLLMENT_ROLES = ['member', 'monitor', 'deputy_monitor', 'group_leader'] as const;
export type EnrollmentRole = (typeof ENROLLMENT_ROLES)[number];
export const ENROLLMENT_STATUSES = ['enrolled', 'withdrawn'] as const;
export const TRANSPORT_MODES = ['train', 'flight', 'car', 'other'] as const;

export const updateEnrollmentBody = z.strictObject({
  groupId: z.uuid().nullable().optional(),
  role: z.enum(ENROLLMENT_ROLES).optional(),
  arrivalAt: z.iso.datetime({ offset: true }).nullable().optional(),
  arrivalTransport: z.enum(TRANSPORT_MODES).nullable().optional(),
  /** Train or flight number (G1234, CZ3456). */
  arrivalNumber: text(20, 0).nullable().optional(),
  returnTicketNeeded: z.boolean().optional(),
  accommodation: text(200, 0).nullable().optional(),
  note: multilineText(500).nullable().optional(),
});
export type UpdateEnrollmentBody = z.infer<typeof updateEnrollmentBody>;

export const enrollmentView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  nominationId: z.uuid().nullable(),
  person: z.object({
    id: z.uuid(),
    name: z.string(),
    gender: z.string().nullable(),
    unitName: z.string().nullable(),
    post: z.string().nullable(),
    rank: z.string().nullable(),
    regionName: z.string().nullable(),
    /** Masked unless the reader may see contacts (roster.contacts). */
    mobile: z.string().nullable(),
  }),
  groupId: z.uuid().nullable(),
  groupName: z.string().nullable(),
  role: z.enum(ENROLLMENT_ROLES),
  arrivalAt: z.string().nullable(),
  arrivalTransport: z.enum(TRANSPORT_MODES).nullable(),
  arrivalNumber: z.string().nullable(),
  returnTicketNeeded: z.boolean(),
  accommodation: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(ENROLLMENT_STATUSES),
  /** Arrival registration (报到) on the day. */
  checkedInAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type EnrollmentView = z.infer<typeof enrollmentView>;
/** The counts of the whole class's roster, whatever the filters (the roster's check-in counter). */
export const rosterSummary = z.object({
  enrolled: z.number().int(),
  checkedIn: z.number().int(),
  withdrawn: z.number().int(),
});
export type RosterSummary = z.infer<typeof rosterSummary>;
export const enrollmentPage = pageOf(enrollmentView).extend({ summary: rosterSummary });
export type EnrollmentPage = z.infer<typeof enrollmentPage>;

export const enrollmentListQuery = listQuery.extend({
  status: z.enum(ENROLLMENT_STATUSES).optional(),
  groupId: z.uuid().optional(),
  q: z.string().trim().max(50).optional(),
});

export const groupBody = z.strictObject({
  name: text(50),
  sortOrder: z.number().int().min(0).max(999).default(0),
});
export const groupView = z.object({
  id: z.uuid(),
  name: z.string(),
  sortOrder: z.number().int(),
  members: z.number().int(),
  leaderName: z.string().nullable(),
});
export type GroupView = z.infer<typeof groupView>;

/** A trainee's own classes (the phone page "my classes"). */
export const myClassView = z.object({
  classId: z.uuid(),
  code: z.string(),
  name: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  venue: z.string().nullable(),
  cityName: z.string().nullable(),
  classStatus: z.string(),
  nominationStatus: nominationStatusSchema.nullable(),
  enrollmentStatus: z.enum(ENROLLMENT_STATUSES).nullable(),
  groupName: z.string().nullable(),
  checkedInAt: z.string().nullable(),
});
export type MyClassView = z.infer<typeof myClassView>;
