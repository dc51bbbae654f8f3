import { type DecisionBody, isDecidable } from '@ganxun/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { enrollments, nominations } from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import { type Notifier, nominationDecidedNotice } from '../notices/events.js';
import { promoteWaitlist } from './seats.js';

/** Class statuses in which submitted nominations may be decided. */
const DECISION_STATUSES = ['published', 'nominations_closed', 'in_progress'];

/**
 * Approves or rejects submitted nominations of one class, all or none: every id must be a
 * submitted nomination of the class, else 409 naming each offending `ids.N`. Approval enrolls the
 * person (a withdrawn enrollment row comes back, so nobody is ever enrolled twice); rejection frees
 * the seat for the waiting list. Returns the decided ids in request order.
 */
export async function decide(
  tx: Executor,
  ctx: RequestContext,
  classes: ClassService,
  classId: string,
  body: DecisionBody,
  notices?: () => Notifier,
): Promise<string[]> {
  const actor = requireActor(ctx.actor);
  const record = await classes.load(classId, tx, true);
  if (!DECISION_STATUSES.includes(record.status))
    throw AppError.field('CONFLICT', 'decision', 'class_status_locked');
  const ids = [...new Set(body.ids)];
  const rows = await tx
    .select({
      id: nominations.id,
      status: nominations.status,
      personId: nominations.personId,
      quotaId: nominations.quotaId,
    })
    .from(nominations)
    .where(and(eq(nominations.classId, classId), inArray(nominations.id, ids)));
  const byId = new Map(rows.map((r) => [r.id, r]));
  const problems: FieldProblem[] = [];
  body.ids.forEach((id, i) => {
    const row = byId.get(id);
    if (!row || !isDecidable(row.status)) problems.push({ path: `ids.${i}`, key: 'not_decidable' });
  });
  if (problems.length) throw new AppError('CONFLICT', { fields: problems });

  const now = new Date();
  const approve = body.decision === 'approve';
  const status = approve ? 'approved' : 'rejected';
  await tx
    .update(nominations)
    .set({ status, decidedBy: actor.id, decidedAt: now, decisionReason: body.reason, updatedAt: now })
    .where(inArray(nominations.id, ids));
  const audits: AuditEntry[] = [];
  if (approve) {
    const enrolled = await tx
      .insert(enrollments)
      .values(rows.map((r) => ({ classId, personId: r.personId, nominationId: r.id })))
      .onConflictDoUpdate({
        target: [enrollments.classId, enrollments.personId],
        // A person approved again after withdrawing starts over as a plain member.
        set: {
          status: 'enrolled',
          nominationId: sql`excluded.nomination_id`,
          groupId: null,
          role: 'member',
          checkedInAt: null,
          checkedInBy: null,
          withdrawnAt: null,
          withdrawReason: null,
          updatedAt: now,
        },
      })
      .returning({ id: enrollments.id, personId: enrollments.personId });
    const enrollmentOf = new Map(enrolled.map((e) => [e.personId, e.id]));
    for (const r of rows)
      audits.push({
        action: 'nomination.approve',
        entityType: 'nomination',
        entityId: r.id,
        changes: { status: ['submitted', 'approved'] },
        detail: { enrollmentId: enrollmentOf.get(r.personId) ?? null, reason: body.reason },
      });
  } else {
    for (const r of rows)
      audits.push({
        action: 'nomination.reject',
        entityType: 'nomination',
        entityId: r.id,
        changes: { status: ['submitted', 'rejected'] },
        detail: { reason: body.reason },
      });
  }
  await recordAudits(tx, ctx, audits);
  await notices?.().notify(
    tx,
    await nominationDecidedNotice(
      tx,
      record,
      rows.map((r) => r.personId),
      body.decision,
      body.reason,
    ),
  );
  if (!approve) {
    for (const quotaId of new Set(rows.map((r) => r.quotaId)))
      await promoteWaitlist(tx, ctx, record, quotaId);
  }
  return ids;
}
