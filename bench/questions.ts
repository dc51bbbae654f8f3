// Live questions (issue 10): 300 trainees in a hall post and vote at once — 1,000 questions and
// 10,000 votes spread over one minute — through a real HTTP server, while presenter views (the hall's
// screen, signed in as the class director) hold the board's event stream. Measured: the time from
// sending a question to the moment each presenter stream receives the `questions` event carrying it
// (target p99 < 1 s), the same for a vote (the count reaching the vote's own), and the POST latencies.
//
// Two phases, each on its own item (rate limits are per board), each one open-loop minute:
//   presenters  5 presenter streams only;
//   phones      the same plus one stream per trainee (every phone holds the board open, the
//               realistic load); 10 of the phone streams are read for latency, the rest drained.
// Baseline in the same run, at the same request rate (open loop, 10 s each): GET /api/health and
// GET /api/v1/auth/me (a session look-up); during each phase /api/health is also probed 10 times a
// second. Afterwards the database is checked: one row per question answered 201, every board's vote
// counts equal to its vote rows and to the votes answered 201.
//
//   npx tsx bench/questions.ts                             embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/questions.ts
//                                                          also PostgreSQL: a scratch database on that
//                                                          server (needs CREATEDB), dropped after
// Settings: BENCH_ONLY=pg|embedded (or pglite), BENCH_PHASES=presenters,phones, BENCH_SECONDS (60),
// BENCH_QUESTIONS (1000), BENCH_VOTES (10000), BENCH_PRESENTERS (5), BENCH_SKIP_BUILD=1,
// BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` for the server), BENCH_LOG_LEVEL.

import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { CSRF_HEADER, idCheckChar, QUESTION_RATE_PER_MINUTE, VOTE_RATE_PER_MINUTE } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { loadConfig } from '../apps/server/src/config.js';
import { type Database, openDatabase } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import {
  classes,
  classSessions,
  enrollments,
  people,
  questionBoards,
  timetables,
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
  cpuMs,
  fmt,
  freePort,
  load1,
  machine,
  makeDataDir,
  memoryMb,
  percentile,
  SESSION_COOKIE,
  scratchDatabase,
  sleep,
  startServer,
  watchdog,
} from './lib.js';

const TRAINEES = 300;
const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const QUESTIONS = Number(process.env.BENCH_QUESTIONS ?? 1000);
const VOTES = Number(process.env.BENCH_VOTES ?? 10_000);
const PRESENTERS = Number(process.env.BENCH_PRESENTERS ?? 5);
/** Phone streams read for latency in the `phones` phase; the others are only drained. */
const SAMPLED_PHONES = 10;
const BASELINE_SECONDS = 10;
/** After the minute: how long to wait for the last questions to reach every stream. */
const DRAIN_MS = 15_000;
const TARGET_P99_MS = 1_000;
const RATE = (QUESTIONS + VOTES) / SECONDS;

type PhaseName = 'presenters' | 'phones';
const PHASES = (process.env.BENCH_PHASES ?? 'presenters,phones')
  .split(',')
  .filter((p): p is PhaseName => p === 'presenters' || p === 'phones');

const only = process.env.BENCH_ONLY;
const targets: { name: string; databaseUrl?: string | undefined }[] = [];
if (only !== 'pg') targets.push({ name: 'embedded (PGlite)' });
if (process.env.BENCH_DATABASE_URL && only !== 'embedded' && only !== 'pglite')
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL });

if (Math.ceil(QUESTIONS / TRAINEES) > QUESTION_RATE_PER_MINUTE * Math.ceil(SECONDS / 60))
  throw new Error(`${QUESTIONS} questions over ${TRAINEES} trainees break the per-person question rate`);
if (Math.ceil(VOTES / TRAINEES) > VOTE_RATE_PER_MINUTE * Math.ceil(SECONDS / 60))
  throw new Error(`${VOTES} votes over ${TRAINEES} trainees break the per-person vote rate`);

let current: ChildProcess | undefined;
watchdog(25 * 60_000, () => current?.kill('SIGKILL'));

interface Client {
  cookie: string;
  csrf: string;
}
interface Seeded {
  classId: string;
  presenters: Client[];
  trainees: Client[];
  /** One item (board) per phase: open by hand, moderation off. */
  items: Record<PhaseName, string>;
}

