import type { Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollments, nominations } from '../src/db/schema/index.js';
import { makeClass, makeQuota } from './class-factories.js';
import { makePerson, makeUnit, type PersonOverrides } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Nominations (调训报名): liaisons nominate their own people against the quotas they may use,
 * before the deadline; a full quota waitlists or refuses; substitution, withdrawal and bulk
 * decisions keep seats and enrollments consistent; self-registration; overlapping classes flagged.
 *
 *   E 恩施州卫健委 (422800) — org admin `runner` (422800) runs the classes organised in Enshi
 *   ├── A 恩施市卫健局 (422801) — liaison `liaisonA`
 *   └── B 利川市卫健局 (422802) — liaison `liaisonB`
 */

let t: TestContext;
let A: { id: string; name: string };
let B: { id: string; name: string };
let runner: Client;
let liaisonA: Client;
let liaisonB: Client;

let born = 0;
function addPerson(unitId: string, overrides: PersonOverrides = {}) {
  born += 1;
  const birthDate = `19${60 + (born % 40)}-0${1 + (born % 9)}-1${born % 10}`;
  return makePerson(t.services, t.database, unitId, { birthDate, ...overrides });
}

async function as(role: Role, scopeId: string | null = null): Promise<Client> {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const nominate = (client: Client, classId: string, personId: string, quotaId: string | null) =>
  client.post(`/api/v1/classes/${classId}/nominations`, { personId, quotaId });

async function statusOf(id: string) {
  const [row] = await t.database.db.select().from(nominations).where(eq(nominations.id, id));
  return row?.status;
}

beforeAll(async () => {
  t = await createTestContext();
  const E = await makeUnit(t.database, { name: '恩施州卫健委', regionCode: '422800' });
  A = await makeUnit(t.database, { name: '恩施市卫健局', regionCode: '422801', parentId: E.id });
  B = await makeUnit(t.database, { name: '利川市卫健局', regionCode: '422802', parentId: E.id });
  runner = await as('org_admin', '422800');
  liaisonA = await as('unit_liaison', A.id);
  liaisonB = await as('unit_liaison', B.id);
});
afterAll(async () => t.close());

describe('nominating', () => {
  it('a liaison nominates a person of their unit against their quota (submitted, audited)', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 2);
    const person = await addPerson(A.id, { name: '李提名' });
    const res = await nominate(liaisonA, klass.id, person.id, quota.id);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      classId: klass.id,
      quotaId: quota.id,
      quotaHolderName: '恩施市卫健局',
      person: { id: person.id, name: '李提名', unitName: '恩施市卫健局' },
      source: 'nomination',
      status: 'submitted',
      waitlistPosition: null,
      overlaps: [],
    });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toEqual(['nomination.create']);
    const quotas = (await liaisonA.get(`/api/v1/classes/${klass.id}/quotas`)).json();
    expect(quotas.items[0]).toMatchObject({ used: 1, remaining: 1 });
  });

  it('refuses a full quota with the seats named in the message', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 1);
    expect((await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).statusCode).toBe(201);
    const full = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.fields).toEqual([
      { path: 'quotaId', code: 'quota_full', message: '该名额已满（共 1 个名额）' },
    ]);
    liaisonA.locale = 'en';
    const en = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id);
    liaisonA.locale = 'zh-CN';
    expect(en.json().error.fields[0].message).toBe('this quota is full (all 1 seats are taken)');
  });

  it('waitlists when the class keeps a waiting list, and promotes the earliest when a seat frees', async () => {
    const klass = await makeClass(t.database, { waitlist: true });
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 1);
    const first = (await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json();
    const second = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id);
    const third = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id);
    expect(second.statusCode).toBe(201);
    expect(second.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
    expect(third.json()).toMatchObject({ status: 'waitlisted', waitlistPosition: 2 });

    const withdrawn = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${first.id}/withdraw`, {
      reason: '工作安排冲突',
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn', decisionReason: '工作安排冲突' });
    expect((await auditOf(t, withdrawn)).map((a) => a.action)).toEqual([
      'nomination.withdraw',
      'nomination.promote',
    ]);
    expect(await statusOf(second.json().id)).toBe('submitted');
    const list = (await runner.get(`/api/v1/classes/${klass.id}/nominations?status=waitlisted`)).json();
    expect(list.items).toEqual([expect.objectContaining({ id: third.json().id, waitlistPosition: 1 })]);
    // The counts per status ignore the status filter: the tab shows them all at once.
    expect(list.counts).toEqual({
      submitted: 1,
      approved: 0,
      rejected: 0,
      withdrawn: 1,
      waitlisted: 1,
      replaced: 0,
    });
  });

  it('refuses after the deadline, naming it in Beijing time', async () => {
    const klass = await makeClass(t.database, { nominationDeadline: new Date('2024-05-31T10:00:00Z') });
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const res = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([
      { path: 'classId', code: 'nomination_deadline_passed', message: '报名已于 2024-05-31 18:00 截止' },
    ]);
  });

  it('refuses a person outside the liaison’s unit, even one the quota covers (403, audited)', async () => {
    const klass = await makeClass(t.database);
    const region = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 5);
    const ofB = await addPerson(B.id);
    const res = await nominate(liaisonA, klass.id, ofB.id, region.id);
    expect(res.statusCode).toBe(403);
    expect(res.json().error.fields).toEqual([
      {
        path: 'personId',
        code: 'person_outside_scope',
        message: '该人员不在您的管理范围内，不能由您报名',
      },
    ]);
    expect((await auditOf(t, res))[0]).toMatchObject({
      outcome: 'denied',
      action: 'nomination.create',
      entityType: 'person',
      entityId: ofB.id,
    });
    // B's own liaison may.
    expect((await nominate(liaisonB, klass.id, ofB.id, region.id)).statusCode).toBe(201);
  });

  it('refuses a quota the liaison may not use (403), and a person the quota does not cover', async () => {
    const klass = await makeClass(t.database);
    const quotaB = await makeQuota(t.database, klass.id, { unitId: B.id }, 5);
    const quotaA = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const res = await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quotaB.id);
    expect(res.statusCode).toBe(403);
    expect((await auditOf(t, res))[0]).toMatchObject({ outcome: 'denied', entityType: 'class_quota' });
    // The org admin reaches both units, but a person of B does not take A's seat.
    const wrong = await nominate(runner, klass.id, (await addPerson(B.id)).id, quotaA.id);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields[0]).toMatchObject({
      path: 'personId',
      code: 'person_outside_quota',
      message: '该人员不属于“恩施市卫健局”，不能占用其名额',
    });
  });

  it('needs a quota in a class with quotas, and one of this class', async () => {
    const klass = await makeClass(t.database);
    await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const other = await makeClass(t.database);
    const foreign = await makeQuota(t.database, other.id, { unitId: A.id }, 5);
    const person = await addPerson(A.id);
    expect(fields(await nominate(liaisonA, klass.id, person.id, null))).toEqual([
      ['quotaId', 'quota_required'],
    ]);
    expect(fields(await nominate(liaisonA, klass.id, person.id, foreign.id))).toEqual([
      ['quotaId', 'quota_not_found'],
    ]);
  });

  it('refuses a class that is not taking nominations', async () => {
    for (const status of ['nominations_closed', 'draft', 'cancelled'] as const) {
      const klass = await makeClass(t.database, { status });
      const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
      const res = await nominate(runner, klass.id, (await addPerson(A.id)).id, quota.id);
      expect(res.statusCode).toBe(409);
      expect(fields(res)).toEqual([['classId', 'nominations_not_open']]);
    }
    // A liaison does not even see a draft.
    const draft = await makeClass(t.database, { status: 'draft' });
    const quota = await makeQuota(t.database, draft.id, { unitId: A.id }, 5);
    expect((await nominate(liaisonA, draft.id, (await addPerson(A.id)).id, quota.id)).statusCode).toBe(403);
  });

  it('refuses the same person twice, and a person not serving', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const person = await addPerson(A.id);
    expect((await nominate(liaisonA, klass.id, person.id, quota.id)).statusCode).toBe(201);
    const twice = await nominate(liaisonA, klass.id, person.id, quota.id);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error.fields[0]).toMatchObject({
      path: 'personId',
      code: 'already_nominated',
      message: '该人员已报名本班次',
    });
    const retired = await addPerson(A.id, { status: 'retired' });
    expect(fields(await nominate(liaisonA, klass.id, retired.id, quota.id))).toEqual([
      ['personId', 'person_not_serving'],
    ]);
    expect(fields(await nominate(liaisonA, klass.id, crypto.randomUUID(), quota.id))).toEqual([
      ['personId', 'person_not_found'],
    ]);
  });

  it('a class without quotas takes nominations from its runners only, up to its capacity', async () => {
    const klass = await makeClass(t.database, { capacity: 1 });
    expect((await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, null)).statusCode).toBe(403);
    expect((await nominate(runner, klass.id, (await addPerson(A.id)).id, null)).statusCode).toBe(201);
    const full = await nominate(runner, klass.id, (await addPerson(B.id)).id, null);
    expect(full.statusCode).toBe(409);
    expect(full.json().error.fields[0]).toMatchObject({
      path: 'classId',
      code: 'capacity_full',
      message: '班次已满员（容量 1 人）',
    });
  });

  it('flags other classes with overlapping dates the person is nominated to or enrolled in', async () => {
    const earlier = await makeClass(t.database, {
      name: '三月专题班',
      startDate: '2031-03-10',
      endDate: '2031-03-12',
    });
    const apart = await makeClass(t.database, { startDate: '2031-04-01', endDate: '2031-04-02' });
    const cancelled = await makeClass(t.database, {
      status: 'cancelled',
      startDate: '2031-03-10',
      endDate: '2031-03-12',
    });
    const klass = await makeClass(t.database, { startDate: '2031-03-12', endDate: '2031-03-13' });
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const person = await addPerson(A.id);
    const free = await addPerson(A.id);
    await t.database.db.insert(nominations).values([
      { classId: earlier.id, personId: person.id, status: 'submitted' },
      { classId: apart.id, personId: person.id, status: 'submitted' },
      { classId: cancelled.id, personId: person.id, status: 'submitted' },
    ]);
    const res = await nominate(liaisonA, klass.id, person.id, quota.id);
    expect(res.json().overlaps).toEqual([
      {
        id: earlier.id,
        code: earlier.code,
        name: '三月专题班',
        startDate: '2031-03-10',
        endDate: '2031-03-12',
      },
    ]);
    await nominate(liaisonA, klass.id, free.id, quota.id);
    const list = (await runner.get(`/api/v1/classes/${klass.id}/nominations`)).json();
    expect(list.total).toBe(2);
    const byPerson = new Map(
      list.items.map((n: { person: { id: string }; overlaps: unknown[] }) => [n.person.id, n.overlaps]),
    );
    expect(byPerson.get(person.id)).toHaveLength(1);
    expect(byPerson.get(free.id)).toEqual([]);
  });

  it('lists for a liaison only the nominations of their own people', async () => {
    const klass = await makeClass(t.database);
    const region = await makeQuota(t.database, klass.id, { regionCode: '422800' }, 10);
    await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, region.id);
    await nominate(liaisonB, klass.id, (await addPerson(B.id, { name: '王乙' })).id, region.id);
    const mine = (await liaisonB.get(`/api/v1/classes/${klass.id}/nominations`)).json();
    expect(mine.items.map((n: { person: { name: string } }) => n.person.name)).toEqual(['王乙']);
    expect((await runner.get(`/api/v1/classes/${klass.id}/nominations`)).json().total).toBe(2);
    expect(
      (await runner.get(`/api/v1/classes/${klass.id}/nominations?q=${encodeURIComponent('王乙')}`)).json()
        .total,
    ).toBe(1);
  });
});

describe('substitution and withdrawal', () => {
  it('replaces a submitted nomination by another person on the same quota', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 1);
    const old = (await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json();
    const substitute = await addPerson(A.id, { name: '赵替补' });
    const res = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${old.id}/substitute`, {
      personId: substitute.id,
      reason: '原人员住院',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      status: 'submitted',
      quotaId: quota.id,
      replacesId: old.id,
      person: { name: '赵替补' },
    });
    const [oldRow] = await t.database.db.select().from(nominations).where(eq(nominations.id, old.id));
    expect(oldRow).toMatchObject({
      status: 'replaced',
      replacedById: res.json().id,
      decisionReason: '原人员住院',
    });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual([
      'nomination.substitute',
      'nomination.replace',
    ]);
    // The replaced one is finished; nobody takes someone who is already in.
    const again = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${old.id}/substitute`, {
      personId: (await addPerson(A.id)).id,
      reason: '再次',
    });
    expect(fields(again)).toEqual([['status', 'not_releasable']]);
    const self = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${res.json().id}/substitute`, {
      personId: substitute.id,
      reason: '同一人',
    });
    expect(fields(self)).toEqual([['personId', 'already_nominated']]);
    // Scope rules hold for the substitute too.
    const outside = await liaisonA.post(
      `/api/v1/classes/${klass.id}/nominations/${res.json().id}/substitute`,
      {
        personId: (await addPerson(B.id)).id,
        reason: '外单位',
      },
    );
    expect(outside.statusCode).toBe(403);
  });

  it('replacing an approved trainee withdraws their enrollment with the reason 替换', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 1);
    const original = await addPerson(A.id);
    const old = (await nominate(liaisonA, klass.id, original.id, quota.id)).json();
    expect(
      (
        await runner.post(`/api/v1/classes/${klass.id}/nominations/decisions`, {
          ids: [old.id],
          decision: 'approve',
        })
      ).statusCode,
    ).toBe(200);
    const res = await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${old.id}/substitute`, {
      personId: (await addPerson(A.id)).id,
      reason: '工作调动',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().status).toBe('submitted');
    const [enrollment] = await t.database.db
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.classId, klass.id), eq(enrollments.personId, original.id)));
    expect(enrollment).toMatchObject({ status: 'withdrawn', withdrawReason: '替换' });
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('enrollment.withdraw');
  });

  it('lets only the nominator’s reach, the approvers or the registrant withdraw', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 3);
    const n = (await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json();
    const url = `/api/v1/classes/${klass.id}/nominations/${n.id}/withdraw`;
    expect((await liaisonB.post(url, { reason: '不是我的' })).statusCode).toBe(403);
    expect(fields(await liaisonA.post(url, { reason: '' }))).toEqual([['reason', 'too_small']]);
    expect((await runner.post(url, { reason: '名额调整' })).statusCode).toBe(200);
    expect(fields(await liaisonA.post(url, { reason: '再撤一次' }))).toEqual([['status', 'not_releasable']]);
  });
});

describe('decisions', () => {
  it('approves in bulk all or nothing: one undecidable id and nothing changes', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push((await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json().id);
    await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${ids[2]}/withdraw`, { reason: '撤回' });
    const url = `/api/v1/classes/${klass.id}/nominations/decisions`;
    const bad = await runner.post(url, {
      ids: [ids[0], ids[1], ids[2], crypto.randomUUID()],
      decision: 'approve',
    });
    expect(bad.statusCode).toBe(409);
    expect(fields(bad)).toEqual([
      ['ids.2', 'not_decidable'],
      ['ids.3', 'not_decidable'],
    ]);
    expect(await statusOf(ids[0] as string)).toBe('submitted');
    expect(await t.database.db.select().from(enrollments).where(eq(enrollments.classId, klass.id))).toEqual(
      [],
    );

    const ok = await runner.post(url, { ids: [ids[0], ids[1]], decision: 'approve' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().decided).toBe(2);
    expect(ok.json().items.map((n: { status: string }) => n.status)).toEqual(['approved', 'approved']);
    expect(ok.json().items[0].decidedBy).toBeTruthy();
    const rows = await t.database.db.select().from(enrollments).where(eq(enrollments.classId, klass.id));
    expect(rows).toHaveLength(2);
    expect((await auditOf(t, ok)).map((a) => a.action)).toEqual(['nomination.approve', 'nomination.approve']);
    // Liaisons do not decide.
    expect((await liaisonA.post(url, { ids: [ids[0]], decision: 'reject', reason: 'x' })).statusCode).toBe(
      403,
    );
  });

  it('rejection needs a reason, and frees the seat for the waiting list', async () => {
    const klass = await makeClass(t.database, { waitlist: true });
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 1);
    const first = (await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json();
    const waiting = (await nominate(liaisonA, klass.id, (await addPerson(A.id)).id, quota.id)).json();
    expect(waiting.status).toBe('waitlisted');
    const url = `/api/v1/classes/${klass.id}/nominations/decisions`;
    const noReason = await runner.post(url, { ids: [first.id], decision: 'reject' });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.fields).toEqual([
      { path: 'reason', code: 'reason_required', message: '请填写原因' },
    ]);
    const res = await runner.post(url, { ids: [first.id], decision: 'reject', reason: '不符合参训条件' });
    expect(res.statusCode).toBe(200);
    expect(res.json().items[0]).toMatchObject({ status: 'rejected', decisionReason: '不符合参训条件' });
    expect(await statusOf(waiting.id)).toBe('submitted');
  });

  it('an approved person approved again after withdrawing gets their enrollment row back', async () => {
    const klass = await makeClass(t.database);
    const quota = await makeQuota(t.database, klass.id, { unitId: A.id }, 2);
    const person = await addPerson(A.id);
    const url = `/api/v1/classes/${klass.id}/nominations/decisions`;
    const first = (await nominate(liaisonA, klass.id, person.id, quota.id)).json();
    await runner.post(url, { ids: [first.id], decision: 'approve' });
    await liaisonA.post(`/api/v1/classes/${klass.id}/nominations/${first.id}/withdraw`, {
      reason: '临时有事',
    });
    const second = (await nominate(liaisonA, klass.id, person.id, quota.id)).json();
    expect((await runner.post(url, { ids: [second.id], decision: 'approve' })).statusCode).toBe(200);
    const rows = await t.database.db.select().from(enrollments).where(eq(enrollments.classId, klass.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'enrolled', nominationId: second.id, withdrawnAt: null });
  });
});

