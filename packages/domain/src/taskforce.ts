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

export const taskUpdateBody = taskBody.partial().extend({ status: z.enum(TASK_STATUSES).optional() });
export type TaskUpdateBody = z.infer<typeof taskUpdateBody>;

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
