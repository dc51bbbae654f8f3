import {
  type ReportDimension,
  type ReportFact,
  type ReportFilters,
  type ReportMeasure,
  regionPrefix,
} from '@ganxun/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classes, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { secondmentScope } from '../partnerships/policy.js';
import { ownUnitIdsSql, runClassIdsSql } from './scope.js';

/**
 * The SQL of the statistics engine: one aggregate per fact, grouped by the chosen dimensions.
 * Dimensions, measures and filters are fixed whitelists (the contract's enums) turned into SQL
 * here; values are always bound parameters. The reader's scope (scope.ts) is part of every WHERE.
 *
 * Aliases: `classes` stays un-aliased (the class policy's conditions name it), `e` enrolments,
 * `p` people, `tu` the trainee's unit; `s` secondments and `hu` the secondee's home unit.
 */

/** A class's day in the statistics: its start day, else the first day of its year. */
export const classDay = sql`coalesce(${classes.startDate}, make_date(${classes.year}, 1, 1))`;

/**
 * `classDay` within the period, written on `start_date` itself so that the planner estimates the
 * classes well (through the coalesce it guesses 25 of 977 and then loops over every enrolment).
 */
export function classInPeriod(from: string, to: string): SQL {
  return sql`(${classes.startDate} between ${from}::date and ${to}::date
    or (${classes.startDate} is null and make_date(${classes.year}, 1, 1) between ${from}::date and ${to}::date))`;
}

/** The city-level place of a region code (as `cityOf` in the domain). */
export function citySql(code: SQL): SQL {
  return sql`(case when ${code} like '%0000' then ${code}
    when substr(${code}, 3, 2) = '90' then ${code}
    when left(${code}, 2) in ('11', '12', '31', '50') then ${code}
    else left(${code}, 4) || '00' end)`;
}

/** A region filter's prefix: a 6-digit code stands for its subtree (422800 → 4228), a prefix for itself. */
export function regionFilterPrefix(code: string): string {
  return code.length === 6 ? regionPrefix(code) : code;
}

const unitInSubtree = (pathCol: SQL, unitId: string) => sql`position(${`/${unitId}/`} in ${pathCol}) > 0`;

/** The dimension expressions of each fact (absent: the fact cannot be split that way). */
const TRAINING_DIMS: Record<ReportDimension, SQL> = {
  year: sql`extract(year from ${classDay})::int`,
  month: sql`to_char(${classDay}, 'YYYY-MM')`,
  classKind: sql`${classes.kind}`,
  organiser: sql`${classes.leadOrganiserId}::text`,
  region: citySql(sql`tu.region_code`),
  unit: sql`tu.id::text`,
  topic: sql`tp.topic`,
  pairing: sql`pc.partnership_id::text`,
  category: sql`p.category`,
  specialty: sql`p.specialty`,
  class: sql`${classes.id}::text`,
};

const EVALUATION_DIMS: Partial<Record<ReportDimension, SQL>> = {
  year: TRAINING_DIMS.year,
  month: TRAINING_DIMS.month,
  classKind: TRAINING_DIMS.classKind,
  organiser: TRAINING_DIMS.organiser,
  topic: TRAINING_DIMS.topic,
  pairing: TRAINING_DIMS.pairing,
  class: TRAINING_DIMS.class,
};

const secondmentDay = sql`s.actual_start`;
const EXCHANGE_DIMS: Partial<Record<ReportDimension, SQL>> = {
  year: sql`extract(year from ${secondmentDay})::int`,
  month: sql`to_char(${secondmentDay}, 'YYYY-MM')`,
  pairing: sql`s.partnership_id::text`,
  category: sql`s.category`,
  specialty: sql`s.specialty`,
  region: citySql(sql`hu.region_code`),
  unit: sql`hu.id::text`,
};

/** Person dimensions: a row needs an enrolment (a run class without trainees has none). */
const PERSON_DIMS: readonly ReportDimension[] = ['region', 'unit', 'category', 'specialty'];

/** Topic: one row per topic of the class (a class without topics counts under null). */
const topicJoin = sql`cross join lateral unnest(case when cardinality(${classes.topics}) = 0 then array[null::text] else ${classes.topics} end) as tp(topic)`;
const pairingJoin = sql`left join partnership_classes pc on pc.class_id = ${classes.id}`;

