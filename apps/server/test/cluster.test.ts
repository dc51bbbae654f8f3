import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import { withDatabase } from './global-setup.js';

/**
 * WORKERS=N (`ganxun start`): N server processes share the port on PostgreSQL; the embedded
 * database refuses it. The PostgreSQL test starts the real CLI and checks that a session made by
 * one request is honoured by the others (they land on both processes) and that SIGTERM stops all.
 */
describe('several server processes (WORKERS)', () => {
  it('refuses more than one process on the embedded database', () => {
    expect(() =>
      loadConfig({ WORKERS: '2', DATA_DIR: '/tmp/gx-cluster-test' }, { secretKey: randomBytes(32) }),
    ).toThrow(ConfigError);
    expect(
      loadConfig({ WORKERS: '2', DATABASE_URL: 'postgres://x@127.0.0.1/db' }, { secretKey: randomBytes(32) })
        .workers,
    ).toBe(2);
    expect(loadConfig({ DATA_DIR: '/tmp/gx-cluster-test' }, { secretKey: randomBytes(32) }).workers).toBe(1);
  });

  const url = process.env.TEST_DATABASE_URL;
  const name = `gx_cluster_${randomBytes(4).toString('hex')}`;
  let child: ChildProcess | null = null;
  afterAll(async () => {
    child?.kill('SIGKILL');
    if (!url) return;
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  });

  it.skipIf(!url)(
    'serves one session from two processes and stops them together',
    { timeout: 90_000 },
    async () => {
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create database ${name}`);
      await admin.end();
      const port = 3600 + Math.floor(Math.random() * 300);
      const root = path.resolve(import.meta.dirname, '..');
      child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli.ts'), 'start'], {
        cwd: root,
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: withDatabase(url as string, name),
          WORKERS: '2',
          PORT: String(port),
          SECRET_KEY: randomBytes(32).toString('hex'),
          INITIAL_ADMIN_PASSWORD: 'Init#Root2024x',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout?.on('data', (d) => {
        output += d;
      });
      child.stderr?.on('data', (d) => {
        output += d;
      });
      const base = `http://127.0.0.1:${port}`;
      // Both processes say they listen.
      const deadline = Date.now() + 60_000;
      while ((output.match(/is listening on/g) ?? []).length < 2) {
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`cluster did not start:\n${output}`);
        await new Promise((r) => setTimeout(r, 200));
      }
      const workers = readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8')
        .trim()
        .split(/\s+/);
      expect(workers).toHaveLength(2);

      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'Init#Root2024x' }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      // New connections each time: the primary hands them to the workers in turn.
      const statuses = await Promise.all(
        Array.from({ length: 12 }, () =>
          fetch(`${base}/api/v1/auth/me`, { headers: { cookie, connection: 'close' } }).then((r) => r.status),
        ),
      );
      expect(statuses).toEqual(Array(12).fill(200));

      const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      for (const pid of workers) expect(() => process.kill(Number(pid), 0)).toThrow();
      child = null;
    },
  );
});
