import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BatchUserError, createUsers, parseBatchUsers } from '../src/modules/users/batch.js';
import { systemContext } from '../src/platform/context.js';
import { createTestContext, type TestContext } from './helpers.js';

/** `ganxun create-users --file F` (modules/users/batch.ts): the file checked whole, then made in order. */
let t: TestContext;
const ctx = systemContext('cli:create-users');

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(async () => {
  await t?.close();
});

const file = (entries: unknown) => JSON.stringify(entries);

describe('create-users', () => {
  it('refuses a file that is not JSON, a wrong shape, and a username twice, naming the entries', () => {
    expect(() => parseBatchUsers('[{')).toThrow(/not JSON/);
    expect(() => parseBatchUsers(file([]))).toThrow(BatchUserError);
    const shape = () =>
      parseBatchUsers(
        file([
          { username: 'ok.user', password: 'Xy#12345678ab' },
          { username: 'x y', roles: ['king'] },
        ]),
      );
    expect(shape).toThrow(/\[1\]\.username/);
    expect(shape).toThrow(/\[1\]\.password/);
    expect(shape).toThrow(/\[1\]\.roles/);
    expect(() =>
      parseBatchUsers(
        file([
          { username: 'Twice', password: 'Xy#12345678ab' },
          { username: 'twice', password: 'Xy#12345678ab' },
        ]),
      ),
    ).toThrow(/\[1\]\.username: twice is also entry 0/);
    // A role that needs a scope, given none: refused before anything is made.
    expect(() =>
      parseBatchUsers(
        file([{ username: 'no.scope', password: 'Xy#12345678ab', roles: ['training_officer'] }]),
      ),
    ).toThrow(/\[0\]\.scope: training_officer: scope_required/);
  });

  it('makes the accounts with their roles and scope, and they can sign in', async () => {
    const entries = parseBatchUsers(
      file([
        {
          username: 'batch.org',
          password: 'Zuzhi#2026xyz',
          roles: ['org_admin'],
          scope: '422800',
          mustChangePassword: false,
        },
        {
          username: 'batch.officer',
          password: 'Jiaowu#2026xy',
          roles: ['org_admin'],
          scope: '420000',
          displayName: '李伟',
        },
      ]),
    );
    expect(await createUsers(t.services.users, ctx, entries)).toEqual([
      'Created user batch.org (org_admin).',
      'Created user batch.officer (org_admin).',
    ]);
    const org = await t.services.users.findByUsername('batch.org');
    const withRoles = await t.services.users.byId(org?.id as string);
    expect(withRoles.roles).toEqual([{ role: 'org_admin', scopeId: '422800' }]);
    expect(withRoles.user.mustChangePassword).toBe(false);
    const officer = await t.services.users.findByUsername('batch.officer');
    expect(officer?.displayName).toBe('李伟');
    expect(officer?.mustChangePassword).toBe(true);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username: 'batch.org', password: 'Zuzhi#2026xyz' },
    });
    expect(res.statusCode).toBe(200);
  });

  it('creates nothing when a username is taken', async () => {
    const entries = parseBatchUsers(
      file([
        { username: 'batch.new', password: 'Xy#12345678ab' },
        { username: 'batch.org', password: 'Xy#12345678ab' },
      ]),
    );
    await expect(createUsers(t.services.users, ctx, entries)).rejects.toThrow(
      /No account was created:\n {2}\[1\]\.username: batch\.org exists/,
    );
    expect(await t.services.users.findByUsername('batch.new')).toBeUndefined();
  });

  it('stops at an entry the service refuses and says which were made', async () => {
    const entries = parseBatchUsers(
      file([
        { username: 'batch.first', password: 'Xy#12345678ab' },
        { username: 'batch.weak', password: 'short' },
      ]),
    );
    await expect(createUsers(t.services.users, ctx, entries)).rejects.toThrow(
      /Entry \[1\] \(batch\.weak\) failed, the 1 before it were created: .*password/,
    );
    expect(await t.services.users.findByUsername('batch.first')).toBeDefined();
    expect(await t.services.users.findByUsername('batch.weak')).toBeUndefined();
  });
});
