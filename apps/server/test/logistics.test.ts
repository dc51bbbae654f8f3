import {
  type AllocationResult,
  DEFAULT_CLASS_TEMPLATE,
  type HotelView,
  type LogisticsView,
  type MyLogisticsView,
  type Role,
  type SurveyQuestion,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  classHotels,
  classRooms,
  enrollments,
  materialHandouts,
  pickUpArrangements,
  surveyForms,
  surveyResponses,
} from '../src/db/schema/index.js';
import { LOGISTICS_DEMO_CLASS, loadLogisticsDemo } from '../src/demo/logistics.js';
import { systemContext } from '../src/platform/context.js';
import { makeClass } from './class-factories.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Logistics and services of a class (issue 9 item 4): hotels and rooms, allocation under gender,
 * capacity and single rooms, the last bed under concurrency, needs and meal counts, pick-ups from
 * the roster's arrivals, materials handed out, the trainee's own view, the workbook, service
 * satisfaction from the class evaluation, bad input and reach, and the demo's part.
 */

let t: TestContext;
let schoolId: string;
let unitA: string;
let unitB: string;
let director: Client;
let directorId: string;
let otherDirector: Client;
let trainee: Client;
let traineeId: string;
let births = 0;

async function as(role: Role, scopeId: string | null = null) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }] });
  return { id: user.user.id, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => `${f.path}:${f.code}`);

interface TraineeInput {
  name: string;
  gender?: 'male' | 'female';
  unitId?: string;
  userId?: string;
  arrival?: { at: string | null; transport: 'train' | 'flight' | 'car' | 'other'; number?: string };
  checkedIn?: boolean;
}

/** An enrolled trainee with a name, gender, unit and arrival data. */
async function enrolOne(classId: string, x: TraineeInput) {
  births += 1;
  const person = await makePerson(t.services, t.database, x.unitId ?? unitA, {
    name: x.name,
    gender: x.gender ?? 'male',
    birthDate: `19${70 + (births % 25)}-0${1 + (births % 9)}-1${births % 10}`,
    userId: x.userId ?? null,
  });
  const [row] = await t.database.db
    .insert(enrollments)
    .values({
      classId,
      personId: person.id,
      arrivalAt: x.arrival?.at ? new Date(x.arrival.at) : null,
      arrivalTransport: x.arrival?.transport ?? null,
      arrivalNumber: x.arrival?.number ?? null,
      checkedInAt: x.checkedIn ? new Date() : null,
    })
    .returning();
  if (!row) throw new Error('not enrolled');
  return row.id;
}

async function newClass(overrides: { name?: string; endDate?: string } = {}) {
  return makeClass(t.database, {
    directorId,
    leadOrganiserId: schoolId,
    startDate: '2030-03-10',
    endDate: overrides.endDate ?? '2030-03-12',
    status: 'in_progress',
    ...(overrides.name ? { name: overrides.name } : {}),
  });
}

async function hotelWithRooms(base: string, rooms: { number: string; beds: number; gender?: string }[]) {
  const res = await director.post(`${base}/hotels`, { name: '恩施州委党校学员公寓', phone: '0718-8226000' });
  expect(res.statusCode, res.body).toBe(201);
  const hotel = res.json() as HotelView;
  const added = await director.post(`${base}/hotels/${hotel.id}/rooms`, { rooms });
  expect(added.statusCode, added.body).toBe(201);
  return added.json() as HotelView;
}

const roomId = (hotel: HotelView, number: string) =>
  hotel.rooms.find((r) => r.number === number)?.id as string;

