import { eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, users } from '../src/db/schema/index.js';
import { makePerson, makeUnit, type PersonOverrides } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let admin: Client;
let unit: { id: string; name: string };

function someBirthDate(): string {
  return new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 13_500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}
const newPerson = (unitId: string, o: PersonOverrides = {}) =>
  makePerson(t.services, t.database, unitId, { birthDate: someBirthDate(), ...o });

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
  );
  unit = await makeUnit(t.database, { name: '恩施市第一中学' });
});
afterAll(async () => t.close());

describe('accounts from people', () => {
  it('creates trainee accounts named by pinyin, with initial passwords that must be changed', async () => {
    const a = await newPerson(unit.id, { name: '欧阳娜娜' });
    const b = await newPerson(unit.id, { name: '欧阳娜娜' });
    const res = await admin.post('/api/v1/people/accounts', { personIds: [a.id, b.id], role: 'trainee' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.json().items;
    expect(items).toEqual([
      expect.objectContaining({
        personId: a.id,
        name: '欧阳娜娜',
        unitName: '恩施市第一中学',
        username: 'ouyangnana',
        status: 'created',
      }),
      expect.objectContaining({ personId: b.id, username: 'ouyangnana2', status: 'created' }),
    ]);

    const account = await t.services.users.findByUsername('ouyangnana');
    expect(account).toMatchObject({ displayName: '欧阳娜娜', mustChangePassword: true });
    const [linked] = await t.database.db.select().from(people).where(eq(people.id, a.id));
    expect(linked?.userId).toBe(account?.id);
    expect((await t.services.users.byId(account?.id ?? '')).roles).toEqual([
      { role: 'trainee', scopeId: null },
    ]);

    // The initial password signs in, and the session may do nothing but change it.
    const client = new Client(t.app);
    const login = await client.login('ouyangnana', items[0].password);
    expect(login.statusCode).toBe(200);
    expect(login.json().restriction).toBe('password_change');
    expect((await client.get('/api/v1/people')).json().error.code).toBe('PASSWORD_CHANGE_REQUIRED');
    const changed = await client.post('/api/v1/auth/password', {
      currentPassword: items[0].password,
      newPassword: 'Own-Choice-2026',
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const own = await client.get('/api/v1/people');
    expect(own.json().items.map((p: { id: string }) => p.id)).toEqual([a.id]);

    const events = await auditOf(t, res);
    expect(events.map((e) => e.action)).toEqual(['user.create', 'user.create', 'person.accounts.create']);
    expect(events.at(-1)?.detail).toMatchObject({ role: 'trainee', created: ['ouyangnana', 'ouyangnana2'] });
    const trail = JSON.stringify(events);
    for (const item of items) expect(trail).not.toContain(item.password);
  });

  it('reports people who already have an account as "exists", without a password', async () => {
    const p = await newPerson(unit.id, { name: '司马光' });
    const first = await admin.post('/api/v1/people/accounts', { personIds: [p.id], role: 'lecturer' });
    expect(first.json().items[0]).toMatchObject({ username: 'simaguang', status: 'created' });
    const again = await admin.post('/api/v1/people/accounts', { personIds: [p.id, p.id], role: 'trainee' });
    expect(again.statusCode).toBe(200);
    expect(again.json().items).toEqual([
      {
        personId: p.id,
        name: '司马光',
        unitName: '恩施市第一中学',
        username: 'simaguang',
        password: null,
        status: 'exists',
      },
    ]);
    const detail = await admin.get(`/api/v1/people/${p.id}`);
    expect(detail.json()).toMatchObject({ hasAccount: true, username: 'simaguang' });
  });

  it("scopes a liaison account to the person's unit, and makes short names long enough", async () => {
    const p = await newPerson(unit.id, { name: '吴' });
    const res = await admin.post('/api/v1/people/accounts', { personIds: [p.id], role: 'unit_liaison' });
    const [item] = res.json().items;
    expect(item.username).toMatch(/^wu\d+$/);
    const account = await t.services.users.findByUsername(item.username);
    expect((await t.services.users.byId(account?.id ?? '')).roles).toEqual([
      { role: 'unit_liaison', scopeId: unit.id },
    ]);
  });

  it('returns the same sheet as xlsx with ?format=xlsx', async () => {
    const p = await newPerson(unit.id, { name: '诸葛亮' });
    const res = await admin.request('POST', '/api/v1/people/accounts?format=xlsx', {
      personIds: [p.id],
      role: 'trainee',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain("filename*=UTF-8''");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).values).toEqual([undefined, '姓名', '单位', '用户名', '初始密码', '角色']);
    const row = sheet?.getRow(2).values as string[];
    expect(row.slice(1, 4)).toEqual(['诸葛亮', '恩施市第一中学', 'zhugeliang']);
    expect(row[5]).toBe('学员');
    expect((await new Client(t.app).login('zhugeliang', row[4] ?? '')).statusCode).toBe(200);
  });

  it('refuses an unknown format before creating anything', async () => {
    const p = await newPerson(unit.id, { name: '段誉' });
    const res = await admin.request('POST', '/api/v1/people/accounts?format=pdf', {
      personIds: [p.id],
      role: 'trainee',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'querystring.format', code: 'format_unknown' }),
    ]);
    expect(await t.services.users.findByUsername('duanyu')).toBeUndefined();
  });

  it('refuses the whole batch (403, audited) when one person is out of reach, creating nothing', async () => {
    const mine = await newPerson(unit.id, { name: '独孤求败' });
    const wuhan = await makeUnit(t.database, { regionCode: '420102' });
    const theirs = await newPerson(wuhan.id, { name: '令狐冲' });
    const res = await admin.post('/api/v1/people/accounts', {
      personIds: [mine.id, theirs.id],
      role: 'trainee',
    });
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'person.accounts.create', outcome: 'denied', entityId: theirs.id }),
    ]);
    const rows = await t.database.db
      .select()
      .from(people)
      .where(inArray(people.id, [mine.id, theirs.id]));
    expect(rows.map((r) => r.userId)).toEqual([null, null]);
    expect(await t.services.users.findByUsername('duguqiubai')).toBeUndefined();
  });

  it('is all or nothing: a failure at the second account leaves no account behind', async () => {
    const a = await newPerson(unit.id, { name: '东方不败' });
    const b = await newPerson(unit.id, { name: '西门吹雪' });
    // A database fault at the second insert (a trigger stands in for a disk or network failure).
    await t.database.db.execute(sql`
      create function gx_test_refuse() returns trigger language plpgsql as $$
      begin
        if new.display_name = '西门吹雪' then raise exception 'simulated failure'; end if;
        return new;
      end $$`);
    await t.database.db.execute(
      sql`create trigger gx_test_refuse before insert on users for each row execute function gx_test_refuse()`,
    );
    try {
      const res = await admin.post('/api/v1/people/accounts', { personIds: [a.id, b.id], role: 'trainee' });
      expect(res.statusCode).toBe(500);
    } finally {
      await t.database.db.execute(sql`drop trigger gx_test_refuse on users`);
      await t.database.db.execute(sql`drop function gx_test_refuse()`);
    }
    expect(await t.services.users.findByUsername('dongfangbubai')).toBeUndefined();
    const rows = await t.database.db
      .select()
      .from(people)
      .where(inArray(people.id, [a.id, b.id]));
    expect(rows.map((r) => r.userId)).toEqual([null, null]);
  });

  it('makes one account when two requests ask for the same person at once', async () => {
    const p = await newPerson(unit.id, { name: '慕容复' });
    const results = await Promise.all(
      [1, 2].map(() => admin.post('/api/v1/people/accounts', { personIds: [p.id], role: 'trainee' })),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().items[0].status).sort()).toEqual(['created', 'exists']);
    const accounts = await t.database.db.select().from(users).where(eq(users.displayName, '慕容复'));
    expect(accounts).toHaveLength(1);
  });

  it.each([
    ['a trainee', 'trainee', null],
    ['a training officer of the unit', 'training_officer', 'unit'],
  ] as const)('is refused to %s (403)', async (_label, role, scope) => {
    const p = await newPerson(unit.id);
    const scopeId = scope === 'unit' ? unit.id : null;
    const client = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
    const res = await client.post('/api/v1/people/accounts', { personIds: [p.id], role: 'trainee' });
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'person.accounts.create', outcome: 'denied' }),
    ]);
  });

  it('never lets the accounts sheet be a way to an admin role', async () => {
    const p = await newPerson(unit.id);
    const res = await admin.post('/api/v1/people/accounts', { personIds: [p.id], role: 'system_admin' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'role' })]);
    expect((await t.database.db.select().from(users).where(eq(users.displayName, p.name))).length).toBe(0);
  });
});
