import { MIN_RESPONSES_FOR_STATS, type StudyHourSettings } from '@ganxun/domain';
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
import { rowsOf } from '../quotas/holders.js';
import { ownPeopleSql, ownUnitIdsSql, runClassIdsSql } from '../stats/scope.js';
import { FIVE_YEAR_LEVELS } from '../training-records/below.js';

/**
 * The dashboard's own aggregates — the figures the statistics engine has no measure for
 * (certificates, secondments in post, rankings, compliance, flows). Each one statement with its
 * GROUP BY in SQL, scoped with the engine's scope helpers so that it counts what the engine counts.
 */

export interface Period {
  from: string;
  to: string;
}

/** A class of the period that was held: dated by its start day, as the engine's training fact. */
function heldInPeriod(p: Period): SQL {
  return sql`${classes.status} not in ('draft', 'cancelled')
    and coalesce(${classes.startDate}, make_date(${classes.year}, 1, 1)) between ${p.from}::date and ${p.to}::date`;
}

const int = (v: unknown) => Number(v ?? 0);

/** Valid certificates of the enrolments the reader's statistics reach, in classes of the period. */
export async function certificateCount(db: Db, actor: Actor, p: Period): Promise<number> {
  const tu = alias(units, 'tu');
  const result = await db.execute(sql`
    select count(*) as n
    from ${certificates}
    inner join ${enrollments} on ${enrollments.id} = ${certificates.enrollmentId}
    inner join ${classes} on ${classes.id} = ${enrollments.classId}
    inner join ${people} on ${people.id} = ${enrollments.personId}
    inner join ${units} tu on ${tu.id} = ${people.unitId}
    where ${certificates.status} = 'valid' and ${enrollments.status} = 'enrolled'
      and ${heldInPeriod(p)}
      and (${classes.id} in ${runClassIdsSql(actor)} or ${tu.id} in ${ownUnitIdsSql(actor)})`);
  return int(rowsOf<{ n: unknown }>(result)[0]?.n);
}

/** A secondment counts when it started and was in post on some day of the period. */
const inPost = (p: Period) => sql`${secondments.actualStart} is not null
  and ${secondments.status} not in ('planned', 'cancelled')
  and ${secondments.actualStart} <= ${p.to}::date
  and coalesce(${secondments.actualEnd}, ${secondments.plannedEnd}) >= ${p.from}::date`;

/** Secondments (人次) in post on some day of the period, within the reader's secondment reach. */
export async function secondmentsInPost(db: Db, actor: Actor, p: Period): Promise<number> {
  const result = await db.execute(sql`
    select count(*) as n from ${secondments}
    where ${inPost(p)} and ${secondmentScope(actor, db, 'stats.read')}`);
  return int(rowsOf<{ n: unknown }>(result)[0]?.n);
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
  const result = await db.execute(sql`
    select extract(year from ${secondments.actualStart})::int as year,
      ${secondments.partnershipId} as partnership_id, ${secondments.direction} as direction,
      ${secondments.category} as category, count(*) as n
    from ${secondments}
    where ${secondments.actualStart} between ${p.from}::date and ${p.to}::date
      and ${secondments.status} not in ('planned', 'cancelled')
      and ${secondmentScope(actor, db, 'stats.read')}
    group by 1, 2, 3, 4
    order by 1, 2, 3, 4`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
    year: int(r.year),
    partnershipId: String(r.partnership_id),
    direction: r.direction === 'b_to_a' ? 'b_to_a' : 'a_to_b',
    category: String(r.category),
    personTimes: int(r.n),
  }));
}

/**
 * The rated forms of classes the reader runs, held in the period, with their rating sums (kept by a
 * trigger, migration 0012: no answer is parsed here). `forms` narrows the forms (lecture forms).
 */
function ratedForms(actor: Actor, p: Period, forms: SQL): SQL {
  return sql`
    select ${surveyForms.id} as form_id, ${surveyForms.sessionId} as session_id,
      ${surveyForms.classId} as class_id, fs.responses, fs.score_sum, fs.score_n
    from survey_form_scores fs
    inner join ${surveyForms} on ${surveyForms.id} = fs.form_id
    inner join ${classes} on ${classes.id} = ${surveyForms.classId}
    where fs.responses > 0 and ${forms} and ${heldInPeriod(p)} and ${classes.id} in ${runClassIdsSql(actor)}`;
}

export interface LecturerRow {
  lecturerId: string;
  name: string;
  score: number;
  responses: number;
  items: number;
}

/** The ten best-rated lecturers (lecture forms of their items), from MIN_RESPONSES_FOR_STATS responses. */
export async function topLecturers(db: Db, actor: Actor, p: Period): Promise<LecturerRow[]> {
  const result = await db.execute(sql`
    with rated as (${ratedForms(actor, p, sql`${surveyForms.target} = 'lecture'`)})
    select l.id as lecturer_id, l.name as name, sum(a.score_sum) / sum(a.score_n) as score,
      sum(a.responses) as responses, count(distinct a.session_id) as items
    from rated a
    inner join ${classSessionLecturers} sl on sl.session_id = a.session_id
    inner join ${lecturers} l on l.id = sl.lecturer_id
    group by l.id, l.name
    having sum(a.responses) >= ${MIN_RESPONSES_FOR_STATS}
    order by score desc, responses desc, l.name asc
    limit 10`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
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
export async function topTopics(db: Db, actor: Actor, p: Period): Promise<TopicRow[]> {
  const result = await db.execute(sql`
    with rated as (${ratedForms(actor, p, sql`true`)})
    select t.topic as topic, sum(a.score_sum) / sum(a.score_n) as score,
      sum(a.responses) as responses, count(distinct a.class_id) as classes
    from rated a
    inner join ${classes} c on c.id = a.class_id
    cross join lateral unnest(c.topics) as t(topic)
    group by t.topic
    having sum(a.responses) >= ${MIN_RESPONSES_FOR_STATS}
    order by score desc, responses desc, t.topic asc
    limit 10`);
  return rowsOf<Record<string, unknown>>(result).map((r) => ({
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
  const result = await db.execute(sql`
    with sums as (
      select ${people.id} as person_id, ${tu.id} as unit_id, ${tu.name} as unit_name,
        ${people.requirementOverride} as override,
        coalesce(${people.rank} = any(${levels}::text[]), false) as leading,
        coalesce(sum(${trainingRecords.hours}) filter (where ${trainingRecords.year} = ${year}), 0) as year_total,
        coalesce(sum(${trainingRecords.hours}) filter (
          where ${trainingRecords.year} = ${year} and ${trainingRecords.category} = 'online'), 0) as online_done,
        coalesce(sum(${trainingRecords.hours}), 0) as five_total
      from ${people}
      inner join ${units} tu on ${tu.id} = ${people.unitId}
      left join ${trainingRecords} on ${trainingRecords.personId} = ${people.id}
        and ${trainingRecords.voidedAt} is null and ${trainingRecords.hours} > 0
        and ${trainingRecords.year} between ${year - 4} and ${year}
      where ${people.status} = 'serving' and ${ownPeopleSql(actor, tu)}
      group by ${people.id}, ${tu.id}
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
    order by people desc, unit_name asc
    limit 15`);
  return rowsOf<Record<string, unknown>>(result).map((r) => {
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
