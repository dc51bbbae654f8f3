import { z } from 'zod';
import { multilineText, text } from './common.js';

/**
 * Running a class (issue 9): its task force (工作专班) with a checklist, contingency plans
 * (应急预案) and incidents (突发事件) with their timeline. This file holds the contract and the pure
 * rules; the server module applies them.
 *
 * Dates of a checklist are China days (`YYYY-MM-DD`). A task's due date is either absolute or
 * relative to the class's first or last day ("T−30: send the notice", "T−1: set up the rooms").
 */

const isoDay = z.iso.date();

// ---------------------------------------------------------------------------------------------
// Task force and checklist
// ---------------------------------------------------------------------------------------------

/** Default roles of a task force; the list is the configurable `task_force_role` dictionary. */
export const DEFAULT_TASK_FORCE_ROLES = ['leader', 'teaching', 'logistics', 'publicity', 'safety'] as const;

export const TASK_STATUSES = ['todo', 'doing', 'done', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** When a task is due: a day, or `offsetDays` from the class's start (T) or end. */
export const taskDue = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('date'), date: isoDay }),
  z.strictObject({
    kind: z.literal('relative'),
    anchor: z.enum(['start', 'end']).default('start'),
    offsetDays: z.number().int().min(-365).max(365),
  }),
]);
export type TaskDue = z.infer<typeof taskDue>;

const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The China day a task is due, or null when it is relative and the class has no dates yet. */
export function dueDateOf(
  due: TaskDue,
  klass: { startDate: string | null; endDate: string | null },
): string | null {
  if (due.kind === 'date') return due.date;
  const anchor = due.anchor === 'end' ? (klass.endDate ?? klass.startDate) : klass.startDate;
  return anchor ? addDays(anchor, due.offsetDays) : null;
}

/** "T−30", "T+1", "T", "结束+2" style label parts: the sign and the days (the UI words it). */
export function relativeLabel(due: TaskDue): { anchor: 'start' | 'end'; offsetDays: number } | null {
  return due.kind === 'relative' ? { anchor: due.anchor, offsetDays: due.offsetDays } : null;
}

/** Is an open task past its due day (a task due today is not overdue until tomorrow)? */
export function isOverdue(task: { status: TaskStatus; dueDate: string | null }, today: string): boolean {
  return (task.status === 'todo' || task.status === 'doing') && !!task.dueDate && task.dueDate < today;
}

/**
 * Why a due day is refused, or null: it may not fall before the day the class was created ("before
 * the plan exists") — a checklist cannot ask for work in the past of the plan.
 */
export function dueProblem(dueDate: string | null, createdDay: string): 'due_before_plan' | null {
  return dueDate && dueDate < createdDay ? 'due_before_plan' : null;
}

/** The checklist's order: open tasks by due day (undated last), then done and cancelled ones. */
export function sortTasks<T extends { status: TaskStatus; dueDate: string | null; title: string }>(
  tasks: readonly T[],
): T[] {
  const closed = (t: T) => (t.status === 'done' || t.status === 'cancelled' ? 1 : 0);
  return [...tasks].sort(
    (a, b) =>
      closed(a) - closed(b) ||
      (a.dueDate ?? '9999').localeCompare(b.dueDate ?? '9999') ||
      a.title.localeCompare(b.title, 'zh-CN'),
  );
}

/** Progress of a checklist: cancelled tasks do not count. */
export function checklistProgress(tasks: readonly { status: TaskStatus }[]): {
  total: number;
  done: number;
  share: number | null;
} {
  const counted = tasks.filter((t) => t.status !== 'cancelled');
  const done = counted.filter((t) => t.status === 'done').length;
  return { total: counted.length, done, share: counted.length ? done / counted.length : null };
}

export const taskForceMemberBody = z.strictObject({
  userId: z.uuid(),
  /** A `task_force_role` dictionary code. */
  role: text(40),
  duty: text(200, 0).nullable().default(null),
});
export type TaskForceMemberBody = z.infer<typeof taskForceMemberBody>;

export const taskBody = z.strictObject({
  title: text(200),
  /** A member of the class's task force (or its staff: director, assistants). */
  ownerId: z.uuid().nullable().default(null),
  role: text(40).nullable().default(null),
  due: taskDue.nullable().default(null),
  notes: multilineText(2000).nullable().default(null),
});
export type TaskBody = z.infer<typeof taskBody>;

/** A checklist template for a class kind: tasks relative to the class's start or end. */
export const taskTemplateBody = z.strictObject({
  name: text(100),
  /** `class_kind` codes the template suits (empty: every kind). */
  classKinds: z.array(text(40)).max(20).default([]),
  items: z
    .array(
      z.strictObject({
        title: text(200),
        role: text(40).nullable().default(null),
        anchor: z.enum(['start', 'end']).default('start'),
        offsetDays: z.number().int().min(-365).max(365),
      }),
    )
    .min(1)
    .max(200),
});
export type TaskTemplateBody = z.infer<typeof taskTemplateBody>;

