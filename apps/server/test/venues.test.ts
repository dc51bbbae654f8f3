import type { Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { units } from '../src/db/schema/index.js';
import { ensureRegion, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Venues: every holder of venue.read sees all of them; editing needs the reach of organising a
 * class for the owner unit (org admin of its region, training officer of a unit above it).
 */

let t: TestContext;
let hubeiAdmin: Client;
let school: { id: string; name: string };
let campus: { id: string; name: string };

const as = async (role: Role, scopeId: string | null = null) =>
  signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));

let seq = 0;
const body = (o: Record<string, unknown> = {}) => {
  seq += 1;
  return { kind: 'classroom', name: `第${seq}教室`, ownerUnitId: campus.id, capacity: 60, ...o };
};
const create = async (o: Record<string, unknown> = {}) => {
  const res = await hubeiAdmin.post('/api/v1/venues', body(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await createTestContext();
  await ensureRegion(t.database, '330000', '浙江省');
  await ensureRegion(t.database, '420100', '武汉市');
  await ensureRegion(t.database, '420102', '江岸区');
  await ensureRegion(t.database, '422800', '恩施州');
  school = await makeUnit(t.database, {
    name: '恩施州委党校',
    regionCode: '422801',
    type: 'party_school',
  });
  campus = await makeUnit(t.database, {
    name: '恩施州委党校北校区',
    parentId: school.id,
    regionCode: '422801',
  });
  hubeiAdmin = await as('org_admin', '420000');
});
afterAll(async () => t.close());

describe('creating, reading and updating a venue', () => {
  it('creates a classroom (201), reads it and patches only the fields sent, audited', async () => {
    const res = await hubeiAdmin.post(
      '/api/v1/venues',
      body({ name: '报告厅', building: '教学楼A', equipment: ['投影', '同传'], capacity: 300 }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const venue = res.json();
    expect(venue).toMatchObject({
      kind: 'classroom',
      name: '报告厅',
      owner: { id: campus.id, name: '恩施州委党校北校区' },
      capacity: 300,
      equipment: ['投影', '同传'],
      cityCode: null,
      cityName: null,
      canEdit: true,
      status: 'active',
    });
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'venue.create', entityType: 'venue', entityId: venue.id }),
    ]);
    expect((await hubeiAdmin.get(`/api/v1/venues/${venue.id}`)).json()).toEqual(venue);

    const patched = await hubeiAdmin.patch(`/api/v1/venues/${venue.id}`, {
      capacity: 280,
      status: 'inactive',
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ capacity: 280, status: 'inactive', building: '教学楼A' });
    const [audit] = await auditOf(t, patched);
    expect(audit).toMatchObject({ action: 'venue.update', entityId: venue.id });
    expect(audit?.changes).toEqual({ capacity: [300, 280], status: ['active', 'inactive'] });
  });

  it('creates a field-teaching site with its city and an online room with links', async () => {
    const site = await create({
      kind: 'field_site',
      name: '红色教育基地',
      capacity: null,
      address: '恩施市某路1号',
      cityCode: '422801',
    });
    expect(site).toMatchObject({ cityCode: '422801', address: '恩施市某路1号' });
    expect(site.cityName).toBeTruthy();
    const room = await create({
      kind: 'online_room',
      name: '直播间1',
      capacity: null,
      liveUrl: 'https://live.example.com/1',
      replayUrl: 'https://replay.example.com/1',
    });
    expect(room).toMatchObject({ capacity: null, liveUrl: 'https://live.example.com/1' });
    // A field site may not lose its city.
    const res = await hubeiAdmin.patch(`/api/v1/venues/${site.id}`, { cityCode: null });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'cityCode', code: 'city_required' });
  });

  it('answers 404 for an unknown venue', async () => {
    const id = crypto.randomUUID();
    expect((await hubeiAdmin.get(`/api/v1/venues/${id}`)).statusCode).toBe(404);
    expect((await hubeiAdmin.patch(`/api/v1/venues/${id}`, { capacity: 3 })).statusCode).toBe(404);
  });
});