beforeAll(async () => {
  t = await createTestContext();
  schoolId = (await makeUnit(t.database, { type: 'party_school' })).id;
  unitA = (await makeUnit(t.database, { name: 'A组单位卫健局' })).id;
  unitB = (await makeUnit(t.database, { name: 'B组单位教育局' })).id;
  const d = await as('class_director');
  director = d.client;
  directorId = d.id;
  otherDirector = (await as('class_director')).client;
  const tr = await as('trainee');
  trainee = tr.client;
  traineeId = tr.id;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

describe('accommodation', () => {
  it('allocates by unit: women and men apart, capacity kept, a single room alone; manual changes checked', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}/logistics`;
    let hotel = await hotelWithRooms(base, [
      { number: '101', beds: 2 },
      { number: '102', beds: 2 },
      { number: '201', beds: 2, gender: 'female' },
    ]);
    expect(hotel).toMatchObject({ beds: 6, occupied: 0 });
    expect(hotel.rooms.map((r) => r.number)).toEqual(['101', '102', '201']);

    // Rooms are added all or none, with the path of the bad one.
    let res = await director.post(`${base}/hotels/${hotel.id}/rooms`, {
      rooms: [
        { number: '301', beds: 2 },
        { number: '101', beds: 2 },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual(['rooms.1.number:room_number_taken']);
    res = await director.post(`${base}/hotels/${hotel.id}/rooms`, { rooms: [{ number: '301', beds: 0 }] });
    expect(res.statusCode).toBe(400);
    expect(fields(res)[0]).toMatch(/^rooms\.0\.beds:/);
    expect(
      await t.database.db.select().from(classRooms).where(eq(classRooms.hotelId, hotel.id)),
    ).toHaveLength(3);

    const an = await enrolOne(klass.id, { name: '安一', unitId: unitA });
    const bai = await enrolOne(klass.id, { name: '白二', unitId: unitA });
    const chen = await enrolOne(klass.id, { name: '陈三', unitId: unitA });
    const ding = await enrolOne(klass.id, { name: '丁四', gender: 'female', unitId: unitB });
    const fang = await enrolOne(klass.id, { name: '方五', gender: 'female', unitId: unitB });
    const gao = await enrolOne(klass.id, { name: '高六', gender: 'female', unitId: unitB });
    res = await director.put(`${base}/trainees/${chen}`, { singleRoom: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: '陈三', singleRoom: true });

    const expected = {
      assigned: [
        { name: '安一', roomLabel: '恩施州委党校学员公寓 101' },
        { name: '白二', roomLabel: '恩施州委党校学员公寓 101' },
        { name: '陈三', roomLabel: '恩施州委党校学员公寓 102' },
        { name: '丁四', roomLabel: '恩施州委党校学员公寓 201' },
        { name: '方五', roomLabel: '恩施州委党校学员公寓 201' },
      ],
      unplaced: [{ enrollmentId: gao, name: '高六', reason: 'no_room' }],
    };
    res = await director.post(`${base}/allocation`, { order: 'unit', dryRun: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: true, ...expected });
    expect(await auditOf(t, res)).toEqual([]);
    expect(((await director.get(base)).json() as LogisticsView).unplaced).toBe(6);

    res = await director.post(`${base}/allocation`, { order: 'unit' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as AllocationResult).toMatchObject({ dryRun: false, ...expected });
    const audit = await auditOf(t, res);
    expect(audit.map((a) => [a.action, a.detail])).toEqual([
      ['logistics.allocate', { hotelId: null, order: 'unit', assigned: 5, unplaced: 1 }],
    ]);
    let view = (await director.get(base)).json() as LogisticsView;
    hotel = view.hotels[0] as HotelView;
    expect(hotel.rooms.map((r) => [r.number, r.occupants.map((o) => o.name)])).toEqual([
      ['101', ['安一', '白二']],
      ['102', ['陈三']],
      ['201', ['丁四', '方五']],
    ]);
    expect(view).toMatchObject({ unplaced: 1 });
    expect(hotel).toMatchObject({ beds: 6, occupied: 5 });

    // By hand: never a man's room, never a single room's spare bed, never a full room.
    const put = (id: string, room: string | null) =>
      director.put(`${base}/assignments/${id}`, { roomId: room });
    expect(fields(await put(gao, roomId(hotel, '101')))).toEqual(['roomId:room_full']);
    expect(fields(await put(gao, roomId(hotel, '102')))).toEqual(['roomId:room_full']);
    expect(fields(await put(gao, roomId(hotel, '201')))).toEqual(['roomId:room_full']);
    expect(fields(await put(gao, crypto.randomUUID()))).toEqual(['roomId:room_unknown']);

    // Rooms do not shrink below their sleepers or change gender under them; a PATCH keeps the rest.
    const room201 = roomId(hotel, '201');
    res = await director.patch(`${base}/rooms/${roomId(hotel, '101')}`, { beds: 1, gender: 'female' });
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual(['beds:room_beds_below_occupants', 'gender:room_gender_occupied']);
    res = await director.patch(`${base}/rooms/${room201}`, { beds: 3 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ number: '201', beds: 3, gender: 'female' });
    res = await put(gao, room201);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      name: '高六',
      roomId: room201,
      roomLabel: '恩施州委党校学员公寓 201',
    });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['logistics.assign']);

    res = await director.delete(`${base}/rooms/${roomId(hotel, '101')}`);
    expect(fields(res)).toEqual(['roomId:room_occupied']);
    res = await director.delete(`${base}/hotels/${hotel.id}`);
    expect(res.statusCode).toBe(409);
    expect(fields(res)).toEqual(['hotelId:hotel_occupied']);

    // A withdrawn trainee's bed is free again; they get no other.
    await t.database.db.update(enrollments).set({ status: 'withdrawn' }).where(eq(enrollments.id, bai));
    view = (await director.get(base)).json() as LogisticsView;
    expect(view.hotels[0]?.rooms[0]?.occupants.map((o) => o.name)).toEqual(['安一']);
    expect(view.trainees.map((x) => x.name)).not.toContain('白二');
    expect(fields(await put(bai, roomId(hotel, '101')))).toEqual(['enrollmentId:enrollment_withdrawn']);
    expect(fields(await put(gao, roomId(hotel, '101')))).toEqual(['roomId:room_gender']);
    const elsewhere = await newClass();
    const stranger = await enrolOne(elsewhere.id, { name: '外班' });
    expect((await put(stranger, roomId(hotel, '101'))).statusCode).toBe(404);

    // Out of a room, then an empty room and hotel go.
    res = await put(an, null);
    expect(res.json()).toMatchObject({ roomId: null, roomLabel: null });
    expect((await director.delete(`${base}/rooms/${roomId(hotel, '101')}`)).statusCode).toBe(204);
    for (const id of [chen, ding, fang, gao]) expect((await put(id, null)).statusCode).toBe(200);
    res = await director.delete(`${base}/hotels/${hotel.id}`);
    expect(res.statusCode, res.body).toBe(204);
    expect(await t.database.db.select().from(classHotels).where(eq(classHotels.classId, klass.id))).toEqual(
      [],
    );
  }, 60_000);

  it('two assignments to the last bed at once: one 200, one 409 room_full', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}/logistics`;
    const hotel = await hotelWithRooms(base, [{ number: '301', beds: 2 }]);
    const room = roomId(hotel, '301');
    const first = await enrolOne(klass.id, { name: '甲' });
    expect((await director.put(`${base}/assignments/${first}`, { roomId: room })).statusCode).toBe(200);
    const a = await enrolOne(klass.id, { name: '乙' });
    const b = await enrolOne(klass.id, { name: '丙' });
    const responses = await Promise.all(
      [a, b].map((id) => director.put(`${base}/assignments/${id}`, { roomId: room })),
    );
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const refused = responses.find((r) => r.statusCode === 409) as LightMyRequestResponse;
    expect(fields(refused)).toEqual(['roomId:room_full']);
    const view = (await director.get(base)).json() as LogisticsView;
    expect(view.hotels[0]?.rooms[0]?.occupants).toHaveLength(2);
  }, 60_000);
});