/** A class in progress with 300 trainees (each with an account and a live session) and one open board per phase. */
async function seed(database: Database, cipher: FieldCipher): Promise<Seeded> {
  const { db } = database;
  await runMigrations(database);
  await new DictionaryService(db).seedReferenceData();
  await seedRegions(db);
  const schoolId = crypto.randomUUID();
  const unitId = crypto.randomUUID();
  await db.insert(units).values([
    { id: schoolId, name: '湖北省委党校', type: 'party_school', regionCode: '420000', path: `/${schoolId}/` },
    { id: unitId, name: '恩施州卫健委', type: 'party_government', regionCode: '422800', path: `/${unitId}/` },
  ]);

  const directorId = crypto.randomUUID();
  const traineeIds = Array.from({ length: TRAINEES }, () => crypto.randomUUID());
  await db.insert(users).values([
    {
      id: directorId,
      username: 'bench-director',
      displayName: '班主任',
      passwordHash: 'bench-no-password',
      mustChangePassword: false,
    },
    ...traineeIds.map((id, i) => ({
      id,
      username: `bench-trainee-${i}`,
      displayName: `学员${i + 1}`,
      passwordHash: 'bench-no-password',
      mustChangePassword: false,
    })),
  ]);
  await db
    .insert(userRoles)
    .values([
      { userId: directorId, role: 'class_director', scopeId: null },
      ...traineeIds.map((userId) => ({ userId, role: 'trainee' as const, scopeId: null })),
    ]);

  const seen = new Set<string>();
  const personRows: (typeof people.$inferInsert)[] = [];
  for (let i = 0; personRows.length < TRAINEES; i++) {
    const birthDate = new Date(Date.UTC(1965, 0, 1) + Math.floor(Math.random() * 9000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const gender = i % 2 ? 'male' : 'female';
    const seq = Math.floor(Math.random() * 500) * 2 + (gender === 'male' ? 1 : 0);
    const first17 = `422801${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
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
        unitId,
        post: '副主任',
        rank: null,
        category: 'cadre',
        specialty: null,
        status: 'serving',
        requirementOverride: null,
      }),
      userId: traineeIds[personRows.length] ?? null,
    });
  }
  const persons = await db.insert(people).values(personRows).returning({ id: people.id });

  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [klass] = await db
    .insert(classes)
    .values({
      code: `${today.slice(0, 4)}-901`,
      year: Number(today.slice(0, 4)),
      name: '全省医疗保障政策专题培训班（互动答疑压力测试）',
      kind: 'special',
      leadOrganiserId: schoolId,
      startDate: today,
      endDate: today,
      capacity: TRAINEES,
      status: 'in_progress',
      directorId,
    })
    .returning({ id: classes.id });
  if (!klass) throw new Error('class not inserted');
  await db.insert(enrollments).values(persons.map((p) => ({ classId: klass.id, personId: p.id })));
  // Lectures under way (started ten minutes ago): the policy briefing by video, with Q&A.
  const startsAt = new Date(Date.now() - 10 * 60_000);
  const endsAt = new Date(startsAt.getTime() + 120 * 60_000);
  const items = await db
    .insert(classSessions)
    .values(
      ['政策解读（一）：医保支付方式改革', '政策解读（二）：异地就医直接结算'].map((title) => ({
        classId: klass.id,
        type: 'lecture',
        title,
        startsAt,
        endsAt,
      })),
    )
    .returning({ id: classSessions.id });
  await db.insert(timetables).values({ classId: klass.id, status: 'published', publishedAt: new Date() });
  await db
    .insert(questionBoards)
    .values(items.map((i) => ({ sessionId: i.id, mode: 'open' as const, moderation: false })));

  const live = async (userId: string): Promise<Client> => {
    const { token, session } = await createSession(db, {
      userId,
      ip: '127.0.0.1',
      userAgent: 'bench',
      absoluteHours: 12,
    });
    return { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
  };
  const trainees: Client[] = [];
  for (const id of traineeIds) trainees.push(await live(id));
  const presenters: Client[] = [];
  for (let i = 0; i < PRESENTERS; i++) presenters.push(await live(directorId));
  return {
    classId: klass.id,
    presenters,
    trainees,
    items: { presenters: items[0]?.id as string, phones: items[1]?.id as string },
  };
}

// ---------------------------------------------------------------------------------------------
// Event streams
// ---------------------------------------------------------------------------------------------

interface Watch {
  /** Question id → when this stream first received it (performance.now()). */
  seen: Map<string, number>;
  /** Question id → its vote counts as they arrived (kept for one presenter stream only). */
  votes: Map<string, { at: number; votes: number }[]> | null;
  bytes: number;
  events: number;
  /** The stream ended or failed before we closed it. */
  broken: string | null;
  opened: Promise<void>;
  close: () => void;
}

interface EventQuestion {
  id: string;
  votes: number;
}

/**
 * A minimal SSE reader (fetch + ReadableStream). `parse`: every event is parsed and each question's
 * first arrival recorded; `drain`: bytes are only counted, as a phone's browser would buffer them.
 */
function openStream(url: string, client: Client, mode: 'parse' | 'drain', trackVotes = false): Watch {
  const controller = new AbortController();
  let markOpen: () => void = () => {};
  let failOpen: (e: Error) => void = () => {};
  const watch: Watch = {
    seen: new Map(),
    votes: trackVotes ? new Map() : null,
    bytes: 0,
    events: 0,
    broken: null,
    opened: new Promise<void>((resolve, reject) => {
      markOpen = resolve;
      failOpen = reject;
    }),
    close: () => controller.abort(),
  };
  /** `counts`: a vote's compact entries (a count, not the question: not a question's arrival). */
  const record = (questions: EventQuestion[], at: number, counts = false) => {
    for (const q of questions) {
      if (!counts && !watch.seen.has(q.id)) watch.seen.set(q.id, at);
      if (watch.votes) {
        let list = watch.votes.get(q.id);
        if (!list) {
          list = [];
          watch.votes.set(q.id, list);
        }
        if ((list.at(-1)?.votes ?? -1) < q.votes) list.push({ at, votes: q.votes });
      }
    }
  };
  void (async () => {
    let open = false;
    try {
      const res = await fetch(url, { headers: { cookie: client.cookie }, signal: controller.signal });
      if (res.status !== 200 || !res.body) throw new Error(`stream: HTTP ${res.status} ${await res.text()}`);
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        const at = performance.now();
        watch.bytes += value.byteLength;
        if (mode === 'drain' && open) continue;
        buffer += decoder.decode(value, { stream: true });
        let cut = buffer.indexOf('\n\n');
        while (cut >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          cut = buffer.indexOf('\n\n');
          const type = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!type || !data) continue;
          watch.events++;
          if (type === 'snapshot') {
            if (mode === 'parse')
              record((JSON.parse(data) as { board: { questions: EventQuestion[] } }).board.questions, at);
            open = true;
            markOpen();
          } else if (type === 'questions' && mode === 'parse') {
            const event = JSON.parse(data) as { questions: EventQuestion[]; votes?: EventQuestion[] };
            record(event.questions, at);
            record(event.votes ?? [], at, true);
          }
        }
      }
      watch.broken = 'stream ended';
    } catch (error) {
      if (!controller.signal.aborted) watch.broken = String(error);
    }
    if (!open) failOpen(new Error(watch.broken ?? 'stream closed before its snapshot'));
  })();
  return watch;
}

// ---------------------------------------------------------------------------------------------
// The storm
// ---------------------------------------------------------------------------------------------

interface Requests {
  latencies: number[];
  statuses: Map<string, number>;
}
const requests = (): Requests => ({ latencies: [], statuses: new Map() });
/** A failed fetch by its cause (`fetch failed` alone says nothing): e.g. UND_ERR_CONNECT_TIMEOUT, ECONNRESET. */
const failure = (error: unknown) => {
  const e = error as Error & { cause?: { code?: string; message?: string } };
  return `error ${e.cause?.code ?? e.cause?.message ?? e.message}`;
};
const count = (r: Requests, status: string) => r.statuses.set(status, (r.statuses.get(status) ?? 0) + 1);

interface Storm {
  questions: Requests;
  votes: Requests;
  /** Question id → when its POST was sent. */
  posted: Map<string, number>;
  /** Question id → when its POST's answer arrived. */
  answered: Map<string, number>;
  /** Votes answered 201: question, when sent, the count the answer carried. */
  voted: { id: string; sent: number; votes: number }[];
  skippedVotes: number;
  ms: number;
  /** Every request: seconds into the minute when sent, latency in ms (for BENCH_TIMELINE=1). */
  timeline: [number, number][];
}

const TOPICS = ['支付方式改革', '异地就医结算', '门诊共济', '集采药品', '基金监管', 'DRG付费', '长护险试点'];

/**
 * One open-loop minute: QUESTIONS questions (round-robin over the trainees, so at most
 * ceil(QUESTIONS/300) each) and VOTES votes (likewise) at uniformly random moments. A vote goes to a
 * question already posted, half the time one of the 20 newest (what a phone shows on top), never the
 * voter's own nor one they voted on.
 */
async function storm(baseUrl: string, s: Seeded, item: string): Promise<Storm> {
  const base = `${baseUrl}/api/v1/classes/${s.classId}/sessions/${item}/questions`;
  const out: Storm = {
    questions: requests(),
    votes: requests(),
    posted: new Map(),
    answered: new Map(),
    voted: [],
    skippedVotes: 0,
    ms: 0,
    timeline: [],
  };
  let t0 = performance.now();
  const known: { id: string; author: number }[] = [];
  const votedBy = s.trainees.map(() => new Set<string>());
  const headers = (c: Client) => ({
    cookie: c.cookie,
    [CSRF_HEADER]: c.csrf,
    'content-type': 'application/json',
  });

  const postQuestion = async (i: number) => {
    const author = i % TRAINEES;
    const who = s.trainees[author] as Client;
    const sent = performance.now();
    try {
      const res = await fetch(base, {
        method: 'POST',
        headers: headers(who),
        body: JSON.stringify({
          text: `关于${TOPICS[i % TOPICS.length]}的问题（第${i + 1}条）：基层落实中如何把握政策口径？`,
          anonymous: i % 5 === 0,
        }),
      });
      const body = await res.text();
      out.questions.latencies.push(performance.now() - sent);
      out.timeline.push([(sent - t0) / 1000, performance.now() - sent]);
      count(out.questions, String(res.status));
      if (res.status === 201) {
        const id = (JSON.parse(body) as { id: string }).id;
        out.posted.set(id, sent);
        out.answered.set(id, performance.now());
        known.push({ id, author });
      }
    } catch (error) {
      count(out.questions, failure(error));
    }
  };

  const pick = (voter: number): string | undefined => {
    for (let tries = 0; tries < 30 && known.length > 0; tries++) {
      const n = known.length;
      const index =
        Math.random() < 0.5
          ? n - 1 - Math.floor(Math.random() * Math.min(20, n))
          : Math.floor(Math.random() * n);
      const q = known[index];
      if (q && q.author !== voter && !votedBy[voter]?.has(q.id)) return q.id;
    }
    return undefined;
  };

  const vote = async (j: number) => {
    const voter = j % TRAINEES;
    const id = pick(voter);
    if (!id) {
      out.skippedVotes++;
      return;
    }
    votedBy[voter]?.add(id);
    const sent = performance.now();
    try {
      // No body (and so no content-type), as the phone board sends it.
      const voterClient = s.trainees[voter] as Client;
      const res = await fetch(`${base}/${id}/votes`, {
        method: 'POST',
        headers: { cookie: voterClient.cookie, [CSRF_HEADER]: voterClient.csrf },
      });
      const body = await res.text();
      out.votes.latencies.push(performance.now() - sent);
      out.timeline.push([(sent - t0) / 1000, performance.now() - sent]);
      count(out.votes, String(res.status));
      if (res.status === 201)
        out.voted.push({ id, sent, votes: (JSON.parse(body) as { votes: number }).votes });
    } catch (error) {
      count(out.votes, failure(error));
    }
  };

  // Votes start after the first second, when a few questions exist to vote on.
  const shots = [
    ...Array.from({ length: QUESTIONS }, (_, i) => ({
      at: Math.random() * SECONDS * 1000,
      fire: () => postQuestion(i),
    })),
    ...Array.from({ length: VOTES }, (_, j) => ({
      at: 1000 + Math.random() * (SECONDS - 1) * 1000,
      fire: () => vote(j),
    })),
  ].sort((a, b) => a.at - b.at);
  const inflight: Promise<void>[] = [];
  t0 = performance.now();
  for (const shot of shots) {
    const wait = t0 + shot.at - performance.now();
    if (wait > 1) await sleep(wait);
    inflight.push(shot.fire());
  }
  await Promise.all(inflight);
  out.ms = performance.now() - t0;
  return out;
}

/** GET `url` at `rate` requests a second for `seconds` (open loop, like the storm). */
async function openLoopGet(url: string, headers: Record<string, string>, rate: number, seconds: number) {
  const out = requests();
  const n = Math.round(rate * seconds);
  const times = Array.from({ length: n }, () => Math.random() * seconds * 1000).sort((a, b) => a - b);
  const inflight: Promise<void>[] = [];
  const t0 = performance.now();
  for (const at of times) {
    const wait = t0 + at - performance.now();
    if (wait > 1) await sleep(wait);
    inflight.push(
      (async () => {
        const sent = performance.now();
        try {
          const res = await fetch(url, { headers });
          await res.arrayBuffer();
          out.latencies.push(performance.now() - sent);
          count(out, String(res.status));
        } catch (error) {
          count(out, failure(error));
        }
      })(),
    );
  }
  await Promise.all(inflight);
  return out;
}

/** /api/health ten times a second until stopped: how the server answers a trivial request meanwhile. */
function probe(url: string) {
  const out = requests();
  let running = true;
  const loop = (async () => {
    const pending: Promise<void>[] = [];
    while (running) {
      pending.push(
        (async () => {
          const sent = performance.now();
          try {
            const res = await fetch(url);
            await res.arrayBuffer();
            out.latencies.push(performance.now() - sent);
            count(out, String(res.status));
          } catch (error) {
            count(out, failure(error));
          }
        })(),
      );
      await sleep(100);
    }
    await Promise.all(pending);
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return out;
    },
  };
}

/**
 * PostgreSQL only: the CPU of the backends serving the scratch database (from /proc) and the
 * transactions they committed or rolled back (a statement outside a transaction is one: a measure
 * of round trips) between `start` and `stop`. The pool closes idle connections and opens new ones,
 * so backends are polled every 250 ms; one that started meanwhile counts from zero. Cost per request
 * holds up on a shared machine where latencies do not.
 */
async function databaseMeter(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const backends = async () =>
    (
      await client.query<{ pid: number }>(
        'select pid from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      )
    ).rows.map((r) => r.pid);
  const transactions = async () =>
    Number(
      (
        await client.query<{ n: string }>(
          'select (xact_commit + xact_rollback)::text as n from pg_stat_database where datname = current_database()',
        )
      ).rows[0]?.n ?? 0,
    );
  const cpuOf = (pid: number) => {
    try {
      return cpuMs(pid);
    } catch {
      return null; // ended meanwhile
    }
  };
  return {
    async start() {
      const first = new Map<number, number>();
      const last = new Map<number, number>();
      for (const pid of await backends()) {
        const c = cpuOf(pid);
        if (c !== null) first.set(pid, c);
      }
      const tx0 = await transactions();
      let polling = true;
      const poll = (async () => {
        while (polling) {
          for (const pid of await backends()) {
            const c = cpuOf(pid);
            if (c !== null) last.set(pid, c);
          }
          await sleep(250);
        }
      })();
      return async () => {
        polling = false;
        await poll;
        // The statistics reach pg_stat_database within a second.
        await sleep(1_500);
        let cpu = 0;
        for (const [pid, c] of last) cpu += c - (first.get(pid) ?? 0);
        return { cpu, transactions: (await transactions()) - tx0 };
      };
    },
    close: () => client.end(),
  };
}
type Meter = Awaited<ReturnType<typeof databaseMeter>>;

/** The server's CPU so far, with its worker processes' (WORKERS=2 forks them; the bench passes the env on). */
function serverCpu(pid: number): number {
  let children: number[] = [];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    // No /proc: the process alone.
  }
  return cpuMs(pid) + children.reduce((sum, child) => sum + serverCpu(child), 0);
}

// ---------------------------------------------------------------------------------------------
// One phase
// ---------------------------------------------------------------------------------------------

interface Dist {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}
const dist = (values: number[]): Dist => ({
  n: values.length,
  p50: round(percentile(values, 50)),
  p95: round(percentile(values, 95)),
  p99: round(percentile(values, 99)),
  max: round(values.length ? Math.max(...values) : Number.NaN),
});
const round = (n: number) => Number(n.toFixed(1));
const showDist = (d: Dist) =>
  `p50 ${fmt(d.p50, 1)}  p95 ${fmt(d.p95, 1)}  p99 ${fmt(d.p99, 1)}  max ${fmt(d.max, 1)} ms  (n ${d.n})`;

/** Latencies from sending each question to its arrival on each stream; questions never seen counted apart. */
function arrival(storm: Storm, watches: Watch[]): { d: Dist; missed: number } {
  const values: number[] = [];
  let missed = 0;
  for (const w of watches) {
    for (const [id, sent] of storm.posted) {
      const at = w.seen.get(id);
      if (at === undefined) missed++;
      else values.push(at - sent);
    }
  }
  return { d: dist(values), missed };
}

/**
 * From the POST's answer to the first presenter stream receiving the question: the live path alone
 * (NOTIFY, the 100 ms coalescing, the flush and the fan-out), without the request's own queueing.
 */
function afterAnswer(storm: Storm, watch: Watch): Dist {
  const values: number[] = [];
  for (const [id, answered] of storm.answered) {
    const at = watch.seen.get(id);
    if (at !== undefined) values.push(at - answered);
  }
  return dist(values);
}

/** From sending a vote to the presenter stream showing the count the vote's answer carried. */
function voteArrival(storm: Storm, watch: Watch): { d: Dist; missed: number } {
  const values: number[] = [];
  let missed = 0;
  for (const v of storm.voted) {
    const hit = watch.votes?.get(v.id)?.find((x) => x.votes >= v.votes);
    if (hit) values.push(hit.at - v.sent);
    else missed++;
  }
  return { d: dist(values), missed };
}

async function runPhase(baseUrl: string, pid: number, s: Seeded, phase: PhaseName, meter: Meter | null) {
  const item = s.items[phase];
  const streamUrl = `${baseUrl}/api/v1/classes/${s.classId}/sessions/${item}/questions/stream`;
  const presenters = s.presenters.map((c, i) => openStream(streamUrl, c, 'parse', i === 0));
  const phones =
    phase === 'phones'
      ? s.trainees.map((c, i) => openStream(streamUrl, c, i < SAMPLED_PHONES ? 'parse' : 'drain'))
      : [];
  const all = [...presenters, ...phones];
  const tOpen = performance.now();
  await Promise.all(all.map((w) => w.opened));
  const openMs = performance.now() - tOpen;

  const load0 = load1();
  const cpu0 = serverCpu(pid);
  const dbStop = await meter?.start();
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const health = probe(`${baseUrl}/api/health`);
  const result = await storm(baseUrl, s, item);
  const during = await health.stop();
  lag.disable();
  const cpu = serverCpu(pid) - cpu0;
  const stormLoad = load1();
  const db = await dbStop?.();

  // The last questions still travelling: wait until every stream read for latency has them all.
  const measured = [...presenters, ...phones.slice(0, SAMPLED_PHONES)];
  const drainUntil = performance.now() + DRAIN_MS;
  const first = presenters[0] as Watch;
  while (
    performance.now() < drainUntil &&
    (measured.some((w) => [...result.posted.keys()].some((id) => !w.seen.has(id))) ||
      result.voted.some((v) => !first.votes?.get(v.id)?.some((x) => x.votes >= v.votes)))
  )
    await sleep(100);
  if (process.env.BENCH_TIMELINE === '1') {
    const buckets = new Map<number, number[]>();
    for (const [at, ms] of result.timeline) {
      const b = Math.floor(at / 5) * 5;
      buckets.set(b, [...(buckets.get(b) ?? []), ms]);
    }
    for (const [b, list] of [...buckets].sort((x, y) => x[0] - y[0]))
      console.log(
        `    t=${b}s sent ${list.length}: p50 ${fmt(percentile(list, 50))} max ${fmt(Math.max(...list))} ms`,
      );
  }
  const memory = memoryMb(pid);
  const broken = all.filter((w) => w.broken).map((w) => w.broken as string);
  for (const w of all) w.close();

  const onPresenter = arrival(result, presenters);
  const onPhone = phones.length ? arrival(result, phones.slice(0, SAMPLED_PHONES)) : null;
  const votesShown = voteArrival(result, presenters[0] as Watch);
  const livePath = afterAnswer(result, presenters[0] as Watch);
  const sent = result.questions.latencies.length + result.votes.latencies.length;
  return {
    phase,
    streams: all.length,
    openMs: Math.round(openMs),
    seconds: round(result.ms / 1000),
    rps: round(sent / (result.ms / 1000)),
    question: {
      ...dist(result.questions.latencies),
      statuses: Object.fromEntries(result.questions.statuses),
    },
    vote: { ...dist(result.votes.latencies), statuses: Object.fromEntries(result.votes.statuses) },
    skippedVotes: result.skippedVotes,
    presenter: { ...onPresenter.d, missed: onPresenter.missed },
    phone: onPhone ? { ...onPhone.d, missed: onPhone.missed } : null,
    voteShown: { ...votesShown.d, missed: votesShown.missed },
    afterAnswer: livePath,
    healthDuring: { ...dist(during.latencies), statuses: Object.fromEntries(during.statuses) },
    bytesPerPhone: phones.length ? Math.round(phones.reduce((n, w) => n + w.bytes, 0) / phones.length) : null,
    serverCpuShare: round(cpu / result.ms),
    serverCpuPerRequest: round(cpu / Math.max(1, sent)),
    databaseCpuPerRequest: db ? round(db.cpu / Math.max(1, sent)) : null,
    transactionsPerRequest: db ? round(db.transactions / Math.max(1, sent)) : null,
    clientLoopDelayP99: round(lag.percentile(99) / 1e6),
    rssMb: Math.round(memory.rss),
    peakRssMb: Math.round(memory.peak),
    load: [round(load0), round(stormLoad)],
    broken,
    posted: result.posted.size,
    votesCounted: result.voted.length,
  };
}
type PhaseResult = Awaited<ReturnType<typeof runPhase>>;

function printPhase(r: PhaseResult) {
  const label =
    r.phase === 'presenters'
      ? `${PRESENTERS} presenter streams`
      : `${PRESENTERS} presenter + ${TRAINEES} phone streams`;
  console.log(
    `  ${label} (opened in ${r.openMs} ms; load average ${r.load[0]} → ${r.load[1]}; server CPU ${fmt(r.serverCpuShare * 100)} % of one core)`,
  );
  console.log(
    `    sent ${fmt(r.rps, 1)} requests/s over ${r.seconds} s (${r.skippedVotes} votes skipped: no question to vote on)`,
  );
  console.log(
    `    cost per request: server CPU ${fmt(r.serverCpuPerRequest, 2)} ms${r.databaseCpuPerRequest !== null ? `, database CPU ${fmt(r.databaseCpuPerRequest, 2)} ms, ${fmt(r.transactionsPerRequest ?? 0, 1)} transactions` : ''}`,
  );
  console.log(
    `    POST question            ${showDist(r.question)}   ${JSON.stringify(r.question.statuses)}`,
  );
  console.log(`    POST vote                ${showDist(r.vote)}   ${JSON.stringify(r.vote.statuses)}`);
  console.log(`    question on presenter    ${showDist(r.presenter)}   missed ${r.presenter.missed}`);
  if (r.phone)
    console.log(
      `    question on phone (${SAMPLED_PHONES})    ${showDist(r.phone)}   missed ${r.phone.missed}`,
    );
  console.log(`    presenter after answer   ${showDist(r.afterAnswer)}   (can be negative)`);
  console.log(`    vote count on presenter  ${showDist(r.voteShown)}   missed ${r.voteShown.missed}`);
  console.log(`    GET /api/health meanwhile ${showDist(r.healthDuring)}`);
  console.log(
    `    server RSS ${r.rssMb} MB (peak ${r.peakRssMb} MB)${r.bytesPerPhone !== null ? `; ${fmt(r.bytesPerPhone / 1024)} KB received per phone` : ''}; client event-loop delay p99 ${r.clientLoopDelayP99} ms`,
  );
  console.log(
    `    target p99 < ${TARGET_P99_MS} ms to the presenter: ${r.presenter.p99 < TARGET_P99_MS && r.presenter.missed === 0 ? 'met' : 'NOT met'}${r.broken.length ? `; ${r.broken.length} streams broke: ${r.broken[0]}` : ''}`,
  );
}

/** Each board's rows against what the API answered: one row per 201, vote counts = vote rows = 201 votes. */
async function check(database: Database, s: Seeded, results: PhaseResult[]): Promise<string[]> {
  const broken: string[] = [];
  for (const r of results) {
    const { rows } = (await database.db.execute(sql`
      select count(*)::int as questions, coalesce(sum(votes), 0)::int as votes,
        (select count(*)::int from question_votes v join session_questions q on q.id = v.question_id
          where q.session_id = ${s.items[r.phase]}::uuid) as vote_rows
      from session_questions where session_id = ${s.items[r.phase]}::uuid`)) as unknown as {
      rows: { questions: number; votes: number; vote_rows: number }[];
    };
    const row = rows[0] ?? { questions: -1, votes: -1, vote_rows: -1 };
    if (row.questions !== r.posted)
      broken.push(`${r.phase}: ${row.questions} questions stored, ${r.posted} answered 201`);
    if (row.votes !== row.vote_rows || row.votes !== r.votesCounted)
      broken.push(
        `${r.phase}: votes column ${row.votes}, vote rows ${row.vote_rows}, ${r.votesCounted} answered 201`,
      );
  }
  return broken;
}

buildServer();
console.log(
  `\nQuestion board benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${TRAINEES} trainees, ${QUESTIONS} questions + ${VOTES} votes in ${SECONDS} s (${fmt(RATE, 1)} requests/s, open loop); phases: ${PHASES.join(', ')}\n`,
);

const results: Record<string, unknown>[] = [];
let failures = 0;
for (const target of targets) {
  const data = makeDataDir('questions');
  const scratch = target.databaseUrl ? await scratchDatabase(target.databaseUrl, 'questions') : undefined;
  try {
    const config = loadConfig({ DATA_DIR: data.dir });
    const database = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let seeded: Seeded;
    try {
      seeded = await seed(database, new FieldCipher(config.secretKey));
    } finally {
      await database.close();
    }
    const port = await freePort();
    const server = await startServer({ dataDir: data.dir, port, databaseUrl: scratch?.url }, 120_000);
    current = server.child;
    const phases: PhaseResult[] = [];
    const meter = scratch ? await databaseMeter(scratch.url) : null;
    let health: Requests;
    let me: Requests;
    try {
      // A first request of each kind warms the JIT and the caches before anything is measured.
      const who = seeded.trainees[0] as Client;
      const warm = await fetch(
        `${server.baseUrl}/api/v1/classes/${seeded.classId}/sessions/${seeded.items.presenters}/questions`,
        { headers: { cookie: who.cookie } },
      );
      if (warm.status !== 200) throw new Error(`board GET: HTTP ${warm.status} ${await warm.text()}`);
      await warm.arrayBuffer();
      health = await openLoopGet(`${server.baseUrl}/api/health`, {}, RATE, BASELINE_SECONDS);
      me = await openLoopGet(
        `${server.baseUrl}/api/v1/auth/me`,
        { cookie: who.cookie },
        RATE,
        BASELINE_SECONDS,
      );
      console.log(`${target.name}`);
      console.log(
        `  baseline at ${fmt(RATE, 1)} requests/s for ${BASELINE_SECONDS} s (load average ${fmt(load1(), 2)})`,
      );
      console.log(
        `    GET /api/health          ${showDist(dist(health.latencies))}   ${JSON.stringify(Object.fromEntries(health.statuses))}`,
      );
      console.log(
        `    GET /api/v1/auth/me      ${showDist(dist(me.latencies))}   ${JSON.stringify(Object.fromEntries(me.statuses))}`,
      );
      for (const phase of PHASES) {
        const r = await runPhase(server.baseUrl, server.pid, seeded, phase, meter);
        phases.push(r);
        printPhase(r);
      }
    } finally {
      await meter?.close();
      await server.stop();
      current = undefined;
    }
    const checkDb = await openDatabase({ databaseUrl: scratch?.url, dataDir: data.dir });
    let broken: string[];
    try {
      broken = await check(checkDb, seeded, phases);
    } finally {
      await checkDb.close();
    }
    const meP99 = percentile(me.latencies, 99);
    for (const r of phases) {
      console.log(
        `  ratio ${r.phase}: POST question p99 / auth/me p99 ${fmt(r.question.p99 / meP99, 1)}, presenter p99 / auth/me p99 ${fmt(r.presenter.p99 / meP99, 1)}`,
      );
      if (r.presenter.missed > 0 || r.broken.length > 0)
        broken.push(`${r.phase}: questions lost on the way to a stream`);
      const bad =
        Object.keys(r.question.statuses).some((k) => k !== '201') ||
        Object.keys(r.vote.statuses).some((k) => k !== '201');
      if (bad) broken.push(`${r.phase}: requests answered other than 201 (see above)`);
    }
    console.log(
      `  invariant violations: ${broken.length}${broken.length ? `\n    ${broken.join('\n    ')}` : ''}\n`,
    );
    if (broken.length) failures++;
    results.push({
      database: target.name,
      baseline: { rate: round(RATE), health: dist(health.latencies), me: dist(me.latencies) },
      phases: phases.map(({ broken: b, ...r }) => ({ ...r, brokenStreams: b.length })),
      violations: broken.length,
    });
  } finally {
    await scratch?.drop();
    data.remove();
  }
}
console.log(`RESULT ${JSON.stringify({ bench: 'questions', machine: machine(), results })}`);
if (failures > 0) {
  console.error('invariant violations: see above');
  process.exit(1);
}
