import {
  type LeaveRequestView,
  type LeaveSettings,
  type LeaveStatus,
  leaveStanding,
  mayCancelLeave,
} from '@ganxun/domain';
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classSessions,
  enrollments,
  leaveDecisions,
  leaveRequestItems,
  people,
  storedFiles,
  units,
  users,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { ClassRecord } from '../classes/service.js';
import type { HourRule } from '../sessions/read.js';
import { creditedHours } from '../sessions/read.js';
import { mayDecideNext } from './policy.js';
import { classHoursOf, hoursByEnrollment, type LeaveRow, sessionsByClass } from './query.js';

export interface PresentDeps {
  db: Executor;
  actor: Actor;
  now: Date;
  leave: LeaveSettings;
  rule: HourRule;
  /** The classes of the rows (loaded by the caller through ClassService.load). */
  classes: Map<string, ClassRecord>;
}

const group = <T, K>(rows: T[], keyOf: (r: T) => K): Map<K, T[]> => {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = out.get(k) ?? [];
    list.push(r);
    out.set(k, list);
  }
  return out;
};

/** Rows → views with a fixed number of grouped queries whatever the number of rows. */
export async function presentRequests(deps: PresentDeps, rows: LeaveRow[]): Promise<LeaveRequestView[]> {
  if (rows.length === 0) return [];
  const { db } = deps;
  const ids = rows.map((r) => r.id);
  const enrollmentIds = [...new Set(rows.map((r) => r.enrollmentId))];
  const fileIds = [...new Set(rows.map((r) => r.attachmentFileId).filter((f): f is string => !!f))];
  const [itemRows, decisionRows, traineeRows, requesterRows, fileRows, sessions, hours] = await Promise.all([
    db
      .select({ requestId: leaveRequestItems.requestId, session: classSessions })
      .from(leaveRequestItems)
      .innerJoin(classSessions, eq(classSessions.id, leaveRequestItems.sessionId))
      .where(inArray(leaveRequestItems.requestId, ids))
      .orderBy(asc(classSessions.startsAt), asc(classSessions.id)),
    db
      .select({
        requestId: leaveDecisions.requestId,
        level: leaveDecisions.level,
        decision: leaveDecisions.decision,
        comment: leaveDecisions.comment,
        decidedBy: leaveDecisions.decidedBy,
        name: users.displayName,
        decidedAt: leaveDecisions.decidedAt,
      })
      .from(leaveDecisions)
      .innerJoin(users, eq(users.id, leaveDecisions.decidedBy))
      .where(inArray(leaveDecisions.requestId, ids))
      .orderBy(asc(leaveDecisions.level), asc(leaveDecisions.decidedAt)),
    db
      .select({
        enrollmentId: enrollments.id,
        groupId: enrollments.groupId,
        personId: people.id,
        name: people.name,
        unitName: units.name,
      })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .leftJoin(units, eq(units.id, people.unitId))
      .where(inArray(enrollments.id, enrollmentIds)),
    db
      .select({ id: users.id, name: users.displayName })
      .from(users)
      .where(
        inArray(
          users.id,
          rows.map((r) => r.requestedBy),
        ),
      ),
    fileIds.length
      ? db
          .select({ id: storedFiles.id, name: storedFiles.name, mime: storedFiles.mime })
          .from(storedFiles)
          .where(inArray(storedFiles.id, fileIds))
      : Promise.resolve([]),
    sessionsByClass(db, [...new Set(rows.map((r) => r.classId))]),
    hoursByEnrollment(db, enrollmentIds),
  ]);
  const items = group(itemRows, (r) => r.requestId);
  const decisions = group(decisionRows, (r) => r.requestId);
  const trainees = new Map(traineeRows.map((r) => [r.enrollmentId, r]));
  const requesters = new Map(requesterRows.map((r) => [r.id, r.name]));
  const files = new Map(fileRows.map((f) => [f.id, f]));

  return rows.map((row) => {
    const trainee = trainees.get(row.enrollmentId);
    const cls = deps.classes.get(row.classId);
    const own = items.get(row.id) ?? [];
    const decided = decisions.get(row.id) ?? [];
    const classHours = trainee ? classHoursOf(sessions.get(row.classId) ?? [], trainee, deps.rule) : 0;
    const approved = hours.get(row.enrollmentId)?.approved ?? 0;
    const standing = leaveStanding(
      classHours,
      approved,
      row.status === 'pending' ? Number(row.hours) : 0,
      deps.leave,
    );
    const status = row.status as LeaveStatus;
    const firstStart = own[0]?.session.startsAt ?? null;
    const file = row.attachmentFileId ? files.get(row.attachmentFileId) : undefined;
    return {
      id: row.id,
      classId: row.classId,
      className: cls?.name ?? '',
      enrollmentId: row.enrollmentId,
      trainee: {
        personId: trainee?.personId ?? row.enrollmentId,
        name: trainee?.name ?? '',
        unitName: trainee?.unitName ?? null,
      },
      requestedBy: { id: row.requestedBy, name: requesters.get(row.requestedBy) ?? '' },
      kind: row.kind,
      days: row.kind === 'days' ? (row.days ?? []) : null,
      items: own.map(({ session }) => ({
        sessionId: session.id,
        title: session.title,
        startsAt: session.startsAt.toISOString(),
        endsAt: session.endsAt.toISOString(),
        hours: creditedHours(session, deps.rule),
      })),
      hours: Number(row.hours),
      reason: row.reason,
      attachment: file ? { id: file.id, name: file.name, mime: file.mime } : null,
      status,
      levelsRequired: row.levelsRequired === 2 ? 2 : 1,
      decisions: decided.map((d) => ({
        level: d.level,
        decision: d.decision,
        comment: d.comment,
        decidedBy: { id: d.decidedBy, name: d.name },
        decidedAt: d.decidedAt.toISOString(),
      })),
      standing,
      canDecide:
        status === 'pending' &&
        !!cls &&
        mayDecideNext(
          deps.actor,
          cls,
          row,
          decided.map((d) => d.decidedBy),
        ) === null,
      canCancel:
        row.requestedBy === deps.actor.id &&
        mayCancelLeave(status, firstStart ? firstStart.getTime() : null, deps.now.getTime()),
      cancelledAt: row.cancelledAt ? row.cancelledAt.toISOString() : null,
      createdAt: row.createdAt.toISOString(),
      updatedAt: row.updatedAt.toISOString(),
    };
  });
}
