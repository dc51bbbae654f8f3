import type { Role, SecondmentDetailView, SecondmentView } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { secondmentEvents, secondments } from '../src/db/schema/index.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Secondments (issue 7 item 2–3): a term created and read back with its direction named, bad input
 * with field paths in two languages, one term at a time per person (also under two concurrent
 * creates), a category that differs from the person's record recorded as a warning, the lifecycle
 * and its out-of-order refusals, alerts as of the clock, the secondee's own log through /me, and
 * who sees what (a Wuhan admin, liaisons of the host unit and elsewhere).
 */

let t: TestContext;
let admin: Client;
let pairingId: string;
/** 江干区 side (B): 姚洪华's home unit and 孙晓莺's hospital. */
let jiangganOffice: string;
let jiangganHospital: string;
/** 恩施市 side (A): the city government and the health centre of 小渡船. */
let enshiGov: string;
let xiaoduchuan: string;
let wuhanUnit: string;

const TODAY = new Date('2026-11-24T10:00:00+08:00');

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** 姚洪华, 江干区 → 恩施市 as 市委常委、副市长 (a cadre), with a fresh person each time. */
async function yaoBody(overrides: Record<string, unknown> = {}) {
  const person = await makePerson(t.services, t.database, jiangganOffice, {
    name: '姚洪华',
    category: 'cadre',
  });
  return {
    person,
    body: {
      partnershipId: pairingId,
      personId: person.id,
      direction: 'b_to_a',
      form: 'secondment',
      category: 'cadre',
      hostUnitId: enshiGov,
      hostPost: '市委常委、副市长',
      plannedStart: '2027-03-01',
      plannedEnd: '2029-02-28',
      ...overrides,
    },
  };
}

beforeAll(async () => {
  t = await createTestContext();
  admin = (await as('org_admin', '422801')).client;
  const pairing = await makePartnership(t.database, { name: '恩施市—江干区东西部协作' });
  pairingId = pairing.id;
  jiangganOffice = (await makeUnit(t.database, { name: '江干区发改局', regionCode: '330104' })).id;
  jiangganHospital = (
    await makeUnit(t.database, { name: '江干区人民医院', regionCode: '330104', type: 'hospital' })
  ).id;
  enshiGov = (await makeUnit(t.database, { name: '恩施市人民政府', regionCode: '422801' })).id;
  xiaoduchuan = (
    await makeUnit(t.database, { name: '小渡船街道卫生院', regionCode: '422801', type: 'health_centre' })
  ).id;
  wuhanUnit = (await makeUnit(t.database, { name: '武汉市某局', regionCode: '420102' })).id;
});
beforeEach(() => {
  t.services.secondments.clock = () => TODAY;
});
afterAll(async () => t.close());

