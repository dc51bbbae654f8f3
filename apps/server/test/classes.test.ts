import { DEFAULT_TRAINING_SETTINGS, type Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, classQuotas, nominations, units } from '../src/db/schema/index.js';
import { shanghaiToday } from '../src/modules/regions/validity.js';
import { makeQuota } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Classes through the API: create with its checks and generated code, edit, the lifecycle with
 * its guards, the timeline, clone, the list, and the training settings behind planned 学时.
 */

let t: TestContext;
let school: { id: string; name: string };
let coUnit: { id: string };
let mergedUnit: { id: string };
let hangzhouUnit: { id: string };
let admin: Client;
let adminId: string;
let officer: Client;
let director: { user: { id: string } };
let director2: { user: { id: string } };
let disabledDirector: { user: { id: string } };
let lecturer: { user: { id: string } };

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

/** A valid create body (a two-day class in 2030), with overrides. */
function body(overrides: Record<string, unknown> = {}) {
  return {
    name: '市县党政干部疫情防控专题培训班',
    kind: 'special',
    leadOrganiserId: school.id,
    coOrganiserIds: [coUnit.id],
    cityCode: '420100',
    venue: '省委党校',
    startDate: '2030-01-13',
    endDate: '2030-01-14',
    capacity: 300,
    nominationDeadline: '2030-01-06T18:00:00+08:00',
    directorId: director.user.id,
    tags: ['疫情防控'],
    ...overrides,
  };
}

