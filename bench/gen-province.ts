// A province-scale data set for the statistics of issue 8, built in SQL (generate_series and
// INSERT … SELECT, never row by row) over the regions table's real codes of Hubei:
//
//   17 city-level places (13 prefectures + 仙桃/潜江/天门/神农架), ~120 units each (the city's
//   organisation department and party school, government offices, hospitals, schools, public
//   institutions, health centres) in their counties; 5 provincial organisers (省委组织部, 省委党校,
//   省卫健委, 省教育厅, 省人社厅); ~150,000 people; 800 lecturers;
//   5,000 classes over 2020–2024 (class_kind main, special, seminar, professional, leadership,
//   online, rotation; 40% organised by the provincial institutions, 60% by the cities' organisation
//   departments; 2% cancelled), each with 1–2 topics; one plan per year of the provincial
//   organisation department with a "系列专题研讨班" series of up to 17 classes;
//   300,000 enrolments (a person attends 1–4 classes: 40/30/20/10%; 35% provincial classes, the
//   rest the person's own city's; 3% withdrawn);
//   ~10 timetable items per class (two lectures a day for 3–7 days, a speaker each);
//   ~3,000,000 attendance records (enrolled trainees × items: 88% present, 4% late, 2% left early,
//   3% on leave, 3% absent);
//   a lecture form per item and a class form per class, 16–24 anonymous responses each (ratings
//   1–5 to the built-in templates' questions, mostly 4–5);
//   completion results for 90% of the enrolled (95% of them completed, 学时 = 6 per day) and a
//   certificate and a study-hour record (training_records) for each completion; the summaries
//   triggers keep in normal operation (enrollment_attendance, survey_form_scores, class_summaries);
//   40 east–west pairings (Hubei counties, 恩施 first, with Zhejiang counties, each side with 10
//   units and 250 people on the Zhejiang side) and 100,000 secondments with actual starts over
//   2018–2024 (forms from the secondment_form dictionary, categories and specialties of the people).
//
// Every volume except the fixed places (cities, units, lecturers, pairings) is multiplied by `scale`.
//
//   npx tsx bench/gen-province.ts                    embedded (PGlite) in a temporary directory
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/gen-province.ts
//                                                    a scratch database on that server (dropped
//                                                    unless BENCH_KEEP_DATABASE=1)
// Settings: BENCH_SCALE (1), BENCH_KEEP_DATABASE=1.

import { DEFAULT_CLASS_TEMPLATE, DEFAULT_LECTURE_TEMPLATE } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import { type Database, type Executor, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { fmt, machine, makeDataDir, scratchDatabase } from './lib.js';

export const FIRST_YEAR = 2020;
export const LAST_YEAR = 2024;
const UNITS_PER_CITY = 120;
const LECTURERS = 800;
const PAIRINGS = 40;
const ZJ_UNITS_PER_COUNTY = 10;
const ZJ_PEOPLE_PER_COUNTY = 250;

export interface ProvinceSizes {
  people: number;
  classes: number;
  secondments: number;
}

export function provinceSizes(scale: number): ProvinceSizes {
  return {
    people: Math.max(500, Math.round(150_000 * scale)),
    classes: Math.max(50, Math.round(5_000 * scale)),
    secondments: Math.max(200, Math.round(100_000 * scale)),
  };
}

export interface GeneratedProvince {
  scale: number;
  sizes: ProvinceSizes;
  /** Seconds per step (table). */
  steps: { step: string; seconds: number }[];
  counts: Record<string, number>;
  seconds: number;
}

/** A deterministic pseudo-random integer in [0, mod) of an integer expression and a salt. */
const h = (expr: string, salt: number, mod: number | string) =>
  `(abs(hashint8((${expr})::bigint * 7919 + ${salt}::bigint)::bigint) % ${mod})`;
/** The same of a uuid expression (for rows that have no number). */
const hu = (expr: string, salt: number, mod: number) =>
  `(abs((uuid_hash(${expr}) # ${salt})::bigint) % ${mod})`;
const arr = (items: string[]) => `array[${items.map((s) => `'${s.replace(/'/g, "''")}'`).join(',')}]`;
const json = (value: unknown) => `'${JSON.stringify(value).replace(/'/g, "''")}'::jsonb`;

const SURNAMES = '张王李刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹'.split('');
const SURNAMES_PY =
  'zhang wang li liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang xie song tang xu han feng deng cao'.split(
    ' ',
  );
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂华建国文辉玲红斌'.split('');
const GIVEN_PY =
  'wei fang na min jing li qiang lei jun yang yong yan jie juan tao ming chao xiu xia ping gang gui hua jian guo wen hui ling hong bin'.split(
    ' ',
  );

