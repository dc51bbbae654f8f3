import type { DietaryNeed } from '@ganxun/domain';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classHotels,
  classMaterials,
  classRooms,
  enrollmentServices,
  enrollments,
  materialHandouts,
  people,
  pickUpArrangements,
  regions,
  roomAssignments,
  surveyForms,
  units,
} from '../../db/schema/index.js';
import { classSettingsOf } from '../surveys/forms.js';
import { aggregatesOf } from '../surveys/results.js';

/**
 * What the logistics views are made of, read in a few queries per class. Only enrolled trainees
 * count anywhere: a withdrawn trainee's bed, meal and materials are free again (their rows stay).
 */

export type HotelRow = typeof classHotels.$inferSelect;
export type RoomRow = typeof classRooms.$inferSelect;
export type MaterialRow = typeof classMaterials.$inferSelect;
export type ArrangementRow = typeof pickUpArrangements.$inferSelect;

export interface TraineeRow {
  enrollmentId: string;
  userId: string | null;
  name: string;
  gender: 'male' | 'female';
  unitName: string | null;
  regionCode: string | null;
  regionName: string | null;
  roomId: string | null;
  dietaryNeed: DietaryNeed | null;
  dietaryNote: string | null;
  singleRoom: boolean;
  arrivalAt: Date | null;
  arrivalTransport: string | null;
  arrivalNumber: string | null;
}

export interface LogisticsData {
  hotels: HotelRow[];
  rooms: RoomRow[];
  /** Enrolled trainees by name (pinyin). */
  trainees: TraineeRow[];
  materials: MaterialRow[];
  /** Material ids handed to each enrolled trainee. */
  handed: Map<string, string[]>;
  arrangements: ArrangementRow[];
}

/** The class's enrolled trainees with their unit, region, needs and bed (or only `enrollmentIds`). */
export async function traineesOf(
  exec: Executor,
  classId: string,
  enrollmentIds?: readonly string[],
): Promise<TraineeRow[]> {
  return exec
    .select({
      enrollmentId: enrollments.id,
      userId: people.userId,
      name: people.name,
      gender: people.gender,
      unitName: units.name,
      regionCode: units.regionCode,
      regionName: regions.name,
      roomId: roomAssignments.roomId,
      dietaryNeed: enrollmentServices.dietaryNeed,
      dietaryNote: enrollmentServices.dietaryNote,
      singleRoom: enrollmentServices.singleRoom,
      arrivalAt: enrollments.arrivalAt,
      arrivalTransport: enrollments.arrivalTransport,
      arrivalNumber: enrollments.arrivalNumber,
    })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(units, eq(units.id, people.unitId))
    .leftJoin(regions, eq(regions.code, units.regionCode))
    .leftJoin(enrollmentServices, eq(enrollmentServices.enrollmentId, enrollments.id))
    .leftJoin(roomAssignments, eq(roomAssignments.enrollmentId, enrollments.id))
    .where(
      and(
        eq(enrollments.classId, classId),
        eq(enrollments.status, 'enrolled'),
        enrollmentIds ? inArray(enrollments.id, [...enrollmentIds]) : undefined,
      ),
    )
    .orderBy(asc(people.namePinyin), asc(enrollments.id))
    .then((rows) => rows.map((r) => ({ ...r, singleRoom: r.singleRoom ?? false })));
}

/** A natural order of room numbers (302 before 1001, 3-2 before 3-10). */
export const byRoomNumber = (a: { number: string }, b: { number: string }) =>
  a.number.localeCompare(b.number, 'zh-CN', { numeric: true });

export async function hotelsOf(exec: Executor, classId: string): Promise<HotelRow[]> {
  return exec
    .select()
    .from(classHotels)
    .where(eq(classHotels.classId, classId))
    .orderBy(asc(classHotels.sortOrder), asc(classHotels.createdAt), asc(classHotels.name));
}

export async function roomsOf(exec: Executor, classId: string, hotelId?: string): Promise<RoomRow[]> {
  const rows = await exec
    .select()
    .from(classRooms)
    .where(and(eq(classRooms.classId, classId), hotelId ? eq(classRooms.hotelId, hotelId) : undefined));
  return rows.sort(byRoomNumber);
}

export async function materialsOf(exec: Executor, classId: string): Promise<MaterialRow[]> {
  return exec
    .select()
    .from(classMaterials)
    .where(eq(classMaterials.classId, classId))
    .orderBy(asc(classMaterials.sortOrder), asc(classMaterials.createdAt), asc(classMaterials.name));
}

/** Everything of a class's logistics, for its views and its workbook. */
export async function loadLogistics(exec: Executor, classId: string): Promise<LogisticsData> {
  const [hotels, rooms, trainees, materials, handouts, arrangements] = [
    await hotelsOf(exec, classId),
    await roomsOf(exec, classId),
    await traineesOf(exec, classId),
    await materialsOf(exec, classId),
    await exec
      .select({ materialId: materialHandouts.materialId, enrollmentId: materialHandouts.enrollmentId })
      .from(materialHandouts)
      .innerJoin(classMaterials, eq(classMaterials.id, materialHandouts.materialId))
      .where(eq(classMaterials.classId, classId))
      .orderBy(asc(classMaterials.sortOrder), asc(classMaterials.createdAt)),
    await exec.select().from(pickUpArrangements).where(eq(pickUpArrangements.classId, classId)),
  ];
  const handed = new Map<string, string[]>();
  for (const h of handouts) {
    const list = handed.get(h.enrollmentId) ?? [];
    list.push(h.materialId);
    handed.set(h.enrollmentId, list);
  }
  return { hotels, rooms, trainees, materials, handed, arrangements };
}

/** The rating questions of the class form that speak of services (issue 9). */
export const SERVICE_QUESTIONS = ['services', 'accommodation', 'meals', 'transport'] as const;

/**
 * Service satisfaction from the class's evaluation form: the mean of each service question, shown
 * from the class's minimum number of responses (as every evaluation result). Null without a form.
 */
export async function serviceSatisfaction(
  exec: Executor,
  classId: string,
): Promise<{ responses: number; minResponses: number; ratings: Record<string, number | null> } | null> {
  const [form] = await exec
    .select()
    .from(surveyForms)
    .where(
      and(eq(surveyForms.classId, classId), isNull(surveyForms.sessionId), isNull(surveyForms.withdrawnAt)),
    );
  if (!form) return null;
  const { minResponses } = await classSettingsOf(exec, classId);
  const aggregate = (await aggregatesOf(exec, [form])).get(form.id);
  const responses = aggregate?.responses ?? 0;
  const shown = responses >= minResponses;
  const ratings: Record<string, number | null> = {};
  for (const id of SERVICE_QUESTIONS) {
    const q = aggregate?.questions.find((x) => x.id === id);
    ratings[id] = shown && q?.kind === 'rating' ? q.mean : null;
  }
  return { responses, minResponses, ratings };
}
