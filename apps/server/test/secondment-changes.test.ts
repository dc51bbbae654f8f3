import type { Role, SecondmentDetailView } from '@ganxun/domain';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makePerson, makeUnit } from './directory-factories.js';
import { makePartnership } from './exchange-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Extensions and early ends (延期、提前结束) and assessments: asked by one admin, decided by
 * another (never by the requester: 403, audited), applied on approval with events; one decision
 * when two deciders press at once; annual assessments once a year, the final one once and only
 * after the term has ended.
 */

let t: TestContext;
let adminA: Client;
let adminB: Client;
let liaison: Client;
let pairingId: string;
let home: string;
let host: string;

const TODAY = new Date('2026-11-24T10:00:00+08:00');

async function as(role: Role, scopeId: string | null, displayName?: string) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }], displayName });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** 姚洪华 in post at 恩施市 since 2025-03-01, planned to 2027-02-28. */
async function inPost(status: 'planned' | 'in_post' = 'in_post') {
  const person = await makePerson(t.services, t.database, home, { name: '姚洪华' });
  const res = await adminA.post('/api/v1/secondments', {
    partnershipId: pairingId,
    personId: person.id,
    direction: 'b_to_a',
    form: 'secondment',
    category: 'cadre',
    hostUnitId: host,
    hostPost: '市委常委、副市长',
    plannedStart: status === 'planned' ? '2027-03-01' : '2025-03-01',
    plannedEnd: status === 'planned' ? '2029-02-28' : '2027-02-28',
  });
  expect(res.statusCode).toBe(201);
  const id: string = res.json().id;
  if (status === 'in_post')
    expect(
      (await adminA.post(`/api/v1/secondments/${id}/actions`, { action: 'start', date: '2025-03-03' }))
        .statusCode,
    ).toBe(200);
  return { id, personId: person.id };
}

const ask = (client: Client, id: string, kind: string, newEnd: string) =>
  client.post(`/api/v1/secondments/${id}/changes`, { kind, newEnd, reason: '工作需要' });
const decide = (
  client: Client,
  id: string,
  changeId: string,
  decision: string,
  comment: string | null = null,
) => client.post(`/api/v1/secondments/${id}/changes/${changeId}/decision`, { decision, comment });

beforeAll(async () => {
  t = await createTestContext();
  adminA = (await as('org_admin', '422801', '管理员甲')).client;
  adminB = (await as('org_admin', '422801', '管理员乙')).client;
  pairingId = (await makePartnership(t.database)).id;
  home = (await makeUnit(t.database, { name: '江干区某局', regionCode: '330104' })).id;
  host = (await makeUnit(t.database, { name: '恩施市人民政府', regionCode: '422801' })).id;
  liaison = (await as('unit_liaison', host)).client;
});
beforeEach(() => {
  t.services.secondments.clock = () => TODAY;
});
afterAll(async () => t.close());

