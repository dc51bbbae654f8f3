import type { GeneratedDocument, ReportView, Role } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attendanceRecords,
  certificates,
  completionResults,
  enrollments,
  planItems,
  plans,
  sessionQuestions,
  surveyForms,
  surveyResponses,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeLecturer, makeSession } from './session-factories.js';

/**
 * Generated documents (issue 8). 2021, in Hubei:
 * - a planned item "系列专题研讨班" held as two seminars A (2021-03-10, topic 科技创新) and B
 *   (2021-06-10, topic 智慧城市建设), organised by a provincial party school with the Jianggan
 *   organisation department (杭州市江干区委组织部) as co-organiser;
 * - a main-body class C (2021-09-01).
 * Trainees: e1, e2, e3 (Enshi), w1, w2 (Wuhan), p1 (a provincial unit). A: e1, e2, w1; B: e1, w2,
 * p1; C: e3 — so 3 classes, 6 people, 7 person-times; the series 2 classes, 5 people, 6 person-times.
 * A has a lecture "常态化疫情防控" by 张三, attendance (e1 present, e2 absent), completion (e1 and
 * e2, 8 学时 each), one certificate (e1) and a class form with 5 responses (4.6). Its lecture's board
 * took 4 questions (2 answered, 1 answered in writing, 1 open) and a hidden one; B's boards none.
 */

let t: TestContext;
let hubei: Client;
let classA: string;
let classB: string;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const textOf = (doc: GeneratedDocument) => [doc.title, ...doc.paragraphs.map((p) => p.text)].join('\n');

const json = async (res: LightMyRequestResponse) => {
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as GeneratedDocument;
};

const summary = (client: Client, query = '') =>
  client.get(`/api/v1/reports/annual-summary/document?year=2021${query}`);

async function documentXml(body: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(body);
  const xml = await zip.file('word/document.xml')?.async('string');
  if (!xml) throw new Error('no word/document.xml');
  return xml;
}

