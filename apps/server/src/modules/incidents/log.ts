import {
  actionTimeProblem,
  type ContingencyType,
  type IncidentActionBody,
  type IncidentBody,
  type IncidentDetailView,
  type IncidentListQuery,
  type IncidentStatus,
  type IncidentView,
  incidentTimes,
  incidentTransition,
} from '@ganxun/domain';
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  contingencyPlans,
  enrollments,
  incidentActions,
  incidents,
  people,
  taskForceMembers,
  users,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord } from '../classes/service.js';
import type { NoticeService } from '../notices/service.js';

type IncidentRow = typeof incidents.$inferSelect;

/**
 * Records an incident of a class (its runners for `incident`) and tells the class's staff —
 * director, assistants and task force, not the reporter — in the same transaction.
 */
export async function reportIncident(
  db: Db,
  ctx: RequestContext,
  record: ClassRecord,
  body: IncidentBody,
  options: { now: Date; notices: NoticeService },
): Promise<string> {
  const actor = requireActor(ctx.actor);
  if (record.status === 'cancelled') throw AppError.field('CONFLICT', 'classId', 'class_cancelled');
  const occurredAt = new Date(body.occurredAt);
  if (occurredAt.getTime() > options.now.getTime() + 60_000) {
    throw AppError.field('VALIDATION_FAILED', 'occurredAt', 'incident_in_future');
  }
  const affected = [...new Set(body.affectedEnrollmentIds)];
  const problems: { path: string; key: string }[] = [];
  if (affected.length) {
    const found = await db
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(and(eq(enrollments.classId, record.id), inArray(enrollments.id, affected)));
    const ours = new Set(found.map((f) => f.id));
    body.affectedEnrollmentIds.forEach((id, i) => {
      if (!ours.has(id))
        problems.push({ path: `affectedEnrollmentIds.${i}`, key: 'enrollment_not_in_class' });
    });
  }
  if (body.planId) {
    const [plan] = await db
      .select({ id: contingencyPlans.id })
      .from(contingencyPlans)
      .where(eq(contingencyPlans.id, body.planId));
    if (!plan) problems.push({ path: 'planId', key: 'contingency_plan_unknown' });
  }
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });

  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(incidents)
      .values({
        classId: record.id,
        occurredAt,
        reportedAt: options.now,
        reportedBy: actor.id,
        type: body.type,
        severity: body.severity,
        title: body.title,
        description: body.description,
        affectedEnrollmentIds: affected,
        planId: body.planId,
      })
      .returning({ id: incidents.id });
    if (!row) throw new Error('incident not inserted');
    const members = await tx
      .select({ userId: taskForceMembers.userId })
      .from(taskForceMembers)
      .where(eq(taskForceMembers.classId, record.id));
    const staff = [
      ...(record.directorId ? [record.directorId] : []),
      ...record.assistantIds,
      ...members.map((m) => m.userId),
    ].filter((id) => id !== actor.id);
    const noticeId = await options.notices.notify(tx, {
      kind: 'incident_raised',
      classId: record.id,
      userIds: staff,
      params: { className: record.name, severity: body.severity, title: body.title },
      link: `/classes/${record.id}?tab=incidents`,
    });
    await recordAudit(tx, ctx, {
      action: 'incident.report',
      entityType: 'incident',
      entityId: row.id,
      detail: {
        classId: record.id,
        type: body.type,
        severity: body.severity,
        occurredAt: occurredAt.toISOString(),
        affected: affected.length,
        planId: body.planId,
        noticeId,
        notified: new Set(staff).size,
      },
    });
    return row.id;
  });
}

/** The status, times and timeline entry an action leads to; 409 / 400 when it may not be recorded. */
export async function actOnIncident(
  db: Db,
  ctx: RequestContext,
  classId: string,
  incidentId: string,
  body: IncidentActionBody,
  now: Date,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.id, incidentId), eq(incidents.classId, classId)))
      .for('update');
    if (!row) throw AppError.notFound();
    const at = body.at ? new Date(body.at) : now;
    const timeProblem = actionTimeProblem(at, row, now);
    if (timeProblem) throw AppError.field('VALIDATION_FAILED', 'at', timeProblem);
    const from = row.status as IncidentStatus;
    const next = incidentTransition(from, body.kind);
    if (!next) throw AppError.field('CONFLICT', 'kind', 'incident_transition');
    const set: Partial<IncidentRow> = { status: next };
    // Resolving at once is the first action too: the response time is then the resolution's.
    if ((body.kind === 'action' || body.kind === 'resolve') && !row.firstActionAt) set.firstActionAt = at;
    if (body.kind === 'resolve') set.resolvedAt = at;
    if (body.kind === 'review') set.reviewedAt = at;
    if (body.kind === 'reopen') {
      set.resolvedAt = null;
      set.reviewedAt = null;
    }
    await tx.update(incidents).set(set).where(eq(incidents.id, incidentId));
    const [action] = await tx
      .insert(incidentActions)
      .values({ incidentId, kind: body.kind, text: body.text, at, byUser: actor.id })
      .returning({ id: incidentActions.id });
    await recordAudit(tx, ctx, {
      action: `incident.${body.kind}`,
      entityType: 'incident',
      entityId: incidentId,
      changes: { status: [from, next] },
      detail: { classId, actionId: action?.id, at: at.toISOString() },
    });
  });
}

