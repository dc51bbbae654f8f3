import { ROLE_PERMISSIONS, ROLES, type Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, units } from '../src/db/schema/index.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { defaultScope, makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * The tree these tests share (each test that changes it makes its own units):
 *
 *   E 恩施州卫健委 (422800)
 *   ├── A 恩施市卫健局 (422801)  — liaison `liaisonA`
 *   │   ├── A1 舞阳坝街道卫生院 (422801)
 *   │   └── A2 (422801)
 *   └── B 利川市卫健局 (422802)
 *   W 武汉市卫健委 (420100)
 *   └── C 驻汉办 (422801) — in Enshi's region under a Wuhan parent
 */
let t: TestContext;
let E: Unit;
let A: Unit;
let A1: Unit;
let A2: Unit;
let B: Unit;
let W: Unit;
let C: Unit;
let orgAdmin: Client;
let liaisonA: Client;
let director: Client;
let zhejiangAdmin: Client;
type Unit = Awaited<ReturnType<typeof makeUnit>>;

/** A unified social credit code with a valid check character, unique per call. */
let usccCounter = 0;
function makeUscc(): string {
  const chars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  usccCounter += 1;
  const first17 = `12422800MB${String(usccCounter + Math.floor(Math.random() * 1e6)).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += chars.indexOf(first17[i] ?? '') * (weights[i] ?? 0);
  return first17 + chars[(31 - (sum % 31)) % 31];
}

/**
 * A person in a unit. Each gets a birth date of their own: the factory's ID numbers vary in only
 * about a hundred ways per birth date and gender.
 */
let born = 0;
function addPerson(unitId: string) {
  born += 1;
  const birthDate = `19${60 + (born % 40)}-0${1 + (born % 9)}-1${born % 10}`;
  return makePerson(t.services, t.database, unitId, { birthDate });
}

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

beforeAll(async () => {
  t = await createTestContext();
  const db = t.database;
  E = await makeUnit(db, { name: '恩施州卫健委', regionCode: '422800' });
  A = await makeUnit(db, { name: '恩施市卫健局', parentId: E.id });
  A1 = await makeUnit(db, { name: '舞阳坝街道卫生院', type: 'health_centre', parentId: A.id });
  A2 = await makeUnit(db, { name: '恩施市第一幼儿园', type: 'kindergarten', parentId: A.id });
  B = await makeUnit(db, { name: '利川市卫健局', regionCode: '422802', parentId: E.id });
  W = await makeUnit(db, { name: '武汉市卫健委', regionCode: '420100' });
  C = await makeUnit(db, { name: '恩施州驻汉办', parentId: W.id });
  await addPerson(A.id);
  await addPerson(A.id);
  orgAdmin = await as('org_admin', '422800');
  liaisonA = await as('unit_liaison', A.id);
  director = await as('class_director', null);
  zhejiangAdmin = await as('org_admin', '330000');
});
afterAll(async () => t.close());

const ids = (res: { json(): { items: { id: string }[] } }) => res.json().items.map((u) => u.id);

describe('reading units within scope', () => {
  it('shows a unit with its region, parent, ancestors and counts', async () => {
    const res = await orgAdmin.get(`/api/v1/units/${A.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      id: A.id,
      name: '恩施市卫健局',
      uscc: null,
      type: 'party_government',
      regionCode: '422801',
      regionName: '恩施市',
      parentId: E.id,
      parentName: '恩施州卫健委',
      status: 'active',
      mergedInto: null,
      childCount: 2,
      peopleCount: 2,
      ancestors: [{ id: E.id, name: '恩施州卫健委' }],
    });
  });

  it('names the region in Traditional Chinese for a zh-TW reader', async () => {
    director.locale = 'zh-TW';
    const res = await director.get(`/api/v1/units/${W.id}`);
    director.locale = 'zh-CN';
    expect(res.json().regionName).toBe('武漢市');
  });

  it.each([
    { who: 'org admin of 422800', client: () => orgAdmin, sees: () => [E, A, A1, A2, B, C], not: () => [W] },
    { who: 'liaison of A', client: () => liaisonA, sees: () => [A, A1, A2], not: () => [E, B, W, C] },
    { who: 'class director', client: () => director, sees: () => [E, A, A1, A2, B, W, C], not: () => [] },
  ])('lists for the $who exactly the units in scope', async ({ client, sees, not }) => {
    const res = await client().get('/api/v1/units?pageSize=200');
    expect(res.statusCode).toBe(200);
    const listed = ids(res);
    for (const u of sees()) expect(listed).toContain(u.id);
    for (const u of not()) expect(listed).not.toContain(u.id);
  });

  it.each([
    { who: 'org admin of 422800', client: () => orgAdmin, roots: () => [E, C] },
    { who: 'liaison of A', client: () => liaisonA, roots: () => [A] },
  ])('gives the $who the topmost units they may see as tree roots', async ({ client, roots }) => {
    const res = await client().get('/api/v1/units/roots');
    expect(res.statusCode).toBe(200);
    expect(ids(res).sort()).toEqual(
      roots()
        .map((u) => u.id)
        .sort(),
    );
  });

  it.each([
    { name: 'parent', query: () => `?parentId=${A.id}`, expected: () => [A1, A2] },
    { name: 'region subtree', query: () => '?regionCode=422802', expected: () => [B] },
    { name: 'name', query: () => '?q=卫生院', expected: () => [A1] },
    { name: 'type', query: () => '?type=kindergarten', expected: () => [A2] },
  ])('filters by $name', async ({ query, expected }) => {
    const res = await orgAdmin.get(`/api/v1/units${query()}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(ids(res).sort()).toEqual(
      expected()
        .map((u) => u.id)
        .sort(),
    );
  });

  it('counts children and people in a fixed number of queries (a page of many units)', async () => {
    const res = await director.get('/api/v1/units?pageSize=200&sort=name');
    const e = res.json().items.find((u: { id: string }) => u.id === E.id);
    expect(e).toMatchObject({ childCount: 2, peopleCount: 0, ancestors: [] });
  });

  it.each([
    {
      who: 'liaison of A reading B',
      client: () => liaisonA,
      action: 'unit.read',
      req: (c: Client) => c.get(`/api/v1/units/${B.id}`),
    },
    {
      who: 'liaison of A renaming B',
      client: () => liaisonA,
      action: 'unit.update',
      req: (c: Client) => c.patch(`/api/v1/units/${B.id}`, { name: '改名' }),
    },
    {
      who: 'org admin of 422800 reading W',
      client: () => orgAdmin,
      action: 'unit.read',
      req: (c: Client) => c.get(`/api/v1/units/${W.id}`),
    },
    {
      who: 'org admin of 422800 moving C under W',
      client: () => orgAdmin,
      action: 'unit.move',
      req: (c: Client) => c.post(`/api/v1/units/${C.id}/move`, { parentId: W.id }),
    },
  ])('denies the $who with 403 and an audited denial', async ({ client, action, req }) => {
    const res = await req(client());
    expect(res.statusCode, res.body).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action, outcome: 'denied', entityType: 'unit' }),
    ]);
  });

  const CASES = ROLES.map((role) => ({ role, allowed: ROLE_PERMISSIONS[role].includes('unit.read') }));
  it.each(CASES)('$role may list units: $allowed', async ({ role, allowed }) => {
    const client = await as(role, await defaultScope(t.database, role));
    const res = await client.get('/api/v1/units');
    expect(res.statusCode).toBe(allowed ? 200 : 403);
  });

  it('answers 404 for a unit that does not exist', async () => {
    expect((await orgAdmin.get(`/api/v1/units/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});

describe('creating and updating units', () => {
  it('lets a liaison add a unit under their own, with a path below it and an audit event', async () => {
    const uscc = makeUscc();
    const res = await liaisonA.post('/api/v1/units', {
      name: '龙凤镇卫生院',
      type: 'health_centre',
      regionCode: '422801',
      parentId: A.id,
      uscc: uscc.toLowerCase(),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ uscc, parentId: A.id, ancestors: [{ id: E.id }, { id: A.id }] });
    const [row] = await t.database.db.select().from(units).where(eq(units.id, res.json().id));
    expect(row?.path).toBe(`${A.path}${res.json().id}/`);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'unit.create', outcome: 'success' }),
    ]);
  });

  it('lets an org admin create a top-level unit in their region', async () => {
    const res = await orgAdmin.post('/api/v1/units', {
      name: '恩施州委党校',
      type: 'party_school',
      regionCode: '422801',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ parentId: null, ancestors: [], regionName: '恩施市' });
  });

  it.each([
    { who: 'liaison, a top-level unit', client: () => liaisonA, body: () => ({ regionCode: '422801' }) },
    {
      who: 'liaison, under B',
      client: () => liaisonA,
      body: () => ({ regionCode: '422802', parentId: B.id }),
    },
    { who: 'org admin, in Wuhan', client: () => orgAdmin, body: () => ({ regionCode: '420100' }) },
    {
      who: 'org admin, under W',
      client: () => orgAdmin,
      body: () => ({ regionCode: '422801', parentId: W.id }),
    },
  ])('refuses the $who with 403', async ({ client, body }) => {
    const res = await client().post('/api/v1/units', {
      name: `新单位${Math.random()}`,
      type: 'other',
      ...body(),
    });
    expect(res.statusCode, res.body).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'unit.create', outcome: 'denied' }),
    ]);
  });

  it.each([
    {
      name: 'a wrong check character',
      body: () => ({ uscc: '91350100M000100Y44' }),
      status: 400,
      field: 'uscc',
      code: 'uscc_invalid',
    },
    {
      name: 'an unknown region',
      body: () => ({ regionCode: '422899' }),
      status: 400,
      field: 'regionCode',
      code: 'region_not_found',
    },
    {
      name: 'a sibling of the same name',
      body: () => ({ name: '舞阳坝街道卫生院' }),
      status: 409,
      field: 'name',
      code: 'unit_name_taken',
    },
    {
      name: 'a parent that does not exist',
      body: () => ({ parentId: crypto.randomUUID() }),
      status: 400,
      field: 'parentId',
      code: 'unit_not_found',
    },
  ])('refuses $name ($status on $field)', async ({ body, status, field, code }) => {
    const res = await orgAdmin.post('/api/v1/units', {
      name: `新卫生院${Math.random().toString(36).slice(2, 6)}`,
      type: 'health_centre',
      regionCode: '422801',
      parentId: A.id,
      ...body(),
    });
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: field, code })]);
  });

  it('refuses a new unit in an abolished region (Hangzhou 江干区, 2021)', async () => {
    const res = await zhejiangAdmin.post('/api/v1/units', {
      name: '江干区卫健局',
      type: 'party_government',
      regionCode: '330104',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'regionCode', code: 'region_abolished' }),
    ]);
    const current = await zhejiangAdmin.post('/api/v1/units', {
      name: '上城区卫健局',
      type: 'party_government',
      regionCode: '330102',
    });
    expect(current.statusCode).toBe(201);
  });

  it('refuses a credit code another unit holds (409 on uscc)', async () => {
    const uscc = makeUscc();
    await makeUnit(t.database, { name: '持码单位', parentId: E.id, uscc });
    const res = await orgAdmin.patch(`/api/v1/units/${B.id}`, { uscc });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'uscc', code: 'uscc_taken' })]);
  });

  it('allows the same name under another parent, and renames with an audited diff', async () => {
    const twin = await orgAdmin.post('/api/v1/units', {
      name: '舞阳坝街道卫生院',
      type: 'health_centre',
      regionCode: '422802',
      parentId: B.id,
    });
    expect(twin.statusCode, twin.body).toBe(201);
    const res = await orgAdmin.patch(`/api/v1/units/${twin.json().id}`, { name: '利川市团堡镇卫生院' });
    expect(res.statusCode).toBe(200);
    expect(res.json().name).toBe('利川市团堡镇卫生院');
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'unit.update',
        changes: { name: ['舞阳坝街道卫生院', '利川市团堡镇卫生院'] },
      }),
    ]);
  });

  it("refuses to take a unit out of the editor's region (403)", async () => {
    const res = await orgAdmin.patch(`/api/v1/units/${B.id}`, { regionCode: '420100' });
    expect(res.statusCode).toBe(403);
  });
});

