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

export interface FlowRow {
  year: number;
  partnershipId: string;
  direction: 'a_to_b' | 'b_to_a';
  category: string;
  personTimes: number;
}

export interface SecondmentPanels {
  /** Secondments (人次) in post on some day of the period. */
  inPost: number;
  /** Those that started in the period, by year, pairing, direction and category. */
  flows: FlowRow[];
}

/**
 * The exchange panels within the reader's secondment reach, in one scan of the secondments: a
 * term that started in the period was in post in it (it ends on or after its start), so the flows
 * are the in-post terms that started on or after the period's first day — grouped, with the
 * in-post count as the grand total of the same grouping sets.
 */
export async function secondmentPanels(db: Db, actor: Actor, p: Period): Promise<SecondmentPanels> {
  const result = await aggregate(
    db,
    sql`
    select extract(year from ${secondments.actualStart})::int as year,
      ${secondments.partnershipId} as partnership_id, ${secondments.direction} as direction,
      ${secondments.category} as category,
      count(*) filter (where ${secondments.actualStart} >= ${p.from}::date) as started,
      count(*) as n, grouping(${secondments.partnershipId}) as is_total
    from ${secondments}
    where ${inPost(p)} and ${secondmentScope(actor, db, 'stats.read')}
    group by grouping sets ((extract(year from ${secondments.actualStart})::int, ${secondments.partnershipId},
      ${secondments.direction}, ${secondments.category}), ())
    order by 1, 2, 3, 4`,
  );
  return {
    inPost: int(result.find((r) => int(r.is_total) === 1)?.n),
    flows: result
      .filter((r) => int(r.is_total) === 0 && int(r.started) > 0)
      .map((r) => ({
        year: int(r.year),
        partnershipId: String(r.partnership_id),
        direction: r.direction === 'b_to_a' ? 'b_to_a' : 'a_to_b',
        category: String(r.category),
        personTimes: int(r.started),
      })),
  };
}

export interface LecturerRow {
  lecturerId: string;
  name: string;
  score: number;
  responses: number;
  items: number;
}

export interface TopicRow {
  topic: string;
  score: number;
  responses: number;
  classes: number;
}

export interface SurveyPanels {
  /** As the engine's evaluation fact states it; null below MIN_RESPONSES_FOR_STATS responses. */
  satisfaction: number | null;
  /** The ten best-rated lecturers (lecture forms of their items), from the minimum of responses. */
  lecturers: LecturerRow[];
  /** The ten best-rated topics (every form of the classes with the topic), from the minimum. */
  topics: TopicRow[];
}

/**
 * The evaluation panels in one statement over the rated forms of the classes the reader runs among
 * the period's (training.ts `periodClasses`), as the engine's evaluation fact counts them
 * (stats/sql.ts): the forms are read once, from the index that holds what is needed of them
 * (`survey_forms_class_idx`, migration 0017 — a form's row carries its questions), with their
 * rating sums (kept by a trigger, migration 0012: no answer is parsed here).
 */
export async function surveyPanels(db: Db, run: readonly string[]): Promise<SurveyPanels> {
  const min = MIN_RESPONSES_FOR_STATS;
  const rows = await aggregate(
    db,
    sql`
    with rated as materialized (
      select f.id as form_id, f.session_id, f.class_id, f.target, fs.responses, fs.score_sum, fs.score_n
      from ${surveyForms} f
      inner join survey_form_scores fs on fs.form_id = f.id
      where f.class_id = any(${idArray(run)}) and fs.responses > 0
    ),
    lecturer as (
      select l.id::text as k, l.name as name, sum(a.score_sum) / sum(a.score_n) as score,
        sum(a.responses) as responses, count(distinct a.session_id) as n
      from rated a
      inner join ${classSessionLecturers} sl on sl.session_id = a.session_id
      inner join ${lecturers} l on l.id = sl.lecturer_id
      where a.target = 'lecture'
      group by l.id, l.name
      having sum(a.responses) >= ${min}
    ),
    topic as (
      select t.topic as k, t.topic as name, sum(a.score_sum) / sum(a.score_n) as score,
        sum(a.responses) as responses, count(distinct a.class_id) as n
      from rated a
      inner join ${classes} c on c.id = a.class_id
      cross join lateral unnest(c.topics) as t(topic)
      group by t.topic
      having sum(a.responses) >= ${min}
    ),
    ranked as (
      select 'lecturer' as part, row_number() over (order by score desc, responses desc, name asc) as rank, *
      from lecturer
      union all
      select 'topic', row_number() over (order by score desc, responses desc, name asc), * from topic
    )
    select part, rank, k, name, score, responses, n, null::float8 as score_sum, null::bigint as score_n
    from ranked where rank <= 10
    union all
    select 'all', 0, null, null, null, coalesce(sum(responses), 0), null,
      coalesce(sum(score_sum), 0)::float8, coalesce(sum(score_n), 0)
    from rated`,
  );
  const all = rows.find((r) => r.part === 'all');
  const ranked = (part: string) =>
    rows.filter((r) => r.part === part).sort((a, b) => int(a.rank) - int(b.rank));
  return {
    satisfaction: int(all?.responses) >= min ? rateOf(Number(all?.score_sum ?? 0), int(all?.score_n)) : null,
    lecturers: ranked('lecturer').map((r) => ({
      lecturerId: String(r.k),
      name: String(r.name),
      score: Number(r.score),
      responses: int(r.responses),
      items: int(r.n),
    })),
    topics: ranked('topic').map((r) => ({
      topic: String(r.k),
      score: Number(r.score),
      responses: int(r.responses),
      classes: int(r.n),
    })),
  };
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
