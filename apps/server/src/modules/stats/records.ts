import { MEASURE_FACT, MIN_RESPONSES_FOR_STATS, type ReportMeasure } from '@ganxun/domain';
import { type SQL, sql } from 'drizzle-orm';
import { classes } from '../../db/schema/index.js';
import { classDay, evaluationFrom, exchangeFrom, type FactInput, trainingFrom } from './sql.js';

/**
 * The records behind a figure: the same FROM … WHERE as the figure's aggregate (sql.ts), listed a
 * page at a time with the total (`count(*) over ()`). `classes` lists classes; the other training
 * measures list enrolments; satisfaction lists forms (never a respondent); secondments list terms.
 */
export function recordsSql(input: FactInput, measure: ReportMeasure, limit: number, offset: number): SQL {
  const page = sql`limit ${limit} offset ${offset}`;
  const fact = MEASURE_FACT[measure];
  if (measure === 'classes') {
    return sql`select 'class' as kind, ${classes.id} as id, ${classes.id} as class_id, ${classes.code} as class_code,
        ${classes.name} as class_name, null as person_id, null as person_name, null as unit_name, null as region_name,
        ${classDay} as day, count(e.id)::int as value, null as detail, count(*) over () as total
      ${trainingFrom(input)}
      group by ${classes.id}
      order by day, class_code ${page}`;
  }
  if (fact === 'training') {
    const value =
      measure === 'hours'
        ? sql`case when cr.completed then cr.hours end`
        : measure === 'completionRate'
          ? sql`case when cr.completed then 1 when cr.completed is not null then 0 end`
          : measure === 'attendanceRate'
            ? sql`case when att.due > 0 then att.attended::float8 / att.due end`
            : sql`null::float8`;
    return sql`select 'enrollment' as kind, e.id as id, ${classes.id} as class_id, ${classes.code} as class_code,
        ${classes.name} as class_name, p.id as person_id, p.name as person_name, tu.name as unit_name,
        (select name from regions where code = tu.region_code) as region_name,
        ${classDay} as day, ${value} as value, null as detail, count(*) over () as total
      ${trainingFrom(input)}
      order by day, class_code, p.name_pinyin ${page}`;
  }
  if (fact === 'evaluation') {
    return sql`select 'form' as kind, sf.id as id, ${classes.id} as class_id, ${classes.code} as class_code,
        ${classes.name} as class_name, null as person_id, null as person_name, null as unit_name, null as region_name,
        ${classDay} as day,
        case when fs.responses >= ${MIN_RESPONSES_FOR_STATS} and fs.score_n > 0 then fs.score_sum / fs.score_n end as value,
        sf.title || '（' || fs.responses || '）' as detail, count(*) over () as total
      ${evaluationFrom(input)}
      order by day, class_code, sf.title ${page}`;
  }
  return sql`select 'secondment' as kind, s.id as id, null as class_id, null as class_code, null as class_name,
      s.person_id as person_id, (select name from people where id = s.person_id) as person_name,
      hu.name as unit_name, (select name from regions where code = hu.region_code) as region_name,
      s.actual_start as day, null::float8 as value, s.host_post as detail, count(*) over () as total
    ${exchangeFrom(input)}
    order by s.actual_start, s.id ${page}`;
}
