import type { LeaveRequestView, Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attendanceRecords, leaveDecisions } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeGroup, makeSession } from './session-factories.js';

/**
 * Leave requests (issue 6 item 3): asking by items or days, 学时 and approval levels, who may
 * decide (never the requester), approved leave on the live board (a scan still wins), overlap,
 * the 1/7 standing, cancelling, scope, and one decision per level under concurrent deciders.
 */

let t: TestContext;
let unitId: string;
let schoolId: string;
let director: Client;
let directorId: string;
let assistant: Client;
let assistantId: string;
let officer: Client;

const D1 = '2030-03-10';
const D2 = '2030-03-11';
const BEFORE = new Date('2030-03-01T08:00:00+08:00');

function setNow(d: Date) {
  t.services.attendance.clock = () => d;
  t.services.leave.clock = () => d;
}

async function as(role: Role | Role[], scopeId: string | null = null) {
  const roles = (Array.isArray(role) ? role : [role]).map((r) => ({ role: r, scopeId }));
  const user = await makeUser(t.services, t.database, { roles });
  return { user, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/**
 * A class of 14 学时 (allowance 2 学时 at 1/7, warning from 1.5): day 1 items of 1.5 and 0.5 学时,
 * day 2 items of 2 and 10 学时; one trainee with an account (and more on request).
 */
async function setup(options: { directorId?: string; traineeUserId?: string } = {}) {
  const klass = await makeClass(t.database, {
    directorId: options.directorId ?? directorId,
    assistantIds: [assistantId],
    leadOrganiserId: schoolId,
  });
  const s = {
    d1a: await makeSession(t.database, klass.id, {
      startsAt: `${D1}T09:00:00+08:00`,
      endsAt: `${D1}T11:00:00+08:00`,
      hours: 1.5,
    }),
    d1b: await makeSession(t.database, klass.id, {
      startsAt: `${D1}T14:00:00+08:00`,
      endsAt: `${D1}T16:00:00+08:00`,
      hours: 0.5,
    }),
    d2a: await makeSession(t.database, klass.id, {
      startsAt: `${D2}T09:00:00+08:00`,
      endsAt: `${D2}T11:00:00+08:00`,
      hours: 2,
    }),
    d2b: await makeSession(t.database, klass.id, {
      startsAt: `${D2}T14:00:00+08:00`,
      endsAt: `${D2}T17:00:00+08:00`,
      hours: 10,
    }),
  };
  let userId = options.traineeUserId;
  let client: Client | null = null;
  if (!userId) {
    const made = await as('trainee');
    userId = made.user.user.id;
    client = made.client;
  }
  const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId, { userId });
  return { klass, s, trainee: { client: client as Client, person, enrollment, userId } };
}

const ask = (client: Client, body: object) =>
  client.post('/api/v1/leave-requests', { reason: '因病就医', ...body });
const decide = (client: Client, id: string, decision: 'approve' | 'reject', comment?: string) =>
  client.post(`/api/v1/leave-requests/${id}/decision`, { decision, comment: comment ?? null });

function uploadFile(client: Client, name: string, bytes: Buffer, type = 'application/octet-stream') {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(bytes)], { type }), name);
  return client.request('POST', '/api/v1/leave-requests/attachments', form);
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施州委组织部', regionCode: '422801' })).id;
  schoolId = (await makeUnit(t.database, { type: 'party_school', regionCode: '422801' })).id;
  const d = await as('class_director');
  directorId = d.user.user.id;
  director = d.client;
  const a = await as('class_director');
  assistantId = a.user.user.id;
  assistant = a.client;
  officer = (await as('training_officer', schoolId)).client;
});
beforeEach(() => setNow(BEFORE));
afterAll(async () => t.close());

