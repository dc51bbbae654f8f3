import { z } from 'zod';
import { listQuery, multilineText, pageOf, text } from './common.js';
import { isoDate } from './people.js';
import { regionCode } from './regions.js';

/** Where a class is in its life (班次状态). */
export const CLASS_STATUSES = [
  'draft',
  'published',
  'nominations_closed',
  'in_progress',
  'completed',
  'archived',
  'cancelled',
] as const;
export type ClassStatus = (typeof CLASS_STATUSES)[number];
export const classStatusSchema = z.enum(CLASS_STATUSES);

/** How a class is taught. */
export const CLASS_MODES = ['offline', 'online', 'blended'] as const;
export type ClassMode = (typeof CLASS_MODES)[number];

/** The moves of the lifecycle, each named by what the user does. */
export const CLASS_ACTIONS = [
  'publish',
  'close_nominations',
  'start',
  'complete',
  'archive',
  'cancel',
  'reopen',
] as const;
export type ClassAction = (typeof CLASS_ACTIONS)[number];
export const classActionSchema = z.enum(CLASS_ACTIONS);

const TRANSITIONS: Record<ClassAction, { from: readonly ClassStatus[]; to: ClassStatus }> = {
  publish: { from: ['draft'], to: 'published' },
  close_nominations: { from: ['published'], to: 'nominations_closed' },
  // Nominations can be reopened (a deadline extended) until the class starts.
  reopen: { from: ['nominations_closed'], to: 'published' },
  start: { from: ['nominations_closed'], to: 'in_progress' },
  complete: { from: ['in_progress'], to: 'completed' },
  archive: { from: ['completed'], to: 'archived' },
  cancel: { from: ['draft', 'published', 'nominations_closed', 'in_progress'], to: 'cancelled' },
};

/** The status an action leads to from `from`, or null when the action is out of order there. */
export function classTransition(from: ClassStatus, action: ClassAction): ClassStatus | null {
  const t = TRANSITIONS[action];
  return t.from.includes(from) ? t.to : null;
}

/** The actions allowed from a status, in lifecycle order (the console shows them as buttons). */
export function classActionsFrom(from: ClassStatus): ClassAction[] {
  return CLASS_ACTIONS.filter((a) => classTransition(from, a) !== null);
}

/** Statuses in which the class's content (dates, capacity, quotas) may still be edited. */
export const EDITABLE_CLASS_STATUSES: readonly ClassStatus[] = ['draft', 'published', 'nominations_closed'];

/** What is missing for a class to be published: names of fields (empty when it can be). */
export function publishProblems(c: {
  startDate: string | null;
  endDate: string | null;
  capacity: number | null;
  nominationDeadline: string | null;
}): string[] {
  const out: string[] = [];
  if (!c.startDate) out.push('startDate');
  if (!c.endDate) out.push('endDate');
  if (!c.capacity || c.capacity < 1) out.push('capacity');
  if (!c.nominationDeadline) out.push('nominationDeadline');
  else if (c.startDate && c.nominationDeadline.slice(0, 10) > c.startDate) out.push('nominationDeadline');
  return out;
}

