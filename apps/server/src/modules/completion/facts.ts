import {
  ATTENDED_STATUSES,
  type AttendanceSettings,
  type CompletionHoursSource,
  type CompletionRules,
  type CompletionView,
  completionAttendanceRate,
  completionRules,
  DEFAULT_COMPLETION_RULES,
  effectiveCompletion,
  judgeCompletion,
  type LeaveSettings,
  plannedHours,
  type ReflectionGrade,
  type TrainingSettings,
} from '@ganxun/domain';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  completionOverrides,
  completionResults,
  completionRulesTable,
  enrollments,
  people,
  reflections,
  units,
  users,
} from '../../db/schema/index.js';
import { classAttendance } from '../attendance/board.js';
import { expectedAt, sessionsOfClass } from '../attendance/query.js';
import type { ClassRow } from '../classes/service.js';
import { creditedHours } from '../sessions/read.js';
import { type EvaluationCount, evaluationCounts } from '../surveys/counts.js';

/**
 * The facts completion judges (attendance by 学时, approved leave, evaluation forms, the
 * reflection) gathered for a class's trainees with a fixed number of queries, and the judgement
 * with the director's overrides. Used by the class's view, the trainee's own view and confirmation
 * (inside its transaction: every read goes through the executor given).
 */

/** The class's completion rules: its stored ones over the defaults. */
export async function rulesOf(exec: Executor, classId: string): Promise<CompletionRules> {
  const [row] = await exec
    .select({ rules: completionRulesTable.rules })
    .from(completionRulesTable)
    .where(eq(completionRulesTable.classId, classId));
  const parsed = completionRules.safeParse(row?.rules ?? {});
  return parsed.success ? parsed.data : DEFAULT_COMPLETION_RULES;
}

/** An enrolment of the class (withdrawn ones too: they are listed as not completed). */
interface EnrolmentRef {
  enrollmentId: string;
  personId: string;
  name: string;
  unitName: string | null;
  groupId: string | null;
  withdrawn: boolean;
}

