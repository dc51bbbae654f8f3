// People list benchmark (issue 3): GET /api/v1/people with filters over 100,000 people in ~300
// units of three Hubei prefectures, signed in as an org admin (and once as a unit liaison), through
// a real HTTP server and autocannon. Prints p50/p99 per query and the throughput ratio to
// GET /api/health measured in the same run. Target: p99 < 100 ms on PostgreSQL.
//
//   npx tsx bench/people-list.ts                        embedded database (PGlite)
//   DATABASE_URL=postgres://… npx tsx bench/people-list.ts
//                                                       PostgreSQL: creates a scratch database on
//                                                       that server (needs CREATEDB) and drops it
// Settings: BENCH_PEOPLE (100000), BENCH_CONNECTIONS (10), BENCH_DURATION (10 s per query),
// BENCH_SKIP_BUILD=1, BENCH_EXPLAIN=1 (print EXPLAIN ANALYZE of each query before the load),
// BENCH_SUGGESTED_INDEXES=1 (create the indexes proposed in docs/performance.md first, to compare),
// BENCH_LOG_LEVEL (the server's LOG_LEVEL, default info), BENCH_KEEP_DATABASE=1 (PostgreSQL: keep
// the scratch database for EXPLAIN by hand; its name is printed).

import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  idCheckChar,
  type PersonFilter,
  type PersonListQuery,
  permissionsOf,
  type Role,
} from '@ganxun/domain';
import type { Result } from 'autocannon';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { people, regions, units } from '../apps/server/src/db/schema/index.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { peopleOrder, peopleWhere } from '../apps/server/src/modules/people/query.js';
import { personColumns } from '../apps/server/src/modules/people/record.js';
import type { Actor } from '../apps/server/src/platform/context.js';
import { FieldCipher } from '../apps/server/src/platform/crypto.js';
import {
  buildServer,
  createUser,
  fmt,
  freePort,
  load1,
  loadTest,
  machine,
  makeDataDir,
  serverEnv,
  signIn,
  startServer,
  watchdog,
} from './lib.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 100_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const TARGET_P99_MS = 100;
const ADMIN = { username: 'bench-admin', password: 'Load#Test2026pw' };
const LIAISON = { username: 'bench-liaison', password: 'Load#Test2026pw' };

/** Three prefectures of Hubei and their counties: 10 counties × 30 units = 300 units. */
const COUNTIES: [code: string, name: string, prefecture: [string, string]][] = [
  ['420102', '江岸区', ['420100', '武汉市']],
  ['420103', '江汉区', ['420100', '武汉市']],
  ['420106', '武昌区', ['420100', '武汉市']],
  ['420111', '洪山区', ['420100', '武汉市']],
  ['420502', '西陵区', ['420500', '宜昌市']],
  ['420503', '伍家岗区', ['420500', '宜昌市']],
  ['420582', '当阳市', ['420500', '宜昌市']],
  ['422801', '恩施市', ['422800', '恩施州']],
  ['422802', '利川市', ['422800', '恩施州']],
  ['422822', '建始县', ['422800', '恩施州']],
];
const ROOT_KINDS = ['卫生健康局', '教育局', '农业农村局', '人民医院', '第一中学'];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split(
    '',
  );
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬建国志文斌辉力宇浩鹏飞俊峰欣怡晨婷雪琳佳琪子涵梓轩思远博文昊天雨萱'.split(
    '',
  );
const RANKS = ['0131', '0132', '0141', '0142', '0150', '0160', null, null];
const SPECIALTIES = ['medical', 'education', 'agriculture', 'other'] as const;

/** Indexes the list would use that the schema does not have yet (proposed to the schema's owner). */
const SUGGESTED_INDEXES = [
  'create index if not exists people_pinyin_order_idx on people (name_pinyin, id)',
  'create index if not exists people_name_order_idx on people (name, id)',
  'create index if not exists people_birth_order_idx on people (birth_date, id)',
  'create index if not exists people_updated_order_idx on people (updated_at, id)',
  "create index if not exists people_name_chars_idx on people using gin (regexp_split_to_array(name, ''))",
  // Counts by unit with the person filters answered from the index alone (replaces people_unit_idx).
  'create index if not exists people_unit_cover_idx on people (unit_id) include (category, specialty, rank, status, gender)',
  'drop index if exists people_unit_idx',
];

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