// --- tasks API views (E)

/** A member of a class's task force, with the name shown. */
export const taskForceMemberView = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.string(),
  duty: z.string().nullable(),
  addedAt: z.string(),
});
export type TaskForceMemberView = z.infer<typeof taskForceMemberView>;

/** Changing a member: their role and/or duty (no defaults: a field left out stays as it is). */
export const taskForceMemberUpdateBody = z.strictObject({
  role: text(40).optional(),
  duty: text(200, 0).nullable().optional(),
});
export type TaskForceMemberUpdateBody = z.infer<typeof taskForceMemberUpdateBody>;

/**
 * `PATCH /classes/{id}/tasks/{taskId}`: only what is given changes (no defaults: `taskBody.partial()`
 * would fill a left-out owner, role, due or notes with null and clear them on a status change).
 */
export const taskPatchBody = z.strictObject({
  title: text(200).optional(),
  ownerId: z.uuid().nullable().optional(),
  role: text(40).nullable().optional(),
  due: taskDue.nullable().optional(),
  notes: multilineText(2000).nullable().optional(),
  status: z.enum(TASK_STATUSES).optional(),
});
export type TaskPatchBody = z.infer<typeof taskPatchBody>;

/** A task of a checklist as the API shows it (`due` as given, `dueDate` resolved). */
export const taskView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  title: z.string(),
  ownerId: z.uuid().nullable(),
  ownerName: z.string().nullable(),
  role: z.string().nullable(),
  due: taskDue.nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(TASK_STATUSES),
  notes: z.string().nullable(),
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  doneByName: z.string().nullable(),
  templateId: z.uuid().nullable(),
  updatedAt: z.string(),
});
export type TaskView = z.infer<typeof taskView>;

/** Who may own a task of the class: its director, assistants and task-force members. */
export const taskStaffView = z.object({
  userId: z.uuid(),
  name: z.string(),
  kind: z.enum(['director', 'assistant', 'member']),
});
export type TaskStaffView = z.infer<typeof taskStaffView>;

/** `GET /classes/{id}/task-force`: members, the checklist (sortTasks), progress and overdue count. */
export const taskForceView = z.object({
  classId: z.uuid(),
  className: z.string(),
  classKind: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** The day the class was created (due days may not fall before it). */
  createdDay: z.string(),
  today: z.string(),
  members: z.array(taskForceMemberView),
  staff: z.array(taskStaffView),
  tasks: z.array(taskView),
  progress: z.object({ total: z.number().int(), done: z.number().int(), share: z.number().nullable() }),
  overdue: z.number().int(),
  /** May the reader change the task force and the checklist (taskforce.manage over this class)? */
  canManage: z.boolean(),
});
export type TaskForceView = z.infer<typeof taskForceView>;

/** People a runner may add to a task force (active accounts, names only). */
export const taskCandidateQuery = z.object({ q: z.string().trim().max(50).default('') });
export const taskCandidateList = z.object({
  items: z.array(z.object({ id: z.uuid(), name: z.string(), username: z.string() })),
});
export type TaskCandidateList = z.infer<typeof taskCandidateList>;

export const taskFromTemplateBody = z.strictObject({ templateId: z.uuid() });
export type TaskFromTemplateBody = z.infer<typeof taskFromTemplateBody>;

export const taskTemplateView = z.object({
  id: z.uuid(),
  name: z.string(),
  classKinds: z.array(z.string()),
  items: z.array(
    z.object({
      title: z.string(),
      role: z.string().nullable(),
      anchor: z.enum(['start', 'end']),
      offsetDays: z.number().int(),
    }),
  ),
  archived: z.boolean(),
  /** May the reader change it (contingency.edit over its owner)? */
  canEdit: z.boolean(),
  updatedAt: z.string(),
});
export type TaskTemplateView = z.infer<typeof taskTemplateView>;
export const taskTemplateList = z.object({ items: z.array(taskTemplateView) });
export type TaskTemplateList = z.infer<typeof taskTemplateList>;

export const myTasksQuery = z.object({ status: z.enum(['open', 'all']).default('open') });
export type MyTasksQuery = z.infer<typeof myTasksQuery>;

/** One of the reader's tasks across classes (`/my-tasks`). */
export const myTaskView = taskView.extend({ className: z.string(), classStatus: z.string() });
export type MyTaskView = z.infer<typeof myTaskView>;
export const myTaskList = z.object({ items: z.array(myTaskView), today: z.string() });
export type MyTaskList = z.infer<typeof myTaskList>;

