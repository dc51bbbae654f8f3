// A class notice to 10,000 recipients (issue 9, Measure): a class director posts a notice to the
// class's trainees with email on, through a real HTTP server whose job worker sends the emails to an
// SMTP server in this process (accepting everything). Measured: the POST's latency (enqueue:
// notice, one inbox row and one delivery row per recipient and their jobs, in one transaction),
// the time until the notice reads back with all its recipients (in-app delivery), the time until
// every email has arrived, the server's RSS; baseline in the same run: a plain INSERT … SELECT of as
// many rows, and the ratio of the POST to it. Then, in this process, the job granularity: N
// deliveries as one job each vs. one per 100.
//
//   npx tsx bench/notices.ts                              embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/notices.ts
//                                                         also PostgreSQL (scratch database, dropped after)
// Settings: BENCH_ONLY=pg|embedded; BENCH_RECIPIENTS (both databases; default 10,000 on
// PostgreSQL, EMBEDDED_RECIPIENTS on the embedded one), BENCH_GRANULARITY (default 2,000 / 500).

import type { ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { CSRF_HEADER, maskEmail } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { notices, notificationPreferences } from '../apps/server/src/db/schema/index.js';
import { SmtpChannel } from '../apps/server/src/modules/notices/channels/email.js';
import { queueDeliveries, registerDeliveries } from '../apps/server/src/modules/notices/deliveries.js';
import { FieldCipher } from '../apps/server/src/platform/crypto.js';
import { JobQueue } from '../apps/server/src/platform/jobs.js';
import {
  type BenchClient,
  benchSession,
  buildServer,
  fmt,
  freePort,
  load1,
  machine,
  makeDataDir,
  memoryMb,
  scratchDatabase,
  seedBenchClass,
  sleep,
  startServer,
  watchdog,
} from './lib.js';

/** The embedded database's default: PGlite runs in one process on one core (see the output). */
const EMBEDDED_RECIPIENTS = 10_000;
const envNumber = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);

interface Target {
  name: string;
  databaseUrl?: string | undefined;
  recipients: number;
  granularity: number;
}
const targets: Target[] = [];
if (process.env.BENCH_ONLY !== 'pg')
  targets.push({
    name: 'embedded (PGlite)',
    recipients: envNumber('BENCH_RECIPIENTS') ?? EMBEDDED_RECIPIENTS,
    granularity: envNumber('BENCH_GRANULARITY') ?? 500,
  });
if (process.env.BENCH_DATABASE_URL && process.env.BENCH_ONLY !== 'embedded')
  targets.push({
    name: 'PostgreSQL',
    databaseUrl: process.env.BENCH_DATABASE_URL,
    recipients: envNumber('BENCH_RECIPIENTS') ?? 10_000,
    granularity: envNumber('BENCH_GRANULARITY') ?? 2_000,
  });

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

/** A class in progress with `recipients` trainees, each with an account and an email address. */
async function seed(database: Database, cipher: FieldCipher, recipients: number): Promise<Seeded> {
  const klass = await seedBenchClass(database, cipher, {
    trainees: recipients,
    className: '全省干部网络专题培训班（通知压力测试）',
    codeNumber: '901',
  });
  for (let i = 0; i < klass.traineeIds.length; i += 1000) {
    await database.db.insert(notificationPreferences).values(
      klass.traineeIds.slice(i, i + 1000).map((userId) => {
        const email = `t${userId.slice(0, 8)}@example.cn`;
        return { userId, emailEnc: cipher.encrypt(email), emailMasked: maskEmail(email) };
      }),
    );
  }
  return { classId: klass.classId, directorId: klass.directorId, traineeIds: klass.traineeIds };
}

/** The baseline: as many rows of the inbox's shape by one INSERT … SELECT (median of 3). */
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

/** Deliveries of `count` recipients as jobs of `batch` each, run by one in-process worker. */
async function granularity(database: Database, cipher: FieldCipher, s: Seeded, count: number, batch: number) {
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
      recipients: count,
    })
    .returning({ id: notices.id });
  const userIds = s.traineeIds.slice(0, count);
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