async function create(overrides: Record<string, unknown> = {}, client = admin) {
  const res = await client.post('/api/v1/classes', body(overrides));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const transition = (id: string, action: string, reason?: string, client = admin) =>
  client.post(`/api/v1/classes/${id}/transitions`, reason === undefined ? { action } : { action, reason });

beforeAll(async () => {
  t = await createTestContext();
  school = await makeUnit(t.database, { name: '湖北省委党校', type: 'party_school', regionCode: '420100' });
  coUnit = await makeUnit(t.database, { name: '湖北省疫情防控指挥部', regionCode: '420100' });
  mergedUnit = await makeUnit(t.database, { regionCode: '420100' });
  await t.database.db.update(units).set({ status: 'merged' }).where(eq(units.id, mergedUnit.id));
  hangzhouUnit = await makeUnit(t.database, { name: '杭州市委党校', regionCode: '330100' });
  const adminUser = await makeUser(t.services, t.database, {
    displayName: '省委组织部管理员',
    roles: [{ role: 'org_admin', scopeId: '420000' }],
  });
  adminId = adminUser.user.id;
  admin = await signIn(t, adminUser);
  officer = await as('training_officer', school.id);
  director = await makeUser(t.services, t.database, {
    displayName: '王班主任',
    roles: [{ role: 'class_director' }],
  });
  director2 = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  disabledDirector = await makeUser(t.services, t.database, {
    roles: [{ role: 'class_director' }],
    status: 'disabled',
  });
  lecturer = await makeUser(t.services, t.database, { roles: [{ role: 'lecturer' }] });
});
afterAll(async () => t.close());

describe('creating a class', () => {
  it('makes a draft with a generated code, names, derived 学时, a timeline entry and an audit event', async () => {
    const res = await admin.post('/api/v1/classes', body({ startDate: '2031-01-13', endDate: '2031-01-14' }));
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c).toMatchObject({
      code: '2031-001',
      status: 'draft',
      kind: 'special',
      kindName: '专题班',
      leadOrganiser: { id: school.id, name: '湖北省委党校' },
      coOrganisers: [{ id: coUnit.id, name: '湖北省疫情防控指挥部' }],
      hostInstitution: null,
      cityCode: '420100',
      director: { id: director.user.id, name: '王班主任' },
      plannedHours: 16,
      plannedHoursSet: false,
      seatsTaken: 0,
      enrolled: 0,
      actions: ['publish', 'cancel'],
      canEdit: true,
      canApprove: true,
      canManageRoster: true,
      canNominate: false,
      canRegister: false,
      nominationDeadline: '2030-01-06T10:00:00.000Z',
    });
    expect(c.cityName).toBeTruthy();
    const events = (await admin.get(`/api/v1/classes/${c.id}/events`)).json().items;
    expect(events).toEqual([
      expect.objectContaining({ kind: 'created', toStatus: 'draft', actorName: '省委组织部管理员' }),
    ]);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'class.create',
        entityType: 'class',
        entityId: c.id,
        actorId: adminId,
      }),
    ]);
  });

  it('takes a hand-set 学时 over the derived one, and kind labels in the reader’s language', async () => {
    const c = await create({ plannedHours: 10 });
    expect(c).toMatchObject({ plannedHours: 10, plannedHoursSet: true });
    admin.locale = 'en';
    const en = (await admin.get(`/api/v1/classes/${c.id}`)).json();
    admin.locale = 'zh-CN';
    expect(en.kindName).toBe('Special class');
    const undated = await create({ startDate: null, endDate: null, nominationDeadline: null });
    expect(undated).toMatchObject({ plannedHours: null, plannedHoursSet: false });
    // Without a start date the code takes the current year in China.
    expect(undated.code.slice(0, 4)).toBe(shanghaiToday().slice(0, 4));
  });

  it('numbers codes per year in sequence', async () => {
    const a = await create({ startDate: '2032-03-01', endDate: '2032-03-02' });
    const b = await create({ startDate: '2032-11-01', endDate: '2032-11-02' });
    const other = await create({ startDate: '2033-01-01', endDate: '2033-01-02', nominationDeadline: null });
    const c = await create({ startDate: '2032-12-30', endDate: '2032-12-31' });
    expect([a.code, b.code, other.code, c.code]).toEqual(['2032-001', '2032-002', '2033-001', '2032-003']);
  });

  it('gives 20 concurrent creates 20 different codes, without gaps', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        admin.post(
          '/api/v1/classes',
          body({ name: `并发班${i}`, startDate: '2034-05-01', endDate: '2034-05-02' }),
        ),
      ),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const codes = results.map((r) => r.json().code).sort();
    expect(codes).toEqual(Array.from({ length: 20 }, (_, i) => `2034-${String(i + 1).padStart(3, '0')}`));
  });

  it.each([
    ['an unknown kind', { kind: 'nope' }, 400, 'kind', 'unknown_code'],
    [
      'a lead organiser that does not exist',
      { leadOrganiserId: crypto.randomUUID() },
      400,
      'leadOrganiserId',
      'unit_not_found',
    ],
    [
      'a co-organiser that does not exist',
      () => ({ coOrganiserIds: [coUnit.id, crypto.randomUUID()] }),
      400,
      'coOrganiserIds.1',
      'unit_not_found',
    ],
    [
      'a merged host institution',
      () => ({ hostInstitutionId: mergedUnit.id }),
      400,
      'hostInstitutionId',
      'unit_merged',
    ],
    ['a city that does not exist', { cityCode: '429999' }, 400, 'cityCode', 'region_not_found'],
    [
      'a director who is not a class director',
      () => ({ directorId: lecturer.user.id }),
      400,
      'directorId',
      'director_not_class_director',
    ],
    [
      'a disabled assistant',
      () => ({ assistantIds: [director2.user.id, disabledDirector.user.id] }),
      400,
      'assistantIds.1',
      'director_not_class_director',
    ],
    [
      'an end before the start',
      { startDate: '2030-02-02', endDate: '2030-02-01' },
      400,
      'endDate',
      'end_before_start',
    ],
    ['an impossible date', { startDate: '2030-02-30' }, 400, 'startDate', undefined],
    ['an empty name', { name: '  ' }, 400, 'name', undefined],
    ['a capacity of 0', { capacity: 0 }, 400, 'capacity', undefined],
    ['an unknown mode', { mode: 'hybrid' }, 400, 'mode', undefined],
    ['an unknown field', { colour: 'red' }, 400, '', undefined],
    [
      'a budget in fractions of a fen',
      { budget: [{ item: '住宿', amount: 1.234 }] },
      400,
      'budget.0.amount',
      undefined,
    ],
    [
      'a deadline that is not a time',
      { nominationDeadline: 'tomorrow' },
      400,
      'nominationDeadline',
      undefined,
    ],
    ['a bad director id', { directorId: 'x' }, 400, 'directorId', undefined],
  ])('refuses %s with a field message', async (_label, override, status, path, code) => {
    const o = typeof override === 'function' ? override() : override;
    for (const locale of ['zh-CN', 'zh-TW', 'en']) {
      admin.locale = locale;
      const res = await admin.post('/api/v1/classes', body(o));
      expect(res.statusCode, res.body).toBe(status);
      const fields = res.json().error.fields as { path: string; code: string; message: string }[];
      const field = fields.find((f) => path === '' || f.path === path);
      expect(field, JSON.stringify(fields)).toBeDefined();
      if (code) expect(field?.code).toBe(code);
      expect(field?.message).toBeTruthy();
      expect(field?.message).not.toBe(field?.code);
    }
    admin.locale = 'zh-CN';
  });

  it('refuses a lead organiser outside the actor’s reach (403, audited), and roles that do not run classes', async () => {
    const res = await admin.post(
      '/api/v1/classes',
      body({ leadOrganiserId: hangzhouUnit.id, coOrganiserIds: [] }),
    );
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'class.create', outcome: 'denied', entityId: hangzhouUnit.id }),
    ]);
    const liaison = await as('unit_liaison', school.id);
    const denied = await liaison.post('/api/v1/classes', body());
    expect(denied.statusCode).toBe(403);
    expect(await auditOf(t, denied)).toEqual([
      expect.objectContaining({ action: 'class.create', outcome: 'denied' }),
    ]);
    // The training officer of the school may create its classes.
    expect((await officer.post('/api/v1/classes', body())).statusCode).toBe(201);
  });
});

