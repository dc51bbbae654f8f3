// Nominations under contention (issue 4): 50 unit liaisons nominate 300 people at once against a
// class of 300 seats split into 17 region quotas (the 17 cities and prefectures of Hubei, as in the
// January 2022 provincial class of seeds/000), through a real HTTP server: 50 concurrent clients,
// each posting its own 6 people one after another. Every nomination locks the class row, so they
// take turns; the benchmark shows what that costs and checks the invariants afterwards: no quota
// over its seats, nobody nominated twice, every 201 stored. Prints throughput, p50/p99 and the
// ratio to GET /api/health measured in the same run (autocannon, 50 connections).
//
//   npx tsx bench/nominations.ts                              embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/nominations.ts
//                                                             also PostgreSQL: creates a scratch
//                                                             database on that server (needs
//                                                             CREATEDB) and drops it afterwards
// Settings: BENCH_ROUNDS (3 classes, one after another), BENCH_DURATION (5 s of health baseline),
// BENCH_SKIP_BUILD=1, BENCH_LOG_LEVEL (the server's LOG_LEVEL, default info).

import type { ChildProcess } from 'node:child_process';
import { CSRF_HEADER, idCheckChar, splitEvenly } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import {
  classes,
  classQuotas,
  people,
  regions,
  units,
  userRoles,
  users,
} from '../apps/server/src/db/schema/index.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { personColumns } from '../apps/server/src/modules/people/record.js';
import { FieldCipher } from '../apps/server/src/platform/crypto.js';
import { createSession } from '../apps/server/src/platform/sessions.js';
import {
  buildServer,
  fmt,
  freePort,
  load1,
  loadTest,
  machine,
  makeDataDir,
  percentile,
  SESSION_COOKIE,
  scratchDatabase,
  startServer,
  watchdog,
} from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.BENCH_DURATION ?? 5);
const LIAISONS = 50;
const PEOPLE = 300;
const CAPACITY = 300;

/** The 17 prefecture-level divisions of Hubei (13 cities and prefectures, 4 directly administered). */
const CITIES = [
  '420100',
  '420200',
  '420300',
  '420500',
  '420600',
  '420700',
  '420800',
  '420900',
  '421000',
  '421100',
  '421200',
  '421300',
  '422800',
  '429004',
  '429005',
  '429006',
  '429021',
];

const targets: { name: string; databaseUrl?: string | undefined }[] = [{ name: 'embedded (PGlite)' }];
if (process.env.BENCH_DATABASE_URL)
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL });

let current: ChildProcess | undefined;
watchdog(30 * 60_000, () => current?.kill('SIGKILL'));

interface Liaison {
  cookie: string;
  csrf: string;
  personIds: string[];
}

interface Seeded {
  liaisons: Liaison[];
  classIds: string[];
}

