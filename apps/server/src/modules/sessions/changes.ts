import type { SessionSnapshot, TimetableChangeKind, TimetableChangeView } from '@ganxun/domain';
import { and, asc, count, desc, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classSessionLecturers,
  classSessions,
  enrollments,
  lecturers,
  timetableChanges,
  users,
  venues,
} from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { lecturerNames, presentChange } from './presenter.js';
import { timetableState } from './read.js';

/**
 * The change log (timetable_changes): every write to a timetable, with what the item looked like
 * before and after (names, so it reads after deletions), who it touches, and whether it came after
 * the first publication (those are the changes to announce when notices exist, issue 9).
 */

/** What the log keeps of an item, besides its snapshot. */
export interface ItemState {
  snapshot: SessionSnapshot;
  groupIds: string[] | null;
  lecturerIds: string[];
}

/** The current state of items (snapshots by id), read on `exec`. */
export async function itemStates(exec: Executor, ids: readonly string[]): Promise<Map<string, ItemState>> {
  if (ids.length === 0) return new Map();
  const [rows, links] = await Promise.all([
    exec
      .select({
        id: classSessions.id,
        title: classSessions.title,
        startsAt: classSessions.startsAt,
        endsAt: classSessions.endsAt,
        groupIds: classSessions.groupIds,
        venueName: venues.name,
      })
      .from(classSessions)
      .leftJoin(venues, eq(venues.id, classSessions.venueId))
      .where(inArray(classSessions.id, [...ids])),
    exec
      .select({
        sessionId: classSessionLecturers.sessionId,
        lecturerId: classSessionLecturers.lecturerId,
        name: lecturers.name,
      })
      .from(classSessionLecturers)
      .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
      .where(inArray(classSessionLecturers.sessionId, [...ids]))
      .orderBy(asc(classSessionLecturers.position)),
  ]);
  return new Map(
    rows.map((r) => {
      const mine = links.filter((l) => l.sessionId === r.id);
      return [
        r.id,
        {
          snapshot: {
            title: r.title,
            startsAt: r.startsAt.toISOString(),
            endsAt: r.endsAt.toISOString(),
            venueName: r.venueName,
            lecturerNames: mine.map((l) => l.name),
          },
          groupIds: r.groupIds,
          lecturerIds: mine.map((l) => l.lecturerId),
        },
      ];
    }),
  );
}

/** Active enrolments of the class, by group (null: no group). */
async function enrolmentCounts(exec: Executor, classId: string): Promise<Map<string | null, number>> {
  const rows = await exec
    .select({ groupId: enrollments.groupId, n: count() })
    .from(enrollments)
    .where(and(eq(enrollments.classId, classId), ne(enrollments.status, 'withdrawn')))
    .groupBy(enrollments.groupId);
  return new Map(rows.map((r) => [r.groupId, Number(r.n)]));
}

export interface ChangeInput {
  kind: TimetableChangeKind;
  sessionId: string | null;
  before: ItemState | null;
  after: ItemState | null;
  acknowledged?: string[];
  note?: string | null;
}

/**
 * Records changes of one class in the write's transaction. Affected trainees: the active
 * enrolments of the groups before and after (the whole class when either was for everyone);
 * affected lecturers: those before and after.
 */
export async function recordChanges(
  tx: Executor,
  ctx: RequestContext,
  classId: string,
  changes: readonly ChangeInput[],
): Promise<void> {
  if (changes.length === 0) return;
  const [state, counts] = await Promise.all([timetableState(tx, classId), enrolmentCounts(tx, classId)]);
  const total = [...counts.values()].reduce((s, n) => s + n, 0);
  const traineesOf = (c: ChangeInput): number => {
    const sides = [c.before, c.after].filter((s): s is ItemState => !!s);
    if (sides.length === 0 || sides.some((s) => s.groupIds === null)) return total;
    const groups = new Set(sides.flatMap((s) => s.groupIds ?? []));
    return [...groups].reduce((s, g) => s + (counts.get(g) ?? 0), 0);
  };
  await tx.insert(timetableChanges).values(
    changes.map((c) => ({
      classId,
      sessionId: c.sessionId,
      kind: c.kind,
      before: c.before?.snapshot ?? null,
      after: c.after?.snapshot ?? null,
      afterPublication: state.publishedVersion > 0,
      affectedTrainees: c.kind === 'published' ? total : traineesOf(c),
      affectedLecturerIds: [...new Set([...(c.before?.lecturerIds ?? []), ...(c.after?.lecturerIds ?? [])])],
      acknowledged: c.acknowledged ?? [],
      note: c.note ?? null,
      changedBy: ctx.actor?.id ?? null,
    })),
  );
}

/** Changes recorded since the last publication (0 while never published). */
export async function changesSincePublished(exec: Executor, classId: string): Promise<number> {
  const state = await timetableState(exec, classId);
  if (!state.publishedAt) return 0;
  const [row] = await exec
    .select({ n: count() })
    .from(timetableChanges)
    .where(
      and(
        eq(timetableChanges.classId, classId),
        ne(timetableChanges.kind, 'published'),
        gt(timetableChanges.changedAt, state.publishedAt),
      ),
    );
  return Number(row?.n ?? 0);
}

/** The class's change log, newest first. */
export async function listChanges(exec: Executor, classId: string): Promise<TimetableChangeView[]> {
  const rows = await exec
    .select()
    .from(timetableChanges)
    .where(eq(timetableChanges.classId, classId))
    .orderBy(desc(timetableChanges.changedAt), desc(timetableChanges.id))
    .limit(1000);
  const userIds = [...new Set(rows.map((r) => r.changedBy).filter((u): u is string => !!u))];
  const [userRows, names] = await Promise.all([
    userIds.length
      ? exec.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))
      : [],
    lecturerNames(
      exec,
      rows.flatMap((r) => r.affectedLecturerIds),
    ),
  ]);
  const usersMap = new Map(userRows.map((u) => [u.id, u.name]));
  return rows.map((r) => presentChange(r, { users: usersMap, lecturers: names }));
}
