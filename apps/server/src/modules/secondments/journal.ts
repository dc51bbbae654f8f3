import { type AssessmentBody, type SecondmentLogBody, yearOf } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import { secondmentAssessments, secondmentEvents, secondmentLogs } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { SecondmentRecord, SecondmentService } from './service.js';

/**
 * During the term: the work log and achievements (written by staff who edit the secondment, or by
 * the secondee) and the annual and final assessments (staff only).
 */

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

/** Staff who edit it or the secondee; 404 for an unknown id, 403 (audited) otherwise. */
async function requireLogger(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
): Promise<SecondmentRecord> {
  const actor = requireActor(ctx.actor);
  const record = await service.load(id);
  authorize(service.canEdit(actor, record) || service.isSecondee(actor, record), 'secondment.log', {
    type: 'secondment',
    id,
  });
  return record;
}

export async function addLog(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  body: SecondmentLogBody,
): Promise<string> {
  const actor = requireActor(ctx.actor);
  await requireLogger(service, ctx, id);
  return service.db.transaction(async (tx) => {
    const [log] = await tx
      .insert(secondmentLogs)
      .values({ secondmentId: id, ...body, createdBy: actor.id })
      .returning({ id: secondmentLogs.id });
    const logId = log?.id as string;
    await tx.insert(secondmentEvents).values({
      secondmentId: id,
      kind: 'log_added',
      date: body.date,
      detail: { logId, kind: body.kind, title: body.title },
      actorId: actor.id,
    });
    await recordAudit(tx, ctx, {
      action: 'secondment.log.create',
      entityType: 'secondment',
      entityId: id,
      detail: { logId, kind: body.kind, date: body.date },
    });
    return logId;
  });
}

/** The author edits or deletes their own entry (while they still reach the secondment). */
async function requireOwnLog(service: SecondmentService, ctx: RequestContext, id: string, logId: string) {
  const actor = requireActor(ctx.actor);
  await requireLogger(service, ctx, id);
  const [log] = await service.db
    .select()
    .from(secondmentLogs)
    .where(and(eq(secondmentLogs.id, logId), eq(secondmentLogs.secondmentId, id)));
  if (!log) throw AppError.notFound();
  if (log.createdBy !== actor.id)
    throw new AppError('FORBIDDEN', {
      fields: [{ path: 'logId', key: 'log_not_author' }],
      details: { action: 'secondment.log.update', entityType: 'secondment', entityId: id },
    });
  return log;
}

export async function updateLog(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  logId: string,
  body: SecondmentLogBody,
): Promise<void> {
  const log = await requireOwnLog(service, ctx, id, logId);
  await service.db.transaction(async (tx) => {
    await tx
      .update(secondmentLogs)
      .set({ ...body, updatedAt: new Date() })
      .where(eq(secondmentLogs.id, logId));
    await recordAudit(tx, ctx, {
      action: 'secondment.log.update',
      entityType: 'secondment',
      entityId: id,
      detail: { logId },
      changes: { title: [log.title, body.title], date: [log.date, body.date] },
    });
  });
}

export async function deleteLog(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  logId: string,
): Promise<void> {
  const log = await requireOwnLog(service, ctx, id, logId);
  await service.db.transaction(async (tx) => {
    await tx.delete(secondmentLogs).where(eq(secondmentLogs.id, logId));
    await recordAudit(tx, ctx, {
      action: 'secondment.log.delete',
      entityType: 'secondment',
      entityId: id,
      detail: { logId, title: log.title, date: log.date },
    });
  });
}

/** Annual (one a year, within the term) or final (once, after the term has ended). */
export async function addAssessment(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  body: AssessmentBody,
): Promise<string> {
  const actor = requireActor(ctx.actor);
  try {
    return await service.db.transaction(async (tx) => {
      const { row } = await service.requireEdit(ctx, id, tx, true);
      const start = row.actualStart ?? row.plannedStart;
      const end = row.actualEnd ?? row.plannedEnd;
      let year: number;
      if (body.kind === 'annual') {
        year = body.year as number;
        if (row.status === 'cancelled') throw AppError.field('CONFLICT', 'kind', 'transition_not_allowed');
        if (year < yearOf(start) || year > yearOf(end))
          throw AppError.field(
            'VALIDATION_FAILED',
            'year',
            'assessment_year_outside_term',
            `${yearOf(start)}–${yearOf(end)}`,
          );
        const [taken] = await tx
          .select({ id: secondmentAssessments.id })
          .from(secondmentAssessments)
          .where(
            and(
              eq(secondmentAssessments.secondmentId, id),
              eq(secondmentAssessments.kind, 'annual'),
              eq(secondmentAssessments.year, year),
            ),
          );
        if (taken) throw AppError.field('CONFLICT', 'year', 'assessment_year_taken', year);
      } else {
        if (row.status !== 'completed' && row.status !== 'ended_early')
          throw AppError.field('CONFLICT', 'kind', 'term_not_ended');
        year = yearOf(end);
        const [taken] = await tx
          .select({ id: secondmentAssessments.id })
          .from(secondmentAssessments)
          .where(and(eq(secondmentAssessments.secondmentId, id), eq(secondmentAssessments.kind, 'final')));
        if (taken) throw AppError.field('CONFLICT', 'kind', 'final_assessment_taken');
      }
      const [a] = await tx
        .insert(secondmentAssessments)
        .values({
          secondmentId: id,
          kind: body.kind,
          year,
          grade: body.grade,
          comment: body.comment,
          assessedBy: actor.id,
        })
        .returning({ id: secondmentAssessments.id });
      const assessmentId = a?.id as string;
      await tx.insert(secondmentEvents).values({
        secondmentId: id,
        kind: 'assessed',
        date: null,
        detail: { assessmentId, kind: body.kind, year, grade: body.grade },
        actorId: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'secondment.assess',
        entityType: 'secondment',
        entityId: id,
        detail: { assessmentId, kind: body.kind, year, grade: body.grade },
      });
      return assessmentId;
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw body.kind === 'annual'
        ? AppError.field('CONFLICT', 'year', 'assessment_year_taken', body.year)
        : AppError.field('CONFLICT', 'kind', 'final_assessment_taken');
    throw error;
  }
}
