import cluster, { type Worker } from 'node:cluster';
import { ensureInitialAdmin, prepareDatabase } from './bootstrap.js';
import type { Config } from './config.js';

/**
 * WORKERS > 1 (PostgreSQL only): the primary process prepares the database once (migrations, code
 * lists, the first admin), then forks that many server processes sharing the port. Nothing the
 * requests need lives in one process alone: sessions, lockouts and rate limits are rows, live
 * updates go through LISTEN/NOTIFY, and the in-process caches hold for seconds. Only the first
 * worker runs the background jobs (JOB_WORKER). A worker that dies is replaced.
 */
export async function startCluster(config: Config): Promise<void> {
  const { database, services } = await prepareDatabase(config);
  await ensureInitialAdmin(config, services, (line) => console.log(line));
  await database.close();

  let stopping = false;
  const fork = (index: number): Worker => {
    const worker = cluster.fork({
      WORKERS: '1',
      GANXUN_WORKER_INDEX: String(index),
      JOB_WORKER: index === 0 && config.jobWorker ? 'on' : 'off',
    });
    worker.on('exit', (code, signal) => {
      if (stopping) return;
      console.error(`worker ${index} exited (${signal ?? code}); starting another`);
      setTimeout(() => fork(index), 1000);
    });
    return worker;
  };
  for (let i = 0; i < config.workers; i++) fork(i);

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      let left = workers.length;
      if (left === 0) process.exit(0);
      for (const w of workers) {
        w.once('exit', () => {
          left -= 1;
          if (left === 0) process.exit(0);
        });
        w.process.kill(signal);
      }
    });
  }
}
