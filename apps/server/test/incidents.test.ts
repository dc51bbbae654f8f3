import type {
  ContingencyPlanView,
  IncidentDetailView,
  IncidentList,
  IncidentStats,
  Role,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeRecipients, notices, taskForceMembers } from '../src/db/schema/index.js';
import { DEFAULT_PLANS, ensureDefaultPlans } from '../src/modules/incidents/default-plans.js';
import { makeClass } from './class-factories.js';
import { ensureRegion, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * Contingency plans and incidents (issue 9 items 2–3): the library and its printout, the built-in
 * plans, a class's plans, an incident reported, handled, resolved and reviewed with its measured
 * times, bad input, who may, the staff's notices, and the statistics' scope.
 */

let t: TestContext;
let schoolId: string;
let unitId: string;
let officer: Client;
let director: Client;
let directorId: string;
let assistantId: string;
let memberId: string;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** Sets the service's now (report times are "now"). */
const setNow = (iso: string) => {
  t.services.incidents.clock = () => new Date(iso);
};

const plan = {
  title: '学员走失应急预案',
  type: 'other',
  summary: '现场教学途中学员失联时适用。',
  steps: [
    { text: '班主任立即电话联系学员，清点人数。', role: 'leader' },
    { text: '安全保卫组沿路线寻找，必要时报警。', role: 'safety' },
    { text: '记录经过。', role: null },
  ],
};

beforeAll(async () => {
  t = await createTestContext();
  schoolId = (await makeUnit(t.database, { type: 'party_school', regionCode: '422801' })).id;
  unitId = (await makeUnit(t.database, { regionCode: '422801' })).id;
  officer = (await as('training_officer', schoolId)).client;
  const d = await as('class_director');
  directorId = d.user.user.id;
  director = d.client;
  assistantId = (await as('class_director')).user.user.id;
  memberId = (await as('class_director')).user.user.id;
});
afterAll(async () => t.close());

async function setupClass(status: 'in_progress' | 'cancelled' = 'in_progress') {
  const klass = await makeClass(t.database, {
    leadOrganiserId: schoolId,
    directorId,
    assistantIds: [assistantId],
    status,
  });
  await t.database.db
    .insert(taskForceMembers)
    .values({ classId: klass.id, userId: memberId, role: 'safety' });
  return klass;
}

describe('the plan library', () => {
  it('creates the built-in plans once', async () => {
    expect(await ensureDefaultPlans(t.database.db)).toBe(6);
    expect(await ensureDefaultPlans(t.database.db)).toBe(0);
    const res = await officer.get('/api/v1/contingency-plans');
    expect(res.statusCode).toBe(200);
    const items: ContingencyPlanView[] = res.json().items;
    expect(items).toHaveLength(DEFAULT_PLANS.length);
    expect(items.every((p) => p.builtIn)).toBe(true);
    expect(new Set(items.map((p) => p.type))).toEqual(
      new Set([
        'public_health',
        'severe_weather',
        'illness_injury',
        'fire_safety',
        'power_network',
        'lecturer_absent',
      ]),
    );
    const fire = items.find((p) => p.type === 'fire_safety');
    expect(fire?.steps[0]).toMatchObject({ role: 'safety', roleName: '安全保卫组' });
  });

  it('creates, updates, filters, archives and prints a plan (an editor only)', async () => {
    const created = await officer.post('/api/v1/contingency-plans', plan);
    expect(created.statusCode).toBe(201);
    const view: ContingencyPlanView = created.json();
    expect(view).toMatchObject({ title: plan.title, type: 'other', builtIn: false, classCount: 0 });
    expect(view.steps.map((s) => s.roleName)).toEqual(['专班负责人', '安全保卫组', null]);
    expect((await auditOf(t, created)).map((a) => a.action)).toEqual(['contingency.create']);

    const updated = await officer.put(`/api/v1/contingency-plans/${view.id}`, {
      ...plan,
      title: '学员失联应急预案',
    });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().title).toBe('学员失联应急预案');

    const others = await officer.get('/api/v1/contingency-plans?type=other');
    expect(others.json().items.map((p: ContingencyPlanView) => p.id)).toEqual([view.id]);

    // A director reads the library but does not edit it.
    expect((await director.get(`/api/v1/contingency-plans/${view.id}`)).statusCode).toBe(200);
    expect((await director.put(`/api/v1/contingency-plans/${view.id}`, plan)).statusCode).toBe(403);
    const trainee = (await as('trainee')).client;
    expect((await trainee.get('/api/v1/contingency-plans')).statusCode).toBe(403);

    const pdf = await officer.get(`/api/v1/contingency-plans/${view.id}.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const archived = await officer.post(`/api/v1/contingency-plans/${view.id}/archive`);
    expect(archived.json().archived).toBe(true);
    const active = await officer.get('/api/v1/contingency-plans?type=other');
    expect(active.json().items).toHaveLength(0);
    const withArchived = await officer.get('/api/v1/contingency-plans?type=other&archived=all');
    expect(withArchived.json().items).toHaveLength(1);
    expect((await officer.post(`/api/v1/contingency-plans/${view.id}/restore`)).json().archived).toBe(false);
  });

  it('refuses an unknown role and an empty step list', async () => {
    const bad = await officer.post('/api/v1/contingency-plans', {
      ...plan,
      steps: [{ text: '步骤', role: 'cook' }],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([['steps.0.role', 'task_force_role_unknown']]);
    const empty = await officer.post('/api/v1/contingency-plans', { ...plan, steps: [] });
    expect(empty.statusCode).toBe(400);
  });
});

describe("a class's plans", () => {
  it('attaches and detaches plans, prints them, and refuses unknown ones', async () => {
    const klass = await setupClass();
    const library: ContingencyPlanView[] = (await officer.get('/api/v1/contingency-plans')).json().items;
    const [a, b] = library;
    if (!a || !b) throw new Error('library empty');
    const put = await director.put(`/api/v1/classes/${klass.id}/contingency-plans`, {
      planIds: [a.id, b.id],
    });
    expect(put.statusCode).toBe(200);
    expect(put.json().items).toHaveLength(2);
    expect((await auditOf(t, put)).map((x) => x.action)).toEqual(['class.contingency_plans.set']);

    const pdf = await director.get(`/api/v1/classes/${klass.id}/contingency-plans.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.subarray(0, 4).toString()).toBe('%PDF');

    const detach = await director.put(`/api/v1/classes/${klass.id}/contingency-plans`, { planIds: [b.id] });
    expect(detach.json().items.map((p: ContingencyPlanView) => p.id)).toEqual([b.id]);
    const got = await director.get(`/api/v1/classes/${klass.id}/contingency-plans`);
    expect(got.json().items[0].classCount).toBeGreaterThanOrEqual(1);

    const unknown = await director.put(`/api/v1/classes/${klass.id}/contingency-plans`, {
      planIds: [b.id, '00000000-0000-4000-8000-000000000000'],
    });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual([['planIds.1', 'contingency_plan_unknown']]);

    const otherDirector = (await as('class_director')).client;
    expect((await otherDirector.get(`/api/v1/classes/${klass.id}/contingency-plans`)).statusCode).toBe(403);
  });
});