let current: ChildProcess | undefined;
let scratch: { admin: pg.Client; name: string } | undefined;
watchdog(60 * 60_000, () => current?.kill('SIGKILL'));

/** A scratch database on the given PostgreSQL server, so the benchmark never touches real data. */
async function scratchDatabase(url: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `gx_bench_people_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  scratch = { admin, name };
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function dropScratch(): Promise<void> {
  if (!scratch) return;
  if (process.env.BENCH_KEEP_DATABASE === '1') {
    console.log(`kept the scratch database ${scratch.name}`);
    await scratch.admin.end();
    return;
  }
  await scratch.admin.query(`drop database if exists ${scratch.name} with (force)`);
  await scratch.admin.end();
  scratch = undefined;
}

interface Seeded {
  rootUnitId: string;
  liaisonUnitId: string;
  sampleIdNumber: string;
}

/** Regions, 300 units and PEOPLE people, written straight into the database in batches. */
async function seed(database: Database, cipher: FieldCipher): Promise<Seeded> {
  const { db } = database;
  await runMigrations(database);
  await new DictionaryService(db).seedReferenceData();
  const regionRows = [
    { code: '420000', name: '湖北省', level: 'province' as const, parentCode: null },
    ...[...new Map(COUNTIES.map(([, , p]) => [p[0], p[1]])).entries()].map(([code, name]) => ({
      code,
      name,
      level: 'prefecture' as const,
      parentCode: '420000',
    })),
    ...COUNTIES.map(([code, name, p]) => ({ code, name, level: 'county' as const, parentCode: p[0] })),
  ];
  await db
    .insert(regions)
    .values(regionRows.map((r) => ({ ...r, nameZhTw: r.name, source: 'bench' })))
    .onConflictDoNothing();

  const unitRows: (typeof units.$inferInsert)[] = [];
  for (const [code, county] of COUNTIES) {
    for (const kind of ROOT_KINDS) {
      const rootId = crypto.randomUUID();
      unitRows.push({
        id: rootId,
        name: `${county}${kind}`,
        type: 'public_institution',
        regionCode: code,
        path: `/${rootId}/`,
      });
      for (let i = 1; i <= 5; i++) {
        const id = crypto.randomUUID();
        unitRows.push({
          id,
          name: `${county}${kind}第${i}分支`,
          type: 'public_institution',
          regionCode: code,
          parentId: rootId,
          path: `/${rootId}/${id}/`,
        });
      }
    }
  }
  await db.insert(units).values(unitRows);

  const t0 = performance.now();
  const seen = new Set<string>();
  let sampleIdNumber = '';
  const now = Date.now();
  for (let done = 0; done < PEOPLE; ) {
    const batch: (typeof people.$inferInsert)[] = [];
    while (batch.length < 1000 && done + batch.length < PEOPLE) {
      const unit = pick(unitRows);
      const gender = Math.random() < 0.5 ? 'male' : 'female';
      const birth = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 14_600) * 86_400_000);
      const birthDate = birth.toISOString().slice(0, 10);
      const seq = Math.floor(Math.random() * 500) * 2 + (gender === 'male' ? 1 : 0);
      const first17 = `${unit.regionCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
      const idNumber = `${first17}${idCheckChar(first17)}`;
      if (seen.has(idNumber)) continue;
      seen.add(idNumber);
      sampleIdNumber ||= idNumber;
      const roll = Math.random();
      const category = roll < 0.6 ? 'cadre' : roll < 0.9 ? 'professional' : 'other';
      const status = Math.random() < 0.85 ? 'serving' : Math.random() < 0.66 ? 'transferred' : 'retired';
      const name = pick(SURNAMES) + pick(GIVEN) + (Math.random() < 0.7 ? pick(GIVEN) : '');
      const columns = personColumns(cipher, {
        name,
        gender,
        ethnicity: unit.regionCode.startsWith('4228') && Math.random() < 0.4 ? '15' : '01',
        birthDate,
        idNumber,
        mobile: Math.random() < 0.6 ? `13${String(Math.floor(Math.random() * 1e9)).padStart(9, '0')}` : null,
        politicalStatus: pick(['01', '01', '13', '03']),
        education: pick(['bachelor', 'master', 'college', null]),
        unitId: unit.id as string,
        post: null,
        rank: pick(RANKS),
        category,
        specialty: category === 'professional' ? pick(SPECIALTIES) : null,
        status,
        requirementOverride: null,
      });
      // Spread over a year, so "recently updated" is a real sort.
      const updatedAt = new Date(now - Math.floor(Math.random() * 365 * 86_400_000));
      batch.push({ ...columns, createdAt: updatedAt, updatedAt });
    }
    await db.insert(people).values(batch);
    done += batch.length;
  }
  if (process.env.BENCH_SUGGESTED_INDEXES === '1') {
    for (const statement of SUGGESTED_INDEXES) await db.execute(sql.raw(statement));
    console.log(`  created ${SUGGESTED_INDEXES.length} suggested indexes`);
  }
  // The state autovacuum keeps a live table in: statistics and the visibility map (index-only scans).
  await db.execute(sql`vacuum analyze`);
  console.log(
    `  seeded ${PEOPLE} people in ${unitRows.length} units in ${fmt((performance.now() - t0) / 1000, 1)} s`,
  );
  const root = unitRows.find((u) => u.regionCode === '422801' && u.parentId === undefined) as { id: string };
  const leaf = unitRows.find((u) => u.regionCode === '422802' && u.parentId !== undefined) as { id: string };
  return { rootUnitId: root.id, liaisonUnitId: leaf.id, sampleIdNumber };
}