describe('creating and reading a secondment', () => {
  it('姚洪华 from 江干区 to 恩施市: created, named, audited, on his timeline', async () => {
    const { person, body } = await yaoBody();
    const res = await admin.post('/api/v1/secondments', body);
    expect(res.statusCode).toBe(201);
    const view: SecondmentView = res.json();
    expect(view).toMatchObject({
      person: { id: person.id, name: '姚洪华' },
      direction: 'b_to_a',
      sendingLabel: '江干区',
      receivingLabel: '恩施市',
      homeUnit: { id: jiangganOffice, name: '江干区发改局' },
      hostUnit: { id: enshiGov, name: '恩施市人民政府', type: 'party_government' },
      hostPost: '市委常委、副市长',
      status: 'planned',
      warnings: [],
      actions: ['start', 'cancel'],
      canEdit: true,
      alert: null,
    });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['secondment.create']);

    const detail: SecondmentDetailView = (await admin.get(`/api/v1/secondments/${view.id}`)).json();
    expect(detail.events.map((e) => e.kind)).toEqual(['created']);
    expect(detail.events[0]?.actorName).toBe('测试用户');
    expect(detail).toMatchObject({ canLog: true, canRequestChange: true, changes: [], logs: [] });
  });

  it('孙晓莺, paediatrician, 18 months at 小渡船卫生院; found by pinyin and filters', async () => {
    const person = await makePerson(t.services, t.database, jiangganHospital, {
      name: '孙晓莺',
      gender: 'female',
      category: 'professional',
      specialty: 'medical',
    });
    const res = await admin.post('/api/v1/secondments', {
      partnershipId: pairingId,
      personId: person.id,
      direction: 'b_to_a',
      form: 'medical',
      category: 'professional',
      specialty: 'medical',
      hostUnitId: xiaoduchuan,
      hostPost: '挂职副院长',
      mentor: '李医生',
      plannedStart: '2026-06-01',
      plannedEnd: '2027-11-30',
    });
    expect(res.statusCode).toBe(201);
    const id = res.json().id;

    for (const query of [
      'q=sunxiaoying',
      'q=sxy',
      'q=晓莺',
      'specialty=medical',
      `hostUnitId=${xiaoduchuan}`,
    ]) {
      const page = (await admin.get(`/api/v1/secondments?${query}`)).json();
      expect(
        page.items.map((i: SecondmentView) => i.id),
        query,
      ).toContain(id);
    }
    const cadres = (await admin.get('/api/v1/secondments?category=cadre&pageSize=200')).json();
    expect(cadres.items.map((i: SecondmentView) => i.id)).not.toContain(id);
    const y2025 = (await admin.get('/api/v1/secondments?year=2025&pageSize=200')).json();
    expect(y2025.items.map((i: SecondmentView) => i.id)).not.toContain(id);
    const sorted = (await admin.get('/api/v1/secondments?sort=personName&pageSize=200')).json();
    expect(sorted.total).toBe(sorted.items.length);
    expect((await admin.get('/api/v1/secondments?sort=nonsense')).statusCode).toBe(400);
  });
});

describe('bad input', () => {
  const enshiHome = () => enshiGov;
  it.each([
    ['end before start', { plannedEnd: '2027-01-01' }, 'plannedEnd', 'end_before_start'],
    [
      'host unit outside the receiving side',
      { hostUnitId: 'JIANGGAN' },
      'hostUnitId',
      'host_outside_pairing',
    ],
    ['home unit outside the sending side', { homeUnitId: 'ENSHI' }, 'homeUnitId', 'home_outside_pairing'],
    ['unknown form', { form: 'holiday' }, 'form', 'unknown_code'],
    ['professional without specialty', { category: 'professional' }, 'specialty', 'specialty_required'],
    ['cadre with a specialty', { specialty: 'medical' }, 'specialty', 'specialty_not_for_cadre'],
  ])('%s → 400 on the field', async (_name, override, path, code) => {
    const o: Record<string, unknown> = { ...override };
    if (o.hostUnitId === 'JIANGGAN') o.hostUnitId = jiangganOffice;
    if (o.homeUnitId === 'ENSHI') o.homeUnitId = enshiHome();
    const { body } = await yaoBody(o);
    const res = await admin.post('/api/v1/secondments', body);
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContainEqual([path, code]);
  });

  it('messages in zh-CN and en name the side', async () => {
    const { body } = await yaoBody({ hostUnitId: jiangganOffice });
    const zh = await admin.post('/api/v1/secondments', body);
    expect(zh.json().error.fields[0].message).toBe('接收单位应在接收方（恩施市）范围内');
    admin.locale = 'en';
    const en = await admin.post('/api/v1/secondments', body);
    admin.locale = 'zh-CN';
    expect(en.json().error.fields[0].message).toBe('the host unit must lie on the receiving side (恩施市)');
    const early = await admin.post('/api/v1/secondments', {
      ...body,
      hostUnitId: enshiGov,
      plannedEnd: '2020-01-01',
    });
    expect(early.json().error.fields[0]).toMatchObject({ path: 'plannedEnd', code: 'end_before_start' });
  });
});