describe('self-registration', () => {
  it('registers the actor’s own person record in an open class, against the quota covering them', async () => {
    const klass = await makeClass(t.database, { selfRegistration: true });
    await makeQuota(t.database, klass.id, { regionCode: '422800' }, 5);
    const unitQuota = await makeQuota(t.database, klass.id, { unitId: A.id }, 5);
    const user = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    await addPerson(A.id, { userId: user.user.id, name: '孙学员' });
    const trainee = await signIn(t, user);
    const res = await trainee.post(`/api/v1/classes/${klass.id}/registrations`, { note: '自愿报名' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      source: 'self',
      status: 'submitted',
      quotaId: unitQuota.id,
      note: '自愿报名',
    });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['nomination.register']);
    expect(fields(await trainee.post(`/api/v1/classes/${klass.id}/registrations`, {}))).toEqual([
      ['personId', 'already_nominated'],
    ]);
    // The registrant may withdraw their own registration.
    const withdrawn = await trainee.post(
      `/api/v1/classes/${klass.id}/nominations/${res.json().id}/withdraw`,
      {
        reason: '时间冲突',
      },
    );
    expect(withdrawn.statusCode).toBe(200);
  });

  it('refuses a class not open for it, and an account without a person record', async () => {
    const closed = await makeClass(t.database);
    const open = await makeClass(t.database, { selfRegistration: true, capacity: 10 });
    const noPerson = await as('trainee');
    expect(fields(await noPerson.post(`/api/v1/classes/${closed.id}/registrations`, {}))).toEqual([
      ['classId', 'registration_not_open'],
    ]);
    const res = await noPerson.post(`/api/v1/classes/${open.id}/registrations`, {});
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['personId', 'no_person_record']]);
    // A liaison has no class.register permission.
    expect((await liaisonA.post(`/api/v1/classes/${open.id}/registrations`, {})).statusCode).toBe(403);
  });
});
