import { type AllocationBody, type AllocationResult, allocateRooms } from '@ganxun/domain';
import { asc, eq } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classRooms, roomAssignments } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { slotOf } from './policy.js';
import { roomLabel } from './presenter.js';
import { byRoomNumber, hotelsOf, type TraineeRow, traineesOf } from './query.js';
import { occupantsOf } from './rooms.js';

const collator = new Intl.Collator('zh-CN');
const orderers: Record<AllocationBody['order'], (a: TraineeRow, b: TraineeRow) => number> = {
  // Trainees come sorted by name (pinyin); a stable sort keeps that order inside a unit or region.
  unit: (a, b) => collator.compare(a.unitName ?? '', b.unitName ?? ''),
  region: (a, b) =>
    (a.regionCode ?? '').localeCompare(b.regionCode ?? '') ||
    collator.compare(a.unitName ?? '', b.unitName ?? ''),
  name: () => 0,
};

/**
 * Allocates every enrolled trainee without a bed (domain `allocateRooms`) to the class's rooms (or
 * one hotel's), colleagues side by side in `order`. The rooms are locked for the whole run; a dry
 * run writes nothing, a real one inserts all beds and one audit event with the counts.
 */
export async function allocate(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  body: AllocationBody,
  actorId: string | null,
): Promise<AllocationResult> {
  const hotels = await hotelsOf(tx, classId);
  if (body.hotelId && !hotels.some((h) => h.id === body.hotelId))
    throw AppError.field('VALIDATION_FAILED', 'hotelId', 'hotel_unknown');
  const hotelOf = new Map(hotels.map((h) => [h.id, h]));
  // Every room of the class is locked (not only the hotel's), so a bed given by hand meanwhile
  // waits for this run or is seen by it: nobody gets two beds.
  const locked = await tx
    .select()
    .from(classRooms)
    .where(eq(classRooms.classId, classId))
    .orderBy(asc(classRooms.id))
    .for('update');
  const rooms = locked.filter((r) => !body.hotelId || r.hotelId === body.hotelId);
  // Fill hotels in their order, rooms by number.
  const hotelRank = new Map(hotels.map((h, i) => [h.id, i]));
  rooms.sort(
    (a, b) => (hotelRank.get(a.hotelId) ?? 0) - (hotelRank.get(b.hotelId) ?? 0) || byRoomNumber(a, b),
  );
  const occupants = await occupantsOf(
    tx,
    rooms.map((r) => r.id),
  );
  const sleepers = (await traineesOf(tx, classId)).filter((t) => !t.roomId).sort(orderers[body.order]);
  const result = allocateRooms(
    rooms.map((r) => slotOf(r, occupants.get(r.id) ?? [])),
    sleepers.map((s) => ({ id: s.enrollmentId, gender: s.gender, single: s.singleRoom })),
  );
  const nameOf = new Map(sleepers.map((s) => [s.enrollmentId, s.name]));
  const roomOf = new Map(rooms.map((r) => [r.id, r]));
  const labelOf = (roomId: string) => {
    const room = roomOf.get(roomId);
    const hotel = room && hotelOf.get(room.hotelId);
    return room && hotel ? roomLabel(hotel, room) : '';
  };
  if (!body.dryRun) {
    if (result.assigned.length) {
      await tx.insert(roomAssignments).values(
        result.assigned.map((a) => ({
          enrollmentId: a.sleeperId,
          roomId: a.roomId,
          classId,
          assignedBy: actorId,
        })),
      );
    }
    await recordAudit(tx, ctx, {
      action: 'logistics.allocate',
      entityType: 'class',
      entityId: classId,
      detail: {
        hotelId: body.hotelId,
        order: body.order,
        assigned: result.assigned.length,
        unplaced: result.unplaced.length,
      },
    });
  }
  return {
    dryRun: body.dryRun,
    assigned: result.assigned.map((a) => ({
      enrollmentId: a.sleeperId,
      name: nameOf.get(a.sleeperId) ?? '',
      roomId: a.roomId,
      roomLabel: labelOf(a.roomId),
    })),
    unplaced: result.unplaced.map((u) => ({
      enrollmentId: u.sleeperId,
      name: nameOf.get(u.sleeperId) ?? '',
      reason: u.reason as 'gender_unknown' | 'no_room',
    })),
  };
}
