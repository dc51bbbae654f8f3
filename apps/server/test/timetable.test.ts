import type { Role } from '@ganxun/domain';
import { asc, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { classSessions, timetableChanges } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import { makeLecturer, makeSession, makeVenue } from './session-factories.js';

/**
 * Timetable writes of many items (shift by days, copy from a class or a template), templates, and
 * the races: two classes booking one lecturer at the same moment, exactly one succeeds.
 */

let t: TestContext;
let school: { id: string };
let officer: Client;
let outsider: Client;
let wang: { id: string };
let li: { id: string };
let room: { id: string };

const as = async (role: Role, scopeId: string | null = null) =>
  signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => [f.path, f.code]);

const newClass = (o: Parameters<typeof makeClass>[1] = {}) =>
  makeClass(t.database, { leadOrganiserId: school.id, capacity: 40, ...o });

const url = (classId: string, rest = '') => `/api/v1/classes/${classId}${rest}`;

const itemsOf = (classId: string) =>
  t.database.db
    .select()
    .from(classSessions)
    .where(eq(classSessions.classId, classId))
    .orderBy(asc(classSessions.startsAt));

/** A two-day class with an opening ceremony, a lecture by wang and a discussion on day 2. */
async function twoDayClass(o: Parameters<typeof makeClass>[1] = {}) {
  const klass = await newClass(o);
  const day1 = klass.startDate ?? '2030-03-10';
  const day2 = new Date(Date.parse(day1) + 86_400_000).toISOString().slice(0, 10);
  await makeSession(t.database, klass.id, {
    type: 'ceremony_open',
    title: '开班式',
    startsAt: `${day1}T08:30:00+08:00`,
    endsAt: `${day1}T09:00:00+08:00`,
    venueId: room.id,
  });
  await makeSession(t.database, klass.id, {
    title: '专题讲座',
    startsAt: `${day1}T09:00:00+08:00`,
    endsAt: `${day1}T11:30:00+08:00`,
    venueId: room.id,
    lecturers: [{ lecturerId: wang.id }, { lecturerId: li.id, role: 'host' }],
  });
  await makeSession(t.database, klass.id, {
    type: 'discussion',
    title: '分组研讨',
    startsAt: `${day2}T14:00:00+08:00`,
    endsAt: `${day2}T17:00:00+08:00`,
  });
  return klass;
}

beforeAll(async () => {
  t = await createTestContext();
  school = await makeUnit(t.database, { type: 'party_school', regionCode: '422801' });
  officer = await as('training_officer', school.id);
  outsider = await as('training_officer', (await makeUnit(t.database, { type: 'party_school' })).id);
});
afterAll(async () => t.close());

let rooms = 0;
beforeEach(async () => {
  rooms += 1;
  wang = await makeLecturer(t.database, { name: '王某某' });
  li = await makeLecturer(t.database, { name: '李某某' });
  room = await makeVenue(t.database, school.id, { name: `第${rooms}教室`, capacity: 60 });
});