describe('one term at a time', () => {
  it('an overlapping term → 409 naming the other term; an adjacent one is fine', async () => {
    const { person, body } = await yaoBody();
    expect((await admin.post('/api/v1/secondments', body)).statusCode).toBe(201);
    const again = await admin.post('/api/v1/secondments', {
      ...body,
      plannedStart: '2027-06-01',
      plannedEnd: '2029-12-31',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.fields[0]).toMatchObject({ path: 'personId', code: 'secondment_overlaps' });
    expect(again.json().error.fields[0].message).toContain('2027-03-01 ~ 2029-02-28');
    const next = await admin.post('/api/v1/secondments', {
      ...body,
      personId: person.id,
      plannedStart: '2029-03-01',
      plannedEnd: '2030-02-28',
    });
    expect(next.statusCode).toBe(201);
  });

  it('two concurrent creates for one person: exactly one 201, one 409', async () => {
    const { person, body } = await yaoBody();
    const results = await Promise.all([
      admin.post('/api/v1/secondments', body),
      admin.post('/api/v1/secondments', { ...body, plannedStart: '2027-05-01' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const rows = await t.database.db.select().from(secondments).where(eq(secondments.personId, person.id));
    expect(rows).toHaveLength(1);
  });
});

describe('a category that differs from the record', () => {
  it('is accepted with a recorded warning, in the reader’s language', async () => {
    const person = await makePerson(t.services, t.database, jiangganHospital, {
      category: 'professional',
      specialty: 'education',
    });
    const { body } = await yaoBody();
    const res = await admin.post('/api/v1/secondments', { ...body, personId: person.id });
    expect(res.statusCode).toBe(201);
    expect(res.json().warnings).toEqual([
      { code: 'category_differs', message: '人员类别与人员库记录不一致（人员库：专业技术人才）' },
    ]);
    admin.locale = 'en';
    const en = (await admin.get(`/api/v1/secondments/${res.json().id}`)).json();
    admin.locale = 'zh-CN';
    expect(en.warnings[0].message).toContain('professional');
    const doctor = await admin.post('/api/v1/secondments', {
      ...body,
      personId: person.id,
      category: 'professional',
      specialty: 'medical',
      plannedStart: '2030-01-01',
      plannedEnd: '2030-12-31',
    });
    expect(doctor.json().warnings.map((w: { code: string }) => w.code)).toEqual(['specialty_differs']);
  });
});

describe('lifecycle', () => {
  it('start → complete with dates and events; out of order → 409', async () => {
    const { body } = await yaoBody();
    const id = (await admin.post('/api/v1/secondments', body)).json().id;
    const act = (action: string, extra: object = {}) =>
      admin.post(`/api/v1/secondments/${id}/actions`, { action, ...extra });

    expect(fields(await act('complete'))).toEqual([['action', 'transition_not_allowed']]);
    expect(fields(await act('start', { date: '2027-01-01' }))).toEqual([['date', 'start_too_early']]);
    const started = await act('start', { date: '2027-03-02' });
    expect(started.statusCode).toBe(200);
    expect(started.json()).toMatchObject({
      status: 'in_post',
      actualStart: '2027-03-02',
      actions: ['complete'],
    });
    expect((await act('start')).statusCode).toBe(409);
    expect(fields(await act('cancel', { reason: '取消' }))).toEqual([['action', 'transition_not_allowed']]);
    const dates = await admin.patch(`/api/v1/secondments/${id}`, { plannedEnd: '2029-06-30' });
    expect(fields(dates)).toEqual([['plannedStart', 'term_started']]);
    const post = await admin.patch(`/api/v1/secondments/${id}`, { hostPost: '市委常委' });
    expect(post.json().hostPost).toBe('市委常委');

    expect(fields(await act('complete', { date: '2027-03-01' }))).toEqual([
      ['date', 'end_before_actual_start'],
    ]);
    const done = await act('complete', { date: '2029-02-28' });
    expect(done.json()).toMatchObject({ status: 'completed', actualEnd: '2029-02-28', actions: [] });
    expect((await auditOf(t, done)).map((a) => a.action)).toEqual(['secondment.complete']);
    const events = await t.database.db
      .select()
      .from(secondmentEvents)
      .where(eq(secondmentEvents.secondmentId, id));
    expect(events.map((e) => [e.kind, e.date])).toEqual(
      expect.arrayContaining([
        ['started', '2027-03-02'],
        ['completed', '2029-02-28'],
        ['updated', null],
      ]),
    );
  });

  it('cancel needs a reason; a planned term may still move its dates', async () => {
    const { body } = await yaoBody();
    const id = (await admin.post('/api/v1/secondments', body)).json().id;
    const moved = await admin.patch(`/api/v1/secondments/${id}`, { plannedStart: '2027-04-01' });
    expect(moved.json().plannedStart).toBe('2027-04-01');
    const bad = await admin.patch(`/api/v1/secondments/${id}`, { plannedEnd: '2027-03-01' });
    expect(fields(bad)).toEqual([['plannedEnd', 'end_before_start']]);
    expect(fields(await admin.post(`/api/v1/secondments/${id}/actions`, { action: 'cancel' }))).toEqual([
      ['reason', 'reason_required'],
    ]);
    const cancelled = await admin.post(`/api/v1/secondments/${id}/actions`, {
      action: 'cancel',
      reason: '工作调整',
    });
    expect(cancelled.json().status).toBe('cancelled');
  });
});

describe('alerts', () => {
  it('ending within 30 days, overdue returns and starts, as of the clock', async () => {
    const p2 = await makePartnership(t.database);
    const mk = async (plannedStart: string, plannedEnd: string, start: boolean) => {
      const { body } = await yaoBody({ partnershipId: p2.id, plannedStart, plannedEnd });
      const id = (await admin.post('/api/v1/secondments', body)).json().id;
      if (start)
        await admin.post(`/api/v1/secondments/${id}/actions`, { action: 'start', date: plannedStart });
      return id;
    };
    const soon = await mk('2025-12-01', '2026-12-15', true);
    const overdue = await mk('2025-06-01', '2026-11-01', true);
    const late = await mk('2026-11-01', '2027-10-31', false);
    const fine = await mk('2026-01-01', '2027-12-31', true);

    const counts = (await admin.get(`/api/v1/secondments/alerts?partnershipId=${p2.id}`)).json();
    expect(counts).toEqual({ ending_soon: 1, return_overdue: 1, start_overdue: 1 });
    const any = (await admin.get(`/api/v1/secondments?partnershipId=${p2.id}&alert=any`)).json();
    expect(any.items.map((i: SecondmentView) => i.id).sort()).toEqual([soon, overdue, late].sort());
    const byId = new Map(any.items.map((i: SecondmentView) => [i.id, i.alert]));
    expect([byId.get(soon), byId.get(overdue), byId.get(late)]).toEqual([
      'ending_soon',
      'return_overdue',
      'start_overdue',
    ]);
    expect((await admin.get(`/api/v1/secondments/${fine}`)).json().alert).toBe(null);

    // A month later the fine one is ending soon too.
    t.services.secondments.clock = () => new Date('2027-12-10T10:00:00+08:00');
    const later = (await admin.get(`/api/v1/secondments?partnershipId=${p2.id}&alert=ending_soon`)).json();
    expect(later.items.map((i: SecondmentView) => i.id)).toEqual([fine]);
  });
});

describe('the secondee', () => {
  it('sees their own terms through /me and writes the work log; not others’', async () => {
    const me = await as('trainee');
    const person = await makePerson(t.services, t.database, jiangganHospital, {
      category: 'professional',
      specialty: 'medical',
      userId: me.user.user.id,
    });
    const { body } = await yaoBody({ category: 'professional', specialty: 'medical' });
    const mine = (await admin.post('/api/v1/secondments', { ...body, personId: person.id })).json().id;
    const other = (await admin.post('/api/v1/secondments', (await yaoBody()).body)).json().id;

    const list = (await me.client.get('/api/v1/me/secondments')).json();
    expect(list.items.map((i: SecondmentView) => i.id)).toEqual([mine]);
    expect(list.items[0]).toMatchObject({ canEdit: false, actions: [] });
    const detail = await me.client.get(`/api/v1/me/secondments/${mine}`);
    expect(detail.json()).toMatchObject({ canLog: true, canRequestChange: false });
    expect((await me.client.get(`/api/v1/me/secondments/${other}`)).statusCode).toBe(404);
    expect((await me.client.get(`/api/v1/secondments/${mine}`)).statusCode).toBe(403);

    const log = await me.client.post(`/api/v1/secondments/${mine}/logs`, {
      kind: 'work',
      date: '2026-03-10',
      title: '开展儿科义诊',
      content: '接诊患儿 40 人次',
    });
    expect(log.statusCode).toBe(201);
    expect(log.json()).toMatchObject({ title: '开展儿科义诊', kind: 'work' });
    const logId = log.json().id;
    expect(
      (
        await me.client.post(`/api/v1/secondments/${other}/logs`, {
          kind: 'work',
          date: '2026-03-10',
          title: 'x',
        })
      ).statusCode,
    ).toBe(403);
    const edited = await me.client.patch(`/api/v1/secondments/${mine}/logs/${logId}`, {
      kind: 'achievement',
      date: '2026-03-10',
      title: '开展儿科义诊（成效）',
    });
    expect(edited.json().kind).toBe('achievement');
    // Staff may add to it, but not change the secondee's entry.
    const staffEdit = await admin.patch(`/api/v1/secondments/${mine}/logs/${logId}`, {
      kind: 'work',
      date: '2026-03-10',
      title: '改',
    });
    expect(staffEdit.statusCode).toBe(403);
    const seen = (await me.client.get(`/api/v1/me/secondments/${mine}`)).json();
    expect(seen.logs.map((l: { title: string }) => l.title)).toEqual(['开展儿科义诊（成效）']);
    expect(seen.events.map((e: { kind: string }) => e.kind)).toContain('log_added');
    expect((await me.client.delete(`/api/v1/secondments/${mine}/logs/${logId}`)).statusCode).toBe(204);
  });
});

describe('scope', () => {
  it('a Wuhan org admin: 403 on the term, an empty list, 403 to create; liaisons by unit', async () => {
    const { body } = await yaoBody({ hostUnitId: xiaoduchuan });
    const id = (await admin.post('/api/v1/secondments', body)).json().id;

    const wuhan = (await as('org_admin', '420100')).client;
    const denied = await wuhan.get(`/api/v1/secondments/${id}`);
    expect(denied.statusCode).toBe(403);
    expect((await auditOf(t, denied)).map((a) => a.outcome)).toEqual(['denied']);
    expect((await wuhan.get(`/api/v1/secondments/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await wuhan.get('/api/v1/secondments')).json()).toMatchObject({ items: [], total: 0 });
    expect((await wuhan.get('/api/v1/secondments/alerts')).json()).toEqual({
      ending_soon: 0,
      return_overdue: 0,
      start_overdue: 0,
    });
    expect((await wuhan.post('/api/v1/secondments', (await yaoBody()).body)).statusCode).toBe(403);
    expect((await wuhan.post(`/api/v1/secondments/${id}/actions`, { action: 'start' })).statusCode).toBe(403);

    const host = (await as('unit_liaison', xiaoduchuan)).client;
    expect((await host.get(`/api/v1/secondments/${id}`)).json()).toMatchObject({
      id,
      canEdit: false,
      actions: [],
    });
    const hosted: SecondmentView[] = (await host.get('/api/v1/secondments?pageSize=200')).json().items;
    expect(hosted.map((i) => i.id)).toContain(id);
    expect(hosted.every((i) => i.hostUnit.id === xiaoduchuan)).toBe(true);
    expect((await host.post(`/api/v1/secondments/${id}/actions`, { action: 'start' })).statusCode).toBe(403);

    const elsewhere = (await as('unit_liaison', wuhanUnit)).client;
    expect((await elsewhere.get(`/api/v1/secondments/${id}`)).statusCode).toBe(403);
    expect((await elsewhere.get('/api/v1/secondments')).json().total).toBe(0);

    // 江干区's admin runs the same pairing from the other side.
    const jianggan = (await as('org_admin', '330104')).client;
    expect((await jianggan.get(`/api/v1/secondments/${id}`)).json().canEdit).toBe(true);
  });
});
