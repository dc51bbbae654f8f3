import { z } from 'zod';
import { patchFields } from './classes.js';
import { multilineText, text } from './common.js';
import type { ConflictKind } from './timetable.js';

/**
 * Timetable items (课程表) of a class: the API contract of `/classes/{id}/sessions`, publishing, the
 * change log, templates, calendar feeds and the personal schedules. The conflict rules themselves
 * are in timetable.ts.
 */

/** A lecturer's part in an item: 主讲 (gives it), 主持 (chairs it), 点评 (comments on it). */
export const SESSION_LECTURER_ROLES = ['speaker', 'host', 'commentator'] as const;
export type SessionLecturerRole = (typeof SESSION_LECTURER_ROLES)[number];

/** An item lasts at most a day (a field trip); longer work is split into days. */
export const MAX_SESSION_MINUTES = 24 * 60;

/** Publishing state of a class's timetable (separate from the class's own lifecycle). */
export const TIMETABLE_STATUSES = ['draft', 'published'] as const;
export type TimetableStatus = (typeof TIMETABLE_STATUSES)[number];

/** Class statuses in which the timetable may still be edited. */
export const TIMETABLE_EDITABLE_CLASS_STATUSES = [
  'draft',
  'published',
  'nominations_closed',
  'in_progress',
] as const;

const instantField = z.iso.datetime({ offset: true });

export const sessionLecturerInput = z.strictObject({
  lecturerId: z.uuid(),
  role: z.enum(SESSION_LECTURER_ROLES).default('speaker'),
});
export type SessionLecturerInput = z.infer<typeof sessionLecturerInput>;

const sessionFields = {
  /** An item of the configurable `session_type` dictionary. */
  type: text(40),
  title: text(200),
  /** ISO 8601 with an offset; shown in China time. */
  startsAt: instantField,
  endsAt: instantField,
  /** A classroom, field-teaching site or online room of the venue pool. */
  venueId: z.uuid().nullable().default(null),
  /** Free text where no pool venue applies (a hall of the host, a bus). */
  location: text(200, 0).nullable().default(null),
  lecturers: z.array(sessionLecturerInput).max(10).default([]),
  /** The groups it is for; null = the whole class. */
  groupIds: z.array(z.uuid()).min(1).max(50).nullable().default(null),
  attendanceRequired: z.boolean().default(true),
  /** 学时 credited; null = derived from the length by the configured rule. */
  hours: z.number().min(0).max(24).multipleOf(0.5).nullable().default(null),
  description: multilineText(2000).nullable().default(null),
};

function checkSession(
  value: { startsAt?: string; endsAt?: string; lecturers?: { lecturerId: string }[] },
  ctx: z.RefinementCtx,
): void {
  if (value.startsAt && value.endsAt) {
    const start = Date.parse(value.startsAt);
    const end = Date.parse(value.endsAt);
    if (end <= start) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'end_not_after_start' });
    else if (end - start > MAX_SESSION_MINUTES * 60_000) {
      ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'session_too_long' });
    }
  }
  const seen = new Set<string>();
  for (const [i, l] of (value.lecturers ?? []).entries()) {
    if (seen.has(l.lecturerId)) {
      ctx.addIssue({ code: 'custom', path: ['lecturers', i, 'lecturerId'], message: 'lecturer_repeated' });
    }
    seen.add(l.lecturerId);
  }
}

/**
 * Warnings the writer has seen and accepts (keys from `conflictView.key`); recorded with the
 * change. Errors cannot be acknowledged.
 */
const acknowledge = z.array(z.string().max(200)).max(200).default([]);

export const createSessionBody = z.strictObject({ ...sessionFields, acknowledge }).superRefine(checkSession);
export type CreateSessionBody = z.infer<typeof createSessionBody>;

export const updateSessionBody = z
  .strictObject({
    ...(patchFields(sessionFields) as {
      [K in keyof typeof sessionFields]: z.ZodOptional<(typeof sessionFields)[K]>;
    }),
    /** The version the writer read: a later writer of a changed item gets 409 `version_conflict`. */
    version: z.number().int().min(1),
    acknowledge,
  })
  .superRefine(checkSession);
export type UpdateSessionBody = z.infer<typeof updateSessionBody>;

export const deleteSessionQuery = z.object({ version: z.coerce.number().int().min(1) });

/** A proposed item checked without saving (the editor calls it while dragging). */
export const checkSessionBody = z
  .strictObject({
    /** The item being moved (left out of the comparison), if it exists. */
    sessionId: z.uuid().nullable().default(null),
    ...sessionFields,
  })
  .superRefine(checkSession);
