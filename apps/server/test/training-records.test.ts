import type { Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, classes, trainingRecords } from '../src/db/schema/index.js';
import { creditCompletions, voidCompletions } from '../src/modules/training-records/credit.js';
import { systemContext } from '../src/platform/context.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * The study-hour archive (issue 6 item 8): completions credited once per enrollment and voided
 * with the completion, manual entries, totals against the requirement (yearly 90, five-year 550
 * for leading cadres, overrides, the online minimum), the below-requirement list in the reader's
 * scope and its workbook, bad input, and a trainee reading only their own archive.
 */

let t: TestContext;
let enshi: { id: string };
let liaison: Client;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** A class of 2030 that `personId`… completes: credited through the module's own function. */
async function credit(
  unitId: string,
  hours: number,
  options: { mode?: 'offline' | 'online'; endDate?: string } = {},
) {
  const organiser = await makeUnit(t.database, { name: `州委党校${Math.random().toString(36).slice(2, 6)}` });
  const klass = await makeClass(t.database, {
    leadOrganiserId: organiser.id,
    startDate: '2030-03-10',
    endDate: options.endDate ?? '2030-03-14',
    status: 'completed',
  });
  if (options.mode)
    await t.database.db.update(classes).set({ mode: options.mode }).where(eq(classes.id, klass.id));
  const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId);
  const cls = await t.services.classes.load(klass.id);
  const ctx = systemContext('test');
  const run = (h: number, certificateId: string | null = null) =>
    t.database.db.transaction((tx) =>
      creditCompletions(tx, ctx, cls, [
        { enrollmentId: enrollment.id, personId: person.id, hours: h, certificateId },
      ]),
    );
  await run(hours);
  return { klass, organiser, person, enrollment, cls, run };
}

const auditOf = (action: string) =>
  t.database.db.select().from(auditEvents).where(eq(auditEvents.action, action)).orderBy(auditEvents.id);

const manual = (personId: string, over: Record<string, unknown> = {}) => ({
  personId,
  title: '网络专题学习',
  organiser: '中国干部网络学院',
  category: 'online',
  startDate: '2030-05-01',
  endDate: '2030-05-20',
  hours: 20,
  note: null,
  ...over,
});

beforeAll(async () => {
  t = await createTestContext();
  enshi = await makeUnit(t.database, { name: '恩施州直机关', regionCode: '422801' });
  liaison = (await as('unit_liaison', enshi.id)).client;
});
afterAll(async () => t.close());

describe('credit from completion', () => {
  it('appears in the archive with the class, its organiser, dates and year totals', async () => {
    const { klass, organiser, person } = await credit(enshi.id, 32);
    const res = await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.records).toHaveLength(1);
    expect(view.records[0]).toMatchObject({
      source: 'class_completion',
      category: 'full_time',
      title: klass.name,
      organiser: organiser.name,
      classId: klass.id,
      startDate: '2030-03-10',
      endDate: '2030-03-14',
      year: 2030,
      hours: 32,
      creditedHours: 32,
      voidedAt: null,
    });
    expect(view.years.map((y: { year: number }) => y.year)).toEqual([2026, 2027, 2028, 2029, 2030]);
    expect(view.years[4]).toEqual({ year: 2030, full_time: 32, online: 0, abroad: 0, total: 32 });
    expect(view.standing).toMatchObject({
      period: 'yearly',
      required: 90,
      done: 32,
      missing: 58,
      met: false,
    });
    expect(view.requirement).toEqual({ period: 'yearly', hours: 90, source: 'default' });
    const audits = await auditOf('trainingRecord.credit');
    expect(audits.some((a) => a.entityId === view.records[0].id)).toBe(true);
  });

  it('credits an online class as 网络 and counts towards the online minimum', async () => {
    const { person } = await credit(enshi.id, 12, { mode: 'online' });
    const view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.records[0].category).toBe('online');
    expect(view.standing).toMatchObject({ onlineDone: 12, onlineRequired: 50, onlineMissing: 38 });
  });

  it('is idempotent: a second credit updates the one record; voiding takes it to 0 and a credit restores it', async () => {
    const { person, enrollment, klass, run } = await credit(enshi.id, 24);
    await run(30);
    let rows = await t.database.db
      .select()
      .from(trainingRecords)
      .where(eq(trainingRecords.personId, person.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.hours).toBe(30);

    await t.database.db.transaction((tx) =>
      voidCompletions(tx, systemContext('test'), klass.id, [enrollment.id], '结业撤销'),
    );
    let view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.records[0]).toMatchObject({ creditedHours: 0, voidReason: '结业撤销' });
    expect(view.records[0].voidedAt).not.toBeNull();
    expect(view.standing.done).toBe(0);
    expect(view.years[4].total).toBe(0);

    await run(30);
    rows = await t.database.db.select().from(trainingRecords).where(eq(trainingRecords.personId, person.id));
    expect(rows).toHaveLength(1);
    view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.records[0]).toMatchObject({ creditedHours: 30, voidedAt: null, voidReason: null });
  });

  it('a completion record cannot be voided by hand (409 record_from_completion)', async () => {
    const { person } = await credit(enshi.id, 8);
    const view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    const res = await liaison.post(`/api/v1/training-records/${view.records[0].id}/void`, {
      reason: '录入错误',
    });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['id', 'record_from_completion']]);
  });
});

