import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let system: Client;
let trainee: Client;
beforeAll(async () => {
  t = await createTestContext();
  system = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'system_admin' }] }));
  trainee = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }));
});
afterAll(async () => t.close());

const label = { 'zh-CN': '专题研讨班', 'zh-TW': '專題研討班', en: 'Thematic seminar' };

describe('national-standard code lists', () => {
  it.each([
    { code: 'political_status', standard: 'GB/T 4762', count: 13, first: ['01', '中国共产党党员'] },
    { code: 'ethnicity', standard: 'GB 3304', count: 58, first: ['01', '汉族'] },
    { code: 'post_level', standard: 'GB/T 12407', count: undefined, first: ['0101', '国家级正职'] },
  ])('$code ($standard) is shipped read-only', async ({ code, standard, count, first }) => {
    const lists = (await trainee.get('/api/v1/dictionaries')).json().items;
    const list = lists.find((d: { code: string }) => d.code === code);
    expect(list).toMatchObject({ code, standard, editable: false });
    const res = await trainee.get(`/api/v1/dictionaries/${code}/items`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    if (count !== undefined) expect(items).toHaveLength(count);
    expect(items.length).toBe(list.itemCount);
    expect([items[0].code, items[0].label['zh-CN']]).toEqual(first);
    expect(new Set(items.map((i: { code: string }) => i.code)).size).toBe(items.length);
  });

  it.each([
    { method: 'POST', url: '/api/v1/dictionaries/political_status/items', body: { code: '99', label } },
    { method: 'PATCH', url: '/api/v1/dictionaries/ethnicity/items/01', body: { active: false } },
  ] as const)('refuses a system admin $method on a standard list with 403', async ({ method, url, body }) => {
    const res = await system.request(method, url, body);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('FORBIDDEN');
    expect(await auditOf(t, res)).toEqual([expect.objectContaining({ outcome: 'denied' })]);
    const items = (await system.get('/api/v1/dictionaries/ethnicity/items')).json().items;
    expect(items[0]).toMatchObject({ code: '01', active: true });
  });

  it('answers 404 for an unknown list', async () => {
    const res = await trainee.get('/api/v1/dictionaries/no_such_list/items');
    expect(res.statusCode).toBe(404);
  });
});

describe('a configurable list (class_kind)', () => {
  it('lets the system admin add, edit and deactivate an item, each audited', async () => {
    const added = await system.post('/api/v1/dictionaries/class_kind/items', {
      code: 'test-seminar',
      label,
      sortOrder: 5,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ code: 'test-seminar', label, sortOrder: 5, active: true });
    expect(await auditOf(t, added)).toEqual([
      expect.objectContaining({
        action: 'dictionary.item.create',
        entityId: 'class_kind/test-seminar',
        outcome: 'success',
      }),
    ]);

    const renamed = await system.patch('/api/v1/dictionaries/class_kind/items/test-seminar', {
      label: { ...label, en: 'Thematic workshop' },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().label.en).toBe('Thematic workshop');

    const deactivated = await system.patch('/api/v1/dictionaries/class_kind/items/test-seminar', {
      active: false,
    });
    expect(deactivated.json().active).toBe(false);
    expect(await auditOf(t, deactivated)).toEqual([
      expect.objectContaining({ action: 'dictionary.item.update', changes: { active: [true, false] } }),
    ]);

    const visible = (await trainee.get('/api/v1/dictionaries/class_kind/items')).json().items;
    expect(visible.map((i: { code: string }) => i.code)).not.toContain('test-seminar');
    const all = (await trainee.get('/api/v1/dictionaries/class_kind/items?includeInactive=true')).json()
      .items;
    expect(all).toContainEqual(expect.objectContaining({ code: 'test-seminar', active: false }));
  });

  it('refuses a duplicate item code with 409 on code', async () => {
    const first = await system.post('/api/v1/dictionaries/class_kind/items', { code: 'dup-kind', label });
    expect(first.statusCode).toBe(201);
    const again = await system.post('/api/v1/dictionaries/class_kind/items', { code: 'dup-kind', label });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'CONFLICT', fields: [{ path: 'code', code: 'taken' }] });
  });

  it('answers 404 when editing an item that does not exist', async () => {
    const res = await system.patch('/api/v1/dictionaries/class_kind/items/missing', { active: false });
    expect(res.statusCode).toBe(404);
  });

  it('lets a business user read but not edit', async () => {
    expect((await trainee.get('/api/v1/dictionaries/class_kind/items')).statusCode).toBe(200);
    const add = await trainee.post('/api/v1/dictionaries/class_kind/items', { code: 'mine', label });
    expect(add.statusCode).toBe(403);
    expect(add.json().error.code).toBe('FORBIDDEN');
    const edit = await trainee.patch('/api/v1/dictionaries/class_kind/items/dup-kind', { active: false });
    expect(edit.statusCode).toBe(403);
  });

  it.each([
    { body: { code: 'bad code', label }, path: 'code' },
    { body: { code: 'ok', label: { ...label, en: '' } }, path: 'label.en' },
    { body: { code: 'ok', label: { ...label, 'zh-CN': 'a\u0007b' } }, path: 'label.zh-CN' },
    { body: { code: 'ok', label, sortOrder: -1 }, path: 'sortOrder' },
  ])('refuses a bad item with 400 on $path', async ({ body, path }) => {
    const res = await system.post('/api/v1/dictionaries/class_kind/items', body);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path }));
  });
});
