import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { timetableAccess as reach } from '../sessions/policy.js';
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
 * when the class does not exist, 403 (audited) when out of reach — the reach is the editor's
 * (`sessions/policy.ts`), with whether it is published.
 */
export async function timetableAccess(
  db: Db,
  classes: ClassService,
  ctx: RequestContext,
  classId: string,
): Promise<TimetableAccess> {
  const { record, runner } = await reach(classes, ctx, classId);
  return { record, runner, published: await isPublished(db, record.id) };
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

/** The user's own person record, if any. */
export async function personIdOfUser(db: Db, userId: string): Promise<string | null> {
  const [row] = await db.select({ id: people.id }).from(people).where(eq(people.userId, userId));
  return row?.id ?? null;
}
