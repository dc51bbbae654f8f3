import {
  type ChangeDecisionBody,
  type ChangeRequestBody,
  changeAllowed,
  changeProblem,
  statusAfterChange,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { secondmentChanges, secondmentEvents, secondments } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { SecondmentRow } from './presenter.js';
import type { SecondmentService } from './service.js';

/**
 * Extensions and early ends (延期、提前结束): asked by a holder of secondment.edit, decided by
 * ANOTHER holder of secondment.approve (separation of duties). Each step locks the secondment's
 * row, so two deciders at once get one decision and one 409.
 */

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
};

/** Why a change cannot apply to the term as it stands now (status, dates, overlap), or null. */
async function applyProblem(
  service: SecondmentService,
  tx: Executor,
  row: SecondmentRow,
  kind: ChangeRequestBody['kind'],
  newEnd: string,
): Promise<AppError | null> {
  if (!changeAllowed(row.status, kind)) return AppError.field('CONFLICT', 'kind', 'change_not_allowed');
  const problem = changeProblem(row, kind, newEnd);
  if (problem) return AppError.field('VALIDATION_FAILED', 'newEnd', problem);
  if (kind === 'extension') {
    const clash = await service.overlapFor(tx, row, {
      start: row.actualStart ?? row.plannedStart,
      end: newEnd,
    });
    if (clash) return new AppError('CONFLICT', { fields: [{ ...clash, path: 'newEnd' }] });
  }
  return null;
}

export async function requestChange(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  body: ChangeRequestBody,
): Promise<string> {
  const actor = requireActor(ctx.actor);
  try {
    return await service.db.transaction(async (tx) => {
      const { row } = await service.requireEdit(ctx, id, tx, true);
      const problem = await applyProblem(service, tx, row, body.kind, body.newEnd);
      if (problem) throw problem;
      const [pending] = await tx
        .select({ id: secondmentChanges.id })
        .from(secondmentChanges)
        .where(and(eq(secondmentChanges.secondmentId, id), eq(secondmentChanges.status, 'pending')));
      if (pending) throw AppError.field('CONFLICT', 'kind', 'change_pending');
      const [change] = await tx
        .insert(secondmentChanges)
        .values({
          secondmentId: id,
          kind: body.kind,
          newEnd: body.newEnd,
          previousEnd: row.plannedEnd,
          reason: body.reason,
          requestedBy: actor.id,
        })
        .returning({ id: secondmentChanges.id });
      const changeId = change?.id as string;
      await tx.insert(secondmentEvents).values({
        secondmentId: id,
        kind: 'change_requested',
        date: body.newEnd,
        detail: {
          changeId,
          kind: body.kind,
          newEnd: body.newEnd,
          previousEnd: row.plannedEnd,
          reason: body.reason,
        },
        actorId: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'secondment.change.request',
        entityType: 'secondment',
        entityId: id,
        detail: { changeId, kind: body.kind, newEnd: body.newEnd, previousEnd: row.plannedEnd },
      });
      return changeId;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw AppError.field('CONFLICT', 'kind', 'change_pending');
    throw error;
  }
}

/** Approves (and applies) or rejects a pending change. */
export async function decideChange(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  changeId: string,
  body: ChangeDecisionBody,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  const entity = { type: 'secondment', id };
  authorize(actor.permissions.has('secondment.approve'), 'secondment.change.decide', entity);
  await service.db.transaction(async (tx) => {
    const record = await service.load(id, tx, true);
    authorize(service.canApprove(actor, record), 'secondment.change.decide', entity);
    const [change] = await tx
      .select()
      .from(secondmentChanges)
      .where(and(eq(secondmentChanges.id, changeId), eq(secondmentChanges.secondmentId, id)))
      .for('update');
    if (!change) throw AppError.notFound();
    if (change.status !== 'pending') throw AppError.field('CONFLICT', 'decision', 'change_not_pending');
    if (change.requestedBy === actor.id)
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'decision', key: 'secondment_self_decision' }],
        details: {
          action: 'secondment.change.decide',
          entityType: 'secondment',
          entityId: id,
          reason: 'secondment_self_decision',
        },
      });
    const row = record.row;
    const approve = body.decision === 'approve';
    if (approve) {
      const problem = await applyProblem(service, tx, row, change.kind, change.newEnd);
      if (problem) throw AppError.field('CONFLICT', 'decision', 'change_outdated');
      const to = statusAfterChange(row.status, change.kind);
      await tx
        .update(secondments)
        .set(
          change.kind === 'extension'
            ? { plannedEnd: change.newEnd, status: to, updatedAt: new Date() }
            : { actualEnd: change.newEnd, status: to, updatedAt: new Date() },
        )
        .where(eq(secondments.id, id));
    }
    const now = new Date();
    await tx
      .update(secondmentChanges)
      .set({
        status: approve ? 'approved' : 'rejected',
        decidedBy: actor.id,
        decidedAt: now,
        comment: body.comment,
      })
      .where(eq(secondmentChanges.id, changeId));
    await tx.insert(secondmentEvents).values({
      secondmentId: id,
      kind: approve ? 'change_approved' : 'change_rejected',
      date: change.newEnd,
      detail: {
        changeId,
        kind: change.kind,
        newEnd: change.newEnd,
        previousEnd: change.previousEnd,
        ...(body.comment ? { comment: body.comment } : {}),
      },
      actorId: actor.id,
      at: now,
    });
    await recordAudit(tx, ctx, {
      action: approve ? 'secondment.change.approve' : 'secondment.change.reject',
      entityType: 'secondment',
      entityId: id,
      detail: { changeId, kind: change.kind, newEnd: change.newEnd, comment: body.comment },
      changes: approve
        ? change.kind === 'extension'
          ? {
              plannedEnd: [row.plannedEnd, change.newEnd],
              status: [row.status, statusAfterChange(row.status, change.kind)],
            }
          : { actualEnd: [row.actualEnd, change.newEnd], status: [row.status, 'ended_early'] }
        : null,
    });
  });
}

