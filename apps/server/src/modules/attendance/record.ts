import {
  type AttendanceEvent,
  type AttendanceFacts,
  type AttendanceSettings,
  finalStatus,
  mergeScans,
  type ResolvedAttendance,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { attendanceRecords, type classSessions } from '../../db/schema/index.js';
import { approvedLeaveOf, leaveKey } from './query.js';

/**
 * The one-record invariant: a record is created empty (`ON CONFLICT DO NOTHING` on the unique
 * (session, enrollment) key), then locked with `FOR UPDATE`, merged with `mergeScans` and written
 * back. Concurrent writers of the same record queue on the row lock, each merging into what the
 * previous one committed, so the record keeps the earliest check-in whatever the order.
 */

export type RecordRow = typeof attendanceRecords.$inferSelect;
export type SessionRow = typeof classSessions.$inferSelect;

/** The facts stored in a record. */
export function factsOf(row: RecordRow | null | undefined): AttendanceFacts | null {
  if (!row) return null;
  return {
    checkIn:
      row.checkInAt && row.checkInMethod ? { at: row.checkInAt.getTime(), method: row.checkInMethod } : null,
    checkOut:
      row.checkOutAt && row.checkOutMethod
        ? { at: row.checkOutAt.getTime(), method: row.checkOutMethod }
        : null,
    mark:
      row.markStatus && row.markAt
        ? { at: row.markAt.getTime(), status: row.markStatus, by: row.markBy, note: row.markNote }
        : null,
  };
}

/**
 * A record's status at `now`. `onLeave`: the trainee has approved leave for the item (a staff mark
 * or a scan still outranks it, `finalStatus`).
 */
export function resolve(
  facts: AttendanceFacts | null,
  session: Pick<SessionRow, 'startsAt' | 'endsAt'>,
  settings: AttendanceSettings,
  now: Date,
  onLeave = false,
): ResolvedAttendance | null {
  const ended = now.getTime() >= session.endsAt.getTime();
  return finalStatus(facts, onLeave, ended, {
    session: { startsAt: session.startsAt.getTime(), endsAt: session.endsAt.getTime() },
    settings,
  });
}

/** The columns of a record for its facts and their status. */
export function columnsOf(facts: AttendanceFacts, resolved: ResolvedAttendance | null) {
  return {
    checkInAt: facts.checkIn ? new Date(facts.checkIn.at) : null,
    checkInMethod: facts.checkIn?.method ?? null,
    checkOutAt: facts.checkOut ? new Date(facts.checkOut.at) : null,
    checkOutMethod: facts.checkOut?.method ?? null,
    markStatus: facts.mark?.status ?? null,
    markAt: facts.mark ? new Date(facts.mark.at) : null,
    markBy: facts.mark?.by ?? null,
    markNote: facts.mark?.note ?? null,
    status: resolved?.status ?? null,
    method: resolved?.method ?? null,
  };
}

/**
 * Merges an accepted scan or mark (a merged event is a fact, which outranks approved leave, so the
 * leave requests need not be read here) into the record of (session, enrollment), creating it if needed;
 * run inside a transaction. `created` is true when this call made the record.
 */
export async function mergeIntoRecord(
  tx: Executor,
  input: {
    classId: string;
    session: SessionRow;
    enrollmentId: string;
    event: AttendanceEvent;
    settings: AttendanceSettings;
    now: Date;
  },
): Promise<{ row: RecordRow; created: boolean }> {
  const { session, enrollmentId } = input;
  const inserted = await tx
    .insert(attendanceRecords)
    .values({ classId: input.classId, sessionId: session.id, enrollmentId })
    .onConflictDoNothing({ target: [attendanceRecords.sessionId, attendanceRecords.enrollmentId] })
    .returning({ id: attendanceRecords.id });
  const [current] = await tx
    .select()
    .from(attendanceRecords)
    .where(and(eq(attendanceRecords.sessionId, session.id), eq(attendanceRecords.enrollmentId, enrollmentId)))
    .for('update');
  if (!current) throw new Error('attendance record vanished');
  const facts = mergeScans(factsOf(current), input.event);
  const [row] = await tx
    .update(attendanceRecords)
    .set({ ...columnsOf(facts, resolve(facts, session, input.settings, input.now)), updatedAt: input.now })
    .where(eq(attendanceRecords.id, current.id))
    .returning();
  if (!row) throw new Error('attendance record not updated');
  return { row, created: inserted.length > 0 };
}

/** The status columns to store for a record read at `now` (finalisation after the end). */
export function statusColumns(resolved: ResolvedAttendance | null) {
  return { status: resolved?.status ?? null, method: resolved?.method ?? null };
}

/**
 * Recomputes the records of one trainee for some items after their approved leave changed (a
 * leave request approved or cancelled), creating missing ones, each locked while written; run in
 * the transaction that changed the leave. `onLeave` is read from the leave requests as committed
 * in that transaction.
 */
export async function recomputeLeaveRecords(
  tx: Executor,
  input: {
    classId: string;
    sessions: SessionRow[];
    enrollmentId: string;
    settings: AttendanceSettings;
    now: Date;
  },
): Promise<void> {
  const { classId, sessions, enrollmentId } = input;
  if (sessions.length === 0) return;
  const leave = await approvedLeaveOf(
    tx,
    classId,
    sessions.map((s) => s.id),
  );
  for (const session of sessions) {
    await tx
      .insert(attendanceRecords)
      .values({ classId, sessionId: session.id, enrollmentId })
      .onConflictDoNothing({ target: [attendanceRecords.sessionId, attendanceRecords.enrollmentId] });
    const [current] = await tx
      .select()
      .from(attendanceRecords)
      .where(
        and(eq(attendanceRecords.sessionId, session.id), eq(attendanceRecords.enrollmentId, enrollmentId)),
      )
      .for('update');
    if (!current) throw new Error('attendance record vanished');
    const onLeave = leave.has(leaveKey(session.id, enrollmentId));
    const resolved = resolve(factsOf(current), session, input.settings, input.now, onLeave);
    await tx
      .update(attendanceRecords)
      .set({ ...statusColumns(resolved), updatedAt: input.now })
      .where(eq(attendanceRecords.id, current.id));
  }
}