describe('manual entries and the requirement', () => {
  it('records the three categories; the year totals split them; a void needs a reason and happens once', async () => {
    const person = await makePerson(t.services, t.database, enshi.id);
    for (const [category, hours] of [
      ['full_time', 40],
      ['online', 50],
      ['abroad', 10.5],
    ] as const) {
      const res = await liaison.post('/api/v1/training-records', manual(person.id, { category, hours }));
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        source: 'manual',
        category,
        hours,
        creditedHours: hours,
        year: 2030,
      });
    }
    let view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.years[4]).toEqual({ year: 2030, full_time: 40, online: 50, abroad: 10.5, total: 100.5 });
    expect(view.standing).toMatchObject({
      required: 90,
      done: 100.5,
      missing: 0,
      onlineMissing: 0,
      met: true,
    });
    expect((await auditOf('trainingRecord.create')).length).toBeGreaterThanOrEqual(3);

    const abroad = view.records.find((r: { category: string }) => r.category === 'abroad');
    expect(
      (await liaison.post(`/api/v1/training-records/${abroad.id}/void`, { reason: '' })).statusCode,
    ).toBe(400);
    const voided = await liaison.post(`/api/v1/training-records/${abroad.id}/void`, { reason: '重复录入' });
    expect(voided.statusCode).toBe(200);
    expect(voided.json()).toMatchObject({ creditedHours: 0, voidReason: '重复录入' });
    const again = await liaison.post(`/api/v1/training-records/${abroad.id}/void`, { reason: '重复录入' });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual([['id', 'record_already_voided']]);
    view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.standing.done).toBe(90);
  });

  it('a leading cadre (0122) is measured over five years against 550', async () => {
    const person = await makePerson(t.services, t.database, enshi.id, { rank: '0122' });
    await liaison.post(
      '/api/v1/training-records',
      manual(person.id, {
        category: 'full_time',
        startDate: '2027-04-01',
        endDate: '2027-04-30',
        hours: 300,
      }),
    );
    await liaison.post('/api/v1/training-records', manual(person.id, { category: 'online', hours: 60 }));
    // Outside the window 2026–2030: does not count.
    await liaison.post(
      '/api/v1/training-records',
      manual(person.id, {
        category: 'full_time',
        startDate: '2025-04-01',
        endDate: '2025-04-30',
        hours: 200,
      }),
    );
    const view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.requirement).toEqual({ period: 'five_year', hours: 550, source: 'default' });
    expect(view.fiveYearTotal).toBe(360);
    expect(view.standing).toMatchObject({
      period: 'five_year',
      fromYear: 2026,
      toYear: 2030,
      required: 550,
      done: 360,
      missing: 190,
      onlineDone: 60,
      onlineMissing: 0,
      met: false,
    });
    expect(view.records.map((r: { endDate: string }) => r.endDate)).toEqual([
      '2030-05-20',
      '2027-04-30',
      '2025-04-30',
    ]);
  });

  it("a person's override replaces the default", async () => {
    const person = await makePerson(t.services, t.database, enshi.id, {
      requirementOverride: { period: 'yearly', hours: 40 },
    });
    await liaison.post('/api/v1/training-records', manual(person.id, { category: 'online', hours: 50 }));
    const view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.requirement).toEqual({ period: 'yearly', hours: 40, source: 'override' });
    expect(view.standing).toMatchObject({ required: 40, done: 50, met: true });
  });

  it('the online minimum of 50 applies even when the total is reached', async () => {
    const person = await makePerson(t.services, t.database, enshi.id);
    await liaison.post('/api/v1/training-records', manual(person.id, { category: 'full_time', hours: 80 }));
    await liaison.post('/api/v1/training-records', manual(person.id, { category: 'online', hours: 20 }));
    const view = (await liaison.get(`/api/v1/people/${person.id}/training-records?year=2030`)).json();
    expect(view.standing).toMatchObject({
      done: 100,
      missing: 0,
      onlineDone: 20,
      onlineMissing: 30,
      met: false,
    });
  });

  it.each([
    ['end before start', { startDate: '2030-05-20', endDate: '2030-05-01' }, 'endDate'],
    ['hours not a quarter', { hours: 1.3 }, 'hours'],
    ['zero hours', { hours: 0 }, 'hours'],
    ['unknown category', { category: 'evening' }, 'category'],
    ['empty title', { title: '' }, 'title'],
    ['bad date', { endDate: '2030-02-30' }, 'endDate'],
  ])('refuses %s with a field error (400)', async (_name, over, path) => {
    const person = await makePerson(t.services, t.database, enshi.id);
    const res = await liaison.post('/api/v1/training-records', manual(person.id, over));
    expect(res.statusCode).toBe(400);
    expect(fields(res).map((f: string[]) => f[0])).toContain(path);
  });

  it('404 for an unknown person or record, 400 for a bad year', async () => {
    const unknown = crypto.randomUUID();
    expect((await liaison.get(`/api/v1/people/${unknown}/training-records`)).statusCode).toBe(404);
    expect((await liaison.post('/api/v1/training-records', manual(unknown))).statusCode).toBe(404);
    expect(
      (await liaison.post(`/api/v1/training-records/${unknown}/void`, { reason: '错误' })).statusCode,
    ).toBe(404);
    const person = await makePerson(t.services, t.database, enshi.id);
    expect((await liaison.get(`/api/v1/people/${person.id}/training-records?year=19`)).statusCode).toBe(400);
  });
});

