// Shared helpers of the benchmarks: build the server once, start `node apps/server/dist/cli.js start`
// as a child process, wait until GET /api/health answers 200, read its memory from /proc, stop it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { idCheckChar } from '@ganxun/domain';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';
import type { Database } from '../apps/server/src/db/client.js';
import { runMigrations } from '../apps/server/src/db/migrate.js';
import { seedRegions } from '../apps/server/src/db/region-seed.js';
import { classes, enrollments, people, units, userRoles, users } from '../apps/server/src/db/schema/index.js';
import { DictionaryService } from '../apps/server/src/modules/dictionaries/service.js';
import { personColumns } from '../apps/server/src/modules/people/record.js';
import type { FieldCipher } from '../apps/server/src/platform/crypto.js';
import { createSession } from '../apps/server/src/platform/sessions.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const cli = path.join(repoRoot, 'apps/server/dist/cli.js');

/** Builds apps/server once (skipped with BENCH_SKIP_BUILD=1 when dist/ exists). */
export function buildServer(): void {
  if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(cli)) return;
  execFileSync('npm', ['run', 'build', '-w', 'apps/server', '-s'], { cwd: repoRoot, stdio: 'inherit' });
}

export function machine(): string {
  const cpu = cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'cpu'}, Node ${process.version}, ${process.platform}`;
}

/** The 1-minute load average: on a 2-core machine, anything above ~1 means the figures are shared. */
export function load1(): number {
  return loadavg()[0] ?? 0;
}

export function makeDataDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `ganxun-bench-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface ServerEnv {
  dataDir: string;
  port: number;
  databaseUrl?: string | undefined;
}

export function serverEnv({ dataDir, port, databaseUrl }: ServerEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'info',
    // The HTTP benchmark signs in once; a generous limit keeps repeated runs from tripping it.
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
  };
  delete env.DATABASE_URL;
  delete env.WORKERS;
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  // BENCH_WORKERS=N: N server processes on one port (PostgreSQL only; README: WORKERS).
  if (databaseUrl && process.env.BENCH_WORKERS) env.WORKERS = process.env.BENCH_WORKERS;
  return env;
}

/** Runs a CLI command of the built server (migrate, create-user, …) to completion. */
export function runCli(args: string[], env: NodeJS.ProcessEnv): { ok: boolean; output: string } {
  try {
    const out = execFileSync(process.execPath, [cli, ...args], { cwd: repoRoot, env, stdio: 'pipe' });
    return { ok: true, output: out.toString() };
  } catch (error) {
    const e = error as { stdout?: Buffer; stderr?: Buffer };
    return { ok: false, output: `${e.stdout?.toString() ?? ''}${e.stderr?.toString() ?? ''}` };
  }
}

/** Creates a user through the CLI, already past the first-login password change. */
export function createUser(
  env: NodeJS.ProcessEnv,
  user: { username: string; password: string },
  role: string,
  scope?: string,
): { ok: boolean; output: string } {
  const args = ['create-user', '--username', user.username, '--password', user.password, '--role', role];
  if (scope !== undefined) args.push('--scope', scope);
  return runCli([...args, '--no-password-change'], env);
}

export const SESSION_COOKIE = 'gx_session';