interface Scenario {
  name: string;
  as: 'admin' | 'liaison';
  query: Partial<PersonListQuery>;
}

function scenarios(s: Seeded): Scenario[] {
  return [
    { name: 'first page (sort pinyin)', as: 'admin', query: {} },
    { name: 'pinyin prefix q=zhang', as: 'admin', query: { q: 'zhang' } },
    { name: 'initials q=wjg', as: 'admin', query: { q: 'wjg' } },
    { name: 'name substring q=明', as: 'admin', query: { q: '明' } },
    { name: 'ID number (exact)', as: 'admin', query: { q: s.sampleIdNumber } },
    {
      name: 'region 422800 + professional',
      as: 'admin',
      query: { regionCode: '422800', category: 'professional' },
    },
    { name: 'unit subtree + serving', as: 'admin', query: { unitId: s.rootUnitId, status: 'serving' } },
    {
      name: 'rank 0142, sort -updatedAt, page 50',
      as: 'admin',
      query: { rank: '0142', sort: '-updatedAt', page: 50 },
    },
    { name: 'liaison: own unit', as: 'liaison', query: {} },
  ];
}

const search = (query: Partial<PersonListQuery>) =>
  new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();

/** EXPLAIN ANALYZE of the page and count queries the service runs for a scenario (names are read after). */
async function explain(
  database: Database,
  cipher: FieldCipher,
  scenario: Scenario,
  actor: Actor,
): Promise<void> {
  const { db } = database;
  const query = { page: 1, pageSize: 20, ...scenario.query } as PersonListQuery;
  const where = await peopleWhere(db, cipher, actor, query as PersonFilter);
  const list = db
    .select({ id: people.id })
    .from(people)
    .where(where)
    .orderBy(...peopleOrder(query.sort, !!query.q))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize)
    .getSQL();
  const countSql = sql`select count(*) from ${people} where ${where}`;
  for (const [label, q] of [
    ['list', list],
    ['count', countSql],
  ] as const) {
    const result = await db.execute(sql`explain (analyze, buffers off) ${q}`);
    const rows = (result as unknown as { rows: Record<string, string>[] }).rows;
    console.log(`\n--- ${scenario.name} (${label})`);
    for (const row of rows) console.log(`  ${Object.values(row)[0]}`);
  }
}

function actorOf(id: string, role: Role, scopeId: string): Actor {
  return {
    id,
    username: id,
    displayName: id,
    roles: [{ role, scopeId }],
    permissions: permissionsOf([role]),
    sessionId: '',
  };
}

const load = (url: string, headers: Record<string, string> = {}): Promise<Result> =>
  loadTest(url, headers, { connections: CONNECTIONS, duration: DURATION });

buildServer();
const databaseUrl = process.env.DATABASE_URL;
const target = databaseUrl ? 'PostgreSQL' : 'embedded (PGlite)';
console.log(
  `\nPeople list benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${target}; ${PEOPLE} people${process.env.BENCH_SUGGESTED_INDEXES === '1' ? ' (with the suggested indexes)' : ''}; autocannon ${CONNECTIONS} connections, ${DURATION} s per query\n`,
);