describe('moving units', () => {
  it('refuses cycles: under itself or under a descendant', async () => {
    for (const parentId of [E.id, A1.id]) {
      const res = await orgAdmin.post(`/api/v1/units/${parentId === E.id ? E.id : A.id}/move`, { parentId });
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.fields).toEqual([
        expect.objectContaining({ path: 'parentId', code: 'move_cycle' }),
      ]);
    }
  });

  it('moves a subtree in one go: paths rewritten, the old liaison loses it, the new one gains it', async () => {
    const X = await makeUnit(t.database, { name: '待迁科室', parentId: A.id });
    const X1 = await makeUnit(t.database, { name: '待迁小组', parentId: X.id });
    const liaisonB = await as('unit_liaison', B.id);
    expect((await liaisonA.get(`/api/v1/units/${X1.id}`)).statusCode).toBe(200);

    const res = await orgAdmin.post(`/api/v1/units/${X.id}/move`, { parentId: B.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      parentId: B.id,
      parentName: '利川市卫健局',
      ancestors: [{ id: E.id }, { id: B.id }],
    });
    const rows = await t.database.db.select().from(units).where(eq(units.parentId, X.id));
    expect(rows.map((r) => r.path)).toEqual([`${B.path}${X.id}/${X1.id}/`]);

    const denied = await liaisonA.get(`/api/v1/units/${X1.id}`);
    expect(denied.statusCode).toBe(403);
    expect(ids(await liaisonA.get('/api/v1/units?pageSize=200'))).not.toContain(X1.id);
    expect((await liaisonB.get(`/api/v1/units/${X1.id}`)).statusCode).toBe(200);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'unit.move',
        changes: { parentId: [A.id, B.id] },
        detail: { subtreeSize: 2 },
      }),
    ]);
  });

  it('lets an org admin lift a unit to the top level, but not a liaison their own unit', async () => {
    const Y = await makeUnit(t.database, { name: '独立出来的单位', parentId: A.id });
    const liaisonY = await as('unit_liaison', Y.id);
    expect((await liaisonY.post(`/api/v1/units/${Y.id}/move`, { parentId: null })).statusCode).toBe(403);
    const res = await orgAdmin.post(`/api/v1/units/${Y.id}/move`, { parentId: null });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ parentId: null, ancestors: [] });
    expect(ids(await liaisonA.get('/api/v1/units?pageSize=200'))).not.toContain(Y.id);
  });

  it('refuses a move next to a sibling of the same name (409)', async () => {
    await makeUnit(t.database, { name: '同名科', parentId: B.id });
    const Z = await makeUnit(t.database, { name: '同名科', parentId: A.id });
    const res = await orgAdmin.post(`/api/v1/units/${Z.id}/move`, { parentId: B.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'parentId', code: 'unit_name_taken' }),
    ]);
  });
});

