// Timetable conflict checks (issue 5) over a year of timetables: 5,000 classes, 100,000 items,
// 2,000 lecturers and 300 venues in ten Hubei cities, spread over the 250 weekdays of 2031 between
// 08:30 and 17:15 China time (four sessions a day). The generator lays 100 "lanes" of classes back
// to back (2–8 days each, one classroom per class, a lecturer per half-day), so that nothing is
// double-booked by construction: every lecturer and venue is busy about 50 / 330 times a year, as in
// a big provincial party school system. Thirty 15-day classes (60 items each) are left as drafts.
//
// Measured through the HTTP API (Fastify's app.inject, in this process, signed in as the org admin
// who runs the classes):
//   (a) POST /classes/:id/sessions/check — a new item at a random time of a random class with a
//       random lecturer (one or two) and venue; ≥ 500 calls; p50/p95/p99;
//   (b) POST /classes/:id/timetable/publish — the thirty 60-item drafts; p50/p99;
//   baseline: the plain SQL candidate query of (a) alone (sessions sharing a lecturer or the venue
//   with start − 2 days ≤ starts_at ≤ end + 1 day, cancelled classes skipped), same inputs;
//   ratio check/baseline. Targets on PostgreSQL: check p99 < 50 ms, publish p99 < 500 ms.
//
//   npx tsx bench/timetable.ts                            embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/timetable.ts
//                                                         also PostgreSQL: a scratch database on
//                                                         that server (needs CREATEDB), dropped after
// Settings: BENCH_CHECKS (500), BENCH_ONLY=pg|embedded, BENCH_EXPLAIN=1 (EXPLAIN ANALYZE of the
// candidate query), BENCH_KEEP_DATABASE=1 (PostgreSQL: keep the scratch database; name printed).

import { randomBytes } from 'node:crypto';
import { CSRF_HEADER } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.js';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import {
  classes,
  classSessionLecturers,
  classSessions,
  lecturers,
  timetables,
  units,
  userRoles,
  users,
  venues,
} from '../apps/server/src/db/schema/index.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { createSession } from '../apps/server/src/platform/sessions.js';
import { fmt, load1, machine, makeDataDir, SESSION_COOKIE, watchdog } from './lib.js';

const CHECKS = Number(process.env.BENCH_CHECKS ?? 500);
const LANES = 100;
const CLASSES_PER_LANE = 50;
const DAYS = 250;
const LECTURERS = 2_000;
const VENUES = 300;
const PUBLISH_CLASSES = 30;
const PUBLISH_DAYS = 15;
const YEAR = 2031;
const TARGET_CHECK_P99 = 50;
const TARGET_PUBLISH_P99 = 500;

/** Ten Hubei cities for the venues (all in the region seed). */
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
  '422800',
];

/** Four sessions a day, China time. */
const SLOTS: [string, string][] = [
  ['08:30', '10:00'],
  ['10:15', '11:45'],
  ['14:00', '15:30'],
  ['15:45', '17:15'],
];

const only = process.env.BENCH_ONLY;
const targets: { name: string; databaseUrl?: string | undefined }[] = [];
if (only !== 'pg') targets.push({ name: 'embedded (PGlite)' });
if (process.env.BENCH_DATABASE_URL && only !== 'embedded')
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL });

watchdog(60 * 60_000, () => {});

/** A deterministic generator, so that every run measures the same year. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The weekdays of the year (the first DAYS of them). */
function weekdays(): string[] {
  const out: string[] = [];
  for (let t = Date.UTC(YEAR, 0, 1); out.length < DAYS; t += 86_400_000) {
    const d = new Date(t);
    if (d.getUTCDay() !== 0 && d.getUTCDay() !== 6) out.push(d.toISOString().slice(0, 10));
  }
  return out;
}

const at = (day: string, time: string) => new Date(`${day}T${time}:00+08:00`);

