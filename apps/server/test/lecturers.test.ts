import type { Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lecturers } from '../src/db/schema/index.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * The lecturer pool: one for the whole platform, read with lecturer.read and written with
 * lecturer.edit; the mobile number is stored encrypted and only ever shown (and audited) masked.
 */

let t: TestContext;
let admin: Client;
let adminId: string;

const as = async (role: Role, scopeId: string | null = null) =>
  signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));

let seq = 0;
/** A unique lecturer body (names and topics tagged so list assertions only see this test's rows). */
const body = (o: Record<string, unknown> = {}) => {
  seq += 1;
  return { kind: 'external', name: `王芳${seq}`, ...o };
};

const create = async (o: Record<string, unknown> = {}) => {
  const res = await admin.post('/api/v1/lecturers', body(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await createTestContext();
  const user = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '420000' }] });
  adminId = user.user.id;
  admin = await signIn(t, user);
});
afterAll(async () => t.close());

describe('creating, reading and updating a lecturer', () => {
  it('creates (201), reads and patches only the fields sent, audited', async () => {
    const res = await admin.post(
      '/api/v1/lecturers',
      body({
        name: '李建国',
        affiliation: '华中科技大学',
        title: '教授',
        expertise: ['公共卫生', '应急管理'],
        mobile: '13812345678',
        email: 'li@example.com',
        biography: '长期从事公共卫生研究。\n著有多部专著。',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json();
    expect(created).toMatchObject({
      kind: 'external',
      name: '李建国',
      affiliation: '华中科技大学',
      expertise: ['公共卫生', '应急管理'],
      mobile: '138****5678',
      personId: null,
      personName: null,
      status: 'active',
    });
    const [audit] = await auditOf(t, res);
    expect(audit).toMatchObject({ action: 'lecturer.create', entityId: created.id, actorId: adminId });
    expect(JSON.stringify(audit)).not.toContain('13812345678');
    expect(audit?.changes).toMatchObject({ mobileMasked: '138****5678', name: '李建国' });

    const [row] = await t.database.db.select().from(lecturers).where(eq(lecturers.id, created.id));
    expect(row?.mobileEnc).toBeTruthy();
    expect(row?.mobileEnc).not.toContain('13812345678');
    expect(row?.namePinyin).toBe('lijianguo');
    expect(t.services.cipher.decrypt(row?.mobileEnc ?? '')).toBe('13812345678');

    expect((await admin.get(`/api/v1/lecturers/${created.id}`)).json()).toEqual(created);

    const patched = await admin.patch(`/api/v1/lecturers/${created.id}`, {
      title: '研究员',
      mobile: '13987654321',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({
      title: '研究员',
      mobile: '139****4321',
      affiliation: '华中科技大学',
      biography: created.biography,
    });
    const [update] = await auditOf(t, patched);
    expect(update).toMatchObject({ action: 'lecturer.update', entityId: created.id });
    expect(update?.changes).toEqual({
      title: ['教授', '研究员'],
      mobileMasked: ['138****5678', '139****4321'],
    });
    expect(JSON.stringify(update)).not.toContain('13987654321');

    // Clearing the mobile number; a rename refreshes the pinyin.
    const cleared = await admin.patch(`/api/v1/lecturers/${created.id}`, { mobile: null, name: '张建国' });
    expect(cleared.json()).toMatchObject({ mobile: null, name: '张建国' });
    const [after] = await t.database.db.select().from(lecturers).where(eq(lecturers.id, created.id));
    expect(after).toMatchObject({ mobileEnc: null, mobileHash: null, namePinyin: 'zhangjianguo' });

    // No change, no audit.
    const same = await admin.patch(`/api/v1/lecturers/${created.id}`, { title: '研究员' });
    expect(same.statusCode).toBe(200);
    expect(await auditOf(t, same)).toEqual([]);
  });

  it('links an internal lecturer to a person, once', async () => {
    const unit = await makeUnit(t.database);
    const person = await makePerson(t.services, t.database, unit.id, { name: '赵内部' });
    const linked = await create({ kind: 'internal', personId: person.id });
    expect(linked).toMatchObject({ personId: person.id, personName: '赵内部' });

    const again = await admin.post('/api/v1/lecturers', body({ personId: person.id }));
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields).toEqual([
      expect.objectContaining({ path: 'personId', code: 'lecturer_person_taken' }),
    ]);
    const other = await create();
    const moved = await admin.patch(`/api/v1/lecturers/${other.id}`, { personId: person.id });
    expect(moved.statusCode).toBe(409);
    expect(moved.json().error.fields[0]).toMatchObject({ path: 'personId', code: 'lecturer_person_taken' });
  });

  it('refuses to link a person out of the editor’s directory reach (403, audited)', async () => {
    const hangzhou = await makeUnit(t.database, { regionCode: '330102' });
    const person = await makePerson(t.services, t.database, hangzhou.id);
    const res = await admin.post('/api/v1/lecturers', body({ personId: person.id }));
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'lecturer.create', outcome: 'denied', entityId: person.id }),
    ]);
  });

  it('answers 404 for an unknown lecturer', async () => {
    const id = crypto.randomUUID();
    expect((await admin.get(`/api/v1/lecturers/${id}`)).statusCode).toBe(404);
    expect((await admin.patch(`/api/v1/lecturers/${id}`, { title: 'x' })).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it.each([
    ['a bad mobile number', { mobile: '12345' }, 400, 'mobile', 'mobile_format'],
    ['a bad email', { email: 'not-an-email' }, 400, 'email', null],
    ['an unknown kind', { kind: 'guest' }, 400, 'kind', null],
    ['an empty name', { name: '' }, 400, 'name', null],
    ['an unknown field', { salary: 1 }, 400, '', null],
    ['too many topics', { expertise: Array.from({ length: 31 }, (_, i) => `t${i}`) }, 400, 'expertise', null],
    [
      'an unknown person',
      { personId: '00000000-0000-4000-8000-000000000000' },
      400,
      'personId',
      'person_unknown',
    ],
  ])('refuses %s', async (_name, override, status, path, code) => {
    const res = await admin.post('/api/v1/lecturers', body(override));
    expect(res.statusCode, res.body).toBe(status);
    const fields = res.json().error.fields as { path: string; code: string; message: string }[];
    const field = fields.find((f) => path === '' || f.path === path);
    expect(field, JSON.stringify(fields)).toBeDefined();
    if (code) expect(field?.code).toBe(code);
    expect(field?.message).toBeTruthy();
  });

  it('refuses a bad mobile number on update, and an unknown sort', async () => {
    const lecturer = await create();
    const res = await admin.patch(`/api/v1/lecturers/${lecturer.id}`, { mobile: 'abc' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'mobile', code: 'mobile_format' });
    const sort = await admin.get('/api/v1/lecturers?sort=salary');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.fields[0]).toMatchObject({ path: 'sort', code: 'sort_unknown' });
  });
});

describe('the list', () => {
  it('searches by name, pinyin letters, affiliation and topic, and filters', async () => {
    const tag = `T${Date.now().toString(36)}`;
    const a = await create({ name: '欧阳明', affiliation: `武汉大学${tag}`, expertise: [`党史${tag}`] });
    const b = await create({
      kind: 'internal',
      name: '欧阳红',
      affiliation: `${tag}党校`,
      expertise: [`经济${tag}`],
      status: 'inactive',
    });
    const ids = async (query: string) => {
      const res = await admin.get(`/api/v1/lecturers?pageSize=200&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((l: { id: string }) => l.id);
    };
    expect(await ids(`q=${tag}`)).toEqual([b.id, a.id]); // by pinyin: ouyanghong < ouyangming
    expect(await ids(`q=${tag}&sort=-name`)).toEqual([a.id, b.id]);
    expect(await ids(`q=${encodeURIComponent(`党史${tag}`)}`)).toEqual([a.id]);
    expect(await ids('q=ouyangm')).toContain(a.id);
    expect(await ids('q=ouyangm')).not.toContain(b.id);
    expect(await ids('q=oyh')).toContain(b.id);
    expect(await ids(`q=${encodeURIComponent('欧阳')}`)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect(await ids(`expertise=${encodeURIComponent(`经济${tag}`)}`)).toEqual([b.id]);
    expect(await ids(`q=${tag}&kind=internal`)).toEqual([b.id]);
    expect(await ids(`q=${tag}&status=active`)).toEqual([a.id]);

    const page = await admin.get(`/api/v1/lecturers?q=${tag}&pageSize=1&page=2`);
    expect(page.json()).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [{ id: a.id }] });
  });

  it('shows mobile numbers masked in lists', async () => {
    const tag = `M${Date.now().toString(36)}`;
    await create({ affiliation: tag, mobile: '13700001111' });
    const res = await admin.get(`/api/v1/lecturers?q=${tag}`);
    expect(res.json().items[0].mobile).toBe('137****1111');
    expect(res.body).not.toContain('13700001111');
  });
});

describe('who may read and edit', () => {
  it.each([
    ['org_admin', '420000', 200, 201],
    ['training_officer', 'unit', 200, 201],
    ['class_director', null, 200, 403],
    ['unit_liaison', 'unit', 403, 403],
    ['trainee', null, 403, 403],
  ] as const)('%s (scope %s): read %i, create %i', async (role, scope, read, write) => {
    const scopeId = scope === 'unit' ? (await makeUnit(t.database)).id : scope;
    const client = await as(role, scopeId);
    const existing = await create();
    const list = await client.get('/api/v1/lecturers');
    expect(list.statusCode).toBe(read);
    expect((await client.get(`/api/v1/lecturers/${existing.id}`)).statusCode).toBe(read);
    const post = await client.post('/api/v1/lecturers', body());
    expect(post.statusCode, post.body).toBe(write);
    const patch = await client.patch(`/api/v1/lecturers/${existing.id}`, { title: '讲师' });
    expect(patch.statusCode).toBe(write === 201 ? 200 : 403);
    if (read === 403)
      expect(await auditOf(t, list)).toEqual([
        expect.objectContaining({ action: 'lecturer.read', outcome: 'denied' }),
      ]);
    if (write === 403)
      expect(await auditOf(t, patch)).toEqual([
        expect.objectContaining({ action: 'lecturer.update', outcome: 'denied', entityId: existing.id }),
      ]);
  });
});