describe('merging units', () => {
  it('moves people and child units to the target and marks the source merged, in one audited step', async () => {
    const S = await makeUnit(t.database, { name: '撤并前卫生院', type: 'health_centre', parentId: A.id });
    const S1 = await makeUnit(t.database, { name: '撤并前分院', parentId: S.id });
    const S1a = await makeUnit(t.database, { name: '撤并前分院门诊', parentId: S1.id });
    const T = await makeUnit(t.database, { name: '合并后卫生院', type: 'health_centre', parentId: A.id });
    const p1 = await addPerson(S.id);
    const p2 = await addPerson(S.id);

    const res = await orgAdmin.post(`/api/v1/units/${S.id}/merge`, { targetId: T.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      id: S.id,
      status: 'merged',
      mergedInto: T.id,
      peopleCount: 0,
      childCount: 0,
    });

    const moved = await t.database.db.select().from(people).where(eq(people.unitId, T.id));
    expect(moved.map((p) => p.id).sort()).toEqual([p1.id, p2.id].sort());
    const [s1] = await t.database.db.select().from(units).where(eq(units.id, S1.id));
    const [s1a] = await t.database.db.select().from(units).where(eq(units.id, S1a.id));
    expect(s1).toMatchObject({ parentId: T.id, path: `${T.path}${S1.id}/` });
    expect(s1a?.path).toBe(`${T.path}${S1.id}/${S1a.id}/`);
    const target = await orgAdmin.get(`/api/v1/units/${T.id}`);
    expect(target.json()).toMatchObject({ childCount: 1, peopleCount: 2 });

    expect(ids(await orgAdmin.get(`/api/v1/units?parentId=${A.id}`))).not.toContain(S.id);
    expect(ids(await orgAdmin.get(`/api/v1/units?parentId=${A.id}&includeMerged=true`))).toContain(S.id);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'unit.merge',
        entityId: S.id,
        detail: expect.objectContaining({ targetId: T.id, people: 2, children: 1, descendants: 2 }),
      }),
    ]);
    // A merged unit takes no more changes.
    const again = await orgAdmin.patch(`/api/v1/units/${S.id}`, { name: '复活' });
    expect(again.statusCode).toBe(409);
  });

  it.each([
    { name: 'into itself', source: () => A, target: () => A, status: 400, code: 'merge_self' },
    {
      name: 'into its own descendant',
      source: () => A,
      target: () => A1,
      status: 400,
      code: 'merge_into_descendant',
    },
  ])('refuses a merge $name', async ({ source, target, status, code }) => {
    const res = await orgAdmin.post(`/api/v1/units/${source().id}/merge`, { targetId: target().id });
    expect(res.statusCode).toBe(status);
    expect(res.json().error.fields).toEqual([expect.objectContaining({ path: 'targetId', code })]);
  });

  it('refuses a merge that would put two children of one name under the target (409)', async () => {
    const S = await makeUnit(t.database, { name: '甲院', parentId: E.id });
    const T = await makeUnit(t.database, { name: '乙院', parentId: E.id });
    await makeUnit(t.database, { name: '内科', parentId: S.id });
    await makeUnit(t.database, { name: '内科', parentId: T.id });
    const res = await orgAdmin.post(`/api/v1/units/${S.id}/merge`, { targetId: T.id });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'targetId', code: 'merge_name_clash' }),
    ]);
    const [s] = await t.database.db.select().from(units).where(eq(units.id, S.id));
    expect(s?.status).toBe('active');
  });

  it.each([
    { who: 'a liaison (no unit.merge)', client: () => liaisonA, source: () => A1, target: () => A2 },
    {
      who: 'an org admin, into a unit outside their region',
      client: () => orgAdmin,
      source: () => C,
      target: () => W,
    },
  ])('denies $who with 403 and an audited denial', async ({ client, source, target }) => {
    const res = await client().post(`/api/v1/units/${source().id}/merge`, { targetId: target().id });
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'unit.merge', outcome: 'denied' }),
    ]);
  });
});