/** Lengths in days of a lane's classes: n classes summing to `total`, 2–8 days, varied. */
function lengths(n: number, total: number, rand: () => number): number[] {
  const base = Math.floor(total / n);
  const out = Array.from({ length: n }, (_, i) => base + (i < total - base * n ? 1 : 0));
  for (let i = 0; i + 1 < n; i += 2) {
    const d = Math.floor(rand() * 4) - 1; // −1 … 2
    const a = (out[i] ?? 0) + d;
    const b = (out[i + 1] ?? 0) - d;
    if (a >= 2 && b >= 2 && a <= 8 && b <= 8) {
      out[i] = a;
      out[i + 1] = b;
    }
  }
  return out;
}

interface Seeded {
  cookie: string;
  csrf: string;
  /** Published classes with their dates (candidates for the check). */
  open: { id: string; days: string[] }[];
  drafts: string[];
  lecturerIds: string[];
  venueIds: string[];
  items: number;
  seedMs: number;
}

async function insertBatches<T>(rows: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

async function seed(database: Database): Promise<Seeded> {
  const t0 = performance.now();
  const { db } = database;
  await runMigrations(database);
  await new DictionaryService(db).seedReferenceData();
  await seedRegions(db);

  const schoolId = crypto.randomUUID();
  await db.insert(units).values({
    id: schoolId,
    name: '湖北省委党校',
    type: 'party_school',
    regionCode: '420000',
    path: `/${schoolId}/`,
  });

  // Lecturers and venues in bulk (generate_series).
  await db.execute(sql`
    insert into lecturers (kind, name, name_pinyin, name_initials, affiliation, title)
    select case when g % 3 = 0 then 'internal' else 'external' end, '讲师' || g, 'jiangshi' || g, 'js' || g,
           '湖北省委党校', '教授'
    from generate_series(1, ${LECTURERS}) g`);
  await db.execute(sql`
    insert into venues (kind, name, owner_unit_id, capacity, building, city_code)
    select 'classroom', '教室' || g, ${schoolId}::uuid, 60 + (g * 37) % 141, '教学楼' || (g % 12),
           (${sql.param(CITIES)}::text[])[1 + g % ${CITIES.length}]
    from generate_series(1, ${VENUES}) g`);
  const lecturerIds = (await db.select({ id: lecturers.id }).from(lecturers).orderBy(lecturers.name)).map(
    (r) => r.id,
  );
  const venueRows = await db
    .select({ id: venues.id, city: venues.cityCode })
    .from(venues)
    .orderBy(venues.name);
  const venueIds = venueRows.map((r) => r.id);

  // The year: lane k runs classes back to back over the weekdays.
  const days = weekdays();
  const rand = random(20310101);
  const classRows: (typeof classes.$inferInsert)[] = [];
  const sessionRows: (typeof classSessions.$inferInsert)[] = [];
  const linkRows: (typeof classSessionLecturers.$inferInsert)[] = [];
  const open: Seeded['open'] = [];
  const drafts: string[] = [];
  for (let k = 0; k < LANES; k++) {
    const publishLane = k < PUBLISH_CLASSES;
    const lens = lengths(
      publishLane ? CLASSES_PER_LANE - 1 : CLASSES_PER_LANE,
      publishLane ? DAYS - PUBLISH_DAYS : DAYS,
      rand,
    );
    // The draft 60-item class sits somewhere in the middle of the lane.
    if (publishLane) lens.splice(10 + (k % 20), 0, PUBLISH_DAYS);
    let d = 0;
    for (const [j, len] of lens.entries()) {
      const id = crypto.randomUUID();
      const venue = k + LANES * (j % 3);
      const venueId = venueIds[venue] as string;
      const span = days.slice(d, d + len);
      const draft =
        publishLane && len === PUBLISH_DAYS && drafts.length < PUBLISH_CLASSES && j === 10 + (k % 20);
      classRows.push({
        id,
        code: `B${YEAR}-${String(classRows.length + 1).padStart(4, '0')}`,
        year: YEAR,
        name: `基准测试班${classRows.length + 1}`,
        kind: 'special',
        leadOrganiserId: schoolId,
        cityCode: venueRows[venue]?.city ?? null,
        startDate: span[0] ?? null,
        endDate: span[span.length - 1] ?? null,
        capacity: 40 + ((k + j) % 21),
        status: 'published',
      });
      if (draft) drafts.push(id);
      else open.push({ id, days: span });
      for (const [i, day] of span.entries()) {
        const global = d + i;
        for (const [s, [from, to]] of SLOTS.entries()) {
          const sid = crypto.randomUUID();
          sessionRows.push({
            id: sid,
            classId: id,
            type: s === 3 && i % 2 ? 'discussion' : 'lecture',
            title: `专题${s + 1}`,
            startsAt: at(day, from),
            endsAt: at(day, to),
            venueId,
          });
          const half = s < 2 ? 0 : 1;
          const lecturer = (2 * k + half + 200 * (global % 10)) % LECTURERS;
          linkRows.push({ sessionId: sid, lecturerId: lecturerIds[lecturer] as string, role: 'speaker' });
        }
      }
      d += len;
    }
  }
  await insertBatches(classRows, 1000, (c) => db.insert(classes).values(c));
  await insertBatches(sessionRows, 2000, (c) => db.insert(classSessions).values(c));
  await insertBatches(linkRows, 5000, (c) => db.insert(classSessionLecturers).values(c));
  const publishedAt = new Date(Date.UTC(YEAR - 1, 11, 1));
  await insertBatches(open, 2000, (c) =>
    db
      .insert(timetables)
      .values(
        c.map((x) => ({ classId: x.id, status: 'published' as const, publishedVersion: 1, publishedAt })),
      ),
  );
  await db.execute(sql`analyze`);

  // The org admin of Hubei runs every class (the school is in region 420000).
  const userId = crypto.randomUUID();
  await db.insert(users).values({
    id: userId,
    username: 'bench-org',
    displayName: '组织部',
    passwordHash: 'bench-no-password',
    mustChangePassword: false,
  });
  await db.insert(userRoles).values({ userId, role: 'org_admin', scopeId: '420000' });
  const { token, session } = await createSession(db, {
    userId,
    ip: '127.0.0.1',
    userAgent: 'bench',
    absoluteHours: 12,
  });
  return {
    cookie: `${SESSION_COOKIE}=${token}`,
    csrf: session.csrfToken,
    open,
    drafts,
    lecturerIds,
    venueIds,
    items: sessionRows.length,
    seedMs: performance.now() - t0,
  };
}

const percentile = (values: number[], p: number) => {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? Number.NaN;
};

interface Probe {
  classId: string;
  startsAt: string;
  endsAt: string;
  venueId: string;
  lecturerIds: string[];
}

/** Random new items: a random published class, one of its days, a 90-minute item between 08:00 and 18:00. */
function probes(s: Seeded, n: number): Probe[] {
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  return Array.from({ length: n }, () => {
    const klass = pick(s.open);
    const day = pick(klass.days);
    const startMin = 8 * 60 + 15 * Math.floor(rand() * 35); // 08:00 … 16:30
    const hhmm = (m: number) =>
      `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    const lecturerIds = [pick(s.lecturerIds)];
    if (rand() < 0.3) {
      const second = pick(s.lecturerIds);
      if (second !== lecturerIds[0]) lecturerIds.push(second);
    }
    return {
      classId: klass.id,
      startsAt: `${day}T${hhmm(startMin)}:00+08:00`,
      endsAt: `${day}T${hhmm(startMin + 90)}:00+08:00`,
      venueId: pick(s.venueIds),
      lecturerIds,
    };
  });
}

/** The candidate query of a check, alone: what the database must find for one new item. */
function candidateQuery(p: Probe) {
  const from = new Date(Date.parse(p.startsAt) - 2 * 86_400_000);
  const to = new Date(Date.parse(p.endsAt) + 86_400_000);
  return sql`
    select s.id, s.class_id, s.starts_at, s.ends_at, s.venue_id
    from class_sessions s
    join classes c on c.id = s.class_id and c.status <> 'cancelled'
    where s.class_id <> ${p.classId}::uuid
      and s.starts_at >= ${from} and s.starts_at <= ${to}
      and (s.venue_id = ${p.venueId}::uuid
        or s.id in (select l.session_id from class_session_lecturers l
                    where l.lecturer_id = any(${sql.param(p.lecturerIds)}::uuid[])))`;
}

async function scratchDatabase(
  url: string,
): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `gx_bench_timetable_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    name,
    drop: async () => {
      if (process.env.BENCH_KEEP_DATABASE !== '1')
        await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

console.log(
  `\nTimetable conflict-check benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${LANES * CLASSES_PER_LANE} classes, ${LANES * DAYS * SLOTS.length} items, ${LECTURERS} lecturers, ${VENUES} venues; ${CHECKS} checks, ${PUBLISH_CLASSES} publications of ${PUBLISH_DAYS * SLOTS.length} items\n`,
);

const results: Record<string, unknown>[] = [];
let failures = 0;
for (const target of targets) {
  const data = makeDataDir('timetable');
  const scratch = target.databaseUrl ? await scratchDatabase(target.databaseUrl) : undefined;
  if (scratch && process.env.BENCH_KEEP_DATABASE === '1') console.log(`  scratch database: ${scratch.name}`);
  try {
    const config = loadConfig({ DATA_DIR: data.dir, ...(scratch ? { DATABASE_URL: scratch.url } : {}) });
    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    try {
      const seeded = await seed(database);
      const { app } = await buildApp({ config, database, logger: false });
      await app.ready();
      const headers = {
        cookie: seeded.cookie,
        [CSRF_HEADER]: seeded.csrf,
        'content-type': 'application/json',
      };
      const inputs = probes(seeded, CHECKS);

      // Baseline: the candidate query alone (warm-up first).
      const rowsOf = (q: unknown) => (q as { rows: unknown[] }).rows;
      for (const p of inputs.slice(0, 50)) await database.db.execute(candidateQuery(p));
      if (process.env.BENCH_EXPLAIN === '1' && inputs[0]) {
        const plan = rowsOf(await database.db.execute(sql`explain analyze ${candidateQuery(inputs[0])}`));
        console.log(plan.map((r) => Object.values(r as object)[0]).join('\n'));
      }
      const baseline: number[] = [];
      let candidates = 0;
      for (const p of inputs) {
        const s = performance.now();
        candidates += rowsOf(await database.db.execute(candidateQuery(p))).length;
        baseline.push(performance.now() - s);
      }

      // The floor of any signed-in request (session lookup, routing, serialisation).
      const floor: number[] = [];
      for (let i = 0; i < 20 + inputs.length; i++) {
        const s = performance.now();
        await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: seeded.cookie } });
        if (i >= 20) floor.push(performance.now() - s);
      }

      // (a) Checks through the API (warm-up first).
      const check = async (p: Probe) =>
        app.inject({
          method: 'POST',
          url: `/api/v1/classes/${p.classId}/sessions/check`,
          headers,
          payload: {
            type: 'lecture',
            title: '新增专题讲座',
            startsAt: p.startsAt,
            endsAt: p.endsAt,
            venueId: p.venueId,
            lecturers: p.lecturerIds.map((lecturerId) => ({ lecturerId, role: 'speaker' })),
          },
        });
      for (const p of inputs.slice(0, 20)) await check(p);
      const checks: number[] = [];
      const statuses: Record<string, number> = {};
      let found = 0;
      let firstError = '';
      for (const p of inputs) {
        const s = performance.now();
        const res = await check(p);
        checks.push(performance.now() - s);
        statuses[res.statusCode] = (statuses[res.statusCode] ?? 0) + 1;
        if (res.statusCode === 200) found += (res.json() as { conflicts: unknown[] }).conflicts.length;
        else firstError ||= res.body.slice(0, 300);
      }

      // (b) Publishing the 60-item drafts.
      const publishes: number[] = [];
      const published: Record<string, number> = {};
      for (const classId of seeded.drafts) {
        const s = performance.now();
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/classes/${classId}/timetable/publish`,
          headers,
          payload: { acknowledge: [], note: null },
        });
        publishes.push(performance.now() - s);
        published[res.statusCode] = (published[res.statusCode] ?? 0) + 1;
        if (res.statusCode !== 200) firstError ||= res.body.slice(0, 300);
      }
      await app.close();

      const [stored] = rowsOf(
        await database.db.execute(sql`select count(*)::int as n from timetables where status = 'published'`),
      ) as { n: number }[];
      const bad =
        (statuses['200'] ?? 0) !== inputs.length || (published['200'] ?? 0) !== seeded.drafts.length;
      if (bad) failures++;
      const c = { p50: percentile(checks, 50), p95: percentile(checks, 95), p99: percentile(checks, 99) };
      const b = {
        p50: percentile(baseline, 50),
        p95: percentile(baseline, 95),
        p99: percentile(baseline, 99),
      };
      const pub = { p50: percentile(publishes, 50), p99: percentile(publishes, 99) };
      const me = { p50: percentile(floor, 50), p99: percentile(floor, 99) };
      console.log(
        `${target.name} (seeded in ${fmt(seeded.seedMs / 1000, 1)} s; load average now ${fmt(load1(), 2)})`,
      );
      console.log(
        `  candidate query alone      p50 ${fmt(b.p50, 2)} ms   p95 ${fmt(b.p95, 2)} ms   p99 ${fmt(b.p99, 2)} ms   (${fmt(candidates / inputs.length, 1)} rows/check)`,
      );
      console.log(`  GET /auth/me (floor)       p50 ${fmt(me.p50, 2)} ms   p99 ${fmt(me.p99, 2)} ms`);
      console.log(
        `  POST sessions/check        p50 ${fmt(c.p50, 2)} ms   p95 ${fmt(c.p95, 2)} ms   p99 ${fmt(c.p99, 2)} ms   statuses ${JSON.stringify(statuses)}   ${fmt(found / inputs.length, 2)} conflicts/check   target p99 < ${TARGET_CHECK_P99} ms`,
      );
      console.log(
        `  POST timetable/publish     p50 ${fmt(pub.p50, 1)} ms   p99 ${fmt(pub.p99, 1)} ms   statuses ${JSON.stringify(published)}   target p99 < ${TARGET_PUBLISH_P99} ms`,
      );
      console.log(`  ratio check/candidate query (p50): ${fmt(c.p50 / b.p50, 1)}`);
      console.log(
        `  published timetables now: ${stored?.n}${firstError ? `\n  first failure: ${firstError}` : ''}\n`,
      );
      results.push({
        database: target.name,
        classes: LANES * CLASSES_PER_LANE,
        items: seeded.items,
        seedSeconds: Number((seeded.seedMs / 1000).toFixed(1)),
        check: { n: checks.length, ...round(c), statuses },
        baseline: round(b),
        authMe: round(me),
        ratio: Number((c.p50 / b.p50).toFixed(2)),
        publish: { n: publishes.length, ...round(pub), statuses: published },
      });
    } finally {
      await database.close();
    }
  } finally {
    await scratch?.drop();
    data.remove();
  }
}

function round(o: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Number(v.toFixed(2))]));
}

console.log(`RESULT ${JSON.stringify({ bench: 'timetable', machine: machine(), results })}`);
if (failures > 0) {
  console.error('unexpected statuses: see above');
  process.exit(1);
}