/** Filters on the class (training and evaluation). */
function classFilters(f: ReportFilters): SQL[] {
  const out: SQL[] = [];
  if (f.month) out.push(sql`to_char(${classDay}, 'YYYY-MM') = ${f.month}`);
  if (f.classKind) out.push(sql`${classes.kind} = ${f.classKind}`);
  if (f.organiserId)
    out.push(
      sql`exists (select 1 from ${units} ou where ou.id = ${classes.leadOrganiserId} and ${unitInSubtree(sql`ou.path`, f.organiserId)})`,
    );
  if (f.topic) out.push(sql`${f.topic} = any(${classes.topics})`);
  if (f.partnershipId)
    out.push(
      sql`exists (select 1 from partnership_classes fpc where fpc.class_id = ${classes.id} and fpc.partnership_id = ${f.partnershipId}::uuid)`,
    );
  if (f.planItemId) out.push(sql`${classes.planItemId} = ${f.planItemId}::uuid`);
  if (f.tag) out.push(sql`${f.tag} = any(${classes.tags})`);
  if (f.classId) out.push(sql`${classes.id} = ${f.classId}::uuid`);
  return out;
}

/** Filters on the trainee (training only). */
function personFilters(f: ReportFilters): SQL[] {
  const out: SQL[] = [];
  if (f.regionCode) out.push(sql`tu.region_code like ${`${regionFilterPrefix(f.regionCode)}%`}`);
  if (f.unitId) out.push(unitInSubtree(sql`tu.path`, f.unitId));
  if (f.category) out.push(sql`p.category = ${f.category}`);
  if (f.specialty) out.push(sql`p.specialty = ${f.specialty}`);
  return out;
}

/** Classes that were held (or are being held): not drafts, not cancelled. */
export const heldClass = sql`${classes.status} not in ('draft', 'cancelled')`;

export interface FactInput {
  actor: Actor | null;
  db: Db;
  from: string;
  to: string;
  dimensions: readonly ReportDimension[];
  measures: readonly ReportMeasure[];
  filters: ReportFilters;
  /** The benchmark's baseline: no scope at all. */
  unscoped?: boolean;
}

const dimNames = (n: number) => Array.from({ length: n }, (_, i) => sql.raw(`d${i}`));

/** `select <dims as d0…>, <measures> … group by <dims>` — or one row when there are no dimensions. */
function grouped(dims: SQL[], measures: SQL, body: SQL): SQL {
  if (dims.length === 0) return sql`select ${measures} ${body}`;
  const names = dimNames(dims.length);
  const picked = sql.join(
    dims.map((d, i) => sql`${d} as ${names[i]}`),
    sql`, `,
  );
  return sql`select ${picked}, ${measures} ${body} group by ${sql.join(names, sql`, `)}`;
}

/**
 * The training fact: enrolments (withdrawn excluded) of held classes whose day lies in the period,
 * that the reader may count — plus, for `classes`, the classes the reader runs that have no trainee
 * yet. Columns: classes, people, person_times, hours, completed, decided, attended, due.
 */
export function trainingSql(input: FactInput): SQL {
  const { dimensions: dims, measures } = input;
  const wantsCompletion = measures.some((m) => m === 'hours' || m === 'completionRate');
  const wantsAttendance = measures.includes('attendanceRate');
  const cols = [
    sql`count(distinct ${classes.id})::int as classes`,
    sql`count(distinct e.person_id)::int as people`,
    sql`count(e.id)::int as person_times`,
    wantsCompletion
      ? sql`coalesce(sum(cr.hours) filter (where cr.completed), 0)::float8 as hours,
           count(*) filter (where cr.completed)::int as completed,
           count(cr.enrollment_id)::int as decided`
      : sql`0::float8 as hours, 0 as completed, 0 as decided`,
    wantsAttendance
      ? sql`coalesce(sum(att.attended), 0)::int as attended, coalesce(sum(att.due), 0)::int as due`
      : sql`0 as attended, 0 as due`,
  ];
  return grouped(
    dims.map((d) => TRAINING_DIMS[d]),
    sql.join(cols, sql`, `),
    trainingFrom(input),
  );
}

/** `from … where …` of the training fact (the aggregate above and the records behind it). */
export function trainingFrom(input: FactInput): SQL {
  const { dimensions: dims, measures, filters } = input;
  const joins: SQL[] = [];
  if (dims.includes('topic')) joins.push(topicJoin);
  if (dims.includes('pairing')) joins.push(pairingJoin);
  if (measures.some((m) => m === 'hours' || m === 'completionRate'))
    joins.push(sql`left join completion_results cr on cr.enrollment_id = e.id`);
  // Attendance per enrolment, kept by a trigger on attendance_records (migration 0012).
  if (measures.includes('attendanceRate'))
    joins.push(sql`left join enrollment_attendance att on att.enrollment_id = e.id`);
  const conditions: SQL[] = [
    heldClass,
    classInPeriod(input.from, input.to),
    ...classFilters(filters),
    ...personFilters(filters),
  ];
  if (!input.unscoped)
    conditions.push(
      sql`(${classes.id} in ${runClassIdsSql(input.actor, classInPeriod(input.from, input.to))} or tu.id in ${ownUnitIdsSql(input.actor)})`,
    );
  // A person dimension or measure needs an enrolment (a run class without trainees has no person).
  const onlyClasses = measures.every((m) => m === 'classes');
  if (dims.some((d) => PERSON_DIMS.includes(d)) || !onlyClasses) conditions.push(sql`e.id is not null`);
  return sql`from ${classes}
    left join enrollments e on e.class_id = ${classes.id} and e.status = 'enrolled'
    left join people p on p.id = e.person_id
    left join units tu on tu.id = p.unit_id
    ${sql.join(joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}`;
}