describe('editing a class', () => {
  it('changes only the fields sent, records them on the timeline and audits the diff', async () => {
    const c = await create();
    const res = await admin.patch(`/api/v1/classes/${c.id}`, {
      name: '改名后的班次',
      capacity: 120,
      venue: '恩施',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '改名后的班次',
      capacity: 120,
      venue: '恩施',
      tags: ['疫情防控'],
    });
    expect(res.json().director).toMatchObject({ id: director.user.id });
    const audit = await auditOf(t, res);
    expect(audit).toEqual([expect.objectContaining({ action: 'class.update', entityId: c.id })]);
    expect(audit[0]?.changes).toEqual({
      name: [c.name, '改名后的班次'],
      capacity: [300, 120],
      venue: ['省委党校', '恩施'],
    });
    const events = (await admin.get(`/api/v1/classes/${c.id}/events`)).json().items;
    expect(events.map((e: { kind: string }) => e.kind)).toEqual(['created', 'updated']);
    expect(events[1].fields).toEqual(['name', 'venue', 'capacity']);
    // Nothing changed: nothing written.
    const same = await admin.patch(`/api/v1/classes/${c.id}`, { name: '改名后的班次' });
    expect(same.statusCode).toBe(200);
    expect(await auditOf(t, same)).toEqual([]);
    const budget = [{ item: '住宿', amount: 3000.5, note: '两晚' }];
    const withBudget = await create({ budget });
    const again = await admin.patch(`/api/v1/classes/${withBudget.id}`, { budget });
    expect(again.json().budget).toEqual(budget);
    expect(await auditOf(t, again)).toEqual([]);
  });

  it('checks the merged dates and the references it changes', async () => {
    const c = await create();
    const res = await admin.patch(`/api/v1/classes/${c.id}`, { endDate: '2030-01-01', kind: 'gone' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.fields.map((f: { path: string; code: string }) => [f.path, f.code])
        .sort(),
    ).toEqual([
      ['endDate', 'end_before_start'],
      ['kind', 'unknown_code'],
    ]);
  });

  it('keeps the capacity at or above the seats taken and the seats allocated to quotas', async () => {
    const c = await create();
    await makeQuota(t.database, c.id, { regionCode: '420100' }, 30);
    await makeQuota(t.database, c.id, { regionCode: '422800' }, 20);
    const tooSmall = await admin.patch(`/api/v1/classes/${c.id}`, { capacity: 49 });
    expect(tooSmall.statusCode).toBe(400);
    expect(tooSmall.json().error.fields).toEqual([
      expect.objectContaining({
        path: 'capacity',
        code: 'capacity_below_allocated',
        message: expect.stringContaining('50'),
      }),
    ]);
    expect((await admin.patch(`/api/v1/classes/${c.id}`, { capacity: 50 })).statusCode).toBe(200);

    const d = await create({ capacity: 10 });
    for (const status of ['submitted', 'approved', 'approved', 'rejected'] as const) {
      const person = await makePerson(t.services, t.database, school.id, { birthDate: randomBirth() });
      await t.database.db.insert(nominations).values({ classId: d.id, personId: person.id, status });
    }
    expect((await admin.get(`/api/v1/classes/${d.id}`)).json().seatsTaken).toBe(3);
    const below = await admin.patch(`/api/v1/classes/${d.id}`, { capacity: 2 });
    expect(below.json().error.fields[0]).toMatchObject({
      path: 'capacity',
      code: 'capacity_below_allocated',
    });
    expect((await admin.patch(`/api/v1/classes/${d.id}`, { capacity: null })).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/classes/${d.id}`, { capacity: 3 })).statusCode).toBe(200);
  });

  it('is refused once the class is under way (409), and a published class keeps what publishing needs', async () => {
    const c = await create();
    expect((await transition(c.id, 'publish')).statusCode).toBe(200);
    const cleared = await admin.patch(`/api/v1/classes/${c.id}`, { nominationDeadline: null });
    expect(cleared.statusCode).toBe(400);
    expect(cleared.json().error.fields).toEqual([
      expect.objectContaining({ path: 'nominationDeadline', code: 'required_to_publish' }),
    ]);
    await t.database.db.update(classes).set({ status: 'in_progress' }).where(eq(classes.id, c.id));
    const res = await admin.patch(`/api/v1/classes/${c.id}`, { name: '太晚了' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'status', code: 'class_not_editable' });
  });

  it('needs the new lead organiser within reach too (403, audited)', async () => {
    const c = await create();
    const res = await admin.patch(`/api/v1/classes/${c.id}`, { leadOrganiserId: hangzhouUnit.id });
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'class.edit', outcome: 'denied', entityId: c.id }),
    ]);
    expect((await admin.get(`/api/v1/classes/${c.id}`)).json().leadOrganiser.id).toBe(school.id);
  });
});

describe('the lifecycle', () => {
  it('walks draft → published → closed → reopened → closed → in progress → completed → archived', async () => {
    const c = await create({
      startDate: '2020-01-13',
      endDate: '2020-01-14',
      nominationDeadline: '2020-01-06T18:00:00+08:00',
    });
    const steps: [string, string, string[]][] = [
      ['publish', 'published', ['close_nominations', 'cancel']],
      ['close_nominations', 'nominations_closed', ['start', 'cancel', 'reopen']],
      ['reopen', 'published', ['close_nominations', 'cancel']],
      ['close_nominations', 'nominations_closed', ['start', 'cancel', 'reopen']],
      ['start', 'in_progress', ['complete', 'cancel']],
      ['complete', 'completed', ['archive']],
      ['archive', 'archived', []],
    ];
    for (const [action, status, actions] of steps) {
      const res = await transition(c.id, action);
      expect(res.statusCode, `${action}: ${res.body}`).toBe(200);
      expect(res.json()).toMatchObject({ status, actions });
      const audit = await auditOf(t, res);
      expect(audit).toEqual([expect.objectContaining({ action: 'class.transition', entityId: c.id })]);
      expect(audit[0]?.detail).toMatchObject({ action });
    }
    const events = (await admin.get(`/api/v1/classes/${c.id}/events`)).json().items;
    expect(events.map((e: { kind: string; action: string | null }) => e.action ?? e.kind)).toEqual([
      'created',
      ...steps.map(([a]) => a),
    ]);
    expect(events[1]).toMatchObject({
      fromStatus: 'draft',
      toStatus: 'published',
      actorName: '省委组织部管理员',
    });
    const times = events.map((e: { at: string }) => e.at);
    expect([...times].sort()).toEqual(times);
  });

  it.each([
    ['draft', ['close_nominations', 'reopen', 'start', 'complete', 'archive']],
    ['published', ['publish', 'reopen', 'start', 'complete', 'archive']],
    ['nominations_closed', ['publish', 'close_nominations', 'complete', 'archive']],
    ['in_progress', ['publish', 'close_nominations', 'reopen', 'start', 'archive']],
    ['completed', ['publish', 'close_nominations', 'reopen', 'start', 'complete', 'cancel']],
    ['archived', ['publish', 'reopen', 'start', 'complete', 'archive', 'cancel']],
    ['cancelled', ['publish', 'close_nominations', 'reopen', 'start', 'complete', 'archive', 'cancel']],
  ])('refuses out-of-order actions from %s (409 on action)', async (status, actions) => {
    const c = await create();
    await t.database.db
      .update(classes)
      .set({ status: status as 'draft' })
      .where(eq(classes.id, c.id));
    for (const action of actions) {
      const res = await transition(c.id, action, '理由');
      expect(res.statusCode, `${status} → ${action}`).toBe(409);
      expect(res.json().error.fields).toEqual([
        expect.objectContaining({ path: 'action', code: 'transition_not_allowed' }),
      ]);
    }
    expect((await admin.get(`/api/v1/classes/${c.id}`)).json().status).toBe(status);
  });

  it('publishes only with dates, capacity and a deadline not after the start, naming each missing field', async () => {
    const c = await create({ startDate: null, endDate: null, capacity: null, nominationDeadline: null });
    const res = await transition(c.id, 'publish');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION_FAILED');
    expect(res.json().error.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual([
      ['startDate', 'required_to_publish'],
      ['endDate', 'required_to_publish'],
      ['capacity', 'required_to_publish'],
      ['nominationDeadline', 'required_to_publish'],
    ]);
    const late = await create({ nominationDeadline: '2030-01-20T12:00:00+08:00' });
    const lateRes = await transition(late.id, 'publish');
    expect(lateRes.json().error.fields.map((f: { path: string }) => f.path)).toEqual(['nominationDeadline']);
    expect((await admin.get(`/api/v1/classes/${c.id}`)).json().status).toBe('draft');
  });

  it('cancels only with a reason, and keeps the reason', async () => {
    const c = await create();
    await transition(c.id, 'publish');
    for (const reason of [undefined, '   ']) {
      const res = await transition(c.id, 'cancel', reason);
      expect(res.statusCode).toBe(400);
      expect(res.json().error.fields).toEqual([
        expect.objectContaining({ path: 'reason', code: 'reason_required' }),
      ]);
    }
    const res = await transition(c.id, 'cancel', '疫情原因延期');
    expect(res.json()).toMatchObject({ status: 'cancelled', cancelReason: '疫情原因延期', actions: [] });
    const events = (await admin.get(`/api/v1/classes/${c.id}/events`)).json().items;
    expect(events.at(-1)).toMatchObject({ action: 'cancel', reason: '疫情原因延期', toStatus: 'cancelled' });
  });

  it('completes only after the end date (Asia/Shanghai)', async () => {
    const c = await create();
    await t.database.db.update(classes).set({ status: 'in_progress' }).where(eq(classes.id, c.id));
    const res = await transition(c.id, 'complete');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'action', code: 'class_not_ended' }),
    ]);
    await t.database.db
      .update(classes)
      .set({ endDate: shanghaiToday(), startDate: '2020-01-01' })
      .where(eq(classes.id, c.id));
    expect((await transition(c.id, 'complete')).statusCode).toBe(200);
  });

  it('starts only when no nomination is left undecided', async () => {
    const c = await create();
    await t.database.db.update(classes).set({ status: 'nominations_closed' }).where(eq(classes.id, c.id));
    const person = await makePerson(t.services, t.database, school.id, { birthDate: randomBirth() });
    const [n] = await t.database.db
      .insert(nominations)
      .values({ classId: c.id, personId: person.id, status: 'submitted' })
      .returning();
    admin.locale = 'en';
    const res = await transition(c.id, 'start');
    admin.locale = 'zh-CN';
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({
        path: 'action',
        code: 'undecided_nominations',
        message: expect.stringContaining('1'),
      }),
    ]);
    await t.database.db
      .update(nominations)
      .set({ status: 'approved' })
      .where(eq(nominations.id, n?.id ?? ''));
    expect((await transition(c.id, 'start')).json().status).toBe('in_progress');
  });

  it('is for those who edit the class: a class director named on it may not move it (403, audited)', async () => {
    const c = await create();
    const named = await signIn(t, director);
    expect((await named.get(`/api/v1/classes/${c.id}`)).json()).toMatchObject({
      actions: [],
      canEdit: false,
    });
    const res = await transition(c.id, 'publish', undefined, named);
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'class.edit', outcome: 'denied', entityId: c.id }),
    ]);
  });
});

describe('cloning', () => {
  it('copies the class as a new draft with its quotas, and notes it on both timelines', async () => {
    const source = await create({
      name: '2030年第一期',
      assistantIds: [director2.user.id],
      budget: [{ item: '住宿', amount: 3000.5, note: null }],
    });
    await transition(source.id, 'publish');
    await makeQuota(t.database, source.id, { regionCode: '420100' }, 30);
    await makeQuota(t.database, source.id, { unitId: coUnit.id }, 5);
    const res = await admin.post(`/api/v1/classes/${source.id}/clone`, {
      name: '2031年第一期',
      startDate: '2031-01-12',
      endDate: '2031-01-13',
    });
    expect(res.statusCode, res.body).toBe(201);
    const copy = res.json();
    expect(copy).toMatchObject({
      name: '2031年第一期',
      status: 'draft',
      clonedFrom: source.id,
      startDate: '2031-01-12',
      endDate: '2031-01-13',
      nominationDeadline: null,
      capacity: 300,
      kind: 'special',
      coOrganisers: source.coOrganisers,
      director: source.director,
      assistants: [expect.objectContaining({ id: director2.user.id })],
      budget: [{ item: '住宿', amount: 3000.5, note: null }],
      tags: ['疫情防控'],
    });
    expect(copy.code).toMatch(/^2031-\d{3}$/);
    expect(copy.code).not.toBe(source.code);
    const quotas = await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, copy.id));
    expect(quotas.map((q) => [q.regionCode ?? q.unitId, q.seats]).sort()).toEqual(
      [
        ['420100', 30],
        [coUnit.id, 5],
      ].sort(),
    );
    expect((await admin.get(`/api/v1/classes/${copy.id}/events`)).json().items).toEqual([
      expect.objectContaining({ kind: 'cloned', toStatus: 'draft' }),
    ]);
    expect(
      (await admin.get(`/api/v1/classes/${source.id}/events`))
        .json()
        .items.map((e: { kind: string }) => e.kind),
    ).toEqual(['created', 'transition', 'cloned']);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'class.clone', entityId: copy.id }),
    ]);
  });

  it('leaves dates and quotas out unless asked', async () => {
    const source = await create();
    await makeQuota(t.database, source.id, { regionCode: '420100' }, 30);
    const copy = (await admin.post(`/api/v1/classes/${source.id}/clone`, { quotas: false })).json();
    expect(copy).toMatchObject({ name: source.name, startDate: null, endDate: null, plannedHours: null });
    expect(await t.database.db.select().from(classQuotas).where(eq(classQuotas.classId, copy.id))).toEqual(
      [],
    );
    const bad = await admin.post(`/api/v1/classes/${source.id}/clone`, {
      startDate: '2031-02-02',
      endDate: '2031-02-01',
    });
    expect(bad.json().error.fields[0]).toMatchObject({ path: 'endDate', code: 'end_before_start' });
  });
});

describe('the list', () => {
  it('filters by text, year, kind, status, organiser and tag, and sorts', async () => {
    const tag = `标签${Math.random().toString(36).slice(2, 6)}`;
    const unit = await makeUnit(t.database, { regionCode: '420100' });
    const a = await create({
      name: '甲乙丙列表班',
      kind: 'seminar',
      tags: [tag],
      coOrganiserIds: [unit.id],
      startDate: '2035-03-01',
      endDate: '2035-03-02',
    });
    const b = await create({
      name: '列表班二',
      tags: [tag, '其他'],
      startDate: '2035-04-01',
      endDate: '2035-04-02',
    });
    const c = await create({
      name: '列表班三',
      tags: [tag],
      startDate: '2036-01-01',
      endDate: '2036-01-02',
      nominationDeadline: null,
    });
    await transition(b.id, 'publish');
    const ids = async (query: string) =>
      (await admin.get(`/api/v1/classes?tag=${encodeURIComponent(tag)}&${query}`))
        .json()
        .items.map((x: { id: string }) => x.id);
    expect(await ids('')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=startDate')).toEqual([a.id, b.id, c.id]);
    expect(await ids('sort=-code')).toEqual([c.id, b.id, a.id]);
    expect(await ids('sort=name')).toHaveLength(3);
    expect(await ids(`q=${encodeURIComponent('甲乙丙')}`)).toEqual([a.id]);
    expect(await ids(`q=${a.code}`)).toEqual([a.id]);
    expect(await ids('year=2035')).toEqual([b.id, a.id]);
    expect(await ids('kind=seminar')).toEqual([a.id]);
    expect(await ids('status=published')).toEqual([b.id]);
    expect(await ids(`organiserId=${unit.id}`)).toEqual([a.id]);
    expect(
      (await admin.get(`/api/v1/classes?tag=其他&q=${encodeURIComponent('列表班二')}`)).json().total,
    ).toBe(1);
    const page = (await admin.get(`/api/v1/classes?tag=${encodeURIComponent(tag)}&pageSize=2&page=2`)).json();
    expect(page).toMatchObject({
      total: 3,
      page: 2,
      pageSize: 2,
      items: [expect.objectContaining({ id: a.id })],
    });
  });

  it.each([
    ['sort=colour', 'sort'],
    ['status=open', 'status'],
    ['year=99', 'year'],
    ['organiserId=x', 'organiserId'],
    ['pageSize=1000', 'pageSize'],
  ])('refuses %s (400 on the field)', async (query, field) => {
    const res = await admin.get(`/api/v1/classes?${query}`);
    expect(res.statusCode).toBe(400);
    expect(
      res.json().error.fields.map((f: { path: string }) => f.path.replace(/^querystring\./, '')),
    ).toContain(field);
  });

  it('404s an unknown class and 400s a malformed id', async () => {
    expect((await admin.get(`/api/v1/classes/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await admin.get('/api/v1/classes/nope')).statusCode).toBe(400);
    expect((await admin.patch(`/api/v1/classes/${crypto.randomUUID()}`, { name: 'x' })).statusCode).toBe(404);
  });
});

