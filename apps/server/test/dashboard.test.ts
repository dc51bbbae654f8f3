import type { DashboardView, ReportView, Role } from '@ganxun/domain';
import { inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  certificates,
  completionResults,
  enrollments,
  regions,
  surveyForms,
  surveyResponses,
  trainingRecords,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeLecturer, makeSession } from './session-factories.js';

/**
 * The statistics dashboard (issue 8). 2021, in Hubei:
 * - X: a provincial seminar (a provincial party school), 2021-03-10, topic 科技创新: Enshi trainees
 *   e1, e2, e3 and Wuhan trainee w1. Attendance: e1 present, e2 absent. e1 completed (7 学时) with a
 *   certificate. A lecture by 王教授 with a form of 5 responses (5, 5, 4, 4, 5 → 4.6).
 * - Y: a special class of a Wuhan unit, 2021-05-10: w2 and w3 (another city's class).
 * - e2, an Enshi cadre, seconded to Jianggan from 2021-04-01 (in post).
 * - Study hours 2021: e1 40 full-time + 60 online (meets 90 with 50 online); nobody else.
 * The province sees 2 classes, 6 people; Enshi sees X through its own 3 trainees, not Y, and no
 * evaluation (it runs neither class).
 */

let t: TestContext;
let hubei: Client;
let enshi: Client;
let enshiUnitId: string;
let lecturerId: string;
let pairingId: string;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const PERIOD = 'from=2021-01-01&to=2021-12-31';