const TOPICS = [
  '学习贯彻党的二十大精神',
  '乡村振兴',
  '基层治理',
  '数字经济',
  '生态文明建设',
  '安全生产',
  '公共卫生应急',
  '教育高质量发展',
  '优化营商环境',
  '党风廉政建设',
  '长江大保护',
  '科技创新',
];

const PG_LABELS = [
  '发展和改革局',
  '财政局',
  '民政局',
  '农业农村局',
  '教育局',
  '卫生健康局',
  '人力资源和社会保障局',
  '自然资源和规划局',
  '住房和城乡建设局',
  '交通运输局',
  '水利和湖泊局',
  '商务局',
  '文化和旅游局',
  '应急管理局',
  '市场监督管理局',
  '统计局',
];
const HOSPITAL_LABELS = [
  '人民医院',
  '中医医院',
  '妇幼保健院',
  '第二人民医院',
  '精神卫生中心',
  '中西医结合医院',
  '第三人民医院',
  '康复医院',
];
const SCHOOL_LABELS = [
  '第一中学',
  '实验小学',
  '第二中学',
  '职业技术学校',
  '实验中学',
  '第三中学',
  '民族中学',
  '第一小学',
];
const PUBLIC_LABELS = ['农业技术推广中心', '疾病预防控制中心', '城乡规划设计院', '林业科学研究所'];
const CENTRE_LABELS = ['中心卫生院', '镇卫生院', '社区卫生服务中心', '乡卫生院'];

/**
 * Builds the data set into a migrated database whose regions and dictionaries are seeded
 * (`prepareProvince` does both). `log` gets one line per step with its time.
 */
