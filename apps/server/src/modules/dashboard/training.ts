import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classes } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { ownUnitIdsSql, runClassSql } from '../stats/scope.js';
import { citySql, classDay, classInPeriod, heldClass } from '../stats/sql.js';
import { aggregate, idArray, type Period } from './aggregate.js';

/**
 * The dashboard's training panels — the KPIs (classes, people, person-times, 学时, attendance,
 * completion, certificates), classes and person-times by month × class kind, people and
 * person-times by the trainee's city — in ONE statement, counting exactly the statistics engine's
 * training fact (stats/sql.ts: enrolled enrolments of held classes dated in the period, counted
 * when the reader runs the class or the trainee is one of the reader's own people):
 *
 * - the period's classes are split once into those the reader runs and the others
 *   (`periodClasses`), then named by id;
 * - the enrolments of the classes the reader runs are read once (class, person, status and the
 *   region of the person's unit, which triggers keep on the enrolment — migration 0017 — so that
 *   the province's people are not joined) from an index that holds them, and, with
 *   the own people's enrolments in the other classes, counted per class and per person: classes,
 *   people, person-times and both splits come from those two hashes;
 * - completion, attendance and certificates of the classes the reader runs come from
 *   `class_summaries` (a few rows per class, kept by triggers, migration 0016), less the withdrawn
 *   enrolments' own rows (the summary sums every enrolment's; a few per cent are withdrawn);
 * - those of the own people in classes the reader does not run come from their own rows (a city's
 *   people in provincial classes: a few thousand at most).
 *
 * test/dashboard-summary.test.ts holds it equal to the engine after every kind of write.
 */

export interface TrainingTotals {
  classes: number;
  people: number;
  personTimes: number;
  hours: number;
  completed: number;
  decided: number;
  attended: number;
  due: number;
  certificates: number;
}

export interface TrainingPanels {
  totals: TrainingTotals;
  byMonth: { month: string; classKind: string; classes: number; personTimes: number }[];
  byRegion: { regionCode: string | null; people: number; personTimes: number }[];
}

/** The period's held classes (the training fact's), those the reader runs and the others. */
export interface PeriodClasses {
  run: string[];
  other: string[];
}

const int = (v: unknown) => Number(v ?? 0);

/**
 * The held classes of the period, split by whether the reader runs them: the class policy's
 * organiser check runs once per request here, and every panel then names its classes by id.
 */
export async function periodClasses(db: Db, actor: Actor | null, p: Period): Promise<PeriodClasses> {
  const inPeriod = classInPeriod(p.from, p.to);
  const rows = await aggregate(
    db,
    sql`select ${classes.id} as id, ${runClassSql(actor)} as run from ${classes} where ${heldClass} and ${inPeriod}`,
  );
  return {
    run: rows.filter((r) => r.run === true).map((r) => String(r.id)),
    other: rows.filter((r) => r.run !== true).map((r) => String(r.id)),
  };
}

