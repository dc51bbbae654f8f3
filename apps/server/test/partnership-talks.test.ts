import type { JointClassList, Role, TalkView } from '@ganxun/domain';
import { and, asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrollments, secondmentEvents } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol } from './session-factories.js';

/**
 * Joint classes (联合办班) and follow-up talks (座谈交流) of a pairing: linking classes with their
 * person-times (withdrawn enrolments left out), one pairing per class (also under a race), the
 * class readable by the one who links it; talks with this pairing's secondees only, each secondee's
 * timeline getting a `talk` event kept in step with the talk.
 */

let t: TestContext;
let enshi: Client;
let wuhan: Client;
let enshiUnitId: string;
let jiangganUnitId: string;

async function as(role: Role, scopeId: string | null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return signIn(t, user);
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

beforeAll(async () => {
  t = await createTestContext();
  enshiUnitId = (await makeUnit(t.database, { name: '恩施市教育局', regionCode: '422801' })).id;
  jiangganUnitId = (await makeUnit(t.database, { name: '江干区教育局', regionCode: '330104' })).id;
  enshi = await as('org_admin', '422801');
  wuhan = await as('org_admin', '420100');
});
afterAll(async () => t.close());

describe('joint classes', () => {
  it('links a class with its person-times and default kind; counted on the pairing; unlinks', async () => {
    const p = await makePartnership(t.database);
    const leadership = await makeClass(t.database, { kind: 'seminar', startDate: '2019-05-06' });
    const professional = await makeClass(t.database, { kind: 'professional', startDate: '2019-09-02' });
    for (let i = 0; i < 3; i += 1) await enrol(t.services, t.database, leadership.id, enshiUnitId);
    const gone = await enrol(t.services, t.database, leadership.id, enshiUnitId);
    await t.database.db
      .update(enrollments)
      .set({ status: 'withdrawn' })
      .where(eq(enrollments.id, gone.enrollment.id));

    const res = await enshi.post(`/api/v1/partnerships/${p.id}/classes`, { classId: leadership.id });
    expect(res.statusCode).toBe(201);
    expect((res.json() as JointClassList).items).toEqual([
      expect.objectContaining({
        classId: leadership.id,
        code: leadership.code,
        classKind: 'seminar',
        jointKind: 'leadership',
        personTimes: 3,
        startDate: '2019-05-06',
      }),
    ]);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['partnership.class.link']);
    const second = await enshi.post(`/api/v1/partnerships/${p.id}/classes`, { classId: professional.id });
    expect(second.json().items.map((c: { jointKind: string }) => c.jointKind)).toEqual([
      'professional',
      'leadership',
    ]);
    // The link may override the kind the class kind suggests.
    const other = await makeClass(t.database, { kind: 'professional', startDate: '2018-01-08' });
    const overridden = await enshi.post(`/api/v1/partnerships/${p.id}/classes`, {
      classId: other.id,
      kind: 'leadership',
    });
    expect(overridden.json().items[2]).toMatchObject({ classId: other.id, jointKind: 'leadership' });
    expect((await enshi.get(`/api/v1/partnerships/${p.id}`)).json().counts.jointClasses).toBe(3);
    const list = await enshi.get(`/api/v1/partnerships/${p.id}/classes`);
    expect(list.json().items).toHaveLength(3);

    const unlink = await enshi.delete(`/api/v1/partnerships/${p.id}/classes/${professional.id}`);
    expect(unlink.statusCode).toBe(204);
    expect((await auditOf(t, unlink)).map((a) => a.action)).toEqual(['partnership.class.unlink']);
    expect((await enshi.delete(`/api/v1/partnerships/${p.id}/classes/${professional.id}`)).statusCode).toBe(
      404,
    );
    expect((await enshi.get(`/api/v1/partnerships/${p.id}/classes`)).json().items).toHaveLength(2);
  });

  it('a class belongs to one pairing: 409, also when two links race', async () => {
    const p1 = await makePartnership(t.database);
    const p2 = await makePartnership(t.database);
    const klass = await makeClass(t.database);
    expect(
      (await enshi.post(`/api/v1/partnerships/${p1.id}/classes`, { classId: klass.id })).statusCode,
    ).toBe(201);
    const again = await enshi.post(`/api/v1/partnerships/${p2.id}/classes`, { classId: klass.id });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual([['classId', 'class_already_linked']]);

    const raced = await makeClass(t.database);
    const results = await Promise.all(
      [p1, p2].map((p) => enshi.post(`/api/v1/partnerships/${p.id}/classes`, { classId: raced.id })),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });

  it('the class must exist and be readable by the actor; the pairing must be theirs', async () => {
    const p = await makePartnership(t.database);
    const missing = await enshi.post(`/api/v1/partnerships/${p.id}/classes`, {
      classId: crypto.randomUUID(),
    });
    expect(missing.statusCode).toBe(400);
    expect(fields(missing)).toEqual([['classId', 'class_not_found']]);

    const wuhanSchool = await makeUnit(t.database, { type: 'party_school', regionCode: '420102' });
    const foreign = await makeClass(t.database, { leadOrganiserId: wuhanSchool.id, status: 'draft' });
    const denied = await enshi.post(`/api/v1/partnerships/${p.id}/classes`, { classId: foreign.id });
    expect(denied.statusCode).toBe(403);
    expect((await auditOf(t, denied)).map((a) => [a.action, a.outcome])).toEqual([['class.read', 'denied']]);

    const mine = await makeClass(t.database);
    const outside = await wuhan.post(`/api/v1/partnerships/${p.id}/classes`, { classId: mine.id });
    expect(outside.statusCode).toBe(404);
    expect((await wuhan.get(`/api/v1/partnerships/${p.id}/classes`)).statusCode).toBe(404);
  });
});

describe('follow-up talks', () => {
  const eventsOf = (secondmentId: string) =>
    t.database.db
      .select()
      .from(secondmentEvents)
      .where(and(eq(secondmentEvents.secondmentId, secondmentId), eq(secondmentEvents.kind, 'talk')))
      .orderBy(asc(secondmentEvents.at));

  it('records a talk with its secondees, a talk event on each; edits and deletes keep them in step', async () => {
    const p = await makePartnership(t.database);
    const other = await makePartnership(t.database);
    const person1 = await makePerson(t.services, t.database, enshiUnitId, { name: '王医生' });
    const person2 = await makePerson(t.services, t.database, enshiUnitId, { name: '李老师' });
    const person3 = await makePerson(t.services, t.database, enshiUnitId, { name: '赵专家' });
    const s1 = await makeSecondment(t.database, p.id, person1.id, {
      homeUnitId: enshiUnitId,
      hostUnitId: jiangganUnitId,
    });
    const s2 = await makeSecondment(t.database, p.id, person2.id, {
      homeUnitId: enshiUnitId,
      hostUnitId: jiangganUnitId,
    });
    const foreign = await makeSecondment(t.database, other.id, person3.id, {
      homeUnitId: enshiUnitId,
      hostUnitId: jiangganUnitId,
    });

    const talk = {
      date: '2019-06-18',
      title: '挂职干部座谈会',
      location: '江干区委组织部',
      participants: '组织部干部科',
      notes: '交流工作体会',
    };
    const bad = await enshi.post(`/api/v1/partnerships/${p.id}/talks`, {
      ...talk,
      secondmentIds: [s1.id, foreign.id],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([['secondmentIds', 'secondment_not_in_partnership']]);
    expect(await eventsOf(s1.id)).toEqual([]);

    const res = await enshi.post(`/api/v1/partnerships/${p.id}/talks`, {
      ...talk,
      secondmentIds: [s1.id, s2.id, s1.id],
    });
    expect(res.statusCode).toBe(201);
    const view: TalkView = res.json();
    expect(view).toMatchObject({ ...talk, partnershipId: p.id, createdBy: '测试用户' });
    expect(view.secondees.map((s) => s.personName).sort()).toEqual(['李老师', '王医生'].sort());
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['partnership.talk.create']);
    for (const s of [s1, s2]) {
      const events = await eventsOf(s.id);
      expect(events.map((e) => [e.date, e.detail])).toEqual([
        ['2019-06-18', { talkId: view.id, title: '挂职干部座谈会' }],
      ]);
    }
    const list = await enshi.get(`/api/v1/partnerships/${p.id}/talks`);
    expect(list.json().items.map((x: TalkView) => x.id)).toEqual([view.id]);

    const moved = await enshi.patch(`/api/v1/partnerships/${p.id}/talks/${view.id}`, {
      date: '2019-06-20',
      secondmentIds: [s2.id],
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({
      date: '2019-06-20',
      title: '挂职干部座谈会',
      notes: '交流工作体会',
    });
    expect(moved.json().secondees.map((s: { secondmentId: string }) => s.secondmentId)).toEqual([s2.id]);
    expect(await eventsOf(s1.id)).toEqual([]);
    expect((await eventsOf(s2.id)).map((e) => e.date)).toEqual(['2019-06-20']);
    const [audit] = await auditOf(t, moved);
    expect(audit?.changes).toMatchObject({
      date: ['2019-06-18', '2019-06-20'],
      secondmentIds: { added: [], removed: [s1.id] },
    });
    const badPatch = await enshi.patch(`/api/v1/partnerships/${p.id}/talks/${view.id}`, {
      secondmentIds: [foreign.id],
    });
    expect(badPatch.statusCode).toBe(400);
    expect((await eventsOf(s2.id)).map((e) => e.date)).toEqual(['2019-06-20']);

    // A talk is reached through its pairing only.
    expect(
      (await enshi.patch(`/api/v1/partnerships/${other.id}/talks/${view.id}`, { title: 'x' })).statusCode,
    ).toBe(404);
    expect((await wuhan.delete(`/api/v1/partnerships/${p.id}/talks/${view.id}`)).statusCode).toBe(404);

    const del = await enshi.delete(`/api/v1/partnerships/${p.id}/talks/${view.id}`);
    expect(del.statusCode).toBe(204);
    expect((await auditOf(t, del)).map((a) => a.action)).toEqual(['partnership.talk.delete']);
    expect(await eventsOf(s2.id)).toEqual([]);
    expect((await enshi.get(`/api/v1/partnerships/${p.id}/talks`)).json().items).toEqual([]);
  });

  it('a talk without secondees; bad dates are refused by the contract', async () => {
    const p = await makePartnership(t.database);
    const res = await enshi.post(`/api/v1/partnerships/${p.id}/talks`, { date: '2020-01-10', title: '座谈' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ secondees: [], location: null, participants: '', notes: '' });
    const bad = await enshi.post(`/api/v1/partnerships/${p.id}/talks`, { date: '2020-02-30', title: '座谈' });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad).map((f: string[]) => f[0])).toEqual(['date']);
  });
});
