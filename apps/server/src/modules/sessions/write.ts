import {
  type ConflictView,
  type CreateSessionBody,
  MAX_SESSION_MINUTES,
  type TrainingSettings,
  type UpdateSessionBody,
} from '@ganxun/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  classSessionLecturers,
  classSessions,
  sessionMaterials,
  storedFiles,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import { itemStates, recordChanges } from './changes.js';
import {
  chinaSpan,
  crossClassBookings,
  type Finding,
  type Judgement,
  judge,
  loadOwnShapes,
} from './conflicts.js';
import { lockBookings, lockForWrite } from './locks.js';
import { presentFindings } from './presenter.js';
import type { SessionRow } from './read.js';
import { checkSessionReferences } from './references.js';

/**
 * Writes of single items (create, update, delete), each in one transaction: the class locked,
 * references checked, bookings locked, the row written, then judged against the database as it
 * now stands — a double booking of another class's lecturer or venue throws and rolls it all back.
 */

export interface WriteDeps {
  classes: ClassService;
  rule: TrainingSettings;
}

export interface WriteOutcome {
  row: SessionRow;
  conflicts: ConflictView[];
}

/** An item's place in a body and the lecturers it lists (to name the field of a refused booking). */
export interface WrittenItem {
  id: string;
  prefix: string;
  lecturerIds: readonly string[];
}

/**
 * 409 when an item double-books another class's lecturer (field `lecturers.N.lecturerId`) or venue
 * (`venueId`), x = the other class's code and name and the time; the findings in `details`.
 */
export async function refuseCrossClass(
  tx: Tx,
  ctx: RequestContext,
  j: Judgement,
  written: readonly WrittenItem[],
): Promise<void> {
  const refused = crossClassBookings(j);
  if (refused.length === 0) return;
  const fields: FieldProblem[] = [];
  for (const f of refused) {
    const item = written.find((w) => w.id === f.itemId);
    const other = f.otherItemId ? j.external.get(f.otherItemId) : undefined;
    if (!item || !other) continue;
    const x = `${other.classCode} ${other.className}（${chinaSpan(other)}）`;
    const path =
      f.kind === 'venue_double_booked'
        ? `${item.prefix}venueId`
        : `${item.prefix}lecturers.${Math.max(0, item.lecturerIds.indexOf(f.lecturerId ?? ''))}.lecturerId`;
    if (!fields.some((p) => p.path === path)) fields.push({ path, key: f.kind, x });
  }
  throw new AppError('CONFLICT', {
    fields,
    details: { conflicts: await presentFindings(tx, j, refused, ctx.locale) },
  });
}

/** The warnings among the findings that the writer acknowledged (recorded with the change). */
export function acknowledgedOf(findings: readonly Finding[], acknowledge: readonly string[]): string[] {
  const given = new Set(acknowledge);
  return findings.filter((f) => f.severity === 'warning' && given.has(f.key)).map((f) => f.key);
}

/** 400 unless the item starts before it ends and lasts at most a day. */
function checkInterval(startsAt: Date, endsAt: Date): void {
  if (endsAt.getTime() <= startsAt.getTime())
    throw AppError.field('VALIDATION_FAILED', 'endsAt', 'end_not_after_start');
  if (endsAt.getTime() - startsAt.getTime() > MAX_SESSION_MINUTES * 60_000)
    throw AppError.field('VALIDATION_FAILED', 'endsAt', 'session_too_long');
}

async function checkReferences(
  tx: Tx,
  classId: string,
  refs: Parameters<typeof checkSessionReferences>[2][number]['refs'],
): Promise<void> {
  const problems = await checkSessionReferences(tx, classId, [{ prefix: '', refs }]);
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
}

async function setLecturers(
  tx: Tx,
  sessionId: string,
  list: readonly { lecturerId: string; role: 'speaker' | 'host' | 'commentator' }[],
): Promise<void> {
  await tx.delete(classSessionLecturers).where(eq(classSessionLecturers.sessionId, sessionId));
  if (list.length) {
    await tx
      .insert(classSessionLecturers)
      .values(list.map((l, position) => ({ sessionId, lecturerId: l.lecturerId, role: l.role, position })));
  }
}

/** Judges the written items on the transaction, refuses cross-class double bookings, presents the rest. */
export async function judgeWrite(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  klass: Parameters<typeof judge>[1],
  written: readonly WrittenItem[],
): Promise<{ judgement: Judgement; conflicts: ConflictView[] }> {
  const own = await loadOwnShapes(tx, klass.id);
  const judgement = await judge(tx, klass, deps.rule, own, new Set(written.map((w) => w.id)));
  await refuseCrossClass(tx, ctx, judgement, written);
  return { judgement, conflicts: await presentFindings(tx, judgement, judgement.findings, ctx.locale) };
}

export async function createSession(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  classId: string,
  body: CreateSessionBody,
): Promise<WriteOutcome> {
  const lecturerIds = body.lecturers.map((l) => l.lecturerId);
  const klass = await lockForWrite(tx, deps.classes, classId, {
    lecturerIds,
    venueIds: body.venueId ? [body.venueId] : [],
  });
  await checkReferences(tx, classId, body);
  const { acknowledge, lecturers: list, ...fields } = body;
  const [row] = await tx
    .insert(classSessions)
    .values({
      ...fields,
      classId,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      createdBy: ctx.actor?.id ?? null,
    })
    .returning();
  if (!row) throw new Error('session not inserted');
  await setLecturers(tx, row.id, list);
  const { judgement, conflicts } = await judgeWrite(tx, ctx, deps, klass, [
    { id: row.id, prefix: '', lecturerIds },
  ]);
  const after = (await itemStates(tx, [row.id])).get(row.id) ?? null;
  await recordChanges(tx, ctx, classId, [
    {
      kind: 'created',
      sessionId: row.id,
      before: null,
      after,
      acknowledged: acknowledgedOf(judgement.findings, acknowledge),
    },
  ]);
  await recordAudit(tx, ctx, {
    action: 'session.create',
    entityType: 'class_session',
    entityId: row.id,
    changes: { ...fields, lecturers: list },
    detail: { classId },
  });
  return { row, conflicts };
}

