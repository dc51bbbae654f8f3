import type { PartnershipPage, PartnershipView, Role } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Pairings (结对协作, issue 7): create and read with both sides named and both directions derived;
 * who sees a pairing (either side's org admin, the province above them, nobody else); bad input
 * with field paths; edits re-checked against the stored row; sides fixed once secondments exist.
 */

let t: TestContext;
let enshi: Client;
let jianggan: Client;
let wuhan: Client;
let hubei: Client;
let liaison: Client;
let enshiUnitId: string;
let jiangganUnitId: string;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const body = (overrides: Record<string, unknown> = {}) => ({
  name: '恩施市—江干区东西部协作',
  programme: 'east_west',
  sideA: { regionCode: '422801' },
  sideB: { regionCode: '330104' },
  startYear: 2018,
  endYear: 2020,
  contacts: [{ side: 'a', name: '李明', post: '组织部干部科科长', phone: '0718-8221234' }],
  ...overrides,
});

beforeAll(async () => {
  t = await createTestContext();
  enshiUnitId = (await makeUnit(t.database, { name: '恩施市人民医院', regionCode: '422801' })).id;
  jiangganUnitId = (await makeUnit(t.database, { name: '江干区人民医院', regionCode: '330104' })).id;
  enshi = await as('org_admin', '422801');
  jianggan = await as('org_admin', '330104');
  wuhan = await as('org_admin', '420100');
  hubei = await as('org_admin', '420000');
  liaison = await as('unit_liaison', enshiUnitId);
});
afterAll(async () => t.close());

describe('creating and reading a pairing', () => {
  let created: PartnershipView;

  it('an Enshi org admin creates it: sides named, directions derived, audited', async () => {
    const res = await enshi.post(
      '/api/v1/partnerships',
      body({ sideB: { regionCode: '330104', unitId: null } }),
    );
    expect(res.statusCode).toBe(201);
    created = res.json();
    expect(created).toMatchObject({
      name: '恩施市—江干区东西部协作',
      programme: 'east_west',
      sideA: { regionCode: '422801', regionName: '恩施市', unitId: null, label: '恩施市' },
      sideB: { regionCode: '330104', regionName: '江干区', regionNameZhTw: '江干區', label: '江干区' },
      startYear: 2018,
      endYear: 2020,
      status: 'active',
      counts: { secondments: 0, inPost: 0, jointClasses: 0 },
      canEdit: true,
    });
    expect(created.contacts).toEqual([
      { side: 'a', name: '李明', post: '组织部干部科科长', phone: '0718-8221234' },
    ]);
    expect(created.directions).toEqual([
      { direction: 'a_to_b', sendingLabel: '恩施市', receivingLabel: '江干区', name: '恩施市 → 江干区' },
      { direction: 'b_to_a', sendingLabel: '江干区', receivingLabel: '恩施市', name: '江干区 → 恩施市' },
    ]);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['partnership.create']);

    const again = await enshi.get(`/api/v1/partnerships/${created.id}`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(created);
  });

  it('the other side (Jianggan) and the province (Hubei) see it; Wuhan does not', async () => {
    for (const client of [jianggan, hubei]) {
      const res = await client.get(`/api/v1/partnerships/${created.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().canEdit).toBe(true);
      const list: PartnershipPage = (await client.get('/api/v1/partnerships?pageSize=200')).json();
      expect(list.items.map((p) => p.id)).toContain(created.id);
    }
    expect((await wuhan.get(`/api/v1/partnerships/${created.id}`)).statusCode).toBe(404);
    expect((await wuhan.get(`/api/v1/partnerships/${created.id}/talks`)).statusCode).toBe(404);
    const list: PartnershipPage = (await wuhan.get('/api/v1/partnerships?pageSize=200')).json();
    expect(list.items.map((p) => p.id)).not.toContain(created.id);
    const edit = await wuhan.patch(`/api/v1/partnerships/${created.id}`, { name: '改名' });
    expect(edit.statusCode).toBe(404);
  });

  it('a liaison has no partnership.read: 403, audited', async () => {
    const res = await liaison.get(`/api/v1/partnerships/${created.id}`);
    expect(res.statusCode).toBe(403);
    expect((await auditOf(t, res)).map((a) => a.outcome)).toEqual(['denied']);
    expect((await liaison.get('/api/v1/partnerships')).statusCode).toBe(403);
  });

  it('an org admin reaching neither side may not create it (403, audited)', async () => {
    const res = await wuhan.post('/api/v1/partnerships', body());
    expect(res.statusCode).toBe(403);
    const audit = await auditOf(t, res);
    expect(audit.map((a) => [a.action, a.outcome])).toEqual([['partnership.create', 'denied']]);
  });

  it('a side may be a unit inside its region', async () => {
    const res = await enshi.post(
      '/api/v1/partnerships',
      body({
        name: '医院结对',
        programme: 'counterpart',
        sideA: { regionCode: '422801', unitId: enshiUnitId },
        sideB: { regionCode: '330104', unitId: jiangganUnitId },
      }),
    );
    expect(res.statusCode).toBe(201);
    expect(res.json().directions[0].name).toBe('恩施市人民医院 → 江干区人民医院');
    expect(res.json().sideB).toMatchObject({ unitId: jiangganUnitId, regionName: '江干区' });
  });
});

describe('bad input', () => {
  it.each([
    ['same sides', { sideB: { regionCode: '422801' } }, [['sideB.regionCode', 'same_sides']]],
    ['end year before start', { startYear: 2020, endYear: 2018 }, [['endYear', 'end_before_start']]],
    ['region code format', { sideA: { regionCode: '4228' } }, [['sideA.regionCode', 'region_code_format']]],
    [
      'phone format',
      { contacts: [{ side: 'b', name: '王', phone: 'call me' }] },
      [['contacts.0.phone', 'phone_format']],
    ],
  ])('%s → 400 from the contract', async (_label, overrides, expected) => {
    const res = await enshi.post('/api/v1/partnerships', body(overrides));
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(expected);
  });

  it('unknown programme, unknown region, unit outside its side → 400 with every field', async () => {
    const res = await enshi.post(
      '/api/v1/partnerships',
      body({
        programme: 'friendship',
        sideA: { regionCode: '422801', unitId: jiangganUnitId },
        sideB: { regionCode: '330199' },
      }),
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual([
      ['programme', 'unknown_code'],
      ['sideA.unitId', 'unit_outside_region'],
      ['sideB.regionCode', 'region_not_found'],
    ]);
    const en = await enshi.request('POST', '/api/v1/partnerships', body({ programme: 'friendship' }), {
      'accept-language': 'en',
    });
    expect(en.json().error.fields[0].message).toBe('is not in the code list: friendship');
  });
});

describe('editing a pairing', () => {
  it('fields change and are audited; years are checked against the stored row', async () => {
    const p = await makePartnership(t.database, { startYear: 2018, endYear: null });
    const res = await enshi.patch(`/api/v1/partnerships/${p.id}`, {
      name: '恩江协作',
      status: 'suspended',
      note: '暂停一年',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ name: '恩江协作', status: 'suspended', note: '暂停一年' });
    const [audit] = await auditOf(t, res);
    expect(audit?.action).toBe('partnership.update');
    expect(audit?.changes).toMatchObject({ name: [p.name, '恩江协作'], status: ['active', 'suspended'] });

    const early = await enshi.patch(`/api/v1/partnerships/${p.id}`, { endYear: 2016 });
    expect(early.statusCode).toBe(400);
    expect(fields(early)).toEqual([['endYear', 'end_before_start']]);
    const same = await enshi.patch(`/api/v1/partnerships/${p.id}`, { sideB: { regionCode: '422801' } });
    expect(fields(same)).toEqual([['sideB.regionCode', 'same_sides']]);
    const away = await enshi.patch(`/api/v1/partnerships/${p.id}`, {
      sideA: { regionCode: '420102' },
    });
    expect(away.statusCode).toBe(403);
  });

  it('sides are fixed once the pairing has secondments (409); counts show them', async () => {
    const p = await makePartnership(t.database);
    const moved = await enshi.patch(`/api/v1/partnerships/${p.id}`, { sideB: { regionCode: '330102' } });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().sideB.regionCode).toBe('330102');

    const person = await makePerson(t.services, t.database, enshiUnitId);
    const other = await makePerson(t.services, t.database, enshiUnitId);
    const hostUnitId = (await makeUnit(t.database, { regionCode: '330102' })).id;
    await makeSecondment(t.database, p.id, person.id, {
      homeUnitId: enshiUnitId,
      hostUnitId,
      status: 'in_post',
      actualStart: '2019-04-01',
    });
    await makeSecondment(t.database, p.id, other.id, { homeUnitId: enshiUnitId, hostUnitId });
    await makeSecondment(t.database, p.id, other.id, {
      homeUnitId: enshiUnitId,
      hostUnitId,
      status: 'cancelled',
    });
    const locked = await enshi.patch(`/api/v1/partnerships/${p.id}`, { sideB: { regionCode: '330104' } });
    expect(locked.statusCode).toBe(409);
    expect(fields(locked)).toEqual([['sideB', 'sides_locked']]);
    const view = (await enshi.get(`/api/v1/partnerships/${p.id}`)).json();
    expect(view.counts).toEqual({ secondments: 2, inPost: 1, jointClasses: 0 });
    // Unchanged sides may be sent back as they are.
    const same = await enshi.patch(`/api/v1/partnerships/${p.id}`, {
      sideA: { regionCode: '422801', unitId: null },
      name: '同一结对',
    });
    expect(same.statusCode).toBe(200);
  });
});

describe('the list', () => {
  it('filters by name, region, year, programme, and sorts by start year then name', async () => {
    const tag = `列表${Math.random().toString(36).slice(2, 6)}`;
    const a = await makePartnership(t.database, { name: `${tag}C`, startYear: 2016, endYear: 2017 });
    const b = await makePartnership(t.database, { name: `${tag}A`, startYear: 2021 });
    const c = await makePartnership(t.database, {
      name: `${tag}B`,
      startYear: 2021,
      programme: 'intra_province',
      sideBRegionCode: '420102',
    });
    const ids = async (client: Client, query: string) => {
      const res = await client.get(`/api/v1/partnerships?q=${encodeURIComponent(tag)}&${query}`);
      expect(res.statusCode).toBe(200);
      return (res.json() as PartnershipPage).items.map((p) => p.id);
    };
    expect(await ids(enshi, '')).toEqual([b.id, c.id, a.id]);
    expect(await ids(enshi, 'sort=startYear')).toEqual([a.id, b.id, c.id]);
    expect(await ids(enshi, 'sort=-name')).toEqual([a.id, c.id, b.id]);
    expect(await ids(enshi, 'year=2017')).toEqual([a.id]);
    expect(await ids(enshi, 'year=2030')).toEqual([b.id, c.id]);
    expect(await ids(enshi, 'regionCode=420100')).toEqual([c.id]);
    expect(await ids(enshi, 'programme=intra_province')).toEqual([c.id]);
    expect(await ids(wuhan, '')).toEqual([c.id]);
    expect(await ids(jianggan, '')).toEqual([b.id, a.id]);
    const page = (
      await enshi.get(`/api/v1/partnerships?q=${encodeURIComponent(tag)}&pageSize=2&page=2`)
    ).json();
    expect(page).toMatchObject({ total: 3, page: 2, pageSize: 2 });
    expect(page.items.map((p: PartnershipView) => p.id)).toEqual([a.id]);
    const bad = await enshi.get('/api/v1/partnerships?sort=programme');
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([['sort', 'sort_unknown']]);
  });
});

describe("picking the other side's units", () => {
  it("lists a side's units to whoever reaches the pairing, not to others", async () => {
    const created = (await enshi.post('/api/v1/partnerships', body({ name: '单位选择测试结对' }))).json();
    const other = await makeUnit(t.database, { name: '武汉市某医院', regionCode: '420102' });
    const res = await enshi.get(
      `/api/v1/partnerships/${created.id}/units?side=b&q=${encodeURIComponent('人民医院')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(jiangganUnitId);
    expect(ids).not.toContain(enshiUnitId);
    expect(ids).not.toContain(other.id);
    const sideA = (await enshi.get(`/api/v1/partnerships/${created.id}/units?side=a`)).json();
    expect(sideA.items.map((u: { id: string }) => u.id)).toContain(enshiUnitId);
    expect((await wuhan.get(`/api/v1/partnerships/${created.id}/units?side=b`)).statusCode).toBe(404);
    expect((await enshi.get(`/api/v1/partnerships/${created.id}/units?side=c`)).statusCode).toBe(400);
  });
});