/** My tasks' order on a phone: overdue first, then by due day (undated last), closed ones last. */
export function sortMyTasks<T extends { status: TaskStatus; dueDate: string | null; title: string }>(
  tasks: readonly T[],
  today: string,
): T[] {
  const late = (t: T) => (isOverdue(t, today) ? 0 : 1);
  return sortTasks(tasks).sort((a, b) => {
    const closed = (t: T) => (t.status === 'done' || t.status === 'cancelled' ? 1 : 0);
    return closed(a) - closed(b) || late(a) - late(b);
  });
}
// --- end of tasks API views (E)

// ---------------------------------------------------------------------------------------------
// Contingency plans
// ---------------------------------------------------------------------------------------------

export const CONTINGENCY_TYPES = [
  'public_health',
  'severe_weather',
  'illness_injury',
  'fire_safety',
  'power_network',
  'lecturer_absent',
  'other',
] as const;
export type ContingencyType = (typeof CONTINGENCY_TYPES)[number];

export const contingencyPlanBody = z.strictObject({
  title: text(200),
  type: z.enum(CONTINGENCY_TYPES),
  summary: multilineText(2000).nullable().default(null),
  steps: z
    .array(
      z.strictObject({
        text: multilineText(1000).pipe(z.string().trim().min(1)),
        /** A `task_force_role` code: who acts. */
        role: text(40).nullable().default(null),
      }),
    )
    .min(1)
    .max(50),
});
export type ContingencyPlanBody = z.infer<typeof contingencyPlanBody>;

// ---------------------------------------------------------------------------------------------
// Incidents
// ---------------------------------------------------------------------------------------------

export const INCIDENT_SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type IncidentSeverity = (typeof INCIDENT_SEVERITIES)[number];

/** open → handling (first action taken) → resolved → reviewed (lessons recorded). */
export const INCIDENT_STATUSES = ['open', 'handling', 'resolved', 'reviewed'] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export const INCIDENT_ACTION_KINDS = ['action', 'resolve', 'review', 'reopen'] as const;
export type IncidentActionKind = (typeof INCIDENT_ACTION_KINDS)[number];

const INCIDENT_TRANSITIONS: Record<IncidentActionKind, Partial<Record<IncidentStatus, IncidentStatus>>> = {
  action: { open: 'handling', handling: 'handling' },
  resolve: { open: 'resolved', handling: 'resolved' },
  review: { resolved: 'reviewed' },
  reopen: { resolved: 'handling', reviewed: 'handling' },
};

/** The status an entry on the timeline leads to, or null when it is not allowed (409). */
export function incidentTransition(from: IncidentStatus, kind: IncidentActionKind): IncidentStatus | null {
  return INCIDENT_TRANSITIONS[kind][from] ?? null;
}

/** Minutes from the report to the first action and to the resolution (null while not yet). */
export function incidentTimes(incident: {
  occurredAt: string | Date;
  reportedAt: string | Date;
  firstActionAt: string | Date | null;
  resolvedAt: string | Date | null;
}): { toFirstAction: number | null; toResolution: number | null } {
  const from = new Date(incident.reportedAt).getTime();
  const minutes = (at: string | Date | null) =>
    at === null ? null : Math.max(0, Math.round((new Date(at).getTime() - from) / 60_000));
  return { toFirstAction: minutes(incident.firstActionAt), toResolution: minutes(incident.resolvedAt) };
}

/** The median of the measured times (null for none): what a class's and the statistics' figures show. */
export function medianMinutes(values: readonly (number | null)[]): number | null {
  const list = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  if (list.length === 0) return null;
  const mid = Math.floor(list.length / 2);
  return list.length % 2
    ? (list[mid] as number)
    : Math.round(((list[mid - 1] as number) + (list[mid] as number)) / 2);
}

export const incidentBody = z.strictObject({
  occurredAt: z.iso.datetime({ offset: true }),
  type: z.enum(CONTINGENCY_TYPES),
  severity: z.enum(INCIDENT_SEVERITIES),
  title: text(200),
  description: multilineText(4000).pipe(z.string().trim().min(1)),
  /** Enrolments of the class concerned (a trainee taken ill…). */
  affectedEnrollmentIds: z.array(z.uuid()).max(500).default([]),
  /** The plan followed, when one applies. */
  planId: z.uuid().nullable().default(null),
});
export type IncidentBody = z.infer<typeof incidentBody>;

export const incidentActionBody = z.strictObject({
  kind: z.enum(INCIDENT_ACTION_KINDS),
  text: multilineText(4000).pipe(z.string().trim().min(1)),
  /** When it was done (defaults to now; never in the future, never before the incident). */
  at: z.iso.datetime({ offset: true }).optional(),
});
export type IncidentActionBody = z.infer<typeof incidentActionBody>;