/** The item of the class, locked with it; 404 when it is not the class's, 409 on a stale version. */
async function currentItem(tx: Tx, classId: string, sessionId: string, version: number): Promise<SessionRow> {
  const [row] = await tx
    .select()
    .from(classSessions)
    .where(and(eq(classSessions.id, sessionId), eq(classSessions.classId, classId)));
  if (!row) throw AppError.notFound();
  if (row.version !== version) throw AppError.field('CONFLICT', 'version', 'version_conflict', row.version);
  return row;
}

export async function updateSession(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  classId: string,
  sessionId: string,
  body: UpdateSessionBody,
): Promise<WriteOutcome> {
  const klass = await lockForWrite(tx, deps.classes, classId);
  const current = await currentItem(tx, classId, sessionId, body.version);
  const { acknowledge, version, lecturers: list, ...fields } = body;
  const currentLecturers = await tx
    .select({ lecturerId: classSessionLecturers.lecturerId })
    .from(classSessionLecturers)
    .where(eq(classSessionLecturers.sessionId, sessionId))
    .orderBy(asc(classSessionLecturers.position));
  const lecturerIds = list ? list.map((l) => l.lecturerId) : currentLecturers.map((l) => l.lecturerId);
  const startsAt = fields.startsAt ? new Date(fields.startsAt) : current.startsAt;
  const endsAt = fields.endsAt ? new Date(fields.endsAt) : current.endsAt;
  const venueId = fields.venueId === undefined ? current.venueId : fields.venueId;
  // The class is locked (above), then the bookings: lockForWrite's order.
  await lockBookings(tx, { lecturerIds, venueIds: venueId ? [venueId] : [] });
  checkInterval(startsAt, endsAt);
  await checkReferences(tx, classId, { ...fields, lecturers: list });
  const before = (await itemStates(tx, [sessionId])).get(sessionId) ?? null;
  const [row] = await tx
    .update(classSessions)
    .set({ ...fields, startsAt, endsAt, version: current.version + 1, updatedAt: new Date() })
    .where(and(eq(classSessions.id, sessionId), eq(classSessions.version, version)))
    .returning();
  if (!row) throw AppError.field('CONFLICT', 'version', 'version_conflict', current.version + 1);
  if (list) await setLecturers(tx, sessionId, list);
  const { judgement, conflicts } = await judgeWrite(tx, ctx, deps, klass, [
    { id: sessionId, prefix: '', lecturerIds },
  ]);
  const after = (await itemStates(tx, [sessionId])).get(sessionId) ?? null;
  await recordChanges(tx, ctx, classId, [
    {
      kind: 'updated',
      sessionId,
      before,
      after,
      acknowledged: acknowledgedOf(judgement.findings, acknowledge),
    },
  ]);
  const was = current as unknown as Record<string, unknown>;
  const changes: Record<string, unknown> = Object.fromEntries(
    Object.entries(fields).map(([k, v]) => {
      const old = was[k];
      return [k, [old instanceof Date ? old.toISOString() : (old ?? null), v]];
    }),
  );
  if (list) changes.lecturers = [before?.lecturerIds ?? [], lecturerIds];
  await recordAudit(tx, ctx, {
    action: 'session.update',
    entityType: 'class_session',
    entityId: sessionId,
    changes,
    detail: { classId, version: row.version },
  });
  return { row, conflicts };
}

export async function deleteSession(
  tx: Tx,
  ctx: RequestContext,
  deps: WriteDeps,
  classId: string,
  sessionId: string,
  version: number,
): Promise<void> {
  await lockForWrite(tx, deps.classes, classId);
  await currentItem(tx, classId, sessionId, version);
  // An item that was held keeps its results: its attendance and evaluation answers would go with
  // it (ON DELETE CASCADE), and they count toward completion and the lecturer's ratings.
  const { rows: held } = (await tx.execute(sql`select
      (select count(*) from attendance_records where session_id = ${sessionId}::uuid)::int
      + (select count(*) from survey_responses r join survey_forms f on f.id = r.form_id
         where f.session_id = ${sessionId}::uuid)::int as n`)) as unknown as { rows: { n: number }[] };
  const records = Number(held[0]?.n ?? 0);
  if (records > 0) throw AppError.field('CONFLICT', 'sessionId', 'session_has_records', records);
  const before = (await itemStates(tx, [sessionId])).get(sessionId) ?? null;
  const files = await tx
    .select({ id: sessionMaterials.fileId })
    .from(sessionMaterials)
    .where(eq(sessionMaterials.sessionId, sessionId));
  const deleted = await tx
    .delete(classSessions)
    .where(and(eq(classSessions.id, sessionId), eq(classSessions.version, version)))
    .returning({ id: classSessions.id });
  if (deleted.length === 0) throw AppError.field('CONFLICT', 'version', 'version_conflict', version + 1);
  // The item's materials go with it (their files are not shared).
  if (files.length)
    await tx.delete(storedFiles).where(
      inArray(
        storedFiles.id,
        files.map((f) => f.id),
      ),
    );
  await recordChanges(tx, ctx, classId, [{ kind: 'deleted', sessionId, before, after: null }]);
  await recordAudit(tx, ctx, {
    action: 'session.delete',
    entityType: 'class_session',
    entityId: sessionId,
    changes: { title: before?.snapshot.title ?? null },
    detail: { classId, version },
  });
}
