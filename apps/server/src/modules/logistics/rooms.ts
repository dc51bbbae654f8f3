import { type HotelBody, type RoomBody, roomProblem } from '@ganxun/domain';
import { and, eq, inArray, max, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import {
  classHotels,
  classRooms,
  enrollmentServices,
  enrollments,
  people,
  roomAssignments,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { type Occupant, roomChangeProblems, slotOf } from './policy.js';
import { type TraineeRow, traineesOf } from './query.js';

/**
 * Writes of accommodation: hotels, rooms and one trainee's bed (allocation.ts: everyone without
 * one). Each runs inside the caller's transaction, audited there. A bed is taken under a lock on
 * its room (SELECT … FOR UPDATE), so two assignments to the last bed never both succeed.
 */

type Changes = Record<string, [unknown, unknown]>;

/** The fields of `patch` whose value differs from `before`, as audit changes. */
function changesOf<T extends object>(before: T, patch: Partial<T>): Changes {
  const out: Changes = {};
  for (const [k, v] of Object.entries(patch)) {
    const was = before[k as keyof T] ?? null;
    if (v !== undefined && JSON.stringify(was) !== JSON.stringify(v ?? null)) out[k] = [was, v];
  }
  return out;
}

/** Enrolled trainees sleeping in each of the rooms (withdrawn ones no longer hold a bed). */
export async function occupantsOf(
  tx: Tx,
  roomIds: readonly string[],
): Promise<Map<string, (Occupant & { enrollmentId: string })[]>> {
  const out = new Map<string, (Occupant & { enrollmentId: string })[]>();
  if (roomIds.length === 0) return out;
  const rows = await tx
    .select({
      roomId: roomAssignments.roomId,
      enrollmentId: roomAssignments.enrollmentId,
      gender: people.gender,
      singleRoom: enrollmentServices.singleRoom,
    })
    .from(roomAssignments)
    .innerJoin(
      enrollments,
      and(eq(enrollments.id, roomAssignments.enrollmentId), eq(enrollments.status, 'enrolled')),
    )
    .innerJoin(people, eq(people.id, enrollments.personId))
    .leftJoin(enrollmentServices, eq(enrollmentServices.enrollmentId, roomAssignments.enrollmentId))
    .where(inArray(roomAssignments.roomId, [...roomIds]));
  for (const r of rows) {
    const list = out.get(r.roomId) ?? [];
    list.push({ enrollmentId: r.enrollmentId, gender: r.gender, singleRoom: r.singleRoom ?? false });
    out.set(r.roomId, list);
  }
  return out;
}

async function lockHotel(tx: Tx, classId: string, hotelId: string) {
  const [hotel] = await tx
    .select()
    .from(classHotels)
    .where(and(eq(classHotels.id, hotelId), eq(classHotels.classId, classId)))
    .for('update');
  if (!hotel) throw AppError.notFound();
  return hotel;
}

async function lockRoom(tx: Tx, classId: string, roomId: string) {
  const [room] = await tx
    .select()
    .from(classRooms)
    .where(and(eq(classRooms.id, roomId), eq(classRooms.classId, classId)))
    .for('update');
  return room;
}

export async function createHotel(tx: Tx, ctx: RequestContext, classId: string, body: HotelBody) {
  const [last] = await tx
    .select({ n: max(classHotels.sortOrder) })
    .from(classHotels)
    .where(eq(classHotels.classId, classId));
  const [row] = await tx
    .insert(classHotels)
    .values({ classId, ...body, sortOrder: (last?.n ?? -1) + 1 })
    .onConflictDoNothing()
    .returning();
  if (!row) throw AppError.field('CONFLICT', 'name', 'hotel_name_taken');
  await recordAudit(tx, ctx, {
    action: 'logistics.hotel.create',
    entityType: 'class_hotel',
    entityId: row.id,
    changes: body,
    detail: { classId },
  });
  return row;
}

export async function updateHotel(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  hotelId: string,
  body: Partial<HotelBody>,
) {
  const before = await lockHotel(tx, classId, hotelId);
  const changes = changesOf(before, body);
  if (Object.keys(changes).length === 0) return;
  if (changes.name) {
    const [taken] = await tx
      .select({ id: classHotels.id })
      .from(classHotels)
      .where(
        and(
          eq(classHotels.classId, classId),
          eq(classHotels.name, body.name as string),
          ne(classHotels.id, hotelId),
        ),
      );
    if (taken) throw AppError.field('CONFLICT', 'name', 'hotel_name_taken');
  }
  await tx
    .update(classHotels)
    .set(Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])))
    .where(eq(classHotels.id, hotelId));
  await recordAudit(tx, ctx, {
    action: 'logistics.hotel.update',
    entityType: 'class_hotel',
    entityId: hotelId,
    changes,
    detail: { classId },
  });
}

/** Deletes a hotel and its rooms; refused (409) while an enrolled trainee sleeps there. */
export async function deleteHotel(tx: Tx, ctx: RequestContext, classId: string, hotelId: string) {
  const hotel = await lockHotel(tx, classId, hotelId);
  const rooms = await tx
    .select({ id: classRooms.id })
    .from(classRooms)
    .where(eq(classRooms.hotelId, hotelId));
  const occupants = await occupantsOf(
    tx,
    rooms.map((r) => r.id),
  );
  const sleeping = [...occupants.values()].reduce((a, list) => a + list.length, 0);
  if (sleeping > 0) throw AppError.field('CONFLICT', 'hotelId', 'hotel_occupied', sleeping);
  await tx.delete(classHotels).where(eq(classHotels.id, hotelId));
  await recordAudit(tx, ctx, {
    action: 'logistics.hotel.delete',
    entityType: 'class_hotel',
    entityId: hotelId,
    detail: { classId, name: hotel.name, rooms: rooms.length },
  });
}

