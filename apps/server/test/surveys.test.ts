import type { Role } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classSessionLecturers, surveyForms, surveyResponses } from '../src/db/schema/index.js';
import { evaluationCounts } from '../src/modules/surveys/counts.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeGroup, makeLecturer, makeSession } from './session-factories.js';

/**
 * Evaluation (issue 6 item 4): forms made for lecture items and the class, answers validated and
 * taken once, results hidden below the threshold, nothing that links a response to a trainee,
 * reminders, a lecturer's results across classes, the workbook, scope, counts for completion.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

const AFTER = new Date('2030-03-10T12:00:00+08:00');
const setNow = (d: Date) => {
  t.services.surveys.clock = () => d;
};

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const GOOD = { content: 5, delivery: 4, usefulness: 5, suggestions: '很好' };

/** A class run by `director` with a lecture (speaker), a visit (no lecturer) and `n` trainees. */
async function setup(n: number, lecturerId?: string) {
  const klass = await makeClass(t.database, { directorId });
  const lecturer = lecturerId ?? (await makeLecturer(t.database)).id;
  const lecture = await makeSession(t.database, klass.id, {
    title: '习近平新时代中国特色社会主义思想专题',
    lecturers: [{ lecturerId: lecturer }],
  });
  const visit = await makeSession(t.database, klass.id, {
    title: '现场教学',
    startsAt: '2030-03-10T14:00:00+08:00',
    endsAt: '2030-03-10T17:00:00+08:00',
  });
  const trainees = [];
  for (let i = 0; i < n; i++) {
    const { user, client } = await as('trainee');
    const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId, {
      userId: user.user.id,
    });
    trainees.push({ client, person, enrollment });
  }
  const list = await director.get(`/api/v1/classes/${klass.id}/surveys`);
  expect(list.statusCode).toBe(200);
  const forms = list.json().items as { id: string; target: string; item: { id: string } | null }[];
  const lectureForm = forms.find((f) => f.target === 'lecture');
  const classForm = forms.find((f) => f.target === 'class');
  if (!lectureForm || !classForm) throw new Error('forms not made');
  return { klass, lecture, visit, trainees, lectureForm, classForm, lecturerId: lecturer };
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施州委组织部', regionCode: '422801' })).id;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
beforeEach(() => setNow(AFTER));
afterAll(async () => t.close());

describe('forms', () => {
  it('are made for lecture items with a speaker and for the class, once, with the window', async () => {
    const { klass, lecture, trainees, lectureForm } = await setup(2);
    const again = await director.get(`/api/v1/classes/${klass.id}/surveys`);
    const items = again.json().items;
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      id: lectureForm.id,
      target: 'lecture',
      title: '习近平新时代中国特色社会主义思想专题',
      item: { id: lecture.id, speakers: [expect.any(String)] },
      opensAt: new Date('2030-03-10T09:00:00+08:00').toISOString(),
      closesAt: new Date('2030-03-18T23:59:59+08:00').toISOString(),
      status: 'open',
      responded: 0,
      expected: 2,
      rate: 0,
      reminders: { count: 0, lastSentAt: null },
      resultsHidden: true,
    });
    expect(items[1]).toMatchObject({ target: 'class', item: null, expected: 2 });
    const rows = await t.database.db.select().from(surveyForms).where(eq(surveyForms.classId, klass.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.target === 'lecture')?.questions.map((q) => q.id)).toEqual([
      'content',
      'delivery',
      'usefulness',
      'suggestions',
    ]);

    // The trainee sees both forms; losing the speaker withdraws the lecture form.
    const mine = await trainees[0]?.client.get('/api/v1/me/surveys');
    expect(mine?.json().items.map((f: { id: string }) => f.id)).toContain(lectureForm.id);
    await t.database.db.delete(classSessionLecturers).where(eq(classSessionLecturers.sessionId, lecture.id));
    const after = (await director.get(`/api/v1/classes/${klass.id}/surveys`)).json().items;
    expect(after.find((f: { id: string }) => f.id === lectureForm.id).status).toBe('withdrawn');
    const mineAfter = await trainees[0]?.client.get('/api/v1/me/surveys');
    expect(mineAfter?.json().items.map((f: { id: string }) => f.id)).not.toContain(lectureForm.id);
  });

  it('expects only the groups of a group item', async () => {
    const klass = await makeClass(t.database, { directorId });
    const g1 = await makeGroup(t.database, klass.id);
    const g2 = await makeGroup(t.database, klass.id);
    const lecturer = await makeLecturer(t.database);
    await makeSession(t.database, klass.id, { lecturers: [{ lecturerId: lecturer.id }], groupIds: [g1.id] });
    await enrol(t.services, t.database, klass.id, unitId, { groupId: g1.id });
    await enrol(t.services, t.database, klass.id, unitId, { groupId: g2.id });
    const items = (await director.get(`/api/v1/classes/${klass.id}/surveys`)).json().items;
    expect(items.map((f: { target: string; expected: number }) => [f.target, f.expected])).toEqual([
      ['lecture', 1],
      ['class', 2],
    ]);
  });
});

