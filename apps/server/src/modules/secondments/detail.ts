import {
  changeAllowed,
  SECONDMENT_CHANGE_KINDS,
  type SecondmentDetailView,
  type SecondmentView,
} from '@ganxun/domain';
import { asc, desc, eq } from 'drizzle-orm';
import {
  secondmentAssessments,
  secondmentChanges,
  secondmentEvents,
  secondmentLogs,
} from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { reachesPartnership } from '../partnerships/policy.js';
import { talksOfSecondment } from '../partnerships/talks.js';
import { userNames } from './presenter.js';
import type { SecondmentRecord, SecondmentService } from './service.js';

type ChangeRow = typeof secondmentChanges.$inferSelect;

/** May the actor decide this change (secondment.approve on the pairing, not the requester)? */
export function mayDecide(ctx: RequestContext, record: SecondmentRecord, change: ChangeRow): boolean {
  const actor = ctx.actor;
  return (
    !!actor &&
    change.status === 'pending' &&
    change.requestedBy !== actor.id &&
    reachesPartnership(actor, 'secondment.approve', record.place.partnership)
  );
}

/** The detail of a term: its changes, logs, assessments, talks and timeline, for the reader. */
export async function loadDetail(
  service: SecondmentService,
  ctx: RequestContext,
  record: SecondmentRecord,
  base: SecondmentView,
): Promise<SecondmentDetailView> {
  const db = service.db;
  const id = record.row.id;
  const [changes, logs, assessments, talks, events] = await Promise.all([
    db
      .select()
      .from(secondmentChanges)
      .where(eq(secondmentChanges.secondmentId, id))
      .orderBy(desc(secondmentChanges.requestedAt)),
    db
      .select()
      .from(secondmentLogs)
      .where(eq(secondmentLogs.secondmentId, id))
      .orderBy(desc(secondmentLogs.date), desc(secondmentLogs.createdAt)),
    db
      .select()
      .from(secondmentAssessments)
      .where(eq(secondmentAssessments.secondmentId, id))
      .orderBy(asc(secondmentAssessments.year), asc(secondmentAssessments.kind)),
    talksOfSecondment(db, id),
    db
      .select()
      .from(secondmentEvents)
      .where(eq(secondmentEvents.secondmentId, id))
      .orderBy(asc(secondmentEvents.at), asc(secondmentEvents.id)),
  ]);
  const names = await userNames(db, [
    ...changes.flatMap((c) => [c.requestedBy, c.decidedBy]),
    ...logs.map((l) => l.createdBy),
    ...assessments.map((a) => a.assessedBy),
    ...events.map((e) => e.actorId),
  ]);
  const nameOf = (uid: string | null) => (uid ? (names.get(uid) ?? '') : null);
  const actor = ctx.actor;
  const isSecondee = service.isSecondee(actor, record);
  const pending = changes.some((c) => c.status === 'pending');
  const row = record.row;
  return {
    ...base,
    changes: changes.map((c) => ({
      id: c.id,
      kind: c.kind,
      newEnd: c.newEnd,
      previousEnd: c.previousEnd,
      reason: c.reason,
      status: c.status,
      requestedBy: nameOf(c.requestedBy) ?? '',
      requestedAt: c.requestedAt.toISOString(),
      decidedBy: nameOf(c.decidedBy),
      decidedAt: c.decidedAt?.toISOString() ?? null,
      comment: c.comment,
      canDecide: mayDecide(ctx, record, c),
      canWithdraw: c.status === 'pending' && !!actor && c.requestedBy === actor.id,
    })),
    logs: logs.map((l) => ({
      id: l.id,
      kind: l.kind,
      date: l.date,
      title: l.title,
      content: l.content,
      createdBy: nameOf(l.createdBy) ?? '',
      createdAt: l.createdAt.toISOString(),
    })),
    assessments: assessments.map((a) => ({
      id: a.id,
      kind: a.kind,
      year: a.year,
      grade: a.grade,
      comment: a.comment,
      assessedBy: nameOf(a.assessedBy) ?? '',
      assessedAt: a.assessedAt.toISOString(),
    })),
    talks,
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      date: e.date,
      detail: e.detail,
      actorName: nameOf(e.actorId),
      at: e.at.toISOString(),
    })),
    canLog: base.canEdit || isSecondee,
    canRequestChange:
      base.canEdit && !pending && SECONDMENT_CHANGE_KINDS.some((k) => changeAllowed(row.status, k)),
  };
}
