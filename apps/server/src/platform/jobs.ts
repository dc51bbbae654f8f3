import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { jobs, storedFiles } from '../db/schema/index.js';
import { AppError } from './errors.js';
import { FileStore } from './files.js';

export type JobRow = typeof jobs.$inferSelect;

/** What a handler may leave behind: a file for the job's owner (an export). */
export interface JobResult {
  file?: { name: string; mime: string; content: Buffer };
}

export interface JobTools {
  /** Records progress (0–100); also tells other workers this job is still alive. */
  progress(n: number): Promise<void>;
}

// biome-ignore lint/suspicious/noConfusingVoidType: a handler without a file returns nothing (Promise<void>).
export type JobHandler = (job: JobRow, tools: JobTools) => Promise<JobResult | undefined | void>;

export interface JobKindOptions {
  /** Finished jobs of this kind (and their files) are removed this many days after they were created. */
  keepDays?: number;
  /** Back-off of this kind before attempt n+1 after n failed attempts (ms); default the queue's. */
  backoffMs?: (attempts: number) => number;
}

export interface JobLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface EnqueueInput {
  kind: string;
  payload: Record<string, unknown>;
  /** The user the job runs for; null for system jobs. */
  createdBy: string | null;
  maxAttempts?: number;
  runAfter?: Date;
}

export interface JobQueueOptions {
  db: Db;
  /** How often an idle worker looks for due jobs (ms). */
  pollMs?: number;
  /** A running job whose lock is older than this was left by a process that died (ms). */
  staleMs?: number;
  /** Back-off before attempt n+1 after n failed attempts (ms). Default 2^n seconds. */
  backoffMs?: (attempts: number) => number;
  /** How often the worker removes old finished jobs (ms). */
  cleanupEveryMs?: number;
}

/** A failure that retrying cannot fix (the job's owner was disabled, its parameters are wrong). */
export class JobFailure extends Error {
  override name = 'JobFailure';
}

const silent: JobLogger = { info() {}, warn() {}, error() {} };

/**
 * A job queue over the `jobs` table, shared by every server process: a worker claims the oldest due
 * job with `FOR UPDATE SKIP LOCKED` (no two workers take the same one), runs its kind's handler
 * outside any transaction, and either stores its file and marks it done or re-queues it after a
 * back-off until `max_attempts`. A worker's claim is fenced by the attempt number: a job taken back
 * from a worker that seemed dead cannot be finished by it later.
 */
export class JobQueue {
  private readonly db: Db;
  private readonly files: FileStore;
  private readonly handlers = new Map<string, { handler: JobHandler; options: JobKindOptions }>();
  private readonly pollMs: number;
  private readonly staleMs: number;
  private readonly backoffMs: (attempts: number) => number;
  private readonly cleanupEveryMs: number;
  private log: JobLogger = silent;
  private running = false;
  private loop: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private kicked = false;
  private lastCleanup = 0;

  constructor(options: JobQueueOptions) {
    this.db = options.db;
    this.files = new FileStore(options.db);
    this.pollMs = options.pollMs ?? 1500;
    this.staleMs = options.staleMs ?? 10 * 60_000;
    this.backoffMs = options.backoffMs ?? ((n) => 2 ** n * 1000);
    this.cleanupEveryMs = options.cleanupEveryMs ?? 60 * 60_000;
  }

  /** Registers the handler of a kind; only registered kinds are claimed by this process. */
  register(kind: string, handler: JobHandler, options: JobKindOptions = {}): void {
    this.handlers.set(kind, { handler, options });
  }

  /**
   * Queues a job. Pass the caller's transaction to queue it with the change that asks for it; the
   * worker is woken at once (and once more shortly, for a transaction that commits after this).
   */
  async enqueue(exec: Executor, input: EnqueueInput): Promise<JobRow> {
    const [row] = await exec
      .insert(jobs)
      .values({
        kind: input.kind,
        payload: input.payload,
        createdBy: input.createdBy,
        maxAttempts: input.maxAttempts ?? 3,
        ...(input.runAfter ? { runAfter: input.runAfter } : {}),
      })
      .returning();
    if (!row) throw new Error('job not queued');
    this.kick();
    return row;
  }

