import type { Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  certificates,
  classes,
  classSessions,
  completionResults,
  enrollments,
  trainingRecords,
} from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeSession } from './session-factories.js';

/**
 * Completion (结业, issue 6 item 6): each trainee's status with the reasons still open, built from
 * real attendance marks, leave, reflections and evaluation forms; rules per class; the director's
 * override both ways with its reason; confirmation (结业确认) that records the results, issues
 * certificates and credits the archive, idempotently, and withdraws them when a completion is.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

/** After both days of the class (every item has ended). */
const AFTER = new Date('2030-03-12T09:00:00+08:00');
function setNow(d: Date) {
  t.services.attendance.clock = () => d;
}

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const SLOTS = [
  ['09:00', '10:00'],
  ['10:00', '11:00'],
  ['14:00', '15:00'],
  ['15:00', '16:00'],
] as const;

type Status = 'present' | 'late' | 'left_early' | 'on_leave' | 'absent';
const NAMES = ['good', 'lowAttendance', 'leaver', 'noReflection', 'ungraded', 'failed'] as const;
type Name = (typeof NAMES)[number];

/**
 * A class in progress over two days: 8 required items of 2 学时 (16) and one optional item of
 * 1 学时 (credited 学时 17), six trainees with accounts, marked after the class:
 * good, noReflection, ungraded, failed — present throughout; lowAttendance — 2 items never marked
 * (absent), 1 late; leaver — 3 items on leave (6 学时 > 16/7).
 */
async function setup() {
  const klass = await makeClass(t.database, { directorId, status: 'in_progress' });
  const sessions = [];
  for (const day of ['2030-03-10', '2030-03-11']) {
    for (const [from, to] of SLOTS) {
      sessions.push(
        await makeSession(t.database, klass.id, {
          startsAt: `${day}T${from}:00+08:00`,
          endsAt: `${day}T${to}:00+08:00`,
          hours: 2,
        }),
      );
    }
  }
  const optional = await makeSession(t.database, klass.id, {
    startsAt: '2030-03-11T19:00:00+08:00',
    endsAt: '2030-03-11T20:00:00+08:00',
    hours: 1,
  });
  await t.database.db
    .update(classSessions)
    .set({ attendanceRequired: false })
    .where(eq(classSessions.id, optional.id));
  const trainees = {} as Record<Name, { client: Client; enrollmentId: string; personId: string }>;
  for (const name of NAMES) {
    const { user, client } = await as('trainee');
    const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId, {
      userId: user.user.id,
    });
    trainees[name] = { client, enrollmentId: enrollment.id, personId: person.id };
  }
  setNow(AFTER);
  const plan: Record<Name, (i: number) => Status | null> = {
    good: () => 'present',
    noReflection: () => 'present',
    ungraded: () => 'present',
    failed: () => 'present',
    lowAttendance: (i) => (i < 2 ? null : i === 2 ? 'late' : 'present'),
    leaver: (i) => (i < 3 ? 'on_leave' : 'present'),
  };
  for (const [i, session] of sessions.entries()) {
    const marks = NAMES.flatMap((name) => {
      const status = plan[name](i);
      return status ? [{ enrollmentId: trainees[name].enrollmentId, status }] : [];
    });
    const res = await director.post(`/api/v1/classes/${klass.id}/attendance/marks`, {
      sessionId: session.id,
      marks,
    });
    expect(res.statusCode).toBe(200);
  }
  // Reflections: all but noReflection submit; good and leaver and lowAttendance get 合格, failed 不合格.
  const grades: Partial<Record<Name, string>> = {
    good: 'pass',
    lowAttendance: 'pass',
    leaver: 'good',
    failed: 'fail',
  };
  for (const name of NAMES) {
    if (name === 'noReflection') continue;
    const res = await trainees[name].client.put(`/api/v1/classes/${klass.id}/reflections/mine`, {
      text: `${name} 的学习心得`,
    });
    expect(res.statusCode).toBe(200);
    const grade = grades[name];
    if (grade) {
      const g = await director.post(`/api/v1/classes/${klass.id}/reflections/${res.json().id}/grade`, {
        grade,
      });
      expect(g.statusCode).toBe(200);
    }
  }
  return { klass, sessions, trainees };
}

/** Rules with the evaluation forms left out (the surveys module's forms are tested on their own). */
async function withoutEvaluations(classId: string, rules: Record<string, unknown> = {}) {
  const res = await director.put(`/api/v1/classes/${classId}/completion-rules`, {
    evaluationsRequired: false,
    ...rules,
  });
  expect(res.statusCode).toBe(200);
  return res;
}

