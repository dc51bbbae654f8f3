import type { RecordPage, ReportView, Role } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  completionResults,
  enrollments,
  surveyForms,
  surveyResponses,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * The statistics engine (issue 8): the report builder's figures, people against person-times, the
 * reader's scope ("what I run, and my own people"), anonymity of satisfaction, the records behind
 * a figure and the xlsx.
 *
 * 2021, in Hubei:
 * - X: a provincial seminar (organised by a provincial party school), 2021-03-10, topic 科技创新:
 *   3 Enshi trainees (e1, e2, e3) and 2 Wuhan trainees (w1, w2); one more Enshi trainee withdrew.
 *   Attendance: e1 present, e2 late, e3 absent, w1 on leave. A class form with 5 responses
 *   (overall 5, 4, 5, 4, 5 → 4.6).
 * - Y: a special class of Enshi's organisation department, 2021-05-10: e1 again and e4.
 *   Completion: e1 completed (7 学时), e4 not. A class form with only 3 responses.
 * - Z: a special class of a Wuhan unit, 2021-06-01: w3 and w4.
 * - A draft, a cancelled class and a 2020 class, which count for nothing in 2021.
 * - One secondment of an Enshi cadre to Jianggan started 2021-04-01.
 * So the province sees 3 classes, 8 people, 9 person-times; Enshi sees X (its people only) and Y.
 */

