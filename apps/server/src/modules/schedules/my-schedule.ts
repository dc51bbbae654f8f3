import type { MessageLocale, MySchedule, MyScheduleItem, SessionView } from '@ganxun/domain';
import { and, asc, desc, gte, inArray, lt, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classes, classSessions } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { runScope } from '../classes/policy.js';
import { type HourRule, presentSessions, type SessionRow } from '../sessions/read.js';

/**
 * Personal schedules: a trainee's items (their classes' published timetables, whole-class items
 * and their group's), a lecturer's teaching, and a lecturer's history across classes. The same
 * conditions feed the calendar feeds (feeds.ts).
 */

/** SQL on `class_sessions`: the item's class has a published timetable and is not cancelled. */
export const publishedItem: SQL = sql`exists (select 1 from timetables tt join classes tc on tc.id = tt.class_id
  where tt.class_id = ${classSessions.classId} and tt.status = 'published' and tc.status <> 'cancelled')`;

/**
 * SQL on `class_sessions`: items a trainee attends — an enrolment not withdrawn in the item's
 * class, and the item is for the whole class or for the trainee's group. The trainee is a person,
 * or the person record of a user.
 */
export function traineeItem(who: { personId: string } | { userId: string }): SQL {
  const person = 'personId' in who ? sql`e.person_id = ${who.personId}` : sql`p.user_id = ${who.userId}`;
  return sql`exists (select 1 from enrollments e join people p on p.id = e.person_id
    where e.class_id = ${classSessions.classId} and e.status <> 'withdrawn' and ${person}
      and (${classSessions.groupIds} is null or e.group_id = any(${classSessions.groupIds})))`;
}

/** SQL on `class_sessions`: items the lecturer takes part in (any role). */
export function lecturerItem(lecturerId: string): SQL {
  return sql`exists (select 1 from class_session_lecturers sl
    where sl.session_id = ${classSessions.id} and sl.lecturer_id = ${lecturerId})`;
}

/** SQL on `class_sessions`: items starting within the China days `from`…`to` (either may be open). */
export function dayRange(range: { from?: string | undefined; to?: string | undefined }): SQL | undefined {
  const start = range.from ? new Date(`${range.from}T00:00:00+08:00`) : null;
  const end = range.to ? new Date(Date.parse(`${range.to}T00:00:00+08:00`) + 86_400_000) : null;
  return and(
    start ? gte(classSessions.startsAt, start) : undefined,
    end ? lt(classSessions.startsAt, end) : undefined,
  );
}

/** Items matching `where`, oldest first (or newest first), as schedule entries with their class. */
export async function scheduleOf(
  db: Db,
  where: SQL | undefined,
  locale: MessageLocale,
  rule: HourRule,
  options: { lecturerId?: string | null; newestFirst?: boolean; limit?: number } = {},
): Promise<MySchedule> {
  const order = options.newestFirst
    ? [desc(classSessions.startsAt), asc(classSessions.id)]
    : [asc(classSessions.startsAt), asc(classSessions.id)];
  const rows: SessionRow[] = await db
    .select()
    .from(classSessions)
    .where(where)
    .orderBy(...order)
    .limit(options.limit ?? 2000);
  return { items: await withClasses(db, await presentSessions(db, rows, locale, rule), options.lecturerId) };
}

/** Schedule entries: each view with its class, and the lecturer's part when it is a lecturer's. */
export async function withClasses(
  db: Db,
  views: SessionView[],
  lecturerId?: string | null,
): Promise<MyScheduleItem[]> {
  const ids = [...new Set(views.map((v) => v.classId))];
  const rows = ids.length
    ? await db
        .select({ id: classes.id, code: classes.code, name: classes.name })
        .from(classes)
        .where(inArray(classes.id, ids))
    : [];
  const classOf = new Map(rows.map((c) => [c.id, c]));
  return views.flatMap((session) => {
    const klass = classOf.get(session.classId);
    if (!klass) return [];
    const role = lecturerId
      ? (session.lecturers.find((l) => l.lecturerId === lecturerId)?.role ?? null)
      : null;
    return [{ session, class: klass, role }];
  });
}

/**
 * SQL on `class_sessions`: a lecturer's items the reader may see in their history — published
 * timetables, and any item of a class the reader runs (drafts included).
 */
export function historyItem(actor: Actor, lecturerId: string): SQL {
  return and(
    lecturerItem(lecturerId),
    sql`(${publishedItem} or exists (select 1 from ${classes} where ${classes.id} = ${classSessions.classId}
      and ${runScope(actor, 'read')}))`,
  ) as SQL;
}
