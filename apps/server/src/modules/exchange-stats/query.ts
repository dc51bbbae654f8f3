import type {
  Direction,
  JointClassKind,
  JointClassStatsDimension,
  SecondmentStatsDimension,
  Specialty,
  StatsBasis,
} from '@ganxun/domain';
import { type SQL, sql } from 'drizzle-orm';
import {
  classes,
  enrollments,
  partnershipClasses,
  partnerships,
  secondments,
  units,
} from '../../db/schema/index.js';

/**
 * The statistics of the exchange as SQL aggregates (GROUP BY): nothing is counted in JS. Each
 * builder takes the reader's scope as an SQL condition (policy.ts), so a figure never includes what
 * its reader may not see. Dimensions are a fixed whitelist (the contract's enums), never raw input.
 */

/** A term counts once it has actually started: planned and cancelled terms count for neither basis. */
export const countedTerm = sql`${secondments.actualStart} is not null and ${secondments.status} not in ('planned', 'cancelled')`;

const termEnd = sql`coalesce(${secondments.actualEnd}, ${secondments.plannedEnd})`;

export interface SecondmentStatsFilter {
  fromYear: number;
  toYear: number;
  basis: StatsBasis;
  groupBy: readonly SecondmentStatsDimension[];
  partnershipId?: string | undefined;
  /** secondmentScope(actor, db) — `sql\`true\`` for the benchmark's baseline. */
  scope: SQL;
}

function secondmentDimension(d: SecondmentStatsDimension, basis: StatsBasis): SQL {
  switch (d) {
    case 'year':
      return basis === 'in_post' ? sql`y.year` : sql`extract(year from ${secondments.actualStart})::int`;
    case 'direction':
      return sql`${secondments.direction}`;
    case 'category':
      return sql`${secondments.category}`;
    case 'specialty':
      return sql`${secondments.specialty}`;
    case 'form':
      return sql`${secondments.form}`;
    case 'hostUnitType':
      return sql`hu.type`;
  }
}

/**
 * A statistic as two statements, run side by side on their own connections (service.ts): the
 * groups (null without dimensions) and the totals. People are counted once per group and once over
 * all groups, so the totals are not the sum of the groups and need their own pass; neither reads
 * the other's rows, so neither waits for the other (a CTE shared by both would materialise every
 * row first and keep PostgreSQL from running them at once).
 */
export interface StatsStatements {
  groups: SQL | null;
  totals: SQL;
}

/**
 * Secondments counted by the dimensions (`d0`, `d1`, … with `people` and `person_times`) and their
 * totals: people = distinct persons, person_times = rows, each counted by hashing one row per
 * (dimensions, person) first — no count(distinct), which sorts. Basis `started`: actual start in
 * the range. Basis `in_post`: in post (actual start .. actual end, else planned end) on a day of
 * the range; with the year dimension each term is joined to every year of the range it covered, so
 * it counts once per year — and the totals' person-times are those per-year rows too.
 */
export function secondmentStatsSql(f: SecondmentStatsFilter): StatsStatements {
  const from = `${f.fromYear}-01-01`;
  const to = `${f.toYear}-12-31`;
  const perYear = f.basis === 'in_post' && f.groupBy.includes('year');
  const dims = f.groupBy.map((d) => secondmentDimension(d, f.basis));
  const startYear = sql`extract(year from ${secondments.actualStart})::int`;
  const endYear = sql`extract(year from ${termEnd})::int`;
  const firstYear = sql`greatest(${f.fromYear}::int, ${startYear})`;
  const lastYear = sql`least(${f.toYear}::int, ${endYear})`;
  const joins: SQL[] = [];
  // The years of the range each term covered, clipped to the range. The limit (the range's length)
  // is what the planner then expects per term, instead of a set-returning function's 1,000 rows —
  // which made it size its hash tables for millions of groups.
  if (perYear)
    joins.push(
      sql`cross join lateral (select g from generate_series(${firstYear}, ${lastYear}) g limit ${f.toYear - f.fromYear + 1}) as y(year)`,
    );
  if (f.groupBy.includes('hostUnitType'))
    joins.push(sql`join ${units} hu on hu.id = ${secondments.hostUnitId}`);
  const period =
    f.basis === 'started'
      ? sql`${secondments.actualStart} between ${from}::date and ${to}::date`
      : sql`${secondments.actualStart} <= ${to}::date and ${termEnd} >= ${from}::date`;
  const conditions = [countedTerm, period, f.scope];
  if (f.partnershipId) conditions.push(sql`${secondments.partnershipId} = ${f.partnershipId}::uuid`);
  const where = sql.join(conditions, sql` and `);
  // Per person over the whole range: a term counts once, or once per year it covered.
  const times = perYear ? sql`sum(greatest(0, ${lastYear} - ${firstYear} + 1))` : sql`count(*)`;
  const totals = sql`select count(*)::int as people, coalesce(sum(n), 0)::int as person_times
    from (select ${secondments.personId}, ${times} as n from ${secondments} where ${where}
      group by ${secondments.personId}) x`;
  if (dims.length === 0) return { groups: null, totals };
  const names = dimNames(dims.length);
  const picked = dims.map((d, i) => sql`${d} as ${names[i]}`);
  const list = sql.join(names, sql`, `);
  const groups = sql`select ${list}, count(*)::int as people, sum(n)::int as person_times
    from (select ${sql.join([...picked, sql`${secondments.personId}`], sql`, `)}, count(*) as n
      from ${secondments} ${sql.join(joins, sql` `)} where ${where}
      group by ${sql.join([...names.map((_, i) => sql.raw(String(i + 1))), sql.raw(String(names.length + 1))], sql`, `)}) x
    group by ${list}
    order by ${list}`;
  return { groups, totals };
}