/** Days from start to end, both included (a two-day class from 1 to 2 January is 2). */
export function classDays(startDate: string, endDate: string): number {
  const ms = Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`);
  return Math.floor(ms / 86_400_000) + 1;
}

/** Planned study hours (学时) from the class days by the configured hours per day. */
export function plannedHours(startDate: string, endDate: string, hoursPerDay: number): number {
  const days = classDays(startDate, endDate);
  return days > 0 ? days * hoursPerDay : 0;
}

/** Do two date ranges (inclusive ISO dates) share a day? */
export function datesOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** A class's code: year, then a sequence number within the year (`2022-017`). */
export function classCode(year: number, sequence: number): string {
  return `${year}-${String(sequence).padStart(3, '0')}`;
}

export const budgetLine = z.strictObject({
  item: text(100),
  /** Yuan, two decimals at most. */
  amount: z.number().min(0).max(100_000_000).multipleOf(0.01),
  note: text(200, 0).nullable().default(null),
});
export type BudgetLine = z.infer<typeof budgetLine>;

const tag = text(40);
const dateOrNull = isoDate.nullable().default(null);

/** The fields a user sets on a class (create and, partially, update). */
const classFields = {
  name: text(200),
  /** An item of the configurable `class_kind` dictionary. */
  kind: text(40),
  topics: z.array(text(100)).max(30).default([]),
  leadOrganiserId: z.uuid(),
  coOrganiserIds: z.array(z.uuid()).max(20).default([]),
  hostInstitutionId: z.uuid().nullable().default(null),
  cityCode: regionCode.nullable().default(null),
  venue: text(200, 0).nullable().default(null),
  mode: z.enum(CLASS_MODES).default('offline'),
  startDate: dateOrNull,
  endDate: dateOrNull,
  /** Set by hand; when null the hours come from the days by the configured rule. */
  plannedHours: z.number().min(0).max(2000).nullable().default(null),
  capacity: z.number().int().min(1).max(100_000).nullable().default(null),
  targetAudience: multilineText(1000).nullable().default(null),
  nominationDeadline: z.iso.datetime({ offset: true }).nullable().default(null),
  /** Anyone in the class's reach may register themselves (approved like nominations). */
  selfRegistration: z.boolean().default(false),
  /** When a quota is full, further nominations queue and are promoted as seats free. */
  waitlist: z.boolean().default(false),
  directorId: z.uuid().nullable().default(null),
  assistantIds: z.array(z.uuid()).max(20).default([]),
  budget: z.array(budgetLine).max(50).default([]),
  tags: z.array(tag).max(20).default([]),
  description: multilineText(4000).nullable().default(null),
};

function checkDates(
  value: { startDate?: string | null; endDate?: string | null },
  ctx: z.RefinementCtx,
): void {
  if (value.startDate && value.endDate && value.endDate < value.startDate) {
    ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'end_before_start' });
  }
}

export const createClassBody = z.strictObject(classFields).superRefine(checkDates);
export type CreateClassBody = z.infer<typeof createClassBody>;

/**
 * The fields of a create body as a PATCH takes them: each optional and without its create default,
 * so that a PATCH changes only the fields it sends.
 */
export function patchFields(fields: Record<string, z.ZodType>): Record<string, z.ZodType> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      (v instanceof z.ZodDefault ? (v.removeDefault() as z.ZodType) : v).optional(),
    ]),
  );
}

export const updateClassBody = z
  .strictObject(
    patchFields(classFields) as {
      [K in keyof typeof classFields]: z.ZodOptional<(typeof classFields)[K]>;
    },
  )
  .superRefine(checkDates);
export type UpdateClassBody = z.infer<typeof updateClassBody>;

export const transitionBody = z.strictObject({
  action: classActionSchema,
  /** Required to cancel; recorded on the timeline for every action. */
  reason: multilineText(1000).nullable().default(null),
});
export type TransitionBody = z.infer<typeof transitionBody>;

export const cloneClassBody = z.strictObject({
  name: text(200).optional(),
  startDate: dateOrNull,
  endDate: dateOrNull,
  /** Copy the quotas too (seats per region or unit). */
  quotas: z.boolean().default(true),
});
export type CloneClassBody = z.infer<typeof cloneClassBody>;

const ref = z.object({ id: z.uuid(), name: z.string() });
const userRef = z.object({ id: z.uuid(), name: z.string() });

export const classView = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindName: z.string().nullable(),
  topics: z.array(z.string()),
  leadOrganiser: ref,
  coOrganisers: z.array(ref),
  hostInstitution: ref.nullable(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  venue: z.string().nullable(),
  mode: z.enum(CLASS_MODES),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** Hours in force: the hand-set value or the one derived from the days. */
  plannedHours: z.number().nullable(),
  plannedHoursSet: z.boolean(),
  capacity: z.number().int().nullable(),
  targetAudience: z.string().nullable(),
  nominationDeadline: z.string().nullable(),
  selfRegistration: z.boolean(),
  waitlist: z.boolean(),
  director: userRef.nullable(),
  assistants: z.array(userRef),
  budget: z.array(budgetLine),
  tags: z.array(z.string()),
  description: z.string().nullable(),
  status: classStatusSchema,
  cancelReason: z.string().nullable(),
  planItemId: z.uuid().nullable(),
  clonedFrom: z.uuid().nullable(),
  /** Seats held by nominations and enrollments, and enrolled trainees. */
  seatsTaken: z.number().int(),
  enrolled: z.number().int(),
  /** What the reader may do now (buttons): lifecycle actions and edits. */
  actions: z.array(classActionSchema),
  canEdit: z.boolean(),
  canNominate: z.boolean(),
  canApprove: z.boolean(),
  canManageRoster: z.boolean(),
  canRegister: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ClassView = z.infer<typeof classView>;
export const classPage = pageOf(classView);

export const classListQuery = listQuery.extend({
  q: z.string().trim().max(100).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  kind: z.string().max(40).optional(),
  status: classStatusSchema.optional(),
  organiserId: z.uuid().optional(),
  tag: z.string().max(40).optional(),
  /** Classes the reader may nominate to (liaisons' "my quotas") or register for. */
  nominating: z.enum(['true', 'false']).optional(),
});
export type ClassListQuery = z.infer<typeof classListQuery>;

export const CLASS_EVENT_KINDS = ['created', 'updated', 'transition', 'cloned', 'quotas'] as const;
export const classEventView = z.object({
  id: z.uuid(),
  at: z.string(),
  kind: z.enum(CLASS_EVENT_KINDS),
  action: classActionSchema.nullable(),
  fromStatus: classStatusSchema.nullable(),
  toStatus: classStatusSchema.nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
  /** The fields an 'updated' event changed. */
  fields: z.array(z.string()).optional(),
});
export type ClassEventView = z.infer<typeof classEventView>;

/** Training rules an org sets: hours credited per class day (the regulation's common 8, or 6). */
export const trainingSettings = z.strictObject({
  hoursPerDay: z.number().min(1).max(12),
  /** Timetable items: minutes of teaching that make one 学时 (45 in most party schools). */
  minutesPerStudyHour: z.number().int().min(20).max(120).default(45),
  /** … rounded down to this step. */
  studyHourStep: z.union([z.literal(0.25), z.literal(0.5), z.literal(1)]).default(0.5),
  /** Minutes to allow for travel between two items in different cities on one day (a warning). */
  travelMinutes: z.number().int().min(0).max(720).default(120),
});
export type TrainingSettings = z.infer<typeof trainingSettings>;
/** PUT /settings/training: the fields sent change, the others stay. */
export const updateTrainingSettingsBody = z.strictObject(
  patchFields(trainingSettings.shape) as {
    [K in keyof typeof trainingSettings.shape]: z.ZodOptional<(typeof trainingSettings.shape)[K]>;
  },
);
export type UpdateTrainingSettingsBody = z.infer<typeof updateTrainingSettingsBody>;
export const DEFAULT_TRAINING_SETTINGS: TrainingSettings = {
  hoursPerDay: 8,
  minutesPerStudyHour: 45,
  studyHourStep: 0.5,
  travelMinutes: 120,
};
