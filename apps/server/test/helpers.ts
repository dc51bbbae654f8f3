import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { CSRF_HEADER, SESSION_COOKIE } from '@ganxun/domain';
import { asc, eq } from 'drizzle-orm';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { inject } from 'vitest';
import { buildApp, type Services } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { type Database, openDatabase } from '../src/db/client.js';
import { auditEvents } from '../src/db/schema/index.js';
import { sha256 } from '../src/platform/crypto.js';
import { withDatabase } from './global-setup.js';

export interface TestContext {
  app: FastifyInstance;
  services: Services;
  database: Database;
  config: Config;
  close(): Promise<void>;
}

/**
 * One migrated database and one app per test file (call in `beforeAll`): a PGlite loaded from the
 * run's snapshot, or a clone of the PostgreSQL template when TEST_DATABASE_URL is set.
 */
export async function createTestContext(env: Record<string, string> = {}): Promise<TestContext> {
  const url = process.env.TEST_DATABASE_URL;
  let database: Database;
  let dropDatabase: (() => Promise<void>) | undefined;
  if (url) {
    const template = inject('pgTemplate');
    const name = `gx_t_${template.slice('gx_template_'.length)}_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    database = await openDatabase({ databaseUrl: withDatabase(url, name), poolSize: 5 });
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  } else {
    const snapshot = readFileSync(inject('pgliteSnapshot'));
    const pglite = await PGlite.create({ loadDataDir: new Blob([snapshot]) });
    database = await openDatabase({ pglite });
  }
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', LOGIN_RATE_LIMIT_PER_MINUTE: '1000', ...env },
    { secretKey: randomBytes(32) },
  );
  const { app, services } = await buildApp({ config, database, logger: false });
  await app.ready();
  return {
    app,
    services,
    database,
    config,
    async close() {
      await app.close();
      await database.close();
      await dropDatabase?.();
    },
  };
}

/** A signed-in browser: keeps the session cookie and sends the CSRF token on writes. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  locale = 'zh-CN';

  constructor(
    private readonly app: FastifyInstance,
    public ip = '127.0.0.1',
  ) {}

  async request(
    method: InjectOptions['method'],
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      remoteAddress: this.ip,
      headers: {
        'accept-language': this.locale,
        ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}),
        ...(this.csrf && method !== 'GET' ? { [CSRF_HEADER]: this.csrf } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { payload: body as InjectOptions['payload'] }),
    });
    const set = res.cookies.find((c) => c.name === SESSION_COOKIE);
    if (set) this.cookie = set.value || null;
    return res;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  patch = (url: string, body: unknown) => this.request('PATCH', url, body);
  put = (url: string, body: unknown) => this.request('PUT', url, body);
  delete = (url: string) => this.request('DELETE', url);

  async login(username: string, password: string, totpCode?: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/v1/auth/login', {
      username,
      password,
      ...(totpCode ? { totpCode } : {}),
    });
    if (res.statusCode === 200) this.csrf = res.json().csrfToken;
    return res;
  }
}

/**
 * A client signed in as `user` straight through the session store: a real session, without the
 * password round trip (scrypt costs ~0.25 s, and most tests are not about logging in).
 */
export async function signIn(
  t: TestContext,
  user: { user: { id: string } },
  ip = '127.0.0.1',
): Promise<Client> {
  const { token, session } = await t.services.sessions.create(t.database.db, {
    userId: user.user.id,
    ip,
    userAgent: 'vitest',
    absoluteHours: 12,
  });
  const client = new Client(t.app, ip);
  client.cookie = token;
  client.csrf = session.csrfToken;
  return client;
}

/** The stored id of a client's session (the SHA-256 of its cookie), as online-sessions shows it. */
export function sessionIdOf(client: Client): string {
  if (!client.cookie) throw new Error('client has no session');
  return sha256(client.cookie);
}

export type AuditRow = typeof auditEvents.$inferSelect;

/** The audit events one request wrote, found by the request id the response carries. */
export async function auditOf(t: TestContext, res: LightMyRequestResponse): Promise<AuditRow[]> {
  const requestId = String(res.headers['x-request-id']);
  return t.database.db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.requestId, requestId))
    .orderBy(asc(auditEvents.id));
}