describe('scope', () => {
  it('a liaison of another unit cannot read or write the archive (403, audited)', async () => {
    const person = await makePerson(t.services, t.database, enshi.id);
    const other = (await as('unit_liaison', (await makeUnit(t.database)).id)).client;
    expect((await other.get(`/api/v1/people/${person.id}/training-records`)).statusCode).toBe(403);
    expect((await other.post('/api/v1/training-records', manual(person.id))).statusCode).toBe(403);
    const denied = await auditOf('trainingRecord.read');
    expect(denied.some((a) => a.outcome === 'denied' && a.entityId === person.id)).toBe(true);
  });

  it('a training officer reads but may not enter records', async () => {
    const person = await makePerson(t.services, t.database, enshi.id);
    const officer = (await as('training_officer', enshi.id)).client;
    expect((await officer.get(`/api/v1/people/${person.id}/training-records`)).statusCode).toBe(200);
    expect((await officer.post('/api/v1/training-records', manual(person.id))).statusCode).toBe(403);
  });

  it('a trainee reads their own archive via /me and not another person’s', async () => {
    const { user, client } = await as('trainee');
    const me = await makePerson(t.services, t.database, enshi.id, { userId: user.user.id });
    const someone = await makePerson(t.services, t.database, enshi.id);
    await liaison.post('/api/v1/training-records', manual(me.id, { hours: 12 }));
    const own = await client.get('/api/v1/me/training-records?year=2030');
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ person: { id: me.id }, year: 2030, standing: { done: 12 } });
    const mine = await client.get('/api/v1/me/training-records');
    expect(mine.json().year).toBe(Number(new Date().toISOString().slice(0, 4)));
    expect([403, 404]).toContain(
      (await client.get(`/api/v1/people/${someone.id}/training-records`)).statusCode,
    );
    expect((await client.post('/api/v1/training-records', manual(me.id))).statusCode).toBe(403);
    expect((await client.get('/api/v1/training-records/below-requirement?year=2030')).statusCode).toBe(403);
  });

  it('an account without a person gets 404 no_person on /me', async () => {
    const { client } = await as('trainee');
    const res = await client.get('/api/v1/me/training-records');
    expect(res.statusCode).toBe(404);
    expect(fields(res)).toEqual([['person', 'no_person']]);
  });
});