beforeAll(async () => {
  t = await createTestContext();
  const db = t.database.db;
  const school = await makeUnit(t.database, {
    regionCode: '420000',
    type: 'party_school',
    name: '测试省委党校',
  });
  const jianggan = await makeUnit(t.database, { regionCode: '330104', name: '杭州市江干区委组织部' });
  const enshiUnit = await makeUnit(t.database, { regionCode: '422801' });
  const wuhanUnit = await makeUnit(t.database, { regionCode: '420102' });
  const provincial = await makeUnit(t.database, { regionCode: '420000' });
  const person = (unitId: string, name: string) => makePerson(t.services, t.database, unitId, { name });
  const e1 = await person(enshiUnit.id, '甲一');
  const e2 = await person(enshiUnit.id, '甲二');
  const e3 = await person(enshiUnit.id, '甲三');
  const w1 = await person(wuhanUnit.id, '乙一');
  const w2 = await person(wuhanUnit.id, '乙二');
  const p1 = await person(provincial.id, '丙一');

  const [plan] = await db
    .insert(plans)
    .values({ organiserId: school.id, year: 2021, title: '2021年度培训计划', status: 'approved' })
    .returning();
  if (!plan) throw new Error('plan');
  const [item] = await db
    .insert(planItems)
    .values({
      planId: plan.id,
      name: '系列专题研讨班',
      kind: 'seminar',
      windowStart: '2021-03',
      windowEnd: '2021-12',
      size: 100,
      count: 2,
    })
    .returning();
  if (!item) throw new Error('plan item');

  const seminar = (name: string, startDate: string, endDate: string) =>
    makeClass(t.database, {
      name,
      leadOrganiserId: school.id,
      coOrganiserIds: [jianggan.id],
      hostInstitutionId: school.id,
      kind: 'seminar',
      startDate,
      endDate,
      status: 'completed',
    });
  const a = await seminar('科技创新专题研讨班', '2021-03-10', '2021-03-12');
  const b = await seminar('智慧城市建设专题研讨班', '2021-06-10', '2021-06-11');
  const c = await makeClass(t.database, {
    name: '中青年干部培训班',
    leadOrganiserId: school.id,
    kind: 'main',
    startDate: '2021-09-01',
    endDate: '2021-09-30',
    status: 'completed',
  });
  classA = a.id;
  classB = b.id;
  await db.execute(
    sql`update classes set plan_item_id = ${item.id}, topics = array['科技创新'] where id = ${a.id}`,
  );
  await db.execute(
    sql`update classes set plan_item_id = ${item.id}, topics = array['智慧城市建设'] where id = ${b.id}`,
  );

  const enrol = async (classId: string, personId: string) => {
    const [row] = await db.insert(enrollments).values({ classId, personId }).returning();
    if (!row) throw new Error('enrolment');
    return row;
  };
  const ae1 = await enrol(a.id, e1.id);
  const ae2 = await enrol(a.id, e2.id);
  await enrol(a.id, w1.id);
  for (const p of [e1, w2, p1]) await enrol(b.id, p.id);
  await enrol(c.id, e3.id);

  const zhang = await makeLecturer(t.database, { name: '张三' });
  const lecture = await makeSession(t.database, a.id, {
    title: '常态化疫情防控',
    startsAt: '2021-03-10T09:00:00+08:00',
    endsAt: '2021-03-10T11:00:00+08:00',
    lecturers: [{ lecturerId: zhang.id }],
  });
  await makeSession(t.database, a.id, {
    type: 'ceremony_open',
    title: '开班式',
    startsAt: '2021-03-10T08:00:00+08:00',
    endsAt: '2021-03-10T08:30:00+08:00',
  });
  await db.insert(sessionQuestions).values(
    (['answered', 'answered', 'answered_in_writing', 'open', 'hidden'] as const).map((status, i) => ({
      sessionId: lecture.id,
      classId: a.id,
      authorHash: `author-${i}`,
      anonymous: false,
      text: `如何做好常态化疫情防控？（${i}）`,
      status,
      votes: i,
    })),
  );
  await db.insert(attendanceRecords).values([
    { classId: a.id, sessionId: lecture.id, enrollmentId: ae1.id, status: 'present', method: 'staff_mark' },
    { classId: a.id, sessionId: lecture.id, enrollmentId: ae2.id, status: 'absent', method: 'auto' },
  ]);
  await db.insert(completionResults).values([
    { enrollmentId: ae1.id, classId: a.id, completed: true, decidedBy: 'rules', reasons: [], hours: 8 },
    { enrollmentId: ae2.id, classId: a.id, completed: true, decidedBy: 'rules', reasons: [], hours: 8 },
  ]);
  await db.insert(certificates).values({
    number: 'GX-2021-000001-1',
    classId: a.id,
    enrollmentId: ae1.id,
    personId: e1.id,
    personName: '甲一',
    className: a.name,
    startDate: '2021-03-10',
    endDate: '2021-03-12',
    hours: 8,
    issuer: '测试省委党校',
  });
  const [form] = await db
    .insert(surveyForms)
    .values({
      classId: a.id,
      target: 'class',
      title: '班次总体评估',
      questions: [{ id: 'overall', kind: 'rating', label: { 'zh-CN': '总体满意度' }, required: true }],
      opensAt: new Date('2021-01-01T00:00:00Z'),
      closesAt: new Date('2021-12-31T00:00:00Z'),
      responses: 5,
    })
    .returning();
  if (!form) throw new Error('form');
  await db
    .insert(surveyResponses)
    .values([5, 4, 5, 4, 5].map((s) => ({ formId: form.id, answers: { overall: s } })));

  hubei = await as('org_admin', '420000');
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/reports/annual-summary/document', () => {
  it('writes the summary from the engine’s figures (the same as the report builder)', async () => {
    const doc = await json(await summary(hubei));
    expect(doc.script).toBe('zh-CN');
    expect(doc.title).toMatch(/2021年度干部教育培训工作总结$/);
    const engine = (
      await hubei.get(
        '/api/v1/stats/report?from=2021-01-01&to=2021-12-31&measures=classes,people,personTimes,hours',
      )
    ).json() as ReportView;
    expect(engine.totals).toMatchObject({ classes: 3, people: 6, personTimes: 7, hours: 16 });
    const text = textOf(doc);
    expect(text).toContain(
      `共举办各类干部教育培训班${engine.totals.classes}期，培训学员${engine.totals.people}人、${engine.totals.personTimes}人次，累计完成培训16学时。`,
    );
    expect(text).toContain('其中，专题研讨班2期、培训6人次；主体班1期、培训1人次。');
    expect(text).toContain(
      '会同杭州市江干区委组织部联合举办系列专题研讨班2个，培训5人、6人次，涉及科技创新、智慧城市建设等各方面工作。',
    );
    expect(text).toContain('全年学员平均出勤率为50.0%');
    expect(text).toContain('总体满意度平均为4.6分（满分5分）');
    expect(text).toContain('学员结业率为100.0%');
    expect(text).toContain('颁发结业证书1份');
    expect(doc.paragraphs.filter((p) => p.heading).map((p) => p.text)).toEqual([
      '一、总体情况',
      '二、主要做法和成效',
      '三、下一步工作打算',
    ]);
  });

  it('narrows to an organiser', async () => {
    const other = await makeUnit(t.database, { regionCode: '420100', name: '武汉测试单位' });
    const doc = await json(await summary(hubei, `&organiserId=${other.id}`));
    expect(doc.title).toBe('武汉测试单位2021年度干部教育培训工作总结');
    expect(textOf(doc)).toContain('暂无已举办的干部教育培训班');
  });

  it('writes Traditional Chinese with names kept right: 江干區, never 江乾', async () => {
    const doc = await json(await summary(hubei, '&script=zh-TW'));
    expect(doc.script).toBe('zh-TW');
    const text = textOf(doc);
    expect(doc.title).toMatch(/2021年度幹部教育培訓工作總結$/);
    expect(text).toContain('會同杭州市江干區委組織部聯合舉辦系列專題研討班2個');
    expect(text).not.toContain('江乾');
    expect(text).not.toContain('组织部');
  });

  it('downloads an editable DOCX with the figures in word/document.xml, audited', async () => {
    const res = await summary(hubei, '&format=docx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml.document');
    const disposition = String(res.headers['content-disposition']);
    expect(disposition).toContain('filename="annual-summary-2021.docx"');
    expect(disposition).toContain(`filename*=UTF-8''`);
    expect(disposition).toContain(encodeURIComponent('2021年度干部教育培训工作总结.docx'));
    const xml = await documentXml(res.rawPayload);
    expect(xml).toContain('培训学员6人、7人次');
    expect(xml).toContain('w:eastAsia="仿宋"');
    expect(xml).toContain('w:jc w:val="center"');
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toContain('report.document');
  });

  it('downloads a PDF', async () => {
    const res = await summary(hubei, '&format=pdf&script=zh-TW');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('refuses a bad format or year with field paths (400), and a trainee (403)', async () => {
    const bad = await summary(hubei, '&format=xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { path: string }) => f.path)).toContain('querystring.format');
    expect((await hubei.get('/api/v1/reports/annual-summary/document?year=abc')).statusCode).toBe(400);
    const trainee = await as('trainee', null);
    expect((await summary(trainee)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/reports/classes/:id/brief', () => {
  it('writes the news brief: dates, organisers, where trainees came from, lectures, figures', async () => {
    const doc = await json(await hubei.get(`/api/v1/reports/classes/${classA}/brief`));
    expect(doc.title).toBe('科技创新专题研讨班在测试省委党校举办');
    const text = textOf(doc);
    expect(text).toContain('2021年3月10日至12日，科技创新专题研讨班在测试省委党校举办。');
    expect(text).toContain('本次培训班由测试省委党校会同杭州市江干区委组织部共同举办。');
    // Enshi and Wuhan: two cities of one province.
    expect(text).toContain('来自全省2个市、州的学员3人参加了培训。');
    expect(text).toContain('围绕“常态化疫情防控”专题开展专题讲授，邀请张三专家学者授课。');
    expect(text).not.toContain('开班式');
    expect(text).toContain('出勤率为50.0%');
    expect(text).toContain('满意度平均为4.6分');
    expect(text).toContain('1名学员获颁结业证书');
    // The questions of its boards, hidden ones not counted.
    expect(text).toContain('授课。互动答疑环节，学员共提出问题4个，其中3个得到现场或书面解答。');
  });

  it('says nothing of questions when the boards took none', async () => {
    const doc = await json(await hubei.get(`/api/v1/reports/classes/${classB}/brief`));
    expect(textOf(doc)).not.toContain('互动答疑');
  });

  it('in Traditional Chinese, as DOCX and PDF', async () => {
    const tw = await json(await hubei.get(`/api/v1/reports/classes/${classA}/brief?script=zh-TW`));
    expect(textOf(tw)).toContain('江干區');
    expect(textOf(tw)).not.toContain('江乾');
    expect(textOf(tw)).toContain('互動答疑環節，學員共提出問題4個，其中3個得到現場或書面解答。');
    const docx = await hubei.get(`/api/v1/reports/classes/${classA}/brief?format=docx&script=zh-TW`);
    expect(docx.statusCode, docx.body).toBe(200);
    expect(await documentXml(docx.rawPayload)).toContain('學員3人參加了培訓');
    const pdf = await hubei.get(`/api/v1/reports/classes/${classA}/brief?format=pdf`);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');
  });

  it('needs a reader who runs the class: 403 for a trainee or another city, 404 for no class', async () => {
    const trainee = await as('trainee', null);
    expect((await trainee.get(`/api/v1/reports/classes/${classA}/brief`)).statusCode).toBe(403);
    const city = await as('org_admin', '422800');
    expect((await city.get(`/api/v1/reports/classes/${classA}/brief`)).statusCode).toBe(403);
    const none = await hubei.get('/api/v1/reports/classes/00000000-0000-4000-8000-000000000000/brief');
    expect(none.statusCode).toBe(404);
    expect((await hubei.get(`/api/v1/reports/classes/${classA}/brief?format=doc`)).statusCode).toBe(400);
  });
});
