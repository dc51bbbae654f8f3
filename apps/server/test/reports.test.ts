import type {
  AnnualTrainingReport,
  ArchiveView,
  ClassSummaryReport,
  PairingAnnualReport,
  ReportView,
  Role,
} from '@ganxun/domain';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  certificates,
  completionResults,
  enrollments,
  exchangeTalks,
  leaveRequests,
  secondmentAssessments,
  sessionQuestions,
  surveyForms,
  surveyResponses,
  trainingRecords,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeSession } from './session-factories.js';

/**
 * Standard reports (issue 8). 2021 in Hubei:
 * - X: a provincial seminar of a provincial party school, 2021-03-10: Enshi trainees e1, e2, e3 and
 *   Wuhan trainees w1, w2; e5 withdrew. Attendance of one item: present, late, absent, on leave.
 *   A class form with 5 responses (4.6), a lecture form with 3 (hidden). e1 completed (7 学时,
 *   certificate), e2 not. Leave: one long leave approved, one refused, one pending.
 * - Y: a special class of Enshi's organisation department, 2021-05-10: e1 and e4.
 * - Z: a special class of a Wuhan unit, 2021-06-01: w3.
 * - Pairing 恩施市 ↔ 江干区: two secondments started in 2021 (a cadre, a medical professional), one
 *   started in 2020 and in post until mid-2021; a talk and an annual assessment in 2021.
 * - Questions (互动答疑) on X's item: 2 answered, 1 answered in writing, 1 open, 1 pending, 1 hidden,
 *   1 merged (6 counted, 3 answered, 12 votes on the counted ones); on a second item 1 open (2 votes).
 */

let t: TestContext;
let hubei: Client;
let enshi: Client;
let classX: string;
let classZ: string;
let pairingId: string;
let e1Id: string;

const MEASURES = 'classes,people,personTimes,hours,attendanceRate,satisfaction,completionRate';

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