async function dashboard(client: Client, period = PERIOD) {
  const res = await client.get(`/api/v1/stats/dashboard?${period}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as DashboardView;
}

beforeAll(async () => {
  t = await createTestContext();
  const school = await makeUnit(t.database, { regionCode: '420000', type: 'party_school' });
  const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
  const wuhanUnit = await makeUnit(t.database, { regionCode: '420102' });
  enshiUnitId = enshiUnit.id;
  const person = (unitId: string) => makePerson(t.services, t.database, unitId);
  const [e1, e2, e3] = await Promise.all([1, 2, 3].map(() => person(enshiUnit.id)));
  const [w1, w2, w3] = await Promise.all([1, 2, 3].map(() => person(wuhanUnit.id)));
  if (!e1 || !e2 || !e3 || !w1 || !w2 || !w3) throw new Error('people');

  const x = await makeClass(t.database, {
    leadOrganiserId: school.id,
    kind: 'seminar',
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    status: 'completed',
  });
  await t.database.db.execute(sql`update classes set topics = array['科技创新'] where id = ${x.id}`);
  const y = await makeClass(t.database, {
    leadOrganiserId: wuhanUnit.id,
    kind: 'special',
    startDate: '2021-05-10',
    endDate: '2021-05-12',
    status: 'completed',
  });

  const enrol = async (classId: string, personId: string) => {
    const [row] = await t.database.db.insert(enrollments).values({ classId, personId }).returning();
    if (!row) throw new Error('enrolment');
    return row;
  };
  const xe1 = await enrol(x.id, e1.id);
  const xe2 = await enrol(x.id, e2.id);
  await enrol(x.id, e3.id);
  await enrol(x.id, w1.id);
  await enrol(y.id, w2.id);
  await enrol(y.id, w3.id);

  const lecturer = await makeLecturer(t.database, { name: '王教授' });
  lecturerId = lecturer.id;
  const item = await makeSession(t.database, x.id, {
    startsAt: '2021-03-10T09:00:00+08:00',
    endsAt: '2021-03-10T11:00:00+08:00',
    lecturers: [{ lecturerId: lecturer.id }],
  });
  await t.database.db.insert(attendanceRecords).values([
    { classId: x.id, sessionId: item.id, enrollmentId: xe1.id, status: 'present', method: 'staff_mark' },
    { classId: x.id, sessionId: item.id, enrollmentId: xe2.id, status: 'absent', method: 'auto' },
  ]);
  const [lectureForm] = await t.database.db
    .insert(surveyForms)
    .values({
      classId: x.id,
      sessionId: item.id,
      target: 'lecture',
      title: '专题讲座评估',
      questions: [
        { id: 'content', kind: 'rating', label: { 'zh-CN': '内容' }, required: true },
        { id: 'note', kind: 'text', label: { 'zh-CN': '意见' }, required: false, maxLength: 200 },
      ],
      opensAt: new Date('2021-03-10T00:00:00Z'),
      closesAt: new Date('2021-03-20T00:00:00Z'),
      responses: 5,
    })
    .returning();
  if (!lectureForm) throw new Error('form');
  await t.database.db
    .insert(surveyResponses)
    .values([5, 5, 4, 4, 5].map((s) => ({ formId: lectureForm.id, answers: { content: s, note: '好' } })));

  await t.database.db.insert(completionResults).values({
    enrollmentId: xe1.id,
    classId: x.id,
    completed: true,
    decidedBy: 'rules',
    reasons: [],
    hours: 7,
  });
  await t.database.db.insert(certificates).values({
    number: `DASH-${Math.random().toString(36).slice(2, 8)}`,
    classId: x.id,
    enrollmentId: xe1.id,
    personId: e1.id,
    personName: e1.name,
    className: x.name,
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    hours: 7,
    issuer: '省委党校',
  });
  const record = (category: 'full_time' | 'online', hours: number) => ({
    personId: e1.id,
    source: 'manual' as const,
    category,
    title: '学习',
    organiser: '省委党校',
    startDate: '2021-06-01',
    endDate: '2021-06-02',
    year: 2021,
    hours,
  });
  await t.database.db.insert(trainingRecords).values([record('full_time', 40), record('online', 60)]);

  const pairing = await makePartnership(t.database, { startYear: 2018 });
  pairingId = pairing.id;
  const jg = await makeUnit(t.database, { regionCode: '330104' });
  await makeSecondment(t.database, pairing.id, e2.id, {
    homeUnitId: enshiUnit.id,
    hostUnitId: jg.id,
    plannedStart: '2021-04-01',
    plannedEnd: '2021-12-31',
    actualStart: '2021-04-01',
    status: 'in_post',
  });

  hubei = await as('org_admin', '420000');
  enshi = await as('org_admin', '422800');
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/stats/dashboard', () => {
  it('states the period’s figures for the province', async () => {
    const view = await dashboard(hubei);
    expect(view.kpis).toMatchObject({
      classes: 2,
      people: 6,
      personTimes: 6,
      hours: 7,
      attendanceRate: 0.5,
      completionRate: 1,
      certificates: 1,
      secondmentsInPost: 1,
    });
    expect(view.kpis.satisfaction).toBeCloseTo(4.6);
    expect(view.province?.code).toBe('420000');

    const byMonth = Object.fromEntries(view.byMonth.map((r) => [`${r.month}|${r.classKind}`, r]));
    expect(byMonth['2021-03|seminar']).toMatchObject({ classes: 1, personTimes: 4 });
    expect(byMonth['2021-05|special']).toMatchObject({ classes: 1, personTimes: 2 });
    expect(byMonth['2021-03|seminar']?.classKindLabel).toBe('专题研讨班');

    const byRegion = Object.fromEntries(view.byRegion.map((r) => [r.regionCode, r]));
    expect(byRegion['422800']).toMatchObject({ people: 3, personTimes: 3 });
    expect(byRegion['420100']).toMatchObject({ people: 3, personTimes: 3 });

    expect(view.topLecturers).toEqual([
      { lecturerId, name: '王教授', score: expect.closeTo(4.6), responses: 5, items: 1 },
    ]);
    expect(view.topTopics).toEqual([
      { topic: '科技创新', score: expect.closeTo(4.6), responses: 5, classes: 1 },
    ]);
    expect(view.compliance.find((c) => c.unitId === enshiUnitId)).toMatchObject({
      people: 3,
      compliant: 1,
      rate: expect.closeTo(1 / 3),
    });
    expect(view.exchangeFlows).toEqual([
      {
        year: 2021,
        partnershipId: pairingId,
        direction: 'a_to_b',
        directionName: expect.stringContaining(' → '),
        category: 'cadre',
        personTimes: 1,
      },
    ]);
  });

  it('agrees with the report builder for the same period', async () => {
    for (const client of [hubei, enshi]) {
      const view = await dashboard(client);
      const res = await client.get(
        `/api/v1/stats/report?${PERIOD}&measures=classes,people,personTimes,hours,attendanceRate,completionRate`,
      );
      expect(res.statusCode, res.body).toBe(200);
      const totals = (res.json() as ReportView).totals;
      expect(view.kpis).toMatchObject(totals);
      const sat = await client.get(`/api/v1/stats/report?${PERIOD}&measures=satisfaction`);
      expect(view.kpis.satisfaction).toBe((sat.json() as ReportView).totals.satisfaction ?? null);
      const byRegion = await client.get(
        `/api/v1/stats/report?${PERIOD}&dimensions=region&measures=personTimes`,
      );
      const regionSum = (byRegion.json() as ReportView).rows.reduce(
        (s, r) => s + (r.values.personTimes ?? 0),
        0,
      );
      expect(view.byRegion.reduce((s, r) => s + r.personTimes, 0)).toBe(regionSum);
    }
  });

  it("shows a city admin less: its own people in the province's class, not another city's class", async () => {
    const view = await dashboard(enshi);
    expect(view.kpis).toMatchObject({
      classes: 1,
      people: 3,
      personTimes: 3,
      certificates: 1,
      secondmentsInPost: 1,
    });
    // Evaluations count only for classes the reader runs: Enshi runs neither.
    expect(view.kpis.satisfaction).toBeNull();
    expect(view.topLecturers).toEqual([]);
    expect(view.topTopics).toEqual([]);
    expect(view.byRegion.map((r) => r.regionCode)).toEqual(['422800']);
    expect(view.byMonth.map((r) => r.month)).toEqual(['2021-03']);
    expect(view.compliance.map((c) => c.unitId)).toEqual([enshiUnitId]);
    const province = await dashboard(hubei);
    expect(view.kpis.personTimes).toBeLessThan(province.kpis.personTimes);
  });

  it('names directions in the reader’s script', async () => {
    const names = await t.database.db
      .select({ code: regions.code, zhTw: regions.nameZhTw })
      .from(regions)
      .where(inArray(regions.code, ['422801', '330104']));
    const zhTw = Object.fromEntries(names.map((n) => [n.code, n.zhTw]));
    enshi.locale = 'zh-TW';
    try {
      const view = await dashboard(enshi);
      expect(view.exchangeFlows[0]?.directionName).toBe(`${zhTw['422801']} → ${zhTw['330104']}`);
    } finally {
      enshi.locale = 'zh-CN';
    }
  });

  it('answers an empty period with zeros and empty lists', async () => {
    const view = await dashboard(hubei, 'from=1999-01-01&to=1999-12-31');
    expect(view.kpis).toEqual({
      classes: 0,
      people: 0,
      personTimes: 0,
      hours: 0,
      attendanceRate: null,
      satisfaction: null,
      completionRate: null,
      certificates: 0,
      secondmentsInPost: 0,
    });
    expect(view.byMonth).toEqual([]);
    expect(view.byRegion).toEqual([]);
    expect(view.topLecturers).toEqual([]);
    expect(view.topTopics).toEqual([]);
    expect(view.exchangeFlows).toEqual([]);
    expect(view.compliance.every((c) => c.compliant === 0)).toBe(true);
  });

  it('refuses a trainee (403, audited) and bad dates (400 on `to`)', async () => {
    const trainee = await as('trainee', null);
    const res = await trainee.get(`/api/v1/stats/dashboard?${PERIOD}`);
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'stats.read', outcome: 'denied', entityType: 'dashboard' }),
    ]);

    const backwards = await hubei.get('/api/v1/stats/dashboard?from=2021-12-31&to=2021-01-01');
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.fields).toContainEqual(expect.objectContaining({ path: 'querystring.to' }));
    const garbled = await hubei.get('/api/v1/stats/dashboard?from=2021-01-01&to=2021-13-45');
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().error.fields).toContainEqual(expect.objectContaining({ path: 'querystring.to' }));
  });
});
