import type { ConflictView, CopySessionsBody, ShiftSessionsBody, TemplateItem } from '@ganxun/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classSessionLecturers, classSessions } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { itemStates, recordChanges } from './changes.js';
import { lockBookings, lockForWrite } from './locks.js';
import type { SessionRow } from './read.js';
import { checkSessionReferences } from './references.js';
import { layItem } from './templates.js';
import { acknowledgedOf, judgeWrite, type WriteDeps, type WrittenItem } from './write.js';

/**
 * Writes of many items at once — shifting by days, copying another class's timetable or a
 * template — all-or-nothing in one transaction, refused like a single write when any item would
 * double-book another class's lecturer or venue (fields named `items.N.…`).
 */

export interface BulkOutcome {
  rows: SessionRow[];
  conflicts: ConflictView[];
}

async function lecturersOf(tx: Tx, ids: readonly string[]): Promise<Map<string, string[]>> {
  const links = ids.length
    ? await tx
        .select({ sessionId: classSessionLecturers.sessionId, lecturerId: classSessionLecturers.lecturerId })
        .from(classSessionLecturers)
        .where(inArray(classSessionLecturers.sessionId, [...ids]))
        .orderBy(asc(classSessionLecturers.position))
    : [];
  const out = new Map<string, string[]>();
  for (const l of links) out.set(l.sessionId, [...(out.get(l.sessionId) ?? []), l.lecturerId]);
  return out;
}

/** Moves items (all of the class's, or those named) by whole days, keeping their times of day. */
export async function shiftSessions(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  classId: string,
  body: ShiftSessionsBody,
): Promise<BulkOutcome> {
  const klass = await lockForWrite(tx, deps.classes, classId);
  const rows = await tx
    .select()
    .from(classSessions)
    .where(
      and(
        eq(classSessions.classId, classId),
        body.sessionIds ? inArray(classSessions.id, body.sessionIds) : undefined,
      ),
    )
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id));
  if (body.sessionIds) {
    const found = new Set(rows.map((r) => r.id));
    const problems = body.sessionIds
      .map((id, i) => ({ id, i }))
      .filter(({ id }) => !found.has(id))
      .map(({ i }) => ({ path: `sessionIds.${i}`, key: 'session_unknown' }));
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }
  if (rows.length === 0) return { rows: [], conflicts: [] };
  const ids = rows.map((r) => r.id);
  const lecturers = await lecturersOf(tx, ids);
  await lockBookings(tx, {
    lecturerIds: [...lecturers.values()].flat(),
    venueIds: rows.map((r) => r.venueId).filter((v): v is string => !!v),
  });
  const before = await itemStates(tx, ids);
  const hours = body.days * 24;
  const moved = await tx
    .update(classSessions)
    .set({
      startsAt: sql`${classSessions.startsAt} + ${hours} * interval '1 hour'`,
      endsAt: sql`${classSessions.endsAt} + ${hours} * interval '1 hour'`,
      version: sql`${classSessions.version} + 1`,
      updatedAt: new Date(),
    })
    .where(inArray(classSessions.id, ids))
    .returning();
  const written: WrittenItem[] = rows.map((r, i) => ({
    id: r.id,
    prefix: `items.${i}.`,
    lecturerIds: lecturers.get(r.id) ?? [],
  }));
  const { judgement, conflicts } = await judgeWrite(tx, ctx, deps, klass, written);
  const after = await itemStates(tx, ids);
  const acknowledged = acknowledgedOf(judgement.findings, body.acknowledge);
  await recordChanges(
    tx,
    ctx,
    classId,
    ids.map((id) => ({
      kind: 'shifted' as const,
      sessionId: id,
      before: before.get(id) ?? null,
      after: after.get(id) ?? null,
      acknowledged: acknowledged.filter((k) => k.includes(id)),
    })),
  );
  await recordAudit(tx, ctx, {
    action: 'timetable.shift',
    entityType: 'class',
    entityId: classId,
    changes: { days: body.days },
    detail: { sessionIds: ids },
  });
  const order = new Map(ids.map((id, i) => [id, i]));
  return { rows: moved.sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0)), conflicts };
}

/**
 * Lays a source's items (another class's timetable or a template, as template items) on the class
 * from `body.startDate` (default the class's first day). Lecturers are copied unless told not to.
 */
export async function copySessions(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  classId: string,
  body: CopySessionsBody,
  source: readonly TemplateItem[],
): Promise<BulkOutcome> {
  const klass = await lockForWrite(tx, deps.classes, classId);
  const sourceField = body.templateId ? 'templateId' : 'fromClassId';
  if (source.length === 0) throw AppError.field('CONFLICT', sourceField, 'timetable_empty');
  const firstDay = body.startDate ?? klass.startDate;
  if (!firstDay) throw AppError.field('VALIDATION_FAILED', 'startDate', 'start_date_required');
  const items = source.map((item) => ({
    ...item,
    lecturers: body.lecturers ? item.lecturers : [],
    ...layItem(item, firstDay),
  }));
  const problems = await checkSessionReferences(
    tx,
    classId,
    items.map((item, i) => ({ prefix: `items.${i}.`, refs: item })),
  );
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  await lockBookings(tx, {
    lecturerIds: items.flatMap((i) => i.lecturers.map((l) => l.lecturerId)),
    venueIds: items.map((i) => i.venueId).filter((v): v is string => !!v),
  });
  const rows = await tx
    .insert(classSessions)
    .values(
      items.map((i) => ({
        classId,
        type: i.type,
        title: i.title,
        startsAt: i.startsAt,
        endsAt: i.endsAt,
        venueId: i.venueId,
        location: i.location,
        attendanceRequired: i.attendanceRequired,
        hours: i.hours,
        description: i.description,
        createdBy: ctx.actor?.id ?? null,
      })),
    )
    .returning();
  const links = rows.flatMap((row, i) =>
    (items[i]?.lecturers ?? []).map((l, position) => ({
      sessionId: row.id,
      lecturerId: l.lecturerId,
      role: l.role,
      position,
    })),
  );
  if (links.length) await tx.insert(classSessionLecturers).values(links);
  const written: WrittenItem[] = rows.map((r, i) => ({
    id: r.id,
    prefix: `items.${i}.`,
    lecturerIds: (items[i]?.lecturers ?? []).map((l) => l.lecturerId),
  }));
  const { judgement, conflicts } = await judgeWrite(tx, ctx, deps, klass, written);
  const after = await itemStates(
    tx,
    rows.map((r) => r.id),
  );
  const acknowledged = acknowledgedOf(judgement.findings, body.acknowledge);
  await recordChanges(
    tx,
    ctx,
    classId,
    rows.map((r) => ({
      kind: 'copied' as const,
      sessionId: r.id,
      before: null,
      after: after.get(r.id) ?? null,
      acknowledged: acknowledged.filter((k) => k.includes(r.id)),
    })),
  );
  await recordAudit(tx, ctx, {
    action: 'timetable.copy',
    entityType: 'class',
    entityId: classId,
    changes: { items: rows.length, startDate: firstDay, lecturers: body.lecturers },
    detail: { fromClassId: body.fromClassId, templateId: body.templateId },
  });
  return { rows, conflicts };
}
