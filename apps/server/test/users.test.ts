import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeUser, PASSWORD, uniqueName } from './factories.js';
import { auditOf, Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let system: Client;
let security: Client;
beforeAll(async () => {
  t = await createTestContext();
  system = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'system_admin' }] }));
  security = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'security_admin' }] }));
});
afterAll(async () => t.close());

/** Each write leaves exactly one audit event, about the right account, with no secret in it. */
async function expectOneAuditEvent(
  res: LightMyRequestResponse,
  action: string,
  userId: string,
  secrets: string[] = [],
) {
  const events = await auditOf(t, res);
  expect(events).toEqual([
    expect.objectContaining({ action, outcome: 'success', entityType: 'user', entityId: userId }),
  ]);
  const text = JSON.stringify([events[0]?.changes, events[0]?.detail]);
  expect(text).not.toMatch(/scrypt\$/);
  for (const secret of [PASSWORD, ...secrets]) expect(text).not.toContain(secret);
}

describe('creating accounts', () => {
  it('creates an account (201) that must change its password at first login', async () => {
    const username = uniqueName('new');
    const res = await system.post('/api/v1/users', {
      username,
      displayName: '张三',
      password: 'First-Login-2026',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username,
      displayName: '张三',
      status: 'active',
      mustChangePassword: true,
      roles: [],
    });
    expect(JSON.stringify(res.json())).not.toMatch(/password_?hash|scrypt/i);
    await expectOneAuditEvent(res, 'user.create', res.json().id, ['First-Login-2026']);
    const login = await new Client(t.app).login(username, 'First-Login-2026');
    expect(login.json().restriction).toBe('password_change');
  });

  it.each([
    { case: 'the same', transform: (s: string) => s },
    { case: 'an upper-case', transform: (s: string) => s.toUpperCase() },
  ])('refuses $case username again with 409 on username', async ({ transform }) => {
    const existing = await makeUser(t.services, t.database, { username: uniqueName('dup') });
    const res = await system.post('/api/v1/users', {
      username: transform(existing.user.username),
      displayName: '重名',
      password: PASSWORD,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({
      code: 'CONFLICT',
      fields: [{ path: 'username', code: 'taken' }],
    });
  });

  it.each([
    { body: { displayName: '无名', password: PASSWORD }, path: 'username' },
    { body: { username: 'a b', displayName: '空格', password: PASSWORD }, path: 'username' },
    { body: { username: uniqueName(), displayName: '', password: PASSWORD }, path: 'displayName' },
    { body: { username: uniqueName(), displayName: '弱', password: 'weak' }, path: 'password' },
  ])('refuses a bad account with the offending field ($path)', async ({ body, path }) => {
    const res = await system.post('/api/v1/users', body);
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.fields.map((f: { path: string }) => f.path)).toContain(path);
  });
});

describe('listing accounts', () => {
  const tag = `lst${Math.random().toString(36).slice(2, 6)}`;
  const made: UserWithRoles[] = [];
  beforeAll(async () => {
    made.push(
      await makeUser(t.services, t.database, {
        username: `${tag}-anna`,
        displayName: 'Zhou 安娜',
        roles: [{ role: 'lecturer' }],
      }),
    );
    made.push(
      await makeUser(t.services, t.database, {
        username: `${tag}-bo`,
        displayName: 'Amy 波',
        roles: [{ role: 'trainee' }],
      }),
    );
    made.push(
      await makeUser(t.services, t.database, {
        username: `${tag}-cai`,
        displayName: 'Mei 蔡',
        roles: [{ role: 'trainee' }],
        status: 'disabled',
      }),
    );
  });

  const names = (res: LightMyRequestResponse) =>
    res.json().items.map((u: { username: string }) => u.username);

  it.each([
    { filter: `q=${tag}`, expected: ['anna', 'bo', 'cai'] },
    { filter: `q=${encodeURIComponent('安娜')}`, expected: ['anna'] },
    { filter: `q=${tag}&role=trainee`, expected: ['bo', 'cai'] },
    { filter: `q=${tag}&status=disabled`, expected: ['cai'] },
    { filter: `q=${tag}&role=trainee&status=active`, expected: ['bo'] },
    { filter: `q=${tag}&sort=-username`, expected: ['cai', 'bo', 'anna'] },
    { filter: `q=${tag}&sort=displayName`, expected: ['bo', 'cai', 'anna'] },
  ])('filters by $filter', async ({ filter, expected }) => {
    const res = await security.get(`/api/v1/users?${filter}`);
    expect(res.statusCode).toBe(200);
    expect(names(res).map((n: string) => n.slice(tag.length + 1))).toEqual(expected);
  });

  it('pages with total, page and pageSize', async () => {
    const first = await system.get(`/api/v1/users?q=${tag}&pageSize=2&page=1`);
    expect(first.json()).toMatchObject({ total: 3, page: 1, pageSize: 2 });
    expect(names(first)).toEqual([`${tag}-anna`, `${tag}-bo`]);
    const second = await system.get(`/api/v1/users?q=${tag}&pageSize=2&page=2`);
    expect(second.json()).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(names(second)).toEqual([`${tag}-cai`]);
  });

  it('treats LIKE wildcards in q as plain text', async () => {
    const res = await system.get(`/api/v1/users?q=${encodeURIComponent('%')}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(0);
  });

  it('shows roles and never a password hash', async () => {
    const res = await system.get(`/api/v1/users/${made[0]?.user.id}`);
    expect(res.json()).toMatchObject({
      roles: [{ role: 'lecturer', scopeId: null }],
      locked: false,
      totpEnabled: false,
    });
    expect(res.body).not.toMatch(/scrypt|passwordHash|totpSecret/);
  });
});

describe('changing accounts', () => {
  it('renames an account', async () => {
    const account = await makeUser(t.services, t.database, { displayName: '旧名' });
    const res = await system.patch(`/api/v1/users/${account.user.id}`, { displayName: '新名' });
    expect(res.statusCode).toBe(200);
    expect(res.json().displayName).toBe('新名');
    await expectOneAuditEvent(res, 'user.update', account.user.id);
    expect((await auditOf(t, res))[0]?.changes).toEqual({ displayName: ['旧名', '新名'] });
  });

  it('disabling an account ends its sessions and refuses its login', async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const browser = await signIn(t, account);
    const res = await system.patch(`/api/v1/users/${account.user.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(200);
    expect(res.json().status).toBe('disabled');
    await expectOneAuditEvent(res, 'user.disable', account.user.id);
    expect((await browser.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).json().error.code).toBe(
      'ACCOUNT_DISABLED',
    );

    const enabled = await system.patch(`/api/v1/users/${account.user.id}`, { status: 'active' });
    await expectOneAuditEvent(enabled, 'user.enable', account.user.id);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('a system admin cannot disable their own account', async () => {
    const own = await makeUser(t.services, t.database, { roles: [{ role: 'system_admin' }] });
    const res = await (await signIn(t, own)).patch(`/api/v1/users/${own.user.id}`, { status: 'disabled' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
  });

  it('answers 404 for an account that does not exist', async () => {
    const res = await system.patch('/api/v1/users/00000000-0000-4000-8000-000000000000', {
      displayName: '无',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('NOT_FOUND');
  });

  it('unlocking lets a locked-out account sign in again', async () => {
    const account = await makeUser(t.services, t.database);
    await t.database.db
      .update(users)
      .set({ lockedUntil: new Date(Date.now() + 30 * 60_000), failedLogins: 0 })
      .where(eq(users.id, account.user.id));
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(423);
    expect((await security.get(`/api/v1/users/${account.user.id}`)).json().locked).toBe(true);

    const res = await security.post(`/api/v1/users/${account.user.id}/unlock`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ locked: false, lockedUntil: null, failedLogins: 0 });
    await expectOneAuditEvent(res, 'user.unlock', account.user.id);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('resetting a password ends the sessions and forces a change at the next login', async () => {
    const account = await makeUser(t.services, t.database);
    const browser = await signIn(t, account);
    const temporary = 'Temp-Reset-2026';
    const res = await security.post(`/api/v1/users/${account.user.id}/reset-password`, {
      newPassword: temporary,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().mustChangePassword).toBe(true);
    await expectOneAuditEvent(res, 'user.password.reset', account.user.id, [temporary]);
    expect((await browser.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(401);
    const login = await new Client(t.app).login(account.user.username, temporary);
    expect(login.statusCode).toBe(200);
    expect(login.json().restriction).toBe('password_change');
  });

  it('refuses a reset password that breaks the policy (422)', async () => {
    const account = await makeUser(t.services, t.database);
    const res = await security.post(`/api/v1/users/${account.user.id}/reset-password`, {
      newPassword: 'short',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('PASSWORD_POLICY');
  });

  it('resetting two-factor authentication lets the account sign in with the password alone', async () => {
    const account = await makeUser(t.services, t.database);
    await t.database.db
      .update(users)
      .set({ totpSecret: t.services.cipher.encrypt(generateSecret()) })
      .where(eq(users.id, account.user.id));
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).json().error.code).toBe(
      'TOTP_REQUIRED',
    );

    const res = await security.delete(`/api/v1/users/${account.user.id}/totp`);
    expect(res.statusCode).toBe(200);
    expect(res.json().totpEnabled).toBe(false);
    await expectOneAuditEvent(res, 'user.totp.reset', account.user.id);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(200);
  });

  it('setting roles is audited with the before and after assignments', async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const res = await security.put(`/api/v1/users/${account.user.id}/roles`, {
      roles: [{ role: 'class_director', scopeId: 'class-9' }],
    });
    expect(res.statusCode).toBe(200);
    await expectOneAuditEvent(res, 'user.roles.set', account.user.id);
    expect((await auditOf(t, res))[0]?.changes).toEqual({
      roles: [[{ role: 'trainee', scopeId: null }], [{ role: 'class_director', scopeId: 'class-9' }]],
    });
  });
});