describe('needs, pick-ups, materials and the trainee', () => {
  let base: string;
  let klassId: string;
  let me: string;
  let mate: string;
  let materialId: string;
  const trainKey = 'train:G1234:2030-03-09';

  beforeAll(async () => {
    const klass = await newClass({ name: '恩施州乡村振兴专题培训班' });
    klassId = klass.id;
    base = `/api/v1/classes/${klass.id}/logistics`;
    const train = { at: '2030-03-09T14:00:00+08:00', transport: 'train' as const, number: 'g1234' };
    me = await enrolOne(klass.id, { name: '刘学员', userId: traineeId, arrival: train });
    mate = await enrolOne(klass.id, {
      name: '马同学',
      arrival: { ...train, at: '2030-03-09T13:55:00+08:00', number: 'G1234' },
    });
    await enrolOne(klass.id, {
      name: '范飞',
      arrival: { at: '2030-03-09T10:00:00+08:00', transport: 'flight', number: 'CZ3325' },
    });
    await enrolOne(klass.id, { name: '车自驾', arrival: { at: null, transport: 'car' } });
    await enrolOne(klass.id, { name: '吴未填', arrival: { at: null, transport: 'train' } });
    const gone = await enrolOne(klass.id, { name: '退学员' });
    await director.put(`${base}/trainees/${gone}`, { dietaryNeed: 'vegetarian' });
    await t.database.db.update(enrollments).set({ status: 'withdrawn' }).where(eq(enrollments.id, gone));
  }, 60_000);

  it('counts meals by need (withdrawn trainees never), refuses an unknown need', async () => {
    let res = await director.put(`${base}/trainees/${mate}`, { dietaryNeed: 'halal' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditOf(t, res)).map((a) => [a.action, a.changes])).toEqual([
      ['logistics.needs.update', { dietaryNeed: [null, 'halal'] }],
    ]);
    res = await director.put(`${base}/trainees/${mate}`, { dietaryNeed: 'paleo' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)[0]).toMatch(/^dietaryNeed:/);
    res = await trainee.put(`${base}/me`, { dietaryNeed: 'vegetarian', dietaryNote: '不吃蛋' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ dietaryNeed: 'vegetarian', dietaryNote: '不吃蛋', canEdit: true });
    const view = (await director.get(base)).json() as LogisticsView;
    expect(view.meals).toEqual({
      counts: { none: 3, halal: 1, vegetarian: 1, no_pork: 0, diabetic: 0, allergy: 0, other: 0 },
      total: 5,
    });
  });

  it('groups arrivals into pick-ups and keeps the arrangement by key', async () => {
    let view = (await director.get(base)).json() as LogisticsView;
    expect(view.pickUps.map((p) => [p.key, p.at, p.trainees.map((x) => x.name)])).toEqual([
      ['flight:CZ3325:2030-03-09', '2030-03-09T02:00:00.000Z', ['范飞']],
      [trainKey, '2030-03-09T05:55:00.000Z', ['刘学员', '马同学']],
    ]);
    expect(view.withoutArrival.map((x) => x.name)).toEqual(['吴未填']);
    const res = await director.put(`${base}/pick-ups/${encodeURIComponent(trainKey)}`, {
      vehicle: '鄂Q·A2618 中巴',
      driver: '向师傅',
      driverPhone: '13907182618',
      note: '出站口 2 号门',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ key: trainKey, vehicle: '鄂Q·A2618 中巴', driver: '向师傅' });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['logistics.pickup.update']);
    view = (await director.get(base)).json() as LogisticsView;
    expect(view.pickUps[1]).toMatchObject({ key: trainKey, driverPhone: '13907182618' });
    const unknown = await director.put(
      `${base}/pick-ups/${encodeURIComponent('train:G9999:2030-03-09')}`,
      {},
    );
    expect(unknown.statusCode).toBe(404);
    expect(await t.database.db.select().from(pickUpArrangements)).toHaveLength(1);
  });

  it('hands materials out once each, takes marks back, and refuses ids outside the class', async () => {
    let res = await director.post(`${base}/materials`, { name: '《学习读本》' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ name: '《学习读本》', quantityPerTrainee: 1, handed: 0, total: 5 });
    materialId = res.json().id;
    expect(fields(await director.post(`${base}/materials`, { name: '《学习读本》' }))).toEqual([
      'name:material_name_taken',
    ]);
    const url = `${base}/materials/${materialId}/handouts`;
    res = await director.post(url, { enrollmentIds: [me, mate] });
    expect(res.json()).toMatchObject({ handed: 2, total: 5 });
    res = await director.post(url, { enrollmentIds: [me, mate] });
    expect(res.json()).toMatchObject({ handed: 2 });
    expect(await auditOf(t, res)).toEqual([]);
    expect(
      await t.database.db.select().from(materialHandouts).where(eq(materialHandouts.materialId, materialId)),
    ).toHaveLength(2);
    res = await director.post(url, { enrollmentIds: [me, crypto.randomUUID()] });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['enrollmentIds.1:not_class_trainee']);
    res = await director.post(url, { enrollmentIds: [mate], handed: false });
    expect(res.json()).toMatchObject({ handed: 1 });
    res = await director.patch(`${base}/materials/${materialId}`, { quantityPerTrainee: 2 });
    expect(res.json()).toMatchObject({ name: '《学习读本》', quantityPerTrainee: 2, handed: 1 });
  });

  it('shows the trainee their room, roommates (names), pick-up and materials; closes after the last day', async () => {
    const hotel = await hotelWithRooms(base, [{ number: '305', beds: 2 }]);
    for (const id of [me, mate])
      await director.put(`${base}/assignments/${id}`, { roomId: roomId(hotel, '305') });
    let res = await trainee.get(`${base}/me`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json() as MyLogisticsView).toEqual({
      classId: klassId,
      className: '恩施州乡村振兴专题培训班',
      room: {
        hotel: '恩施州委党校学员公寓',
        address: null,
        phone: '0718-8226000',
        number: '305',
        roommates: ['马同学'],
      },
      dietaryNeed: 'vegetarian',
      dietaryNote: '不吃蛋',
      singleRoom: false,
      pickUp: {
        at: '2030-03-09T05:55:00.000Z',
        transport: 'train',
        number: 'G1234',
        vehicle: '鄂Q·A2618 中巴',
        driver: '向师傅',
        driverPhone: '13907182618',
        note: '出站口 2 号门',
      },
      materials: [{ name: '《学习读本》', quantity: 2, handed: true }],
      canEdit: true,
    });
    const clock = t.services.logistics.clock;
    t.services.logistics.clock = () => new Date('2030-03-13T08:00:00+08:00');
    try {
      expect((await trainee.get(`${base}/me`)).json()).toMatchObject({ canEdit: false });
      res = await trainee.put(`${base}/me`, { dietaryNeed: 'none' });
      expect(res.statusCode).toBe(409);
      expect(fields(res)).toEqual(['classId:logistics_closed']);
    } finally {
      t.services.logistics.clock = clock;
    }
  });

  it('exports the four sheets with their rows (audited)', async () => {
    const res = await director.get(`/api/v1/classes/${klassId}/logistics.xlsx`);
    expect(res.statusCode, res.body).toBe(200);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['logistics.export']);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(res.rawPayload as unknown as ExcelJS.Buffer);
    expect(book.worksheets.map((s) => s.name)).toEqual(['住宿', '用餐', '接站', '物资']);
    const rows = (name: string) => {
      const out: unknown[][] = [];
      book.getWorksheet(name)?.eachRow((row, n) => {
        if (n > 2) out.push((row.values as unknown[]).slice(1));
      });
      return out;
    };
    expect(rows('住宿')).toEqual([
      ['恩施州委党校学员公寓', '305', 2, '男', 2, '刘学员、马同学'],
      ['未安排住宿', '', '', '', 3, '车自驾、范飞、吴未填'],
    ]);
    expect(rows('用餐')).toEqual([
      ['无特殊要求', 3, ''],
      ['清真', 1, '马同学'],
      ['素食', 1, '刘学员（不吃蛋）'],
      ['不食猪肉', 0, ''],
      ['糖尿病餐', 0, ''],
      ['食物过敏', 0, ''],
      ['其他', 0, ''],
      ['合计', 5, ''],
    ]);
    expect(rows('接站')).toEqual([
      ['2030-03-09 10:00', '航班 CZ3325', 1, '范飞', '', '', '', ''],
      [
        '2030-03-09 13:55',
        '火车 G1234',
        2,
        '刘学员、马同学',
        '鄂Q·A2618 中巴',
        '向师傅',
        '13907182618',
        '出站口 2 号门',
      ],
      ['未填到达时间', '', 1, '吴未填', '', '', '', ''],
    ]);
    expect(rows('物资')).toEqual([['《学习读本》', 2, 1, 5, '车自驾、范飞、马同学、吴未填', '']]);
  });

  it('shows service satisfaction from the class form from the minimum of responses', async () => {
    expect(((await director.get(base)).json() as LogisticsView).satisfaction).toBeNull();
    const [form] = await t.database.db
      .insert(surveyForms)
      .values({
        classId: klassId,
        target: 'class',
        title: DEFAULT_CLASS_TEMPLATE.name,
        questions: structuredClone(DEFAULT_CLASS_TEMPLATE.questions) as unknown as SurveyQuestion[],
        opensAt: new Date('2030-03-12T08:00:00+08:00'),
        closesAt: new Date('2030-03-19T08:00:00+08:00'),
      })
      .returning();
    const answers = [
      { organisation: 5, services: 5, accommodation: 4, meals: 3, transport: 5, overall: 5 },
      { organisation: 5, services: 4, accommodation: 4, meals: 4, transport: 5, overall: 5 },
      { organisation: 4, services: 4, accommodation: 5, meals: 3, overall: 4 },
      { organisation: 5, services: 5, accommodation: 3, meals: 4, transport: 4, overall: 5 },
      { organisation: 5, services: 5, overall: 5 },
    ];
    await t.database.db
      .insert(surveyResponses)
      .values(answers.slice(0, 4).map((a) => ({ formId: form?.id as string, answers: a })));
    let view = (await director.get(base)).json() as LogisticsView;
    expect(view.satisfaction).toEqual({
      responses: 4,
      minResponses: 5,
      ratings: { services: null, accommodation: null, meals: null, transport: null },
    });
    await t.database.db
      .insert(surveyResponses)
      .values({ formId: form?.id as string, answers: answers[4] as Record<string, number> });
    view = (await director.get(base)).json() as LogisticsView;
    expect(view.satisfaction).toEqual({
      responses: 5,
      minResponses: 5,
      ratings: { services: 4.6, accommodation: 4, meals: 3.5, transport: 4.67 },
    });
  });
});