const data = makeDataDir('people');
let failures = 0;
let missed = 0;
const results: Record<string, unknown>[] = [];
try {
  const url = databaseUrl ? await scratchDatabase(databaseUrl) : undefined;
  // The server reads its key from <DATA_DIR>/secret.key; loading the configuration creates it.
  const config = loadConfig({ DATA_DIR: data.dir });
  const cipher = new FieldCipher(config.secretKey);
  const database = await openDatabase({ databaseUrl: url, dataDir: data.dir });
  let seeded: Seeded;
  try {
    seeded = await seed(database, cipher);
  } finally {
    await database.close();
  }
  const port = await freePort();
  const options = { dataDir: data.dir, port, databaseUrl: url };
  const env = serverEnv(options);
  delete env.SECRET_KEY;
  delete env.SECRET_KEY_FILE;
  for (const [user, role, scope] of [
    [ADMIN, 'org_admin', '420000'],
    [LIAISON, 'unit_liaison', seeded.liaisonUnitId],
  ] as const) {
    const created = createUser(env, user, role, scope);
    if (!created.ok) throw new Error(`create-user ${user.username}: ${created.output}`);
  }

  if (process.env.BENCH_EXPLAIN === '1') {
    const db = await openDatabase({ databaseUrl: url, dataDir: data.dir });
    try {
      const ids = await db.db.execute(sql`select id, username from users where username like 'bench-%'`);
      const byName = new Map(
        (ids as unknown as { rows: { id: string; username: string }[] }).rows.map((r) => [r.username, r.id]),
      );
      for (const s of scenarios(seeded)) {
        const actor =
          s.as === 'admin'
            ? actorOf(byName.get(ADMIN.username) ?? '', 'org_admin', '420000')
            : actorOf(byName.get(LIAISON.username) ?? '', 'unit_liaison', seeded.liaisonUnitId);
        await explain(db, cipher, s, actor);
      }
    } finally {
      await db.close();
    }
  }

  const server = await startServer(options, 120_000);
  current = server.child;
  try {
    const cookies = {
      admin: await signIn(server.baseUrl, ADMIN),
      liaison: await signIn(server.baseUrl, LIAISON),
    };
    const health = await load(`${server.baseUrl}/api/health`);
    console.log(`(load average now ${fmt(load1(), 2)})`);
    console.log(line('GET /api/health', health, health));
    for (const s of scenarios(seeded)) {
      const path = `/api/v1/people?${search(s.query)}`;
      const check = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: cookies[s.as] } });
      const body = (await check.json()) as { total?: number };
      if (check.status !== 200) throw new Error(`${path}: HTTP ${check.status} ${JSON.stringify(body)}`);
      const r = await load(`${server.baseUrl}${path}`, { cookie: cookies[s.as] });
      console.log(line(`${s.name} (${body.total})`, r, health));
      if (r.non2xx + r.errors + r.timeouts > 0) failures++;
      if (r.latency.p99 >= TARGET_P99_MS) missed++;
      results.push({
        scenario: s.name,
        total: body.total,
        rps: Math.round(r.requests.average),
        p50: r.latency.p50,
        p99: r.latency.p99,
        ratio: Number((r.requests.average / health.requests.average).toFixed(3)),
      });
    }
    console.log(
      `\np99 target < ${TARGET_P99_MS} ms (on PostgreSQL): ${missed === 0 ? 'met' : `MISSED in ${missed} queries`}`,
    );
    console.log(
      `RESULT ${JSON.stringify({ bench: 'people-list', machine: machine(), database: target, suggestedIndexes: process.env.BENCH_SUGGESTED_INDEXES === '1', people: PEOPLE, connections: CONNECTIONS, duration: DURATION, health: { rps: Math.round(health.requests.average), p50: health.latency.p50, p99: health.latency.p99 }, results })}`,
    );
  } finally {
    await server.stop();
    current = undefined;
  }
} finally {
  await dropScratch();
  data.remove();
}

function line(label: string, r: Result, health: Result): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  return (
    `  ${label.padEnd(44)} ${fmt(r.requests.average).padStart(6)} req/s  p50 ${fmt(r.latency.p50, 1).padStart(6)} ms  ` +
    `p99 ${fmt(r.latency.p99, 1).padStart(6)} ms  ratio ${fmt(r.requests.average / health.requests.average, 3)}` +
    (bad ? `  (${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts)` : '')
  );
}
if (failures > 0) {
  console.error('some requests failed (non-2xx, errors or timeouts): the figures above are not valid');
  process.exit(1);
}
