import { type ClassStatus, classTransition, publishProblems, type TransitionBody } from '@ganxun/domain';
import { and, count, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classEvents, classes, nominations } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';
import type { ClassRecord, ClassRow } from './service.js';

/**
 * Moves a class (locked by the caller) along its lifecycle: the action must be allowed from the
 * current status (409 `transition_not_allowed` on `action`), and each has its guard —
 * publish: everything publishing needs (400 `required_to_publish` on each missing field);
 * start: no nomination left undecided (409 `undecided_nominations`, x = how many);
 * complete: the end date has come (409 `class_not_ended`); cancel: a reason (400 `reason_required`).
 * Writes the status, a 'transition' event with the reason and the audit event.
 */
export async function transitionClass(
  tx: Tx,
  ctx: RequestContext,
  record: ClassRecord,
  body: TransitionBody,
): Promise<ClassRow> {
  const from = record.status as ClassStatus;
  const to = classTransition(from, body.action);
  if (!to) throw AppError.field('CONFLICT', 'action', 'transition_not_allowed');
  const reason = body.reason?.trim() || null;

  switch (body.action) {
    case 'publish': {
      const missing = publishProblems({
        ...record,
        nominationDeadline: record.nominationDeadline ? shanghaiToday(record.nominationDeadline) : null,
      });
      if (missing.length > 0)
        throw new AppError('VALIDATION_FAILED', {
          fields: missing.map((path) => ({ path, key: 'required_to_publish' })),
        });
      break;
    }
    case 'start': {
      const [undecided] = await tx
        .select({ n: count() })
        .from(nominations)
        .where(and(eq(nominations.classId, record.id), eq(nominations.status, 'submitted')));
      const n = Number(undecided?.n ?? 0);
      if (n > 0) throw AppError.field('CONFLICT', 'action', 'undecided_nominations', n);
      break;
    }
    case 'complete':
      if (!record.endDate || record.endDate > shanghaiToday())
        throw AppError.field('CONFLICT', 'action', 'class_not_ended');
      break;
    case 'cancel':
      if (!reason) throw AppError.field('VALIDATION_FAILED', 'reason', 'reason_required');
      break;
    default:
      break;
  }

  const [row] = await tx
    .update(classes)
    .set({
      status: to,
      ...(body.action === 'cancel' ? { cancelReason: reason } : {}),
      updatedAt: new Date(),
    })
    .where(eq(classes.id, record.id))
    .returning();
  if (!row) throw AppError.notFound();
  await tx.insert(classEvents).values({
    classId: record.id,
    actorId: ctx.actor?.id ?? null,
    kind: 'transition',
    action: body.action,
    fromStatus: from,
    toStatus: to,
    reason,
  });
  await recordAudit(tx, ctx, {
    action: 'class.transition',
    entityType: 'class',
    entityId: record.id,
    changes: { status: [from, to], ...(body.action === 'cancel' ? { cancelReason: [null, reason] } : {}) },
    detail: { action: body.action, reason },
  });
  return row;
}
