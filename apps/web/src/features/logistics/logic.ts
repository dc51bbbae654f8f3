import type {
  DietaryNeed,
  HotelView,
  LogisticsView,
  PickUpView,
  RoomBody,
  RoomView,
  TraineeLogisticsView,
} from '@ganxun/domain';

/** At most this many rooms in one bulk add (the server's roomsBody limit). */
export const MAX_ROOMS_AT_ONCE = 500;

export type RangeProblem =
  | 'range_empty'
  | 'range_bad'
  | 'range_reversed'
  | 'range_too_many'
  | 'range_duplicate';

/**
 * Reads room numbers typed as a range and/or a list: "301-320", "301–320", "301~305, 310",
 * "A301-A305" (a shared prefix), "0801-0805" (zero padding kept). Returns the numbers in the
 * order typed, or the first problem.
 */
export function parseRoomNumbers(input: string): { numbers: string[] } | { problem: RangeProblem } {
  const parts = input
    .replace(/\s*([-–—~～])\s*/g, '$1')
    .split(/[,，、;；\s]+/)
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return { problem: 'range_empty' };
  const numbers: string[] = [];
  for (const part of parts) {
    const range = /^([^\d\-–—~～]*)(\d+)\s*[-–—~～]\s*([^\d\-–—~～]*)(\d+)$/.exec(part);
    if (range) {
      const [, prefixA = '', fromText = '', prefixB = '', toText = ''] = range;
      if (prefixB && prefixB !== prefixA) return { problem: 'range_bad' };
      const from = Number(fromText);
      const to = Number(toText);
      if (to < from) return { problem: 'range_reversed' };
      if (to - from + 1 + numbers.length > MAX_ROOMS_AT_ONCE) return { problem: 'range_too_many' };
      const width = fromText.startsWith('0') ? fromText.length : 0;
      for (let n = from; n <= to; n += 1) numbers.push(`${prefixA}${String(n).padStart(width, '0')}`);
      continue;
    }
    if (/[-–—~～]/.test(part) || part.length > 20) return { problem: 'range_bad' };
    numbers.push(part);
    if (numbers.length > MAX_ROOMS_AT_ONCE) return { problem: 'range_too_many' };
  }
  if (new Set(numbers).size !== numbers.length) return { problem: 'range_duplicate' };
  return { numbers };
}

/** The body of a bulk add: every number with the same beds and gender. */
export function roomsOf(numbers: readonly string[], beds: number, gender: RoomBody['gender']): RoomBody[] {
  return numbers.map((number) => ({ number, beds, gender }));
}

/** Beds, occupied beds and free beds over the hotels. */
export function bedSummary(hotels: readonly HotelView[]): { beds: number; occupied: number; free: number } {
  let beds = 0;
  let occupied = 0;
  for (const h of hotels) {
    beds += h.beds;
    occupied += h.occupied;
  }
  return { beds, occupied, free: Math.max(0, beds - occupied) };
}

/** Rooms in a natural order of their numbers (302 before 1001, A2 before A10). */
export function sortRooms(rooms: readonly RoomView[]): RoomView[] {
  return [...rooms].sort((a, b) => a.number.localeCompare(b.number, 'zh-CN', { numeric: true }));
}

/** One dot per bed: true where someone sleeps. */
export function bedDots(room: Pick<RoomView, 'beds' | 'occupants'>): boolean[] {
  return Array.from(
    { length: Math.max(room.beds, room.occupants.length) },
    (_, i) => i < room.occupants.length,
  );
}

/** What a room's tile says about its state. */
export function roomState(room: Pick<RoomView, 'beds' | 'occupants'>): 'empty' | 'partial' | 'full' {
  if (room.occupants.length === 0) return 'empty';
  return room.occupants.length >= room.beds ? 'full' : 'partial';
}

export interface TraineeFilter {
  q?: string;
  unplacedOnly?: boolean;
}

/** The trainee rows shown: by name or unit (case-insensitive), optionally only those without a bed. */
export function filterTrainees(
  trainees: readonly TraineeLogisticsView[],
  filter: TraineeFilter,
): TraineeLogisticsView[] {
  const q = filter.q?.trim().toLowerCase() ?? '';
  return trainees.filter(
    (x) =>
      (!filter.unplacedOnly || !x.roomId) &&
      (!q || x.name.toLowerCase().includes(q) || (x.unitName ?? '').toLowerCase().includes(q)),
  );
}

export interface RoomOption {
  label: string;
  options: { value: string; label: string; free: number; gender: RoomView['gender'] }[];
}

/** The room picker's options: per hotel, each room with its free beds. */
export function roomOptions(hotels: readonly HotelView[]): RoomOption[] {
  return hotels.map((h) => ({
    label: h.name,
    options: sortRooms(h.rooms).map((r) => ({
      value: r.id,
      label: `${h.name} ${r.number}`,
      free: Math.max(0, r.beds - r.occupants.length),
      gender: r.gender,
    })),
  }));
}