async function form(classId: string, target: 'class' | 'lecture', scores: number[], sessionId?: string) {
  const [f] = await t.database.db
    .insert(surveyForms)
    .values({
      classId,
      sessionId: sessionId ?? null,
      target,
      title: target === 'class' ? '班次总体评估' : '专题讲座评估',
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
    .values(scores.map((s) => ({ formId: f.id, answers: { overall: s, note: '好' } })));
}

async function workbookOf(body: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  t = await createTestContext();
  const db = t.database.db;
  const school = await makeUnit(t.database, { regionCode: '420000', type: 'party_school' });
  const enshiOrg = await makeUnit(t.database, { regionCode: '422801' });
  const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
  const wuhanUnit = await makeUnit(t.database, { regionCode: '420102' });
  const jg = await makeUnit(t.database, { regionCode: '330104' });
  const person = (unitId: string) => makePerson(t.services, t.database, unitId);
  const [e1, e2, e3, e4, e5] = await Promise.all([1, 2, 3, 4, 5].map(() => person(enshiUnit.id)));
  const [w1, w2, w3] = await Promise.all([1, 2, 3].map(() => person(wuhanUnit.id)));
  if (!e1 || !e2 || !e3 || !e4 || !e5 || !w1 || !w2 || !w3) throw new Error('people');
  e1Id = e1.id;

  const x = await makeClass(t.database, {
    name: '全省科技创新专题研讨班',
    leadOrganiserId: school.id,
    kind: 'seminar',
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    status: 'completed',
  });
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
  classX = x.id;
  classZ = z.id;

  const enrol = async (classId: string, personId: string, withdrawn = false) => {
    const [row] = await db
      .insert(enrollments)
      .values({
        classId,
        personId,
        status: withdrawn ? 'withdrawn' : 'enrolled',
        ...(withdrawn
          ? { withdrawnAt: new Date('2021-03-10T10:00:00+08:00'), withdrawReason: '工作需要' }
          : {}),
      })
      .returning();
    if (!row) throw new Error('enrolment');
    return row;
  };
  const xe1 = await enrol(x.id, e1.id);
  const xe2 = await enrol(x.id, e2.id);
  const xe3 = await enrol(x.id, e3.id);
  const xw1 = await enrol(x.id, w1.id);
  await enrol(x.id, w2.id);
  await enrol(x.id, e5.id, true);
  await enrol(y.id, e1.id);
  await enrol(y.id, e4.id);
  await enrol(z.id, w3.id);

  const item = await makeSession(t.database, x.id, {
    startsAt: '2021-03-10T09:00:00+08:00',
    endsAt: '2021-03-10T11:00:00+08:00',
  });
  await db.insert(attendanceRecords).values([
    { classId: x.id, sessionId: item.id, enrollmentId: xe1.id, status: 'present', method: 'staff_mark' },
    { classId: x.id, sessionId: item.id, enrollmentId: xe2.id, status: 'late', method: 'staff_mark' },
    { classId: x.id, sessionId: item.id, enrollmentId: xe3.id, status: 'absent', method: 'auto' },
    { classId: x.id, sessionId: item.id, enrollmentId: xw1.id, status: 'on_leave', method: 'leave' },
  ]);
  await db.insert(completionResults).values([
    { enrollmentId: xe1.id, classId: x.id, completed: true, decidedBy: 'rules', reasons: [], hours: 7 },
    { enrollmentId: xe2.id, classId: x.id, completed: false, decidedBy: 'rules', reasons: [], hours: 0 },
  ]);
  await db.insert(certificates).values({
    number: `GX-2021-${Math.random().toString(36).slice(2, 8)}`,
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
  await form(x.id, 'class', [5, 4, 5, 4, 5]);
  await form(x.id, 'lecture', [3, 4, 5], item.id);
  const discussion = await makeSession(t.database, x.id, {
    title: '分组研讨',
    startsAt: '2021-03-11T09:00:00+08:00',
    endsAt: '2021-03-11T11:00:00+08:00',
  });
  const question = (sessionId: string, status: string, votes: number, i: number) => ({
    sessionId,
    classId: x.id,
    authorHash: `author-${i}`,
    anonymous: i % 2 === 0,
    text: `问题${i}`,
    status: status as 'open',
    votes,
    answer: status === 'answered_in_writing' ? '书面答复' : null,
  });
  await db
    .insert(sessionQuestions)
    .values([
      question(item.id, 'answered', 5, 1),
      question(item.id, 'answered', 3, 2),
      question(item.id, 'answered_in_writing', 2, 3),
      question(item.id, 'open', 1, 4),
      question(item.id, 'pending', 0, 5),
      question(item.id, 'hidden', 4, 6),
      question(item.id, 'merged', 7, 7),
      question(discussion.id, 'open', 2, 8),
    ]);

  const admin = await as('org_admin', '420000');
  hubei = admin.client;
  enshi = (await as('org_admin', '422800')).client;
  const leave = (enrollmentId: string, status: 'approved' | 'rejected' | 'pending', levels: number) => ({
    classId: x.id,
    enrollmentId,
    requestedBy: admin.user.user.id,
    kind: 'days' as const,
    days: ['2021-03-11'],
    reason: '家中有事',
    hours: levels === 2 ? 12 : 2,
    status,
    levelsRequired: levels,
  });
  await db
    .insert(leaveRequests)
    .values([leave(xw1.id, 'approved', 2), leave(xe3.id, 'rejected', 1), leave(xe2.id, 'pending', 1)]);

  await db.insert(trainingRecords).values({
    personId: e1.id,
    source: 'manual',
    category: 'online',
    title: '网络专题学习',
    organiser: '干部网络学院',
    startDate: '2020-05-01',
    endDate: '2020-06-30',
    year: 2020,
    hours: 12,
  });

  const pairing = await makePartnership(t.database, { name: '恩施江干结对', startYear: 2018 });
  pairingId = pairing.id;
  const s1 = await makeSecondment(t.database, pairing.id, e2.id, {
    homeUnitId: enshiUnit.id,
    hostUnitId: jg.id,
    plannedStart: '2021-04-01',
    plannedEnd: '2021-12-31',
    actualStart: '2021-04-01',
    status: 'in_post',
  });
  await makeSecondment(t.database, pairing.id, e3.id, {
    category: 'professional',
    specialty: 'medical',
    homeUnitId: enshiUnit.id,
    hostUnitId: jg.id,
    plannedStart: '2021-09-01',
    plannedEnd: '2022-08-31',
    actualStart: '2021-09-01',
    status: 'in_post',
  });
  await makeSecondment(t.database, pairing.id, e4.id, {
    homeUnitId: enshiUnit.id,
    hostUnitId: jg.id,
    plannedStart: '2020-03-01',
    plannedEnd: '2021-06-30',
    actualStart: '2020-03-01',
    actualEnd: '2021-06-30',
    status: 'completed',
  });
  await db.insert(exchangeTalks).values({
    partnershipId: pairing.id,
    date: '2021-10-10',
    title: '选派干部回访座谈',
    location: '恩施市委组织部',
    participants: '组织部、派驻干部',
    createdBy: admin.user.user.id,
  });
  await db.insert(secondmentAssessments).values({
    secondmentId: s1.id,
    kind: 'annual',
    year: 2021,
    grade: 'excellent',
    assessedBy: admin.user.user.id,
  });
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/reports/annual-training', () => {
  it('states the same totals as the report builder for the year', async () => {
    const res = await hubei.get('/api/v1/reports/annual-training?year=2021');
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json() as AnnualTrainingReport;
    const engine = await hubei.get(`/api/v1/stats/report?from=2021-01-01&to=2021-12-31&measures=${MEASURES}`);
    expect(engine.statusCode, engine.body).toBe(200);
    expect(report.totals).toEqual((engine.json() as ReportView).totals);
    expect(report.totals).toMatchObject({ classes: 3, people: 7, personTimes: 8, hours: 7 });
    expect(report.byKind.map((r) => r.keys[0]?.value).sort()).toEqual(['seminar', 'special']);
    expect(report.byMonth.map((r) => r.keys[0]?.value)).toEqual(['2021-03', '2021-05', '2021-06']);
    // Classes by start date, with the engine's figures.
    expect(report.classes.map((c) => c.startDate)).toEqual(['2021-03-10', '2021-05-10', '2021-06-01']);
    expect(report.classes[0]).toMatchObject({ classId: classX, people: 5, personTimes: 5, hours: 7 });
  });

  it('downloads an xlsx whose totals row states the same figures, audited', async () => {
    const res = await hubei.get('/api/v1/reports/annual-training?year=2021&format=xlsx');
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-type'])).toContain('spreadsheetml');
    const wb = await workbookOf(res.rawPayload);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['总表', '按类型', '按月份', '按地区', '班次明细']);
    const totals = wb.getWorksheet('总表');
    expect(String(totals?.getCell(1, 1).value)).toMatch(/^2021年度干部教育培训统计表（.+）$/);
    expect(totals?.getRow(3).values).toContain('培训人次');
    expect([1, 2, 3, 4].map((c) => totals?.getCell(4, c).value)).toEqual([3, 7, 8, 7]);
    const kinds = wb.getWorksheet('按类型');
    expect(kinds?.getCell(kinds.rowCount, 1).value).toBe('合计');
    expect(kinds?.getCell(kinds.rowCount, 3).value).toBe(7);
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toContain('report.export');
    expect(audit.find((a) => a.action === 'report.export')?.detail).toMatchObject({
      report: 'annual_training',
      params: { year: 2021 },
    });
  });

  it('limits to an organiser, and refuses a bad year or an unknown organiser', async () => {
    const res = await hubei.get(
      `/api/v1/reports/annual-training?year=2021&organiserId=${crypto.randomUUID()}`,
    );
    expect(res.statusCode).toBe(404);
    for (const year of ['abc', '1800', '']) {
      const bad = await hubei.get(`/api/v1/reports/annual-training?year=${year}`);
      expect(bad.statusCode, year).toBe(400);
    }
  });
});

describe('GET /api/v1/reports/classes/:id/summary', () => {
  it('counts enrolment, attendance by status, evaluation, completion and incidents', async () => {
    const res = await hubei.get(`/api/v1/reports/classes/${classX}/summary`);
    expect(res.statusCode, res.body).toBe(200);
    const s = res.json() as ClassSummaryReport;
    expect(s.enrolment.people).toBe(5);
    expect(s.enrolment.withdrawn).toBe(1);
    expect(Object.fromEntries(s.enrolment.byRegion.map((r) => [r.regionCode, r.people]))).toEqual({
      '422800': 3,
      '420100': 2,
    });
    expect(s.attendance).toMatchObject({
      items: 4,
      present: 1,
      late: 1,
      absent: 1,
      onLeave: 1,
      leftEarly: 0,
    });
    expect(s.attendance.rate).toBeCloseTo(2 / 3);
    const byTarget = Object.fromEntries(s.evaluation.items.map((f) => [f.target, f]));
    expect(byTarget.class).toMatchObject({ responses: 5, score: 4.6 });
    expect(byTarget.lecture).toMatchObject({ responses: 3, score: null });
    expect(s.evaluation.responses).toBe(8);
    expect(s.completion).toEqual({ decided: 2, completed: 1, notCompleted: 1, certificates: 1, hours: 7 });
    expect(s.incidents.map((i) => i.kind)).toEqual(['withdrawal', 'leave_summary', 'long_leave']);
    expect(s.incidents[0]).toMatchObject({ date: '2021-03-10' });
    expect(s.incidents[0]?.text).toContain('工作需要');

    const xlsx = await hubei.get(`/api/v1/reports/classes/${classX}/summary?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const wb = await workbookOf(xlsx.rawPayload);
    expect(wb.worksheets).toHaveLength(5);
  });

  it('states the questions of its boards (hidden and merged ones not counted), per item and in total', async () => {
    const s = (await hubei.get(`/api/v1/reports/classes/${classX}/summary`)).json() as ClassSummaryReport;
    expect(s.questions.totals).toEqual({ questions: 6, answered: 3, answeredShare: 0.5, votes: 13 });
    expect(s.questions.items.map((i) => [i.questions, i.answered, i.answeredShare, i.votes])).toEqual([
      [5, 3, 0.6, 11],
      [1, 0, 0, 2],
    ]);
    expect(s.questions.items[1]).toMatchObject({ title: '分组研讨', startsAt: '2021-03-11T01:00:00.000Z' });

    const xlsx = await hubei.get(`/api/v1/reports/classes/${classX}/summary?format=xlsx`);
    const wb = await workbookOf(xlsx.rawPayload);
    const overview = wb.getWorksheet('概况');
    const values = new Map<string, unknown>();
    overview?.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(values.get('学员提问')).toBe(6);
    expect(values.get('已解答问题')).toBe(3);
    expect(values.get('问题解答率')).toBe('50.0%');
    const sheet = wb.getWorksheet('互动答疑');
    expect(sheet?.getRow(3).values).toEqual([
      undefined,
      '课程（环节）',
      '时间',
      '提问数',
      '已解答',
      '解答率',
      '点赞数',
    ]);
    expect(sheet?.getRow(5).getCell(1).value).toBe('分组研讨');
    expect(sheet?.getRow(5).getCell(2).value).toBe('2021-03-11 09:00');
    expect(sheet?.getRow(6).values).toEqual([undefined, '合计', '', 6, 3, 0.5, 13]);
    expect(sheet?.getRow(6).getCell(5).numFmt).toBe('0.0%');

    // A class whose boards took no questions: zeros, no share.
    const none = (await hubei.get(`/api/v1/reports/classes/${classZ}/summary`)).json() as ClassSummaryReport;
    expect(none.questions).toEqual({
      items: [],
      totals: { questions: 0, answered: 0, answeredShare: null, votes: 0 },
    });
  });

  it("refuses another city's class to a city org admin, and 404s an unknown class", async () => {
    const other = await enshi.get(`/api/v1/reports/classes/${classZ}/summary`);
    expect(other.statusCode).toBe(403);
    const unknown = await hubei.get(`/api/v1/reports/classes/${crypto.randomUUID()}/summary`);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('GET /api/v1/reports/partnerships/:id/annual', () => {
  it('reports the secondments, talks, assessments and narrative of the year', async () => {
    const res = await hubei.get(`/api/v1/reports/partnerships/${pairingId}/annual?year=2021`);
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json() as PairingAnnualReport;
    const aToB = r.directions.find((d) => d.direction === 'a_to_b');
    expect(aToB?.name).toContain('恩施市');
    expect(aToB?.started).toEqual({ people: 2, personTimes: 2 });
    expect(aToB?.inPost).toEqual({ people: 3, personTimes: 3 });
    expect(aToB?.byCategory).toEqual([
      {
        category: 'cadre',
        specialty: null,
        started: { people: 1, personTimes: 1 },
        inPost: { people: 2, personTimes: 2 },
      },
      {
        category: 'professional',
        specialty: 'medical',
        started: { people: 1, personTimes: 1 },
        inPost: { people: 1, personTimes: 1 },
      },
    ]);
    expect(r.directions.find((d) => d.direction === 'b_to_a')?.started).toEqual({
      people: 0,
      personTimes: 0,
    });
    expect(r.talks.map((x) => x.date)).toEqual(['2021-10-10']);
    expect(r.assessments).toMatchObject({ total: 1, byGrade: { excellent: 1, competent: 0 } });
    expect(r.narrative.length).toBeGreaterThan(0);

    const xlsx = await hubei.get(`/api/v1/reports/partnerships/${pairingId}/annual?year=2021&format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const bad = await hubei.get(`/api/v1/reports/partnerships/${pairingId}/annual?year=20x1`);
    expect(bad.statusCode).toBe(400);
    const unknown = await hubei.get(`/api/v1/reports/partnerships/${crypto.randomUUID()}/annual?year=2021`);
    expect(unknown.statusCode).toBe(404);
  });
});

describe('GET /api/v1/reports/people/:id/archive', () => {
  it('gives the archive, and an xlsx with hours by year and category', async () => {
    const res = await hubei.get(`/api/v1/reports/people/${e1Id}/archive`);
    expect(res.statusCode, res.body).toBe(200);
    const archive = res.json() as ArchiveView;
    expect(archive.records.map((r) => r.title)).toContain('网络专题学习');
    const xlsx = await hubei.get(`/api/v1/reports/people/${e1Id}/archive?format=xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const years = (await workbookOf(xlsx.rawPayload)).getWorksheet('学时汇总');
    expect(years?.getRow(4).values).toEqual([undefined, 2020, 0, 12, 0, 12]);
  });

  it('needs stats.read', async () => {
    const { client } = await as('trainee', null);
    const res = await client.get(`/api/v1/reports/people/${e1Id}/archive`);
    expect(res.statusCode).toBe(403);
  });
});