async function completionOf(classId: string) {
  const res = await director.get(`/api/v1/classes/${classId}/completion`);
  expect(res.statusCode).toBe(200);
  return res.json();
}

const rowOf = (view: { items: { enrollmentId: string }[] }, enrollmentId: string) =>
  view.items.find((i) => i.enrollmentId === enrollmentId) as unknown as Record<string, unknown> & {
    status: string;
    reasons: { code: string; have: unknown; need: unknown }[];
  };

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施州卫健委', regionCode: '422801' })).id;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
beforeEach(() => setNow(AFTER));
afterAll(async () => t.close());

describe('the judgement with open reasons', () => {
  it('lists each trainee with the reasons still open, from attendance, leave and reflections', async () => {
    const { klass, trainees } = await setup();
    await withoutEvaluations(klass.id);
    const view = await completionOf(klass.id);
    expect(view).toMatchObject({
      classId: klass.id,
      hours: 17,
      hoursSource: 'items',
      ended: true,
      confirmedAt: null,
      completed: 1,
      notCompleted: 5,
    });
    expect(view.rules).toMatchObject({ minAttendanceRate: 0.9, evaluationsRequired: false });
    const reasons = (name: Name) => rowOf(view, trainees[name].enrollmentId).reasons;
    expect(rowOf(view, trainees.good.enrollmentId)).toMatchObject({
      status: 'completed',
      decidedBy: 'rules',
      attendanceRate: 1,
      leaveHours: 0,
      reflectionGrade: 'pass',
      hours: 17,
      confirmed: null,
    });
    expect(reasons('good')).toEqual([]);
    // 2 of 8 items absent, one late (late counts as attended): 12 / 16.
    expect(reasons('lowAttendance')).toEqual([{ code: 'attendance_low', have: 0.75, need: 0.9 }]);
    expect(rowOf(view, trainees.lowAttendance.enrollmentId).attendanceRate).toBe(0.75);
    // 6 学时 of leave out of 16 (allowance 16/7); attendance is measured over the rest: 10 / 10.
    expect(reasons('leaver')).toEqual([{ code: 'leave_over_limit', have: 6, need: 16 / 7 }]);
    expect(rowOf(view, trainees.leaver.enrollmentId)).toMatchObject({
      attendanceRate: 1,
      leaveHours: 6,
      leaveRatio: 6 / 16,
    });
    expect(reasons('noReflection')).toEqual([{ code: 'reflection_missing', have: null, need: null }]);
    expect(reasons('ungraded')).toEqual([{ code: 'reflection_ungraded', have: null, need: 'pass' }]);
    expect(reasons('failed')).toEqual([{ code: 'reflection_grade_low', have: 'fail', need: 'pass' }]);

    // The trainee sees their own, on the phone.
    const mine = await trainees.lowAttendance.client.get(`/api/v1/me/completion?classId=${klass.id}`);
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      enrollmentId: trainees.lowAttendance.enrollmentId,
      status: 'not_completed',
      reasons: [{ code: 'attendance_low' }],
    });
  });

  it('lists a withdrawn trainee as not completed (withdrawn)', async () => {
    const { klass, trainees } = await setup();
    await withoutEvaluations(klass.id);
    await t.database.db
      .update(enrollments)
      .set({ status: 'withdrawn' })
      .where(eq(enrollments.id, trainees.good.enrollmentId));
    const row = rowOf(await completionOf(klass.id), trainees.good.enrollmentId);
    expect(row.status).toBe('not_completed');
    expect(row.reasons.map((r) => r.code)).toContain('withdrawn');
    const override = await director.put(
      `/api/v1/classes/${klass.id}/completion/${trainees.good.enrollmentId}/override`,
      { completed: true, reason: '误操作' },
    );
    expect(override.statusCode).toBe(409);
  });

  it('asks for the evaluation forms when the rules require them', async () => {
    const { klass, trainees } = await setup();
    const view = await completionOf(klass.id);
    expect(view.rules.evaluationsRequired).toBe(true);
    const row = rowOf(view, trainees.good.enrollmentId);
    // The class form and the lecture forms are expected of every trainee; nobody has answered.
    expect(Number(row.evaluationsRequired)).toBeGreaterThan(0);
    expect(row.evaluationsSubmitted).toBe(0);
    expect(row.reasons).toEqual([{ code: 'evaluations_missing', have: 0, need: row.evaluationsRequired }]);
  });
});