describe('submitting', () => {
  it('refuses bad answers with the question as the field', async () => {
    const { trainees, lectureForm } = await setup(1);
    const url = `/api/v1/surveys/${lectureForm.id}/responses`;
    const cases: [unknown, [string, string][]][] = [
      [{ content: 6, delivery: 4, usefulness: 5 }, [['answers.content', 'rating_range']]],
      [{ content: 5, delivery: 4 }, [['answers.usefulness', 'required']]],
      [{ ...GOOD, nonsense: 3 }, [['answers.nonsense', 'unknown_question']]],
      [{ ...GOOD, delivery: 'x' }, [['answers.delivery', 'answer_type']]],
    ];
    for (const [answers, expected] of cases) {
      const res = await trainees[0]?.client.post(url, { answers });
      expect(res?.statusCode).toBe(400);
      expect(fields(res as LightMyRequestResponse)).toEqual(expected);
    }
    const en = trainees[0]?.client;
    if (en) en.locale = 'en';
    const res = await en?.post(url, { answers: { ...GOOD, content: 0 } });
    expect(res?.json().error.fields[0].message).toBe('must be a whole number from 1 to 5');
    if (en) en.locale = 'zh-CN';
  });

  it('takes a response once, even from two concurrent submissions, and stores it without the trainee', async () => {
    const { trainees, lectureForm } = await setup(1);
    const me = trainees[0];
    if (!me) throw new Error('no trainee');
    const url = `/api/v1/surveys/${lectureForm.id}/responses`;
    const results = await Promise.all([
      me.client.post(url, { answers: GOOD }),
      me.client.post(url, { answers: { ...GOOD, content: 3 } }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    const conflict = results.find((r) => r.statusCode === 409) as LightMyRequestResponse;
    expect(fields(conflict)).toEqual([['id', 'survey_already_submitted']]);
    const stored = await t.database.db
      .select()
      .from(surveyResponses)
      .where(eq(surveyResponses.formId, lectureForm.id));
    expect(stored).toHaveLength(1);
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(['answers', 'formId', 'id']);
    const form = (await me.client.get(`/api/v1/surveys/${lectureForm.id}`)).json();
    expect(form).toMatchObject({ submitted: true, status: 'open' });
  });

  it('refuses outside the window, and trainees not expected', async () => {
    const { trainees, lectureForm, classForm } = await setup(1);
    const url = `/api/v1/surveys/${lectureForm.id}/responses`;
    setNow(new Date('2030-03-10T08:00:00+08:00'));
    const early = await trainees[0]?.client.post(url, { answers: GOOD });
    expect(early?.statusCode).toBe(409);
    expect(fields(early as LightMyRequestResponse)).toEqual([['id', 'survey_not_open']]);
    setNow(new Date('2030-03-19T00:00:01+08:00'));
    const late = await trainees[0]?.client.post(url, { answers: GOOD });
    expect(fields(late as LightMyRequestResponse)).toEqual([['id', 'survey_closed']]);
    setNow(AFTER);
    const stranger = await as('trainee');
    const denied = await stranger.client.post(`/api/v1/surveys/${classForm.id}/responses`, {
      answers: { organisation: 5, services: 5, overall: 5 },
    });
    expect(denied.statusCode).toBe(403);
    expect(fields(denied)).toEqual([['id', 'survey_not_expected']]);
    expect((await stranger.client.get(`/api/v1/surveys/${classForm.id}`)).statusCode).toBe(403);
    // Closed by hand.
    expect((await director.post(`/api/v1/surveys/${lectureForm.id}/close`)).json().status).toBe('closed');
    const closed = await trainees[0]?.client.post(url, { answers: GOOD });
    expect(fields(closed as LightMyRequestResponse)).toEqual([['id', 'survey_closed']]);
  });
});

describe('results', () => {
  it('are hidden at 4 responses and shown at 5, with nothing that names a respondent', async () => {
    const { klass, trainees, lectureForm } = await setup(6);
    const submit = (i: number, content: number) =>
      trainees[i]?.client.post(`/api/v1/surveys/${lectureForm.id}/responses`, {
        answers: { ...GOOD, content, suggestions: `意见${i}` },
      });
    for (let i = 0; i < 4; i++) expect((await submit(i, i < 2 ? 5 : 3))?.statusCode).toBe(201);
    const hidden = await director.get(`/api/v1/surveys/${lectureForm.id}/results`);
    expect(hidden.json()).toMatchObject({
      results: { hidden: true, responses: 4, needed: 5 },
      score: null,
      rate: { responded: 4, expected: 6, rate: 0.6667 },
    });
    expect((await submit(4, 4))?.statusCode).toBe(201);
    const shown = (await director.get(`/api/v1/surveys/${lectureForm.id}/results`)).json();
    expect(shown.results.hidden).toBe(false);
    const content = shown.results.questions.find((q: { id: string }) => q.id === 'content');
    expect(content).toMatchObject({ answers: 5, mean: 4, distribution: [0, 0, 2, 1, 2] });
    const texts = shown.results.questions.find((q: { id: string }) => q.id === 'suggestions').texts;
    expect(texts).toEqual(['意见0', '意见1', '意见2', '意见3', '意见4']);

    // No response of any staff endpoint carries an enrolment, person or user id of a trainee.
    const bodies = [
      JSON.stringify(shown),
      (await director.get(`/api/v1/classes/${klass.id}/surveys`)).body,
      (await director.get(`/api/v1/classes/${klass.id}/survey-results`)).body,
      (await director.get(`/api/v1/surveys/${lectureForm.id}`)).body,
    ];
    for (const body of bodies) {
      for (const tr of trainees) {
        expect(body).not.toContain(tr.enrollment.id);
        expect(body).not.toContain(tr.person.id);
        expect(body).not.toContain(tr.person.userId ?? 'no-user');
      }
    }

    // The threshold is a class setting (3..100).
    const bad = await director.put(`/api/v1/classes/${klass.id}/survey-settings`, { minResponses: 2 });
    expect(bad.statusCode).toBe(400);
    const raised = await director.put(`/api/v1/classes/${klass.id}/survey-settings`, { minResponses: 6 });
    expect(raised.statusCode).toBe(200);
    expect((await director.get(`/api/v1/surveys/${lectureForm.id}/results`)).json().results.hidden).toBe(
      true,
    );
  });

  it('sums up the class and exports it as a workbook', async () => {
    const { klass, trainees, lectureForm, classForm } = await setup(5);
    for (const tr of trainees) {
      await tr.client.post(`/api/v1/surveys/${lectureForm.id}/responses`, { answers: GOOD });
    }
    for (const tr of trainees.slice(0, 3)) {
      await tr.client.post(`/api/v1/surveys/${classForm.id}/responses`, {
        answers: { organisation: 4, services: 3, overall: 5 },
      });
    }
    const summary = (await director.get(`/api/v1/classes/${klass.id}/survey-results`)).json();
    expect(summary.lectures).toEqual([
      expect.objectContaining({ responses: 5, hidden: false, mean: 4.67, satisfiedShare: 1 }),
    ]);
    expect(summary.classForm.results).toEqual({ hidden: true, responses: 3, needed: 5 });
    expect(summary.overall).toMatchObject({ hidden: false, responses: 5, score: { mean: 4.67 } });
    expect(summary.rate).toEqual({ responded: 8, expected: 10, rate: 0.8 });

    const res = await director.get(`/api/v1/classes/${klass.id}/survey-results.xlsx`);
    expect(res.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('汇总');
    expect(sheet?.getRow(2).values).toContain('平均分');
    expect(sheet?.getRow(3).getCell(8).value).toBe(4.67);
    expect(sheet?.getRow(4).getCell(8).value).toBe('回复不足5份');
    const detail = wb.getWorksheet('分题统计');
    expect(detail?.getRow(3).getCell(2).value).toBe('内容');
    expect(detail?.getRow(3).getCell(5).value).toBe(5);
  });

  it('counts pending trainees in a reminder and shows it to them', async () => {
    const { klass, trainees, lectureForm } = await setup(3);
    await trainees[0]?.client.post(`/api/v1/surveys/${lectureForm.id}/responses`, { answers: GOOD });
    const res = await director.post(`/api/v1/surveys/${lectureForm.id}/reminders`);
    expect(res.statusCode).toBe(201);
    expect(res.json().recipients).toBe(2);
    const row = (await director.get(`/api/v1/classes/${klass.id}/surveys`))
      .json()
      .items.find((f: { id: string }) => f.id === lectureForm.id);
    expect(row.reminders.count).toBe(1);
    const pending = (await trainees[1]?.client.get('/api/v1/me/surveys'))
      ?.json()
      .items.find((f: { id: string }) => f.id === lectureForm.id);
    expect(pending).toMatchObject({ submitted: false, status: 'open', remindedAt: expect.any(String) });
    const done = (await trainees[0]?.client.get('/api/v1/me/surveys'))
      ?.json()
      .items.find((f: { id: string }) => f.id === lectureForm.id);
    expect(done).toMatchObject({ submitted: true, remindedAt: null });
  });

  it("combines a lecturer's forms across two classes so the threshold applies to the total", async () => {
    const person = await makePerson(t.services, t.database, unitId, {});
    const self = await as('trainee');
    const { people } = await import('../src/db/schema/index.js');
    await t.database.db.update(people).set({ userId: self.user.user.id }).where(eq(people.id, person.id));
    const lecturer = await makeLecturer(t.database, { personId: person.id });
    const a = await setup(3, lecturer.id);
    const b = await setup(3, lecturer.id);
    for (const s of [a, b]) {
      for (const tr of s.trainees)
        await tr.client.post(`/api/v1/surveys/${s.lectureForm.id}/responses`, { answers: GOOD });
    }
    const officer = await as('training_officer', unitId);
    const res = await officer.client.get(`/api/v1/lecturers/${lecturer.id}/evaluations`);
    expect(res.statusCode).toBe(200);
    const view = res.json();
    expect(view.forms).toHaveLength(2);
    expect(view.forms.every((f: { hidden: boolean }) => f.hidden)).toBe(true);
    expect(view.overall.results).toMatchObject({ hidden: false, responses: 6 });
    expect(view.overall.score).toMatchObject({ mean: 4.67, satisfiedShare: 1 });
    expect(view.years).toEqual([expect.objectContaining({ year: 2030 })]);
    // The lecturer themself may look; another trainee may not.
    expect((await self.client.get(`/api/v1/lecturers/${lecturer.id}/evaluations`)).statusCode).toBe(200);
    expect(
      (await a.trainees[0]?.client.get(`/api/v1/lecturers/${lecturer.id}/evaluations`))?.statusCode,
    ).toBe(403);
  });
});

describe('scope and templates', () => {
  it("refuses another class's director", async () => {
    const { klass, lectureForm } = await setup(1);
    const other = await as('class_director');
    for (const url of [
      `/api/v1/classes/${klass.id}/surveys`,
      `/api/v1/classes/${klass.id}/survey-results`,
      `/api/v1/classes/${klass.id}/survey-results.xlsx`,
      `/api/v1/surveys/${lectureForm.id}/results`,
    ]) {
      expect((await other.client.get(url)).statusCode, url).toBe(403);
    }
    expect((await other.client.post(`/api/v1/surveys/${lectureForm.id}/reminders`)).statusCode).toBe(403);
  });

  it('creates and edits templates with field paths, keeps built-ins read-only, and re-snapshots forms without answers', async () => {
    const list = (await director.get('/api/v1/survey-templates')).json().items;
    expect(list.slice(0, 2).map((x: { id: string; builtin: boolean }) => [x.id, x.builtin])).toEqual([
      ['builtin-lecture', true],
      ['builtin-class', true],
    ]);
    expect((await director.put('/api/v1/survey-templates/builtin-lecture', list[0])).statusCode).toBe(400);
    const body = {
      name: '专题课评估',
      target: 'lecture',
      questions: [
        { id: 'overall', kind: 'rating', label: { 'zh-CN': '总体评价' } },
        {
          id: 'pace',
          kind: 'choice',
          label: { 'zh-CN': '节奏' },
          options: [
            { id: 'slow', label: { 'zh-CN': '偏慢' } },
            { id: 'slow', label: { 'zh-CN': '偏快' } },
          ],
        },
      ],
    };
    const bad = await director.post('/api/v1/survey-templates', body);
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([['questions.1.options.1.id', 'option_repeated']]);
    const questions = body.questions.map((q) =>
      q.id === 'pace' ? { ...q, options: [q.options?.[0], { id: 'fast', label: { 'zh-CN': '偏快' } }] } : q,
    );
    const created = await director.post('/api/v1/survey-templates', { ...body, questions });
    expect(created.statusCode).toBe(201);
    const tpl = created.json();
    expect(tpl).toMatchObject({ builtin: false, mayEdit: true });
    const renamed = await director.put(`/api/v1/survey-templates/${tpl.id}`, {
      ...body,
      questions,
      name: '专题课评估（新）',
    });
    expect(renamed.json().name).toBe('专题课评估（新）');

    const { klass, trainees, lectureForm, classForm } = await setup(1);
    await trainees[0]?.client.post(`/api/v1/surveys/${classForm.id}/responses`, {
      answers: { organisation: 5, services: 5, overall: 5 },
    });
    const saved = await director.put(`/api/v1/classes/${klass.id}/survey-settings`, {
      lectureTemplateId: tpl.id,
      classTemplateId: null,
      minResponses: 5,
    });
    expect(saved.statusCode).toBe(200);
    const wrong = await director.put(`/api/v1/classes/${klass.id}/survey-settings`, {
      classTemplateId: tpl.id,
    });
    expect(fields(wrong)).toEqual([['classTemplateId', 'template_wrong_target']]);
    const form = (await trainees[0]?.client.get(`/api/v1/surveys/${lectureForm.id}`))?.json();
    expect(form.questions.map((q: { id: string }) => q.id)).toEqual(['overall', 'pace']);
    const archived = await director.post(`/api/v1/survey-templates/${tpl.id}/archive`);
    expect(archived.json().archived).toBe(true);
    const trainee = await as('trainee');
    expect((await trainee.client.get('/api/v1/survey-templates')).statusCode).toBe(403);
  });
});

describe('evaluationCounts', () => {
  it('gives each enrolment the forms expected of it and those submitted', async () => {
    const klass = await makeClass(t.database, { directorId });
    const g1 = await makeGroup(t.database, klass.id);
    const lecturer = await makeLecturer(t.database);
    await makeSession(t.database, klass.id, { lecturers: [{ lecturerId: lecturer.id }] });
    await makeSession(t.database, klass.id, {
      lecturers: [{ lecturerId: lecturer.id }],
      groupIds: [g1.id],
      startsAt: '2030-03-10T14:00:00+08:00',
      endsAt: '2030-03-10T16:00:00+08:00',
    });
    const a = await as('trainee');
    const b = await as('trainee');
    const ea = await enrol(t.services, t.database, klass.id, unitId, {
      groupId: g1.id,
      userId: a.user.user.id,
    });
    const eb = await enrol(t.services, t.database, klass.id, unitId, { userId: b.user.user.id });
    const before = await evaluationCounts(t.database.db, klass.id);
    expect(before.get(ea.enrollment.id)).toEqual({ required: 3, submitted: 0 });
    expect(before.get(eb.enrollment.id)).toEqual({ required: 2, submitted: 0 });
    const forms = (await a.client.get('/api/v1/me/surveys')).json().items as { id: string; target: string }[];
    expect(forms).toHaveLength(3);
    const classForm = forms.find((f) => f.target === 'class');
    await a.client.post(`/api/v1/surveys/${classForm?.id}/responses`, {
      answers: { organisation: 5, services: 4, overall: 5 },
    });
    const after = await evaluationCounts(t.database.db, klass.id);
    expect(after.get(ea.enrollment.id)).toEqual({ required: 3, submitted: 1 });
    expect(after.get(eb.enrollment.id)).toEqual({ required: 2, submitted: 0 });
  });
});