describe('reach and bad input', () => {
  it('keeps staff of other classes, trainees and strangers out', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}/logistics`;
    expect((await director.get(base)).statusCode).toBe(200);
    expect((await otherDirector.get(base)).statusCode).toBe(403);
    expect((await otherDirector.post(`${base}/hotels`, { name: '某酒店' })).statusCode).toBe(403);
    expect((await otherDirector.get(`/api/v1/classes/${klass.id}/logistics.xlsx`)).statusCode).toBe(403);
    expect((await trainee.get(base)).statusCode).toBe(403);
    const liaison = (await as('unit_liaison', unitA)).client;
    expect((await liaison.post(`${base}/allocation`, {})).statusCode).toBe(403);
    // A trainee reads /me only of a class they are enrolled in.
    const res = await trainee.get(`${base}/me`);
    expect(res.statusCode).toBe(403);
    expect(fields(res)).toEqual(['classId:not_enrolled']);
    expect((await trainee.get(`/api/v1/classes/${crypto.randomUUID()}/logistics/me`)).statusCode).toBe(404);
    expect((await director.get(`/api/v1/classes/${crypto.randomUUID()}/logistics`)).statusCode).toBe(404);
  });

  it('answers bad input with 4xx and field paths', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}/logistics`;
    const hotel = await hotelWithRooms(base, [{ number: '1', beds: 1 }]);
    const cases: [LightMyRequestResponse, number, string][] = [
      [await director.post(`${base}/hotels`, { name: '' }), 400, 'name'],
      [await director.post(`${base}/hotels`, { name: '恩施州委党校学员公寓' }), 409, 'name'],
      [await director.patch(`${base}/rooms/${roomId(hotel, '1')}`, { beds: 9 }), 400, 'beds'],
      [await director.post(`${base}/allocation`, { hotelId: crypto.randomUUID() }), 400, 'hotelId'],
      [await director.post(`${base}/allocation`, { order: 'age' }), 400, 'order'],
      [await director.put(`${base}/pick-ups/x`, { driverPhone: '1'.repeat(30) }), 400, 'driverPhone'],
      [
        await director.post(`${base}/materials`, { name: '学员证', quantityPerTrainee: 0 }),
        400,
        'quantityPerTrainee',
      ],
      [
        await director.post(`${base}/materials/${crypto.randomUUID()}/handouts`, { enrollmentIds: [] }),
        400,
        'enrollmentIds',
      ],
    ];
    for (const [res, status, path] of cases) {
      expect(res.statusCode, res.body).toBe(status);
      expect(
        fields(res).some((f: string) => f.startsWith(`${path}:`)),
        res.body,
      ).toBe(true);
    }
    expect((await director.patch(`${base}/hotels/${crypto.randomUUID()}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect((await director.delete(`${base}/materials/${crypto.randomUUID()}`)).statusCode).toBe(404);
    expect((await director.put(`${base}/pick-ups/x`, {})).statusCode).toBe(404);
  });
});

describe('the demo', () => {
  it('houses, feeds, meets and equips the class in progress, once', async () => {
    const klass = await newClass({ name: LOGISTICS_DEMO_CLASS });
    const train = (n: number) => ({
      at: `2030-03-09T16:${10 + n}:00+08:00`,
      transport: 'train' as const,
      number: `G${1000 + n}`,
    });
    for (const [i, name] of ['向一', '田二', '覃三', '谭四'].entries())
      await enrolOne(klass.id, { name, arrival: train(i), checkedIn: i !== 3 });
    for (const name of ['黄五', '李六'])
      await enrolOne(klass.id, { name, gender: 'female', checkedIn: true, unitId: unitB });
    const ctx = systemContext('test');
    const line = await loadLogisticsDemo(t.database.db, ctx);
    expect(line).toMatch(/6 trainees placed \(0 without a bed\)/);
    expect(await loadLogisticsDemo(t.database.db, ctx)).toBe('logistics: already loaded');
    const view = await t.services.logistics.view(klass.id);
    expect(view.hotels.map((h) => [h.name, h.rooms.length, h.occupied])).toEqual([
      ['恩施州委党校学员公寓', 7, 6],
    ]);
    const women = view.hotels[0]?.rooms.filter((r) => r.occupants.some((o) => o.gender === 'female'));
    expect(women?.map((r) => [r.number, r.gender])).toEqual([['301', 'female']]);
    const men = view.hotels[0]?.rooms.filter((r) => r.occupants.some((o) => o.gender === 'male'));
    expect(men?.map((r) => [r.number, r.gender])).toEqual([
      ['201', 'male'],
      ['202', 'male'],
    ]);
    expect(view.meals.counts).toMatchObject({ halal: 1, vegetarian: 0, none: 5 });
    const bus = view.pickUps.find((p) => p.vehicle);
    expect(bus).toMatchObject({ number: 'D5102', driver: '向师傅' });
    expect(bus?.trainees).toHaveLength(3);
    expect(view.materials.map((m) => [m.name, m.handed, m.total])).toEqual([
      ['《学习读本》', 5, 6],
      ['学员证', 5, 6],
    ]);
  });
});