export type CheckSessionBody = z.infer<typeof checkSessionBody>;

export const conflictView = z.object({
  /** Stable identity of the finding, used to acknowledge warnings: `kind:itemId:other`. */
  key: z.string(),
  kind: z.string() as z.ZodType<ConflictKind>,
  severity: z.enum(['error', 'warning']),
  sessionId: z.string(),
  otherSessionId: z.string().nullable(),
  /** The other item's class when it is another class (a double booking across classes). */
  otherClass: z.object({ id: z.uuid(), code: z.string(), name: z.string() }).nullable(),
  otherTitle: z.string().nullable(),
  otherStartsAt: z.string().nullable(),
  otherEndsAt: z.string().nullable(),
  lecturer: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  venue: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  groupId: z.uuid().nullable(),
  have: z.number().nullable(),
  need: z.number().nullable(),
  /** A sentence in the reader's language. */
  message: z.string(),
});
export type ConflictView = z.infer<typeof conflictView>;

export const materialView = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type MaterialView = z.infer<typeof materialView>;

export const sessionView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  type: z.string(),
  typeName: z.string().nullable(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z
    .object({
      id: z.uuid(),
      name: z.string(),
      kind: z.string(),
      capacity: z.number().nullable(),
      cityCode: z.string().nullable(),
      address: z.string().nullable(),
      liveUrl: z.string().nullable(),
    })
    .nullable(),
  location: z.string().nullable(),
  lecturers: z.array(
    z.object({
      lecturerId: z.uuid(),
      name: z.string(),
      title: z.string().nullable(),
      affiliation: z.string().nullable(),
      role: z.enum(SESSION_LECTURER_ROLES),
    }),
  ),
  groupIds: z.array(z.uuid()).nullable(),
  groupNames: z.array(z.string()),
  attendanceRequired: z.boolean(),
  /** 学时 credited (set or derived). */
  hours: z.number(),
  hoursSet: z.boolean(),
  description: z.string().nullable(),
  materials: z.array(materialView),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SessionView = z.infer<typeof sessionView>;

/** A write's answer: the item and what the checks found (warnings recorded when acknowledged). */
export const sessionWriteResult = z.object({
  session: sessionView,
  conflicts: z.array(conflictView),
});
export type SessionWriteResult = z.infer<typeof sessionWriteResult>;

export const timetableView = z.object({
  classId: z.uuid(),
  status: z.enum(TIMETABLE_STATUSES),
  publishedAt: z.string().nullable(),
  /** How many times it was published. */
  publishedVersion: z.number().int(),
  /** Changes recorded since the last publication. */
  changesSincePublished: z.number().int(),
  /** May the reader edit it (a runner of the class, in an editable status)? */
  canEdit: z.boolean(),
  items: z.array(sessionView),
  /** Every finding of the whole timetable (staff only; empty for trainees and lecturers). */
  conflicts: z.array(conflictView),
  /** Errors: publishing is refused while there are any. */
  blocked: z.boolean(),
  totalHours: z.number(),
});
export type TimetableView = z.infer<typeof timetableView>;

export const checkResult = z.object({ conflicts: z.array(conflictView) });
export type CheckResult = z.infer<typeof checkResult>;

export const publishTimetableBody = z.strictObject({
  /** Keys of every warning of the timetable: each must be acknowledged. */
  acknowledge,
  note: multilineText(1000).nullable().default(null),
});
export type PublishTimetableBody = z.infer<typeof publishTimetableBody>;

export const shiftSessionsBody = z.strictObject({
  /** Days to move by (negative = earlier); whole days keep the times of day. */
  days: z
    .number()
    .int()
    .min(-366)
    .max(366)
    .refine((d) => d !== 0, { message: 'shift_zero' }),
  /** Only these items; all items when left out. */
  sessionIds: z.array(z.uuid()).min(1).max(500).nullable().default(null),
  acknowledge,
});
export type ShiftSessionsBody = z.infer<typeof shiftSessionsBody>;

export const copySessionsBody = z
  .strictObject({
    /** Copy another class's timetable … */
    fromClassId: z.uuid().nullable().default(null),
    /** … or a template's. */
    templateId: z.uuid().nullable().default(null),
    /** The day the source's first day lands on; default the class's first day. */
    startDate: z.iso.date().nullable().default(null),
    /** Copy the lecturers too (a template always keeps them; they may be double-booked). */
    lecturers: z.boolean().default(true),
    acknowledge,
  })
  .refine((v) => (v.fromClassId === null) !== (v.templateId === null), {
    path: ['fromClassId'],
    message: 'copy_source_required',
  });
export type CopySessionsBody = z.infer<typeof copySessionsBody>;

export const bulkSessionsResult = z.object({
  items: z.array(sessionView),
  conflicts: z.array(conflictView),
});
export type BulkSessionsResult = z.infer<typeof bulkSessionsResult>;

export const TIMETABLE_CHANGE_KINDS = [
  'created',
  'updated',
  'deleted',
  'shifted',
  'copied',
  'published',
] as const;
export type TimetableChangeKind = (typeof TIMETABLE_CHANGE_KINDS)[number];

/** What an item looked like, for the change log (names, not ids, so it reads after deletions). */
export const sessionSnapshot = z.object({
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  venueName: z.string().nullable(),
  lecturerNames: z.array(z.string()),
});
export type SessionSnapshot = z.infer<typeof sessionSnapshot>;

export const timetableChangeView = z.object({
  id: z.uuid(),
  kind: z.enum(TIMETABLE_CHANGE_KINDS),
  sessionId: z.uuid().nullable(),
  before: sessionSnapshot.nullable(),
  after: sessionSnapshot.nullable(),
  /** Changes after publication are announced to those affected (recorded until notices exist). */
  afterPublication: z.boolean(),
  affectedTrainees: z.number().int(),
  affectedLecturers: z.array(z.string()),
  acknowledged: z.array(z.string()),
  note: z.string().nullable(),
  changedBy: z.string().nullable(),
  changedAt: z.string(),
});
export type TimetableChangeView = z.infer<typeof timetableChangeView>;
export const timetableChangeList = z.object({ items: z.array(timetableChangeView) });

/** A template keeps a timetable by day number and time of day, to lay it on any class. */
export const templateItem = z.object({
  /** 0 = the first day. */
  day: z.number().int().min(0).max(365),
  /** `HH:mm` China time; `end` may be `24:00`. */
  start: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
  end: z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/),
  type: z.string(),
  title: z.string(),
  venueId: z.uuid().nullable(),
  location: z.string().nullable(),
  lecturers: z.array(z.object({ lecturerId: z.uuid(), role: z.enum(SESSION_LECTURER_ROLES) })),
  attendanceRequired: z.boolean(),
  hours: z.number().nullable(),
  description: z.string().nullable(),
});
export type TemplateItem = z.infer<typeof templateItem>;