describe('incidents', () => {
  it('is reported, handled, resolved and reviewed on a timeline with measured times', async () => {
    const klass = await setupClass();
    const { enrollment } = await enrol(t.services, t.database, klass.id, unitId);
    setNow('2030-03-10T10:05:00+08:00');
    const reported = await director.post(`/api/v1/classes/${klass.id}/incidents`, {
      occurredAt: '2030-03-10T10:00:00+08:00',
      type: 'illness_injury',
      severity: 'medium',
      title: '学员现场教学途中急性肠胃炎',
      description: '现场教学途中一名学员腹痛呕吐。',
      affectedEnrollmentIds: [enrollment.id],
    });
    expect(reported.statusCode).toBe(201);
    const incident: IncidentDetailView = reported.json();
    expect(incident).toMatchObject({ status: 'open', toFirstAction: null, actions: [] });
    expect(incident.affected).toEqual([{ enrollmentId: enrollment.id, name: expect.any(String) }]);
    expect((await auditOf(t, reported)).map((a) => a.action)).toEqual(['incident.report']);

    // The staff are told (not the reporter).
    const recipients = await t.database.db
      .select({ userId: noticeRecipients.userId })
      .from(noticeRecipients)
      .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
      .where(and(eq(notices.classId, klass.id), eq(notices.kind, 'incident_raised')));
    expect(new Set(recipients.map((r) => r.userId))).toEqual(new Set([assistantId, memberId]));
    const [notice] = await t.database.db.select().from(notices).where(eq(notices.classId, klass.id));
    expect(notice?.body).toContain('较大');
    expect(notice?.link).toBe(`/classes/${klass.id}?tab=incidents`);

    setNow('2030-03-10T12:00:00+08:00');
    const url = `/api/v1/classes/${klass.id}/incidents/${incident.id}/actions`;
    const first = await director.post(url, {
      kind: 'action',
      text: '班主任赶到现场，安排专车送医。',
      at: '2030-03-10T10:08:00+08:00',
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ status: 'handling', toFirstAction: 3 });
    await director.post(url, {
      kind: 'action',
      text: '已到恩施州中心医院急诊。',
      at: '2030-03-10T10:30:00+08:00',
    });
    const resolved = await director.post(url, {
      kind: 'resolve',
      text: '诊断为急性肠胃炎，输液后返回驻地休息。',
      at: '2030-03-10T11:40:00+08:00',
    });
    expect(resolved.json()).toMatchObject({ status: 'resolved', toFirstAction: 3, toResolution: 95 });
    expect((await auditOf(t, resolved)).map((a) => a.action)).toEqual(['incident.resolve']);

    const twice = await director.post(url, { kind: 'resolve', text: '再次' });
    expect(twice.statusCode).toBe(409);
    expect(fields(twice)).toEqual([['kind', 'incident_transition']]);

    const reviewed = await director.post(url, { kind: 'review', text: '复盘：现场教学随车配备常用药品。' });
    expect(reviewed.statusCode).toBe(201);
    const detail: IncidentDetailView = reviewed.json();
    expect(detail.status).toBe('reviewed');
    expect(detail.reviewedAt).not.toBeNull();
    expect(detail.actions.map((a) => a.kind)).toEqual(['action', 'action', 'resolve', 'review']);
    expect(detail.actions[0]?.by.id).toBe(directorId);

    const list = await director.get(`/api/v1/classes/${klass.id}/incidents`);
    const body: IncidentList = list.json();
    expect(body.items).toHaveLength(1);
    expect(body.figures).toMatchObject({
      total: 1,
      medianToFirstAction: 3,
      medianToResolution: 95,
      bySeverity: { low: 0, medium: 1, high: 0, critical: 0 },
      byStatus: { open: 0, handling: 0, resolved: 0, reviewed: 1 },
    });
    const got = await director.get(`/api/v1/classes/${klass.id}/incidents/${incident.id}`);
    expect(got.json().actions).toHaveLength(4);
  });

  it('takes the median over several incidents, and filters the list', async () => {
    const klass = await setupClass();
    setNow('2030-03-10T09:00:00+08:00');
    const ids: string[] = [];
    for (const severity of ['low', 'low', 'high'] as const) {
      const res = await director.post(`/api/v1/classes/${klass.id}/incidents`, {
        occurredAt: '2030-03-10T09:00:00+08:00',
        type: 'power_network',
        severity,
        title: '投影仪故障',
        description: '投影仪无信号。',
      });
      ids.push(res.json().id);
    }
    setNow('2030-03-10T12:00:00+08:00');
    const act = (id: string | undefined, at: string) =>
      director.post(`/api/v1/classes/${klass.id}/incidents/${id}/actions`, {
        kind: 'action',
        text: '处理',
        at,
      });
    await act(ids[0], '2030-03-10T09:02:00+08:00');
    await act(ids[1], '2030-03-10T09:07:00+08:00');
    const body: IncidentList = (
      await director.get(`/api/v1/classes/${klass.id}/incidents?severity=low`)
    ).json();
    expect(body.items).toHaveLength(2);
    expect(body.figures).toMatchObject({ total: 3, medianToFirstAction: 5, medianToResolution: null });
    expect(body.figures.byStatus).toMatchObject({ open: 1, handling: 2 });
  });

  it('refuses bad input', async () => {
    const cancelled = await setupClass('cancelled');
    const klass = await setupClass();
    const other = await setupClass();
    const { enrollment: foreign } = await enrol(t.services, t.database, other.id, unitId);
    setNow('2030-03-10T10:00:00+08:00');
    const body = {
      occurredAt: '2030-03-10T09:00:00+08:00',
      type: 'other',
      severity: 'low',
      title: '测试',
      description: '测试',
    };
    const onCancelled = await director.post(`/api/v1/classes/${cancelled.id}/incidents`, body);
    expect(onCancelled.statusCode).toBe(409);
    expect(fields(onCancelled)).toEqual([['classId', 'class_cancelled']]);

    const foreignTrainee = await director.post(`/api/v1/classes/${klass.id}/incidents`, {
      ...body,
      affectedEnrollmentIds: [foreign.id],
    });
    expect(foreignTrainee.statusCode).toBe(400);
    expect(fields(foreignTrainee)).toEqual([['affectedEnrollmentIds.0', 'enrollment_not_in_class']]);

    const future = await director.post(`/api/v1/classes/${klass.id}/incidents`, {
      ...body,
      occurredAt: '2030-03-10T11:00:00+08:00',
    });
    expect(future.statusCode).toBe(400);
    expect(fields(future)).toEqual([['occurredAt', 'incident_in_future']]);

    const ok: IncidentDetailView = (
      await director.post(`/api/v1/classes/${klass.id}/incidents`, body)
    ).json();
    const url = `/api/v1/classes/${klass.id}/incidents/${ok.id}/actions`;
    const before = await director.post(url, {
      kind: 'action',
      text: '早了',
      at: '2030-03-10T08:59:00+08:00',
    });
    expect(before.statusCode).toBe(400);
    expect(fields(before)).toEqual([['at', 'action_before_incident']]);
    const later = await director.post(url, { kind: 'action', text: '晚了', at: '2030-03-10T10:30:00+08:00' });
    expect(fields(later)).toEqual([['at', 'action_in_future']]);
    const review = await director.post(url, { kind: 'review', text: '复盘' });
    expect(review.statusCode).toBe(409);
    expect(fields(review)).toEqual([['kind', 'incident_transition']]);
    const blank = await director.post(url, { kind: 'action', text: '   ' });
    expect(blank.statusCode).toBe(400);

    // Another class's incident through this class's path is not found.
    expect((await director.get(`/api/v1/classes/${other.id}/incidents/${ok.id}`)).statusCode).toBe(404);
  });

  it('is closed to trainees and to directors of other classes', async () => {
    const klass = await setupClass();
    const trainee = await as('trainee');
    await enrol(t.services, t.database, klass.id, unitId, { userId: trainee.user.user.id });
    const otherDirector = (await as('class_director')).client;
    for (const client of [trainee.client, otherDirector]) {
      expect((await client.get(`/api/v1/classes/${klass.id}/incidents`)).statusCode).toBe(403);
      const res = await client.post(`/api/v1/classes/${klass.id}/incidents`, {
        occurredAt: '2030-03-10T09:00:00+08:00',
        type: 'other',
        severity: 'low',
        title: '测试',
        description: '测试',
      });
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('statistics', () => {
  it('counts the incidents of the classes the reader runs', async () => {
    const mine: IncidentStats = (
      await officer.get('/api/v1/stats/incidents?from=2030-01-01&to=2030-12-31')
    ).json();
    expect(mine.total).toBeGreaterThanOrEqual(5);
    expect(mine.byType.illness_injury).toBeGreaterThanOrEqual(1);
    expect(mine.bySeverity.low).toBeGreaterThanOrEqual(3);
    expect(mine.medianToFirstAction).not.toBeNull();
    expect(mine.classes).toBeGreaterThanOrEqual(3);

    const outside: IncidentStats = (await officer.get('/api/v1/stats/incidents?from=2031-01-01')).json();
    expect(outside.total).toBe(0);

    await ensureRegion(t.database, '420100', '武汉市');
    const wuhan = (await as('org_admin', '420100')).client;
    const theirs: IncidentStats = (await wuhan.get('/api/v1/stats/incidents')).json();
    expect(theirs).toMatchObject({ total: 0, classes: 0, medianToFirstAction: null });

    const bad = await officer.get('/api/v1/stats/incidents?from=2030-02-01&to=2030-01-01');
    expect(bad.statusCode).toBe(400);
    const trainee = (await as('trainee')).client;
    expect((await trainee.get('/api/v1/stats/incidents')).statusCode).toBe(403);
  });
});
