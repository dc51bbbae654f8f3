import type { Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classEvents, classQuotas, nominations } from '../src/db/schema/index.js';
import { makeClass, makeQuota } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Quotas (名额分配): the whole list is replaced at once (matched by holder), never over the class's
 * capacity or below the seats taken; nominators see only the quotas they may use; splits are
 * previews.
 */

let t: TestContext;
let runner: Client;
let liaisonA: Client;
let unitA: { id: string; name: string };
let unitB: { id: string; name: string };

let born = 0;
function addPerson(unitId: string) {
  born += 1;
  const birthDate = `19${60 + (born % 40)}-0${1 + (born % 9)}-1${born % 10}`;
  return makePerson(t.services, t.database, unitId, { birthDate });
}

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

/** A nomination inserted directly (status as given), holding a seat of the quota when submitted/approved. */
async function seat(
  classId: string,
  quotaId: string,
  unitId: string,
  status: 'submitted' | 'rejected' = 'submitted',
) {
  const person = await addPerson(unitId);
  await t.database.db.insert(nominations).values({ classId, quotaId, personId: person.id, status });
}

beforeAll(async () => {
  t = await createTestContext();
  unitA = await makeUnit(t.database, { name: '恩施市卫健局', regionCode: '422801' });
  unitB = await makeUnit(t.database, { name: '利川市卫健局', regionCode: '422802' });
  runner = await as('org_admin', '422800');
  liaisonA = await as('unit_liaison', unitA.id);
});
afterAll(async () => t.close());

