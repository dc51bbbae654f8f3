import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { generateSecret } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units, userRoles, users } from '../src/db/schema/index.js';
import type { UserWithRoles } from '../src/modules/users/service.js';
import { makeUnit } from './directory-factories.js';
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
      roles: [{ role: 'class_director', scopeId: null }],
    });
    expect(res.statusCode).toBe(200);
    await expectOneAuditEvent(res, 'user.roles.set', account.user.id);
    expect((await auditOf(t, res))[0]?.changes).toEqual({
      roles: [[{ role: 'trainee', scopeId: null }], [{ role: 'class_director', scopeId: null }]],
    });
  });
});

describe('role scopes name real regions and units', () => {
  let account: UserWithRoles;
  let school: { id: string; name: string };
  let merged: { id: string };
  beforeAll(async () => {
    account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    school = await makeUnit(t.database, { name: `恩施市第${uniqueName('')}中学`, type: 'school' });
    merged = await makeUnit(t.database);
    await t.database.db
      .update(units)
      .set({ status: 'merged', mergedInto: school.id })
      .where(eq(units.id, merged.id));
  });

  const setRoles = (roles: { role: string; scopeId: string | null }[]) =>
    security.put(`/api/v1/users/${account.user.id}/roles`, { roles });

  it.each([
    { case: 'a region code that does not exist', role: 'org_admin', scopeId: () => '429999' },
    { case: 'a region abolished with no units left', role: 'org_admin', scopeId: () => '330103' },
    { case: 'a unit id that is no uuid', role: 'unit_liaison', scopeId: () => 'unit-1' },
    { case: 'a unit that does not exist', role: 'unit_liaison', scopeId: () => crypto.randomUUID() },
    { case: 'a merged unit', role: 'unit_liaison', scopeId: () => merged.id },
    {
      case: 'a training institution that is no unit',
      role: 'training_officer',
      scopeId: () => 'hubei-party-school',
    },
  ])('refuses $case (400 on roles.N.scopeId) and keeps the roles', async ({ role, scopeId }) => {
    const res = await setRoles([
      { role: 'trainee', scopeId: null },
      { role, scopeId: scopeId() },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [
        { path: 'roles.1.scopeId', code: 'scope_unknown', message: expect.stringMatching(/范围不存在/) },
      ],
    });
    expect((await t.services.users.byId(account.user.id)).roles).toEqual([
      { role: 'trainee', scopeId: null },
    ]);
  });

  it('counts one unit id written in two cases as the same assignment', async () => {
    const res = await setRoles([
      { role: 'unit_liaison', scopeId: school.id },
      { role: 'unit_liaison', scopeId: school.id.toUpperCase() },
    ]);
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'roles', code: 'duplicate_assignment' }),
    ]);
  });

  it.each([
    { locale: 'zh-TW', message: '範圍不存在或已失效（行政區劃已撤銷或單位已合併）' },
    { locale: 'en', message: 'no such scope, or no longer in use (region abolished or unit merged)' },
  ])('explains an unknown scope in $locale', async ({ locale, message }) => {
    security.locale = locale;
    try {
      const res = await setRoles([{ role: 'org_admin', scopeId: '429999' }]);
      expect(res.json().error.fields).toEqual([{ path: 'roles.0.scopeId', code: 'scope_unknown', message }]);
    } finally {
      security.locale = 'zh-CN';
    }
  });

  it('names every scope on the account, in the reader’s language', async () => {
    const res = await setRoles([
      { role: 'org_admin', scopeId: '420100' },
      { role: 'unit_liaison', scopeId: school.id.toUpperCase() },
      { role: 'training_officer', scopeId: school.id },
      { role: 'class_director', scopeId: null },
    ]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles).toEqual([
      { role: 'class_director', scopeId: null, scopeName: null, scopeRetired: false },
      { role: 'org_admin', scopeId: '420100', scopeName: '武汉市', scopeRetired: false },
      // Stored as Postgres prints unit ids, so that it matches the unit paths the policies test.
      { role: 'training_officer', scopeId: school.id, scopeName: school.name, scopeRetired: false },
      { role: 'unit_liaison', scopeId: school.id, scopeName: school.name, scopeRetired: false },
    ]);
    security.locale = 'zh-TW';
    try {
      const list = await security.get(`/api/v1/users?q=${account.user.username}`);
      expect(list.json().items[0].roles[1]).toMatchObject({ scopeId: '420100', scopeName: '武漢市' });
    } finally {
      security.locale = 'zh-CN';
    }
  });

  it('keeps an abolished region while units are still registered under it, and marks it retired', async () => {
    await makeUnit(t.database, { regionCode: '330104', name: '江干区某街道办事处' });
    const res = await setRoles([{ role: 'org_admin', scopeId: '330104' }]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().roles).toEqual([
      { role: 'org_admin', scopeId: '330104', scopeName: '江干区', scopeRetired: true },
    ]);
  });

  it('shows a liaison whose unit was merged away as retired', async () => {
    const other = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const liaisonUnit = await makeUnit(t.database);
    const res = await security.put(`/api/v1/users/${other.user.id}/roles`, {
      roles: [{ role: 'unit_liaison', scopeId: liaisonUnit.id }],
    });
    expect(res.statusCode).toBe(200);
    await t.database.db.update(units).set({ status: 'merged' }).where(eq(units.id, liaisonUnit.id));
    const after = await security.get(`/api/v1/users/${other.user.id}`);
    expect(after.json().roles).toEqual([
      { role: 'unit_liaison', scopeId: liaisonUnit.id, scopeName: liaisonUnit.name, scopeRetired: true },
    ]);
  });

  it('shows the raw id of a scope granted before scopes were checked', async () => {
    const other = await makeUser(t.services, t.database);
    await t.database.db
      .insert(userRoles)
      .values({ userId: other.user.id, role: 'unit_liaison', scopeId: 'unit-1' });
    const res = await security.get(`/api/v1/users/${other.user.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().roles).toEqual([
      { role: 'unit_liaison', scopeId: 'unit-1', scopeName: null, scopeRetired: false },
    ]);
  });
});