async function api(baseUrl: string, path: string, who: BenchClient, body?: unknown) {
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
  `\nNotice benchmark — ${machine()}, load average ${fmt(load1(), 2)}; a class notice to ${targets.map((t) => `${t.recipients} trainees (${t.name})`).join(', ')} with email on\n`,
);
process.env.SMTP_URL = smtpUrl;
process.env.SMTP_FROM = '干训平台 <noreply@ganxun.test>';

const results: Record<string, unknown>[] = [];
for (const target of targets) {
  const { recipients } = target;
  const data = makeDataDir('notices');
  const scratch = target.databaseUrl ? await scratchDatabase(target.databaseUrl, 'notices') : undefined;
  try {
    const config = loadConfig({ DATA_DIR: data.dir });
    const cipher = new FieldCipher(config.secretKey);
    let database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let seeded: Seeded;
    let who: BenchClient;
    let baseMs: number;
    try {
      const s0 = performance.now();
      seeded = await seed(database, cipher, recipients);
      console.log(
        `${target.name}: ${recipients} recipients${target.databaseUrl || recipients === 10_000 ? '' : ' (fewer than 10,000 on the embedded database: BENCH_RECIPIENTS to change)'}, seeded in ${fmt((performance.now() - s0) / 1000, 1)} s, load average ${fmt(load1(), 2)}`,
      );
      baseMs = await baseline(database, seeded.traineeIds);
      who = await benchSession(database, seeded.directorId);
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
        if (mine?.recipients === recipients) break;
        await sleep(20);
      }
      readable = performance.now() - t0;
      let peakDuring = idle.peak;
      for (;;) {
        const log = await api(server.baseUrl, `/api/v1/notices/${notice.id}/deliveries?pageSize=1`, who);
        counts = log.counts;
        const email = (log.counts.email ?? {}) as Record<string, number>;
        peakDuring = Math.max(peakDuring, memoryMb(server.pid).peak);
        if ((email.sent ?? 0) + (email.failed ?? 0) + (email.skipped ?? 0) >= recipients) break;
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
    console.log(`  baseline INSERT … SELECT of ${recipients} rows   ${fmt(baseMs, 1)} ms`);
    console.log(
      `  POST (enqueue: notice, inbox, deliveries, jobs)   ${fmt(post)} ms   (ratio to baseline ${fmt(post / baseMs, 1)})`,
    );
    console.log(`  in-app rows readable                        ${fmt(readable)} ms`);
    console.log(
      `  all emails delivered (worker)               ${fmt(delivered / 1000, 1)} s   (${emails} received by SMTP, ${fmt(emails / (delivered / 1000))} /s)`,
    );
    console.log(`  deliveries                                  ${JSON.stringify(counts)}`);
    console.log(`  server RSS idle ${fmt(rss.rss)} MB, peak ${fmt(rss.peak)} MB`);

    database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    const count = Math.min(target.granularity, recipients);
    let perJob: Awaited<ReturnType<typeof granularity>>;
    let perBatch: Awaited<ReturnType<typeof granularity>>;
    try {
      perJob = await granularity(database, cipher, seeded, count, 1);
      perBatch = await granularity(database, cipher, seeded, count, 100);
    } finally {
      await database.close();
    }
    const g = (label: string, r: typeof perJob) =>
      `  ${label.padEnd(42)} queue ${fmt(r.queuedMs).padStart(6)} ms   send ${fmt(r.sentMs / 1000, 1).padStart(5)} s   ${fmt(r.emails / (r.sentMs / 1000)).padStart(5)} emails/s`;
    console.log(g(`${count} deliveries, one job each`, perJob));
    console.log(g(`${count} deliveries, one job per 100`, perBatch));
    console.log(`  load average now ${fmt(load1(), 2)}\n`);
    results.push({
      database: target.name,
      recipients,
      baselineMs: Number(baseMs.toFixed(1)),
      postMs: Math.round(post),
      ratio: Number((post / baseMs).toFixed(1)),
      readableMs: Math.round(readable),
      deliveredMs: Math.round(delivered),
      emails,
      rssMb: Math.round(rss.rss),
      peakRssMb: Math.round(rss.peak),
      granularity: { count, perJob, perBatch },
      load1: Number(load1().toFixed(2)),
    });
  } finally {
    await scratch?.drop();
    data.remove();
  }
}
smtp.close();
console.log(`RESULT ${JSON.stringify({ bench: 'notices', machine: machine(), results })}`);
