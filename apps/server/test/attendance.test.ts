import type { Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attendanceRecords, attendanceScans } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeGroup, makeSession } from './session-factories.js';

/**
 * Check-in (issue 6 item 1): room codes, the one-record invariant under concurrent scans, token
 * refusals with their messages, the check-in window, staff scans of trainee cards and marks by
 * hand. Time comes from the service's clock, set per test.
 */

let t: TestContext;
let unitId: string;
let director: Client;
let directorId: string;

const START = new Date('2030-03-10T09:00:00+08:00');
const END = new Date('2030-03-10T11:00:00+08:00');
const at = (base: Date, minutes: number) => new Date(base.getTime() + minutes * 60_000);
function setNow(d: Date) {
  t.services.attendance.clock = () => d;
}

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { user, client: await signIn(t, user) };
}

/** A class run by `director` with one item 09:00–11:00 and `n` trainees with accounts. */
async function setup(n: number) {
  const klass = await makeClass(t.database, { directorId });
  const session = await makeSession(t.database, klass.id);
  const trainees = [];
  for (let i = 0; i < n; i++) {
    const { user, client } = await as('trainee');
    const { person, enrollment } = await enrol(t.services, t.database, klass.id, unitId, {
      userId: user.user.id,
    });
    trainees.push({ client, person, enrollment });
  }
  return { klass, session, trainees };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

async function roomToken(classId: string, sessionId: string): Promise<string> {
  const res = await director.get(`/api/v1/classes/${classId}/sessions/${sessionId}/qr`);
  expect(res.statusCode).toBe(200);
  return res.json().token;
}

async function recordCount(sessionId: string, enrollmentId?: string) {
  const rows = await t.database.db
    .select()
    .from(attendanceRecords)
    .where(
      enrollmentId
        ? and(eq(attendanceRecords.sessionId, sessionId), eq(attendanceRecords.enrollmentId, enrollmentId))
        : eq(attendanceRecords.sessionId, sessionId),
    );
  return rows.length;
}

beforeAll(async () => {
  t = await createTestContext();
  unitId = (await makeUnit(t.database, { name: '恩施州委组织部', regionCode: '422801' })).id;
  const d = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  directorId = d.user.id;
  director = await signIn(t, d);
});
beforeEach(() => setNow(at(START, 5)));
afterAll(async () => t.close());

describe('trainee check-in with the room code', () => {
  it('gives a rotating code and checks the trainee in once: 201, then 200 with the same record', async () => {
    const { klass, session, trainees } = await setup(1);
    const [me] = trainees;
    const qr = (await director.get(`/api/v1/classes/${klass.id}/sessions/${session.id}/qr`)).json();
    expect(qr.rotationSeconds).toBe(15);
    expect(new Date(qr.expiresAt).getTime()).toBeGreaterThan(at(START, 5).getTime());
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    const first = await me?.client.post(url, { token: qr.token });
    expect(first?.statusCode).toBe(201);
    expect(first?.json()).toMatchObject({
      sessionId: session.id,
      enrollmentId: me?.enrollment.id,
      status: 'present',
      method: 'trainee_scan',
      checkInMethod: 'trainee_scan',
      late: false,
    });
    setNow(at(START, 20)); // late by now, but the earliest check-in stands
    const again = await me?.client.post(url, { token: await roomToken(klass.id, session.id) });
    expect(again?.statusCode).toBe(200);
    expect(again?.json().status).toBe('present');
    expect(again?.json().checkInAt).toBe(first?.json().checkInAt);
    expect(await recordCount(session.id)).toBe(1);
  });

  it('keeps exactly one record under 20 concurrent check-ins of the same trainee and item', async () => {
    const { klass, session, trainees } = await setup(1);
    const me = trainees[0];
    if (!me) throw new Error('no trainee');
    const token = await roomToken(klass.id, session.id);
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        me.client.post(`/api/v1/classes/${klass.id}/attendance/check-in`, { token }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 200)).toHaveLength(19);
    expect(await recordCount(session.id, me.enrollment.id)).toBe(1);
    const scans = await t.database.db
      .select()
      .from(attendanceScans)
      .where(eq(attendanceScans.sessionId, session.id));
    expect(scans).toHaveLength(20);
  });

  it('is late after the on-time window', async () => {
    const { klass, session, trainees } = await setup(1);
    setNow(at(START, 16));
    const res = await trainees[0]?.client.post(`/api/v1/classes/${klass.id}/attendance/check-in`, {
      token: await roomToken(klass.id, session.id),
    });
    expect(res?.statusCode).toBe(201);
    expect(res?.json()).toMatchObject({ status: 'late', late: true });
  });

  it('refuses expired, forged, wrong-item and malformed codes with the message on `token`', async () => {
    const { klass, session, trainees } = await setup(1);
    const other = await setup(0);
    const me = trainees[0];
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    const token = await roomToken(klass.id, session.id);
    const [body, sig] = token.split('.') as [string, string];
    const forged = `${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
    const wrong = await roomToken(other.klass.id, other.session.id);
    setNow(at(START, 6)); // 60 s later: four rotations of 15 s, beyond the grace slot
    const cases: [string, string][] = [
      [token, 'qr_expired'],
      [forged, 'qr_forged'],
      [wrong, 'qr_wrong_session'],
      ['not-a-token', 'qr_malformed'],
    ];
    for (const [tok, code] of cases) {
      const res = await me?.client.post(url, { token: tok });
      expect(res?.statusCode, code).toBe(400);
      expect(fields(res as LightMyRequestResponse)).toEqual([['token', code]]);
    }
    const res = await me?.client.post(url, { token });
    expect(res?.json().error.fields[0].message).toBe('二维码已过期，请扫描屏幕上的最新二维码');
    expect(await recordCount(session.id)).toBe(0);
  });

  it('refuses a trainee not enrolled in the class (403, audited) and a check-in out of the window (409)', async () => {
    const { klass, session, trainees } = await setup(1);
    const stranger = await as('trainee');
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    const denied = await stranger.client.post(url, { token: await roomToken(klass.id, session.id) });
    expect(denied.statusCode).toBe(403);
    expect(fields(denied)).toEqual([['token', 'not_enrolled']]);
    expect((await auditOf(t, denied)).map((a) => a.outcome)).toEqual(['denied']);

    setNow(at(START, -31));
    const early = await trainees[0]?.client.post(url, { token: await roomToken(klass.id, session.id) });
    expect(early?.statusCode).toBe(409);
    expect(fields(early as LightMyRequestResponse)).toEqual([['token', 'checkin_not_open']]);
    setNow(END);
    const closed = await trainees[0]?.client.post(url, { token: await roomToken(klass.id, session.id) });
    expect(closed?.statusCode).toBe(409);
    expect(fields(closed as LightMyRequestResponse)).toEqual([['token', 'checkin_closed']]);
    expect(await recordCount(session.id)).toBe(0);
  });
});

describe('staff check-in', () => {
  it('scans a trainee card; a revoked card is refused; staff may check a person in by hand', async () => {
    const { klass, session, trainees } = await setup(2);
    const [a, b] = trainees;
    const card = await a?.client.get(`/api/v1/me/card?classId=${klass.id}`);
    expect(card?.json().rev).toBe(1);
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    const scanned = await director.post(url, { sessionId: session.id, cardToken: card?.json().token });
    expect(scanned.statusCode).toBe(201);
    expect(scanned.json()).toMatchObject({
      enrollmentId: a?.enrollment.id,
      status: 'present',
      method: 'staff_scan',
    });

    const revoke = await director.post(
      `/api/v1/classes/${klass.id}/enrollments/${a?.enrollment.id}/card/revoke`,
    );
    expect(revoke.json()).toEqual({ rev: 2 });
    expect((await auditOf(t, revoke)).map((x) => x.action)).toEqual(['attendance.card.revoke']);
    const old = await director.post(url, { sessionId: session.id, cardToken: card?.json().token });
    expect(fields(old)).toEqual([['cardToken', 'qr_revoked']]);
    const fresh = await a?.client.get(`/api/v1/me/card?classId=${klass.id}`);
    expect(
      (await director.post(url, { sessionId: session.id, cardToken: fresh?.json().token })).statusCode,
    ).toBe(200);

    const byHand = await director.post(url, { sessionId: session.id, personId: b?.person.id });
    expect(byHand.statusCode).toBe(201);
    expect(byHand.json()).toMatchObject({ status: 'present', method: 'staff_mark' });
    // A trainee cannot use the staff paths.
    const self = await b?.client.post(url, { sessionId: session.id, personId: b?.person.id });
    expect(self?.statusCode).toBe(403);
  });

  it('applies bulk marks all or nothing', async () => {
    const { klass, session, trainees } = await setup(2);
    const [a, b] = trainees;
    const other = await setup(1);
    const url = `/api/v1/classes/${klass.id}/attendance/marks`;
    const bad = await director.post(url, {
      sessionId: session.id,
      marks: [
        { enrollmentId: a?.enrollment.id, status: 'on_leave' },
        { enrollmentId: other.trainees[0]?.enrollment.id, status: 'present' },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(fields(bad)).toEqual([['marks.1.enrollmentId', 'not_in_session']]);
    expect(await recordCount(session.id)).toBe(0);
    const ok = await director.post(url, {
      sessionId: session.id,
      marks: [
        { enrollmentId: a?.enrollment.id, status: 'on_leave', note: '病假' },
        { enrollmentId: b?.enrollment.id, status: 'late' },
      ],
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().items.map((i: { status: string; method: string }) => [i.status, i.method])).toEqual([
      ['on_leave', 'staff_mark'],
      ['late', 'staff_mark'],
    ]);
    expect((await auditOf(t, ok)).map((x) => x.action)).toEqual(['attendance.mark', 'attendance.mark']);
  });

  it('syncs an offline queue once: the same batch again is all duplicate and changes nothing', async () => {
    const { klass, session, trainees } = await setup(3);
    const [a, b, c] = trainees;
    const card = (await a?.client.get(`/api/v1/me/card?classId=${klass.id}`))?.json().token;
    const items = [
      {
        clientId: crypto.randomUUID(),
        sessionId: session.id,
        personId: a?.person.id,
        method: 'staff_scan',
        cardToken: card,
        at: at(START, 1).toISOString(),
      },
      {
        clientId: crypto.randomUUID(),
        sessionId: session.id,
        personId: b?.person.id,
        method: 'staff_mark',
        at: at(START, 20).toISOString(),
      },
      {
        clientId: crypto.randomUUID(),
        sessionId: session.id,
        personId: c?.person.id,
        method: 'staff_mark',
        at: at(START, -60).toISOString(),
      },
    ];
    setNow(at(START, 30));
    const url = `/api/v1/classes/${klass.id}/attendance/sync`;
    const first = await director.post(url, { items });
    expect(first.statusCode).toBe(200);
    expect(
      first.json().items.map((i: { outcome: string; reason: string | null }) => [i.outcome, i.reason]),
    ).toEqual([
      ['applied', null],
      ['applied', null],
      ['refused', 'checkin_not_open'],
    ]);
    const before = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.sessionId, session.id));
    const second = await director.post(url, { items });
    expect(second.json().items.map((i: { outcome: string }) => i.outcome)).toEqual([
      'duplicate',
      'duplicate',
      'duplicate',
    ]);
    const after = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.sessionId, session.id));
    expect(after).toEqual(before);
    expect(before.map((r) => r.status).sort()).toEqual(['late', 'present']);
    expect((await auditOf(t, second)).map((x) => x.action)).toEqual(['attendance.sync']);
  });
});

describe('the live board and the class attendance', () => {
  it('counts who is in and, after the end, writes the missing as absent (auto) once', async () => {
    const klass = await makeClass(t.database, { directorId });
    const group = await makeGroup(t.database, klass.id);
    const session = await makeSession(t.database, klass.id, { groupIds: [group.id] });
    const ins: { client: Client; enrollment: { id: string } }[] = [];
    for (let i = 0; i < 3; i++) {
      const { user, client } = await as('trainee');
      const e = await enrol(t.services, t.database, klass.id, unitId, {
        userId: user.user.id,
        groupId: group.id,
      });
      ins.push({ client, ...e });
    }
    await enrol(t.services, t.database, klass.id, unitId); // not in the item's group
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    await ins[0]?.client.post(url, { token: await roomToken(klass.id, session.id) });
    setNow(at(START, 16));
    await ins[1]?.client.post(url, { token: await roomToken(klass.id, session.id) });
    const boardUrl = `/api/v1/classes/${klass.id}/sessions/${session.id}/attendance`;
    const live = (await director.get(boardUrl)).json();
    expect(live.phase).toBe('late');
    expect(live.counts).toEqual({ expected: 3, present: 1, late: 1, leftEarly: 0, onLeave: 0, missing: 1 });
    expect(await recordCount(session.id)).toBe(2);

    setNow(at(END, 1));
    const ended = (await director.get(boardUrl)).json();
    expect(ended.phase).toBe('closed');
    const absent = ended.records.find(
      (r: { enrollmentId: string }) => r.enrollmentId === ins[2]?.enrollment.id,
    );
    expect(absent).toMatchObject({ status: 'absent', method: 'auto' });
    expect(await recordCount(session.id)).toBe(3);
    await director.get(boardUrl);
    expect(await recordCount(session.id)).toBe(3);

    const list = (await director.get(`/api/v1/classes/${klass.id}/attendance`)).json();
    expect(list.items).toHaveLength(3);
    const rate = list.rates.find((r: { enrollmentId: string }) => r.enrollmentId === ins[1]?.enrollment.id);
    expect(rate).toMatchObject({ required: 1, attended: 1, late: 1, rate: 1 });
    const mine = (await ins[2]?.client.get(`/api/v1/me/attendance?classId=${klass.id}`))?.json();
    expect(mine.items.map((i: { status: string }) => i.status)).toEqual(['absent']);
    expect(mine.rates[0]).toMatchObject({ required: 1, attended: 0, absent: 1, rate: 0 });
  });

  it('reads and changes the check-in settings (audited)', async () => {
    const klass = await makeClass(t.database, { directorId });
    const url = `/api/v1/classes/${klass.id}/attendance/settings`;
    expect((await director.get(url)).json()).toMatchObject({ opensMinutesBefore: 30, qrRotationSeconds: 15 });
    const put = await director.put(url, { qrRotationSeconds: 30, checkOutUsed: true });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ qrRotationSeconds: 30, checkOutUsed: true, opensMinutesBefore: 30 });
    expect((await auditOf(t, put)).map((a) => a.action)).toEqual(['attendance.settings.update']);
    const bad = await director.put(url, { qrRotationSeconds: 1 });
    expect(bad.statusCode).toBe(400);
    const { client } = await as('trainee');
    expect((await client.get(url)).statusCode).toBe(403);
  });
});

describe('check-out, merging and bad input', () => {
  it('detects leaving early by check-out, and a missing check-out once the item ends', async () => {
    const { klass, session, trainees } = await setup(2);
    const [a, b] = trainees;
    await director.put(`/api/v1/classes/${klass.id}/attendance/settings`, { checkOutUsed: true });
    const url = `/api/v1/classes/${klass.id}/attendance/check-in`;
    for (const tr of [a, b]) await tr?.client.post(url, { token: await roomToken(klass.id, session.id) });
    setNow(at(END, -30));
    const out = await a?.client.post(url, {
      kind: 'check_out',
      token: await roomToken(klass.id, session.id),
    });
    expect(out?.statusCode).toBe(200);
    expect(out?.json()).toMatchObject({
      status: 'left_early',
      leftEarly: true,
      checkOutMethod: 'trainee_scan',
    });
    setNow(at(END, 40)); // check-out closed (30 minutes after the end)
    const late = await b?.client.post(url, {
      kind: 'check_out',
      token: await roomToken(klass.id, session.id),
    });
    expect(fields(late as LightMyRequestResponse)).toEqual([['token', 'checkout_closed']]);
    const board = (
      await director.get(`/api/v1/classes/${klass.id}/sessions/${session.id}/attendance`)
    ).json();
    expect(board.counts).toMatchObject({ expected: 2, leftEarly: 2, missing: 0 });
    const [row] = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.enrollmentId, b?.enrollment.id ?? ''));
    expect(row?.status).toBe('left_early');
  });

  it('keeps the earliest check-in whatever the order of concurrent queued scans', async () => {
    const { klass, session, trainees } = await setup(1);
    const me = trainees[0];
    setNow(at(START, 30));
    const minutes = [12, 3, 25, 7, 18, 1, 29, 9];
    const results = await Promise.all(
      minutes.map((m) =>
        director.post(`/api/v1/classes/${klass.id}/attendance/sync`, {
          items: [
            {
              clientId: crypto.randomUUID(),
              sessionId: session.id,
              personId: me?.person.id,
              method: 'staff_mark',
              at: at(START, m).toISOString(),
            },
          ],
        }),
      ),
    );
    expect(results.map((r) => r.json().items[0].outcome)).toEqual(minutes.map(() => 'applied'));
    const rows = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.sessionId, session.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.checkInAt?.toISOString()).toBe(at(START, 1).toISOString());
    expect(rows[0]?.status).toBe('present');
  });

  it.each([
    [{}, 'token', 'one_of_token_card_person'],
    [{ token: 'x', personId: crypto.randomUUID() }, 'token', 'one_of_token_card_person'],
    [{ personId: crypto.randomUUID() }, 'sessionId', 'required'],
  ])('refuses a check-in body %j on %s', async (body, path, code) => {
    const klass = await makeClass(t.database, { directorId });
    const res = await director.post(`/api/v1/classes/${klass.id}/attendance/check-in`, body);
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toContainEqual([path, code]);
  });
});