describe('rules', () => {
  it('changes the rules per class (audited) and the statuses follow; bad rules are refused', async () => {
    const { klass, trainees } = await setup();
    const res = await withoutEvaluations(klass.id, {
      minAttendanceRate: 0.7,
      leaveWithinOneSeventh: false,
      reflectionRequired: true,
      minReflectionGrade: 'fail',
    });
    expect(res.json()).toEqual({
      minAttendanceRate: 0.7,
      leaveWithinOneSeventh: false,
      evaluationsRequired: false,
      reflectionRequired: true,
      minReflectionGrade: 'fail',
    });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toEqual(['completion.rules']);
    expect(audit[0]?.changes).toMatchObject({
      minAttendanceRate: [0.9, 0.7],
      leaveWithinOneSeventh: [true, false],
    });
    const view = await completionOf(klass.id);
    expect(view.rules.minAttendanceRate).toBe(0.7);
    for (const name of ['good', 'lowAttendance', 'leaver', 'failed'] as const) {
      expect(rowOf(view, trainees[name].enrollmentId).status).toBe('completed');
    }
    expect(rowOf(view, trainees.noReflection.enrollmentId).status).toBe('not_completed');
    expect(rowOf(view, trainees.ungraded.enrollmentId).status).toBe('not_completed');

    const off = await withoutEvaluations(klass.id, { reflectionRequired: false });
    expect(off.json().minAttendanceRate).toBe(0.9); // left out: the default again
    const after = await completionOf(klass.id);
    expect(rowOf(after, trainees.noReflection.enrollmentId).status).toBe('completed');

    const bad = await director.put(`/api/v1/classes/${klass.id}/completion-rules`, {
      minAttendanceRate: 1.5,
      minReflectionGrade: 'A',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      fields(bad)
        .map((f: string[]) => f[0])
        .sort(),
    ).toEqual(['minAttendanceRate', 'minReflectionGrade']);
  });
});

describe('the director’s override', () => {
  it('completes despite open reasons and withholds despite none, with a reason; clearing returns to the rules', async () => {
    const { klass, trainees } = await setup();
    await withoutEvaluations(klass.id);
    const url = (eid: string) => `/api/v1/classes/${klass.id}/completion/${eid}/override`;

    const noReason = await director.put(url(trainees.lowAttendance.enrollmentId), { completed: true });
    expect(noReason.statusCode).toBe(400);
    expect(fields(noReason)).toEqual([['reason', expect.any(String)]]);

    const yes = await director.put(url(trainees.lowAttendance.enrollmentId), {
      completed: true,
      reason: '因公出差缺课，已补学',
    });
    expect(yes.statusCode).toBe(200);
    expect(yes.json()).toMatchObject({
      status: 'completed',
      decidedBy: 'override',
      judgedCompleted: false,
      reasons: [{ code: 'attendance_low' }],
      override: { completed: true, reason: '因公出差缺课，已补学', decidedBy: { id: directorId } },
    });
    const audit = await auditOf(t, yes);
    expect(audit.map((a) => [a.action, (a.detail as { reason: string }).reason])).toEqual([
      ['completion.override', '因公出差缺课，已补学'],
    ]);

    const no = await director.put(url(trainees.good.enrollmentId), {
      completed: false,
      reason: '违反学员纪律',
    });
    expect(no.json()).toMatchObject({
      status: 'not_completed',
      decidedBy: 'override',
      judgedCompleted: true,
    });

    const view = await completionOf(klass.id);
    expect(view.completed).toBe(1);
    expect(rowOf(view, trainees.lowAttendance.enrollmentId).status).toBe('completed');

    const cleared = await director.delete(url(trainees.good.enrollmentId));
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toMatchObject({ status: 'completed', decidedBy: 'rules', override: null });
    expect(
      (await auditOf(t, cleared)).map((a) => [a.action, (a.detail as { reason: string }).reason]),
    ).toEqual([['completion.override_clear', '违反学员纪律']]);
    expect((await director.delete(url(trainees.good.enrollmentId))).statusCode).toBe(404);
  });
});

describe('confirmation (结业确认)', () => {
  it('is refused before every item has ended, and outside in_progress / completed', async () => {
    const { klass } = await setup();
    await withoutEvaluations(klass.id);
    setNow(new Date('2030-03-11T15:30:00+08:00'));
    const early = await director.post(`/api/v1/classes/${klass.id}/completion/confirm`);
    expect(early.statusCode).toBe(409);
    expect(fields(early)).toEqual([['classId', 'completion_too_early']]);
    setNow(AFTER);
    await t.database.db.update(classes).set({ status: 'published' }).where(eq(classes.id, klass.id));
    const status = await director.post(`/api/v1/classes/${klass.id}/completion/confirm`);
    expect(status.statusCode).toBe(409);
    expect(fields(status)).toEqual([['status', 'class_status']]);
    const rows = await t.database.db
      .select()
      .from(completionResults)
      .where(eq(completionResults.classId, klass.id));
    expect(rows).toHaveLength(0);
  });

  it('records the results, issues certificates and credits 学时; again is idempotent; a withdrawn completion is revoked', async () => {
    const { klass, trainees } = await setup();
    await withoutEvaluations(klass.id);
    const confirm = () => director.post(`/api/v1/classes/${klass.id}/completion/confirm`);
    const first = await confirm();
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({
      completed: 1,
      notCompleted: 5,
      certificatesIssued: 1,
      certificatesRevoked: 0,
    });
    expect((await auditOf(t, first)).map((a) => a.action)).toContain('completion.confirm');

    const results = await t.database.db
      .select()
      .from(completionResults)
      .where(eq(completionResults.classId, klass.id));
    expect(results).toHaveLength(6);
    const good = results.find((r) => r.enrollmentId === trainees.good.enrollmentId);
    expect(good).toMatchObject({ completed: true, decidedBy: 'rules', hours: 17, reasons: [] });
    const low = results.find((r) => r.enrollmentId === trainees.lowAttendance.enrollmentId);
    expect(low).toMatchObject({ completed: false, reasons: [{ code: 'attendance_low' }] });

    const validCertificates = () =>
      t.database.db
        .select()
        .from(certificates)
        .where(and(eq(certificates.classId, klass.id), eq(certificates.status, 'valid')));
    expect((await validCertificates()).map((c) => c.enrollmentId)).toEqual([trainees.good.enrollmentId]);
    const records = () =>
      t.database.db.select().from(trainingRecords).where(eq(trainingRecords.classId, klass.id));
    expect(await records()).toEqual([
      expect.objectContaining({
        personId: trainees.good.personId,
        hours: 17,
        source: 'class_completion',
        voidedAt: null,
      }),
    ]);

    const view = await completionOf(klass.id);
    expect(view.confirmedAt).not.toBeNull();
    expect(rowOf(view, trainees.good.enrollmentId).confirmed).toMatchObject({ completed: true });

    const second = await confirm();
    expect(second.json()).toMatchObject({ completed: 1, certificatesIssued: 0, certificatesRevoked: 0 });
    expect(await validCertificates()).toHaveLength(1);
    expect(await records()).toHaveLength(1);

    // The director withholds a completion confirmed before: certificate revoked, record voided.
    await director.put(`/api/v1/classes/${klass.id}/completion/${trainees.good.enrollmentId}/override`, {
      completed: false,
      reason: '结业后发现考勤造假',
    });
    const third = await confirm();
    expect(third.json()).toMatchObject({ completed: 0, notCompleted: 6, certificatesRevoked: 1 });
    expect(await validCertificates()).toHaveLength(0);
    const [voided] = await records();
    expect(voided?.voidedAt).not.toBeNull();
    expect(voided?.voidReason).toBe('completion_withdrawn');
  });

  it('serialises two confirmations at once: one certificate per completed trainee', async () => {
    const { klass } = await setup();
    await withoutEvaluations(klass.id, { reflectionRequired: false });
    const results = await Promise.all([
      director.post(`/api/v1/classes/${klass.id}/completion/confirm`),
      director.post(`/api/v1/classes/${klass.id}/completion/confirm`),
    ]);
    expect(results.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(results.map((r) => r.json().certificatesIssued).sort()).toEqual([0, 4]);
    const valid = await t.database.db
      .select()
      .from(certificates)
      .where(and(eq(certificates.classId, klass.id), eq(certificates.status, 'valid')));
    expect(valid).toHaveLength(4);
  });
});

describe('who may see and decide', () => {
  it('keeps another class’s director and the trainees out', async () => {
    const { klass, trainees } = await setup();
    const { client: stranger } = await as('class_director');
    const base = `/api/v1/classes/${klass.id}`;
    expect((await stranger.get(`${base}/completion`)).statusCode).toBe(403);
    expect((await stranger.put(`${base}/completion-rules`, {})).statusCode).toBe(403);
    expect(
      (
        await stranger.put(`${base}/completion/${trainees.good.enrollmentId}/override`, {
          completed: true,
          reason: '越权',
        })
      ).statusCode,
    ).toBe(403);
    expect((await stranger.post(`${base}/completion/confirm`)).statusCode).toBe(403);
    const me = trainees.good.client;
    expect((await me.get(`${base}/completion`)).statusCode).toBe(403);
    expect((await me.post(`${base}/completion/confirm`)).statusCode).toBe(403);
    const other = await makeClass(t.database, { directorId, status: 'in_progress' });
    expect((await me.get(`/api/v1/me/completion?classId=${other.id}`)).statusCode).toBe(404);
    expect((await me.get('/api/v1/me/completion?classId=nope')).statusCode).toBe(400);
  });
});