describe('bad input', () => {
  it('refuses a duplicate name per owner (409), but allows it for another owner', async () => {
    const first = await create({ name: '一号教室' });
    const dup = await hubeiAdmin.post('/api/v1/venues', body({ name: '一号教室' }));
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error.fields).toEqual([
      expect.objectContaining({ path: 'name', code: 'venue_name_taken' }),
    ]);
    await create({ name: '一号教室', ownerUnitId: school.id });
    const other = await create({ name: '二号教室' });
    const renamed = await hubeiAdmin.patch(`/api/v1/venues/${other.id}`, { name: first.name });
    expect(renamed.statusCode).toBe(409);
    expect(renamed.json().error.fields[0]).toMatchObject({ path: 'name', code: 'venue_name_taken' });
  });

  it('refuses a merged owner unit', async () => {
    const merged = await makeUnit(t.database, { regionCode: '422801' });
    await t.database.db
      .update(units)
      .set({ status: 'merged', mergedInto: school.id })
      .where(eq(units.id, merged.id));
    const res = await hubeiAdmin.post('/api/v1/venues', body({ ownerUnitId: merged.id }));
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'ownerUnitId', code: 'unit_merged' });
  });

  it.each([
    [
      'an unknown owner unit',
      { ownerUnitId: '00000000-0000-4000-8000-000000000000' },
      'ownerUnitId',
      'unit_not_found',
    ],
    ['an unknown city', { cityCode: '429998' }, 'cityCode', 'region_not_found'],
    ['a malformed city', { cityCode: '42' }, 'cityCode', null],
    ['a field site without a city', { kind: 'field_site' }, 'cityCode', 'city_required'],
    ['a capacity of zero', { capacity: 0 }, 'capacity', null],
    ['a non-http link', { liveUrl: 'javascript:alert(1)' }, 'liveUrl', null],
    ['an unknown kind', { kind: 'gym' }, 'kind', null],
    ['an unknown field', { colour: 'red' }, '', null],
  ])('refuses %s (400)', async (_name, override, path, code) => {
    const res = await hubeiAdmin.post('/api/v1/venues', body(override));
    expect(res.statusCode, res.body).toBe(400);
    const fields = res.json().error.fields as { path: string; code: string; message: string }[];
    const field = fields.find((f) => path === '' || f.path === path);
    expect(field, JSON.stringify(fields)).toBeDefined();
    if (code) expect(field?.code).toBe(code);
    expect(field?.message).toBeTruthy();
  });

  it('refuses an unknown city and an unknown sort on update and list', async () => {
    const venue = await create();
    const res = await hubeiAdmin.patch(`/api/v1/venues/${venue.id}`, { cityCode: '429998' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'cityCode', code: 'region_not_found' });
    const sort = await hubeiAdmin.get('/api/v1/venues?sort=colour');
    expect(sort.statusCode).toBe(400);
    expect(sort.json().error.fields[0]).toMatchObject({ path: 'sort', code: 'sort_unknown' });
  });
});

