// HTTP benchmark (autocannon, loopback only): GET /api/health, the baseline (no session, one
// database ping), and GET /api/v1/auth/me with a session cookie (session look-up and user load).
// Prints requests/s and p99 latency of each and the ratio me/health, both measured in this run.
//
//   npx tsx bench/http.ts                                       embedded database (PGlite)
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/http.ts       also on that PostgreSQL database
//                                                               (use a throwaway one: it adds a user)
// Settings: BENCH_CONNECTIONS (10), BENCH_DURATION (10 s per endpoint), BENCH_SKIP_BUILD=1,
// BENCH_LOG_LEVEL (the server's LOG_LEVEL, default info as in production; output is discarded).

import type { ChildProcess } from 'node:child_process';
import type { Result } from 'autocannon';
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

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
// The password policy forbids a password that contains the username, so not 'Bench#2026pw'.
const USER = { username: 'bench', password: 'Load#Test2026pw' };

const targets: { name: string; databaseUrl?: string | undefined }[] = [{ name: 'embedded (PGlite)' }];
if (process.env.BENCH_DATABASE_URL)
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL });

let current: ChildProcess | undefined;
watchdog((60 + targets.length * (2 * DURATION + 90)) * 1000, () => current?.kill('SIGKILL'));

const load = (url: string, headers: Record<string, string> = {}): Promise<Result> =>
  loadTest(url, headers, { connections: CONNECTIONS, duration: DURATION });

function line(label: string, r: Result): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  return (
    `  ${label.padEnd(22)} ${fmt(r.requests.average).padStart(7)} req/s   p50 ${fmt(r.latency.p50, 1)} ms   ` +
    `p99 ${fmt(r.latency.p99, 1)} ms   (${r.requests.total} requests${bad ? `, ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts` : ''})`
  );
}

buildServer();
console.log(
  `\nHTTP benchmark — ${machine()}, load average ${fmt(load1(), 2)}; autocannon ${CONNECTIONS} connections, ${DURATION} s per endpoint, 127.0.0.1\n`,
);

const results: Record<string, unknown>[] = [];
let failures = 0;
for (const target of targets) {
  const data = makeDataDir('http');
  try {
    const port = await freePort();
    const options = { dataDir: data.dir, port, databaseUrl: target.databaseUrl };
    const created = createUser(serverEnv(options), USER, 'auditor');
    const server = await startServer(options);
    current = server.child;
    try {
      const session = await signIn(server.baseUrl, USER, `\ncreate-user said: ${created.output}`);
      const me = await fetch(`${server.baseUrl}/api/v1/auth/me`, { headers: { cookie: session } });
      if (me.status !== 200)
        throw new Error(`GET /api/v1/auth/me with the session: HTTP ${me.status} ${await me.text()}`);

      const health = await load(`${server.baseUrl}/api/health`);
      const meResult = await load(`${server.baseUrl}/api/v1/auth/me`, { cookie: session });
      const ratio = meResult.requests.average / health.requests.average;
      console.log(`${target.name} (load average now ${fmt(load1(), 2)})`);
      console.log(line('GET /api/health', health));
      console.log(line('GET /api/v1/auth/me', meResult));
      console.log(
        `  ratio me/health: ${fmt(ratio, 2)} (throughput of an authenticated read against the baseline)\n`,
      );
      for (const r of [health, meResult]) if (r.non2xx + r.errors + r.timeouts > 0) failures++;
      results.push({
        database: target.name,
        health: {
          rps: Math.round(health.requests.average),
          p50: health.latency.p50,
          p99: health.latency.p99,
          non2xx: health.non2xx,
          errors: health.errors,
        },
        me: {
          rps: Math.round(meResult.requests.average),
          p50: meResult.latency.p50,
          p99: meResult.latency.p99,
          non2xx: meResult.non2xx,
          errors: meResult.errors,
        },
        ratio: Number(ratio.toFixed(2)),
      });
    } finally {
      await server.stop();
      current = undefined;
    }
  } finally {
    data.remove();
  }
}
console.log(
  `RESULT ${JSON.stringify({ bench: 'http', machine: machine(), connections: CONNECTIONS, duration: DURATION, results })}`,
);
if (failures > 0) {
  console.error('some requests failed (non-2xx, errors or timeouts): the figures above are not valid');
  process.exit(1);
}