let t: TestContext;
let hubei: Client;
let enshi: Client;
let classX: string;
let classY: string;
let enshiUnitId: string;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const report = async (client: Client, query: string) => {
  const res = await client.get(`/api/v1/stats/report?from=2021-01-01&to=2021-12-31&${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as ReportView;
};

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

async function form(classId: string, scores: number[]) {
  const [f] = await t.database.db
    .insert(surveyForms)
    .values({
      classId,
      target: 'class',
      title: '班次总体评估',
      questions: [
        { id: 'overall', kind: 'rating', label: { 'zh-CN': '总体满意度' }, required: true },
        { id: 'note', kind: 'text', label: { 'zh-CN': '意见' }, required: false, maxLength: 200 },
      ],
      opensAt: new Date('2021-01-01T00:00:00Z'),
      closesAt: new Date('2021-12-31T00:00:00Z'),
      responses: scores.length,
    })
    .returning();
  if (!f) throw new Error('form');
  await t.database.db
    .insert(surveyResponses)
    .values(scores.map((s) => ({ formId: f.id, answers: { overall: s, note: '很好' } })));
}

beforeAll(async () => {
  t = await createTestContext();
  const school = await makeUnit(t.database, { regionCode: '420000', type: 'party_school' });
  const enshiOrg = await makeUnit(t.database, { regionCode: '422801' });
  const wuhanUnit = await makeUnit(t.database, { regionCode: '420102' });
  const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
  enshiUnitId = enshiUnit.id;
  const person = (unitId: string) => makePerson(t.services, t.database, unitId);
  const [e1, e2, e3, e4, e5] = await Promise.all([1, 2, 3, 4, 5].map(() => person(enshiUnit.id)));
  const [w1, w2, w3, w4] = await Promise.all([1, 2, 3, 4].map(() => person(wuhanUnit.id)));
  if (!e1 || !e2 || !e3 || !e4 || !e5 || !w1 || !w2 || !w3 || !w4) throw new Error('people');

  const x = await makeClass(t.database, {
    leadOrganiserId: school.id,
    kind: 'seminar',
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    status: 'completed',
  });
  await t.database.db.execute(
    // topics are not in the class factory's overrides
    (await import('drizzle-orm')).sql`update classes set topics = array['科技创新'] where id = ${x.id}`,
  );
  const y = await makeClass(t.database, {
    leadOrganiserId: enshiOrg.id,
    kind: 'special',
    startDate: '2021-05-10',
    endDate: '2021-05-12',
    status: 'completed',
  });
  const z = await makeClass(t.database, {
    leadOrganiserId: wuhanUnit.id,
    kind: 'special',
    startDate: '2021-06-01',
    endDate: '2021-06-02',
    status: 'completed',
  });
  const draft = await makeClass(t.database, {
    leadOrganiserId: enshiOrg.id,
    startDate: '2021-07-01',
    status: 'draft',
  });
  const cancelled = await makeClass(t.database, {
    leadOrganiserId: enshiOrg.id,
    startDate: '2021-08-01',
    status: 'cancelled',
  });
  const old = await makeClass(t.database, {
    leadOrganiserId: enshiOrg.id,
    startDate: '2020-08-01',
    endDate: '2020-08-02',
  });
  classX = x.id;
  classY = y.id;

  const enrol = async (classId: string, personId: string, status: 'enrolled' | 'withdrawn' = 'enrolled') => {
    const [row] = await t.database.db.insert(enrollments).values({ classId, personId, status }).returning();
    if (!row) throw new Error('enrolment');
    return row;
  };
  const xe1 = await enrol(x.id, e1.id);
  const xe2 = await enrol(x.id, e2.id);
  const xe3 = await enrol(x.id, e3.id);
  const xw1 = await enrol(x.id, w1.id);
  await enrol(x.id, w2.id);
  await enrol(x.id, e5.id, 'withdrawn');
  const ye1 = await enrol(y.id, e1.id);
  const ye4 = await enrol(y.id, e4.id);
  await enrol(z.id, w3.id);
  await enrol(z.id, w4.id);
  for (const c of [draft, cancelled, old]) await enrol(c.id, e4.id);

  // Attendance of X's one item.
  const { makeSession } = await import('./session-factories.js');
  const item = await makeSession(t.database, x.id, {
    startsAt: '2021-03-10T09:00:00+08:00',
    endsAt: '2021-03-10T11:00:00+08:00',
  });
  await t.database.db.insert(attendanceRecords).values([
    { classId: x.id, sessionId: item.id, enrollmentId: xe1.id, status: 'present', method: 'staff_mark' },
    { classId: x.id, sessionId: item.id, enrollmentId: xe2.id, status: 'late', method: 'staff_mark' },
    { classId: x.id, sessionId: item.id, enrollmentId: xe3.id, status: 'absent', method: 'auto' },
    { classId: x.id, sessionId: item.id, enrollmentId: xw1.id, status: 'on_leave', method: 'leave' },
  ]);
  await t.database.db.insert(completionResults).values([
    { enrollmentId: ye1.id, classId: y.id, completed: true, decidedBy: 'rules', reasons: [], hours: 7 },
    { enrollmentId: ye4.id, classId: y.id, completed: false, decidedBy: 'rules', reasons: [], hours: 0 },
  ]);
  await form(x.id, [5, 4, 5, 4, 5]);
  await form(y.id, [3, 3, 3]);

  const pairing = await makePartnership(t.database, { startYear: 2018 });
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

describe('GET /api/v1/stats/report', () => {
  it('counts people once and person-times per class, for the province', async () => {
    const view = await report(hubei, 'measures=classes,people,personTimes,secondments');
    expect(view.totals).toEqual({ classes: 3, people: 8, personTimes: 9, secondments: 1 });
  });

  it("counts for a city what it runs and its own people, never another city's trainees", async () => {
    const view = await report(enshi, 'measures=classes,people,personTimes,secondments');
    // X through Enshi's own 3 trainees, Y which Enshi runs (e1 again and e4).
    expect(view.totals).toEqual({ classes: 2, people: 4, personTimes: 5, secondments: 1 });
  });

  it('splits by class kind with totals that are not the sum of the rows', async () => {
    const view = await report(hubei, 'dimensions=classKind&measures=classes,people,personTimes');
    const byKind = Object.fromEntries(view.rows.map((r) => [r.keys[0]?.value, r.values]));
    expect(byKind.seminar).toEqual({ classes: 1, people: 5, personTimes: 5 });
    expect(byKind.special).toEqual({ classes: 2, people: 4, personTimes: 4 });
    expect(view.rows.map((r) => r.keys[0]?.label)).toEqual(['专题研讨班', '专题班']);
    // e1 attended both kinds: 9 people in the rows, 8 in the totals.
    expect(view.totals.people).toBe(8);
  });

  it("splits by the trainee's city and labels the regions", async () => {
    const view = await report(hubei, 'dimensions=region&measures=people,personTimes');
    const rows = Object.fromEntries(view.rows.map((r) => [r.keys[0]?.value, r.values]));
    expect(rows['422800']).toEqual({ people: 4, personTimes: 5 });
    expect(rows['420100']).toEqual({ people: 4, personTimes: 4 });
  });

  it('computes attendance, study hours and completion from their records', async () => {
    const view = await report(hubei, 'dimensions=class&measures=hours,attendanceRate,completionRate');
    const rows = Object.fromEntries(view.rows.map((r) => [r.keys[0]?.value, r.values]));
    // present + late over the records with a status other than leave: 2 of 3.
    expect(rows[classX]?.attendanceRate).toBeCloseTo(2 / 3);
    expect(rows[classY]).toEqual({ hours: 7, attendanceRate: null, completionRate: 0.5 });
    expect(view.totals.hours).toBe(7);
  });

  it('follows changes of attendance and answers (summaries kept by triggers)', async () => {
    const { sql } = await import('drizzle-orm');
    const rate = async () => {
      const view = await report(hubei, `classId=${classX}&measures=attendanceRate,satisfaction`);
      return view.totals;
    };
    // e3's absence corrected to present: 3 of 3; then back.
    await t.database.db.execute(
      sql`update attendance_records set status = 'present' where class_id = ${classX} and status = 'absent'`,
    );
    expect((await rate()).attendanceRate).toBe(1);
    await t.database.db.execute(
      sql`update attendance_records set status = 'absent' where class_id = ${classX} and status = 'present' and method = 'auto'`,
    );
    expect((await rate()).attendanceRate).toBeCloseTo(2 / 3);
    // A response removed: 4 left, under the minimum.
    const [gone] = await t.database.db
      .delete(surveyResponses)
      .where(
        sql`${surveyResponses.id} = (select r.id from survey_responses r join survey_forms f on f.id = r.form_id where f.class_id = ${classX} limit 1)`,
      )
      .returning();
    expect((await rate()).satisfaction).toBeNull();
    if (gone)
      await t.database.db.insert(surveyResponses).values({ formId: gone.formId, answers: gone.answers });
    expect((await rate()).satisfaction).toBeCloseTo(4.6);
  });

  it('shows satisfaction only from 5 responses, and only for classes the reader runs', async () => {
    const view = await report(hubei, 'dimensions=class&measures=satisfaction');
    const rows = Object.fromEntries(view.rows.map((r) => [r.keys[0]?.value, r.values]));
    expect(rows[classX]?.satisfaction).toBeCloseTo(4.6);
    expect(rows[classY]?.satisfaction).toBeNull();
    expect(view.suppressed).toBe(1);
    // Enshi runs Y only (3 responses): nothing to show.
    const city = await report(enshi, 'measures=satisfaction');
    expect(city.totals.satisfaction).toBeNull();
  });

  it('filters by trainee region, class kind and unit', async () => {
    expect((await report(hubei, 'measures=personTimes&regionCode=422800')).totals.personTimes).toBe(5);
    expect((await report(hubei, 'measures=classes&classKind=special')).totals.classes).toBe(2);
    expect((await report(hubei, `measures=people&unitId=${enshiUnitId}`)).totals.people).toBe(4);
  });

  it('refuses a split that anonymous evaluation cannot make, and bad periods, with field paths', async () => {
    const res = await hubei.get(
      '/api/v1/stats/report?from=2021-01-01&to=2021-12-31&dimensions=region&measures=satisfaction',
    );
    expect(res.statusCode).toBe(400);
    expect(fields(res), res.body).toContainEqual(['querystring.dimensions.0', 'dimension_not_for_measure']);
    const bad = await hubei.get('/api/v1/stats/report?from=2021-12-31&to=2021-01-01&measures=classes');
    expect(fields(bad)).toContainEqual(['querystring.to', 'end_before_start']);
    const none = await hubei.get('/api/v1/stats/report?from=2021-01-01&to=2021-12-31&measures=');
    expect(none.statusCode).toBe(400);
  });

  it('is refused to a trainee (403) and scoped for a liaison to their own unit', async () => {
    const trainee = await as('trainee', null);
    const res = await trainee.get('/api/v1/stats/report?from=2021-01-01&to=2021-12-31&measures=classes');
    expect(res.statusCode).toBe(403);
    const liaison = await as('unit_liaison', enshiUnitId);
    const view = await report(liaison, 'measures=classes,people,personTimes');
    // e1…e4 in X and Y: 4 people, 5 person-times; classes X and Y.
    expect(view.totals).toEqual({ classes: 2, people: 4, personTimes: 5 });
  });
});

describe('GET /api/v1/stats/records', () => {
  it('lists the records behind a figure, as many as the figure', async () => {
    const res = await hubei.get(
      '/api/v1/stats/records?measure=personTimes&from=2021-01-01&to=2021-12-31&regionCode=422800',
    );
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json() as RecordPage;
    expect(page.total).toBe(5);
    expect(page.items.every((r) => r.kind === 'enrollment' && r.personName)).toBe(true);
    const classes = (
      await hubei.get('/api/v1/stats/records?measure=classes&from=2021-01-01&to=2021-12-31')
    ).json();
    expect(classes.total).toBe(3);
    const forms = (
      await hubei.get('/api/v1/stats/records?measure=satisfaction&from=2021-01-01&to=2021-12-31')
    ).json();
    expect(forms.items.map((f: { value: number | null }) => f.value)).toEqual(
      expect.arrayContaining([null, expect.closeTo(4.6, 5)]),
    );
  });

  it("narrows satisfaction to one lecturer's lectures, and refuses that filter elsewhere", async () => {
    const none = await hubei.get(
      `/api/v1/stats/records?measure=satisfaction&from=2021-01-01&to=2021-12-31&lecturerId=${crypto.randomUUID()}`,
    );
    expect(none.json().total).toBe(0);
    const refused = await hubei.get(
      `/api/v1/stats/records?measure=personTimes&from=2021-01-01&to=2021-12-31&lecturerId=${crypto.randomUUID()}`,
    );
    expect(fields(refused)).toContainEqual(['querystring.lecturerId', 'filter_not_for_measure']);
  });

  it('never lists what the reader may not count', async () => {
    const page = (
      await enshi.get('/api/v1/stats/records?measure=personTimes&from=2021-01-01&to=2021-12-31')
    ).json();
    expect(page.total).toBe(5);
  });
});

describe('GET /api/v1/stats/report/xlsx', () => {
  it('holds the same rows and totals as the report', async () => {
    const res = await hubei.get(
      '/api/v1/stats/report/xlsx?from=2021-01-01&to=2021-12-31&dimensions=classKind&measures=classes,people,personTimes',
    );
    expect(res.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    if (!sheet) throw new Error('no sheet');
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(2)).toEqual(['班次类型', '班次数（期）', '培训人数（人）', '培训人次']);
    expect(values(3)).toEqual(['专题研讨班', 1, 5, 5]);
    expect(values(5)).toEqual(['合计', 3, 8, 9]);
  });
});
