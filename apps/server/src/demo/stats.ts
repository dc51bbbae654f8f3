import { DEFAULT_CLASS_TEMPLATE } from '@ganxun/domain';
import { and, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { partnerships, planItems, savedReports, users } from '../db/schema/index.js';
import { PAIRING_NAME } from './exchange.js';

/**
 * Statistics (issue 8): the reports an organisation department keeps, saved and shared by
 * hubei.org, so that a newcomer opens the report builder on the seeds' own figures — the 2021
 * seminar series by city (seed 000), the year's training by class kind, and the Enshi ↔ Jianggan
 * pairing's joint classes and secondments by year (seed 004).
 */
export async function loadStatsDemo(db: Db): Promise<string> {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'hubei.org'));
  if (!owner) return 'stats: no hubei.org account';
  const known = await db
    .select({ id: savedReports.id })
    .from(savedReports)
    .where(eq(savedReports.ownerId, owner.id));
  if (known.length > 0) return 'stats: already loaded';
  const [series] = await db
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(like(planItems.name, '%思想破冰%'), eq(planItems.kind, 'seminar')));
  const [pairing] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.name, PAIRING_NAME));
  const reports: (typeof savedReports.$inferInsert)[] = [
    {
      ownerId: owner.id,
      name: '本年度干部教育培训统计（按班次类型）',
      definition: {
        dimensions: ['classKind'],
        measures: [
          'classes',
          'people',
          'personTimes',
          'hours',
          'attendanceRate',
          'satisfaction',
          'completionRate',
        ],
      },
      period: 'this_year',
      chart: 'bar',
      shared: true,
    },
  ];
  if (series)
    reports.push({
      ownerId: owner.id,
      name: '2021年“思想破冰”系列专题研讨班（按市州）',
      definition: {
        dimensions: ['region'],
        measures: ['classes', 'people', 'personTimes'],
        planItemId: series.id,
        from: '2021-01-01',
        to: '2021-12-31',
      },
      period: 'fixed',
      chart: 'bar',
      shared: true,
    });
  if (pairing)
    reports.push({
      ownerId: owner.id,
      name: '恩施市—江干区结对：联合办班与挂职交流（2018—2020）',
      definition: {
        dimensions: ['year'],
        measures: ['classes', 'people', 'personTimes', 'secondments'],
        partnershipId: pairing.id,
        from: '2018-01-01',
        to: '2020-12-31',
      },
      period: 'fixed',
      chart: 'bar',
      shared: true,
    });
  await db.insert(savedReports).values(reports);
  const series2021 = series ? await seriesResults(db, series.id) : '';
  return `stats: ${reports.length} shared reports of hubei.org${series2021}`;
}

/**
 * The 2021 series' results, so that its year reads as the seed tells it (all went to plan): each
 * seminar's completion (3 days, 21 学时; a few trainees left early and did not complete) and its
 * class evaluation form with about half the trainees answering (organisation, services, overall;
 * mostly 5 and 4). In SQL: 2,510 enrolments.
 */
async function seriesResults(db: Db, planItemId: string): Promise<string> {
  const classIds = sql`(select id from classes where plan_item_id = ${planItemId}::uuid and status <> 'cancelled')`;
  const done = await db.execute(sql`
    insert into completion_results (enrollment_id, class_id, completed, decided_by, reasons, hours, confirmed_at)
    select e.id, e.class_id, (abs(hashtext(e.id::text)) % 40) <> 0, 'rules', '[]'::jsonb,
      case when (abs(hashtext(e.id::text)) % 40) <> 0 then 21 else 0 end, c.end_date::timestamptz + interval '17 hours'
    from enrollments e join classes c on c.id = e.class_id
    where e.class_id in ${classIds} and e.status = 'enrolled'
    on conflict (enrollment_id) do nothing`);
  // Completion credits the archive (as the completion module does: one record per enrolment).
  await db.execute(sql`
    insert into training_records (person_id, source, category, title, organiser, class_id, enrollment_id,
      start_date, end_date, year, hours)
    select e.person_id, 'class_completion', 'full_time', c.name, u.name, c.id, e.id, c.start_date, c.end_date,
      extract(year from c.end_date)::int, cr.hours
    from completion_results cr join enrollments e on e.id = cr.enrollment_id
    join classes c on c.id = e.class_id join units u on u.id = c.lead_organiser_id
    where cr.class_id in ${classIds} and cr.completed
    on conflict do nothing`);
  const questions = JSON.stringify(DEFAULT_CLASS_TEMPLATE.questions);
  await db.execute(sql`
    insert into survey_forms (class_id, target, title, questions, opens_at, closes_at, responses)
    select c.id, 'class', ${DEFAULT_CLASS_TEMPLATE.name}, ${questions}::jsonb,
      c.end_date::timestamptz, c.end_date::timestamptz + interval '3 days', 0
    from classes c where c.id in ${classIds}
      and not exists (select 1 from survey_forms f where f.class_id = c.id and f.session_id is null)`);
  // About half answer; scores 5 (most), 4, sometimes 3 — varying by class so that topics rank.
  await db.execute(sql`
    insert into survey_responses (form_id, answers)
    select f.id, jsonb_build_object(
      'organisation', case when (g + k) % 7 = 0 then 4 else 5 end,
      'services', case when (g + k) % 5 = 0 then 4 when (g + k) % 23 = 0 then 3 else 5 end,
      'overall', case when (g * 3 + k) % (6 + k % 5) = 0 then 4 else 5 end)
    from survey_forms f
    join (select id, row_number() over (order by start_date) as k from classes where id in ${classIds}) c on c.id = f.class_id
    cross join lateral generate_series(1, (select count(*)::int / 2 from enrollments e where e.class_id = f.class_id)) g
    where f.session_id is null and f.responses = 0`);
  // Who answered (not what): the first half of each class's roster.
  await db.execute(sql`
    insert into survey_respondents (form_id, enrollment_id)
    select f.id, e.id from survey_forms f
    join lateral (select id, row_number() over (order by id) as n, count(*) over () as total
      from enrollments where class_id = f.class_id) e on e.n <= e.total / 2
    where f.class_id in ${classIds} and f.session_id is null
    on conflict do nothing`);
  await db.execute(sql`
    update survey_forms f set responses = (select count(*) from survey_responses r where r.form_id = f.id)
    where f.class_id in ${classIds} and f.session_id is null`);
  const count =
    (done as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ??
    (done as unknown as { rowCount?: number }).rowCount ??
    0;
  return `; the 2021 series: ${count} completion results and its evaluation forms`;
}
