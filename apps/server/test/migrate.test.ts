import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/client.js';
import { runMigrations } from '../src/db/migrate.js';
import { withDatabase } from './global-setup.js';

const url = process.env.TEST_DATABASE_URL;

describe('migrations', () => {
  it('are applied once when two servers start together (advisory lock)', async () => {
    let target: string;
    let drop = async () => {};
    let dataDir = '';
    if (url) {
      const name = `gx_mig_${randomBytes(4).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      target = withDatabase(url, name);
      drop = async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      };
    } else {
      // The embedded database belongs to one process: two starters within it queue on its lock.
      target = '';
      const dir = mkdtempSync(path.join(tmpdir(), 'gx-mig-'));
      drop = async () => rmSync(dir, { recursive: true, force: true });
      dataDir = dir;
    }
    const a = await openDatabase(target ? { databaseUrl: target, poolSize: 2 } : { dataDir });
    const b = target ? await openDatabase({ databaseUrl: target, poolSize: 2 }) : a;
    try {
      await Promise.all([runMigrations(a), runMigrations(b)]);
      // Both drivers return `{ rows }` from execute.
      const count = async (query: ReturnType<typeof sql>) =>
        Number(((await a.db.execute(query)) as unknown as { rows: { n: number | string }[] }).rows[0]?.n);
      expect(await count(sql`select count(*) as n from drizzle.__drizzle_migrations`)).toBeGreaterThanOrEqual(
        2,
      );
      expect(
        await count(sql`select count(*) as n from information_schema.tables where table_name = 'users'`),
      ).toBe(1);
      // Running again is a no-op.
      await runMigrations(a);
    } finally {
      await a.close();
      if (b !== a) await b.close();
      await drop();
    }
  });
});
