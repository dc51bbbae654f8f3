// A class notice to 10,000 recipients (issue 9, Measure): a class director posts a notice to the
// class's 10,000 trainees with email on, through a real HTTP server whose job worker sends the
// emails to an SMTP server in this process (accepting everything). Measured: the POST's latency
// (enqueue: notice, 10,000 inbox rows, 10,000 delivery rows and their jobs in one transaction), the
// time until the notice reads back with all 10,000 recipients, the time until every email has
// arrived, the server's peak RSS; baseline in the same run: a plain INSERT … SELECT of 10,000 rows.
// Then, in this process, the job granularity: 2,000 deliveries as one job each vs. one per 100.
//
//   npx tsx bench/notices.ts                              embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/notices.ts
//                                                         also PostgreSQL (scratch database, dropped after)
// Settings: BENCH_RECIPIENTS (10000), BENCH_ONLY=pg|embedded.

import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { CSRF_HEADER, idCheckChar, maskEmail } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import {
  classes,
  enrollments,
  notices,
  notificationPreferences,
  people,
  units,
  userRoles,
  users,
} from '../apps/server/src/db/schema/index.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { SmtpChannel } from '../apps/server/src/modules/notices/channels/email.js';
import { queueDeliveries, registerDeliveries } from '../apps/server/src/modules/notices/deliveries.js';
import { personColumns } from '../apps/server/src/modules/people/record.js';
import { FieldCipher } from '../apps/server/src/platform/crypto.js';
import { JobQueue } from '../apps/server/src/platform/jobs.js';
import { SessionStore } from '../apps/server/src/platform/sessions.js';
import {
  buildServer,
  fmt,
  freePort,
  load1,
  machine,
  makeDataDir,
  memoryMb,
  SESSION_COOKIE,
  scratchDatabase,
  sleep,
  startServer,
  watchdog,
} from './lib.js';

const RECIPIENTS = Number(process.env.BENCH_RECIPIENTS ?? 10_000);
const GRANULARITY = 2_000;

const targets: { name: string; databaseUrl?: string | undefined }[] = [];
if (process.env.BENCH_ONLY !== 'pg') targets.push({ name: 'embedded (PGlite)' });
if (process.env.BENCH_DATABASE_URL && process.env.BENCH_ONLY !== 'embedded')
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL });

let current: ChildProcess | undefined;
watchdog(40 * 60_000, () => current?.kill('SIGKILL'));

/** The bench's SMTP server: accepts every message and counts them. */
let received = 0;
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onData(stream, _session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      callback();
    });
  },
});
await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?maxConnections=5`;

interface Seeded {
  classId: string;
  directorId: string;
  traineeIds: string[];
}

const chunks = <T>(xs: T[], n: number) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

/** A class in progress with RECIPIENTS trainees, each with an account and an email address. */
async function seed(database: Database, cipher: FieldCipher): Promise<Seeded> {
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
  const directorId = crypto.randomUUID();
  const traineeIds = Array.from({ length: RECIPIENTS }, () => crypto.randomUUID());
  const account = (id: string, username: string, displayName: string) => ({
    id,
    username,
    displayName,
    passwordHash: 'bench-no-password',
    mustChangePassword: false,
  });
  await db.insert(users).values(account(directorId, 'bench-director', '班主任'));
  await db.insert(userRoles).values({ userId: directorId, role: 'class_director', scopeId: null });
  for (const part of chunks(traineeIds, 1000)) {
    await db.insert(users).values(part.map((id) => account(id, `bench-t-${id.slice(0, 8)}`, '学员')));
    await db
      .insert(userRoles)
      .values(part.map((userId) => ({ userId, role: 'trainee' as const, scopeId: null })));
    await db.insert(notificationPreferences).values(
      part.map((userId) => {
        const email = `t${userId.slice(0, 8)}@example.cn`;
        return { userId, emailEnc: cipher.encrypt(email), emailMasked: maskEmail(email) };
      }),
    );
  }
  const seen = new Set<string>();
  const personRows: (typeof people.$inferInsert)[] = [];
  for (let i = 0; personRows.length < RECIPIENTS; i++) {
    const birthDate = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 12000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const gender = i % 2 ? 'male' : 'female';
    const seq = Math.floor(Math.random() * 500) * 2 + (gender === 'male' ? 1 : 0);
    const first17 = `420102${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const idNumber = `${first17}${idCheckChar(first17)}`;
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    personRows.push({
      ...personColumns(cipher, {
        name: `学员${personRows.length + 1}`,
        gender,
        ethnicity: '01',
        birthDate,
        idNumber,
        mobile: null,
        politicalStatus: '01',
        education: null,
        unitId: schoolId,
        post: null,
        rank: null,
        category: 'cadre',
        specialty: null,
        status: 'serving',
        requirementOverride: null,
      }),
      userId: traineeIds[personRows.length] ?? null,
    });
  }
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [klass] = await db
    .insert(classes)
    .values({
      code: `${today.slice(0, 4)}-901`,
      year: Number(today.slice(0, 4)),
      name: '全省干部网络专题培训班（通知压力测试）',
      kind: 'special',
      leadOrganiserId: schoolId,
      startDate: today,
      endDate: today,
      capacity: RECIPIENTS,
      status: 'in_progress',
      directorId,
    })
    .returning({ id: classes.id });
  if (!klass) throw new Error('class not inserted');
  for (const part of chunks(personRows, 1000)) {
    const persons = await db.insert(people).values(part).returning({ id: people.id });
    await db.insert(enrollments).values(persons.map((p) => ({ classId: klass.id, personId: p.id })));
  }
  return { classId: klass.id, directorId, traineeIds };
}

