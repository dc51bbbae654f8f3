import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classSessionLecturers, classSessions, lecturers, people } from '../../db/schema/index.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { isPublished } from '../sessions/read.js';

/** How the reader reaches a class's timetable. */
export interface TimetableAccess {
  record: ClassRecord;
  /** Runs the class: sees drafts too. */
  runner: boolean;
  published: boolean;
}

/**
 * May the reader see this class's timetable? Runners always (drafts included); other readers of
 * the class (trainees, nominators) and the lecturers who teach in it once it is published. 404
 * when the class does not exist, 403 (audited) when out of reach.
 */
export async function timetableAccess(
  db: Db,
  classes: ClassService,
  ctx: RequestContext,
  classId: string,
): Promise<TimetableAccess> {
  const actor = requireActor(ctx.actor);
  const record = await classes.load(classId);
  const published = await isPublished(db, record.id);
  if (runs(actor, 'read', record.place)) return { record, runner: true, published };
  const reader = (await classes.canRead(ctx, record)) || (await teachesIn(db, actor.id, record.id));
  authorize(reader, 'class.read', { type: 'class', id: classId });
  return { record, runner: false, published };
}

/** As timetableAccess, and the reader must be able to see the items: a runner, or published. */
export async function requireVisibleTimetable(
  db: Db,
  classes: ClassService,
  ctx: RequestContext,
  classId: string,
): Promise<TimetableAccess> {
  const access = await timetableAccess(db, classes, ctx, classId);
  if (!access.runner && !access.published) {
    throw AppError.field('CONFLICT', 'timetable', 'timetable_not_published');
  }
  return access;
}

/** Does the user teach in the class (their lecturer entry is on one of its items)? */
export async function teachesIn(db: Db, userId: string, classId: string): Promise<boolean> {
  const [hit] = await db
    .select({ one: sql<number>`1` })
    .from(classSessionLecturers)
    .innerJoin(classSessions, eq(classSessions.id, classSessionLecturers.sessionId))
    .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
    .innerJoin(people, eq(people.id, lecturers.personId))
    .where(and(eq(classSessions.classId, classId), eq(people.userId, userId)))
    .limit(1);
  return !!hit;
}

/** The lecturer-pool entry linked to the user's person record, if any. */
export async function lecturerIdOfUser(db: Db, userId: string): Promise<string | null> {
  const [row] = await db
    .select({ id: lecturers.id })
    .from(lecturers)
    .innerJoin(people, eq(people.id, lecturers.personId))
    .where(eq(people.userId, userId))
    .limit(1);
  return row?.id ?? null;
}

/** The user's own person record, if any. */
export async function personIdOfUser(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.userId, userId));
  return row?.id ?? null;
}