describe('below requirement', () => {
  async function scenario() {
    const parent = await makeUnit(t.database, {
      name: `宣恩县委${Math.random().toString(36).slice(2, 6)}`,
      regionCode: '422825',
    });
    const child = await makeUnit(t.database, { parentId: parent.id, regionCode: '422825' });
    const short = await makePerson(t.services, t.database, child.id, { name: '差学时' });
    const onlineShort = await makePerson(t.services, t.database, parent.id, { name: '差网络' });
    const met = await makePerson(t.services, t.database, parent.id, { name: '已达标' });
    const leader = await makePerson(t.services, t.database, parent.id, { name: '领导干部', rank: '0122' });
    const retired = await makePerson(t.services, t.database, parent.id, {
      name: '已退休',
      status: 'retired',
    });
    const keeper = (await as('unit_liaison', parent.id)).client;
    const add = (personId: string, category: string, hours: number) =>
      keeper.post('/api/v1/training-records', manual(personId, { category, hours }));
    await add(short.id, 'online', 50);
    await add(short.id, 'full_time', 10);
    await add(onlineShort.id, 'full_time', 100);
    await add(met.id, 'full_time', 40);
    await add(met.id, 'online', 50);
    await add(leader.id, 'full_time', 600);
    await add(leader.id, 'online', 50);
    return { parent, child, short, onlineShort, met, leader, retired, keeper };
  }

  it('lists the short people of the scope only, with their shortfall; filters by short-of, period and subtree', async () => {
    const s = await scenario();
    const res = await s.keeper.get('/api/v1/training-records/below-requirement?year=2030');
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.total).toBe(2);
    const byName = Object.fromEntries(page.items.map((r: { name: string }) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(['差学时', '差网络']);
    expect(byName.差学时).toMatchObject({
      unitId: s.child.id,
      period: 'yearly',
      required: 90,
      done: 60,
      missing: 30,
      onlineDone: 50,
      onlineMissing: 0,
      met: false,
      requirementSource: 'default',
    });
    expect(byName.差网络).toMatchObject({ done: 100, missing: 0, onlineDone: 0, onlineMissing: 50 });

    const q = '/api/v1/training-records/below-requirement?year=2030';
    const names = async (url: string) =>
      ((await s.keeper.get(url)).json().items as { name: string }[]).map((r) => r.name).sort();
    expect(await names(`${q}&shortOf=total`)).toEqual(['差学时']);
    expect(await names(`${q}&shortOf=online`)).toEqual(['差网络']);
    expect(await names(`${q}&unitId=${s.child.id}`)).toEqual(['差学时']);
    expect(await names(`${q}&period=five_year`)).toEqual([]);
    // A year with nothing done: everyone serving is short, the leader over five years too.
    expect(await names('/api/v1/training-records/below-requirement?year=2040')).toEqual(
      ['差学时', '差网络', '已达标', '领导干部'].sort(),
    );
    const paged = (await s.keeper.get(`${q}&pageSize=1&page=2`)).json();
    expect(paged).toMatchObject({ total: 2, page: 2, pageSize: 1 });
    expect(paged.items).toHaveLength(1);
    expect((await s.keeper.get(`${q}&pageSize=1&page=9`)).json()).toMatchObject({ total: 2, items: [] });
  });

  it('respects scope: another unit’s liaison and another region’s org admin see none of them; the region’s admin does', async () => {
    const s = await scenario();
    const q = `/api/v1/training-records/below-requirement?year=2030&unitId=${s.parent.id}`;
    const otherLiaison = (await as('unit_liaison', enshi.id)).client;
    expect((await otherLiaison.get(q)).json().total).toBe(0);
    const zhejiang = (await as('org_admin', '330000')).client;
    expect((await zhejiang.get(q)).json().total).toBe(0);
    expect(
      (await zhejiang.get('/api/v1/training-records/below-requirement?year=2030&regionCode=422825')).json()
        .total,
    ).toBe(0);
    const enshiAdmin = (await as('org_admin', '422800')).client;
    expect((await enshiAdmin.get(q)).json().total).toBe(2);
    const sysadmin = (await as('system_admin')).client;
    expect((await sysadmin.get(q)).statusCode).toBe(403);
  });

  it('exports every matching row as a workbook with Chinese headers (audited)', async () => {
    const s = await scenario();
    const res = await s.keeper.get(
      '/api/v1/training-records/below-requirement?year=2030&format=xlsx&pageSize=1',
    );
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(String(res.headers['content-disposition'])).toContain('below-requirement-2030.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    expect(sheet?.getRow(1).getCell(2).value).toBe('姓名');
    expect(sheet?.getRow(1).getCell(11).value).toBe('差额学时');
    const rows: string[] = [];
    sheet?.eachRow((row, n) => {
      if (n > 1) rows.push(String(row.getCell(2).value));
    });
    expect(rows.sort()).toEqual(['差学时', '差网络']);
    const audits = await auditOf('trainingRecord.export');
    expect(audits.at(-1)?.detail).toMatchObject({ rows: 2 });
  });

  it('uses the configured hours for the default requirement', async () => {
    const s = await scenario();
    const ctx = systemContext('test');
    await t.services.settings.updateStudyHours(ctx, { yearlyHours: 60, onlineMinimumPerYear: 0 });
    try {
      const page = (
        await s.keeper.get(`/api/v1/training-records/below-requirement?year=2030&unitId=${s.parent.id}`)
      ).json();
      expect(page.total).toBe(0);
      const view = (await s.keeper.get(`/api/v1/people/${s.short.id}/training-records?year=2030`)).json();
      expect(view.standing).toMatchObject({ required: 60, done: 60, met: true, onlineRequired: 0 });
    } finally {
      await t.services.settings.updateStudyHours(ctx, { yearlyHours: 90, onlineMinimumPerYear: 50 });
    }
  });
});