/** Signs in through the API and returns the session cookie (`gx_session=…`); `hint` is added to an error. */
export async function signIn(
  baseUrl: string,
  user: { username: string; password: string },
  hint = '',
): Promise<string> {
  const res = await fetch(`${baseUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (res.status !== 200 || !cookie)
    throw new Error(`login of ${user.username} failed: HTTP ${res.status} ${await res.text()}${hint}`);
  return cookie.split(';')[0] ?? '';
}

/** autocannon against one URL: a 2 s warm-up (JIT, connection pool, caches), then the measured run. */
export async function loadTest(
  url: string,
  headers: Record<string, string>,
  { connections, duration }: { connections: number; duration: number },
): Promise<Result> {
  await autocannon({ url, headers, connections, duration: 2, timeout: 10 });
  return autocannon({ url, headers, connections, duration, timeout: 10 });
}

export interface Started {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Milliseconds from spawn to the first 200 from GET /api/health. */
  readyMs: number;
  /** CPU time the server used until then (user + system), less sensitive to other load than readyMs. */
  readyCpuMs: number;
  stop: () => Promise<void>;
}

/** Spawns the built server and resolves once GET /api/health is 200 (polled every 10 ms). */
export async function startServer(options: ServerEnv, timeoutMs = 60_000): Promise<Started> {
  const baseUrl = `http://127.0.0.1:${options.port}`;
  let stderr = '';
  const t0 = performance.now();
  // BENCH_NODE_ARGS: extra flags for the server process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, cli, 'start'], {
    cwd: repoRoot,
    env: serverEnv(options),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = () => stopChild(child);
  const deadline = t0 + timeoutMs;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `server exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${stderr}`,
      );
    }
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      await res.arrayBuffer();
      if (res.status === 200) {
        const readyMs = performance.now() - t0;
        const pid = child.pid ?? 0;
        return { child, pid, baseUrl, readyMs, readyCpuMs: cpuMs(pid), stop };
      }
    } catch {
      // not listening yet
    }
    await sleep(10);
  }
  await stop();
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${stderr}`);
}

export async function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** VmRSS and VmHWM (peak) of a process, in MB, from /proc/<pid>/status. */
export function memoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

let clockTicks = 0;

/** CPU time (user + system) a process has used so far, in ms, from /proc/<pid>/stat. */
export function cpuMs(pid: number): number {
  clockTicks ||= Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ": state is field 3, so utime (14) and stime (15) are at 11 and 12 here.
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? Number.NaN) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

export const fmt = (n: number, digits = 0) => n.toFixed(digits);

/** Kills the whole benchmark if it overruns (a hung server must not hang CI or a shell). */
export function watchdog(ms: number, cleanup: () => void): void {
  setTimeout(() => {
    console.error(`benchmark exceeded ${ms / 1000} s; giving up`);
    cleanup();
    process.exit(2);
  }, ms).unref();
}

/**
 * A scratch database on the PostgreSQL server at `url` (needs CREATEDB), named after the benchmark;
 * `drop` removes it (forcing other connections off).
 */
export async function scratchDatabase(
  url: string,
  label: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  const name = `gx_bench_${label}_${randomBytes(4).toString('hex')}`;
  await admin.query(`create database ${name}`);
  const u = new URL(url);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}

/** The p-th percentile (nearest rank) of some latencies. */
export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

// --- a class to run a benchmark against (check-in, notices; questions may switch to it)

/** A signed-in browser: the session cookie and the CSRF token its writes send. */
export interface BenchClient {
  cookie: string;
  csrf: string;
}

export interface BenchClassOptions {
  trainees: number;
  /** The class's name and code (`YYYY-NNN`; the number part, e.g. `900`). */
  className: string;
  codeNumber: string;
  /** The trainees' unit (default 武汉市卫健委, 420100); ID numbers are issued in `idRegion`. */
  unit?: { name: string; regionCode: string };
  idRegion?: string;
}

export interface BenchClass {
  classId: string;
  schoolId: string;
  unitId: string;
  directorId: string;
  /** Account ids, in the order of `personIds` (trainee i is person i). */
  traineeIds: string[];
  personIds: string[];
  enrollmentIds: string[];
}

/** Rows per INSERT: keeps every statement well under PostgreSQL's 65,535 parameters. */
const SEED_CHUNK = 500;

function chunked<T>(xs: readonly T[], n = SEED_CHUNK): T[][] {
  return Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
}

/** `count` distinct, valid resident ID numbers (GB 11643) of people born 1960–1993 in `region`. */
function idNumbers(count: number, region: string): { idNumber: string; birthDate: string; male: boolean }[] {
  const seen = new Set<string>();
  const out: { idNumber: string; birthDate: string; male: boolean }[] = [];
  for (let i = 0; out.length < count; i++) {
    const birthDate = new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 12_000) * 86_400_000)
      .toISOString()
      .slice(0, 10);
    const male = i % 2 === 1;
    const seq = Math.floor(Math.random() * 500) * 2 + (male ? 1 : 0);
    const first17 = `${region}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const idNumber = `${first17}${idCheckChar(first17)}`;
    if (seen.has(idNumber)) continue;
    seen.add(idNumber);
    out.push({ idNumber, birthDate, male });
  }
  return out;
}