export async function generateProvince(
  exec: Executor,
  scale: number,
  log: (line: string) => void = () => {},
): Promise<GeneratedProvince> {
  const sizes = provinceSizes(scale);
  const steps: { step: string; seconds: number }[] = [];
  const t0 = performance.now();
  // Each step is one transaction without the foreign-key triggers (session_replication_role =
  // replica: the rows refer to what the step before wrote, by construction); the two largest tables
  // get their secondary indexes rebuilt after the load instead of maintained row by row.
  const run = async (step: string, ...statements: string[]) => {
    const s = performance.now();
    await exec.transaction(async (tx) => {
      await tx.execute(sql`set local session_replication_role = replica`);
      for (const statement of statements) await tx.execute(sql.raw(statement));
    });
    const seconds = (performance.now() - s) / 1000;
    steps.push({ step, seconds });
    log(`  ${step.padEnd(34)} ${fmt(seconds, 1).padStart(6)} s`);
  };

  await run(
    'helper tables',
    `drop table if exists gen_city, gen_county, gen_unit, gen_person, gen_class, gen_pool, gen_pool_size, gen_index`,
    // The 17 city-level places of Hubei: the prefectures and the directly administered 4290xx.
    `create table gen_city as
       select row_number() over (order by code)::int n, code, name from regions
       where code like '42%' and valid_to is null
         and ((level = 'prefecture' and code <> '429000') or (level = 'county' and code like '4290%'))`,
    `create table gen_county as
       select c.n city_n, r.code, r.name,
              row_number() over (partition by c.n order by r.code)::int - 1 k,
              count(*) over (partition by c.n)::int nc
       from gen_city c
       join regions r on (r.parent_code = c.code and r.valid_to is null) or (c.code like '4290%' and r.code = c.code)`,
  );

  // ---- units: the provincial organisers, then ~120 per city in its counties
  await run(
    'units',
    `insert into units (name, type, region_code, path, sort_order)
       select x.name, x.type, '420000', '', x.n
       from (values (1, '中共湖北省委组织部', 'party_government'), (2, '中共湖北省委党校（湖北省行政学院）', 'party_school'),
                    (3, '湖北省卫生健康委员会', 'party_government'), (4, '湖北省教育厅', 'party_government'),
                    (5, '湖北省人力资源和社会保障厅', 'party_government')) x(n, name, type)`,
    `insert into units (name, type, region_code, path, sort_order)
       select c.name || '委组织部', 'party_government', c.code, '', 1 from gen_city c
       union all
       select '中共' || c.name || '委党校', 'party_school', c.code, '', 2 from gen_city c`,
    `insert into units (name, type, region_code, path, sort_order)
       select co.name || case
                when q % 10 < 4 then (${arr(PG_LABELS)})[1 + (q % 10 + 4 * (q / 10)) % 16]
                when q % 10 < 6 then (${arr(HOSPITAL_LABELS)})[1 + (q % 10 - 4 + 2 * (q / 10)) % 8]
                when q % 10 < 8 then (${arr(SCHOOL_LABELS)})[1 + (q % 10 - 6 + 2 * (q / 10)) % 8]
                when q % 10 = 8 then (${arr(PUBLIC_LABELS)})[1 + (q / 10) % 4]
                else (${arr(CENTRE_LABELS)})[1 + (q / 10) % 4] end
              || case when q / 10 >= 4 then '（' || (q / 40 + 1) || '）' else '' end,
              case when q % 10 < 4 then 'party_government' when q % 10 < 6 then 'hospital'
                   when q % 10 < 8 then 'school' when q % 10 = 8 then 'public_institution'
                   else 'health_centre' end,
              co.code, '', 10 + g
       from gen_city c
       cross join generate_series(3, ${UNITS_PER_CITY}) g
       join gen_county co on co.city_n = c.n and co.k = g % co.nc
       cross join lateral (select g / co.nc as q) qq
       on conflict do nothing`,
    `update units set path = '/' || id || '/' where path = ''`,
    `create table gen_unit as
       select row_number() over (order by u.id)::int n, u.id, u.type, u.region_code, c.n city_n
       from units u
       join gen_city c on u.region_code like case when c.code like '4290%' then c.code else left(c.code, 4) || '%' end
       where u.sort_order >= 10`,
    `analyze gen_unit`,
    `analyze units`,
  );

  // ---- people of Hubei's units: category and specialty follow the unit's type
  await run(
    'people',
    `insert into people (name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_enc,
                         id_number_hash, id_number_masked, unit_id, category, specialty, political_status,
                         education, rank, post)
       select s.name, s.py, s.ini,
              case when ${h('g', 3, 2)} = 0 then 'male' else 'female' end,
              case when u.region_code like '4228%' and ${h('g', 4, 10)} < 5 then '15' else '01' end,
              date '1965-01-01' + ${h('g', 5, 11000)}::int,
              'bench', 'gen-' || g, '420***********' || lpad((g % 10000)::text, 4, '0'),
              u.id,
              case when u.type in ('party_government', 'party_school') then 'cadre'
                   when u.type = 'public_institution' and g % 2 = 0 then 'other' else 'professional' end,
              case when u.type in ('hospital', 'health_centre') then 'medical'
                   when u.type = 'school' then 'education'
                   when u.type = 'public_institution' and g % 2 = 1 then 'agriculture' end,
              '01', (array['master','bachelor','bachelor','college'])[1 + g % 4],
              case when u.type = 'party_government' then (array['0131','0132','0141','0142','0150'])[1 + ${h('g', 6, 5)}] end,
              null
       from generate_series(1, ${sizes.people}) g
       join gen_unit u on u.n = 1 + ${h('g', 1, `(select count(*) from gen_unit)`)}
       cross join lateral (
         select s1 || g1 || coalesce(g2, '') name, p1 || q1 || coalesce(q2, '') py,
                left(p1, 1) || left(q1, 1) || coalesce(left(q2, 1), '') ini
         from (select (${arr(SURNAMES)})[1 + ${h('g', 7, 30)}] s1, (${arr(SURNAMES_PY)})[1 + ${h('g', 7, 30)}] p1,
                      (${arr(GIVEN)})[1 + ${h('g', 8, 30)}] g1, (${arr(GIVEN_PY)})[1 + ${h('g', 8, 30)}] q1,
                      case when ${h('g', 9, 3)} > 0 then (${arr(GIVEN)})[1 + ${h('g', 10, 30)}] end g2,
                      case when ${h('g', 9, 3)} > 0 then (${arr(GIVEN_PY)})[1 + ${h('g', 10, 30)}] end q2) x
       ) s`,
    `create table gen_person as
       select row_number() over (order by p.id)::int n, p.id, u.city_n
       from people p join gen_unit u on u.id = p.unit_id`,
    `analyze gen_person`,
  );

  await run(
    'lecturers',
    `insert into lecturers (kind, name, name_pinyin, name_initials, affiliation, title, expertise)
       select case when g % 5 < 2 then 'internal' else 'external' end,
              (${arr(SURNAMES)})[1 + g % 30] || (${arr(GIVEN)})[1 + (g / 30) % 30] || '教授',
              (${arr(SURNAMES_PY)})[1 + g % 30] || (${arr(GIVEN_PY)})[1 + (g / 30) % 30] || 'jiaoshou',
              left((${arr(SURNAMES_PY)})[1 + g % 30], 1) || left((${arr(GIVEN_PY)})[1 + (g / 30) % 30], 1) || 'js',
              case when g % 5 < 2 then '中共湖北省委党校（湖北省行政学院）'
                   else (array['武汉大学','华中科技大学','华中师范大学','中南财经政法大学','湖北省社会科学院'])[1 + g % 5] end,
              (array['教授','副教授','研究员','副研究员'])[1 + g % 4],
              array[(${arr(TOPICS)})[1 + g % ${TOPICS.length}]]
       from generate_series(1, ${LECTURERS}) g`,
  );

  // ---- classes: 40% provincial organisers, 60% the cities' organisation departments
  await run(
    'classes',
    `create table gen_class as
       with org as (select id, name, sort_order n from units where region_code = '420000' and sort_order between 1 and 5),
            cityorg as (select u.id, u.name, c.n city_n, c.code from units u join gen_city c on c.code = u.region_code and u.sort_order = 1)
       select g n, gen_random_uuid() id, y.year,
              make_date(y.year, 1, 1) + ${h('g', 21, 350)}::int start_date,
              3 + ${h('g', 22, 5)}::int days,
              case when ${h('g', 23, 50)} = 0 then 'cancelled' when y.year <= 2021 then 'archived' else 'completed' end status,
              case when prov then 0 else 1 + ${h('g', 24, 17)}::int end pool,
              coalesce(o.id, co.id) organiser_id, coalesce(o.name, co.name) organiser_name,
              coalesce(o.n, 0) org_n, co.code city_code,
              ${h('g', 25, TOPICS.length)}::int t1, ${h('g', 26, TOPICS.length)}::int t2, ${h('g', 27, 100)}::int r
       from generate_series(1, ${sizes.classes}) g
       cross join lateral (select ${FIRST_YEAR} + (g - 1) % ${LAST_YEAR - FIRST_YEAR + 1} as year,
                                  ${h('g', 20, 100)} < 40 as prov) y
       left join org o on y.prov and o.n = case when ${h('g', 28, 100)} < 40 then 1 when ${h('g', 28, 100)} < 75 then 2
                                               when ${h('g', 28, 100)} < 85 then 3 when ${h('g', 28, 100)} < 95 then 4 else 5 end
       left join cityorg co on not y.prov and co.city_n = 1 + ${h('g', 24, 17)}::int`,
    `insert into classes (id, code, year, name, kind, topics, lead_organiser_id, city_code, mode, start_date, end_date,
                          planned_hours, capacity, status, cancel_reason, target_audience)
       select c.id, c.year || '-' || lpad(x.seq::text, greatest(3, length(x.seq::text)), '0'),
              c.year, c.year || '年' || t.topic || k.label || '（' || c.n || '）', k.kind,
              case when c.t1 = c.t2 then array[t.topic] else array[t.topic, (${arr(TOPICS)})[1 + c.t2]] end,
              c.organiser_id, coalesce(c.city_code, '420100'),
              case when k.kind = 'online' then 'online' else 'offline' end,
              c.start_date, c.start_date + c.days - 1, c.days * 6, 120, c.status,
              case when c.status = 'cancelled' then '因故取消' end, '各级领导干部'
       from (select *, row_number() over (partition by year order by start_date, n) seq from gen_class) c
       cross join lateral (select c.seq) x
       cross join lateral (select (${arr(TOPICS)})[1 + c.t1] topic) t
       cross join lateral (
         select kind, (case kind when 'main' then '主体班' when 'special' then '专题班' when 'seminar' then '专题研讨班'
                                 when 'professional' then '专业技术人才培训班' when 'leadership' then '领导干部研修班'
                                 when 'online' then '网络专题班' else '轮训班' end) label
         from (select case
                 when c.org_n = 1 then (array['seminar','seminar','leadership','special','rotation'])[1 + c.r % 5]
                 when c.org_n = 2 then (array['main','main','leadership','special','online'])[1 + c.r % 5]
                 when c.org_n in (3, 4, 5) then (array['professional','professional','special','online'])[1 + c.r % 4]
                 else (array['main','special','seminar','professional','rotation','online','professional','main'])[1 + c.r % 8] end kind) kk
       ) k`,
    `insert into class_code_counters (year, last)
       select year, count(*) from classes group by year
       on conflict (year) do update set last = excluded.last`,
    // One plan a year of the provincial organisation department with a series of up to 17 seminars.
    `insert into plans (organiser_id, year, title, status)
       select u.id, y, y || '年度干部教育培训计划', 'approved'
       from units u cross join generate_series(${FIRST_YEAR}, ${LAST_YEAR}) y
       where u.region_code = '420000' and u.sort_order = 1`,
    `insert into plan_items (plan_id, name, kind, window_start, window_end, size, count)
       select p.id, '系列专题研讨班', 'seminar', p.year || '-01', p.year || '-12', 150, 17 from plans p`,
    `update classes c set plan_item_id = x.item_id
       from (select c.id, pi.id item_id, row_number() over (partition by c.year order by c.start_date, c.id) rn
             from classes c
             join plans p on p.organiser_id = c.lead_organiser_id and p.year = c.year
             join plan_items pi on pi.plan_id = p.id
             where c.kind = 'seminar' and c.status <> 'cancelled') x
       where x.id = c.id and x.rn <= 17`,
    `create table gen_pool as
       select c.id, c.pool, c.start_date, c.days, c.year,
              row_number() over (partition by c.pool order by c.n)::int - 1 pn,
              count(*) over (partition by c.pool)::int size
       from gen_class c where c.status <> 'cancelled'`,
    `create index on gen_pool (pool, pn)`,
    `create table gen_pool_size as select pool, count(*)::int size from gen_pool group by pool`,
    `analyze gen_pool`,
    `analyze gen_pool_size`,
    `analyze classes`,
  );

  // ---- enrolments: person p attends m classes, 35% provincial ones, the rest their city's
  await run(
    'enrollments',
    `insert into enrollments (class_id, person_id, status, checked_in_at, withdrawn_at, withdraw_reason)
       select k.id, p.id,
              case when ${h('p.n * 4 + j', 33, 100)} < 3 then 'withdrawn' else 'enrolled' end,
              (k.start_date + time '08:30') at time zone 'Asia/Shanghai',
              case when ${h('p.n * 4 + j', 33, 100)} < 3 then (k.start_date + time '12:00') at time zone 'Asia/Shanghai' end,
              case when ${h('p.n * 4 + j', 33, 100)} < 3 then '工作原因' end
       from gen_person p
       cross join generate_series(1, 4) j
       cross join lateral (select case when ${h('p.n * 4 + j', 31, 100)} < 35 then 0 else p.city_n end pool) pl
       join gen_pool_size ps on ps.pool = pl.pool
       join gen_pool k on k.pool = pl.pool
         and k.pn = (${h('p.n', 34, 1000000)} + j * (1 + ${h('p.n', 35, 'greatest(1, ps.size / 4)')})) % ps.size
       where j <= case when ${h('p.n', 32, 100)} < 40 then 1 when ${h('p.n', 32, 100)} < 70 then 2
                       when ${h('p.n', 32, 100)} < 90 then 3 else 4 end
       on conflict do nothing`,
    `analyze enrollments`,
  );

  // ---- timetable: two lectures a day, a speaker each
  await run(
    'class_sessions',
    `insert into class_sessions (class_id, type, title, starts_at, ends_at, hours)
       select k.id, 'lecture', '专题讲座：' || (${arr(TOPICS)})[1 + (d * 2 + slot + k.pn) % ${TOPICS.length}],
              (k.start_date + d + case slot when 0 then time '09:00' else time '14:30' end) at time zone 'Asia/Shanghai',
              (k.start_date + d + case slot when 0 then time '11:30' else time '17:00' end) at time zone 'Asia/Shanghai',
              3
       from gen_pool k
       cross join generate_series(0, 6) d
       cross join generate_series(0, 1) slot
       where d < k.days`,
    `insert into class_session_lecturers (session_id, lecturer_id, role)
       select s.id, l.id, 'speaker'
       from class_sessions s
       join (select id, row_number() over (order by id)::int - 1 n from lecturers) l on l.n = ${hu('s.id', 41, LECTURERS)}`,
    `analyze class_sessions`,
  );

  const dropIndexes = (table: string) =>
    `do $$ declare r record; begin
       create table if not exists gen_index (tbl text, def text);
       for r in select indexname, indexdef from pg_indexes
                where schemaname = 'public' and tablename = '${table}'
                  and indexname not in (select conname from pg_constraint) loop
         insert into gen_index values ('${table}', r.indexdef);
         execute 'drop index ' || quote_ident(r.indexname);
       end loop; end $$`;
  const createIndexes = (table: string) =>
    `do $$ declare r record; begin
       for r in select def from gen_index where tbl = '${table}' loop execute r.def; end loop;
       delete from gen_index where tbl = '${table}';
     end $$`;

  await run(
    'attendance_records',
    dropIndexes('attendance_records'),
    `insert into attendance_records (class_id, session_id, enrollment_id, status, method, check_in_at, check_out_at)
       select s.class_id, s.id, e.id, st.status,
              case st.status when 'on_leave' then 'leave' when 'absent' then 'auto' else 'trainee_scan' end,
              case when st.status in ('present', 'late', 'left_early')
                   then s.starts_at + make_interval(mins => case when st.status = 'late' then 15 else -10 end) end,
              case when st.status in ('present', 'late') then s.ends_at
                   when st.status = 'left_early' then s.ends_at - interval '40 minutes' end
       from enrollments e
       join class_sessions s on s.class_id = e.class_id
       cross join lateral (select case when x < 880 then 'present' when x < 920 then 'late' when x < 940 then 'left_early'
                                       when x < 970 then 'on_leave' else 'absent' end status
                           from (select abs((uuid_hash(e.id) # uuid_hash(s.id))::bigint) % 1000 x) xx) st
       where e.status = 'enrolled'`,
    createIndexes('attendance_records'),
    // The summary a trigger keeps in normal operation (replica mode skips triggers): the same
    // aggregate the migration's back-fill runs.
    `insert into enrollment_attendance (enrollment_id, class_id, attended, due)
       select enrollment_id, min(class_id::text)::uuid,
              count(*) filter (where status in ('present', 'late', 'left_early')),
              count(*) filter (where status is not null and status <> 'on_leave')
       from attendance_records group by enrollment_id`,
  );

  // ---- evaluation: a lecture form per item, a class form per class, 16–24 responses each
  const rating = (salt: number) =>
    `(case when ${hu('f.id', salt, 100)} + g * 7 % 10 < 55 then 5 when ${hu('f.id', salt, 100)} + g * 7 % 10 < 88 then 4
           when ${hu('f.id', salt, 100)} + g * 7 % 10 < 100 then 3 when ${hu('f.id', salt, 100)} + g * 7 % 10 < 106 then 2 else 1 end)`;
  await run(
    'survey_forms',
    `insert into survey_forms (class_id, session_id, target, title, questions, opens_at, closes_at, responses)
       select s.class_id, s.id, 'lecture', s.title, ${json(DEFAULT_LECTURE_TEMPLATE.questions)},
              s.starts_at, s.ends_at + interval '7 days', 16 + ${hu('s.id', 51, 9)}
       from class_sessions s`,
    `insert into survey_forms (class_id, session_id, target, title, questions, opens_at, closes_at, responses)
       select k.id, null, 'class', '班次评估', ${json(DEFAULT_CLASS_TEMPLATE.questions)},
              (k.start_date + k.days - 1 + time '12:00') at time zone 'Asia/Shanghai',
              (k.start_date + k.days + 6 + time '12:00') at time zone 'Asia/Shanghai', 16 + ${hu('k.id', 52, 9)}
       from gen_pool k`,
    `analyze survey_forms`,
  );
  await run(
    'survey_responses',
    dropIndexes('survey_responses'),
    `insert into survey_responses (form_id, answers)
       select f.id,
              case when f.target = 'lecture'
                then jsonb_build_object('content', ${rating(61)}, 'delivery', ${rating(62)}, 'usefulness', ${rating(63)}, 'suggestions', null)
                else jsonb_build_object('organisation', ${rating(64)}, 'services', ${rating(65)}, 'overall', ${rating(66)}, 'suggestions', null) end
       from survey_forms f
       cross join lateral generate_series(1, f.responses) g`,
    createIndexes('survey_responses'),
    `insert into survey_form_scores (form_id, responses, score_sum, score_n)
       select r.form_id, count(distinct r.id), coalesce(sum((r.answers ->> (q ->> 'id'))::double precision), 0), count(*)
       from survey_responses r join survey_forms f on f.id = r.form_id
       cross join lateral jsonb_array_elements(f.questions) q
       where q ->> 'kind' = 'rating' and jsonb_typeof(r.answers -> (q ->> 'id')) = 'number'
       group by r.form_id`,
  );

  // ---- results: 90% of the enrolled confirmed, 95% of those completed; certificates for them
  await run(
    'completion_results',
    `insert into completion_results (enrollment_id, class_id, completed, decided_by, reasons, hours, confirmed_at)
       select e.id, e.class_id, ${hu('e.id', 71, 100)} < 95, 'rules', '[]'::jsonb,
              case when ${hu('e.id', 71, 100)} < 95 then k.days * 6 else 0 end,
              (k.start_date + k.days + time '10:00') at time zone 'Asia/Shanghai'
       from enrollments e join gen_pool k on k.id = e.class_id
       where e.status = 'enrolled' and ${hu('e.id', 72, 10)} <> 0`,
    `analyze completion_results`,
  );
  await run(
    'certificates',
    `insert into certificates (number, class_id, enrollment_id, person_id, person_name, class_name, start_date,
                               end_date, hours, issuer, issuer_unit_id, issued_at)
       select 'GX-' || c.year || '-' || lpad(row_number() over (partition by c.year order by r.enrollment_id)::text, 6, '0'),
              c.id, r.enrollment_id, p.id, p.name, c.name, c.start_date, c.end_date, r.hours, u.name, u.id, r.confirmed_at
       from completion_results r
       join enrollments e on e.id = r.enrollment_id
       join people p on p.id = e.person_id
       join classes c on c.id = r.class_id
       join units u on u.id = c.lead_organiser_id
       where r.completed`,
    `analyze certificates`,
  );
  await run(
    'training_records',
    `insert into training_records (person_id, source, category, title, organiser, class_id, enrollment_id,
                                   certificate_id, start_date, end_date, year, hours, created_at)
       select t.person_id, 'class_completion', case when c.kind = 'online' then 'online' else 'full_time' end,
              t.class_name, t.issuer, t.class_id, t.enrollment_id, t.id, t.start_date, t.end_date,
              extract(year from t.end_date)::int, t.hours, t.issued_at
       from certificates t join classes c on c.id = t.class_id`,
  );

  // The per-class summary the triggers of migration 0016 keep (replica mode skips them): its
  // back-fill, once enrolments, attendance, results and certificates are in.
  await run(
    'class_summaries',
    `insert into class_summaries (class_id, shard, person_times, completed, decided, hours, attended, due, certificates)
       select class_id, (uuid_hash(enrollment_id) & 15)::smallint, sum(pt), sum(comp), sum(dec), sum(hrs), sum(att),
              sum(du), sum(cert)
       from (select class_id, id enrollment_id, 1 pt, 0 comp, 0 dec, 0::numeric hrs, 0 att, 0 du, 0 cert
               from enrollments where status = 'enrolled'
             union all
             select class_id, enrollment_id, 0, completed::int, 1, case when completed then hours else 0 end, 0, 0, 0
               from completion_results
             union all
             select class_id, enrollment_id, 0, 0, 0, 0, attended, due, 0 from enrollment_attendance
             union all
             select class_id, enrollment_id, 0, 0, 0, 0, 0, 0, 1 from certificates where status = 'valid') x
       group by 1, 2`,
    `analyze class_summaries`,
  );

  // ---- exchange: 40 pairings (恩施's counties first) with Zhejiang counties, and the secondments
  await run(
    'partnerships',
    `insert into partnerships (name, programme, side_a_region_code, side_b_region_code, start_year, status)
       select b.name || '—' || a.name || '东西部协作', 'east_west', a.code, b.code, 2018, 'active'
       from (select code, name, row_number() over (order by code not like '4228%', code) rn from regions
             where level = 'county' and code like '42%' and code not like '4290%' and valid_to is null) a
       join (select code, name, row_number() over (order by code) rn from regions
             where level = 'county' and code like '33%' and valid_to is null) b on b.rn = a.rn
       where a.rn <= ${PAIRINGS}`,
    `insert into units (name, type, region_code, path, sort_order)
       select r.name || (array['发展和改革局','人民医院','第一中学','农业农村局','中医医院','实验小学','财政局','卫生健康局','教育局','民政局'])[g],
              (array['party_government','hospital','school','party_government','hospital','school','party_government','party_government','party_government','party_government'])[g],
              r.code, '', 200 + g
       from partnerships p join regions r on r.code = p.side_b_region_code
       cross join generate_series(1, ${ZJ_UNITS_PER_COUNTY}) g
       on conflict do nothing`,
    `update units set path = '/' || id || '/' where path = ''`,
    `insert into people (name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_enc,
                         id_number_hash, id_number_masked, unit_id, category, specialty)
       select (${arr(SURNAMES)})[1 + ${h('g', 81, 30)}] || (${arr(GIVEN)})[1 + ${h('g', 82, 30)}] || (${arr(GIVEN)})[1 + ${h('g', 83, 30)}],
              (${arr(SURNAMES_PY)})[1 + ${h('g', 81, 30)}] || (${arr(GIVEN_PY)})[1 + ${h('g', 82, 30)}] || (${arr(GIVEN_PY)})[1 + ${h('g', 83, 30)}],
              'zj', case when g % 2 = 0 then 'male' else 'female' end, '01', date '1970-01-01' + (g * 37) % 9000,
              'bench', 'gen-zj-' || u.region_code || '-' || g, '330***********', u.id,
              case when u.type = 'party_government' then 'cadre' else 'professional' end,
              case u.type when 'hospital' then 'medical' when 'school' then 'education' end
       from (select region_code, array_agg(id order by id) ids, array_agg(type order by id) types
             from units where region_code like '33%' group by region_code) z
       cross join generate_series(1, ${Math.max(20, Math.round(ZJ_PEOPLE_PER_COUNTY * scale))}) g
       cross join lateral (select z.ids[1 + g % cardinality(z.ids)] id, z.types[1 + g % cardinality(z.ids)] type,
                                  z.region_code) u`,
  );
  await run(
    'secondments',
    `insert into secondments (partnership_id, person_id, direction, form, category, specialty, home_unit_id,
                              host_unit_id, host_post, planned_start, planned_end, actual_start, actual_end, status)
       with p as (select id, side_a_region_code a, side_b_region_code b, row_number() over (order by id)::int - 1 n
                  from partnerships),
            pe as (select pe.id, pe.unit_id, pe.category, pe.specialty, u.region_code,
                          row_number() over (partition by u.region_code order by pe.id)::int - 1 rn
                   from people pe join units u on u.id = pe.unit_id
                   where u.region_code in (select a from p union select b from p) and pe.category <> 'other'),
            pc as (select region_code, count(*)::int cnt from pe group by region_code),
            hu as (select id, region_code, row_number() over (partition by region_code order by id)::int - 1 rn
                   from units where region_code in (select a from p union select b from p)),
            hc as (select region_code, count(*)::int cnt from hu group by region_code),
            s as (select g, p.id pid,
                         case when g % 3 = 0 then 'a_to_b' else 'b_to_a' end direction,
                         case when g % 3 = 0 then p.a else p.b end sending,
                         case when g % 3 = 0 then p.b else p.a end receiving,
                         make_date(2018 + ${h('g', 91, 7)}::int, 1 + ${h('g', 92, 12)}::int, 1) start_day,
                         6 * (1 + ${h('g', 93, 4)}::int) months,
                         ${h('g', 94, 40)} hh
                  from generate_series(1, ${sizes.secondments}) g join p on p.n = g % ${PAIRINGS})
       select s.pid, pe.id, s.direction,
              case when pe.category = 'cadre' then (case when s.g % 5 = 0 then 'shadowing' else 'secondment' end)
                   when pe.specialty = 'medical' then 'medical'
                   when pe.specialty = 'education' then 'teaching' else 'guidance' end,
              pe.category, pe.specialty, pe.unit_id, hu.id, '挂职副职',
              s.start_day, (s.start_day + make_interval(months => s.months) - interval '1 day')::date,
              case when s.hh in (0, 1) then null else s.start_day end,
              case when s.hh in (0, 1) then null
                   when s.hh = 2 then (s.start_day + interval '3 months')::date
                   else least((s.start_day + make_interval(months => s.months) - interval '1 day')::date, date '2026-06-30') end,
              case s.hh when 0 then 'planned' when 1 then 'cancelled' when 2 then 'ended_early' else 'completed' end
       from s
       join pc on pc.region_code = s.sending
       join pe on pe.region_code = s.sending and pe.rn = ${h('s.g', 95, 'pc.cnt')}
       join hc on hc.region_code = s.receiving
       join hu on hu.region_code = s.receiving and hu.rn = ${h('s.g', 96, 'hc.cnt')}`,
  );

  await run(
    'drop helper tables',
    `drop table if exists gen_city, gen_county, gen_unit, gen_person, gen_class, gen_pool, gen_pool_size, gen_index`,
  );
  const v = performance.now();
  await exec.execute(sql`vacuum analyze`);
  steps.push({ step: 'vacuum analyze', seconds: (performance.now() - v) / 1000 });
  log(`  ${'vacuum analyze'.padEnd(34)} ${fmt((performance.now() - v) / 1000, 1).padStart(6)} s`);

  const counts: Record<string, number> = {};
  for (const table of [
    'units',
    'people',
    'lecturers',
    'classes',
    'enrollments',
    'class_sessions',
    'attendance_records',
    'survey_forms',
    'survey_responses',
    'completion_results',
    'certificates',
    'training_records',
    'partnerships',
    'secondments',
  ]) {
    const result = await exec.execute(sql`select count(*)::int n from ${sql.identifier(table)}`);
    counts[table] = Number((result as unknown as { rows: { n: number }[] }).rows[0]?.n ?? 0);
  }
  return { scale, sizes, steps, counts, seconds: (performance.now() - t0) / 1000 };
}