describe('PUT /classes/:id/quotas', () => {
  it('replaces the allocation, matched by holder, with a timeline entry and an audit event', async () => {
    const klass = await makeClass(t.database, { capacity: 100 });
    const url = `/api/v1/classes/${klass.id}/quotas`;
    const first = await runner.put(url, {
      quotas: [
        { regionCode: '422800', seats: 30 },
        { unitId: unitB.id, seats: 20, weight: 5 },
      ],
    });
    expect(first.statusCode).toBe(200);
    const list = first.json();
    expect(list.capacity).toBe(100);
    expect(list.allocated).toBe(50);
    expect(list.items.map((q: { holderName: string }) => q.holderName)).toEqual([
      expect.stringContaining('恩施'),
      '利川市卫健局',
    ]);
    const regionQuotaId = list.items[0].id;

    const second = await runner.put(url, {
      quotas: [
        { unitId: unitA.id, seats: 10 },
        { regionCode: '422800', seats: 40 },
      ],
    });
    expect(second.statusCode).toBe(200);
    const items = second.json().items;
    expect(items).toHaveLength(2);
    // The region quota kept its id (matched by holder), moved to second place with its new seats.
    expect(items[1]).toMatchObject({ id: regionQuotaId, regionCode: '422800', seats: 40, used: 0 });
    expect(items[0]).toMatchObject({ unitId: unitA.id, holderName: '恩施市卫健局', seats: 10 });
    const rows = await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, klass.id));
    expect(rows).toHaveLength(2);

    const events = await t.database.db
      .select()
      .from(classEvents)
      .where(and(eq(classEvents.classId, klass.id), eq(classEvents.kind, 'quotas')));
    expect(events).toHaveLength(2);
    const audit = await auditOf(t, second);
    expect(audit.map((a) => a.action)).toEqual(['quota.set']);
    expect(audit[0]).toMatchObject({ entityType: 'class', entityId: klass.id });
  });

  it.each([
    {
      name: 'an unknown region',
      quotas: [{ regionCode: '429999', seats: 1 }],
      status: 400,
      path: 'quotas.0.regionCode',
      code: 'region_not_found',
    },
    {
      name: 'an unknown unit',
      quotas: [{ unitId: '00000000-0000-4000-8000-000000000000', seats: 1 }],
      status: 400,
      path: 'quotas.0.unitId',
      code: 'unit_not_found',
    },
    {
      name: 'both a region and a unit',
      quotas: [{ regionCode: '422800', unitId: 'UNIT_A', seats: 1 }],
      status: 400,
      path: 'quotas.0.regionCode',
      code: 'quota_holder_one',
    },
    {
      name: 'neither a region nor a unit',
      quotas: [{ seats: 1 }],
      status: 400,
      path: 'quotas.0.regionCode',
      code: 'quota_holder_one',
    },
    {
      name: 'the same holder twice',
      quotas: [
        { regionCode: '422800', seats: 1 },
        { unitId: 'UNIT_A', seats: 1 },
        { regionCode: '422800', seats: 2 },
      ],
      status: 400,
      path: 'quotas.2.regionCode',
      code: 'quota_duplicate_holder',
    },
    {
      name: 'more seats than the capacity',
      quotas: [
        { regionCode: '422800', seats: 15 },
        { unitId: 'UNIT_A', seats: 6 },
      ],
      status: 400,
      path: 'quotas',
      code: 'quota_over_capacity',
      message: '名额合计超过班次容量 20 人',
    },
    {
      name: 'negative seats',
      quotas: [{ regionCode: '422800', seats: -1 }],
      status: 400,
      path: 'quotas.0.seats',
      code: 'too_small',
    },
    {
      name: 'fractional seats',
      quotas: [{ regionCode: '422800', seats: 1.5 }],
      status: 400,
      path: 'quotas.0.seats',
      code: 'invalid_type',
    },
    {
      name: 'an unknown field',
      quotas: [{ regionCode: '422800', seats: 1, id: 'x' }],
      status: 400,
      path: 'quotas.0.id',
      code: 'unknown_field',
    },
  ])('refuses $name → $status $path $code', async ({ quotas, status, path, code, message }) => {
    const klass = await makeClass(t.database, { capacity: 20 });
    const body = {
      quotas: quotas.map((q) =>
        'unitId' in q ? { ...q, unitId: q.unitId === 'UNIT_A' ? unitA.id : q.unitId } : q,
      ),
    };
    const res = await runner.put(`/api/v1/classes/${klass.id}/quotas`, body);
    expect(res.statusCode).toBe(status);
    const field = res.json().error.fields.find((f: { path: string }) => f.path === path);
    expect(field).toMatchObject({ code: code });
    if (message) expect(field.message).toBe(message);
    expect(await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, klass.id))).toEqual(
      [],
    );
  });

  it('refuses seats below those taken (409 quotas.N.seats) and removing a quota in use, changing nothing', async () => {
    const klass = await makeClass(t.database, { capacity: 50 });
    const region = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 10);
    const unit = await makeQuota(t.database, klass.id, { unitId: unitB.id }, 5);
    await seat(klass.id, region.id, unitA.id);
    await seat(klass.id, region.id, unitA.id);
    await seat(klass.id, region.id, unitA.id, 'rejected');
    await seat(klass.id, unit.id, unitB.id);
    const url = `/api/v1/classes/${klass.id}/quotas`;

    const below = await runner.put(url, {
      quotas: [
        { regionCode: '422800', seats: 1 },
        { unitId: unitB.id, seats: 5 },
      ],
    });
    expect(below.statusCode).toBe(409);
    expect(below.json().error.fields).toEqual([
      { path: 'quotas.0.seats', code: 'quota_below_used', message: '不能少于已占用的 2 个名额' },
    ]);

    const removing = await runner.put(url, { quotas: [{ regionCode: '422800', seats: 10 }] });
    expect(removing.statusCode).toBe(409);
    expect(removing.json().error.fields).toEqual([
      { path: 'quotas', code: 'quota_in_use', message: '“利川市卫健局”的名额已有报名，不能删除' },
    ]);

    const rows = await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, klass.id));
    expect(rows.map((q) => q.seats).sort()).toEqual([10, 5].sort());
    // Exactly the seats used is fine, and a quota with only finished nominations may go.
    const ok = await runner.put(url, {
      quotas: [
        { regionCode: '422800', seats: 2 },
        { unitId: unitB.id, seats: 1 },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items[0]).toMatchObject({ seats: 2, used: 2, remaining: 0 });
  });

  it('lets a quota without active nominations go (its finished nominations lose the link)', async () => {
    const klass = await makeClass(t.database, { capacity: 50 });
    const unit = await makeQuota(t.database, klass.id, { unitId: unitB.id }, 5);
    await seat(klass.id, unit.id, unitB.id, 'rejected');
    const res = await runner.put(`/api/v1/classes/${klass.id}/quotas`, { quotas: [] });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ capacity: 50, allocated: 0, items: [] });
  });

  it('is refused once the class is under way, and to those who do not run it', async () => {
    const running = await makeClass(t.database, { status: 'in_progress' });
    const res = await runner.put(`/api/v1/classes/${running.id}/quotas`, { quotas: [] });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'quotas', code: 'class_status_locked' });

    const klass = await makeClass(t.database);
    const denied = await liaisonA.put(`/api/v1/classes/${klass.id}/quotas`, { quotas: [] });
    expect(denied.statusCode).toBe(403);
    expect((await auditOf(t, denied))[0]).toMatchObject({ outcome: 'denied', action: 'class.edit' });
    const stranger = await as('org_admin', '330000');
    expect((await stranger.put(`/api/v1/classes/${klass.id}/quotas`, { quotas: [] })).statusCode).toBe(403);
  });
});