/** Adds rooms to a hotel, all or none: a number used twice (in the body or the hotel) → 409. */
export async function addRooms(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  hotelId: string,
  rooms: readonly RoomBody[],
) {
  await lockHotel(tx, classId, hotelId);
  const taken = new Set(
    (
      await tx.select({ number: classRooms.number }).from(classRooms).where(eq(classRooms.hotelId, hotelId))
    ).map((r) => r.number),
  );
  const problems: FieldProblem[] = [];
  for (const [i, room] of rooms.entries()) {
    if (taken.has(room.number))
      problems.push({ path: `rooms.${i}.number`, key: 'room_number_taken', x: room.number });
    taken.add(room.number);
  }
  if (problems.length) throw new AppError('CONFLICT', { fields: problems });
  await tx.insert(classRooms).values(rooms.map((r) => ({ ...r, hotelId, classId })));
  await recordAudit(tx, ctx, {
    action: 'logistics.rooms.create',
    entityType: 'class_hotel',
    entityId: hotelId,
    detail: { classId, count: rooms.length, numbers: rooms.map((r) => r.number) },
  });
}

/** Changes a room; beds never below its sleepers, its gender never against theirs (409). */
export async function updateRoom(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  roomId: string,
  body: Partial<RoomBody>,
) {
  const before = await lockRoom(tx, classId, roomId);
  if (!before) throw AppError.notFound();
  const changes = changesOf(before, body);
  if (Object.keys(changes).length === 0) return before.hotelId;
  const occupants = (await occupantsOf(tx, [roomId])).get(roomId) ?? [];
  const problems = roomChangeProblems(body, occupants);
  if (changes.number) {
    const [taken] = await tx
      .select({ id: classRooms.id })
      .from(classRooms)
      .where(
        and(
          eq(classRooms.hotelId, before.hotelId),
          eq(classRooms.number, body.number as string),
          ne(classRooms.id, roomId),
        ),
      );
    if (taken) problems.push({ path: 'number', key: 'room_number_taken', x: body.number });
  }
  if (problems.length) throw new AppError('CONFLICT', { fields: problems });
  await tx
    .update(classRooms)
    .set(Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])))
    .where(eq(classRooms.id, roomId));
  await recordAudit(tx, ctx, {
    action: 'logistics.room.update',
    entityType: 'class_room',
    entityId: roomId,
    changes,
    detail: { classId, hotelId: before.hotelId },
  });
  return before.hotelId;
}

/** Deletes an empty room (409 while someone sleeps there). */
export async function deleteRoom(tx: Tx, ctx: RequestContext, classId: string, roomId: string) {
  const room = await lockRoom(tx, classId, roomId);
  if (!room) throw AppError.notFound();
  const sleeping = ((await occupantsOf(tx, [roomId])).get(roomId) ?? []).length;
  if (sleeping > 0) throw AppError.field('CONFLICT', 'roomId', 'room_occupied', sleeping);
  await tx.delete(classRooms).where(eq(classRooms.id, roomId));
  await recordAudit(tx, ctx, {
    action: 'logistics.room.delete',
    entityType: 'class_room',
    entityId: roomId,
    detail: { classId, hotelId: room.hotelId, number: room.number },
  });
}

/** An enrolment of the class that may get a bed or needs: 404 elsewhere, 409 when withdrawn. */
export async function enrolledTrainee(tx: Tx, classId: string, enrollmentId: string): Promise<TraineeRow> {
  const [row] = await tx
    .select({ classId: enrollments.classId, status: enrollments.status })
    .from(enrollments)
    .where(eq(enrollments.id, enrollmentId));
  if (!row || row.classId !== classId) throw AppError.notFound();
  if (row.status !== 'enrolled') throw AppError.field('CONFLICT', 'enrollmentId', 'enrollment_withdrawn');
  const [trainee] = await traineesOf(tx, classId, [enrollmentId]);
  if (!trainee) throw AppError.notFound();
  return trainee;
}

/**
 * Puts one trainee in a room (or out of any with null). The room is locked, its enrolled sleepers
 * counted and the domain's `roomProblem` asked: full, another gender, a single room → 409 `roomId`.
 */
export async function assignRoom(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  enrollmentId: string,
  roomId: string | null,
  actorId: string,
): Promise<void> {
  const trainee = await enrolledTrainee(tx, classId, enrollmentId);
  if (trainee.roomId === roomId) return;
  if (roomId === null) {
    await tx.delete(roomAssignments).where(eq(roomAssignments.enrollmentId, enrollmentId));
  } else {
    const room = await lockRoom(tx, classId, roomId);
    if (!room) throw AppError.field('VALIDATION_FAILED', 'roomId', 'room_unknown');
    const occupants = (await occupantsOf(tx, [roomId])).get(roomId) ?? [];
    const problem = roomProblem(slotOf(room, occupants), {
      id: enrollmentId,
      gender: trainee.gender,
      single: trainee.singleRoom,
    });
    if (problem) throw AppError.field('CONFLICT', 'roomId', problem);
    await tx
      .insert(roomAssignments)
      .values({ enrollmentId, roomId, classId, assignedBy: actorId })
      .onConflictDoUpdate({
        target: roomAssignments.enrollmentId,
        set: { roomId, assignedBy: actorId, assignedAt: sql`now()` },
      });
  }
  await recordAudit(tx, ctx, {
    action: 'logistics.assign',
    entityType: 'enrollment',
    entityId: enrollmentId,
    changes: { roomId: [trainee.roomId, roomId] },
    detail: { classId },
  });
}
