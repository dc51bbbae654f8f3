import type { JobLogger } from './jobs.js';

/**
 * Runs a housekeeping pass every `everyMs` (and once five seconds after start) until stopped; a
 * pass never overlaps the previous one. `run` returns how many things it did, logged when any.
 * The timers do not keep the process alive.
 */
export function startSweep(
  label: string,
  run: () => Promise<number>,
  everyMs: number,
  log?: JobLogger,
): () => void {
  let stopped = false;
  let busy = false;
  const tick = async () => {
    if (stopped || busy) return;
    busy = true;
    try {
      const done = await run();
      if (done > 0) log?.info({ done }, label);
    } catch (error) {
      log?.error({ err: error }, `${label}: failed`);
    } finally {
      busy = false;
    }
  };
  const first = setTimeout(() => void tick(), 5_000);
  const timer = setInterval(() => void tick(), everyMs);
  first.unref?.();
  timer.unref?.();
  return () => {
    stopped = true;
    clearTimeout(first);
    clearInterval(timer);
  };
}
