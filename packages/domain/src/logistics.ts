import { z } from 'zod';
import { text } from './common.js';
import type { Gender } from './people.js';

/**
 * Logistics and services of a class (issue 9 item 4): accommodation (hotels, rooms, allocation),
 * meals (dietary needs), transport (pick-ups grouped by arrival) and materials handed out. The
 * pure rules here: room allocation under capacity and gender, and grouping arrivals into pick-ups.
 */

export interface RoomSlot {
  id: string;
  beds: number;
  /** Set once someone sleeps there (or fixed by the hotel); a room never mixes genders. */
  gender: Gender | null;
  /** Trainees already in the room. */
  occupants: number;
}

export interface Sleeper {
  id: string;
  gender: Gender | null;
  /** Ask for a room of one's own (e.g. a senior cadre, a health reason). */
  single?: boolean;
}

/** Why one trainee may not go into a room, or null. */
export function roomProblem(
  room: RoomSlot,
  sleeper: Sleeper,
): 'room_full' | 'room_gender' | 'gender_unknown' | 'room_not_single' | null {
  if (room.occupants >= room.beds) return 'room_full';
  if (sleeper.single && room.occupants > 0) return 'room_not_single';
  if (room.occupants > 0 || room.gender) {
    if (!sleeper.gender) return 'gender_unknown';
    if (room.gender && room.gender !== sleeper.gender) return 'room_gender';
  }
  return null;
}

/**
 * Allocates trainees to rooms: rooms fill one at a time (fewest rooms used), women and men never
 * share, a trainee who asked for a room of their own gets an empty room to themself; the order
 * of `sleepers` (e.g. by unit) keeps colleagues together. Returns the assignment and those left
 * without a bed (with the reason), never overfilling a room.
 */
export function allocateRooms(
  rooms: readonly RoomSlot[],
  sleepers: readonly Sleeper[],
): { assigned: { sleeperId: string; roomId: string }[]; unplaced: { sleeperId: string; reason: string }[] } {
  const state = rooms.map((r) => ({ ...r }));
  const assigned: { sleeperId: string; roomId: string }[] = [];
  const unplaced: { sleeperId: string; reason: string }[] = [];
  for (const sleeper of sleepers) {
    if (!sleeper.gender) {
      unplaced.push({ sleeperId: sleeper.id, reason: 'gender_unknown' });
      continue;
    }
    // Prefer a room already started for this gender (fills rooms), then an empty one.
    const candidates = sleeper.single
      ? state.filter((r) => r.occupants === 0 && (!r.gender || r.gender === sleeper.gender))
      : [
          ...state.filter((r) => r.occupants > 0 && roomProblem(r, sleeper) === null),
          ...state.filter((r) => r.occupants === 0 && roomProblem(r, sleeper) === null),
        ];
    const room = candidates[0];
    if (!room) {
      unplaced.push({ sleeperId: sleeper.id, reason: 'no_room' });
      continue;
    }
    room.occupants += sleeper.single ? room.beds : 1;
    room.gender = sleeper.gender;
    assigned.push({ sleeperId: sleeper.id, roomId: room.id });
  }
  return { assigned, unplaced };
}

export const TRANSPORT_GROUP_WINDOW_MINUTES = 60;

export interface Arrival {
  enrollmentId: string;
  arrivalAt: string | null;
  /** train / flight / car / other (the roster's arrival data). */
  transport: string | null;
  /** Train or flight number (G1234, CZ3456). */
  number: string | null;
}

export interface PickUp {
  /** What the group arrives by: the train or flight, or the hour's window for others. */
  key: string;
  transport: string | null;
  number: string | null;
  /** When the bus should be there: the first arrival of the group. */
  at: string;
  enrollmentIds: string[];
}

/**
 * Groups arrivals into pick-ups: everyone on the same train or flight on the same day together;
 * others by arrival within `windowMinutes` of the group's first one. Cars need no pick-up;
 * arrivals without a time are left out (the roster lists them as missing arrival data).
 */