/** The requester withdraws a pending change. */
export async function withdrawChange(
  service: SecondmentService,
  ctx: RequestContext,
  id: string,
  changeId: string,
): Promise<void> {
  const actor = requireActor(ctx.actor);
  await service.db.transaction(async (tx) => {
    const record = await service.load(id, tx, true);
    authorize(service.canRead(actor, record), 'secondment.read', { type: 'secondment', id });
    const [change] = await tx
      .select()
      .from(secondmentChanges)
      .where(and(eq(secondmentChanges.id, changeId), eq(secondmentChanges.secondmentId, id)))
      .for('update');
    if (!change) throw AppError.notFound();
    if (change.requestedBy !== actor.id)
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'changeId', key: 'change_not_requester' }],
        details: { action: 'secondment.change.withdraw', entityType: 'secondment', entityId: id },
      });
    if (change.status !== 'pending') throw AppError.field('CONFLICT', 'changeId', 'change_not_pending');
    const now = new Date();
    await tx
      .update(secondmentChanges)
      .set({ status: 'withdrawn', decidedAt: now })
      .where(eq(secondmentChanges.id, changeId));
    await tx.insert(secondmentEvents).values({
      secondmentId: id,
      kind: 'change_withdrawn',
      date: change.newEnd,
      detail: { changeId, kind: change.kind, newEnd: change.newEnd },
      actorId: actor.id,
      at: now,
    });
    await recordAudit(tx, ctx, {
      action: 'secondment.change.withdraw',
      entityType: 'secondment',
      entityId: id,
      detail: { changeId, kind: change.kind },
    });
  });
}

/** One change as stored (for the 201 / withdraw responses). */
export async function loadChange(service: SecondmentService, changeId: string) {
  const [row] = await service.db.select().from(secondmentChanges).where(eq(secondmentChanges.id, changeId));
  if (!row) throw AppError.notFound();
  return row;
}