describe('shifting items by days', () => {
  it('moves every item, keeping times of day, one change each and one audit event', async () => {
    const klass = await twoDayClass({ startDate: '2030-03-10', endDate: '2030-03-13' });
    const before = await itemsOf(klass.id);
    const res = await officer.post(url(klass.id, '/sessions/shift'), { days: 2 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items.map((i: { startsAt: string }) => i.startsAt)).toEqual([
      '2030-03-12T00:30:00.000Z',
      '2030-03-12T01:00:00.000Z',
      '2030-03-13T06:00:00.000Z',
    ]);
    expect(res.json().items.every((i: { version: number }) => i.version === 2)).toBe(true);
    expect(res.json().conflicts).toEqual([]);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['timetable.shift']);
    const log = await t.database.db
      .select()
      .from(timetableChanges)
      .where(eq(timetableChanges.classId, klass.id));
    expect(log.map((c) => c.kind)).toEqual(['shifted', 'shifted', 'shifted']);
    const moved = (log[0]?.before as { startsAt: string } | undefined)?.startsAt;
    expect(before.map((b) => b.startsAt.toISOString())).toContain(moved);

    // Only the named ones; outside the class dates they are saved with the conflict shown.
    const [first] = before;
    const back = await officer.post(url(klass.id, '/sessions/shift'), {
      days: -3,
      sessionIds: [first?.id],
    });
    expect(back.statusCode).toBe(200);
    expect(back.json().conflicts.map((c: { kind: string }) => c.kind)).toEqual(['outside_class_dates']);
  });

  it('is all-or-nothing: one item landing on another class’s booking refuses the whole shift (409)', async () => {
    const klass = await twoDayClass();
    const busy = await newClass({ name: '乡村振兴专题班' });
    await makeSession(t.database, busy.id, {
      startsAt: '2030-03-11T10:00:00+08:00',
      endsAt: '2030-03-11T11:00:00+08:00',
      lecturers: [{ lecturerId: li.id }],
    });
    const before = await itemsOf(klass.id);
    const res = await officer.post(url(klass.id, '/sessions/shift'), { days: 1 });
    expect(res.statusCode, res.body).toBe(409);
    expect(fields(res)).toEqual([['items.1.lecturers.1.lecturerId', 'lecturer_double_booked']]);
    expect(res.json().error.fields[0].message).toContain('乡村振兴专题班');
    expect(await itemsOf(klass.id)).toEqual(before);

    const unknown = await officer.post(url(klass.id, '/sessions/shift'), {
      days: 1,
      sessionIds: [crypto.randomUUID()],
    });
    expect(fields(unknown)).toEqual([['sessionIds.0', 'session_unknown']]);
    expect(fields(await officer.post(url(klass.id, '/sessions/shift'), { days: 0 }))).toEqual([
      ['days', 'shift_zero'],
    ]);
  });
});

describe('copying a timetable', () => {
  it('lays another class’s items on this class’s days, lecturers and all', async () => {
    const source = await twoDayClass();
    const target = await newClass({ startDate: '2030-04-20', endDate: '2030-04-21' });
    const res = await officer.post(url(target.id, '/sessions/copy'), { fromClassId: source.id });
    expect(res.statusCode, res.body).toBe(201);
    const items = res.json().items;
    expect(items.map((i: { title: string; startsAt: string }) => [i.title, i.startsAt])).toEqual([
      ['开班式', '2030-04-20T00:30:00.000Z'],
      ['专题讲座', '2030-04-20T01:00:00.000Z'],
      ['分组研讨', '2030-04-21T06:00:00.000Z'],
    ]);
    expect(
      items[1].lecturers.map((l: { lecturerId: string; role: string }) => [l.lecturerId, l.role]),
    ).toEqual([
      [wang.id, 'speaker'],
      [li.id, 'host'],
    ]);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['timetable.copy']);
  });

  it('refuses a copy that double-books the source’s lecturers (409, nothing saved) unless lecturers are left out', async () => {
    const source = await twoDayClass();
    const target = await newClass();
    const refused = await officer.post(url(target.id, '/sessions/copy'), { fromClassId: source.id });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(fields(refused)).toEqual([
      ['items.0.venueId', 'venue_double_booked'],
      ['items.1.lecturers.0.lecturerId', 'lecturer_double_booked'],
      ['items.1.lecturers.1.lecturerId', 'lecturer_double_booked'],
      ['items.1.venueId', 'venue_double_booked'],
    ]);
    expect(await itemsOf(target.id)).toEqual([]);

    // Without lecturers the venue still clashes; at another date it goes through.
    const noLecturers = await officer.post(url(target.id, '/sessions/copy'), {
      fromClassId: source.id,
      lecturers: false,
    });
    expect(fields(noLecturers)).toEqual([
      ['items.0.venueId', 'venue_double_booked'],
      ['items.1.venueId', 'venue_double_booked'],
    ]);
    const elsewhere = await newClass();
    await t.database.db
      .update(classSessions)
      .set({ venueId: null })
      .where(eq(classSessions.classId, source.id));
    const ok = await officer.post(url(elsewhere.id, '/sessions/copy'), {
      fromClassId: source.id,
      lecturers: false,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().items.every((i: { lecturers: unknown[] }) => i.lecturers.length === 0)).toBe(true);
  });

  it('checks the source: another institution’s draft is out of reach (403); an empty one is refused', async () => {
    const foreign = await makeClass(t.database, { status: 'draft' });
    const target = await newClass();
    expect(
      (await officer.post(url(target.id, '/sessions/copy'), { fromClassId: foreign.id })).statusCode,
    ).toBe(403);
    const empty = await newClass();
    const res = await officer.post(url(target.id, '/sessions/copy'), { fromClassId: empty.id });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual([['fromClassId', 'timetable_empty']]);
    expect(
      fields(
        await officer.post(url(target.id, '/sessions/copy'), { fromClassId: empty.id, templateId: empty.id }),
      ),
    ).toEqual([['fromClassId', 'copy_source_required']]);
    const noDates = await newClass({ startDate: null, endDate: null });
    const source = await twoDayClass({ startDate: '2030-05-10', endDate: '2030-05-11' });
    expect(fields(await officer.post(url(noDates.id, '/sessions/copy'), { fromClassId: source.id }))).toEqual(
      [['startDate', 'start_date_required']],
    );
  });
});

