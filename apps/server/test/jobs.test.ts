import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobs, storedFiles } from '../src/db/schema/index.js';
import { JobFailure, JobQueue } from '../src/platform/jobs.js';
import { makeUser } from './factories.js';
import { createTestContext, type TestContext } from './helpers.js';

let t: TestContext;
let owner: string;

beforeAll(async () => {
  t = await createTestContext();
  owner = (await makeUser(t.services, t.database)).user.id;
});
afterAll(async () => t?.close());

const jobOf = async (id: string) => {
  const [row] = await t.database.db.select().from(jobs).where(eq(jobs.id, id));
  if (!row) throw new Error('job gone');
  return row;
};

/** Runs passes until none is due. */
const drain = async (q: JobQueue) => {
  while (await q.runOnce()) {}
};

describe('job queue', () => {
  it('runs a job, records its progress and leaves its file', async () => {
    const q = new JobQueue({ db: t.database.db });
    const seen: number[] = [];
    q.register('test.file', async (job, { progress }) => {
      await progress(50);
      seen.push((await jobOf(job.id)).progress);
      return { file: { name: 'a.txt', mime: 'text/plain', content: Buffer.from(`hi ${job.payload.n}`) } };
    });
    const job = await t.database.db.transaction((tx) =>
      q.enqueue(tx, { kind: 'test.file', payload: { n: 7 }, createdBy: owner }),
    );
    expect(job.status).toBe('queued');
    expect(await q.runOnce()).toBe(true);
    expect(seen).toEqual([50]);
    const done = await jobOf(job.id);
    expect(done).toMatchObject({ status: 'done', progress: 100, attempts: 1, lastError: null });
    expect(done.finishedAt).toBeInstanceOf(Date);
    const file = await q.fileOf(done);
    expect(file?.content.toString()).toBe('hi 7');
    expect(file?.uploadedBy).toBe(owner);
    expect(await q.runOnce()).toBe(false);
  });

  it('retries a failing handler with back-off, then fails it after max attempts', async () => {
    const q = new JobQueue({ db: t.database.db, backoffMs: (n) => 2 ** n * 1000 });
    let calls = 0;
    q.register('test.flaky', async () => {
      calls++;
      throw new Error(`boom ${calls}`);
    });
    const job = await q.enqueue(t.database.db, {
      kind: 'test.flaky',
      payload: {},
      createdBy: null,
      maxAttempts: 3,
    });
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      expect(await q.runOnce()).toBe(true);
      const row = await jobOf(job.id);
      expect(row.attempts).toBe(attempt);
      expect(row.lastError).toBe(`boom ${attempt}`);
      if (attempt < 3) {
        expect(row.status).toBe('queued');
        // Not due yet: 2^attempt seconds of back-off.
        const wait = row.runAfter.getTime() - before;
        expect(wait).toBeGreaterThanOrEqual(2 ** attempt * 1000 - 50);
        expect(wait).toBeLessThan(2 ** attempt * 1000 + 2000);
        expect(await q.runOnce()).toBe(false);
        await t.database.db
          .update(jobs)
          .set({ runAfter: new Date(Date.now() - 1000) })
          .where(eq(jobs.id, job.id));
      } else {
        expect(row.status).toBe('failed');
        expect(row.finishedAt).toBeInstanceOf(Date);
      }
    }
    expect(calls).toBe(3);
    expect(await q.runOnce()).toBe(false);
  });

  it('fails at once on a failure retrying cannot fix', async () => {
    const q = new JobQueue({ db: t.database.db });
    q.register('test.permanent', async () => {
      throw new JobFailure('user_disabled');
    });
    const job = await q.enqueue(t.database.db, { kind: 'test.permanent', payload: {}, createdBy: null });
    await q.runOnce();
    expect(await jobOf(job.id)).toMatchObject({ status: 'failed', attempts: 1, lastError: 'user_disabled' });
  });

  it('never runs one job twice across workers', async () => {
    const runs = new Map<string, number>();
    const handler = async (job: { id: string }) => {
      runs.set(job.id, (runs.get(job.id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
    };
    const a = new JobQueue({ db: t.database.db });
    const b = new JobQueue({ db: t.database.db });
    a.register('test.shared', handler);
    b.register('test.shared', handler);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++)
      ids.push((await a.enqueue(t.database.db, { kind: 'test.shared', payload: { i }, createdBy: null })).id);
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    expect([...runs.keys()].sort()).toEqual([...ids].sort());
    expect([...runs.values()].every((n) => n === 1)).toBe(true);
    for (const id of ids) expect((await jobOf(id)).status).toBe('done');
  });

  it('takes back a running job whose worker died, and drops the late result of that worker', async () => {
    const q = new JobQueue({ db: t.database.db, staleMs: 60_000 });
    let result = 'first';
    q.register('test.stale', async () => ({
      file: { name: 'r.txt', mime: 'text/plain', content: Buffer.from(result) },
    }));
    const job = await q.enqueue(t.database.db, { kind: 'test.stale', payload: {}, createdBy: null });
    // A worker claimed it 11 minutes ago and never came back.
    await t.database.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedAt: new Date(Date.now() - 11 * 60_000) })
      .where(eq(jobs.id, job.id));
    expect(await q.takeBackStale()).toBe(1);
    expect(await jobOf(job.id)).toMatchObject({ status: 'queued', lastError: 'worker_lost', attempts: 1 });
    result = 'second';
    expect(await q.runOnce()).toBe(true);
    const row = await jobOf(job.id);
    expect(row).toMatchObject({ status: 'done', attempts: 2 });
    expect((await q.fileOf(row))?.content.toString()).toBe('second');
  });

  it('a stale job out of attempts fails', async () => {
    const q = new JobQueue({ db: t.database.db });
    q.register('test.stale2', async () => {});
    const job = await q.enqueue(t.database.db, {
      kind: 'test.stale2',
      payload: {},
      createdBy: null,
      maxAttempts: 1,
    });
    await t.database.db
      .update(jobs)
      .set({ status: 'running', attempts: 1, lockedAt: new Date(Date.now() - 60 * 60_000) })
      .where(eq(jobs.id, job.id));
    expect(await q.runOnce()).toBe(false);
    expect(await jobOf(job.id)).toMatchObject({ status: 'failed', lastError: 'worker_lost' });
  });

  it('the worker loop runs a queued job at once and survives a handler error', async () => {
    const q = new JobQueue({ db: t.database.db, pollMs: 60_000 });
    const ran: string[] = [];
    q.register('test.loop', async (job) => {
      if (job.payload.bad) throw new Error('bad');
      ran.push(job.id);
    });
    q.start();
    try {
      await q.enqueue(t.database.db, {
        kind: 'test.loop',
        payload: { bad: true },
        createdBy: null,
        maxAttempts: 1,
      });
      const good = await q.enqueue(t.database.db, { kind: 'test.loop', payload: {}, createdBy: null });
      const deadline = Date.now() + 5000;
      while (!ran.includes(good.id) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(ran).toEqual([good.id]);
    } finally {
      await q.stop();
    }
  });

  it('cleanup removes old finished jobs of kinds that keep them a while, with their files', async () => {
    const q = new JobQueue({ db: t.database.db });
    q.register(
      'test.kept',
      async () => ({ file: { name: 'k.txt', mime: 'text/plain', content: Buffer.from('k') } }),
      { keepDays: 7 },
    );
    const old = await q.enqueue(t.database.db, { kind: 'test.kept', payload: {}, createdBy: null });
    const fresh = await q.enqueue(t.database.db, { kind: 'test.kept', payload: {}, createdBy: null });
    await drain(q);
    const oldFile = (await jobOf(old.id)).resultFileId as string;
    await t.database.db
      .update(jobs)
      .set({ createdAt: new Date(Date.now() - 8 * 86_400_000) })
      .where(eq(jobs.id, old.id));
    expect(await q.cleanup()).toBe(1);
    expect(await t.database.db.select().from(jobs).where(eq(jobs.id, old.id))).toHaveLength(0);
    expect(
      await t.database.db.select({ id: storedFiles.id }).from(storedFiles).where(eq(storedFiles.id, oldFile)),
    ).toHaveLength(0);
    expect((await jobOf(fresh.id)).status).toBe('done');
  });
});
