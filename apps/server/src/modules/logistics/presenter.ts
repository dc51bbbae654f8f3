import {
  groupPickUps,
  type HotelView,
  type LogisticsView,
  type MyLogisticsView,
  mealCounts,
  type PickUpView,
  type RoomView,
  type SupplyView,
  type TraineeLogisticsView,
} from '@ganxun/domain';
import type { ArrangementRow, HotelRow, LogisticsData, MaterialRow, RoomRow, TraineeRow } from './query.js';

/** "恩施宾馆 305": how a bed's room is named to people. */
export const roomLabel = (hotel: Pick<HotelRow, 'name'>, room: Pick<RoomRow, 'number'>) =>
  `${hotel.name} ${room.number}`;

const occupant = (t: TraineeRow) => ({
  enrollmentId: t.enrollmentId,
  name: t.name,
  gender: t.gender,
  unitName: t.unitName,
});

/** Enrolled trainees by the room they sleep in. */
export function occupantsByRoom(trainees: readonly TraineeRow[]): Map<string, TraineeRow[]> {
  const out = new Map<string, TraineeRow[]>();
  for (const t of trainees) {
    if (!t.roomId) continue;
    const list = out.get(t.roomId) ?? [];
    list.push(t);
    out.set(t.roomId, list);
  }
  return out;
}

export function presentRoom(room: RoomRow, occupants: readonly TraineeRow[]): RoomView {
  return {
    id: room.id,
    hotelId: room.hotelId,
    number: room.number,
    beds: room.beds,
    gender: room.gender,
    occupants: occupants.map(occupant),
  };
}

export function presentHotel(
  hotel: HotelRow,
  rooms: readonly RoomRow[],
  byRoom: Map<string, TraineeRow[]>,
): HotelView {
  const views = rooms
    .filter((r) => r.hotelId === hotel.id)
    .map((r) => presentRoom(r, byRoom.get(r.id) ?? []));
  return {
    id: hotel.id,
    name: hotel.name,
    address: hotel.address,
    phone: hotel.phone,
    rooms: views,
    beds: views.reduce((a, r) => a + r.beds, 0),
    occupied: views.reduce((a, r) => a + r.occupants.length, 0),
  };
}

/** The room label of every room id. */
export function roomLabels(hotels: readonly HotelRow[], rooms: readonly RoomRow[]): Map<string, string> {
  const hotelOf = new Map(hotels.map((h) => [h.id, h]));
  const out = new Map<string, string>();
  for (const r of rooms) {
    const h = hotelOf.get(r.hotelId);
    if (h) out.set(r.id, roomLabel(h, r));
  }
  return out;
}

export function presentTrainee(
  t: TraineeRow,
  labels: Map<string, string>,
  materialIds: readonly string[],
): TraineeLogisticsView {
  return {
    enrollmentId: t.enrollmentId,
    name: t.name,
    gender: t.gender,
    unitName: t.unitName,
    regionName: t.regionName,
    roomId: t.roomId,
    roomLabel: t.roomId ? (labels.get(t.roomId) ?? null) : null,
    dietaryNeed: t.dietaryNeed,
    dietaryNote: t.dietaryNote,
    singleRoom: t.singleRoom,
    arrivalAt: t.arrivalAt?.toISOString() ?? null,
    arrivalTransport: t.arrivalTransport,
    arrivalNumber: t.arrivalNumber,
    materialIds: [...materialIds],
  };
}

/**
 * The pick-up groups of the roster's arrivals (domain `groupPickUps`), each with the arrangement
 * stored under its key, and the trainees whose arrival time is missing.
 */