describe('extension', () => {
  it('asked by A, refused to A (403 audited), approved by B: planned end moved, status extended', async () => {
    const { id } = await inPost();
    const asked = await ask(adminA, id, 'extension', '2027-08-31');
    expect(asked.statusCode).toBe(201);
    expect(asked.json()).toMatchObject({
      kind: 'extension',
      newEnd: '2027-08-31',
      previousEnd: '2027-02-28',
      status: 'pending',
      requestedBy: '管理员甲',
      canDecide: false,
      // The requester may withdraw it; only the requester, only while pending.
      canWithdraw: true,
    });
    const changeId = asked.json().id;
    expect((await auditOf(t, asked)).map((a) => a.action)).toEqual(['secondment.change.request']);
    expect(fields(await ask(adminA, id, 'extension', '2027-09-30'))).toEqual([['kind', 'change_pending']]);

    const seenByB: SecondmentDetailView = (await adminB.get(`/api/v1/secondments/${id}`)).json();
    expect(seenByB.changes[0]?.canDecide).toBe(true);
    expect(seenByB.changes[0]?.canWithdraw).toBe(false);
    expect(seenByB.canRequestChange).toBe(false);

    const self = await decide(adminA, id, changeId, 'approve');
    expect(self.statusCode).toBe(403);
    expect(fields(self)).toEqual([['decision', 'secondment_self_decision']]);
    const denial = await auditOf(t, self);
    expect(denial.map((a) => [a.action, a.outcome])).toEqual([['secondment.change.decide', 'denied']]);
    expect(
      (await liaison.post(`/api/v1/secondments/${id}/changes/${changeId}/decision`, { decision: 'approve' }))
        .statusCode,
    ).toBe(403);

    const approved = await decide(adminB, id, changeId, 'approve', '同意延期');
    expect(approved.statusCode).toBe(200);
    const detail: SecondmentDetailView = approved.json();
    expect(detail).toMatchObject({ status: 'extended', plannedEnd: '2027-08-31', actions: ['complete'] });
    expect(detail.changes[0]).toMatchObject({
      status: 'approved',
      decidedBy: '管理员乙',
      comment: '同意延期',
      canWithdraw: false,
    });
    expect(detail.events.map((e) => [e.kind, e.date, e.actorName])).toEqual(
      expect.arrayContaining([
        ['change_requested', '2027-08-31', '管理员甲'],
        ['change_approved', '2027-08-31', '管理员乙'],
      ]),
    );
    expect((await auditOf(t, approved)).map((a) => a.action)).toEqual(['secondment.change.approve']);
    expect((await decide(adminB, id, changeId, 'reject')).statusCode).toBe(409);
    // A further extension of an extended term is allowed; an earlier "extension" is not.
    expect(fields(await ask(adminA, id, 'extension', '2027-06-30'))).toEqual([
      ['newEnd', 'extension_not_later'],
    ]);
  });

  it('a planned term stays planned; rejection and withdrawal change nothing', async () => {
    const { id } = await inPost('planned');
    const changeId = (await ask(adminA, id, 'extension', '2029-08-31')).json().id;
    const rejected = (await decide(adminB, id, changeId, 'reject', '不同意')).json();
    expect(rejected).toMatchObject({ status: 'planned', plannedEnd: '2029-02-28' });
    expect(rejected.changes[0]).toMatchObject({ status: 'rejected' });

    const second = (await ask(adminA, id, 'extension', '2029-08-31')).json().id;
    expect((await adminB.post(`/api/v1/secondments/${id}/changes/${second}/withdraw`)).statusCode).toBe(403);
    const withdrawn = await adminA.post(`/api/v1/secondments/${id}/changes/${second}/withdraw`);
    expect(withdrawn.json()).toMatchObject({ status: 'withdrawn' });
    const approvedPlanned = (await ask(adminA, id, 'extension', '2029-08-31')).json().id;
    expect((await decide(adminB, id, approvedPlanned, 'approve')).json()).toMatchObject({
      status: 'planned',
      plannedEnd: '2029-08-31',
    });
  });

  it('an extension into the person’s next term → 409', async () => {
    const { id, personId } = await inPost();
    const next = await adminA.post('/api/v1/secondments', {
      partnershipId: pairingId,
      personId,
      direction: 'b_to_a',
      form: 'guidance',
      category: 'cadre',
      hostUnitId: host,
      plannedStart: '2027-06-01',
      plannedEnd: '2027-12-31',
    });
    expect(next.statusCode).toBe(201);
    const res = await ask(adminA, id, 'extension', '2027-08-31');
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['newEnd', 'secondment_overlaps']]);
  });
});

