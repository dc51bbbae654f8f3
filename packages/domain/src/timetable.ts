/**
 * Timetable conflict rules (issue 5): pure functions over timetable items, so the server, the
 * calendar editor and the benchmark all judge a timetable the same way. Times are instants (ISO
 * strings with an offset, or epoch milliseconds); calendar days are China's (UTC+8, no daylight
 * saving), which is where classes happen.
 */

/** What the checks need of a timetable item. */
export interface ScheduleItem {
  id: string;
  classId: string;
  /** ISO 8601 with an offset (`2022-01-13T09:00:00+08:00`) or epoch milliseconds. */
  start: string | number;
  end: string | number;
  venueId: string | null;
  lecturerIds: readonly string[];
  /** The groups the item is for; null means the whole class. */
  groupIds: readonly string[] | null;
  /** Where it takes place (a venue's or a field-teaching site's city), for travel warnings. */
  cityCode: string | null;
  /** How many attend (the class or the groups' size), for the venue-capacity check. */
  audience: number;
}

export interface VenueInfo {
  id: string;
  name: string;
  capacity: number | null;
}

export type ConflictKind =
  | 'invalid_interval'
  | 'outside_class_dates'
  | 'lecturer_double_booked'
  | 'venue_double_booked'
  | 'venue_too_small'
  | 'group_overlap'
  | 'travel_time';

/** Errors block publishing; warnings need a recorded acknowledgement. */
export const CONFLICT_SEVERITY: Record<ConflictKind, 'error' | 'warning'> = {
  invalid_interval: 'error',
  outside_class_dates: 'error',
  lecturer_double_booked: 'error',
  venue_double_booked: 'error',
  venue_too_small: 'error',
  group_overlap: 'error',
  travel_time: 'warning',
};

export interface Conflict {
  kind: ConflictKind;
  severity: 'error' | 'warning';
  itemId: string;
  /** The other item involved (double bookings, overlaps, travel). */
  otherItemId?: string;
  lecturerId?: string;
  venueId?: string;
  groupId?: string | null;
  /** Minutes available and needed (travel), or seats and audience (venue size). */
  have?: number;
  need?: number;
}

const CHINA_OFFSET_MS = 8 * 3_600_000;

/** An instant in epoch milliseconds (NaN when unparseable). */
export function instant(value: string | number): number {
  return typeof value === 'number' ? value : Date.parse(value);
}