/** Trainees whose needs the staff must see: a meal need other than none, a note, or a single room. */
export function specialNeeds(trainees: readonly TraineeLogisticsView[]): TraineeLogisticsView[] {
  return trainees.filter(
    (x) => (x.dietaryNeed && x.dietaryNeed !== 'none') || Boolean(x.dietaryNote?.trim()) || x.singleRoom,
  );
}

/** The meal counts as cards, one per need in the given order (a missing count is 0). */
export function mealCards(
  counts: Partial<LogisticsView['meals']['counts']>,
  needs: readonly DietaryNeed[],
): { need: DietaryNeed; count: number }[] {
  return needs.map((need) => ({ need, count: counts[need] ?? 0 }));
}

/** Pick-up groups in time order (the earliest bus first). */
export function sortPickUps(pickUps: readonly PickUpView[]): PickUpView[] {
  return [...pickUps].sort((a, b) => a.at.localeCompare(b.at) || a.key.localeCompare(b.key));
}

/** Pick-ups per China day, so the transport list reads as a timetable. */
export function pickUpsByDay(pickUps: readonly PickUpView[]): { day: string; pickUps: PickUpView[] }[] {
  const out: { day: string; pickUps: PickUpView[] }[] = [];
  for (const p of sortPickUps(pickUps)) {
    const day = chinaClock(p.at).slice(0, 10);
    const last = out[out.length - 1];
    if (last && last.day === day) last.pickUps.push(p);
    else out.push({ day, pickUps: [p] });
  }
  return out;
}

/** China wall clock of an instant, `YYYY-MM-DD HH:mm` (classes run on China time). */
export function chinaClock(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  return new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/** Enrollment ids of trainees not yet handed a material. */
export function notHanded(trainees: readonly TraineeLogisticsView[], materialId: string): string[] {
  return trainees.filter((x) => !x.materialIds.includes(materialId)).map((x) => x.enrollmentId);
}

/** Handed / total as a whole percentage (0 with no trainees). */
export function handedPercent(handed: number, total: number): number {
  return total > 0 ? Math.round((handed / total) * 100) : 0;
}

/** The satisfaction questions shown, in this order; others the form may have come after. */
export const SATISFACTION_KEYS = ['services', 'accommodation', 'meals', 'transport'] as const;

/** The satisfaction ratings in display order: the known questions first, then any other. */
export function satisfactionRows(
  ratings: Record<string, number | null>,
): { key: string; value: number | null }[] {
  const known = SATISFACTION_KEYS.filter((k) => k in ratings).map((key) => ({
    key,
    value: ratings[key] ?? null,
  }));
  const others = Object.keys(ratings)
    .filter((k) => !(SATISFACTION_KEYS as readonly string[]).includes(k))
    .sort()
    .map((key) => ({ key, value: ratings[key] ?? null }));
  return [...known, ...others];
}

const OVER = new Set(['completed', 'archived', 'cancelled']);

/** The classes whose stay a trainee may look at: enrolled in, not over; the soonest first. */
export function stayClasses<
  T extends { enrollmentStatus: string | null; classStatus: string; startDate: string | null },
>(items: readonly T[]): T[] {
  return items
    .filter((c) => c.enrollmentStatus === 'enrolled' && !OVER.has(c.classStatus))
    .sort((a, b) => (a.startDate ?? '9999').localeCompare(b.startDate ?? '9999'));
}

/**
 * The class shown first: the one asked for (if still listed), else the one running today, else
 * the next to start, else the first.
 */
export function defaultStayClass<
  T extends { classId: string; startDate: string | null; endDate: string | null },
>(classes: readonly T[], requested: string | null, today: string): T | undefined {
  const asked = classes.find((c) => c.classId === requested);
  if (asked) return asked;
  const running = classes.find(
    (c) => c.startDate && c.startDate <= today && (c.endDate ?? c.startDate) >= today,
  );
  if (running) return running;
  return classes.find((c) => c.startDate && c.startDate >= today) ?? classes[0];
}

/** An allocation preview per room: the room's label and who would sleep there, rooms in order. */
export function previewByRoom(
  assigned: readonly { roomId: string; roomLabel: string; name: string }[],
): { roomId: string; roomLabel: string; names: string[] }[] {
  const rooms = new Map<string, { roomId: string; roomLabel: string; names: string[] }>();
  for (const a of assigned) {
    const room = rooms.get(a.roomId) ?? { roomId: a.roomId, roomLabel: a.roomLabel, names: [] };
    room.names.push(a.name);
    rooms.set(a.roomId, room);
  }
  return [...rooms.values()].sort((a, b) =>
    a.roomLabel.localeCompare(b.roomLabel, 'zh-CN', { numeric: true }),
  );
}