describe('training settings', () => {
  it('are read by business users, set by the system admin (audited), and drive derived 学时', async () => {
    expect((await officer.get('/api/v1/settings/training')).json()).toEqual(DEFAULT_TRAINING_SETTINGS);
    const denied = await officer.put('/api/v1/settings/training', { hoursPerDay: 6 });
    expect(denied.statusCode).toBe(403);
    expect(await auditOf(t, denied)).toEqual([
      expect.objectContaining({ action: 'settings.training.update', outcome: 'denied' }),
    ]);
    const auditor = await as('auditor');
    expect((await auditor.get('/api/v1/settings/training')).statusCode).toBe(403);

    const derived = await create({ startDate: '2030-05-01', endDate: '2030-05-03' });
    const handSet = await create({ plannedHours: 20 });
    expect(derived.plannedHours).toBe(24);
    const sysadmin = await as('system_admin');
    expect((await sysadmin.put('/api/v1/settings/training', { hoursPerDay: 13 })).statusCode).toBe(400);
    const res = await sysadmin.put('/api/v1/settings/training', { hoursPerDay: 6 });
    expect(res.statusCode).toBe(200);
    // A PUT changes the fields it sends; the 学时 rule of timetable items stays.
    expect(res.json()).toEqual({ ...DEFAULT_TRAINING_SETTINGS, hoursPerDay: 6 });
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'settings.training.update', changes: { hoursPerDay: [8, 6] } }),
    ]);
    try {
      expect((await admin.get(`/api/v1/classes/${derived.id}`)).json().plannedHours).toBe(18);
      expect((await admin.get(`/api/v1/classes/${handSet.id}`)).json().plannedHours).toBe(20);
      expect((await sysadmin.get('/api/v1/settings/training')).json()).toEqual({
        ...DEFAULT_TRAINING_SETTINGS,
        hoursPerDay: 6,
      });
    } finally {
      await sysadmin.put('/api/v1/settings/training', { hoursPerDay: 8 });
    }
  });
});

/** A birth date spread over decades, so generated ID numbers do not collide. */
function randomBirth(): string {
  return new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 13_500) * 86_400_000)
    .toISOString()
    .slice(0, 10);
}

describe('the class directors an organiser may name', () => {
  it('lists active class directors by name for organisers, and nobody else', async () => {
    const res = await admin.get('/api/v1/classes/directors');
    expect(res.statusCode, res.body).toBe(200);
    const ids = res.json().items.map((d: { id: string }) => d.id);
    expect(ids).toContain(director.user.id);
    expect(ids).toContain(director2.user.id);
    expect(ids).not.toContain(disabledDirector.user.id);
    expect(ids).not.toContain(lecturer.user.id);
    expect(res.json().items.find((d: { id: string }) => d.id === director.user.id)?.name).toBe('王班主任');
    expect((await officer.get('/api/v1/classes/directors')).statusCode).toBe(200);
    const liaison = await as('unit_liaison', school.id);
    expect((await liaison.get('/api/v1/classes/directors')).statusCode).toBe(403);
  });
});