/** The calendar day in China (`YYYY-MM-DD`) of an instant. */
export function chinaDay(value: string | number): string {
  return new Date(instant(value) + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * Do two intervals overlap? Half-open `[start, end)`: an item ending at 10:00 and one starting at
 * 10:00 do not.
 */
export function intervalsOverlap(
  a: { start: string | number; end: string | number },
  b: { start: string | number; end: string | number },
): boolean {
  return instant(a.start) < instant(b.end) && instant(b.start) < instant(a.end);
}

/** Do two items share an audience: the whole class, or a group in common (same class only)? */
export function sameAudience(a: ScheduleItem, b: ScheduleItem): string | null | false {
  if (a.classId !== b.classId) return false;
  if (a.groupIds === null || b.groupIds === null) return null;
  const shared = a.groupIds.find((g) => b.groupIds?.includes(g));
  return shared ?? false;
}

/** Is the item's time well formed: both ends parse and it lasts more than zero time? */
export function validInterval(item: Pick<ScheduleItem, 'start' | 'end'>): boolean {
  const s = instant(item.start);
  const e = instant(item.end);
  return Number.isFinite(s) && Number.isFinite(e) && e > s;
}

/**
 * Does the item lie within the class's dates (China days)? An item may end at midnight after the
 * last day (the instant 00:00 belongs to the day before for this check), and may run across
 * midnight inside the class.
 */
export function withinClassDates(
  item: Pick<ScheduleItem, 'start' | 'end'>,
  startDate: string,
  endDate: string,
): boolean {
  const firstDay = chinaDay(item.start);
  const lastDay = chinaDay(instant(item.end) - 1);
  return firstDay >= startDate && lastDay <= endDate;
}

export interface CheckContext {
  /** The class's first and last days (items of other classes are only compared, not date-checked). */
  classDates?: { startDate: string; endDate: string } | null;
  venues?: ReadonlyMap<string, VenueInfo>;
  /**
   * Minutes needed to travel between two cities; 0 within a city. Default: 0 for the same city,
   * otherwise `defaultTravelMinutes`.
   */
  travelMinutes?: (fromCity: string, toCity: string) => number;
  defaultTravelMinutes?: number;
}

function travel(ctx: CheckContext, from: string | null, to: string | null): number {
  if (!from || !to || from === to) return 0;
  return ctx.travelMinutes ? ctx.travelMinutes(from, to) : (ctx.defaultTravelMinutes ?? 120);
}

/** The conflicts of one pair of items (`a` is the item being judged). */
export function pairConflicts(a: ScheduleItem, b: ScheduleItem, ctx: CheckContext = {}): Conflict[] {
  if (a.id === b.id || !validInterval(a) || !validInterval(b)) return [];
  const out: Conflict[] = [];
  const base = { itemId: a.id, otherItemId: b.id };
  if (intervalsOverlap(a, b)) {
    for (const lecturerId of a.lecturerIds) {
      if (b.lecturerIds.includes(lecturerId)) {
        out.push({ kind: 'lecturer_double_booked', severity: 'error', ...base, lecturerId });
      }
    }
    if (a.venueId && a.venueId === b.venueId) {
      out.push({ kind: 'venue_double_booked', severity: 'error', ...base, venueId: a.venueId });
    }
    const group = sameAudience(a, b);
    if (group !== false) out.push({ kind: 'group_overlap', severity: 'error', ...base, groupId: group });
    return out;
  }
  // Not at the same time: can the people they share get from one city to the other that day?
  const shared = a.lecturerIds.some((l) => b.lecturerIds.includes(l)) || sameAudience(a, b) !== false;
  if (!shared || chinaDay(a.start) !== chinaDay(b.start)) return out;
  const [first, second] = instant(a.start) <= instant(b.start) ? [a, b] : [b, a];
  const need = travel(ctx, first.cityCode, second.cityCode);
  const have = Math.floor((instant(second.start) - instant(first.end)) / 60_000);
  if (need > 0 && have < need) out.push({ kind: 'travel_time', severity: 'warning', ...base, have, need });
  return out;
}

/** The conflicts of one item against the others (of its class and of other classes) and its venue. */
export function itemConflicts(
  item: ScheduleItem,
  others: readonly ScheduleItem[],
  ctx: CheckContext = {},
): Conflict[] {
  if (!validInterval(item)) return [{ kind: 'invalid_interval', severity: 'error', itemId: item.id }];
  const out: Conflict[] = [];
  if (ctx.classDates && !withinClassDates(item, ctx.classDates.startDate, ctx.classDates.endDate)) {
    out.push({ kind: 'outside_class_dates', severity: 'error', itemId: item.id });
  }
  const venue = item.venueId ? ctx.venues?.get(item.venueId) : undefined;
  if (venue?.capacity != null && venue.capacity < item.audience) {
    out.push({
      kind: 'venue_too_small',
      severity: 'error',
      itemId: item.id,
      venueId: venue.id,
      have: venue.capacity,
      need: item.audience,
    });
  }
  for (const other of others) out.push(...pairConflicts(item, other, ctx));
  return out;
}

/**
 * Every conflict of a class's timetable (its items against each other and against `external`
 * items of other classes that share lecturers or venues). Items are swept in start order, so only
 * pairs that can overlap or share a day are compared. Each pair inside the class is reported once,
 * on the later item.
 */
export function timetableConflicts(
  items: readonly ScheduleItem[],
  external: readonly ScheduleItem[] = [],
  ctx: CheckContext = {},
): Conflict[] {
  const out: Conflict[] = [];
  const valid = items.filter(validInterval);
  for (const item of items) {
    if (!validInterval(item)) out.push({ kind: 'invalid_interval', severity: 'error', itemId: item.id });
  }
  const sorted = [...valid].sort((a, b) => instant(a.start) - instant(b.start));
  // An earlier item can matter if it started less than the longest item's length plus a day ago
  // (overlap, or the same day for travel).
  const longest = Math.max(0, ...[...valid, ...external].map((x) => instant(x.end) - instant(x.start)));
  const reach = longest + 86_400_000;
  for (let i = 0; i < sorted.length; i++) {
    const item = sorted[i] as ScheduleItem;
    const earlier: ScheduleItem[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const other = sorted[j] as ScheduleItem;
      if (instant(item.start) - instant(other.start) > reach) break;
      earlier.push(other);
    }
    const near = external.filter(
      (x) => Math.abs(instant(x.start) - instant(item.start)) <= reach && intervalsNearby(item, x),
    );
    out.push(...itemConflicts(item, [...earlier, ...near], ctx));
  }
  return out;
}

function intervalsNearby(a: ScheduleItem, b: ScheduleItem): boolean {
  return (
    (a.venueId !== null && a.venueId === b.venueId) || a.lecturerIds.some((l) => b.lecturerIds.includes(l))
  );
}

/** Does a set of conflicts block publishing (any error), and which warnings need acknowledging? */
export function publishVerdict(conflicts: readonly Conflict[]): { blocked: boolean; warnings: Conflict[] } {
  return {
    blocked: conflicts.some((c) => c.severity === 'error'),
    warnings: conflicts.filter((c) => c.severity === 'warning'),
  };
}

/**
 * 学时 credited for an item from its length: `minutesPerHour` minutes make one 学时 (45 in most
 * party schools), rounded down to `step` (0.5).
 */
export function sessionHours(
  item: Pick<ScheduleItem, 'start' | 'end'>,
  rule: { minutesPerHour: number; step: number } = { minutesPerHour: 45, step: 0.5 },
): number {
  if (!validInterval(item)) return 0;
  const minutes = (instant(item.end) - instant(item.start)) / 60_000;
  const hours = minutes / rule.minutesPerHour;
  return Math.floor(hours / rule.step + 1e-9) * rule.step;
}