describe('templates', () => {
  it('saves a class’s timetable by day and time, lists it, and lays it on another class', async () => {
    const source = await twoDayClass({ startDate: '2030-06-01', endDate: '2030-06-02' });
    const res = await officer.post('/api/v1/timetable-templates', {
      name: '两天专题班模板',
      fromClassId: source.id,
    });
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json();
    expect(template).toMatchObject({ name: '两天专题班模板', days: 2, createdBy: '测试用户' });
    expect(
      template.items.map((i: { day: number; start: string; end: string }) => [i.day, i.start, i.end]),
    ).toEqual([
      [0, '08:30', '09:00'],
      [0, '09:00', '11:30'],
      [1, '14:00', '17:00'],
    ]);
    expect((await auditOf(t, res))[0]).toMatchObject({ action: 'timetable.template.create' });

    const list = await officer.get('/api/v1/timetable-templates');
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((i: { id: string }) => i.id)).toContain(template.id);
    const trainee = await as('trainee');
    expect((await trainee.get('/api/v1/timetable-templates')).statusCode).toBe(403);
    expect(
      (await outsider.post('/api/v1/timetable-templates', { name: '偷', fromClassId: source.id })).statusCode,
    ).toBe(403);

    const target = await newClass({ startDate: '2030-09-01', endDate: '2030-09-02' });
    const copied = await officer.post(url(target.id, '/sessions/copy'), {
      templateId: template.id,
      startDate: '2030-09-01',
    });
    expect(copied.statusCode, copied.body).toBe(201);
    expect(copied.json().items.map((i: { startsAt: string }) => i.startsAt)).toEqual([
      '2030-09-01T00:30:00.000Z',
      '2030-09-01T01:00:00.000Z',
      '2030-09-02T06:00:00.000Z',
    ]);
    const unknown = await officer.post(url(target.id, '/sessions/copy'), { templateId: crypto.randomUUID() });
    expect(fields(unknown)).toEqual([['templateId', 'template_unknown']]);
    const empty = await officer.post('/api/v1/timetable-templates', {
      name: '空',
      fromClassId: (await newClass()).id,
    });
    expect(fields(empty)).toEqual([['fromClassId', 'timetable_empty']]);
  });
});

describe('races', () => {
  it('lets exactly one of two classes book one lecturer at the same time, however many try', async () => {
    const classes = await Promise.all([newClass(), newClass(), newClass(), newClass()]);
    const results = await Promise.all(
      classes.map((klass) =>
        officer.post(url(klass.id, '/sessions'), {
          type: 'lecture',
          title: '同一时间',
          startsAt: '2030-03-10T14:00:00+08:00',
          endsAt: '2030-03-10T16:00:00+08:00',
          lecturers: [{ lecturerId: wang.id }],
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409, 409, 409]);
    const booked = await t.database.db
      .select({ id: classSessions.id })
      .from(classSessions)
      .where(eq(classSessions.title, '同一时间'));
    expect(booked).toHaveLength(1);
  });

  it('lets exactly one of two classes book one venue at the same time', async () => {
    const [a, b] = await Promise.all([newClass(), newClass()]);
    const results = await Promise.all(
      [a, b].map((klass) =>
        officer.post(url(klass?.id ?? '', '/sessions'), {
          type: 'lecture',
          title: '同一教室',
          startsAt: '2030-03-10T14:00:00+08:00',
          endsAt: '2030-03-10T16:00:00+08:00',
          venueId: room.id,
        }),
      ),
    );
    expect(results.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
