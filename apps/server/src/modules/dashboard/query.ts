import { MIN_RESPONSES_FOR_STATS, rateOf, type StudyHourSettings } from '@ganxun/domain';
import { type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.js';
import {
  certificates,
  classes,
  classSessionLecturers,
  enrollments,
  lecturers,
  people,
  secondments,
  surveyForms,
  trainingRecords,
  units,
} from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { secondmentScope } from '../partnerships/policy.js';
import { ownPeopleSql, ownUnitIdsSql, runClassIdsSql } from '../stats/scope.js';
import { FIVE_YEAR_LEVELS } from '../training-records/below.js';
import { aggregate, idArray, type Period } from './aggregate.js';

/**
 * The dashboard's own aggregates — the figures the statistics engine has no measure for
 * (certificates, secondments in post, rankings, compliance, flows). Each one statement with its
 * GROUP BY in SQL, scoped with the engine's scope helpers so that it counts what the engine counts.
 */

/** A class of the period that was held: dated by its start day, as the engine's training fact. */
function heldInPeriod(p: Period): SQL {
  return sql`${classes.status} not in ('draft', 'cancelled')
    and coalesce(${classes.startDate}, make_date(${classes.year}, 1, 1)) between ${p.from}::date and ${p.to}::date`;
}

const int = (v: unknown) => Number(v ?? 0);

/**
 * Valid certificates of the enrolments the reader's statistics reach, in classes of the period,
 * counted from their rows: the dashboard takes the figure from the class summaries (training.ts);
 * test/dashboard-summary.test.ts holds the two equal.
 */
export async function certificateCount(db: Db, actor: Actor, p: Period): Promise<number> {
  const tu = alias(units, 'tu');
  const result = await aggregate(
    db,
    sql`
    select count(*) as n
    from ${certificates}
    inner join ${enrollments} on ${enrollments.id} = ${certificates.enrollmentId}
    inner join ${classes} on ${classes.id} = ${enrollments.classId}
    inner join ${people} on ${people.id} = ${enrollments.personId}
    inner join ${units} tu on ${tu.id} = ${people.unitId}
    where ${certificates.status} = 'valid' and ${enrollments.status} = 'enrolled'
      and ${heldInPeriod(p)}
      and (${classes.id} in ${runClassIdsSql(actor)} or ${tu.id} in ${ownUnitIdsSql(actor)})`,
  );
  return int(result[0]?.n);
}

/** A secondment counts when it started and was in post on some day of the period. */
const inPost = (p: Period) => sql`${secondments.actualStart} is not null
  and ${secondments.status} not in ('planned', 'cancelled')
  and ${secondments.actualStart} <= ${p.to}::date
  and coalesce(${secondments.actualEnd}, ${secondments.plannedEnd}) >= ${p.from}::date`;

/** Secondments (人次) in post on some day of the period, within the reader's secondment reach. */
export async function secondmentsInPost(db: Db, actor: Actor, p: Period): Promise<number> {
  const result = await aggregate(
    db,
    sql`
    select count(*) as n from ${secondments}
    where ${inPost(p)} and ${secondmentScope(actor, db, 'stats.read')}`,
  );
  return int(result[0]?.n);
}

export interface FlowRow {
  year: number;
  partnershipId: string;
  direction: 'a_to_b' | 'b_to_a';
  category: string;
  personTimes: number;
}

/** Secondments that started in the period, by year, pairing, direction and category. */
export async function exchangeFlows(db: Db, actor: Actor, p: Period): Promise<FlowRow[]> {
  const result = await aggregate(
    db,
    sql`
    select extract(year from ${secondments.actualStart})::int as year,
      ${secondments.partnershipId} as partnership_id, ${secondments.direction} as direction,
      ${secondments.category} as category, count(*) as n
    from ${secondments}
    where ${secondments.actualStart} between ${p.from}::date and ${p.to}::date
      and ${secondments.status} not in ('planned', 'cancelled')
      and ${secondmentScope(actor, db, 'stats.read')}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`,
  );
  return result.map((r) => ({
    year: int(r.year),
    partnershipId: String(r.partnership_id),
    direction: r.direction === 'b_to_a' ? 'b_to_a' : 'a_to_b',
    category: String(r.category),
    personTimes: int(r.n),
  }));
}

/**
 * The rated forms of the classes the reader runs among the period's (training.ts `periodClasses`),
 * with their rating sums (kept by a trigger, migration 0012: no answer is parsed here). `forms`
 * narrows the forms (lecture forms).
 */
function ratedForms(run: readonly string[], forms: SQL): SQL {
  return sql`
    select ${surveyForms.id} as form_id, ${surveyForms.sessionId} as session_id,
      ${surveyForms.classId} as class_id, fs.responses, fs.score_sum, fs.score_n
    from survey_form_scores fs
    inner join ${surveyForms} on ${surveyForms.id} = fs.form_id
    where fs.responses > 0 and ${forms} and ${surveyForms.classId} = any(${idArray(run)})`;
}

/**
 * Satisfaction as the engine's evaluation fact states it (stats/sql.ts: the rated forms of the
 * classes the reader runs; null below MIN_RESPONSES_FOR_STATS responses), from the run classes
 * already known.
 */
export async function satisfaction(db: Db, run: readonly string[]): Promise<number | null> {
  const [row] = await aggregate(
    db,
    sql`select coalesce(sum(a.responses), 0)::int as responses, coalesce(sum(a.score_sum), 0)::float8 as score_sum,
      coalesce(sum(a.score_n), 0)::int as score_n
    from (${ratedForms(run, sql`true`)}) a`,
  );
  return int(row?.responses) >= MIN_RESPONSES_FOR_STATS
    ? rateOf(int(row?.score_sum), int(row?.score_n))
    : null;
}

export interface LecturerRow {
  lecturerId: string;
  name: string;
  score: number;
  responses: number;
  items: number;
}

/** The ten best-rated lecturers (lecture forms of their items), from MIN_RESPONSES_FOR_STATS responses. */
export async function topLecturers(db: Db, run: readonly string[]): Promise<LecturerRow[]> {
  const result = await aggregate(
    db,
    sql`
    with rated as (${ratedForms(run, sql`${surveyForms.target} = 'lecture'`)})
    select l.id as lecturer_id, l.name as name, sum(a.score_sum) / sum(a.score_n) as score,
      sum(a.responses) as responses, count(distinct a.session_id) as items
    from rated a
    inner join ${classSessionLecturers} sl on sl.session_id = a.session_id
    inner join ${lecturers} l on l.id = sl.lecturer_id
    group by l.id, l.name
    having sum(a.responses) >= ${MIN_RESPONSES_FOR_STATS}
    order by score desc, responses desc, l.name asc
    limit 10`,
  );
  return result.map((r) => ({
    lecturerId: String(r.lecturer_id),
    name: String(r.name),
    score: Number(r.score),
    responses: int(r.responses),
    items: int(r.items),
  }));
}

export interface TopicRow {
  topic: string;
  score: number;
  responses: number;
  classes: number;
}

/** The ten best-rated topics (every form of the classes with the topic), from the minimum of responses. */
export async function topTopics(db: Db, run: readonly string[]): Promise<TopicRow[]> {
  const result = await aggregate(
    db,
    sql`
    with rated as (${ratedForms(run, sql`true`)})
    select t.topic as topic, sum(a.score_sum) / sum(a.score_n) as score,
      sum(a.responses) as responses, count(distinct a.class_id) as classes
    from rated a
    inner join ${classes} c on c.id = a.class_id
    cross join lateral unnest(c.topics) as t(topic)
    group by t.topic
    having sum(a.responses) >= ${MIN_RESPONSES_FOR_STATS}
    order by score desc, responses desc, t.topic asc
    limit 10`,
  );
  return result.map((r) => ({
    topic: String(r.topic),
    score: Number(r.score),
    responses: int(r.responses),
    classes: int(r.classes),
  }));
}

export interface ComplianceRow {
  unitId: string;
  unitName: string;
  people: number;
  compliant: number;
  rate: number | null;
}

/**
 * Study-hour compliance (学时达标) in `year` by unit, for the people serving in units the reader's
 * statistics reach: the requirement and the 学时 done are those of the archive's below-requirement
 * list (training-records/below.ts: the person's override or their post level's default, yearly or
 * over five years, and the online minimum), counted per unit; the 15 units with most people.
 */
export async function complianceByUnit(
  db: Db,
  actor: Actor,
  settings: StudyHourSettings,
  year: number,
): Promise<ComplianceRow[]> {
  const tu = alias(units, 'tu');
  const levels = `{${FIVE_YEAR_LEVELS.join(',')}}`;
  // The 15 units with most serving people first (an index-only count), then the 学时 of their
  // people only: the ranking depends on the head count alone, and a province has 160,000 people.
  const result = await aggregate(
    db,
    sql`
    with top as (
      select ${tu.id} as unit_id, ${tu.name} as unit_name, count(*) as people
      from ${people}
      inner join ${units} tu on ${tu.id} = ${people.unitId}
      where ${people.status} = 'serving' and ${ownPeopleSql(actor, tu)}
      group by ${tu.id}, ${tu.name}
      order by people desc, unit_name asc
      limit 15
    ),
    sums as (
      select ${people.id} as person_id, top.unit_id, top.unit_name,
        ${people.requirementOverride} as override,
        coalesce(${people.rank} = any(${levels}::text[]), false) as leading,
        coalesce(sum(${trainingRecords.hours}) filter (where ${trainingRecords.year} = ${year}), 0) as year_total,
        coalesce(sum(${trainingRecords.hours}) filter (
          where ${trainingRecords.year} = ${year} and ${trainingRecords.category} = 'online'), 0) as online_done,
        coalesce(sum(${trainingRecords.hours}), 0) as five_total
      from top
      inner join ${people} on ${people.unitId} = top.unit_id and ${people.status} = 'serving'
      left join ${trainingRecords} on ${trainingRecords.personId} = ${people.id}
        and ${trainingRecords.voidedAt} is null and ${trainingRecords.hours} > 0
        and ${trainingRecords.year} between ${year - 4} and ${year}
      group by ${people.id}, top.unit_id, top.unit_name
    ),
    measured as (
      select s.unit_id, s.unit_name, s.online_done,
        case when s.override is not null then (s.override->>'hours')::numeric
          when s.leading then ${settings.fiveYearHours}::numeric else ${settings.yearlyHours}::numeric end as required,
        case when (s.override is not null and s.override->>'period' = 'five_year')
          or (s.override is null and s.leading) then s.five_total else s.year_total end as done
      from sums s
    )
    select unit_id, unit_name, count(*) as people,
      count(*) filter (where done >= required and online_done >= ${settings.onlineMinimumPerYear}::numeric) as compliant
    from measured
    group by unit_id, unit_name
    order by people desc, unit_name asc`,
  );
  return result.map((r) => {
    const total = int(r.people);
    const compliant = int(r.compliant);
    return {
      unitId: String(r.unit_id),
      unitName: String(r.unit_name),
      people: total,
      compliant,
      rate: total > 0 ? compliant / total : null,
    };
  });
}