/** Migrates, seeds the code lists and the regions (as the server's first start does), then generates. */
export async function prepareProvince(
  database: Database,
  scale: number,
  log: (line: string) => void = () => {},
): Promise<GeneratedProvince> {
  const s = performance.now();
  await runMigrations(database);
  await new DictionaryService(database.db).seedReferenceData();
  await seedRegions(database.db);
  log(
    `  ${'migrations, code lists, regions'.padEnd(34)} ${fmt((performance.now() - s) / 1000, 1).padStart(6)} s`,
  );
  const generated = await generateProvince(database.db, scale, log);
  return { ...generated, seconds: (performance.now() - s) / 1000 };
}

async function main(): Promise<void> {
  const scale = Number(process.env.BENCH_SCALE ?? 1);
  const url = process.env.BENCH_DATABASE_URL;
  const data = makeDataDir('province');
  const scratch = url ? await scratchDatabase(url, 'province') : undefined;
  const keep = process.env.BENCH_KEEP_DATABASE === '1';
  console.log(
    `\nProvince data set, scale ${scale} — ${machine()}; ${scratch ? `PostgreSQL ${scratch.url}` : `PGlite in ${data.dir}`}\n`,
  );
  const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
  try {
    const generated = await prepareProvince(database, scale, console.log);
    console.log(`\n  total ${fmt(generated.seconds, 1)} s; ${JSON.stringify(generated.counts)}`);
    console.log(
      `RESULT ${JSON.stringify({ bench: 'gen-province', database: scratch ? 'postgres' : 'pglite', ...generated })}`,
    );
  } finally {
    await database.close();
    if (scratch && !keep) await scratch.drop();
    if (!keep) data.remove();
    else console.log(`  kept: ${scratch ? scratch.url : data.dir}`);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await main();
  // A kept scratch database leaves lib.ts's admin connection open.
  process.exit(0);
}
