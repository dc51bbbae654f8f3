import type { LeaveItem, LeaveStatus } from '@ganxun/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classSessions, leaveRequests } from '../../db/schema/index.js';
import type { TraineeRef } from '../attendance/presenter.js';
import { expectedAt } from '../attendance/query.js';
import type { SessionRow } from '../attendance/record.js';
import { creditedHours, type HourRule } from '../sessions/read.js';

/** A timetable item as the leave rules see it, with its row. */
export interface LeaveSession extends LeaveItem {
  row: SessionRow;
}

export type LeaveRow = typeof leaveRequests.$inferSelect;

/** The items of a trainee (whole class or their group), in start order, with their 学时. */
export function traineeItems(
  sessions: readonly SessionRow[],
  trainee: Pick<TraineeRef, 'groupId'>,
  rule: HourRule,
): LeaveSession[] {
  return sessions
    .filter((s) => expectedAt(s, trainee))
    .map((row) => ({
      id: row.id,
      start: row.startsAt.getTime(),
      end: row.endsAt.getTime(),
      hours: creditedHours(row, rule),
      row,
    }));
}

/** The 学时 of a trainee's required items: what the 1/7 rule measures leave against. */
export function classHoursOf(
  sessions: readonly SessionRow[],
  trainee: Pick<TraineeRef, 'groupId'>,
  rule: HourRule,
): number {
  return traineeItems(
    sessions.filter((s) => s.attendanceRequired),
    trainee,
    rule,
  ).reduce((sum, i) => sum + i.hours, 0);
}

/** Items of some classes, by class. */
export async function sessionsByClass(
  db: Executor,
  classIds: readonly string[],
): Promise<Map<string, SessionRow[]>> {
  const out = new Map<string, SessionRow[]>();
  if (classIds.length === 0) return out;
  const rows = await db
    .select()
    .from(classSessions)
    .where(inArray(classSessions.classId, [...classIds]))
    .orderBy(classSessions.startsAt, classSessions.id);
  for (const r of rows) {
    const list = out.get(r.classId) ?? [];
    list.push(r);
    out.set(r.classId, list);
  }
  return out;
}

/** 学时 of leave per enrolment and status (approved and pending), for some enrolments. */
export async function hoursByEnrollment(
  db: Executor,
  enrollmentIds: readonly string[],
): Promise<Map<string, { approved: number; pending: number }>> {
  const out = new Map<string, { approved: number; pending: number }>();
  if (enrollmentIds.length === 0) return out;
  const rows = await db
    .select({
      enrollmentId: leaveRequests.enrollmentId,
      status: leaveRequests.status,
      hours: sql<string>`sum(${leaveRequests.hours})`,
    })
    .from(leaveRequests)
    .where(
      and(
        inArray(leaveRequests.enrollmentId, [...enrollmentIds]),
        inArray(leaveRequests.status, ['approved', 'pending'] satisfies LeaveStatus[]),
      ),
    )
    .groupBy(leaveRequests.enrollmentId, leaveRequests.status);
  for (const r of rows) {
    const entry = out.get(r.enrollmentId) ?? { approved: 0, pending: 0 };
    if (r.status === 'approved') entry.approved += Number(r.hours);
    else entry.pending += Number(r.hours);
    out.set(r.enrollmentId, entry);
  }
  return out;
}

/** A request, locked for the rest of the transaction when asked. */
export async function requestRow(db: Executor, id: string, forUpdate = false): Promise<LeaveRow | null> {
  const q = db.select().from(leaveRequests).where(eq(leaveRequests.id, id));
  const [row] = forUpdate ? await q.for('update') : await q;
  return row ?? null;
}