const reporter = { id: users.id, name: users.displayName };

/** Views of incident rows: reporter, affected trainees' names, plan titles, measured times. */
async function present(exec: Executor, rows: { row: IncidentRow; by: { id: string; name: string } }[]) {
  const enrollmentIds = [...new Set(rows.flatMap((r) => r.row.affectedEnrollmentIds))];
  const planIds = [...new Set(rows.flatMap((r) => (r.row.planId ? [r.row.planId] : [])))];
  const [names, plans] = await Promise.all([
    enrollmentIds.length
      ? exec
          .select({ id: enrollments.id, name: people.name })
          .from(enrollments)
          .innerJoin(people, eq(people.id, enrollments.personId))
          .where(inArray(enrollments.id, enrollmentIds))
      : [],
    planIds.length
      ? exec
          .select({ id: contingencyPlans.id, title: contingencyPlans.title })
          .from(contingencyPlans)
          .where(inArray(contingencyPlans.id, planIds))
      : [],
  ]);
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const planOf = new Map(plans.map((p) => [p.id, p]));
  return rows.map(({ row, by }): IncidentView => {
    const times = incidentTimes(row);
    return {
      id: row.id,
      classId: row.classId,
      occurredAt: row.occurredAt.toISOString(),
      reportedAt: row.reportedAt.toISOString(),
      reportedBy: by,
      type: row.type as ContingencyType,
      severity: row.severity,
      title: row.title,
      description: row.description,
      affected: row.affectedEnrollmentIds.map((id) => ({ enrollmentId: id, name: nameOf.get(id) ?? '' })),
      plan: row.planId ? (planOf.get(row.planId) ?? null) : null,
      status: row.status,
      firstActionAt: row.firstActionAt?.toISOString() ?? null,
      resolvedAt: row.resolvedAt?.toISOString() ?? null,
      reviewedAt: row.reviewedAt?.toISOString() ?? null,
      toFirstAction: times.toFirstAction,
      toResolution: times.toResolution,
    };
  });
}

/** A class's incidents: open ones first, then by when they happened (latest first). */
export async function listIncidents(exec: Executor, classId: string, query: IncidentListQuery) {
  const where: SQL[] = [eq(incidents.classId, classId)];
  if (query.status) where.push(eq(incidents.status, query.status));
  if (query.severity) where.push(eq(incidents.severity, query.severity));
  const rows = await exec
    .select({ row: incidents, by: reporter })
    .from(incidents)
    .innerJoin(users, eq(users.id, incidents.reportedBy))
    .where(and(...where))
    .orderBy(sql`${incidents.resolvedAt} is not null`, desc(incidents.occurredAt))
    .limit(500);
  return present(exec, rows);
}

export async function incidentDetail(
  exec: Executor,
  classId: string,
  id: string,
): Promise<IncidentDetailView> {
  const [row] = await exec
    .select({ row: incidents, by: reporter })
    .from(incidents)
    .innerJoin(users, eq(users.id, incidents.reportedBy))
    .where(and(eq(incidents.id, id), eq(incidents.classId, classId)));
  if (!row) throw AppError.notFound();
  const [view] = await present(exec, [row]);
  const actions = await exec
    .select({
      id: incidentActions.id,
      kind: incidentActions.kind,
      text: incidentActions.text,
      at: incidentActions.at,
      by: reporter,
    })
    .from(incidentActions)
    .innerJoin(users, eq(users.id, incidentActions.byUser))
    .where(eq(incidentActions.incidentId, id))
    .orderBy(asc(incidentActions.at), asc(incidentActions.createdAt));
  return {
    ...(view as IncidentView),
    actions: actions.map((a) => ({ ...a, at: a.at.toISOString() })),
  };
}