/**
 * The evaluation fact: the rating sums of the forms of held classes in the period that the reader
 * runs. Columns: responses (with a rating), score_sum, score_n.
 */
export function evaluationSql(input: FactInput): SQL {
  const { dimensions: dims } = input;
  const cols = sql`coalesce(sum(fs.responses), 0)::int as responses, coalesce(sum(fs.score_sum), 0)::float8 as score_sum,
    coalesce(sum(fs.score_n), 0)::int as score_n`;
  return grouped(
    dims.map((d) => EVALUATION_DIMS[d] as SQL),
    cols,
    evaluationFrom(input),
  );
}

/**
 * `from … where …` of the evaluation fact: one row per form with its rating sums, kept by a
 * trigger on survey_responses (migration 0012), so no answer is parsed at read time.
 */
export function evaluationFrom(input: FactInput): SQL {
  const { dimensions: dims, filters } = input;
  const joins: SQL[] = [];
  if (dims.includes('topic')) joins.push(topicJoin);
  if (dims.includes('pairing')) joins.push(pairingJoin);
  const conditions: SQL[] = [
    heldClass,
    classInPeriod(input.from, input.to),
    sql`fs.responses > 0`,
    ...classFilters(filters),
  ];
  if (!input.unscoped)
    conditions.push(
      sql`${classes.id} in ${runClassIdsSql(input.actor, classInPeriod(input.from, input.to))}`,
    );
  if (filters.lecturerId)
    conditions.push(
      sql`sf.session_id in (select session_id from class_session_lecturers where lecturer_id = ${filters.lecturerId}::uuid)`,
    );
  return sql`from survey_form_scores fs
    join survey_forms sf on sf.id = fs.form_id
    join ${classes} on ${classes.id} = sf.class_id
    ${sql.join(joins, sql` `)}
    where ${sql.join(conditions, sql` and `)}`;
}

/** The exchange fact: secondments that actually started in the period, in the reader's scope. */
export function exchangeSql(input: FactInput): SQL {
  return grouped(
    input.dimensions.map((d) => EXCHANGE_DIMS[d] as SQL),
    sql`count(*)::int as secondments, count(distinct s.person_id)::int as secondees`,
    exchangeFrom(input),
  );
}

/** `from … where …` of the exchange fact (secondments `s`, home unit `hu`). */
export function exchangeFrom(input: FactInput): SQL {
  const { filters: f } = input;
  const conditions: SQL[] = [
    sql`s.actual_start is not null and s.status not in ('planned', 'cancelled')`,
    sql`s.actual_start between ${input.from}::date and ${input.to}::date`,
  ];
  if (!input.unscoped) conditions.push(secondmentScopeOnAlias(input.actor, input.db));
  if (f.month) conditions.push(sql`to_char(s.actual_start, 'YYYY-MM') = ${f.month}`);
  if (f.partnershipId) conditions.push(sql`s.partnership_id = ${f.partnershipId}::uuid`);
  if (f.regionCode) conditions.push(sql`hu.region_code like ${`${regionFilterPrefix(f.regionCode)}%`}`);
  if (f.unitId) conditions.push(unitInSubtree(sql`hu.path`, f.unitId));
  if (f.category) conditions.push(sql`s.category = ${f.category}`);
  if (f.specialty) conditions.push(sql`s.specialty = ${f.specialty}`);
  return sql`from secondments s join units hu on hu.id = s.home_unit_id
    where ${sql.join(conditions, sql` and `)}`;
}

/** secondmentScope names the `secondments` table; the fact aliases it `s`, so ask by id. */
function secondmentScopeOnAlias(actor: Actor | null, db: Db): SQL {
  return sql`s.id in (select id from secondments where ${secondmentScope(actor, db)})`;
}

export const FACT_SQL: Record<ReportFact, (input: FactInput) => SQL> = {
  training: trainingSql,
  evaluation: evaluationSql,
  exchange: exchangeSql,
};