describe('GET /classes/:id/quotas', () => {
  it('shows runners every quota with its counts, and a liaison only the quotas they may use', async () => {
    const klass = await makeClass(t.database, { capacity: 60 });
    const region = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 10);
    await makeQuota(t.database, klass.id, { unitId: unitB.id }, 5);
    await seat(klass.id, region.id, unitA.id);
    await t.database.db.insert(nominations).values([
      { classId: klass.id, quotaId: region.id, personId: (await addPerson(unitA.id)).id, status: 'approved' },
      {
        classId: klass.id,
        quotaId: region.id,
        personId: (await addPerson(unitA.id)).id,
        status: 'waitlisted',
      },
    ]);
    const all = (await runner.get(`/api/v1/classes/${klass.id}/quotas`)).json();
    expect(all.allocated).toBe(15);
    expect(all.items).toHaveLength(2);
    expect(all.items.find((q: { id: string }) => q.id === region.id)).toMatchObject({
      seats: 10,
      used: 2,
      approved: 1,
      waitlisted: 1,
      remaining: 8,
      canNominate: true,
    });

    const mine = await liaisonA.get(`/api/v1/classes/${klass.id}/quotas`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json().items.map((q: { id: string }) => q.id)).toEqual([region.id]);
    expect(mine.json().items[0].canNominate).toBe(true);
  });
});

describe('POST /classes/:id/quotas/split', () => {
  it('previews an even or weighted split without saving it', async () => {
    const klass = await makeClass(t.database, { capacity: 10 });
    const existing = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 1);
    const url = `/api/v1/classes/${klass.id}/quotas/split`;
    const holders = [{ regionCode: '422800' }, { regionCode: '420100' }, { unitId: unitA.id }];
    const even = await runner.post(url, { method: 'even', holders });
    expect(even.statusCode).toBe(200);
    expect(even.json().items.map((q: { seats: number }) => q.seats)).toEqual([4, 3, 3]);
    expect(even.json().items[0].id).toBe(existing.id);
    expect(even.json().items[2].holderName).toBe('恩施市卫健局');
    expect(even.json().allocated).toBe(10);

    const weighted = await runner.post(url, {
      method: 'weights',
      total: 20,
      holders: holders.map((h, i) => ({ ...h, weight: [1, 2, 7][i] })),
    });
    expect(weighted.json().items.map((q: { seats: number }) => q.seats)).toEqual([2, 4, 14]);

    const saved = await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, klass.id));
    expect(saved.map((q) => q.seats)).toEqual([1]);
  });

  it('needs a total when the class has no capacity, and known holders', async () => {
    const klass = await makeClass(t.database, { capacity: null });
    const url = `/api/v1/classes/${klass.id}/quotas/split`;
    const res = await runner.post(url, {
      method: 'even',
      holders: [{ regionCode: '422800' }, { regionCode: '429999' }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['total', 'split_total_required'],
      ['holders.1.regionCode', 'region_not_found'],
    ]);
  });
});