/** The baseline: 10,000 rows of the inbox's shape by one INSERT … SELECT (median of 3). */
async function baseline(database: Database, userIds: string[]): Promise<number> {
  const { db } = database;
  await db.execute(
    sql`create table bench_baseline (notice_id uuid, user_id uuid, created_at timestamptz default now())`,
  );
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    await db.execute(sql`insert into bench_baseline (notice_id, user_id)
      select ${crypto.randomUUID()}::uuid, u from unnest(${`{${userIds.join(',')}}`}::uuid[]) as u`);
    times.push(performance.now() - t0);
  }
  await db.execute(sql`drop table bench_baseline`);
  return times.sort((a, b) => a - b)[1] ?? Number.NaN;
}

/** Deliveries of GRANULARITY recipients as jobs of `batch` each, run by one in-process worker. */
async function granularity(database: Database, cipher: FieldCipher, s: Seeded, batch: number) {
  const jobs = new JobQueue({ db: database.db });
  const channel = new SmtpChannel({ url: smtpUrl, from: 'bench <noreply@ganxun.test>' });
  registerDeliveries(jobs, { db: database.db, cipher, channels: { email: channel, sms: null } });
  const [notice] = await database.db
    .insert(notices)
    .values({
      kind: 'class_notice',
      classId: s.classId,
      title: '粒度测试',
      body: '粒度测试',
      recipients: GRANULARITY,
    })
    .returning({ id: notices.id });
  const userIds = s.traineeIds.slice(0, GRANULARITY);
  const t0 = performance.now();
  await database.db.transaction((tx) =>
    queueDeliveries(
      tx,
      jobs,
      { noticeId: notice?.id as string, userIds, channels: ['email'] },
      { batchSize: batch },
    ),
  );
  const queuedMs = performance.now() - t0;
  const before = received;
  while (await jobs.runOnce()) {}
  const sentMs = performance.now() - t0 - queuedMs;
  channel.close();
  return { queuedMs, sentMs, emails: received - before };
}

