import { TIMETABLE_EDITABLE_CLASS_STATUSES } from '@ganxun/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classSessionLecturers, classSessions, lecturers, people } from '../../db/schema/index.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';

/**
 * Who sees a class's timetable: its *runners* (timetable.edit within the class's reach) see
 * everything, drafts and conflicts included; other readers of the class (trainees, nominators) and
 * the lecturers teaching in it see it once published, without conflicts.
 */
export interface TimetableAccess {
  record: ClassRecord;
  runner: boolean;
  /** A runner, and the class in a status whose timetable may change. */
  canEdit: boolean;
}

/** May a timetable be edited while the class is in this status? */
export function timetableEditable(status: string): boolean {
  return (TIMETABLE_EDITABLE_CLASS_STATUSES as readonly string[]).includes(status);
}

/** 409 `class_status` / `timetable_locked` unless the class's timetable may still change. */
export function requireEditable(record: { status: string }): void {
  if (!timetableEditable(record.status)) throw AppError.field('CONFLICT', 'class_status', 'timetable_locked');
}

/** Does the actor teach an item of the class (their person record is a lecturer of the pool)? */
export async function teaches(exec: Executor, actor: Actor, classId: string): Promise<boolean> {
  const [hit] = await exec
    .select({ one: sql<number>`1` })
    .from(classSessionLecturers)
    .innerJoin(classSessions, eq(classSessions.id, classSessionLecturers.sessionId))
    .innerJoin(lecturers, eq(lecturers.id, classSessionLecturers.lecturerId))
    .innerJoin(people, eq(people.id, lecturers.personId))
    .where(and(eq(classSessions.classId, classId), eq(people.userId, actor.id)))
    .limit(1);
  return !!hit;
}

/** The reader's access to a class's timetable: 404 when the class is missing, 403 (audited) out of reach. */
export async function timetableAccess(
  classes: ClassService,
  ctx: RequestContext,
  classId: string,
): Promise<TimetableAccess> {
  const actor = requireActor(ctx.actor);
  const record = await classes.load(classId);
  if (runs(actor, 'timetable', record.place)) {
    return { record, runner: true, canEdit: timetableEditable(record.status) };
  }
  const reader = (await classes.canRead(ctx, record)) || (await teaches(classes.db, actor, classId));
  authorize(reader, 'class.read', { type: 'class', id: classId });
  return { record, runner: false, canEdit: false };
}
