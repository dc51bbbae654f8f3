import { mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import * as schema from './schema/index.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything that runs queries: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Runs `fn` on one connection while holding a session-level advisory lock. */
  withAdvisoryLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /**
   * LISTENs on `channel` on a connection of its own and calls `onPayload` with each notification's
   * payload (NOTIFY is delivered when the notifying transaction commits, to every process). After
   * the connection was lost and made again, `onReset` is called: notifications may have been
   * missed. Resolves to the function that stops listening.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onReset?: () => void,
  ): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  dataDir?: string | undefined;
  /** An already opened PGlite (tests load a migrated snapshot). */
  pglite?: PGlite;
  poolSize?: number;
}

/** Opens PostgreSQL when a URL is given, otherwise the embedded PGlite in `<dataDir>/pglite`. */
export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  let client = options.pglite;
  let unlock = () => {};
  if (!client) {
    const dir = path.join(options.dataDir ?? './data', 'pglite');
    mkdirSync(dir, { recursive: true });
    unlock = lockDataDir(dir);
    try {
      client = await PGlite.create(dir);
    } catch (error) {
      unlock();
      throw error;
    }
  }
  const pgl = client;
  const db = drizzlePglite(pgl, { schema }) as unknown as Db;
  // PGlite is one connection, on which advisory locks are re-entrant: callers in this process
  // queue here instead.
  let queue: Promise<unknown> = Promise.resolve();
  return {
    db,
    kind: 'pglite',
    withAdvisoryLock(key, fn) {
      const run = queue.then(async () => {
        await pgl.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await pgl.query('select pg_advisory_unlock($1)', [key]);
        }
      });
      queue = run.catch(() => {});
      return run;
    },
    async ping() {
      await pgl.query('select 1');
    },
    listen(channel, onPayload) {
      // One connection: notifications arrive on it after each committing statement.
      return pgl.listen(channel, onPayload);
    },
    async close() {
      if (!pgl.closed) await pgl.close();
      unlock();
    },
  };
}

/** Another live process holds the embedded database (the CLI prints the message alone). */
export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

/**
 * The embedded database is one process's: a second process opening the same folder (the CLI's
 * `demo` while the server runs) would lose or corrupt writes. A lock file with the owner's pid
 * refuses the second opener with a clear message; a lock left by a process that died is taken over.
 */
export function lockDataDir(dir: string): () => void {
  const file = `${dir}.lock`;
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      const release = () => {
        process.off('exit', release);
        try {
          if (readFileSync(file, 'utf8') === String(process.pid)) unlinkSync(file);
        } catch {
          // Already gone.
        }
      };
      process.on('exit', release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8'));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new DataDirLockedError(
          `The embedded database in ${dir} is in use by process ${owner} (a running Ganxun server?). ` +
            'Stop it first, or run against PostgreSQL (DATABASE_URL).',
        );
      }
      unlinkSync(file);
    }
  }
  throw new Error(`Could not lock the embedded database in ${dir}`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max });
  // A dropped idle connection must not crash the process.
  pool.on('error', () => {});
  const db = drizzleNodePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    async withAdvisoryLock(key, fn) {
      const conn = await pool.connect();
      try {
        await conn.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await conn.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        conn.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    async listen(channel, onPayload, onReset) {
      let stopped = false;
      let client: pg.Client | null = null;
      const connect = async (): Promise<void> => {
        const next = new pg.Client({ connectionString: url });
        next.on('notification', (n) => {
          if (n.channel === channel && n.payload !== undefined) onPayload(n.payload);
        });
        const lost = () => {
          if (stopped || client !== next) return;
          client = null;
          next.end().catch(() => {});
          setTimeout(() => {
            if (!stopped) reconnect();
          }, 1_000).unref();
        };
        next.on('error', lost);
        next.on('end', lost);
        await next.connect();
        await next.query(`listen ${pg.escapeIdentifier(channel)}`);
        client = next;
      };
      const reconnect = () => {
        connect().then(
          () => onReset?.(),
          () => {
            setTimeout(() => {
              if (!stopped) reconnect();
            }, 1_000).unref();
          },
        );
      };
      await connect();
      return async () => {
        stopped = true;
        const last = client;
        client = null;
        await last?.end().catch(() => {});
      };
    },
    async close() {
      await pool.end();
    },
  };
}
