import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { classes, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { ownPeopleSql, runClassSql } from '../stats/scope.js';
import { classDay, heldClass } from '../stats/sql.js';

/**
 * The few look-ups of the generated documents that are not figures of the engine: which planned
 * items formed a series in the year, the series' topics and partners, the lectures and lecturers
 * of a class, and certificates. Every one over classes is scoped as the engine scopes enrolments
 * (stats/scope.ts): classes the reader runs, or with trainees among the reader's own people.
 */

const tu = alias(units, 'tu');

export interface YearScope {
  year: number;
  organiserId: string | null;
  actor: Actor | null;
}

/** Held classes of the year (by the engine's class day), of the organiser, that the reader sees. */
function classConditions(s: YearScope): SQL {
  const conditions: SQL[] = [
    heldClass,
    sql`${classDay} between ${`${s.year}-01-01`}::date and ${`${s.year}-12-31`}::date`,
    sql`(${runClassSql(s.actor)} or exists (
      select 1 from enrollments e join people p on p.id = e.person_id join units tu on tu.id = p.unit_id
      where e.class_id = ${classes.id} and e.status = 'enrolled' and ${ownPeopleSql(s.actor, tu)}))`,
  ];
  if (s.organiserId)
    conditions.push(
      sql`exists (select 1 from ${units} ou where ou.id = ${classes.leadOrganiserId}
        and position(${`/${s.organiserId}/`} in ou.path) > 0)`,
    );
  return sql.join(conditions, sql` and `);
}

/** Planned items with at least two classes held in the year: id, name (first held first). */
export function seriesSql(s: YearScope): SQL {
  return sql`select pi.id, pi.name
    from ${classes} join plan_items pi on pi.id = ${classes.planItemId}
    where ${classConditions(s)}
    group by pi.id, pi.name
    having count(*) >= 2
    order by min(${classDay}), pi.name`;
}

/**
 * The topics (a class without topics: its name) and co-organisers of a series' classes, in the
 * order the classes were held: rows of kind 'topic' | 'partner' and text.
 */
export function seriesDetailSql(s: YearScope & { planItemId: string }): SQL {
  const where = sql`${classConditions(s)} and ${classes.planItemId} = ${s.planItemId}::uuid`;
  const notSubject = s.organiserId ? sql`and u.id <> ${s.organiserId}::uuid` : sql``;
  return sql`select x.kind, x.text from (
      select 'topic' as kind, t.topic as text, ${classDay} as day, ${classes.code} as code, t.i as i
      from ${classes} cross join lateral unnest(
        case when cardinality(${classes.topics}) = 0 then array[${classes.name}] else ${classes.topics} end
      ) with ordinality t(topic, i)
      where ${where}
      union all
      select 'partner' as kind, u.name as text, ${classDay} as day, ${classes.code} as code, o.i as i
      from ${classes} cross join lateral unnest(${classes.coOrganiserIds}) with ordinality o(unit_id, i)
      join ${units} u on u.id = o.unit_id ${notSubject}
      where ${where}
    ) x order by x.day, x.code, x.i`;
}

/** Valid certificates of the year's classes, for the enrolments the reader may count: n. */
export function certificatesSql(s: YearScope): SQL {
  return sql`select count(*)::int as n
    from certificates c
    join enrollments e on e.id = c.enrollment_id and e.status = 'enrolled'
    join ${classes} on ${classes.id} = c.class_id
    join people p on p.id = e.person_id
    join units tu on tu.id = p.unit_id
    where c.status = 'valid' and ${heldClass}
      and ${classDay} between ${`${s.year}-01-01`}::date and ${`${s.year}-12-31`}::date
      ${s.organiserId ? sql`and exists (select 1 from ${units} ou where ou.id = ${classes.leadOrganiserId} and position(${`/${s.organiserId}/`} in ou.path) > 0)` : sql``}
      and (${runClassSql(s.actor)} or ${ownPeopleSql(s.actor, tu)})`;
}

/** Valid certificates of one class: n. */
export function certificatesOfClassSql(classId: string): SQL {
  return sql`select count(*)::int as n from certificates c
    join enrollments e on e.id = c.enrollment_id and e.status = 'enrolled'
    where c.class_id = ${classId}::uuid and c.status = 'valid'`;
}

/** Titles of the class's lectures (session type `lecture`), in timetable order. */
export function lecturesSql(classId: string): SQL {
  return sql`select title from class_sessions
    where class_id = ${classId}::uuid and type = 'lecture'
    order by starts_at, title`;
}

/** The speakers of the class's lectures, by their first lecture. */
export function lecturersSql(classId: string): SQL {
  return sql`select l.name from class_sessions s
    join class_session_lecturers sl on sl.session_id = s.id and sl.role = 'speaker'
    join lecturers l on l.id = sl.lecturer_id
    where s.class_id = ${classId}::uuid and s.type = 'lecture'
    group by l.id, l.name
    order by min(s.starts_at), l.name`;
}