describe('asking for leave', () => {
  it('by items: 学时 of the items, one level, the standing projected while pending', async () => {
    const { klass, s, trainee } = await setup();
    const res = await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] });
    expect(res.statusCode).toBe(201);
    const view: LeaveRequestView = res.json();
    expect(view).toMatchObject({
      kind: 'sessions',
      days: null,
      hours: 1.5,
      levelsRequired: 1,
      status: 'pending',
      canCancel: true,
      canDecide: false,
      className: klass.name,
      trainee: { personId: trainee.person.id },
    });
    expect(view.items.map((i) => i.sessionId)).toEqual([s.d1a.id]);
    expect(view.standing).toMatchObject({
      level: 'ok',
      projectedLevel: 'warning',
      allowanceHours: 2,
      approvedHours: 0,
    });
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('leave.request');

    const listed = (await director.get(`/api/v1/leave-requests?classId=${klass.id}`)).json();
    expect(listed.items.map((i: LeaveRequestView) => i.id)).toEqual([view.id]);
    expect(listed.items[0].canDecide).toBe(true);
    const mine = (await trainee.client.get('/api/v1/leave-requests?mine=true')).json();
    expect(mine.items.map((i: LeaveRequestView) => i.id)).toEqual([view.id]);
  });

  it('by days: every item of those days; two days need two levels', async () => {
    const { klass, s, trainee } = await setup();
    const res = await ask(trainee.client, { classId: klass.id, days: [D2, D1] });
    expect(res.statusCode).toBe(201);
    const view: LeaveRequestView = res.json();
    expect(view).toMatchObject({ kind: 'days', days: [D1, D2], hours: 14, levelsRequired: 2 });
    expect(view.items.map((i) => i.sessionId)).toEqual([s.d1a.id, s.d1b.id, s.d2a.id, s.d2b.id]);
    // Over 8 学时 in one day also needs two levels.
    const other = await setup();
    const long = await ask(other.trainee.client, { classId: other.klass.id, sessionIds: [other.s.d2b.id] });
    expect(long.json()).toMatchObject({ hours: 10, levelsRequired: 2 });
  });

  it('refuses bad input with field paths', async () => {
    const { klass, s, trainee } = await setup();
    const group = await makeGroup(t.database, klass.id);
    const groupItem = await makeSession(t.database, klass.id, { groupIds: [group.id] });
    const foreign = await setup();
    const unknown = await ask(trainee.client, {
      classId: klass.id,
      sessionIds: [s.d1a.id, foreign.s.d1a.id, groupItem.id],
    });
    expect(unknown.statusCode).toBe(400);
    expect(fields(unknown)).toEqual([
      ['sessionIds.1', 'leave_item_unknown'],
      ['sessionIds.2', 'leave_item_unknown'],
    ]);
    const noItems = await ask(trainee.client, { classId: klass.id, days: [D1, '2030-03-12'] });
    expect(noItems.statusCode).toBe(400);
    expect(fields(noItems)).toEqual([['days.1', 'leave_no_items']]);
    const both = await ask(trainee.client, { classId: klass.id, days: [D1], sessionIds: [s.d1a.id] });
    expect(both.statusCode).toBe(400);
    expect(fields(both)).toContainEqual(['sessionIds', 'sessions_or_days_required']);
    const blank = await ask(trainee.client, { classId: klass.id, days: [D1], reason: '  ' });
    expect(blank.statusCode).toBe(400);
    expect(fields(blank)).toEqual([['reason', 'required']]);
    // Someone else's class: 403 not_enrolled, audited.
    const stranger = await ask(foreign.trainee.client, { classId: klass.id, days: [D1] });
    expect(stranger.statusCode).toBe(403);
    expect(fields(stranger)).toEqual([['classId', 'not_enrolled']]);
    expect((await auditOf(t, stranger)).some((a) => a.outcome === 'denied')).toBe(true);
  });

  it('refuses items already in a pending or approved request (409), not in a cancelled one', async () => {
    const { klass, s, trainee } = await setup();
    const first = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    const again = await ask(trainee.client, { classId: klass.id, days: [D1] });
    expect(again.statusCode).toBe(409);
    expect(fields(again)).toEqual([['sessionIds', 'leave_overlaps']]);
    expect((await trainee.client.post(`/api/v1/leave-requests/${first.id}/cancel`)).statusCode).toBe(200);
    expect((await ask(trainee.client, { classId: klass.id, days: [D1] })).statusCode).toBe(201);
  });

  it('refuses a cancelled class (409)', async () => {
    const klass = await makeClass(t.database, { directorId, status: 'cancelled' });
    const item = await makeSession(t.database, klass.id);
    const { user, client } = await as('trainee');
    await enrol(t.services, t.database, klass.id, unitId, { userId: user.user.id });
    const res = await ask(client, { classId: klass.id, sessionIds: [item.id] });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['classId', 'leave_class_closed']]);
  });

  it('takes an attachment the trainee uploaded (PDF, JPEG, PNG), read by the class staff', async () => {
    const { klass, s, trainee } = await setup();
    const pdf = Buffer.from('%PDF-1.4 doctor note');
    const up = await uploadFile(trainee.client, '病假条.pdf', pdf);
    expect(up.statusCode).toBe(201);
    expect(up.json()).toMatchObject({ name: '病假条.pdf', mime: 'application/pdf', size: pdf.length });
    const txt = await uploadFile(trainee.client, 'note.txt', Buffer.from('x'));
    expect(txt.statusCode).toBe(400);
    expect(fields(txt)).toEqual([['file', 'leave_attachment_type']]);
    // Another user's upload cannot be named.
    const other = await setup();
    const theirs = (await uploadFile(other.trainee.client, 'a.png', Buffer.from('png'))).json();
    const wrong = await ask(trainee.client, {
      classId: klass.id,
      sessionIds: [s.d1a.id],
      attachmentFileId: theirs.id,
    });
    expect(wrong.statusCode).toBe(400);
    expect(fields(wrong)).toEqual([['attachmentFileId', 'leave_attachment_unknown']]);
    const res = await ask(trainee.client, {
      classId: klass.id,
      sessionIds: [s.d1a.id],
      attachmentFileId: up.json().id,
    });
    expect(res.json().attachment).toMatchObject({ name: '病假条.pdf', mime: 'application/pdf' });
    const down = await director.get(`/api/v1/leave-requests/${res.json().id}/attachment`);
    expect(down.statusCode).toBe(200);
    expect(Buffer.compare(down.rawPayload, pdf)).toBe(0);
    expect(
      (await other.trainee.client.get(`/api/v1/leave-requests/${res.json().id}/attachment`)).statusCode,
    ).toBe(404);
    // A user who is neither a trainee nor staff may not upload.
    const nobody = await as('unit_liaison', unitId);
    expect((await uploadFile(nobody.client, 'a.pdf', pdf)).statusCode).toBe(403);
  });
});