describe('the list', () => {
  it('searches name, building and address; filters by kind, owner, city subtree, capacity, status', async () => {
    const owner = await makeUnit(t.database, { regionCode: '422801' });
    const wuhanOwner = await makeUnit(t.database, { regionCode: '420102' });
    const big = await create({ ownerUnitId: owner.id, name: '大礼堂', building: '综合楼', capacity: 500 });
    const small = await create({ ownerUnitId: owner.id, name: '研讨室', building: '综合楼', capacity: 20 });
    const site = await create({
      ownerUnitId: owner.id,
      kind: 'field_site',
      name: '教学点甲',
      address: '恩施市土司城',
      capacity: null,
      cityCode: '422801',
      status: 'inactive',
    });
    const wuhan = await create({
      ownerUnitId: wuhanOwner.id,
      kind: 'field_site',
      name: '教学点乙',
      capacity: 40,
      cityCode: '420102',
    });
    const ids = async (query: string) => {
      const res = await hubeiAdmin.get(`/api/v1/venues?pageSize=200&${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items.map((v: { id: string }) => v.id);
    };
    const mine = `ownerUnitId=${owner.id}`;
    expect(await ids(`${mine}&sort=-capacity`)).toEqual([big.id, small.id, site.id]);
    expect(await ids(`${mine}&sort=capacity`)).toEqual([small.id, big.id, site.id]);
    expect(await ids(`${mine}&q=${encodeURIComponent('综合')}`)).toEqual(
      expect.arrayContaining([big.id, small.id]),
    );
    expect(await ids(`${mine}&q=${encodeURIComponent('土司')}`)).toEqual([site.id]);
    expect(await ids(`${mine}&kind=field_site`)).toEqual([site.id]);
    expect(await ids(`${mine}&minCapacity=100`)).toEqual([big.id]);
    expect(await ids(`${mine}&status=active&sort=capacity`)).toEqual([small.id, big.id]);
    // City subtree: the province takes both sites, Enshi prefecture only its own.
    const hubei = await ids('kind=field_site&cityCode=420000');
    expect(hubei).toEqual(expect.arrayContaining([site.id, wuhan.id]));
    const enshi = await ids('kind=field_site&cityCode=422800');
    expect(enshi).toContain(site.id);
    expect(enshi).not.toContain(wuhan.id);
    const page = await hubeiAdmin.get(`/api/v1/venues?${mine}&sort=capacity&pageSize=1&page=2`);
    expect(page.json()).toMatchObject({ total: 3, page: 2, pageSize: 1, items: [{ id: big.id }] });
  });
});

describe('who may read and edit', () => {
  it('lets the Hubei org admin edit a venue owned in Enshi, refuses Zhejiang’s (403, audited)', async () => {
    const venue = await create();
    const zhejiang = await as('org_admin', '330000');
    const read = await zhejiang.get(`/api/v1/venues/${venue.id}`);
    expect(read.statusCode).toBe(200);
    expect(read.json().canEdit).toBe(false);
    const res = await zhejiang.patch(`/api/v1/venues/${venue.id}`, { capacity: 10 });
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'venue.update', outcome: 'denied', entityId: venue.id }),
    ]);
    const post = await zhejiang.post('/api/v1/venues', body());
    expect(post.statusCode).toBe(403);
    expect(await auditOf(t, post)).toEqual([
      expect.objectContaining({ action: 'venue.create', outcome: 'denied', entityId: campus.id }),
    ]);
    expect((await hubeiAdmin.patch(`/api/v1/venues/${venue.id}`, { capacity: 10 })).statusCode).toBe(200);
  });

  it('lets a training officer of the owner’s subtree edit, not one of another unit', async () => {
    const venue = await create();
    const officer = await as('training_officer', school.id);
    const read = await officer.get(`/api/v1/venues/${venue.id}`);
    expect(read.json().canEdit).toBe(true);
    expect((await officer.patch(`/api/v1/venues/${venue.id}`, { building: '新楼' })).statusCode).toBe(200);
    expect((await officer.post('/api/v1/venues', body())).statusCode).toBe(201);
    // Handing a venue to a unit out of reach is refused.
    const elsewhere = await makeUnit(t.database, { regionCode: '422801' });
    const away = await officer.patch(`/api/v1/venues/${venue.id}`, { ownerUnitId: elsewhere.id });
    expect(away.statusCode).toBe(403);

    const stranger = await as('training_officer', elsewhere.id);
    expect((await stranger.get(`/api/v1/venues/${venue.id}`)).json().canEdit).toBe(false);
    expect((await stranger.patch(`/api/v1/venues/${venue.id}`, { building: 'x' })).statusCode).toBe(403);
  });

  it.each([
    ['class_director', null, 200],
    ['unit_liaison', 'unit', 403],
    ['trainee', null, 403],
  ] as const)('%s (scope %s) reads with %i and may not edit', async (role, scope, read) => {
    const venue = await create();
    const client = await as(role, scope === 'unit' ? campus.id : scope);
    const list = await client.get('/api/v1/venues');
    expect(list.statusCode).toBe(read);
    const one = await client.get(`/api/v1/venues/${venue.id}`);
    expect(one.statusCode).toBe(read);
    if (read === 200) expect(one.json().canEdit).toBe(false);
    else
      expect(await auditOf(t, one)).toEqual([
        expect.objectContaining({ action: 'venue.read', outcome: 'denied', entityId: venue.id }),
      ]);
    const patch = await client.patch(`/api/v1/venues/${venue.id}`, { capacity: 5 });
    expect(patch.statusCode).toBe(403);
    expect(await auditOf(t, patch)).toEqual([
      expect.objectContaining({ action: 'venue.update', outcome: 'denied', entityId: venue.id }),
    ]);
    expect((await client.post('/api/v1/venues', body())).statusCode).toBe(403);
  });
});