/** Why the time of a timeline entry is refused, or null. */
export function actionTimeProblem(
  at: Date,
  incident: { occurredAt: string | Date },
  now: Date,
): 'action_in_future' | 'action_before_incident' | null {
  if (at.getTime() > now.getTime() + 60_000) return 'action_in_future';
  if (at.getTime() < new Date(incident.occurredAt).getTime()) return 'action_before_incident';
  return null;
}

// --- incidents API views (F) ------------------------------------------------------------------

const refView = z.object({ id: z.uuid(), name: z.string() });

/** GET /contingency-plans: by type; archived ones only when asked (`true`) or with the others (`all`). */
export const contingencyPlanQuery = z.object({
  type: z.enum(CONTINGENCY_TYPES).optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
});
export type ContingencyPlanQuery = z.infer<typeof contingencyPlanQuery>;

export const contingencyPlanView = z.object({
  id: z.uuid(),
  title: z.string(),
  type: z.enum(CONTINGENCY_TYPES),
  summary: z.string().nullable(),
  /** Each step with the responsible role's name in the reader's language (null: no role). */
  steps: z.array(
    z.object({ text: z.string(), role: z.string().nullable(), roleName: z.string().nullable() }),
  ),
  archived: z.boolean(),
  /** One of the plans the system ships (created by `ensureDefaultPlans`). */
  builtIn: z.boolean(),
  /** How many classes have it attached. */
  classCount: z.number().int(),
  updatedAt: z.string(),
});
export type ContingencyPlanView = z.infer<typeof contingencyPlanView>;

export const contingencyPlanList = z.object({ items: z.array(contingencyPlanView) });
export type ContingencyPlanList = z.infer<typeof contingencyPlanList>;

/** PUT /classes/{id}/contingency-plans: the class's plans, replacing the previous set. */
export const classPlansBody = z.strictObject({ planIds: z.array(z.uuid()).max(50) });
export type ClassPlansBody = z.infer<typeof classPlansBody>;

export const incidentListQuery = z.object({
  status: z.enum(INCIDENT_STATUSES).optional(),
  severity: z.enum(INCIDENT_SEVERITIES).optional(),
});
export type IncidentListQuery = z.infer<typeof incidentListQuery>;

export const incidentView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  occurredAt: z.string(),
  reportedAt: z.string(),
  reportedBy: refView,
  type: z.enum(CONTINGENCY_TYPES),
  severity: z.enum(INCIDENT_SEVERITIES),
  title: z.string(),
  description: z.string(),
  /** The trainees concerned (enrolment id and name). */
  affected: z.array(z.object({ enrollmentId: z.uuid(), name: z.string() })),
  plan: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  status: z.enum(INCIDENT_STATUSES),
  firstActionAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  /** Minutes from the report (incidentTimes). */
  toFirstAction: z.number().int().nullable(),
  toResolution: z.number().int().nullable(),
});
export type IncidentView = z.infer<typeof incidentView>;

export const incidentActionView = z.object({
  id: z.uuid(),
  kind: z.enum(INCIDENT_ACTION_KINDS),
  text: z.string(),
  at: z.string(),
  by: refView,
});
export type IncidentActionView = z.infer<typeof incidentActionView>;

export const incidentDetailView = incidentView.extend({ actions: z.array(incidentActionView) });
export type IncidentDetailView = z.infer<typeof incidentDetailView>;

/** A class's (or the statistics') figures: counts and median minutes (medianMinutes). */
export const incidentFigures = z.object({
  total: z.number().int(),
  bySeverity: z.record(z.enum(INCIDENT_SEVERITIES), z.number().int()),
  byStatus: z.record(z.enum(INCIDENT_STATUSES), z.number().int()),
  medianToFirstAction: z.number().int().nullable(),
  medianToResolution: z.number().int().nullable(),
});
export type IncidentFigures = z.infer<typeof incidentFigures>;

export const incidentList = z.object({ items: z.array(incidentView), figures: incidentFigures });
export type IncidentList = z.infer<typeof incidentList>;

/** GET /stats/incidents: incidents that occurred between two China days (inclusive). */
export const incidentStatsQuery = z
  .object({ from: isoDay.optional(), to: isoDay.optional() })
  .superRefine((v, ctx) => {
    if (v.from && v.to && v.to < v.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  });
export type IncidentStatsQuery = z.infer<typeof incidentStatsQuery>;

export const incidentStats = incidentFigures.extend({
  /** Classes with at least one incident. */
  classes: z.number().int(),
  byType: z.record(z.enum(CONTINGENCY_TYPES), z.number().int()),
});
export type IncidentStats = z.infer<typeof incidentStats>;

/** Counts of every key of `keys` (0 when absent), as the figures show them. */
export function countsOf<K extends string>(
  keys: readonly K[],
  rows: readonly { key: string; count: number }[],
): Record<K, number> {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;
  for (const r of rows) if (r.key in out) out[r.key as K] += Number(r.count);
  return out;
}