describe('deciding', () => {
  it('approved leave shows on the live board; a check-in scan after it still wins', async () => {
    const { klass, s, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    const approved = await decide(director, req.id, 'approve', '同意');
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'approved', standing: { level: 'warning' } });
    expect(approved.json().decisions).toMatchObject([{ level: 1, decision: 'approve', comment: '同意' }]);
    expect((await auditOf(t, approved)).map((a) => a.action)).toContain('leave.approve');
    // The record is written (statistics read the status column).
    const [row] = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(
        and(
          eq(attendanceRecords.sessionId, s.d1a.id),
          eq(attendanceRecords.enrollmentId, trainee.enrollment.id),
        ),
      );
    expect(row?.status).toBe('on_leave');

    setNow(new Date(`${D1}T09:05:00+08:00`));
    const boardUrl = `/api/v1/classes/${klass.id}/sessions/${s.d1a.id}/attendance`;
    const board = (await director.get(boardUrl)).json();
    expect(board.records[0]).toMatchObject({ status: 'on_leave', method: 'leave' });
    expect(board.counts.onLeave).toBe(1);

    const qr = (await director.get(`/api/v1/classes/${klass.id}/sessions/${s.d1a.id}/qr`)).json();
    const scan = await trainee.client.post(`/api/v1/classes/${klass.id}/attendance/check-in`, {
      token: qr.token,
    });
    expect(scan.statusCode).toBe(200);
    expect(scan.json().status).toBe('present');
    expect((await director.get(boardUrl)).json().records[0].status).toBe('present');
    // After the item ends the other items are absent, this one stays present.
    setNow(new Date(`${D1}T18:00:00+08:00`));
    const all = (await director.get(`/api/v1/classes/${klass.id}/attendance`)).json();
    const byItem = Object.fromEntries(
      all.items.map((i: { sessionId: string; status: string }) => [i.sessionId, i.status]),
    );
    expect(byItem[s.d1a.id]).toBe('present');
    expect(byItem[s.d1b.id]).toBe('absent');
  });

  it('two levels: director first, then a training officer; the director cannot take level 2', async () => {
    const { klass, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, days: [D1, D2] })).json();
    const first = await decide(director, req.id, 'approve');
    expect(first.json()).toMatchObject({ status: 'pending', canDecide: false });
    const second = await decide(director, req.id, 'approve');
    expect(second.statusCode).toBe(403);
    const noComment = await decide(officer, req.id, 'reject');
    expect(noComment.statusCode).toBe(400);
    expect(fields(noComment)).toEqual([['comment', 'required']]);
    const officerView = (await officer.get(`/api/v1/leave-requests/${req.id}`)).json();
    expect(officerView.canDecide).toBe(true);
    const done = await decide(officer, req.id, 'approve');
    expect(done.statusCode).toBe(200);
    expect(done.json()).toMatchObject({
      status: 'approved',
      standing: { level: 'limit', approvedHours: 14 },
    });
    expect(done.json().decisions.map((d: { level: number }) => d.level)).toEqual([1, 2]);
    expect((await decide(officer, req.id, 'approve')).statusCode).toBe(409);
  });

  it('never by the requester, nor both levels by one person (403 leave_self_decision, audited)', async () => {
    // A class director who is also a trainee of their own class.
    const both = await as(['class_director', 'trainee']);
    const { klass, s } = await setup({ directorId: both.user.user.id, traineeUserId: both.user.user.id });
    const req = (await ask(both.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    expect(req.canDecide).toBe(false);
    const self = await decide(both.client, req.id, 'approve');
    expect(self.statusCode).toBe(403);
    expect(fields(self)).toEqual([['decision', 'leave_self_decision']]);
    expect((await auditOf(t, self)).some((a) => a.outcome === 'denied')).toBe(true);
    // An officer may take level 1 of a two-level request, but not level 2 as well.
    const other = await setup();
    const two = (await ask(other.trainee.client, { classId: other.klass.id, days: [D1, D2] })).json();
    expect((await decide(officer, two.id, 'approve')).statusCode).toBe(200);
    const twice = await decide(officer, two.id, 'approve');
    expect(twice.statusCode).toBe(403);
    expect(fields(twice)).toEqual([['decision', 'leave_self_decision']]);
  });

  it('rejects with a comment the trainee reads', async () => {
    const { klass, s, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d2a.id] })).json();
    const res = await decide(assistant, req.id, 'reject', '课程重要，请调整');
    expect(res.json()).toMatchObject({ status: 'rejected' });
    const mine = (await trainee.client.get(`/api/v1/leave-requests/${req.id}`)).json();
    expect(mine.decisions[0]).toMatchObject({ decision: 'reject', comment: '课程重要，请调整' });
    expect(mine.canCancel).toBe(false);
  });

  it('makes one decision per level when two directors approve at once', async () => {
    const { klass, s, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    const results = await Promise.all([
      decide(director, req.id, 'approve'),
      decide(assistant, req.id, 'approve'),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const conflict = results.find((r) => r.statusCode === 409);
    expect(conflict && fields(conflict)).toEqual([['decision', 'leave_not_pending']]);
    const rows = await t.database.db
      .select()
      .from(leaveDecisions)
      .where(eq(leaveDecisions.requestId, req.id));
    expect(rows).toHaveLength(1);
  });

  it('keeps other classes’ staff out: 403 on the list and decisions, 404 on the request', async () => {
    const { klass, s, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    const outsider = (await as('class_director')).client;
    expect((await outsider.get(`/api/v1/leave-requests?classId=${klass.id}`)).statusCode).toBe(403);
    expect((await decide(outsider, req.id, 'approve')).statusCode).toBe(403);
    expect((await outsider.get(`/api/v1/leave-requests/${req.id}`)).statusCode).toBe(404);
    expect((await outsider.get(`/api/v1/classes/${klass.id}/leave-standing`)).statusCode).toBe(403);
    expect((await trainee.client.get(`/api/v1/leave-requests?classId=${klass.id}`)).statusCode).toBe(403);
  });
});

describe('standing and cancelling', () => {
  it('warns from 3/4 of the allowance and flags above 1/7 of the class’s 学时', async () => {
    const { klass, s, trainee } = await setup();
    const approve = async (sessionIds: string[]) => {
      const req = (await ask(trainee.client, { classId: klass.id, sessionIds })).json();
      return (await decide(director, req.id, 'approve')).json() as LeaveRequestView;
    };
    expect((await approve([s.d1a.id])).standing).toMatchObject({ level: 'warning', approvedHours: 1.5 });
    // Exactly the allowance (2 of 14) is still within it.
    expect((await approve([s.d1b.id])).standing).toMatchObject({ level: 'warning', remainingHours: 0 });
    const pending = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d2a.id] })).json();
    expect(pending.standing).toMatchObject({ level: 'warning', projectedLevel: 'limit' });
    const list = (await director.get(`/api/v1/classes/${klass.id}/leave-standing`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      enrollmentId: trainee.enrollment.id,
      pendingHours: 2,
      standing: { level: 'warning', projectedLevel: 'limit', allowanceHours: 2 },
    });
    const done = (await decide(director, pending.id, 'approve')).json();
    expect(done.standing).toMatchObject({ level: 'limit', approvedHours: 4 });
  });

  it('cancels pending leave, and approved leave only before its first item (attendance recomputed)', async () => {
    const { klass, s, trainee } = await setup();
    const req = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d2a.id] })).json();
    expect((await director.post(`/api/v1/leave-requests/${req.id}/cancel`)).statusCode).toBe(403);
    await decide(director, req.id, 'approve');
    const recordStatus = async () =>
      (
        await t.database.db
          .select()
          .from(attendanceRecords)
          .where(
            and(
              eq(attendanceRecords.sessionId, s.d2a.id),
              eq(attendanceRecords.enrollmentId, trainee.enrollment.id),
            ),
          )
      )[0]?.status ?? null;
    expect(await recordStatus()).toBe('on_leave');
    const res = await trainee.client.post(`/api/v1/leave-requests/${req.id}/cancel`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'cancelled', canCancel: false });
    expect(res.json().cancelledAt).not.toBeNull();
    expect(await recordStatus()).toBeNull();
    expect((await auditOf(t, res)).map((a) => a.action)).toContain('leave.cancel');

    // Approved leave whose first item has started stays on record.
    const taken = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1a.id] })).json();
    await decide(director, taken.id, 'approve');
    setNow(new Date(`${D1}T09:30:00+08:00`));
    const late = await trainee.client.post(`/api/v1/leave-requests/${taken.id}/cancel`);
    expect(late.statusCode).toBe(409);
    expect(fields(late)).toEqual([['status', 'leave_not_cancellable']]);
    // A pending one may still be withdrawn.
    const pend = (await ask(trainee.client, { classId: klass.id, sessionIds: [s.d1b.id] })).json();
    expect((await trainee.client.post(`/api/v1/leave-requests/${pend.id}/cancel`)).statusCode).toBe(200);
  });
});
