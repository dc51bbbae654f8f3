import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessions } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeUser, PASSWORD } from './factories.js';
import { auditOf, Client, createTestContext, sessionIdOf, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let security: Client;
let securityAdmin: UserWithRoles;
beforeAll(async () => {
  t = await createTestContext();
  securityAdmin = await makeUser(t.services, t.database, { roles: [{ role: 'security_admin' }] });
  security = await signIn(t, securityAdmin);
});
afterAll(async () => t.close());

interface Row {
  id: string;
  userId: string;
  current: boolean;
  ip: string | null;
}

async function live(): Promise<Row[]> {
  const res = await security.get('/api/v1/online-sessions');
  expect(res.statusCode).toBe(200);
  return res.json().items;
}

describe('online sessions', () => {
  it('lists every live session, one row per login, marking the reader’s own', async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const office = new Client(t.app, '198.51.100.1');
    const home = new Client(t.app, '198.51.100.2');
    expect((await office.login(account.user.username, PASSWORD)).statusCode).toBe(200);
    expect((await home.login(account.user.username, PASSWORD)).statusCode).toBe(200);

    const rows = await live();
    const theirs = rows.filter((r) => r.userId === account.user.id);
    expect(theirs.map((r) => r.ip).sort()).toEqual(['198.51.100.1', '198.51.100.2']);
    expect(theirs.every((r) => !r.current)).toBe(true);
    expect(rows.filter((r) => r.current)).toEqual([
      expect.objectContaining({ id: sessionIdOf(security), userId: securityAdmin.user.id }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(office.cookie);
  });

  it('ending a session signs that browser out, and only that one', async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const ended = await signIn(t, account);
    const kept = await signIn(t, account);
    const endedId = sessionIdOf(ended);
    const res = await security.delete(`/api/v1/online-sessions/${endedId}`);
    expect(res.statusCode).toBe(200);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'session.revoke', entityId: account.user.id, outcome: 'success' }),
    ]);
    const after = await ended.get('/api/v1/auth/me');
    expect(after.statusCode).toBe(401);
    expect((await kept.get('/api/v1/auth/me')).statusCode).toBe(200);
    expect((await live()).map((r) => r.id)).not.toContain(endedId);
  });

  it.each([
    { how: 'logged out', end: (c: Client) => c.post('/api/v1/auth/logout').then(() => undefined) },
    {
      how: 'idle for 31 minutes',
      end: (c: Client) =>
        t.database.db
          .update(sessions)
          .set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) })
          .where(eq(sessions.id, sessionIdOf(c)))
          .then(() => undefined),
    },
    {
      how: 'past its absolute expiry',
      end: (c: Client) =>
        t.database.db
          .update(sessions)
          .set({ expiresAt: new Date(Date.now() - 1000) })
          .where(eq(sessions.id, sessionIdOf(c)))
          .then(() => undefined),
    },
  ])('does not list a session $how', async ({ end }) => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const client = await signIn(t, account);
    const id = sessionIdOf(client);
    expect((await live()).map((r) => r.id)).toContain(id);
    await end(client);
    expect((await live()).map((r) => r.id)).not.toContain(id);
  });

  it('answers 404 for a session that does not exist', async () => {
    const res = await security.delete(`/api/v1/online-sessions/${'0'.repeat(64)}`);
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });
});
