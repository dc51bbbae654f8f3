import { ERROR_MESSAGES, SESSION_COOKIE } from '@ganxun/domain';
import { and, eq, sql } from 'drizzle-orm';
import { generate } from 'otplib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, sessions, users } from '../src/db/schema/index.js';
import { systemContext } from '../src/platform/context.js';
import { makeUser, PASSWORD } from './factories.js';
import { Client, createTestContext, sessionIdOf, signIn, type TestContext } from './helpers.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => t.close());

const MINUTE = 60_000;

/** Audit events about one account, oldest first. */
async function eventsAbout(userId: string, action: string) {
  return t.database.db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, action)))
    .orderBy(auditEvents.id);
}

/** A six-digit code that is not the current one (nor, in practice, one of its neighbours). */
function otherCode(code: string): string {
  return String((Number(code) + 500_000) % 1_000_000).padStart(6, '0');
}

describe('login', () => {
  it('returns the user with a CSRF token and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const client = new Client(t.app);
    const res = await client.login(account.user.username, PASSWORD);
    expect(res.statusCode).toBe(200);
    const me = res.json();
    expect(me).toMatchObject({ id: account.user.id, username: account.user.username, restriction: null });
    expect(me.csrfToken).toEqual(expect.any(String));
    expect(me.csrfToken.length).toBeGreaterThanOrEqual(24);
    expect(JSON.stringify(me)).not.toMatch(/scrypt|passwordHash/);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    expect(cookie?.secure).toBeFalsy();
    const again = await client.get('/api/v1/auth/me');
    expect(again.statusCode).toBe(200);
    expect(again.json().csrfToken).toBe(me.csrfToken);
  });

  it('counts down the remaining attempts, then locks the account for 30 minutes', async () => {
    const account = await makeUser(t.services, t.database);
    const client = new Client(t.app);
    for (const remaining of [4, 3, 2, 1]) {
      const res = await client.login(account.user.username, 'Wrong-Pass-1');
      expect(res.statusCode).toBe(401);
      expect(res.json().error).toMatchObject({
        code: 'INVALID_CREDENTIALS',
        details: { remainingAttempts: remaining },
      });
    }
    const locked = await client.login(account.user.username, 'Wrong-Pass-1');
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe('ACCOUNT_LOCKED');
    const until = Date.parse(locked.json().error.details.lockedUntil);
    expect(until).toBeGreaterThan(Date.now() + 29 * MINUTE);
    expect(until).toBeLessThan(Date.now() + 31 * MINUTE);

    const right = await client.login(account.user.username, PASSWORD);
    expect(right.statusCode).toBe(423);
    expect(right.json().error.details.lockedUntil).toBe(locked.json().error.details.lockedUntil);
    expect(client.cookie).toBeNull();
    expect(await eventsAbout(account.user.id, 'auth.lockout')).toHaveLength(1);
  });

  it('answers an unknown username exactly like a wrong password (no enumeration)', async () => {
    const account = await makeUser(t.services, t.database);
    const wrong = await new Client(t.app).login(account.user.username, 'Wrong-Pass-1');
    const unknown = await new Client(t.app).login('nobody-here', 'Wrong-Pass-1');
    expect(unknown.statusCode).toBe(wrong.statusCode);
    expect(unknown.json().error.code).toBe('INVALID_CREDENTIALS');
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it('resets the failure counter after a successful login', async () => {
    const account = await makeUser(t.services, t.database);
    const client = new Client(t.app);
    await client.login(account.user.username, 'Wrong-Pass-1');
    const second = await client.login(account.user.username, 'Wrong-Pass-1');
    expect(second.json().error.details.remainingAttempts).toBe(3);
    expect((await client.login(account.user.username, PASSWORD)).statusCode).toBe(200);
    const after = await new Client(t.app).login(account.user.username, 'Wrong-Pass-1');
    expect(after.json().error.details.remainingAttempts).toBe(4);
  });

  it('locks exactly at the threshold under ten concurrent wrong attempts, auditing every one', async () => {
    const account = await makeUser(t.services, t.database);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => new Client(t.app).login(account.user.username, 'Wrong-Pass-1')),
    );
    const statuses = results.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(6);
    const remaining = results
      .filter((r) => r.statusCode === 401)
      .map((r) => r.json().error.details.remainingAttempts);
    expect(remaining.sort()).toEqual([1, 2, 3, 4]);

    const [row] = await t.database.db.select().from(users).where(eq(users.id, account.user.id));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now() + 29 * MINUTE);
    const failed = (await eventsAbout(account.user.id, 'auth.login')).filter((e) => e.outcome === 'failed');
    expect(failed).toHaveLength(10);
    expect(await eventsAbout(account.user.id, 'auth.lockout')).toHaveLength(1);
    expect((await new Client(t.app).login(account.user.username, PASSWORD)).statusCode).toBe(423);
  });

  it('does not let a right password inside a burst of wrong ones lift the lock', async () => {
    const account = await makeUser(t.services, t.database);
    const attempts = [...Array.from({ length: 10 }, () => 'Wrong-Pass-1'), PASSWORD];
    const results = await Promise.all(attempts.map((p) => new Client(t.app).login(account.user.username, p)));
    expect(results.at(-1)?.statusCode).toBe(423);
    expect(results.filter((r) => r.statusCode === 401)).toHaveLength(4);
    const [row] = await t.database.db.select().from(users).where(eq(users.id, account.user.id));
    expect(row?.lockedUntil?.getTime()).toBeGreaterThan(Date.now());
  });

  it('refuses a disabled account with 403 ACCOUNT_DISABLED', async () => {
    const account = await makeUser(t.services, t.database, { status: 'disabled' });
    const res = await new Client(t.app).login(account.user.username, PASSWORD);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('ACCOUNT_DISABLED');
  });

  it.each([
    { header: undefined, locale: 'zh-CN' as const },
    { header: 'en-US,en;q=0.9', locale: 'en' as const },
    { header: 'zh-TW', locale: 'zh-TW' as const },
    { header: 'fr-FR', locale: 'zh-CN' as const },
  ])('answers in the language of Accept-Language=$header', async ({ header, locale }) => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: header ? { 'accept-language': header } : {},
      payload: { username: 'nobody-here', password: 'Wrong-Pass-1' },
    });
    expect(res.json().error.message).toBe(ERROR_MESSAGES.INVALID_CREDENTIALS[locale]);
  });
});