  /** Wakes an idle worker now (no wait for the poll interval). */
  kick(): void {
    if (!this.running) return;
    this.kicked = true;
    this.wake?.();
    // A job queued inside a transaction is visible only after its commit.
    setTimeout(() => this.wake?.(), 100).unref?.();
  }

  /** Starts the worker loop of this process. */
  start(log?: JobLogger): void {
    if (log) this.log = log;
    if (this.running) return;
    this.running = true;
    this.loop = this.work();
  }

  /** Stops the loop; waits (up to `waitMs`) for a job in hand to finish. */
  async stop(waitMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.running = false;
    this.wake?.();
    const loop = this.loop;
    this.loop = null;
    if (loop) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise<void>((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    }
  }

  private async work(): Promise<void> {
    while (this.running) {
      let ran = false;
      try {
        if (Date.now() - this.lastCleanup >= this.cleanupEveryMs) {
          this.lastCleanup = Date.now();
          await this.cleanup();
        }
        ran = await this.runOnce();
      } catch (error) {
        this.log.error({ err: error }, 'job worker pass failed');
      }
      if (ran || !this.running) continue;
      if (this.kicked) {
        this.kicked = false;
        continue;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.pollMs);
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wake = done;
      });
      this.wake = null;
    }
  }

  /**
   * One pass: takes back stale running jobs, then claims and runs one due job. Resolves true when
   * a job ran (whatever its outcome), false when none was due. Never throws for a handler's error.
   */
  async runOnce(): Promise<boolean> {
    const kinds = [...this.handlers.keys()];
    if (kinds.length === 0) return false;
    await this.takeBackStale(kinds);
    const job = await this.claim(kinds);
    if (!job) return false;
    await this.execute(job);
    return true;
  }

  /** Running jobs whose worker stopped answering go back to the queue (or fail when out of attempts). */
  async takeBackStale(kinds: string[] = [...this.handlers.keys()]): Promise<number> {
    if (kinds.length === 0) return 0;
    const cutoff = new Date(Date.now() - this.staleMs);
    const rows = await this.db
      .update(jobs)
      .set({
        status: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then 'failed' else 'queued' end`,
        finishedAt: sql`case when ${jobs.attempts} >= ${jobs.maxAttempts} then now() else null end`,
        lockedAt: null,
        runAfter: sql`now()`,
        lastError: 'worker_lost',
      })
      .where(and(eq(jobs.status, 'running'), inArray(jobs.kind, kinds), lt(jobs.lockedAt, cutoff)))
      .returning({ id: jobs.id });
    for (const r of rows) this.log.warn({ jobId: r.id }, 'stale job taken back');
    return rows.length;
  }

  private async claim(kinds: string[]): Promise<JobRow | null> {
    const next = sql`(select ${jobs.id} from ${jobs}
      where ${jobs.status} = 'queued' and ${jobs.runAfter} <= now() and ${inArray(jobs.kind, kinds)}
      order by ${jobs.runAfter}, ${jobs.createdAt}
      for update skip locked limit 1)`;
    const [row] = await this.db
      .update(jobs)
      .set({ status: 'running', lockedAt: sql`now()`, attempts: sql`${jobs.attempts} + 1` })
      .where(and(eq(jobs.id, next), eq(jobs.status, 'queued')))
      .returning();
    return row ?? null;
  }

  /** This worker's claim on a job: its id, running, at the attempt it claimed. */
  private mine(job: JobRow) {
    return and(eq(jobs.id, job.id), eq(jobs.status, 'running'), eq(jobs.attempts, job.attempts));
  }

  private async execute(job: JobRow): Promise<void> {
    const entry = this.handlers.get(job.kind);
    if (!entry) return;
    let last = -1;
    const tools: JobTools = {
      progress: async (n) => {
        const value = Math.max(0, Math.min(99, Math.round(n)));
        if (value === last) return;
        last = value;
        await this.db.update(jobs).set({ progress: value, lockedAt: sql`now()` }).where(this.mine(job));
      },
    };
    try {
      const result = await entry.handler(job, tools);
      await this.db.transaction(async (tx) => {
        const file = result?.file
          ? await this.files.put(tx, { ...result.file, uploadedBy: job.createdBy })
          : null;
        const done = await tx
          .update(jobs)
          .set({
            status: 'done',
            progress: 100,
            finishedAt: sql`now()`,
            lockedAt: null,
            lastError: null,
            resultFileId: file?.id ?? null,
          })
          .where(this.mine(job))
          .returning({ id: jobs.id });
        // Taken back meanwhile (this worker looked dead): the other attempt owns the job now.
        if (done.length === 0) throw new LostClaim();
      });
    } catch (error) {
      if (error instanceof LostClaim) {
        this.log.warn({ jobId: job.id }, 'job finished after it was taken back; result dropped');
        return;
      }
      await this.fail(job, error).catch((e) =>
        this.log.error({ err: e, jobId: job.id }, 'job failure not recorded'),
      );
    }
  }

  private backoffOf(kind: string): (attempts: number) => number {
    return this.handlers.get(kind)?.options.backoffMs ?? this.backoffMs;
  }

  private async fail(job: JobRow, error: unknown): Promise<void> {
    const permanent = error instanceof JobFailure || (error instanceof AppError && error.status < 500);
    const last = permanent || job.attempts >= job.maxAttempts;
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
    this.log[last ? 'error' : 'warn'](
      { err: error, jobId: job.id, kind: job.kind, attempt: job.attempts },
      last ? 'job failed' : 'job attempt failed; will retry',
    );
    await this.db
      .update(jobs)
      .set(
        last
          ? { status: 'failed', finishedAt: sql`now()`, lockedAt: null, lastError: message }
          : {
              status: 'queued',
              lockedAt: null,
              lastError: message,
              runAfter: new Date(Date.now() + this.backoffOf(job.kind)(job.attempts)),
            },
      )
      .where(this.mine(job));
  }

  /** Removes finished jobs (and their files) older than their kind's `keepDays`. */
  async cleanup(now = new Date()): Promise<number> {
    let removed = 0;
    for (const [kind, { options }] of this.handlers) {
      if (options.keepDays === undefined) continue;
      const cutoff = new Date(now.getTime() - options.keepDays * 86_400_000);
      removed += await this.db.transaction(async (tx) => {
        const gone = await tx
          .delete(jobs)
          .where(
            and(
              eq(jobs.kind, kind),
              inArray(jobs.status, ['done', 'failed', 'queued']),
              lt(jobs.createdAt, cutoff),
            ),
          )
          .returning({ fileId: jobs.resultFileId });
        const fileIds = gone.map((g) => g.fileId).filter((id): id is string => !!id);
        if (fileIds.length > 0) await tx.delete(storedFiles).where(inArray(storedFiles.id, fileIds));
        return gone.length;
      });
    }
    return removed;
  }

  /** Removes one job and its file (the owner deleting an export). */
  async remove(exec: Executor, id: string): Promise<void> {
    const [gone] = await exec.delete(jobs).where(eq(jobs.id, id)).returning({ fileId: jobs.resultFileId });
    if (gone?.fileId) await exec.delete(storedFiles).where(eq(storedFiles.id, gone.fileId));
  }

  /** A job's file with its bytes. */
  async fileOf(job: Pick<JobRow, 'resultFileId'>) {
    return job.resultFileId ? this.files.get(job.resultFileId) : null;
  }
}

class LostClaim extends Error {}
