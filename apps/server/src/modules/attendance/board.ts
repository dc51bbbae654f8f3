import {
  type AttendanceRecordView,
  type AttendanceSettings,
  type AttendanceTally,
  attendanceRate,
  checkInPhase,
  type LiveBoardView,
  liveBoardCounts,
} from '@ganxun/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { attendanceRecords } from '../../db/schema/index.js';
import { presentRecord, type TraineeRef } from './presenter.js';
import { approvedLeaveOf, expectedAt, leaveKey, sessionsOfClass, traineesOf } from './query.js';
import { factsOf, type RecordRow, resolve, type SessionRow, statusColumns } from './record.js';

/**
 * Reading attendance: the live board of one item and the class's records with rates. Once an item
 * has ended, the statuses read are written back (absent rows for those never seen, `method: auto`),
 * idempotently: an insert that ignores existing rows, and updates only of rows unchanged since read.
 */

const key = leaveKey;

async function recordsOf(
  db: Executor,
  classId: string,
  sessionIds: string[],
): Promise<Map<string, RecordRow>> {
  if (sessionIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(attendanceRecords)
    .where(and(eq(attendanceRecords.classId, classId), inArray(attendanceRecords.sessionId, sessionIds)));
  return new Map(rows.map((r) => [key(r.sessionId, r.enrollmentId), r]));
}

/** Writes the final statuses of ended items; returns the records as they now stand. */
async function finalise(
  db: Executor,
  classId: string,
  sessions: SessionRow[],
  trainees: TraineeRef[],
  records: Map<string, RecordRow>,
  leave: Set<string>,
  settings: AttendanceSettings,
  now: Date,
): Promise<Map<string, RecordRow>> {
  const missing: (typeof attendanceRecords.$inferInsert)[] = [];
  const stale: { row: RecordRow; status: ReturnType<typeof statusColumns> }[] = [];
  for (const session of sessions) {
    if (now.getTime() < session.endsAt.getTime()) continue;
    for (const trainee of trainees) {
      if (!expectedAt(session, trainee)) continue;
      const k = key(session.id, trainee.enrollmentId);
      const row = records.get(k);
      const status = statusColumns(resolve(factsOf(row), session, settings, now, leave.has(k)));
      if (!row) {
        missing.push({ classId, sessionId: session.id, enrollmentId: trainee.enrollmentId, ...status });
      } else if (row.status !== status.status || row.method !== status.method) {
        stale.push({ row, status });
      }
    }
  }
  if (missing.length === 0 && stale.length === 0) return records;
  for (let i = 0; i < missing.length; i += 500) {
    await db
      .insert(attendanceRecords)
      .values(missing.slice(i, i + 500))
      .onConflictDoNothing({ target: [attendanceRecords.sessionId, attendanceRecords.enrollmentId] });
  }
  for (const { row, status } of stale) {
    // Only if nobody wrote the record since it was read (a later write judged it itself).
    await db
      .update(attendanceRecords)
      .set({ ...status, updatedAt: now })
      .where(and(eq(attendanceRecords.id, row.id), eq(attendanceRecords.updatedAt, row.updatedAt)));
  }
  return recordsOf(
    db,
    classId,
    sessions.map((s) => s.id),
  );
}

/** The live board of one item at `now`. */
export async function liveBoard(
  db: Executor,
  classId: string,
  session: SessionRow,
  settings: AttendanceSettings,
  now: Date,
): Promise<LiveBoardView> {
  const trainees = (await traineesOf(db, classId)).filter((tr) => expectedAt(session, tr));
  const leave = await approvedLeaveOf(db, classId, [session.id]);
  let records = await recordsOf(db, classId, [session.id]);
  records = await finalise(db, classId, [session], trainees, records, leave, settings, now);
  const views = trainees.map((tr) => {
    const k = key(session.id, tr.enrollmentId);
    const row = records.get(k);
    return presentRecord(session.id, tr, row, resolve(factsOf(row), session, settings, now, leave.has(k)));
  });
  return {
    classId,
    sessionId: session.id,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    phase: checkInPhase(
      { startsAt: session.startsAt.getTime(), endsAt: session.endsAt.getTime() },
      now.getTime(),
      settings,
    ),
    counts: liveBoardCounts(views.map((v) => v.status)),
    records: views,
    generatedAt: now.toISOString(),
  };
}

/** A trainee's rate over the required items that have started. */
export interface TraineeRate extends AttendanceTally {
  enrollmentId: string;
  person: { id: string; name: string; unitName: string | null };
}

/**
 * The class's records (every trainee × every item that has a record or has ended) and each
 * trainee's attendance rate over the required items of theirs that have started by `now`.
 */
export async function classAttendance(
  db: Executor,
  classId: string,
  settings: AttendanceSettings,
  now: Date,
  narrow: { enrollmentIds?: string[] } = {},
): Promise<{ items: AttendanceRecordView[]; rates: TraineeRate[] }> {
  const sessions = await sessionsOfClass(db, classId);
  const allTrainees = await traineesOf(db, classId);
  const sessionIds = sessions.map((s) => s.id);
  const leave = await approvedLeaveOf(db, classId, sessionIds);
  let records = await recordsOf(db, classId, sessionIds);
  records = await finalise(db, classId, sessions, allTrainees, records, leave, settings, now);
  const trainees = narrow.enrollmentIds
    ? allTrainees.filter((tr) => narrow.enrollmentIds?.includes(tr.enrollmentId))
    : allTrainees;
  const items: AttendanceRecordView[] = [];
  const rates: TraineeRate[] = [];
  for (const tr of trainees) {
    const theirs = sessions.filter((s) => expectedAt(s, tr));
    const statuses: { enrollmentId: string; sessionId: string; status: AttendanceRecordView['status'] }[] =
      [];
    for (const session of theirs) {
      const k = key(session.id, tr.enrollmentId);
      const row = records.get(k);
      if (!row) continue;
      const view = presentRecord(
        session.id,
        tr,
        row,
        resolve(factsOf(row), session, settings, now, leave.has(k)),
      );
      items.push(view);
      statuses.push({ enrollmentId: tr.enrollmentId, sessionId: session.id, status: view.status });
    }
    const required = theirs
      .filter((s) => s.attendanceRequired && s.startsAt.getTime() <= now.getTime())
      .map((s) => s.id);
    const tally = attendanceRate(statuses, required, [tr.enrollmentId]).byTrainee.get(tr.enrollmentId);
    if (tally) {
      rates.push({
        enrollmentId: tr.enrollmentId,
        person: { id: tr.personId, name: tr.name, unitName: tr.unitName },
        ...tally,
      });
    }
  }
  return { items, rates };
}