async function api(baseUrl: string, path: string, who: { cookie: string; csrf: string }, body?: unknown) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      cookie: who.cookie,
      ...(body === undefined ? {} : { [CSRF_HEADER]: who.csrf, 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

buildServer();
console.log(
  `\nNotice benchmark — ${machine()}, load average ${fmt(load1(), 2)}; a class notice to ${RECIPIENTS} trainees with email on\n`,
);
process.env.SMTP_URL = smtpUrl;
process.env.SMTP_FROM = '干训平台 <noreply@ganxun.test>';

const results: Record<string, unknown>[] = [];
for (const target of targets) {
  const data = makeDataDir('notices');
  const scratch = target.databaseUrl ? await scratchDatabase(target.databaseUrl, 'notices') : undefined;
  try {
    const config = loadConfig({ DATA_DIR: data.dir });
    const cipher = new FieldCipher(config.secretKey);
    let database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let seeded: Seeded;
    let who: { cookie: string; csrf: string };
    let baseMs: number;
    try {
      const s0 = performance.now();
      seeded = await seed(database, cipher);
      console.log(`${target.name}: seeded in ${fmt((performance.now() - s0) / 1000, 1)} s`);
      baseMs = await baseline(database, seeded.traineeIds);
      const { token, session } = await new SessionStore(database.db).create(database.db, {
        userId: seeded.directorId,
        ip: '127.0.0.1',
        userAgent: 'bench',
        absoluteHours: 12,
      });
      who = { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
    } finally {
      await database.close();
    }
    const port = await freePort();
    const server = await startServer({ dataDir: data.dir, port, databaseUrl: scratch?.url }, 120_000);
    current = server.child;
    const before = received;
    let post: number;
    let readable: number;
    let delivered: number;
    let counts: unknown;
    let rss: { rss: number; peak: number };
    try {
      const idle = memoryMb(server.pid);
      const t0 = performance.now();
      const notice = await api(server.baseUrl, `/api/v1/classes/${seeded.classId}/notices`, who, {
        title: '关于调整开班时间的通知',
        body: '各位学员：因天气原因，开班式调整至明天上午九点，地点不变。请相互转告。',
        audience: 'trainees',
        email: true,
      });
      post = performance.now() - t0;
      // The inbox rows commit with the POST; read them back through the notice board.
      for (;;) {
        const list = await api(server.baseUrl, `/api/v1/classes/${seeded.classId}/notices`, who);
        const mine = list.items.find((n: { id: string }) => n.id === notice.id);
        if (mine?.recipients === RECIPIENTS) break;
        await sleep(20);
      }
      readable = performance.now() - t0;
      let peakDuring = idle.peak;
      for (;;) {
        const log = await api(server.baseUrl, `/api/v1/notices/${notice.id}/deliveries?pageSize=1`, who);
        counts = log.counts;
        const email = (log.counts.email ?? {}) as Record<string, number>;
        peakDuring = Math.max(peakDuring, memoryMb(server.pid).peak);
        if ((email.sent ?? 0) + (email.failed ?? 0) + (email.skipped ?? 0) >= RECIPIENTS) break;
        if (performance.now() - t0 > 20 * 60_000) throw new Error('deliveries not done after 20 minutes');
        await sleep(250);
      }
      delivered = performance.now() - t0;
      rss = { rss: idle.rss, peak: Math.max(peakDuring, memoryMb(server.pid).peak) };
    } finally {
      await server.stop();
      current = undefined;
    }
    const emails = received - before;
    console.log(`  baseline INSERT … SELECT of ${RECIPIENTS} rows   ${fmt(baseMs, 1)} ms`);
    console.log(`  POST (enqueue: notice, inbox, deliveries, jobs)   ${fmt(post)} ms`);
    console.log(`  in-app rows readable                        ${fmt(readable)} ms`);
    console.log(
      `  all emails delivered (worker)               ${fmt(delivered / 1000, 1)} s   (${emails} received by SMTP, ${fmt(emails / (delivered / 1000))} /s)`,
    );
    console.log(`  deliveries                                  ${JSON.stringify(counts)}`);
    console.log(`  server RSS idle ${fmt(rss.rss)} MB, peak ${fmt(rss.peak)} MB`);

    database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let perJob: Awaited<ReturnType<typeof granularity>>;
    let perBatch: Awaited<ReturnType<typeof granularity>>;
    try {
      perJob = await granularity(database, cipher, seeded, 1);
      perBatch = await granularity(database, cipher, seeded, 100);
    } finally {
      await database.close();
    }
    const g = (label: string, r: typeof perJob) =>
      `  ${label.padEnd(42)} queue ${fmt(r.queuedMs).padStart(6)} ms   send ${fmt(r.sentMs / 1000, 1).padStart(5)} s   ${fmt(r.emails / (r.sentMs / 1000)).padStart(5)} emails/s`;
    console.log(g(`${GRANULARITY} deliveries, one job each`, perJob));
    console.log(g(`${GRANULARITY} deliveries, one job per 100`, perBatch));
    console.log('');
    results.push({
      database: target.name,
      recipients: RECIPIENTS,
      baselineMs: Number(baseMs.toFixed(1)),
      postMs: Math.round(post),
      readableMs: Math.round(readable),
      deliveredMs: Math.round(delivered),
      emails,
      rssMb: Math.round(rss.rss),
      peakRssMb: Math.round(rss.peak),
      granularity: { perJob, perBatch },
    });
  } finally {
    await scratch?.drop();
    data.remove();
  }
}
smtp.close();
console.log(JSON.stringify(results));
