import type { Role } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { attendanceRecords, classSessions, timetableChanges, timetables } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { enrol, makeGroup, makeLecturer, makeSession, makeVenue } from './session-factories.js';

/**
 * Timetable items (课程表) of a class: writes with their views and checks, bad input, optimistic
 * locking, who sees what, publishing with errors and warnings, the change log.
 */

let t: TestContext;
let school: { id: string };
let officer: Client;
let outsider: Client;
let wang: { id: string; name: string };
let li: { id: string; name: string };
let room: { id: string; name: string };

const as = async (role: Role, scopeId: string | null = null) =>
  signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

/** A class of the school on 2030-03-10/11 (capacity 40) unless told otherwise. */
const newClass = (o: Parameters<typeof makeClass>[1] = {}) =>
  makeClass(t.database, { leadOrganiserId: school.id, capacity: 40, ...o });

const item = (o: Record<string, unknown> = {}) => ({
  type: 'lecture',
  title: '习近平新时代中国特色社会主义思想专题',
  startsAt: '2030-03-10T09:00:00+08:00',
  endsAt: '2030-03-10T10:30:00+08:00',
  ...o,
});

const url = (classId: string, rest = '') => `/api/v1/classes/${classId}${rest}`;

async function create(classId: string, o: Record<string, unknown> = {}, client = officer) {
  const res = await client.post(url(classId, '/sessions'), item(o));
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

beforeAll(async () => {
  t = await createTestContext();
  school = await makeUnit(t.database, { name: '恩施州委党校', type: 'party_school', regionCode: '422801' });
  const elsewhere = await makeUnit(t.database, { type: 'party_school', regionCode: '422801' });
  officer = await as('training_officer', school.id);
  outsider = await as('training_officer', elsewhere.id);
});
afterAll(async () => t.close());

// Every test books its own lecturers and room: classes share their dates.
let rooms = 0;
beforeEach(async () => {
  rooms += 1;
  wang = await makeLecturer(t.database, { name: '王某某', title: '教授', affiliation: '中央党校' });
  li = await makeLecturer(t.database, { name: '李某某' });
  room = await makeVenue(t.database, school.id, {
    name: `第${rooms}报告厅`,
    capacity: 60,
    cityCode: '422801',
  });
});

describe('writing and reading items', () => {
  it('creates an item with lecturers in roles, a group and a venue; 学时 derived (45 min = 1)', async () => {
    const klass = await newClass();
    const group = await makeGroup(t.database, klass.id, '第一组');
    const res = await officer.post(
      url(klass.id, '/sessions'),
      item({
        venueId: room.id,
        groupIds: [group.id],
        lecturers: [{ lecturerId: wang.id }, { lecturerId: li.id, role: 'host' }],
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const { session, conflicts } = res.json();
    expect(conflicts).toEqual([]);
    expect(session).toMatchObject({
      classId: klass.id,
      type: 'lecture',
      typeName: '专题讲授',
      startsAt: '2030-03-10T01:00:00.000Z',
      endsAt: '2030-03-10T02:30:00.000Z',
      venue: { id: room.id, name: room.name, capacity: 60, cityCode: '422801' },
      groupIds: [group.id],
      groupNames: ['第一组'],
      hours: 2,
      hoursSet: false,
      attendanceRequired: true,
      version: 1,
      lecturers: [
        { lecturerId: wang.id, name: '王某某', title: '教授', affiliation: '中央党校', role: 'speaker' },
        { lecturerId: li.id, name: '李某某', role: 'host' },
      ],
    });
    expect((await auditOf(t, res))[0]).toMatchObject({ action: 'session.create', entityId: session.id });

    const read = await officer.get(url(klass.id, `/sessions/${session.id}`));
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(session);

    // 学时 set by hand, then derived again.
    const set = await officer.patch(url(klass.id, `/sessions/${session.id}`), { version: 1, hours: 3 });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().session).toMatchObject({ hours: 3, hoursSet: true, version: 2 });
    const derived = await officer.patch(url(klass.id, `/sessions/${session.id}`), {
      version: 2,
      hours: null,
      endsAt: '2030-03-10T12:00:00+08:00',
    });
    expect(derived.json().session).toMatchObject({ hours: 4, hoursSet: false, version: 3 });
    expect((await auditOf(t, derived))[0]).toMatchObject({ action: 'session.update' });

    const view = (await officer.get(url(klass.id, '/timetable'))).json();
    expect(view).toMatchObject({
      status: 'draft',
      canEdit: true,
      totalHours: 4,
      blocked: false,
      conflicts: [],
    });
    expect(view.items.map((i: { id: string }) => i.id)).toEqual([session.id]);

    // Dragging the item: the check leaves it out of the comparison with itself.
    const drag = await officer.post(url(klass.id, '/sessions/check'), {
      ...item({ startsAt: '2030-03-10T09:30:00+08:00', endsAt: '2030-03-10T11:00:00+08:00' }),
      sessionId: session.id,
    });
    expect(drag.statusCode, drag.body).toBe(200);
    expect(drag.json()).toEqual({ conflicts: [] });

    const gone = await officer.delete(url(klass.id, `/sessions/${session.id}?version=3`));
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await auditOf(t, gone))[0]).toMatchObject({ action: 'session.delete', entityId: session.id });
    expect((await officer.get(url(klass.id, `/sessions/${session.id}`))).statusCode).toBe(404);
  });

  it('refuses to delete an item that was held: its attendance would go with it (409)', async () => {
    const klass = await newClass();
    const held = await makeSession(t.database, klass.id);
    const { enrollment } = await enrol(t.services, t.database, klass.id, school.id);
    await t.database.db.insert(attendanceRecords).values({
      classId: klass.id,
      sessionId: held.id,
      enrollmentId: enrollment.id,
      status: 'present',
      method: 'staff_mark',
    });
    const refused = await officer.delete(url(klass.id, `/sessions/${held.id}?version=${held.version}`));
    expect(refused.statusCode, refused.body).toBe(409);
    expect(fields(refused)).toEqual([['sessionId', 'session_has_records']]);
    expect(refused.json().error.fields[0].message).toContain('1 条考勤记录或评估答卷');
    expect((await officer.get(url(klass.id, `/sessions/${held.id}`))).statusCode).toBe(200);
    const [record] = await t.database.db
      .select()
      .from(attendanceRecords)
      .where(eq(attendanceRecords.sessionId, held.id));
    expect(record?.status).toBe('present');
  });

  it('saves in-class conflicts and returns them; the timetable is then blocked', async () => {
    const klass = await newClass();
    const small = await makeVenue(t.database, school.id, { capacity: 10 });
    const first = await create(klass.id, { lecturers: [{ lecturerId: wang.id }] });
    const res = await officer.post(
      url(klass.id, '/sessions'),
      item({ title: '座谈', venueId: small.id, lecturers: [{ lecturerId: wang.id }] }),
    );
    expect(res.statusCode, res.body).toBe(201);
    const kinds = res
      .json()
      .conflicts.map((c: { kind: string }) => c.kind)
      .sort();
    expect(kinds).toEqual(['group_overlap', 'lecturer_double_booked', 'venue_too_small']);
    const own = res.json().conflicts.find((c: { kind: string }) => c.kind === 'lecturer_double_booked');
    expect(own).toMatchObject({
      severity: 'error',
      otherSessionId: first.session.id,
      otherClass: null,
      lecturer: { id: wang.id, name: '王某某' },
      message: `讲师王某某在该时段已安排在 本班「${first.session.title}」（2030-03-10 09:00–10:30）`,
    });
    const tooSmall = res.json().conflicts.find((c: { kind: string }) => c.kind === 'venue_too_small');
    expect(tooSmall).toMatchObject({ have: 10, need: 40 });

    const late = await create(klass.id, {
      title: '晚到',
      startsAt: '2030-03-12T09:00:00+08:00',
      endsAt: '2030-03-12T10:00:00+08:00',
    });
    expect(late.conflicts.map((c: { kind: string }) => c.kind)).toEqual(['outside_class_dates']);

    const view = (await officer.get(url(klass.id, '/timetable'))).json();
    expect(view.blocked).toBe(true);
    expect(view.items).toHaveLength(3);
    expect(view.conflicts.map((c: { kind: string }) => c.kind).sort()).toEqual([
      'group_overlap',
      'lecturer_double_booked',
      'outside_class_dates',
      'venue_too_small',
    ]);
  });

  it('counts the audience from the enrolments of the item’s groups once there are any', async () => {
    const klass = await newClass();
    const group = await makeGroup(t.database, klass.id);
    for (let i = 0; i < 3; i++)
      await enrol(t.services, t.database, klass.id, school.id, { groupId: group.id });
    await enrol(t.services, t.database, klass.id, school.id);
    const tiny = await makeVenue(t.database, school.id, { capacity: 3 });
    const forGroup = await create(klass.id, { venueId: tiny.id, groupIds: [group.id] });
    expect(forGroup.conflicts).toEqual([]);
    const forAll = await create(klass.id, {
      venueId: tiny.id,
      startsAt: '2030-03-11T09:00:00+08:00',
      endsAt: '2030-03-11T10:00:00+08:00',
    });
    expect(forAll.conflicts).toMatchObject([{ kind: 'venue_too_small', have: 3, need: 4 }]);
  });
});

describe('bad input', () => {
  let klass: { id: string };
  let otherGroup: { id: string };
  let retired: { id: string };
  let closedRoom: { id: string };
  beforeAll(async () => {
    klass = await newClass();
    otherGroup = await makeGroup(t.database, (await newClass()).id);
    retired = await makeLecturer(t.database, { status: 'inactive' });
    closedRoom = await makeVenue(t.database, school.id, { status: 'inactive' });
  });

  it.each([
    ['ends before it starts', { endsAt: '2030-03-10T08:00:00+08:00' }, 'endsAt', 'end_not_after_start'],
    ['lasts no time', { endsAt: '2030-03-10T09:00:00+08:00' }, 'endsAt', 'end_not_after_start'],
    ['lasts over a day', { endsAt: '2030-03-11T09:30:00+08:00' }, 'endsAt', 'session_too_long'],
    ['has an unparseable start', { startsAt: '2030-13-45 9点' }, 'startsAt', 'invalid_format'],
    ['has a start without offset', { startsAt: '2030-03-10T09:00:00' }, 'startsAt', 'invalid_format'],
    [
      'names an unknown lecturer',
      { lecturers: [{ lecturerId: crypto.randomUUID() }] },
      'lecturers.0.lecturerId',
      'lecturer_unknown',
    ],
    [
      'names a lecturer twice',
      () => ({ lecturers: [{ lecturerId: wang.id }, { lecturerId: wang.id }] }),
      'lecturers.1.lecturerId',
      'lecturer_repeated',
    ],
    [
      'names an inactive lecturer',
      () => ({ lecturers: [{ lecturerId: li.id }, { lecturerId: retired.id }] }),
      'lecturers.1.lecturerId',
      'lecturer_unknown',
    ],
    ['names an unknown venue', { venueId: crypto.randomUUID() }, 'venueId', 'venue_unknown'],
    ['names an inactive venue', () => ({ venueId: closedRoom.id }), 'venueId', 'venue_unknown'],
    ['names another class’s group', () => ({ groupIds: [otherGroup.id] }), 'groupIds.0', 'group_unknown'],
    ['has an unknown type', { type: 'banquet' }, 'type', 'session_type_unknown'],
    [
      'has a bad role',
      () => ({ lecturers: [{ lecturerId: wang.id, role: 'boss' }] }),
      'lecturers.0.role',
      'invalid_value',
    ],
  ] as const)('refuses an item that %s (400, field named)', async (_name, override, path, code) => {
    const o = typeof override === 'function' ? override() : override;
    const res = await officer.post(url(klass.id, '/sessions'), item(o));
    expect(res.statusCode, res.body).toBe(400);
    expect(fields(res)).toContainEqual([path, code]);
    expect(res.json().error.fields[0].message).toBeTruthy();
  });

  it('explains in English and Traditional Chinese too', async () => {
    officer.locale = 'en';
    const en = await officer.post(url(klass.id, '/sessions'), item({ endsAt: '2030-03-10T08:00:00+08:00' }));
    officer.locale = 'zh-TW';
    const tw = await officer.post(url(klass.id, '/sessions'), item({ type: 'banquet' }));
    officer.locale = 'zh-CN';
    expect(en.json().error.fields[0].message).toBe('must be after the start');
    expect(tw.json().error.fields[0].message).toBe('課程類型不存在或已停用');
  });

  it('refuses a patch that would end before the stored start, and unknown items', async () => {
    const { session } = await create(klass.id);
    const res = await officer.patch(url(klass.id, `/sessions/${session.id}`), {
      version: 1,
      endsAt: '2030-03-10T08:00:00+08:00',
    });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual([['endsAt', 'end_not_after_start']]);
    expect(
      (await officer.patch(url(klass.id, `/sessions/${crypto.randomUUID()}`), { version: 1 })).statusCode,
    ).toBe(404);
    // Another class's item is not reached through this class.
    const elsewhere = await newClass();
    expect((await officer.get(url(elsewhere.id, `/sessions/${session.id}`))).statusCode).toBe(404);
    expect((await officer.delete(url(klass.id, `/sessions/${session.id}?version=x`))).statusCode).toBe(400);
  });

  it('refuses to book another class’s lecturer or venue over (409), saving nothing; a check reports it', async () => {
    const busy = await newClass({ name: '县处级干部进修班' });
    const other = await makeSession(t.database, busy.id, {
      title: '党史专题',
      venueId: room.id,
      lecturers: [{ lecturerId: wang.id }],
    });
    const target = await newClass();
    const lecturer = await officer.post(
      url(target.id, '/sessions'),
      item({ lecturers: [{ lecturerId: li.id }, { lecturerId: wang.id }] }),
    );
    expect(lecturer.statusCode, lecturer.body).toBe(409);
    expect(lecturer.json().error.fields).toEqual([
      {
        path: 'lecturers.1.lecturerId',
        code: 'lecturer_double_booked',
        message: `讲师在该时段已安排在 ${busy.code} 县处级干部进修班（2030-03-10 09:00–11:00）`,
      },
    ]);
    expect(lecturer.json().error.details.conflicts[0]).toMatchObject({
      kind: 'lecturer_double_booked',
      otherSessionId: other.id,
      otherClass: { id: busy.id, code: busy.code, name: '县处级干部进修班' },
      message: `讲师王某某在该时段已安排在 ${busy.code} 县处级干部进修班（2030-03-10 09:00–11:00）`,
    });
    const venue = await officer.post(
      url(target.id, '/sessions'),
      item({ startsAt: '2030-03-10T10:00:00+08:00', endsAt: '2030-03-10T12:00:00+08:00', venueId: room.id }),
    );
    expect(venue.statusCode).toBe(409);
    expect(fields(venue)).toEqual([['venueId', 'venue_double_booked']]);
    const saved = await t.database.db
      .select()
      .from(classSessions)
      .where(eq(classSessions.classId, target.id));
    expect(saved).toEqual([]);

    // Touching is not overlapping.
    await create(target.id, {
      startsAt: '2030-03-10T11:00:00+08:00',
      endsAt: '2030-03-10T12:00:00+08:00',
      venueId: room.id,
      lecturers: [{ lecturerId: wang.id }],
    });

    // The editor's check reports the same as an error, saving nothing.
    const check = await officer.post(url(target.id, '/sessions/check'), {
      ...item({ lecturers: [{ lecturerId: wang.id }] }),
    });
    expect(check.statusCode, check.body).toBe(200);
    expect(check.json().conflicts).toContainEqual(
      expect.objectContaining({
        kind: 'lecturer_double_booked',
        severity: 'error',
        otherClass: expect.objectContaining({ code: busy.code }),
      }),
    );

    // A cancelled class's items do not count.
    const cancelled = await newClass({ status: 'cancelled' });
    await makeSession(t.database, cancelled.id, {
      startsAt: '2030-03-11T09:00:00+08:00',
      endsAt: '2030-03-11T11:00:00+08:00',
      lecturers: [{ lecturerId: li.id }],
    });
    await create(target.id, {
      startsAt: '2030-03-11T09:00:00+08:00',
      endsAt: '2030-03-11T10:00:00+08:00',
      lecturers: [{ lecturerId: li.id }],
    });
  });
});

describe('optimistic locking', () => {
  it('refuses a stale version (409 with the current one) and lets exactly one of two concurrent patches win', async () => {
    const klass = await newClass();
    const { session } = await create(klass.id);
    const first = await officer.patch(url(klass.id, `/sessions/${session.id}`), { version: 1, title: '甲' });
    expect(first.statusCode).toBe(200);
    const stale = await officer.patch(url(klass.id, `/sessions/${session.id}`), { version: 1, title: '乙' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.fields).toEqual([
      {
        path: 'version',
        code: 'version_conflict',
        message: '该安排已被他人修改（当前版本 2），请刷新后再改',
      },
    ]);
    expect((await officer.delete(url(klass.id, `/sessions/${session.id}?version=1`))).statusCode).toBe(409);

    const results = await Promise.all(
      ['丙', '丁'].map((title) =>
        officer.patch(url(klass.id, `/sessions/${session.id}`), { version: 2, title }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const [row] = await t.database.db.select().from(classSessions).where(eq(classSessions.id, session.id));
    expect(row?.version).toBe(3);
    const winner = results.find((r) => r.statusCode === 200)?.json().session.title;
    expect(row?.title).toBe(winner);
  });
});

describe('who sees and edits a timetable', () => {
  it('keeps it from runners of other institutions, and drafts and conflicts from trainees', async () => {
    const klass = await newClass();
    const traineeUser = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    await enrol(t.services, t.database, klass.id, school.id, { userId: traineeUser.user.id });
    const trainee = await signIn(t, traineeUser);
    const a = await create(klass.id);
    await create(klass.id, { title: '重叠' }); // a group overlap: an error only runners see

    expect((await outsider.get(url(klass.id, '/timetable'))).statusCode).toBe(403);
    const denied = await outsider.post(url(klass.id, '/sessions'), item());
    expect(denied.statusCode).toBe(403);
    expect((await auditOf(t, denied))[0]).toMatchObject({ outcome: 'denied', action: 'timetable.edit' });
    expect((await trainee.post(url(klass.id, '/sessions'), item())).statusCode).toBe(403);

    const before = await trainee.get(url(klass.id, '/timetable'));
    expect(before.statusCode).toBe(200);
    expect(before.json()).toMatchObject({ status: 'draft', items: [], conflicts: [], canEdit: false });
    expect((await trainee.get(url(klass.id, `/sessions/${a.session.id}`))).statusCode).toBe(404);

    await t.database.db
      .insert(timetables)
      .values({ classId: klass.id, status: 'published', publishedVersion: 1, publishedAt: new Date() });
    const after = (await trainee.get(url(klass.id, '/timetable'))).json();
    expect(after).toMatchObject({ status: 'published', conflicts: [], blocked: false, canEdit: false });
    expect(after.items).toHaveLength(2);
    expect((await trainee.get(url(klass.id, `/sessions/${a.session.id}`))).statusCode).toBe(200);
    expect((await officer.get(url(klass.id, '/timetable'))).json().conflicts).not.toEqual([]);
  });

  it('lets the lecturers teaching in the class read the published timetable', async () => {
    const klass = await newClass();
    const user = await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] });
    const { person } = await enrol(t.services, t.database, (await newClass()).id, school.id, {
      userId: user.user.id,
    });
    const teacher = await makeLecturer(t.database, { kind: 'internal', personId: person.id });
    await makeSession(t.database, klass.id, { lecturers: [{ lecturerId: teacher.id }] });
    const client = await signIn(t, user);
    expect((await client.get(url(klass.id, '/timetable'))).json()).toMatchObject({ items: [] });
    await t.database.db
      .insert(timetables)
      .values({ classId: klass.id, status: 'published', publishedVersion: 1, publishedAt: new Date() });
    expect((await client.get(url(klass.id, '/timetable'))).json().items).toHaveLength(1);
  });

  it('locks the timetable of a completed class (409 timetable_locked)', async () => {
    const klass = await newClass({ status: 'completed' });
    const res = await officer.post(url(klass.id, '/sessions'), item());
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['class_status', 'timetable_locked']]);
    expect((await officer.get(url(klass.id, '/timetable'))).json().canEdit).toBe(false);
  });
});