export const createTemplateBody = z.strictObject({
  name: text(100),
  /** The class whose timetable becomes the template. */
  fromClassId: z.uuid(),
  description: multilineText(1000).nullable().default(null),
});
export type CreateTemplateBody = z.infer<typeof createTemplateBody>;

export const templateView = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string().nullable(),
  days: z.number().int(),
  items: z.array(templateItem),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TemplateView = z.infer<typeof templateView>;
export const templateList = z.object({ items: z.array(templateView) });

/** Calendar feeds (iCalendar, RFC 5545) on secret URLs that can be revoked. */
export const FEED_SCOPES = ['class', 'trainee', 'lecturer'] as const;
export type FeedScope = (typeof FEED_SCOPES)[number];

export const createFeedBody = z
  .strictObject({
    scope: z.enum(FEED_SCOPES),
    /** scope class: the class (a runner, or a reader of its published timetable). */
    classId: z.uuid().nullable().default(null),
    /** scope lecturer: a lecturer of the pool (staff, for external lecturers without an account),
     * or left out for the reader's own teaching. */
    lecturerId: z.uuid().nullable().default(null),
  })
  .refine((v) => v.scope !== 'class' || v.classId !== null, { path: ['classId'], message: 'required' });
export type CreateFeedBody = z.infer<typeof createFeedBody>;

export const feedView = z.object({
  id: z.uuid(),
  scope: z.enum(FEED_SCOPES),
  /** What it covers, named for the list. */
  label: z.string(),
  classId: z.uuid().nullable(),
  lecturerId: z.uuid().nullable(),
  /** The secret URL: shown once, when created (null in lists). */
  url: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type FeedView = z.infer<typeof feedView>;
export const feedList = z.object({ items: z.array(feedView) });

/** One item of a personal schedule (the trainee's classes or the lecturer's teaching). */
export const myScheduleItem = z.object({
  session: sessionView,
  class: z.object({ id: z.uuid(), code: z.string(), name: z.string() }),
  /** For a lecturer: the part they play. */
  role: z.enum(SESSION_LECTURER_ROLES).nullable(),
});
export type MyScheduleItem = z.infer<typeof myScheduleItem>;
export const myScheduleQuery = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const mySchedule = z.object({ items: z.array(myScheduleItem) });
export type MySchedule = z.infer<typeof mySchedule>;