const dimNames = (n: number) => Array.from({ length: n }, (_, i) => sql.raw(`d${i}`));

export interface JointClassStatsFilter {
  /** First and last day of the period (inclusive): classes by their start day. */
  from: string;
  to: string;
  groupBy: readonly JointClassStatsDimension[];
  partnershipId?: string | undefined;
  /** partnershipScope(actor, 'secondment.read') — `sql\`true\`` for the benchmark's baseline. */
  scope: SQL;
}

/** A class's start day; a class without dates counts on the first day of its year. */
const classStart = sql`coalesce(${classes.startDate}, make_date(${classes.year}, 1, 1))`;

function jointClassDimension(d: JointClassStatsDimension): SQL {
  return d === 'year' ? sql`extract(year from ${classStart})::int` : sql`${partnershipClasses.jointKind}`;
}

/**
 * Joint classes (partnership_classes) counted by start year and joint kind, and their totals:
 * classes, person-times = enrolments still enrolled, people = distinct persons (StatsStatements).
 * Cancelled classes are left out; the scope is the reader's reach on the pairing.
 */
export function jointClassStatsSql(f: JointClassStatsFilter): StatsStatements {
  // Filter on start_date itself (not through the coalesce) so that the planner estimates the
  // classes well and joins the enrolments by hashing rather than one index probe per class.
  const conditions = [
    sql`${classes.status} <> 'cancelled'`,
    sql`(${classes.startDate} between ${f.from}::date and ${f.to}::date or (${classes.startDate} is null and make_date(${classes.year}, 1, 1) between ${f.from}::date and ${f.to}::date))`,
    f.scope,
  ];
  if (f.partnershipId) conditions.push(sql`${partnershipClasses.partnershipId} = ${f.partnershipId}::uuid`);
  const names = dimNames(f.groupBy.length);
  const picked = f.groupBy.map((d, i) => sql`${jointClassDimension(d)} as ${names[i]}`);
  const linked = sql`select ${sql.join([...picked, sql`${classes.id} as class_id`], sql`, `)}
    from ${partnershipClasses}
    join ${classes} on ${classes.id} = ${partnershipClasses.classId}
    join ${partnerships} on ${partnerships.id} = ${partnershipClasses.partnershipId}
    where ${sql.join(conditions, sql` and `)}`;
  // The enrolled enrolments of the classes, one row per (dimensions, person) with their number.
  const enrolled = (
    keys: SQL[],
  ) => sql`select ${sql.join([...keys, sql`e.person_id`], sql`, `)}, count(*) as n
    from c join ${enrollments} e on e.class_id = c.class_id and e.status = 'enrolled'
    group by ${sql.join([...keys, sql`e.person_id`], sql`, `)}`;
  const totals = sql`with c as (${linked})
    select (select count(*) from c)::int as classes, coalesce(sum(x.n), 0)::int as person_times,
      count(*)::int as people
    from (${enrolled([])}) x`;
  if (names.length === 0) return { groups: null, totals };
  const list = sql.join(names, sql`, `);
  const ofC = names.map((n) => sql`c.${n}`);
  // People per group by count(distinct): PostgreSQL sorts each group's enrolments on its own, which
  // beats hashing one row per (group, person) — nearly one per enrolment, since a person is rarely
  // in two classes of one year and kind (305 → 200 ms over 276,000 enrolments, docs/performance.md).
  const groups = sql`with c as (${linked})
    select ${list}, k.classes, coalesce(p.person_times, 0)::int as person_times, coalesce(p.people, 0)::int as people
    from (select ${list}, count(*)::int as classes from c group by ${list}) k
    left join (select ${sql.join(ofC, sql`, `)}, count(*)::int as person_times, count(distinct e.person_id)::int as people
      from c join ${enrollments} e on e.class_id = c.class_id and e.status = 'enrolled'
      group by ${sql.join(ofC, sql`, `)}) p using (${list})
    order by ${list}`;
  return { groups, totals };
}

/** Per direction of one pairing: distinct people who started in the period, by category and specialty. */
export interface DirectionFigureRow {
  direction: Direction;
  cadres: number;
  professionals: number;
  medical: number;
  education: number;
  agriculture: number;
  other: number;
}

export function narrativeFiguresSql(f: { partnershipId: string; from: string; to: string; scope: SQL }): SQL {
  const person = secondments.personId;
  const professional = (s: Specialty) =>
    sql`count(distinct ${person}) filter (where ${secondments.category} = 'professional' and ${secondments.specialty} = ${s})::int as ${sql.raw(s)}`;
  return sql`select ${secondments.direction} as direction,
      count(distinct ${person}) filter (where ${secondments.category} = 'cadre')::int as cadres,
      count(distinct ${person}) filter (where ${secondments.category} = 'professional')::int as professionals,
      ${professional('medical')}, ${professional('education')}, ${professional('agriculture')}, ${professional('other')}
    from ${secondments}
    where ${secondments.partnershipId} = ${f.partnershipId}::uuid and ${countedTerm}
      and ${secondments.actualStart} between ${f.from}::date and ${f.to}::date and ${f.scope}
    group by ${secondments.direction}`;
}

/** Joint classes of one pairing in a period, by kind (for the narrative). */
export interface JointKindRow {
  d0: JointClassKind;
  classes: number;
  person_times: number;
}