/** The statement (exported for the benchmark's EXPLAIN). */
export function trainingPanelsSql(actor: Actor | null, reach: PeriodClasses): SQL {
  const run = idArray(reach.run);
  // Counted by hashing per class and per person rather than count(distinct …), which sorts; the
  // corrections look their few rows up by key (lateral … limit 1) instead of hashing whole tables.
  return sql`
    with ep as materialized (
      select e.id, e.class_id, e.person_id, e.region_code, e.status = 'enrolled' as enrolled
      from enrollments e where e.class_id = any(${run})
    ),
    own as materialized (
      select e.id, e.class_id, e.person_id, tu.region_code
      from enrollments e
      join people p on p.id = e.person_id
      join units tu on tu.id = p.unit_id
      where e.class_id = any(${idArray(reach.other)}) and e.status = 'enrolled'
        and tu.id in ${ownUnitIdsSql(actor)}
    ),
    enr as materialized (
      select ep.class_id, ep.person_id, ep.region_code from ep where ep.enrolled
      union all
      select class_id, person_id, region_code from own
    ),
    by_class as (select class_id, count(*)::int as n from enr group by class_id),
    by_person as (
      select person_id, min(region_code) as region_code, count(*)::int as n from enr group by person_id
    ),
    sums as (
      select coalesce(sum(s.completed), 0)::int as completed, coalesce(sum(s.decided), 0)::int as decided,
        coalesce(sum(s.hours), 0)::numeric as hours, coalesce(sum(s.attended), 0)::int as attended,
        coalesce(sum(s.due), 0)::int as due, coalesce(sum(s.certificates), 0)::int as certificates
      from class_summaries s where s.class_id = any(${run})
    ),
    corrections as (
      select coalesce(sum(r.sign) filter (where cr.completed), 0)::int as completed,
        coalesce(sum(r.sign) filter (where cr.completed is not null), 0)::int as decided,
        coalesce(sum(r.sign * cr.hours) filter (where cr.completed), 0)::numeric as hours,
        coalesce(sum(r.sign * att.attended), 0)::int as attended,
        coalesce(sum(r.sign * att.due), 0)::int as due,
        coalesce(sum(r.sign * cert.n), 0)::int as certificates
      from (select -1 as sign, ep.id from ep where not ep.enrolled
            union all
            select 1, own.id from own) r
      left join lateral (
        select x.completed, x.hours from completion_results x where x.enrollment_id = r.id limit 1
      ) cr on true
      left join lateral (
        select y.attended, y.due from enrollment_attendance y where y.enrollment_id = r.id limit 1
      ) att on true
      left join lateral (
        select count(*)::int as n from certificates z where z.enrollment_id = r.id and z.status = 'valid'
      ) cert on true
    )
    select 'total' as part, null::text as k1, null::text as k2,
      (select count(*) from by_class)::int as classes, (select count(*) from by_person)::int as people,
      (select coalesce(sum(n), 0) from by_class)::int as person_times,
      (s.hours + c.hours)::float8 as hours, s.completed + c.completed as completed,
      s.decided + c.decided as decided, s.attended + c.attended as attended, s.due + c.due as due,
      s.certificates + c.certificates as certificates
    from sums s cross join corrections c
    union all
    select 'month', to_char(${classDay}, 'YYYY-MM'), ${classes.kind}, count(*)::int, null, sum(b.n)::int,
      null, null, null, null, null, null
    from by_class b join ${classes} on ${classes.id} = b.class_id
    group by 2, 3
    union all
    select 'region', ${citySql(sql`region_code`)}, null, null, count(*)::int, sum(n)::int,
      null, null, null, null, null, null
    from by_person group by 2`;
}

/** The training panels of the dashboard for the reader (see above). */
export async function trainingPanels(
  db: Db,
  actor: Actor | null,
  reach: PeriodClasses,
): Promise<TrainingPanels> {
  const rows = await aggregate(db, trainingPanelsSql(actor, reach));
  const total = rows.find((r) => r.part === 'total');
  return {
    totals: {
      classes: int(total?.classes),
      people: int(total?.people),
      personTimes: int(total?.person_times),
      hours: Math.round(int(total?.hours) * 10) / 10,
      completed: int(total?.completed),
      decided: int(total?.decided),
      attended: int(total?.attended),
      due: int(total?.due),
      certificates: int(total?.certificates),
    },
    byMonth: rows
      .filter((r) => r.part === 'month')
      .map((r) => ({
        month: String(r.k1),
        classKind: String(r.k2),
        classes: int(r.classes),
        personTimes: int(r.person_times),
      })),
    byRegion: rows
      .filter((r) => r.part === 'region')
      .map((r) => ({
        regionCode: (r.k1 as string | null) ?? null,
        people: int(r.people),
        personTimes: int(r.person_times),
      })),
  };
}