/** Units, people, liaisons with live sessions, and ROUNDS published classes with 17 quotas each. */
async function seed(database: Database, cipher: FieldCipher): Promise<Seeded> {
  const { db } = database;
  await runMigrations(database);
  await new DictionaryService(db).seedReferenceData();
  await seedRegions(db);
  const known = await db.select({ code: regions.code }).from(regions);
  const have = new Set(known.map((r) => r.code));
  const missing = CITIES.filter((c) => !have.has(c));
  if (missing.length) throw new Error(`region seed lacks ${missing.join(', ')}`);

  const schoolId = crypto.randomUUID();
  await db.insert(units).values({
    id: schoolId,
    name: '湖北省委党校',
    type: 'party_school',
    regionCode: '420000',
    path: `/${schoolId}/`,
  });
  // Liaison i works for a unit in city i mod 17: 3 liaisons in 16 cities, 2 in the last.
  const unitRows = Array.from({ length: LIAISONS }, (_, i) => {
    const id = crypto.randomUUID();
    const regionCode = CITIES[i % CITIES.length] as string;
    return { id, name: `卫健委${i}`, type: 'party_government', regionCode, path: `/${id}/` };
  });
  await db.insert(units).values(unitRows);

  const seen = new Set<string>();
  const personRows: (typeof people.$inferInsert)[] = [];
  for (let i = 0; personRows.length < PEOPLE; i++) {
    const unit = unitRows[personRows.length % LIAISONS] as (typeof unitRows)[number];
    const birthDate = new Date(Date.UTC(1965, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const gender = i % 2 ? 'male' : 'female';
    const seq = Math.floor(Math.random() * 500) * 2 + (gender === 'male' ? 1 : 0);
    const region = unit.regionCode.startsWith('429') ? unit.regionCode : `${unit.regionCode.slice(0, 4)}02`;
    const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const idNumber = `${first17}${idCheckChar(first17)}`;
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    personRows.push(
      personColumns(cipher, {
        name: `学员${personRows.length + 1}`,
        gender,
        ethnicity: '01',
        birthDate,
        idNumber,
        mobile: null,
        politicalStatus: '01',
        education: null,
        unitId: unit.id,
        post: '副指挥长',
        rank: null,
        category: 'cadre',
        specialty: null,
        status: 'serving',
        requirementOverride: null,
      }),
    );
  }
  const inserted = await db
    .insert(people)
    .values(personRows)
    .returning({ id: people.id, unitId: people.unitId });

  const userIds = unitRows.map(() => crypto.randomUUID());
  await db.insert(users).values(
    userIds.map((id, i) => ({
      id,
      username: `bench-liaison-${i}`,
      displayName: `联络员${i}`,
      // Never signs in with a password: sessions are made below.
      passwordHash: 'bench-no-password',
      mustChangePassword: false,
    })),
  );
  await db
    .insert(userRoles)
    .values(userIds.map((userId, i) => ({ userId, role: 'unit_liaison', scopeId: unitRows[i]?.id ?? null })));

  const liaisons: Liaison[] = [];
  for (const [i, userId] of userIds.entries()) {
    const { token, session } = await createSession(db, {
      userId,
      ip: '127.0.0.1',
      userAgent: 'bench',
      absoluteHours: 12,
    });
    liaisons.push({
      cookie: `${SESSION_COOKIE}=${token}`,
      csrf: session.csrfToken,
      personIds: inserted.filter((p) => p.unitId === unitRows[i]?.id).map((p) => p.id),
    });
  }

  const seats = splitEvenly(CAPACITY, CITIES.length);
  const classIds: string[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const day = String(10 + round * 3).padStart(2, '0');
    const [klass] = await db
      .insert(classes)
      .values({
        code: `2031-${String(round + 1).padStart(3, '0')}`,
        year: 2031,
        name: `全省疫情防控专题培训班（第${round + 1}期）`,
        kind: 'special',
        leadOrganiserId: schoolId,
        startDate: `2031-01-${day}`,
        endDate: `2031-01-${String(Number(day) + 1).padStart(2, '0')}`,
        capacity: CAPACITY,
        nominationDeadline: new Date(Date.now() + 7 * 86_400_000),
        status: 'published',
      })
      .returning({ id: classes.id });
    if (!klass) throw new Error('class not inserted');
    await db.insert(classQuotas).values(
      CITIES.map((regionCode, i) => ({
        classId: klass.id,
        regionCode,
        seats: seats[i] ?? 0,
        sortOrder: i,
      })),
    );
    classIds.push(klass.id);
  }
  return { liaisons, classIds };
}

interface Round {
  ms: number;
  latencies: number[];
  statuses: Map<number, number>;
  created: number;
}

/** One class: every liaison posts its people one after another, all liaisons at once. */
async function runRound(baseUrl: string, classId: string, liaisons: Liaison[]): Promise<Round> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const t0 = performance.now();
  await Promise.all(
    liaisons.map(async (l) => {
      // The quotas a liaison sees are the ones they may use: their city's.
      const mine = (await (
        await fetch(`${baseUrl}/api/v1/classes/${classId}/quotas`, { headers: { cookie: l.cookie } })
      ).json()) as { items: { id: string }[] };
      const quotaId = mine.items[0]?.id;
      for (const personId of l.personIds) {
        const s = performance.now();
        const res = await fetch(`${baseUrl}/api/v1/classes/${classId}/nominations`, {
          method: 'POST',
          headers: { cookie: l.cookie, [CSRF_HEADER]: l.csrf, 'content-type': 'application/json' },
          body: JSON.stringify({ personId, quotaId }),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - s);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      }
    }),
  );
  return { ms: performance.now() - t0, latencies, statuses, created: statuses.get(201) ?? 0 };
}

/** Invariants, read from the database after the server stopped: quotas, duplicates, stored 201s. */
async function violations(database: Database, classIds: string[], created: number): Promise<string[]> {
  const out: string[] = [];
  const rows = (q: unknown) => (q as { rows: Record<string, unknown>[] }).rows;
  const over = rows(
    await database.db.execute(sql`
      select q.id, q.seats, count(n.id)::int as used from class_quotas q
      left join nominations n on n.quota_id = q.id and n.status in ('submitted', 'approved')
      where q.class_id = any(${sql.param(classIds)}::uuid[]) group by q.id, q.seats having count(n.id) > q.seats`),
  );
  for (const r of over) out.push(`quota ${r.id}: ${r.used} seats held of ${r.seats}`);
  const twice = rows(
    await database.db.execute(sql`
      select class_id, person_id, count(*)::int as n from nominations
      where status in ('submitted', 'approved', 'waitlisted') and class_id = any(${sql.param(classIds)}::uuid[])
      group by class_id, person_id having count(*) > 1`),
  );
  for (const r of twice) out.push(`person ${r.person_id} nominated ${r.n} times to class ${r.class_id}`);
  const [stored] = rows(
    await database.db.execute(
      sql`select count(*)::int as n from nominations where class_id = any(${sql.param(classIds)}::uuid[])`,
    ),
  );
  if (Number(stored?.n) !== created) out.push(`${created} answered 201 but ${stored?.n} stored`);
  return out;
}

buildServer();
console.log(
  `\nNominations benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${LIAISONS} liaisons × ${PEOPLE / LIAISONS} people, ${CITIES.length} region quotas of a ${CAPACITY}-seat class, ${ROUNDS} rounds\n`,
);

const results: Record<string, unknown>[] = [];
let failures = 0;
for (const target of targets) {
  const data = makeDataDir('nominations');
  const scratch = target.databaseUrl ? await scratchDatabase(target.databaseUrl, 'nominations') : undefined;
  try {
    const config = loadConfig({ DATA_DIR: data.dir });
    const cipher = new FieldCipher(config.secretKey);
    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let seeded: Seeded;
    try {
      seeded = await seed(database, cipher);
    } finally {
      await database.close();
    }
    const port = await freePort();
    const options = { dataDir: data.dir, port, databaseUrl: scratch?.url };
    const server = await startServer(options, 120_000);
    current = server.child;
    const rounds: Round[] = [];
    let health: Awaited<ReturnType<typeof loadTest>>;
    try {
      health = await loadTest(
        `${server.baseUrl}/api/health`,
        {},
        { connections: LIAISONS, duration: DURATION },
      );
      for (const classId of seeded.classIds)
        rounds.push(await runRound(server.baseUrl, classId, seeded.liaisons));
    } finally {
      await server.stop();
      current = undefined;
    }
    const created = rounds.reduce((n, r) => n + r.created, 0);
    const check = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let broken: string[];
    try {
      broken = await violations(check, seeded.classIds, created);
    } finally {
      await check.close();
    }

    const latencies = rounds.flatMap((r) => r.latencies);
    const totalMs = rounds.reduce((n, r) => n + r.ms, 0);
    const rps = latencies.length / (totalMs / 1000);
    const statuses: Record<string, number> = {};
    for (const r of rounds) for (const [s, n] of r.statuses) statuses[s] = (statuses[s] ?? 0) + n;
    const unexpected = Object.entries(statuses).filter(([s]) => s !== '201' && s !== '409');
    if (broken.length || unexpected.length) failures++;
    console.log(`${target.name} (load average now ${fmt(load1(), 2)})`);
    console.log(
      `  GET /api/health            ${fmt(health.requests.average).padStart(7)} req/s   p50 ${fmt(health.latency.p50, 1)} ms   p99 ${fmt(health.latency.p99, 1)} ms`,
    );
    for (const [i, r] of rounds.entries())
      console.log(
        `  round ${i + 1}: ${r.latencies.length} nominations in ${fmt(r.ms)} ms   ${fmt(r.latencies.length / (r.ms / 1000), 1)} /s   p50 ${fmt(percentile(r.latencies, 50), 1)} ms   p99 ${fmt(percentile(r.latencies, 99), 1)} ms`,
      );
    console.log(
      `  POST nominations (all)     ${fmt(rps, 1).padStart(7)} /s      p50 ${fmt(percentile(latencies, 50), 1)} ms   p99 ${fmt(percentile(latencies, 99), 1)} ms   statuses ${JSON.stringify(statuses)}`,
    );
    console.log(`  ratio nominations/health: ${fmt(rps / health.requests.average, 4)}`);
    console.log(
      `  invariant violations: ${broken.length}${broken.length ? `\n    ${broken.join('\n    ')}` : ''}${unexpected.length ? `; unexpected statuses ${JSON.stringify(unexpected)}` : ''}\n`,
    );
    results.push({
      database: target.name,
      rounds: ROUNDS,
      nominations: latencies.length,
      rps: Number(rps.toFixed(1)),
      p50: Number(percentile(latencies, 50).toFixed(1)),
      p99: Number(percentile(latencies, 99).toFixed(1)),
      statuses,
      health: { rps: Math.round(health.requests.average), p50: health.latency.p50, p99: health.latency.p99 },
      ratio: Number((rps / health.requests.average).toFixed(4)),
      violations: broken.length,
    });
  } finally {
    await scratch?.drop();
    data.remove();
  }
}
console.log(
  `RESULT ${JSON.stringify({ bench: 'nominations', machine: machine(), liaisons: LIAISONS, people: PEOPLE, results })}`,
);
if (failures > 0) {
  console.error('invariant violations or unexpected statuses: see above');
  process.exit(1);
}