describe('publishing and the change log', () => {
  it('refuses an empty timetable, one with errors, and unacknowledged warnings; records the acknowledgement', async () => {
    const klass = await newClass();
    const far = await makeVenue(t.database, school.id, { name: '武汉现场教学点', cityCode: '420100' });
    const empty = await officer.post(url(klass.id, '/timetable/publish'), {});
    expect(empty.statusCode).toBe(409);
    expect(fields(empty)).toEqual([['timetable', 'timetable_empty']]);

    const morning = await create(klass.id, { venueId: room.id, lecturers: [{ lecturerId: wang.id }] });
    const clash = await create(klass.id, { title: '冲突' });
    const blocked = await officer.post(url(klass.id, '/timetable/publish'), {});
    expect(blocked.statusCode).toBe(409);
    expect(fields(blocked)).toEqual([['timetable', 'timetable_blocked']]);
    expect(blocked.json().error.details.conflicts).toMatchObject([
      { kind: 'group_overlap', severity: 'error' },
    ]);

    // Fixed by moving it to the afternoon, in another city half an hour later: a travel warning.
    const moved = await officer.patch(url(klass.id, `/sessions/${clash.session.id}`), {
      version: 1,
      startsAt: '2030-03-10T11:00:00+08:00',
      endsAt: '2030-03-10T12:00:00+08:00',
      venueId: far.id,
      lecturers: [{ lecturerId: wang.id }],
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const warnings = moved.json().conflicts;
    expect(warnings).toMatchObject([{ kind: 'travel_time', severity: 'warning', have: 30, need: 120 }]);
    const key = warnings[0].key as string;
    expect(key).toContain(morning.session.id);

    const unacknowledged = await officer.post(url(klass.id, '/timetable/publish'), {});
    expect(unacknowledged.statusCode).toBe(409);
    expect(fields(unacknowledged)).toEqual([['acknowledge', 'warnings_unacknowledged']]);

    const published = await officer.post(url(klass.id, '/timetable/publish'), {
      acknowledge: [key],
      note: '首次发布',
    });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json()).toMatchObject({ status: 'published', publishedVersion: 1, blocked: false });
    expect((await auditOf(t, published))[0]).toMatchObject({
      action: 'timetable.publish',
      entityId: klass.id,
    });
    const [state] = await t.database.db.select().from(timetables).where(eq(timetables.classId, klass.id));
    expect(state?.acknowledged).toEqual([key]);
    const [change] = await t.database.db
      .select()
      .from(timetableChanges)
      .where(and(eq(timetableChanges.classId, klass.id), eq(timetableChanges.kind, 'published')));
    expect(change).toMatchObject({ acknowledged: [key], note: '首次发布' });

    // Republishing is allowed.
    const again = await officer.post(url(klass.id, '/timetable/publish'), { acknowledge: [key] });
    expect(again.json().publishedVersion).toBe(2);
  });

  it('records a write’s acknowledged warnings', async () => {
    const klass = await newClass();
    const far = await makeVenue(t.database, school.id, { cityCode: '420100' });
    await create(klass.id, { venueId: room.id });
    const proposal = item({
      title: '现场教学',
      startsAt: '2030-03-10T11:00:00+08:00',
      endsAt: '2030-03-10T12:00:00+08:00',
      venueId: far.id,
    });
    const check = (await officer.post(url(klass.id, '/sessions/check'), proposal)).json();
    expect(check.conflicts).toMatchObject([{ kind: 'travel_time', severity: 'warning' }]);
    const res = await officer.post(url(klass.id, '/sessions'), { ...proposal, acknowledge: ['x'] });
    expect(res.statusCode).toBe(201);
    const key = res.json().conflicts[0].key;
    const patched = await officer.patch(url(klass.id, `/sessions/${res.json().session.id}`), {
      version: 1,
      title: '现场教学（恩施）',
      acknowledge: [key],
    });
    expect(patched.statusCode).toBe(200);
    const log = (await officer.get(url(klass.id, '/timetable/changes'))).json().items;
    expect(log.map((c: { kind: string; acknowledged: string[] }) => [c.kind, c.acknowledged])).toEqual([
      ['updated', [key]],
      ['created', []],
      ['created', []],
    ]);
  });

  it('logs every write with snapshots; those after publication flagged with whom they affect', async () => {
    const klass = await newClass();
    const group = await makeGroup(t.database, klass.id);
    await enrol(t.services, t.database, klass.id, school.id, { groupId: group.id });
    await enrol(t.services, t.database, klass.id, school.id, { groupId: group.id });
    await enrol(t.services, t.database, klass.id, school.id);
    const { session } = await create(klass.id, {
      venueId: room.id,
      groupIds: [group.id],
      lecturers: [{ lecturerId: wang.id }],
    });
    expect((await officer.post(url(klass.id, '/timetable/publish'), {})).statusCode).toBe(200);
    const res = await officer.patch(url(klass.id, `/sessions/${session.id}`), {
      version: 1,
      startsAt: '2030-03-10T14:00:00+08:00',
      endsAt: '2030-03-10T15:30:00+08:00',
      lecturers: [{ lecturerId: li.id }],
    });
    expect(res.statusCode, res.body).toBe(200);
    const changes = await officer.get(url(klass.id, '/timetable/changes'));
    expect(changes.statusCode).toBe(200);
    const [updated, published, created] = changes.json().items;
    expect(created).toMatchObject({
      kind: 'created',
      afterPublication: false,
      before: null,
      after: { title: session.title, venueName: room.name, lecturerNames: ['王某某'] },
    });
    expect(published).toMatchObject({ kind: 'published', sessionId: null });
    expect(updated).toMatchObject({
      kind: 'updated',
      sessionId: session.id,
      afterPublication: true,
      affectedTrainees: 2,
      before: { startsAt: '2030-03-10T01:00:00.000Z', lecturerNames: ['王某某'] },
      after: { startsAt: '2030-03-10T06:00:00.000Z', lecturerNames: ['李某某'] },
      changedBy: '测试用户',
    });
    expect([...updated.affectedLecturers].sort()).toEqual(['李某某', '王某某'].sort());
    expect((await officer.get(url(klass.id, '/timetable'))).json().changesSincePublished).toBe(1);

    const gone = await officer.delete(url(klass.id, `/sessions/${session.id}?version=2`));
    expect(gone.statusCode).toBe(204);
    const [deleted] = (await officer.get(url(klass.id, '/timetable/changes'))).json().items;
    expect(deleted).toMatchObject({
      kind: 'deleted',
      after: null,
      afterPublication: true,
      affectedTrainees: 2,
    });
    expect((await outsider.get(url(klass.id, '/timetable/changes'))).statusCode).toBe(403);
  });
});