async function enrolmentsOf(
  exec: Executor,
  classId: string,
  enrollmentIds?: string[],
): Promise<EnrolmentRef[]> {
  const where: SQL[] = [eq(enrollments.classId, classId)];
  if (enrollmentIds) {
    if (enrollmentIds.length === 0) return [];
    where.push(inArray(enrollments.id, enrollmentIds));
  }
  const rows = await exec
    .select({
      enrollmentId: enrollments.id,
      personId: people.id,
      name: people.name,
      unitName: units.name,
      groupId: enrollments.groupId,
      status: enrollments.status,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .where(and(...where))
    .orderBy(asc(people.namePinyin), asc(enrollments.id));
  return rows.map(({ status, ...r }) => ({ ...r, withdrawn: status === 'withdrawn' }));
}

export interface CompletionDeps {
  /** The class's check-in settings (read before any transaction). */
  attendance: AttendanceSettings;
  training: TrainingSettings;
  leave: LeaveSettings;
}

export interface ComputedCompletion {
  rules: CompletionRules;
  /** The class's 学时 credited on completion, and where they come from. */
  hours: number;
  hoursSource: CompletionHoursSource;
  /** Have all the class's items ended (by the class's end date when it has none)? */
  ended: boolean;
  items: CompletionView[];
  confirmedAt: string | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** China day (UTC+8) of an instant, as YYYY-MM-DD. */
const chinaDay = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** The class's completion at `now`: every enrolment (or those named), judged, with overrides. */
export async function computeCompletion(
  exec: Executor,
  deps: CompletionDeps,
  cls: ClassRow,
  now: Date,
  narrow: { enrollmentIds?: string[] } = {},
): Promise<ComputedCompletion> {
  const classId = cls.id;
  const rules = await rulesOf(exec, classId);
  const sessions = await sessionsOfClass(exec, classId);
  const enrolled = await enrolmentsOf(exec, classId, narrow.enrollmentIds);
  const active = enrolled.filter((e) => !e.withdrawn).map((e) => e.enrollmentId);
  const ids = enrolled.map((e) => e.enrollmentId);
  const attendance =
    active.length > 0
      ? await classAttendance(exec, classId, deps.attendance, now, { enrollmentIds: active })
      : { items: [] };
  const evaluations =
    active.length > 0 ? await evaluationCounts(exec, classId) : new Map<string, EvaluationCount>();
  const reflectionRows = ids.length
    ? await exec
        .select({ enrollmentId: reflections.enrollmentId, grade: reflections.grade })
        .from(reflections)
        .where(and(eq(reflections.classId, classId), inArray(reflections.enrollmentId, ids)))
    : [];
  const overrideRows = ids.length
    ? await exec
        .select({
          enrollmentId: completionOverrides.enrollmentId,
          completed: completionOverrides.completed,
          reason: completionOverrides.reason,
          decidedAt: completionOverrides.decidedAt,
          userId: users.id,
          userName: users.displayName,
        })
        .from(completionOverrides)
        .innerJoin(users, eq(users.id, completionOverrides.decidedBy))
        .where(and(eq(completionOverrides.classId, classId), inArray(completionOverrides.enrollmentId, ids)))
    : [];
  const resultRows = await exec
    .select({
      enrollmentId: completionResults.enrollmentId,
      completed: completionResults.completed,
      confirmedAt: completionResults.confirmedAt,
    })
    .from(completionResults)
    .where(eq(completionResults.classId, classId));

  const rule = {
    minutesPerStudyHour: deps.training.minutesPerStudyHour,
    studyHourStep: deps.training.studyHourStep,
  };
  const hoursOf = new Map(sessions.map((s) => [s.id, creditedHours(s, rule)]));
  const itemsHours = sessions.reduce((sum, s) => sum + (hoursOf.get(s.id) ?? 0), 0);
  const planned =
    cls.plannedHours ??
    (cls.startDate && cls.endDate ? plannedHours(cls.startDate, cls.endDate, deps.training.hoursPerDay) : 0);
  const hoursSource: CompletionHoursSource = sessions.length > 0 ? 'items' : 'planned';
  const hours = round2(sessions.length > 0 ? itemsHours : planned);
  const ended =
    sessions.length > 0
      ? sessions.every((s) => s.endsAt.getTime() <= now.getTime())
      : cls.status === 'completed' || (!!cls.endDate && cls.endDate < chinaDay(now));

  const statusOf = new Map(attendance.items.map((r) => [`${r.sessionId}|${r.enrollmentId}`, r.status]));
  const reflectionOf = new Map(reflectionRows.map((r) => [r.enrollmentId, r]));
  const overrideOf = new Map(overrideRows.map((o) => [o.enrollmentId, o]));
  const resultOf = new Map(resultRows.map((r) => [r.enrollmentId, r]));

  const items: CompletionView[] = enrolled.map((e) => {
    let classHours = 0;
    let attendedHours = 0;
    let approvedLeaveHours = 0;
    if (!e.withdrawn) {
      for (const s of sessions) {
        if (!s.attendanceRequired || !expectedAt(s, e)) continue;
        const h = hoursOf.get(s.id) ?? 0;
        classHours += h;
        const status = statusOf.get(`${s.id}|${e.enrollmentId}`) ?? null;
        if (status && ATTENDED_STATUSES.includes(status)) attendedHours += h;
        else if (status === 'on_leave') approvedLeaveHours += h;
      }
    }
    const evaluation = evaluations.get(e.enrollmentId) ?? { required: 0, submitted: 0 };
    const reflection = reflectionOf.get(e.enrollmentId);
    const facts = {
      withdrawn: e.withdrawn,
      classHours,
      attendedHours,
      approvedLeaveHours,
      evaluationsRequired: evaluation.required,
      evaluationsSubmitted: evaluation.submitted,
      reflectionSubmitted: !!reflection,
      reflectionGrade: (reflection?.grade ?? null) as ReflectionGrade | null,
    };
    const override = overrideOf.get(e.enrollmentId);
    const effective = effectiveCompletion(
      judgeCompletion(facts, rules, deps.leave),
      override ? { completed: override.completed, reason: override.reason } : null,
    );
    const result = resultOf.get(e.enrollmentId);
    return {
      enrollmentId: e.enrollmentId,
      trainee: { personId: e.personId, name: e.name, unitName: e.unitName },
      status: effective.completed ? 'completed' : 'not_completed',
      decidedBy: effective.decidedBy,
      judgedCompleted: effective.judgedCompleted,
      reasons: effective.reasons,
      override: override
        ? {
            completed: override.completed,
            reason: override.reason,
            decidedBy: { id: override.userId, name: override.userName },
            decidedAt: override.decidedAt.toISOString(),
          }
        : null,
      attendanceRate: completionAttendanceRate(facts),
      leaveHours: round2(approvedLeaveHours),
      leaveRatio: classHours > 0 ? approvedLeaveHours / classHours : null,
      evaluationsSubmitted: evaluation.submitted,
      evaluationsRequired: evaluation.required,
      reflectionSubmitted: !!reflection,
      reflectionGrade: facts.reflectionGrade,
      hours,
      confirmed: result
        ? { completed: result.completed, confirmedAt: result.confirmedAt.toISOString() }
        : null,
    };
  });

  const confirmedAt = resultRows.reduce<Date | null>(
    (latest, r) => (!latest || r.confirmedAt > latest ? r.confirmedAt : latest),
    null,
  );
  return { rules, hours, hoursSource, ended, items, confirmedAt: confirmedAt?.toISOString() ?? null };
}
