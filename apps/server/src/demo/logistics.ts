import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import {
  classes,
  classHotels,
  classRooms,
  enrollmentServices,
  enrollments,
  materialHandouts,
  pickUpArrangements,
  users,
} from '../db/schema/index.js';
import { allocate } from '../modules/logistics/allocation.js';
import { createMaterial } from '../modules/logistics/materials.js';
import { presentPickUps } from '../modules/logistics/presenter.js';
import { loadLogistics } from '../modules/logistics/query.js';
import { addRooms, createHotel } from '../modules/logistics/rooms.js';
import type { RequestContext } from '../platform/context.js';

/**
 * Logistics of the demo's class in progress (issue 9 item 4; 恩施市卫生健康系统管理干部能力提升班,
 * run by `enshi.bzr`): the party school's trainee apartments (men on the second floor, a women's
 * floor above, two beds a room) with everyone allocated by unit; one halal and one vegetarian
 * trainee; most train travellers on the same D-train from Wuhan the day before, met by a minibus
 * (of those with no arrival data yet, half drive, most others fly in, three are still missing);
 * the reader and the trainee badge handed to everyone who has checked in.
 */

export const LOGISTICS_DEMO_CLASS = '恩施市卫生健康系统管理干部能力提升班（东西部协作）';
const DIRECTOR = 'enshi.bzr';
const HOTEL = '恩施州委党校学员公寓';
const TRAIN = 'D5102';
const FLIGHT = 'MU2477';
const DAY_MS = 86_400_000;

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

export async function loadLogisticsDemo(db: Db, ctx: RequestContext): Promise<string> {
  const [klass] = await db.select().from(classes).where(eq(classes.name, LOGISTICS_DEMO_CLASS));
  if (!klass) return 'logistics: the class in progress is not loaded';
  const [seen] = await db
    .select({ id: classHotels.id })
    .from(classHotels)
    .where(eq(classHotels.classId, klass.id));
  if (seen) return 'logistics: already loaded';
  const [director] = await db.select({ id: users.id }).from(users).where(eq(users.username, DIRECTOR));
  const by = director?.id ?? null;
  const start = klass.startDate ?? new Date().toISOString().slice(0, 10);
  const dayBefore = new Date(new Date(`${start}T00:00:00+08:00`).getTime() - DAY_MS);
  const at = (hh: number, mm: number) => new Date(dayBefore.getTime() + (hh * 60 + mm) * 60_000);

  return db.transaction(async (tx) => {
    // Most who come by train take the same D-train from Wuhan; the others keep theirs.
    const byTrain = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.classId, klass.id),
          eq(enrollments.status, 'enrolled'),
          eq(enrollments.arrivalTransport, 'train'),
        ),
      )
      .orderBy(asc(enrollments.id));
    const sameTrain = byTrain.slice(0, Math.ceil((byTrain.length * 2) / 3)).map((r) => r.id);
    if (sameTrain.length)
      await tx
        .update(enrollments)
        .set({ arrivalNumber: TRAIN, arrivalAt: at(15, 42) })
        .where(inArray(enrollments.id, sameTrain));

    // Those with nothing on the roster: half drive, most others fly in; three are still missing.
    const unknown = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.classId, klass.id),
          eq(enrollments.status, 'enrolled'),
          isNull(enrollments.arrivalTransport),
        ),
      )
      .orderBy(asc(enrollments.id));
    const drive = unknown.filter((_, i) => i % 2 === 0).map((r) => r.id);
    const fly = unknown
      .filter((_, i) => i % 2 === 1)
      .slice(0, -3)
      .map((r) => r.id);
    if (drive.length)
      await tx.update(enrollments).set({ arrivalTransport: 'car' }).where(inArray(enrollments.id, drive));
    if (fly.length)
      await tx
        .update(enrollments)
        .set({ arrivalTransport: 'flight', arrivalNumber: FLIGHT, arrivalAt: at(11, 20) })
        .where(inArray(enrollments.id, fly));

    const hotel = await createHotel(tx, ctx, klass.id, {
      name: HOTEL,
      address: '恩施市施州大道 68 号',
      phone: '0718-8226000',
    });
    // Men on the second floor, the women's floor above, two beds a room and a few spare.
    const roster = (await loadLogistics(tx, klass.id)).trainees;
    const floor = (gender: 'male' | 'female', first: number) =>
      range(first, first + Math.ceil(roster.filter((t) => t.gender === gender).length / 2) + 1).map((n) => ({
        number: String(n),
        beds: 2,
        gender,
      }));
    await addRooms(tx, ctx, klass.id, hotel.id, [...floor('male', 201), ...floor('female', 301)]);

    const needs = [
      { trainee: roster[3], dietaryNeed: 'halal' as const, dietaryNote: null },
      { trainee: roster[8], dietaryNeed: 'vegetarian' as const, dietaryNote: '不食蛋奶' },
    ].filter((n) => n.trainee);
    if (needs.length)
      await tx.insert(enrollmentServices).values(
        needs.map((n) => ({
          enrollmentId: n.trainee?.enrollmentId as string,
          classId: klass.id,
          dietaryNeed: n.dietaryNeed,
          dietaryNote: n.dietaryNote,
          updatedBy: by,
        })),
      );

    const allocation = await allocate(tx, ctx, klass.id, { hotelId: null, order: 'unit', dryRun: false }, by);

    const data = await loadLogistics(tx, klass.id);
    const trains = presentPickUps(data.trainees, data.arrangements).pickUps.filter(
      (p) => p.transport === 'train',
    );
    const biggest = trains.sort((a, b) => b.trainees.length - a.trainees.length)[0];
    if (biggest)
      await tx.insert(pickUpArrangements).values({
        classId: klass.id,
        key: biggest.key,
        vehicle: '鄂Q·A2618 中巴（33座）',
        driver: '向师傅',
        driverPhone: '13907182618',
        note: '恩施站出站口举牌接站',
        updatedBy: by,
      });

    const reader = await createMaterial(tx, ctx, klass.id, {
      name: '《学习读本》',
      quantityPerTrainee: 1,
      note: '报到时发放',
    });
    const badge = await createMaterial(tx, ctx, klass.id, {
      name: '学员证',
      quantityPerTrainee: 1,
      note: null,
    });
    const checkedIn = await tx
      .select({ id: enrollments.id })
      .from(enrollments)
      .where(
        and(
          eq(enrollments.classId, klass.id),
          eq(enrollments.status, 'enrolled'),
          isNotNull(enrollments.checkedInAt),
        ),
      );
    if (checkedIn.length)
      await tx
        .insert(materialHandouts)
        .values(
          [reader, badge].flatMap((m) =>
            checkedIn.map((e) => ({ materialId: m.id, enrollmentId: e.id, handedBy: by })),
          ),
        );
    const rooms = await tx
      .select({ id: classRooms.id })
      .from(classRooms)
      .where(eq(classRooms.hotelId, hotel.id));
    return `logistics: ${HOTEL} with ${rooms.length} rooms, ${allocation.assigned.length} trainees placed (${allocation.unplaced.length} without a bed), ${needs.length} dietary needs, ${biggest ? `a minibus for ${biggest.trainees.length} on ${biggest.number}` : 'no train group'}, 2 materials handed to ${checkedIn.length}`;
  });
}
