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
 * Secondments counted by the dimensions, plus one totals row (`is_total = 1`) through GROUPING
 * SETS: people = distinct persons, person_times = rows. Basis `started`: actual start in the range.
 * Basis `in_post`: in post (actual start .. actual end, else planned end) on a day of the range; with
 * the year dimension each term is joined to every year of the range it covered (generate_series),
 * so it counts once per year — and the totals' person-times are those per-year rows too.
 */
export function secondmentStatsSql(f: SecondmentStatsFilter): SQL {
  const from = `${f.fromYear}-01-01`;
  const to = `${f.toYear}-12-31`;
  const dims = f.groupBy.map((d) => secondmentDimension(d, f.basis));
  const joins: SQL[] = [];
  // The years of the range each term covered: generate_series over the term's own years, clipped
  // to the range (the same rows as joining every year of the range against the term, cheaper).
  if (f.basis === 'in_post' && f.groupBy.includes('year'))
    joins.push(
      sql`cross join lateral generate_series(greatest(${f.fromYear}::int, extract(year from ${secondments.actualStart})::int), least(${f.toYear}::int, extract(year from ${termEnd})::int)) as y(year)`,
    );
  if (f.groupBy.includes('hostUnitType'))
    joins.push(sql`join ${units} hu on hu.id = ${secondments.hostUnitId}`);
  const period =
    f.basis === 'started'
      ? sql`${secondments.actualStart} between ${from}::date and ${to}::date`
      : sql`${secondments.actualStart} <= ${to}::date and ${termEnd} >= ${from}::date`;
  const conditions = [countedTerm, period, f.scope];
  if (f.partnershipId) conditions.push(sql`${secondments.partnershipId} = ${f.partnershipId}::uuid`);
  const names = dimNames(dims.length);
  const picked = dims.map((d, i) => sql`${d} as ${names[i]}`);
  // One row per (dimensions, person) first, by hashing: people = those rows, person-times = their
  // counts. The same for the totals over the range (people counted once). No count(distinct).
  const terms = sql`select ${sql.join([...picked, sql`${secondments.personId} as person_id`], sql`, `)}
    from ${secondments} ${sql.join(joins, sql` `)} where ${sql.join(conditions, sql` and `)}`;
  const totals = sql`select count(*)::int as people, coalesce(sum(n), 0)::int as person_times
    from (select person_id, count(*) as n from t group by person_id) x`;
  if (dims.length === 0)
    return sql`with t as (${terms}) select x.people, x.person_times, 1 as is_total from (${totals}) x`;
  const list = sql.join(names, sql`, `);
  return sql`with t as (${terms})
    select ${list}, count(*)::int as people, sum(n)::int as person_times, 0 as is_total
    from (select ${list}, person_id, count(*) as n from t group by ${list}, person_id) x group by ${list}
    union all
    select ${sql.join(
      names.map((n) => sql`null as ${n}`),
      sql`, `,
    )}, x.people, x.person_times, 1 from (${totals}) x
    order by is_total, ${list}`;
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
 * Joint classes (partnership_classes) counted by start year and joint kind, plus a totals row:
 * classes, person-times = enrolments still enrolled, people = distinct persons. Cancelled classes
 * are left out; the scope is the reader's reach on the pairing.
 */
export function jointClassStatsSql(f: JointClassStatsFilter): SQL {
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
  // e: one row per (dimensions, person) with their enrolments: people and person-times by hashing.
  const ofC = names.map((n) => sql`c.${n}`);
  const enrolled = sql`select ${sql.join([...ofC, sql`${enrollments.personId} as person_id`], sql`, `)}, count(*) as n
    from c join ${enrollments} on ${enrollments.classId} = c.class_id and ${enrollments.status} = 'enrolled'
    group by ${sql.join([...ofC, sql`${enrollments.personId}`], sql`, `)}`;
  const totals = sql`select (select count(*) from c)::int as classes, coalesce(sum(x.n), 0)::int as person_times, count(*)::int as people
    from (select person_id, sum(n) as n from e group by person_id) x`;
  const ctes = sql`with c as (${linked}), e as (${enrolled})`;
  if (names.length === 0)
    return sql`${ctes} select t.classes, t.person_times, t.people, 1 as is_total from (${totals}) t`;
  const list = sql.join(names, sql`, `);
  const nulls = sql.join(
    names.map((n) => sql`null as ${n}`),
    sql`, `,
  );
  return sql`${ctes}
    select ${list}, k.classes, coalesce(p.person_times, 0)::int as person_times, coalesce(p.people, 0)::int as people, 0 as is_total
    from (select ${list}, count(*)::int as classes from c group by ${list}) k
    left join (select ${list}, count(*)::int as people, sum(n)::int as person_times from e group by ${list}) p using (${list})
    union all
    select ${nulls}, t.classes, t.person_times, t.people, 1 from (${totals}) t
    order by is_total, ${list}`;
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
