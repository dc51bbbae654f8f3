import { type AttendanceSettings, attendanceSettings } from '@ganxun/domain';
import { and, asc, eq, inArray, ne, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  attendanceSettingsTable,
  classSessions,
  enrollments,
  leaveRequestItems,
  leaveRequests,
  people,
  units,
} from '../../db/schema/index.js';
import { AppError } from '../../platform/errors.js';
import type { TraineeRef } from './presenter.js';
import type { SessionRow } from './record.js';

/** A class's check-in settings: its stored overrides over the defaults. */
export async function settingsOf(db: Executor, classId: string): Promise<AttendanceSettings> {
  const [row] = await db
    .select({ settings: attendanceSettingsTable.settings })
    .from(attendanceSettingsTable)
    .where(eq(attendanceSettingsTable.classId, classId));
  const parsed = attendanceSettings.safeParse(row?.settings ?? {});
  return parsed.success ? parsed.data : attendanceSettings.parse({});
}

/** A timetable item of the class; 404 when the class has no such item. */
export async function sessionOf(db: Executor, classId: string, sessionId: string): Promise<SessionRow> {
  const [row] = await db
    .select()
    .from(classSessions)
    .where(and(eq(classSessions.id, sessionId), eq(classSessions.classId, classId)));
  if (!row) throw AppError.notFound();
  return row;
}

/** The class's items, in time order. */
export function sessionsOfClass(db: Executor, classId: string): Promise<SessionRow[]> {
  return db
    .select()
    .from(classSessions)
    .where(eq(classSessions.classId, classId))
    .orderBy(asc(classSessions.startsAt), asc(classSessions.id));
}

/** The class's trainees (active enrolments), optionally narrowed, in name order. */
export async function traineesOf(
  db: Executor,
  classId: string,
  narrow: { enrollmentIds?: string[]; personId?: string; userId?: string } = {},
): Promise<TraineeRef[]> {
  const where: SQL[] = [eq(enrollments.classId, classId), ne(enrollments.status, 'withdrawn')];
  if (narrow.enrollmentIds) {
    if (narrow.enrollmentIds.length === 0) return [];
    where.push(inArray(enrollments.id, narrow.enrollmentIds));
  }
  if (narrow.personId) where.push(eq(enrollments.personId, narrow.personId));
  if (narrow.userId) where.push(eq(people.userId, narrow.userId));
  return db
    .select({
      enrollmentId: enrollments.id,
      personId: people.id,
      name: people.name,
      unitName: units.name,
      groupId: enrollments.groupId,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .where(and(...where))
    .orderBy(asc(people.namePinyin), asc(enrollments.id));
}

/** Is the trainee expected at the item (the whole class, or one of its groups)? */
export function expectedAt(
  session: Pick<SessionRow, 'groupIds'>,
  trainee: Pick<TraineeRef, 'groupId'>,
): boolean {
  const groups = session.groupIds;
  if (!groups || groups.length === 0) return true;
  return trainee.groupId !== null && groups.includes(trainee.groupId);
}

/** The key of a (item, trainee) pair in `approvedLeaveOf`'s set. */
export const leaveKey = (sessionId: string, enrollmentId: string) => `${sessionId}|${enrollmentId}`;

/**
 * The (item, trainee) pairs of the class's items that approved leave requests cover, as
 * `leaveKey`s: approved leave marks those items `on_leave` unless a scan or a mark outranks it.
 */
export async function approvedLeaveOf(
  db: Executor,
  classId: string,
  sessionIds: string[],
): Promise<Set<string>> {
  if (sessionIds.length === 0) return new Set();
  const rows = await db
    .select({ sessionId: leaveRequestItems.sessionId, enrollmentId: leaveRequests.enrollmentId })
    .from(leaveRequestItems)
    .innerJoin(leaveRequests, eq(leaveRequests.id, leaveRequestItems.requestId))
    .where(
      and(
        eq(leaveRequests.classId, classId),
        eq(leaveRequests.status, 'approved'),
        inArray(leaveRequestItems.sessionId, sessionIds),
      ),
    );
  return new Set(rows.map((r) => leaveKey(r.sessionId, r.enrollmentId)));
}
