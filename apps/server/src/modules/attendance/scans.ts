import type { AttendanceEvent, AttendanceSettings, ScanMethod } from '@ganxun/domain';
import { eventFacts } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { decodeRow, runPrepared, type Statement, selectColumns } from '../../db/prepared.js';
import { attendanceRecords, attendanceScans } from '../../db/schema/index.js';
import { columnsOf, mergeIntoRecord, type RecordRow, resolve, type SessionRow } from './record.js';

/** One accepted scan or mark to apply to a trainee's record of an item. */
export interface ScanInput {
  classId: string;
  session: SessionRow;
  enrollmentId: string;
  kind: 'check_in' | 'check_out' | 'mark';
  method: ScanMethod;
  event: AttendanceEvent;
  at: Date;
  clientId?: string | null;
  byUser: string | null;
  settings: AttendanceSettings;
  now: Date;
}

/**
 * The first scan of a trainee at an item — the common case of a check-in storm — in one
 * statement: the record is inserted already judged (`ON CONFLICT DO NOTHING` on the one-record
 * key) and the scan is logged from the inserted row. Null when a record exists (or the scan carries
 * a client id, whose idempotency needs the scan row first): the caller then takes `applyScan`.
 * A check-in outranks approved leave (`finalStatus`), so the record's status needs no leave lookup.
 */
export async function applyFirstScan(db: Db, embedded: boolean, input: ScanInput): Promise<RecordRow | null> {
  if (input.clientId) return null;
  const facts = eventFacts(input.event);
  const c = columnsOf(facts, resolve(facts, input.session, input.settings, input.now));
  const [row] = await runPrepared(db, embedded, FIRST_SCAN, [
    input.classId,
    input.session.id,
    input.enrollmentId,
    iso(c.checkInAt),
    c.checkInMethod,
    iso(c.checkOutAt),
    c.checkOutMethod,
    c.markStatus,
    iso(c.markAt),
    c.markBy,
    c.markNote,
    c.status,
    c.method,
    input.now.toISOString(),
    input.kind,
    input.method,
    input.at.toISOString(),
    input.byUser,
  ]);
  return row ? decodeRow(attendanceRecords, row) : null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/**
 * A first scan as one prepared statement: the record inserted already judged and — only if it was
 * inserted — the scan logged from the new row, in one round trip, one plan and one commit.
 */
const FIRST_SCAN: Statement = {
  name: 'attendance_first_scan',
  text: `with r as (
      insert into attendance_records (class_id, session_id, enrollment_id, check_in_at, check_in_method,
        check_out_at, check_out_method, mark_status, mark_at, mark_by, mark_note, status, method, created_at, updated_at)
      values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)
      on conflict (session_id, enrollment_id) do nothing
      returning *),
    s as (
      insert into attendance_scans (class_id, session_id, enrollment_id, kind, method, at, received_at, by_user, outcome)
      select r.class_id, r.session_id, r.enrollment_id, $15, $16, $17, $14, $18, 'applied' from r)
    select ${selectColumns(attendanceRecords, 'r')} from r`,
  // $1–$3 class, item, enrolment; $4–$13 the judged record; $14 now; $15–$18 the scan.
  types: (
    'uuid uuid uuid timestamptz text timestamptz text text timestamptz uuid text text text ' +
    'timestamptz text text timestamptz uuid'
  ).split(' '),
};

/**
 * Applies a scan in one transaction: the scan row (its unique `client_id` makes a repeat a
 * `duplicate`, applied nothing), then the merge into the record.
 */
export async function applyScan(
  db: Db,
  input: ScanInput,
): Promise<{ row: RecordRow | null; created: boolean; duplicate: boolean }> {
  return db.transaction(async (tx) => {
    const scan = await tx
      .insert(attendanceScans)
      .values({
        clientId: input.clientId ?? null,
        classId: input.classId,
        sessionId: input.session.id,
        enrollmentId: input.enrollmentId,
        kind: input.kind,
        method: input.method,
        at: input.at,
        receivedAt: input.now,
        byUser: input.byUser,
        outcome: 'applied',
      })
      .onConflictDoNothing()
      .returning({ id: attendanceScans.id });
    if (scan.length === 0) {
      const [row] = await tx
        .select()
        .from(attendanceRecords)
        .where(
          and(
            eq(attendanceRecords.sessionId, input.session.id),
            eq(attendanceRecords.enrollmentId, input.enrollmentId),
          ),
        );
      return { row: row ?? null, created: false, duplicate: true };
    }
    const { row, created } = await mergeIntoRecord(tx, input);
    return { row, created, duplicate: false };
  });
}

/**
 * Keeps a refused scan (outside any failing transaction). With a client id it returns false when
 * that id was seen before (the repeat of a queued item).
 */
export async function recordRefusal(
  db: Db,
  input: {
    classId: string;
    sessionId: string | null;
    enrollmentId: string | null;
    kind: 'check_in' | 'check_out';
    method: ScanMethod;
    at: Date;
    clientId?: string | null;
    byUser: string | null;
    reason: string;
    now: Date;
  },
): Promise<boolean> {
  const rows = await db
    .insert(attendanceScans)
    .values({
      clientId: input.clientId ?? null,
      classId: input.classId,
      sessionId: input.sessionId,
      enrollmentId: input.enrollmentId,
      kind: input.kind,
      method: input.method,
      at: input.at,
      receivedAt: input.now,
      byUser: input.byUser,
      outcome: 'refused',
      reason: input.reason,
    })
    .onConflictDoNothing()
    .returning({ id: attendanceScans.id });
  return rows.length > 0;
}