describe('early end', () => {
  it('needs a date before the planned end and after the start; approval ends the term', async () => {
    const { id } = await inPost();
    expect(fields(await ask(adminA, id, 'early_end', '2027-03-31'))).toEqual([
      ['newEnd', 'early_end_not_earlier'],
    ]);
    expect(fields(await ask(adminA, id, 'early_end', '2025-01-01'))).toEqual([
      ['newEnd', 'early_end_before_start'],
    ]);
    const changeId = (await ask(adminA, id, 'early_end', '2026-12-31')).json().id;
    const done = (await decide(adminB, id, changeId, 'approve')).json();
    expect(done).toMatchObject({ status: 'ended_early', actualEnd: '2026-12-31', plannedEnd: '2027-02-28' });
    expect(done.events.map((e: { kind: string }) => e.kind)).toContain('change_approved');
    expect(done.canRequestChange).toBe(false);
    expect(fields(await ask(adminA, id, 'extension', '2027-12-31'))).toEqual([
      ['kind', 'change_not_allowed'],
    ]);
  });

  it('a planned term cannot end early', async () => {
    const { id } = await inPost('planned');
    expect(fields(await ask(adminA, id, 'early_end', '2028-01-01'))).toEqual([
      ['kind', 'change_not_allowed'],
    ]);
  });
});

describe('two deciders at once', () => {
  it('one 200, one 409; the change applied once', async () => {
    const { id } = await inPost();
    const adminC = (await as('org_admin', '420000', '省管理员')).client;
    const changeId = (await ask(adminA, id, 'extension', '2027-05-31')).json().id;
    const results = await Promise.all([
      decide(adminB, id, changeId, 'approve'),
      decide(adminC, id, changeId, 'reject'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const loser = results.find((r) => r.statusCode === 409) as LightMyRequestResponse;
    expect(fields(loser)).toEqual([['decision', 'change_not_pending']]);
    const detail: SecondmentDetailView = (await adminA.get(`/api/v1/secondments/${id}`)).json();
    expect(detail.changes).toHaveLength(1);
    expect(
      detail.events.filter((e) => e.kind.startsWith('change_') && e.kind !== 'change_requested'),
    ).toHaveLength(1);
  });
});

describe('assessments', () => {
  it('annual once a year within the term; final once, only after the end', async () => {
    const { id } = await inPost();
    const assess = (body: object) => adminA.post(`/api/v1/secondments/${id}/assessments`, body);
    expect(fields(await assess({ kind: 'annual', grade: 'excellent' }))).toEqual([['year', 'year_required']]);
    expect(fields(await assess({ kind: 'annual', year: 2024, grade: 'excellent' }))).toEqual([
      ['year', 'assessment_year_outside_term'],
    ]);
    const first = await assess({ kind: 'annual', year: 2025, grade: 'excellent', comment: '表现突出' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({
      kind: 'annual',
      year: 2025,
      grade: 'excellent',
      assessedBy: '管理员甲',
    });
    expect(fields(await assess({ kind: 'annual', year: 2025, grade: 'competent' }))).toEqual([
      ['year', 'assessment_year_taken'],
    ]);
    expect(fields(await assess({ kind: 'final', grade: 'competent' }))).toEqual([['kind', 'term_not_ended']]);
    expect(
      (await liaison.post(`/api/v1/secondments/${id}/assessments`, { kind: 'final', grade: 'competent' }))
        .statusCode,
    ).toBe(403);

    await adminA.post(`/api/v1/secondments/${id}/actions`, { action: 'complete', date: '2026-11-20' });
    const final = await assess({ kind: 'final', grade: 'competent' });
    expect(final.statusCode).toBe(201);
    expect(final.json()).toMatchObject({ kind: 'final', year: 2026 });
    expect(fields(await assess({ kind: 'final', grade: 'excellent' }))).toEqual([
      ['kind', 'final_assessment_taken'],
    ]);
    const detail: SecondmentDetailView = (await adminA.get(`/api/v1/secondments/${id}`)).json();
    expect(detail.assessments.map((a) => [a.kind, a.year])).toEqual([
      ['annual', 2025],
      ['final', 2026],
    ]);
  });
});