export function groupPickUps(
  arrivals: readonly Arrival[],
  windowMinutes = TRANSPORT_GROUP_WINDOW_MINUTES,
): { pickUps: PickUp[]; withoutTime: string[] } {
  const withoutTime: string[] = [];
  const byNumber = new Map<string, PickUp>();
  const others: Arrival[] = [];
  for (const a of arrivals) {
    if (a.transport === 'car') continue;
    if (!a.arrivalAt) {
      withoutTime.push(a.enrollmentId);
      continue;
    }
    const number = a.number?.trim().toUpperCase() || null;
    if ((a.transport === 'train' || a.transport === 'flight') && number) {
      const day = new Date(new Date(a.arrivalAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
      const key = `${a.transport}:${number}:${day}`;
      const group = byNumber.get(key);
      if (!group) {
        byNumber.set(key, {
          key,
          transport: a.transport,
          number,
          at: new Date(a.arrivalAt).toISOString(),
          enrollmentIds: [a.enrollmentId],
        });
      } else {
        group.enrollmentIds.push(a.enrollmentId);
        if (new Date(a.arrivalAt).getTime() < new Date(group.at).getTime())
          group.at = new Date(a.arrivalAt).toISOString();
      }
    } else {
      others.push(a);
    }
  }
  const windows: PickUp[] = [];
  for (const a of [...others].sort((x, y) => String(x.arrivalAt).localeCompare(String(y.arrivalAt)))) {
    const at = new Date(a.arrivalAt as string).getTime();
    const last = windows[windows.length - 1];
    if (last && at - new Date(last.at).getTime() <= windowMinutes * 60_000) {
      last.enrollmentIds.push(a.enrollmentId);
    } else {
      windows.push({
        key: `window:${new Date(at).toISOString()}`,
        transport: null,
        number: null,
        at: new Date(at).toISOString(),
        enrollmentIds: [a.enrollmentId],
      });
    }
  }
  const pickUps = [...byNumber.values(), ...windows].sort((x, y) => x.at.localeCompare(y.at));
  return { pickUps, withoutTime };
}

export const DIETARY_NEEDS = [
  'none',
  'halal',
  'vegetarian',
  'no_pork',
  'diabetic',
  'allergy',
  'other',
] as const;
export type DietaryNeed = (typeof DIETARY_NEEDS)[number];

/** Meal counts by need (a kitchen plans from them). */
export function mealCounts(needs: readonly (DietaryNeed | null)[]): Record<DietaryNeed, number> {
  const out = Object.fromEntries(DIETARY_NEEDS.map((n) => [n, 0])) as Record<DietaryNeed, number>;
  for (const n of needs) out[n ?? 'none'] += 1;
  return out;
}

export const hotelBody = z.strictObject({
  name: text(100),
  address: text(200, 0).nullable().default(null),
  phone: text(40, 0).nullable().default(null),
});

export const roomBody = z.strictObject({
  number: text(20),
  beds: z.number().int().min(1).max(8),
  gender: z.enum(['male', 'female']).nullable().default(null),
});

// --- API contract (lead) ---------------------------------------------------------------------
// Routes under /api/v1/classes/{id}/logistics; staff need the class action 'logistics'
// (logistics.manage: org admins, training officers, the class's director and assistants), the
// trainee's own part is /logistics/me.

export type HotelBody = z.infer<typeof hotelBody>;

export type RoomBody = z.infer<typeof roomBody>;
/** Rooms added in one go (a floor: 301–320). All-or-nothing; a number used twice → 409 `rooms.N.number`. */
export const roomsBody = z.strictObject({ rooms: z.array(roomBody).min(1).max(500) });

/** Put one trainee in a room (or take them out with null). */
export const assignmentBody = z.strictObject({ roomId: z.uuid().nullable() });

export const ALLOCATION_ORDERS = ['unit', 'region', 'name'] as const;
/**
 * Allocate the trainees who have no bed yet (withdrawn ones never): `order` keeps colleagues of a
 * unit (or a region) side by side; `dryRun` shows the result and writes nothing.
 */
export const allocationBody = z.strictObject({
  hotelId: z.uuid().nullable().default(null),
  order: z.enum(ALLOCATION_ORDERS).default('unit'),
  dryRun: z.boolean().default(false),
});
export const allocationResult = z.object({
  dryRun: z.boolean(),
  assigned: z.array(
    z.object({ enrollmentId: z.uuid(), name: z.string(), roomId: z.uuid(), roomLabel: z.string() }),
  ),
  unplaced: z.array(
    z.object({
      enrollmentId: z.uuid(),
      name: z.string(),
      reason: z.enum(['gender_unknown', 'no_room']),
    }),
  ),
});

/** A trainee's service needs (staff for anyone in the class; the trainee for themself via /me). */
export const servicesBody = z.strictObject({
  dietaryNeed: z.enum(DIETARY_NEEDS).nullable().optional(),
  dietaryNote: text(100, 0).nullable().optional(),
  singleRoom: z.boolean().optional(),
});

/** The arrangement of one pick-up group; the key comes from the group (`pickUpView.key`). */
export const pickUpBody = z.strictObject({
  vehicle: text(40, 0).nullable().default(null),
  driver: text(40, 0).nullable().default(null),
  driverPhone: text(20, 0).nullable().default(null),
  note: text(200, 0).nullable().default(null),
});

export const materialBody = z.strictObject({
  name: text(100),
  quantityPerTrainee: z.number().int().min(1).max(50).default(1),
  note: text(200, 0).nullable().default(null),
});
/** Mark materials handed out (or not) to trainees, all-or-nothing. */
export const handoutBody = z.strictObject({
  enrollmentIds: z.array(z.uuid()).min(1).max(2000),
  handed: z.boolean().default(true),
});

const occupantView = z.object({
  enrollmentId: z.uuid(),
  name: z.string(),
  gender: z.string().nullable(),
  unitName: z.string().nullable(),
});
export const roomView = z.object({
  id: z.uuid(),
  hotelId: z.uuid(),
  number: z.string(),
  beds: z.number().int(),
  gender: z.enum(['male', 'female']).nullable(),
  occupants: z.array(occupantView),
});
export type RoomView = z.infer<typeof roomView>;
export const hotelView = z.object({
  id: z.uuid(),
  name: z.string(),
  address: z.string().nullable(),
  phone: z.string().nullable(),
  rooms: z.array(roomView),
  beds: z.number().int(),
  occupied: z.number().int(),
});
export type HotelView = z.infer<typeof hotelView>;

/** One enrolled trainee's logistics line (the roster of the logistics tab). */
export const traineeLogisticsView = z.object({
  enrollmentId: z.uuid(),
  name: z.string(),
  gender: z.string().nullable(),
  unitName: z.string().nullable(),
  regionName: z.string().nullable(),
  roomId: z.uuid().nullable(),
  /** "恩施宾馆 305" */
  roomLabel: z.string().nullable(),
  dietaryNeed: z.enum(DIETARY_NEEDS).nullable(),
  dietaryNote: z.string().nullable(),
  singleRoom: z.boolean(),
  arrivalAt: z.string().nullable(),
  arrivalTransport: z.string().nullable(),
  arrivalNumber: z.string().nullable(),
  /** Ids of the materials handed to them. */
  materialIds: z.array(z.uuid()),
});
export type TraineeLogisticsView = z.infer<typeof traineeLogisticsView>;

export const pickUpView = z.object({
  key: z.string(),
  transport: z.string().nullable(),
  number: z.string().nullable(),
  at: z.string(),
  trainees: z.array(z.object({ enrollmentId: z.uuid(), name: z.string(), arrivalAt: z.string() })),
  vehicle: z.string().nullable(),
  driver: z.string().nullable(),
  driverPhone: z.string().nullable(),
  note: z.string().nullable(),
});
export type PickUpView = z.infer<typeof pickUpView>;

export const supplyView = z.object({
  id: z.uuid(),
  name: z.string(),
  quantityPerTrainee: z.number().int(),
  note: z.string().nullable(),
  /** Trainees handed it / enrolled trainees. */
  handed: z.number().int(),
  total: z.number().int(),
});
export type SupplyView = z.infer<typeof supplyView>;

/**
 * Service satisfaction from the class's evaluation form (its accommodation, meals, transport and
 * services ratings): averages shown only from the survey's minimum number of responses.
 */
export const serviceSatisfactionView = z.object({
  responses: z.number().int(),
  minResponses: z.number().int(),
  /** Average rating per question id (1–5), null below the minimum or with no answer. */
  ratings: z.record(z.string(), z.number().nullable()),
});

export const logisticsView = z.object({
  classId: z.uuid(),
  hotels: z.array(hotelView),
  trainees: z.array(traineeLogisticsView),
  /** Enrolled trainees without a bed. */
  unplaced: z.number().int(),
  meals: z.object({
    counts: z.record(z.enum(DIETARY_NEEDS), z.number().int()),
    total: z.number().int(),
  }),
  pickUps: z.array(pickUpView),
  /** Trainees not coming by car whose arrival time is missing on the roster. */
  withoutArrival: z.array(z.object({ enrollmentId: z.uuid(), name: z.string() })),
  materials: z.array(supplyView),
  satisfaction: serviceSatisfactionView.nullable(),
});
export type LogisticsView = z.infer<typeof logisticsView>;

/** The trainee's own view on the phone: their room, roommates, meal need, pick-up, materials. */
export const myLogisticsView = z.object({
  classId: z.uuid(),
  className: z.string(),
  room: z
    .object({
      hotel: z.string(),
      address: z.string().nullable(),
      phone: z.string().nullable(),
      number: z.string(),
      roommates: z.array(z.string()),
    })
    .nullable(),
  dietaryNeed: z.enum(DIETARY_NEEDS).nullable(),
  dietaryNote: z.string().nullable(),
  singleRoom: z.boolean(),
  pickUp: z
    .object({
      at: z.string(),
      transport: z.string().nullable(),
      number: z.string().nullable(),
      vehicle: z.string().nullable(),
      driver: z.string().nullable(),
      driverPhone: z.string().nullable(),
      /** Where to meet (出站口 2 号门). */
      note: z.string().nullable(),
    })
    .nullable(),
  materials: z.array(z.object({ name: z.string(), quantity: z.number().int(), handed: z.boolean() })),
  /** Needs may be changed until the class's last day (never once completed or cancelled). */
  canEdit: z.boolean(),
});
export type MyLogisticsView = z.infer<typeof myLogisticsView>;

// --- logistics server (LS): request types of the contract above, and the answers of the writes
// that do not return a whole `logisticsView`.

export type RoomsBody = z.infer<typeof roomsBody>;
export type AssignmentBody = z.infer<typeof assignmentBody>;
export type AllocationBody = z.infer<typeof allocationBody>;
export type AllocationResult = z.infer<typeof allocationResult>;
export type ServicesBody = z.infer<typeof servicesBody>;
export type PickUpBody = z.infer<typeof pickUpBody>;
export type MaterialBody = z.infer<typeof materialBody>;
export type HandoutBody = z.infer<typeof handoutBody>;

/**
 * PATCH bodies that change only what is sent. (`hotelBody.partial()` keeps the inner defaults, so
 * `{ beds: 3 }` would also reset a room's gender to null; the server validates with these.)
 */
export const hotelPatch = z.strictObject({
  name: hotelBody.shape.name.optional(),
  address: hotelBody.shape.address.unwrap().optional(),
  phone: hotelBody.shape.phone.unwrap().optional(),
});
export const roomPatch = z.strictObject({
  number: roomBody.shape.number.optional(),
  beds: roomBody.shape.beds.optional(),
  gender: roomBody.shape.gender.unwrap().optional(),
});
export const materialPatch = z.strictObject({
  name: materialBody.shape.name.optional(),
  quantityPerTrainee: materialBody.shape.quantityPerTrainee.unwrap().optional(),
  note: materialBody.shape.note.unwrap().optional(),
});