describe('who am I', () => {
  it('names each role’s scope in the reader’s language', async () => {
    const account = await makeUser(t.services, t.database, {
      roles: [{ role: 'org_admin', scopeId: '420100' }, { role: 'class_director' }],
    });
    const client = await signIn(t, account);
    const zhCN = (await client.get('/api/v1/auth/me')).json();
    expect(zhCN.roles).toEqual(
      expect.arrayContaining([
        { role: 'org_admin', scopeId: '420100', scopeName: '武汉市' },
        { role: 'class_director', scopeId: null, scopeName: null },
      ]),
    );
    const zhTW = (
      await client.request('GET', '/api/v1/auth/me', undefined, { 'accept-language': 'zh-TW' })
    ).json();
    expect(zhTW.roles).toEqual(expect.arrayContaining([expect.objectContaining({ scopeName: '武漢市' })]));
  });
});

describe('login rate limit per address', () => {
  it('answers 429 RATE_LIMITED after the limit, only for that address', async () => {
    const limited = await createTestContext({ LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
    try {
      const account = await makeUser(limited.services, limited.database);
      const client = new Client(limited.app, '10.0.0.7');
      for (let i = 0; i < 3; i++) {
        expect((await client.login('nobody-here', 'Wrong-Pass-1')).statusCode).toBe(401);
      }
      const fourth = await client.login(account.user.username, PASSWORD);
      expect(fourth.statusCode).toBe(429);
      expect(fourth.json().error.code).toBe('RATE_LIMITED');
      expect(
        (await new Client(limited.app, '10.0.0.8').login(account.user.username, PASSWORD)).statusCode,
      ).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

describe('sessions', () => {
  it('ends the session on logout: the old cookie no longer works', async () => {
    const account = await makeUser(t.services, t.database);
    const client = await signIn(t, account);
    const cookie = client.cookie;
    const res = await client.post('/api/v1/auth/logout');
    expect(res.statusCode).toBe(200);
    expect(client.cookie).toBeNull();
    client.cookie = cookie;
    const me = await client.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    { case: 'without', token: undefined },
    { case: 'with a wrong', token: 'x'.repeat(32) },
  ])('refuses a write $case X-CSRF-Token with 403 CSRF_INVALID', async ({ token }) => {
    const account = await makeUser(t.services, t.database, { displayName: '原名' });
    const client = await signIn(t, account);
    client.csrf = null;
    const res = await client.request(
      'PATCH',
      '/api/v1/auth/me',
      { displayName: '新名' },
      token ? { 'x-csrf-token': token } : {},
    );
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('CSRF_INVALID');
    expect((await client.get('/api/v1/auth/me')).json().displayName).toBe('原名');
  });

  it.each([
    { idle: 29, status: 200 },
    { idle: 31, status: 401 },
  ])('after $idle idle minutes answers $status', async ({ idle, status }) => {
    const account = await makeUser(t.services, t.database);
    const client = await signIn(t, account);
    await t.database.db
      .update(sessions)
      .set({ lastSeenAt: new Date(Date.now() - idle * MINUTE) })
      .where(eq(sessions.id, sessionIdOf(client)));
    const res = await client.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(status);
    if (status === 401) expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });

  it('ends a session at its absolute expiry even while active', async () => {
    const account = await makeUser(t.services, t.database);
    const client = await signIn(t, account);
    await t.database.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, sessionIdOf(client)));
    const res = await client.get('/api/v1/auth/me');
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('SESSION_EXPIRED');
  });
});

describe('password change', () => {
  it('restricts a forced change to the password screen until it is done', async () => {
    const account = await makeUser(t.services, t.database, {
      roles: [{ role: 'system_admin' }],
      mustChangePassword: true,
    });
    const client = new Client(t.app);
    const login = await client.login(account.user.username, PASSWORD);
    expect(login.statusCode).toBe(200);
    expect(login.json().restriction).toBe('password_change');
    for (const url of ['/api/v1/users', '/api/v1/dictionaries']) {
      const res = await client.get(url);
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    }
    const me = await client.get('/api/v1/auth/me');
    expect(me.statusCode).toBe(200);
    expect(me.json().restriction).toBe('password_change');

    const other = await signIn(t, account);
    const changed = await client.post('/api/v1/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'Brand-New-2026!',
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().restriction).toBeNull();
    expect((await client.get('/api/v1/users')).statusCode).toBe(200);
    expect((await other.get('/api/v1/auth/me')).statusCode).toBe(401);
    expect((await new Client(t.app).login(account.user.username, 'Brand-New-2026!')).statusCode).toBe(200);
  });

  it('refuses a wrong current password with 400 on currentPassword', async () => {
    const account = await makeUser(t.services, t.database);
    const client = await signIn(t, account);
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: 'Not-The-One-1',
      newPassword: 'Brand-New-2026!',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'currentPassword', message: '当前密码不正确' }],
    });
  });

  describe('policy', () => {
    const username = 'policy.holder';
    let client: Client;
    beforeAll(async () => {
      client = await signIn(t, await makeUser(t.services, t.database, { username }));
    });

    it.each([
      { rule: 'too_short', password: 'Ab1!x', locale: 'zh-CN', message: '密码长度不足 8 位' },
      { rule: 'too_short', password: 'Ab1!x', locale: 'en', message: 'must be at least 8 characters' },
      {
        rule: 'too_few_classes',
        password: 'abcdefghijkl',
        locale: 'zh-CN',
        message: '需包含大写字母、小写字母、数字、符号中的至少 3 类',
      },
      {
        rule: 'contains_username',
        password: `X9!${username}`,
        locale: 'en',
        message: 'must not contain the username',
      },
      { rule: 'reused', password: PASSWORD, locale: 'en', message: 'must differ from the last 5 passwords' },
    ])('refuses $rule with 422 PASSWORD_POLICY ($locale)', async ({ rule, password, locale, message }) => {
      client.locale = locale;
      const res = await client.post('/api/v1/auth/password', {
        currentPassword: PASSWORD,
        newPassword: password,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('PASSWORD_POLICY');
      expect(res.json().error.fields).toContainEqual({ path: 'newPassword', code: rule, message });
    });
  });

  it('refuses any of the last five passwords, not only the current one', async () => {
    const account = await makeUser(t.services, t.database);
    await t.services.users.storePassword(t.database.db, account.user.id, 'Second-Pass-2026', false);
    const client = await signIn(t, account);
    const res = await client.post('/api/v1/auth/password', {
      currentPassword: 'Second-Pass-2026',
      newPassword: PASSWORD,
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'newPassword', code: 'reused' }),
    ]);
  });

  it.each([
    { days: 89, restriction: null, status: 200 },
    { days: 91, restriction: 'password_change', status: 403 },
  ])('after $days days the password restriction is $restriction', async ({ days, restriction, status }) => {
    const account = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const client = await signIn(t, account);
    await t.database.db
      .update(users)
      .set({ passwordChangedAt: new Date(Date.now() - days * 86_400_000) })
      .where(eq(users.id, account.user.id));
    expect((await client.get('/api/v1/auth/me')).json().restriction).toBe(restriction);
    const res = await client.get('/api/v1/dictionaries');
    expect(res.statusCode).toBe(status);
    if (status === 403) expect(res.json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });
});

describe('two-factor authentication (TOTP)', () => {
  it('once enabled, login needs a valid code; a wrong one counts as a failure', async () => {
    const account = await makeUser(t.services, t.database);
    const client = await signIn(t, account);
    const setup = await client.post('/api/v1/auth/totp/setup');
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUrl } = setup.json();
    expect(otpauthUrl).toContain('otpauth://totp/');

    const code = await generate({ secret });
    const wrongEnable = await client.post('/api/v1/auth/totp/enable', { code: otherCode(code) });
    expect(wrongEnable.statusCode).toBe(400);
    expect(wrongEnable.json().error.fields).toEqual([expect.objectContaining({ path: 'code' })]);
    const enabled = await client.post('/api/v1/auth/totp/enable', { code });
    expect(enabled.statusCode).toBe(200);
    expect(enabled.json().totpEnabled).toBe(true);

    const without = await new Client(t.app).login(account.user.username, PASSWORD);
    expect(without.statusCode).toBe(401);
    expect(without.json().error.code).toBe('TOTP_REQUIRED');
    const wrong = await new Client(t.app).login(
      account.user.username,
      PASSWORD,
      otherCode(await generate({ secret })),
    );
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error).toMatchObject({ code: 'TOTP_INVALID', details: { remainingAttempts: 4 } });
    // The enabling code's time step is used up; the authenticator's next code is accepted (±30 s).
    const next = await generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });
    const right = await new Client(t.app).login(account.user.username, PASSWORD, next);
    expect(right.statusCode).toBe(200);
    expect(right.json().totpEnabled).toBe(true);

    // A code is accepted once: replaying it (or an older one) is refused and counted.
    const replay = await new Client(t.app).login(account.user.username, PASSWORD, next);
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('TOTP_INVALID');
    const reuseEnabling = await new Client(t.app).login(account.user.username, PASSWORD, code);
    expect(reuseEnabling.json().error.code).toBe('TOTP_INVALID');
  });

  it('when required for administrators, blocks an auditor without TOTP until set up', async () => {
    const security = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'security_admin' }] }),
    );
    const auditor = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'auditor' }] }));
    const trainee = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }));
    try {
      const patched = await security.patch('/api/v1/settings/security', { requireTotpForAdmins: true });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().requireTotpForAdmins).toBe(true);

      expect((await auditor.get('/api/v1/auth/me')).json().restriction).toBe('totp_setup');
      const blocked = await auditor.get('/api/v1/audit-events');
      expect(blocked.statusCode).toBe(403);
      expect(blocked.json().error.code).toBe('TOTP_SETUP_REQUIRED');
      expect((await security.get('/api/v1/settings/security')).json().error.code).toBe('TOTP_SETUP_REQUIRED');
      expect((await trainee.get('/api/v1/dictionaries')).statusCode).toBe(200);

      const { secret } = (await auditor.post('/api/v1/auth/totp/setup')).json();
      const enabled = await auditor.post('/api/v1/auth/totp/enable', { code: await generate({ secret }) });
      expect(enabled.json().restriction).toBeNull();
      expect((await auditor.get('/api/v1/audit-events')).statusCode).toBe(200);
    } finally {
      await t.services.settings.updateSecurity(systemContext('test'), { requireTotpForAdmins: false });
    }
  });
});

describe('audit of authentication', () => {
  it('records failed logins with the reason, without the password', async () => {
    const account = await makeUser(t.services, t.database);
    await new Client(t.app).login(account.user.username, 'Secret-Guess-77');
    const [event] = (await eventsAbout(account.user.id, 'auth.login')).filter((e) => e.outcome === 'failed');
    expect(event?.detail).toMatchObject({ reason: 'wrong_password' });
    expect(JSON.stringify(event)).not.toContain('Secret-Guess-77');
    const [{ n } = { n: 0 }] = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(auditEvents)
      .where(sql`${auditEvents.detail}::text like ${'%Secret-Guess-77%'}`);
    expect(n).toBe(0);
  });
});
