// Shared helpers of the benchmarks: build the server once, start `node apps/server/dist/cli.js start`
// as a child process, wait until GET /api/health answers 200, read its memory from /proc, stop it.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon, { type Result } from 'autocannon';
import pg from 'pg';

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
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
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
