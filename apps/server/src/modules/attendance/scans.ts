import type { AttendanceEvent, AttendanceSettings, ScanMethod } from '@ganxun/domain';
import { eventFacts } from '@ganxun/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
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
 * The first scan of a trainee at an item — the common case of a check-in storm — in two
 * statements and no transaction: the record is inserted already judged (`ON CONFLICT DO NOTHING`
 * on the one-record key), then the scan is logged. Null when a record exists (or the scan carries
 * a client id, whose idempotency needs the scan row first): the caller then takes `applyScan`.
 * A check-in outranks approved leave (`finalStatus`), so the record's status needs no leave lookup.
 */
export async function applyFirstScan(db: Db, input: ScanInput): Promise<RecordRow | null> {
  if (input.clientId) return null;
  const facts = eventFacts(input.event);
  const q = firstScanQueries(db);
  const cols = columnsOf(facts, resolve(facts, input.session, input.settings, input.now));
  const [row] = await q.record.execute({
    classId: input.classId,
    sessionId: input.session.id,
    enrollmentId: input.enrollmentId,
    ...cols,
    checkInAt: iso(cols.checkInAt),
    checkOutAt: iso(cols.checkOutAt),
    markAt: iso(cols.markAt),
    now: input.now.toISOString(),
  });
  if (!row) return null;
  await q.scan.execute({
    classId: input.classId,
    sessionId: input.session.id,
    enrollmentId: input.enrollmentId,
    kind: input.kind,
    method: input.method,
    at: input.at.toISOString(),
    now: input.now.toISOString(),
    byUser: input.byUser,
  });
  return row;
}

const p = (name: string) => sql.placeholder(name);
/** A timestamp placeholder filled with an ISO string or null (drizzle's encoder would call toISOString on null). */
const ts = (name: string) => sql`${sql.placeholder(name)}::timestamptz`;
const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** The two statements of a first scan, built once per database (prepared on PostgreSQL). */
function buildFirstScanQueries(db: Db) {
  return {
    record: db
      .insert(attendanceRecords)
      .values({
        classId: p('classId'),
        sessionId: p('sessionId'),
        enrollmentId: p('enrollmentId'),
        checkInAt: ts('checkInAt'),
        checkInMethod: p('checkInMethod'),
        checkOutAt: ts('checkOutAt'),
        checkOutMethod: p('checkOutMethod'),
        markStatus: p('markStatus'),
        markAt: ts('markAt'),
        markBy: p('markBy'),
        markNote: p('markNote'),
        status: p('status'),
        method: p('method'),
        createdAt: ts('now'),
        updatedAt: ts('now'),
      })
      .onConflictDoNothing({ target: [attendanceRecords.sessionId, attendanceRecords.enrollmentId] })
      .returning()
      .prepare('attendance_first_record'),
    scan: db
      .insert(attendanceScans)
      .values({
        classId: p('classId'),
        sessionId: p('sessionId'),
        enrollmentId: p('enrollmentId'),
        kind: p('kind'),
        method: p('method'),
        at: ts('at'),
        receivedAt: ts('now'),
        byUser: p('byUser'),
        outcome: 'applied',
      })
      .prepare('attendance_first_scan'),
  };
}

const firstScanCache = new WeakMap<Db, ReturnType<typeof buildFirstScanQueries>>();

function firstScanQueries(db: Db) {
  let q = firstScanCache.get(db);
  if (!q) {
    q = buildFirstScanQueries(db);
    firstScanCache.set(db, q);
  }
  return q;
}

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