/**
 * A migrated database with the reference data and one class in progress today: a party school as
 * lead organiser, a class director (`bench-director`), and `trainees` trainees, each an account
 * (`bench-trainee-<i>`, role trainee), a person of the unit linked to it, and an enrolment.
 * Inserted directly (no API), in chunks, so 10,000 trainees take seconds.
 */
export async function seedBenchClass(
  database: Database,
  cipher: FieldCipher,
  options: BenchClassOptions,
): Promise<BenchClass> {
  const { db } = database;
  await runMigrations(database);
  await new DictionaryService(db).seedReferenceData();
  await seedRegions(db);
  const schoolId = crypto.randomUUID();
  const unitId = crypto.randomUUID();
  const unit = options.unit ?? { name: '武汉市卫健委', regionCode: '420100' };
  await db.insert(units).values([
    { id: schoolId, name: '湖北省委党校', type: 'party_school', regionCode: '420000', path: `/${schoolId}/` },
    {
      id: unitId,
      name: unit.name,
      type: 'party_government',
      regionCode: unit.regionCode,
      path: `/${unitId}/`,
    },
  ]);
  const account = (id: string, username: string, displayName: string) => ({
    id,
    username,
    displayName,
    passwordHash: 'bench-no-password',
    mustChangePassword: false,
  });
  const directorId = crypto.randomUUID();
  await db.insert(users).values(account(directorId, 'bench-director', '班主任'));
  await db.insert(userRoles).values({ userId: directorId, role: 'class_director', scopeId: null });
  const traineeIds = Array.from({ length: options.trainees }, () => crypto.randomUUID());
  for (const [c, part] of chunked(traineeIds).entries()) {
    const base = c * SEED_CHUNK;
    await db
      .insert(users)
      .values(part.map((id, i) => account(id, `bench-trainee-${base + i}`, `学员${base + i + 1}`)));
    await db
      .insert(userRoles)
      .values(part.map((userId) => ({ userId, role: 'trainee' as const, scopeId: null })));
  }

  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  const [klass] = await db
    .insert(classes)
    .values({
      code: `${today.slice(0, 4)}-${options.codeNumber}`,
      year: Number(today.slice(0, 4)),
      name: options.className,
      kind: 'special',
      leadOrganiserId: schoolId,
      startDate: today,
      endDate: today,
      capacity: options.trainees,
      status: 'in_progress',
      directorId,
    })
    .returning({ id: classes.id });
  if (!klass) throw new Error('class not inserted');

  const ids = idNumbers(options.trainees, options.idRegion ?? '420102');
  const personIds: string[] = [];
  const enrollmentIds: string[] = [];
  for (const [c, part] of chunked(ids).entries()) {
    const rows = part.map((p, i) => ({
      ...personColumns(cipher, {
        name: `学员${c * SEED_CHUNK + i + 1}`,
        gender: p.male ? 'male' : 'female',
        ethnicity: '01',
        birthDate: p.birthDate,
        idNumber: p.idNumber,
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
      userId: traineeIds[c * SEED_CHUNK + i] ?? null,
    }));
    const persons = await db.insert(people).values(rows).returning({ id: people.id });
    const enrolled = await db
      .insert(enrollments)
      .values(persons.map((p) => ({ classId: klass.id, personId: p.id })))
      .returning({ id: enrollments.id });
    personIds.push(...persons.map((p) => p.id));
    enrollmentIds.push(...enrolled.map((e) => e.id));
  }
  return { classId: klass.id, schoolId, unitId, directorId, traineeIds, personIds, enrollmentIds };
}

/** A live session of an account, as a signed-in browser holds it (no password round trip). */
export async function benchSession(database: Database, userId: string): Promise<BenchClient> {
  const { db } = database;
  const { token, session } = await createSession(db, {
    userId,
    ip: '127.0.0.1',
    userAgent: 'bench',
    absoluteHours: 12,
  });
  return { cookie: `${SESSION_COOKIE}=${token}`, csrf: session.csrfToken };
}
