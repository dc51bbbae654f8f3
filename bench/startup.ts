// Start-up benchmark: how long `node apps/server/dist/cli.js start` takes until GET /api/health is
// 200 on an existing database, and the server's idle resident memory (VmRSS) afterwards.
//
//   npx tsx bench/startup.ts                      embedded database (PGlite) only
//   BENCH_DATABASE_URL=postgres://… npx tsx bench/startup.ts   also on that PostgreSQL database
//
// Settings: BENCH_RUNS (5), BENCH_IDLE_MS (3000: wait after healthy before reading memory),
// BENCH_SKIP_BUILD=1 (reuse apps/server/dist), BENCH_STRICT=1 (exit 1 when a target is missed).
// Targets: start < 3 s (median); idle RSS < 500 MB embedded, < 200 MB with PostgreSQL.
import type { ChildProcess } from 'node:child_process';
import {
  buildServer,
  fmt,
  freePort,
  load1,
  machine,
  makeDataDir,
  median,
  memoryMb,
  sleep,
  startServer,
  watchdog,
} from './lib.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const IDLE_MS = Number(process.env.BENCH_IDLE_MS ?? 3000);
const START_TARGET_MS = 3000;

interface Target {
  name: string;
  databaseUrl?: string | undefined;
  rssTargetMb: number;
}

const targets: Target[] = [{ name: 'embedded (PGlite)', rssTargetMb: 500 }];
if (process.env.BENCH_DATABASE_URL) {
  targets.push({ name: 'PostgreSQL', databaseUrl: process.env.BENCH_DATABASE_URL, rssTargetMb: 200 });
}

let current: ChildProcess | undefined;
watchdog(10 * 60_000, () => current?.kill('SIGKILL'));

buildServer();
console.log(
  `\nstart-up benchmark — ${machine()}, load average ${fmt(load1(), 2)}; ${RUNS} starts per database, memory read ${IDLE_MS} ms after healthy\n`,
);

let missed = 0;
const results: Record<string, unknown>[] = [];
for (const target of targets) {
  const data = makeDataDir('startup');
  try {
    const port = await freePort();
    const options = { dataDir: data.dir, port, databaseUrl: target.databaseUrl };
    // First start: creates (embedded) or migrates the database; not part of the figures.
    const first = await startServer(options);
    current = first.child;
    const firstMs = first.readyMs;
    await first.stop();

    const times: number[] = [];
    const cpuTimes: number[] = [];
    const rss: number[] = [];
    const peaks: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = await startServer(options);
      current = s.child;
      times.push(s.readyMs);
      cpuTimes.push(s.readyCpuMs);
      await sleep(IDLE_MS);
      const mem = memoryMb(s.pid);
      rss.push(mem.rss);
      peaks.push(mem.peak);
      await s.stop();
      console.log(
        `  ${target.name} start ${i + 1}: ${fmt(s.readyMs)} ms (CPU ${fmt(s.readyCpuMs)} ms), load ${fmt(load1(), 2)}, idle RSS ${fmt(mem.rss)} MB (peak ${fmt(mem.peak)} MB)`,
      );
    }
    const row = {
      database: target.name,
      firstStartMs: Math.round(firstMs),
      startMedianMs: Math.round(median(times)),
      startMaxMs: Math.round(Math.max(...times)),
      startCpuMedianMs: Math.round(median(cpuTimes)),
      loadAverage: Number(load1().toFixed(2)),
      idleRssMedianMb: Math.round(median(rss)),
      idleRssMaxMb: Math.round(Math.max(...rss)),
      peakRssMaxMb: Math.round(Math.max(...peaks)),
    };
    results.push(row);
    const startOk = row.startMedianMs < START_TARGET_MS;
    const rssOk = row.idleRssMaxMb < target.rssTargetMb;
    if (!startOk) missed++;
    if (!rssOk) missed++;
    console.log(
      `\n${target.name}: first start (creates/migrates the database) ${row.firstStartMs} ms\n` +
        `  start to healthy: median ${row.startMedianMs} ms, max ${row.startMaxMs} ms  ` +
        `(target < ${START_TARGET_MS} ms: ${startOk ? 'met' : 'MISSED'}); CPU time to healthy: median ${row.startCpuMedianMs} ms\n` +
        `  idle RSS: median ${row.idleRssMedianMb} MB, max ${row.idleRssMaxMb} MB, peak during start ${row.peakRssMaxMb} MB  ` +
        `(target < ${target.rssTargetMb} MB: ${rssOk ? 'met' : 'MISSED'})\n`,
    );
  } finally {
    current = undefined;
    data.remove();
  }
}
if (!process.env.BENCH_DATABASE_URL)
  console.log('(set BENCH_DATABASE_URL=postgres://… to measure with PostgreSQL too)');
console.log(`RESULT ${JSON.stringify({ bench: 'startup', machine: machine(), runs: RUNS, results })}`);
if (missed > 0 && process.env.BENCH_STRICT === '1') process.exit(1);