export function presentPickUps(
  trainees: readonly TraineeRow[],
  arrangements: readonly ArrangementRow[],
): { pickUps: PickUpView[]; withoutArrival: { enrollmentId: string; name: string }[] } {
  const byId = new Map(trainees.map((t) => [t.enrollmentId, t]));
  const grouped = groupPickUps(
    trainees.map((t) => ({
      enrollmentId: t.enrollmentId,
      arrivalAt: t.arrivalAt?.toISOString() ?? null,
      transport: t.arrivalTransport,
      number: t.arrivalNumber,
    })),
  );
  const arrangement = new Map(arrangements.map((a) => [a.key, a]));
  const pickUps = grouped.pickUps.map((p) => {
    const a = arrangement.get(p.key);
    return {
      key: p.key,
      transport: p.transport,
      number: p.number,
      at: p.at,
      trainees: p.enrollmentIds.map((id) => {
        const t = byId.get(id) as TraineeRow;
        return { enrollmentId: id, name: t.name, arrivalAt: (t.arrivalAt as Date).toISOString() };
      }),
      vehicle: a?.vehicle ?? null,
      driver: a?.driver ?? null,
      driverPhone: a?.driverPhone ?? null,
      note: a?.note ?? null,
    };
  });
  const withoutArrival = grouped.withoutTime.map((id) => ({
    enrollmentId: id,
    name: (byId.get(id) as TraineeRow).name,
  }));
  return { pickUps, withoutArrival };
}

export function presentSupply(material: MaterialRow, handed: number, total: number): SupplyView {
  return {
    id: material.id,
    name: material.name,
    quantityPerTrainee: material.quantityPerTrainee,
    note: material.note,
    handed,
    total,
  };
}

/** How many enrolled trainees hold each material. */
export function handedCounts(handed: Map<string, string[]>): Map<string, number> {
  const out = new Map<string, number>();
  for (const ids of handed.values()) for (const id of ids) out.set(id, (out.get(id) ?? 0) + 1);
  return out;
}

/** The staff's whole view of a class's logistics. */
export function presentLogistics(
  classId: string,
  data: LogisticsData,
  satisfaction: LogisticsView['satisfaction'],
): LogisticsView {
  const byRoom = occupantsByRoom(data.trainees);
  const labels = roomLabels(data.hotels, data.rooms);
  const counts = handedCounts(data.handed);
  const total = data.trainees.length;
  return {
    classId,
    hotels: data.hotels.map((h) => presentHotel(h, data.rooms, byRoom)),
    trainees: data.trainees.map((t) => presentTrainee(t, labels, data.handed.get(t.enrollmentId) ?? [])),
    unplaced: data.trainees.filter((t) => !t.roomId).length,
    meals: { counts: mealCounts(data.trainees.map((t) => t.dietaryNeed)), total },
    ...presentPickUps(data.trainees, data.arrangements),
    materials: data.materials.map((m) => presentSupply(m, counts.get(m.id) ?? 0, total)),
    satisfaction,
  };
}

/** A trainee's own view: their room and roommates (names only), needs, pick-up and materials. */
export function presentMine(
  klass: { id: string; name: string },
  data: LogisticsData,
  me: TraineeRow,
  canEdit: boolean,
): MyLogisticsView {
  const room = me.roomId ? data.rooms.find((r) => r.id === me.roomId) : undefined;
  const hotel = room ? data.hotels.find((h) => h.id === room.hotelId) : undefined;
  const roommates = data.trainees
    .filter((t) => room && t.roomId === room.id && t.enrollmentId !== me.enrollmentId)
    .map((t) => t.name);
  const pickUp = presentPickUps(data.trainees, data.arrangements).pickUps.find((p) =>
    p.trainees.some((t) => t.enrollmentId === me.enrollmentId),
  );
  const handed = new Set(data.handed.get(me.enrollmentId) ?? []);
  return {
    classId: klass.id,
    className: klass.name,
    room:
      room && hotel
        ? {
            hotel: hotel.name,
            address: hotel.address,
            phone: hotel.phone,
            number: room.number,
            roommates,
          }
        : null,
    dietaryNeed: me.dietaryNeed,
    dietaryNote: me.dietaryNote,
    singleRoom: me.singleRoom,
    pickUp: pickUp
      ? {
          at: pickUp.at,
          transport: pickUp.transport,
          number: pickUp.number,
          vehicle: pickUp.vehicle,
          driver: pickUp.driver,
          driverPhone: pickUp.driverPhone,
          note: pickUp.note,
        }
      : null,
    materials: data.materials.map((m) => ({
      name: m.name,
      quantity: m.quantityPerTrainee,
      handed: handed.has(m.id),
    })),
    canEdit,
  };
}
