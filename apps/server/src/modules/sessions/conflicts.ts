import {
  type CheckContext,
  type Conflict,
  chinaDay,
  itemConflicts,
  type ScheduleItem,
  type TrainingSettings,
  timetableConflicts,
  type VenueInfo,
} from '@ganxun/domain';
import { and, asc, count, eq, gte, inArray, lt, ne } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classes, classSessionLecturers, classSessions, enrollments, venues } from '../../db/schema/index.js';

/**
 * Conflict checks against the database: the class's own items and the candidates of other classes
 * (items sharing a lecturer or a venue from two days before to a day after, classes not cancelled)
 * are read in a few queries, mapped to the domain's `ScheduleItem`s and judged by its pure rules.
 */

/** An item as the checks read it, with what the messages need to name it. */
export interface CheckedItem extends ScheduleItem {
  title: string;
  start: number;
  end: number;
}

/** The other classes' items met by a check, with their class. */
export interface ExternalItem extends CheckedItem {
  classCode: string;
  className: string;
}

/** A conflict with its stable key (the same finding has the same key however it was reached). */
export interface Finding extends Conflict {
  key: string;
  /** The other item belongs to another class. */
  external: boolean;
}

/** What a check found, and everything needed to describe it. */
export interface Judgement {
  findings: Finding[];
  own: Map<string, CheckedItem>;
  external: Map<string, ExternalItem>;
  venues: Map<string, VenueInfo & { cityCode: string | null }>;
  classDates: { startDate: string; endDate: string } | null;
}

export type ClassFacts = Pick<
  typeof classes.$inferSelect,
  'id' | 'startDate' | 'endDate' | 'cityCode' | 'capacity'
>;

/** An item of the class before it is mapped (a row, or a proposal of the editor). */
export interface ItemShape {
  id: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
  venueId: string | null;
  lecturerIds: readonly string[];
  groupIds: readonly string[] | null;
}

const DAY = 86_400_000;

/** `key` of a finding: `kind:item:other[:lecturer|venue|group]`, the two items in a fixed order. */
export function findingKey(c: Conflict): string {
  const items = c.otherItemId ? [c.itemId, c.otherItemId].sort() : [c.itemId];
  const subject = c.lecturerId ?? c.venueId ?? c.groupId ?? '';
  return [c.kind, ...items, ...(subject ? [subject] : [])].join(':');
}

/** The class's items (rows with their lecturers), as the checks see them. */
export async function loadOwnShapes(exec: Executor, classId: string): Promise<ItemShape[]> {
  const [rows, links] = await Promise.all([
    exec
      .select({
        id: classSessions.id,
        title: classSessions.title,
        startsAt: classSessions.startsAt,
        endsAt: classSessions.endsAt,
        venueId: classSessions.venueId,
        groupIds: classSessions.groupIds,
      })
      .from(classSessions)
      .where(eq(classSessions.classId, classId))
      .orderBy(asc(classSessions.startsAt), asc(classSessions.id)),
    exec
      .select({ sessionId: classSessionLecturers.sessionId, lecturerId: classSessionLecturers.lecturerId })
      .from(classSessionLecturers)
      .innerJoin(classSessions, eq(classSessions.id, classSessionLecturers.sessionId))
      .where(eq(classSessions.classId, classId)),
  ]);
  const lecturersOf = new Map<string, string[]>();
  for (const l of links)
    lecturersOf.set(l.sessionId, [...(lecturersOf.get(l.sessionId) ?? []), l.lecturerId]);
  return rows.map((r) => ({ ...r, lecturerIds: lecturersOf.get(r.id) ?? [] }));
}

/** How many attend each group and the whole class (the capacity while nobody is enrolled). */
async function audiences(exec: Executor, klass: ClassFacts) {
  const rows = await exec
    .select({ groupId: enrollments.groupId, n: count() })
    .from(enrollments)
    .where(and(eq(enrollments.classId, klass.id), ne(enrollments.status, 'withdrawn')))
    .groupBy(enrollments.groupId);
  const byGroup = new Map(rows.map((r) => [r.groupId, Number(r.n)]));
  const total = rows.reduce((s, r) => s + Number(r.n), 0);
  return (groupIds: readonly string[] | null): number => {
    if (total === 0) return klass.capacity ?? 0;
    if (groupIds === null) return total;
    return groupIds.reduce((s, g) => s + (byGroup.get(g) ?? 0), 0);
  };
}

/**
 * Other classes' items that share a lecturer or a venue with `lecturerIds`/`venueIds` and start in
 * `[from, to)`, classes not cancelled.
 */
async function loadExternal(
  exec: Executor,
  classId: string,
  lecturerIds: string[],
  venueIds: string[],
  from: Date,
  to: Date,
): Promise<ExternalItem[]> {
  if (lecturerIds.length === 0 && venueIds.length === 0) return [];
  // Candidates by lecturer and by venue first, each through its own index, so the planner meets
  // a handful of ids rather than a time window of the whole year's items.
  const window = and(
    ne(classSessions.classId, classId),
    gte(classSessions.startsAt, from),
    lt(classSessions.startsAt, to),
  );
  const [byLecturer, byVenue] = await Promise.all([
    lecturerIds.length
      ? exec
          .select({ id: classSessionLecturers.sessionId })
          .from(classSessionLecturers)
          .innerJoin(classSessions, eq(classSessions.id, classSessionLecturers.sessionId))
          .where(and(inArray(classSessionLecturers.lecturerId, lecturerIds), window))
      : [],
    venueIds.length
      ? exec
          .select({ id: classSessions.id })
          .from(classSessions)
          .where(and(inArray(classSessions.venueId, venueIds), window))
      : [],
  ]);
  const ids = [...new Set([...byLecturer, ...byVenue].map((r) => r.id))];
  if (ids.length === 0) return [];
  const rows = await exec
    .select({
      id: classSessions.id,
      classId: classSessions.classId,
      title: classSessions.title,
      startsAt: classSessions.startsAt,
      endsAt: classSessions.endsAt,
      venueId: classSessions.venueId,
      groupIds: classSessions.groupIds,
      classCode: classes.code,
      className: classes.name,
      classCity: classes.cityCode,
      venueCity: venues.cityCode,
    })
    .from(classSessions)
    .innerJoin(classes, eq(classes.id, classSessions.classId))
    .leftJoin(venues, eq(venues.id, classSessions.venueId))
    .where(and(inArray(classSessions.id, ids), ne(classes.status, 'cancelled')));
  if (rows.length === 0) return [];
  const links = await exec
    .select({ sessionId: classSessionLecturers.sessionId, lecturerId: classSessionLecturers.lecturerId })
    .from(classSessionLecturers)
    .where(
      inArray(
        classSessionLecturers.sessionId,
        rows.map((r) => r.id),
      ),
    );
  const lecturersOf = new Map<string, string[]>();
  for (const l of links)
    lecturersOf.set(l.sessionId, [...(lecturersOf.get(l.sessionId) ?? []), l.lecturerId]);
  return rows.map((r) => ({
    id: r.id,
    classId: r.classId,
    title: r.title,
    start: r.startsAt.getTime(),
    end: r.endsAt.getTime(),
    venueId: r.venueId,
    lecturerIds: lecturersOf.get(r.id) ?? [],
    groupIds: r.groupIds,
    cityCode: r.venueCity ?? r.classCity,
    audience: 0,
    classCode: r.classCode,
    className: r.className,
  }));
}

/**
 * Judges a class's items (`own`, as they are or would be). With `focus`, only those items are
 * judged (each against the class's other items and the other classes' candidates near it: a
 * write or a check); without, the whole timetable (the view and publishing).
 */
export async function judge(
  exec: Executor,
  klass: ClassFacts,
  rule: Pick<TrainingSettings, 'travelMinutes'>,
  own: readonly ItemShape[],
  focus: ReadonlySet<string> | null = null,
): Promise<Judgement> {
  const judged = focus ? own.filter((i) => focus.has(i.id)) : own;
  const lecturerIds = [...new Set(judged.flatMap((i) => i.lecturerIds))];
  const venueIds = [...new Set(judged.map((i) => i.venueId).filter((v): v is string => !!v))];
  const starts = judged.map((i) => i.startsAt.getTime()).filter(Number.isFinite);
  const ends = judged.map((i) => i.endsAt.getTime()).filter(Number.isFinite);
  const [audience, external] = await Promise.all([
    audiences(exec, klass),
    starts.length && ends.length
      ? loadExternal(
          exec,
          klass.id,
          lecturerIds,
          venueIds,
          new Date(Math.min(...starts) - 2 * DAY),
          new Date(Math.max(...ends) + DAY),
        )
      : Promise.resolve([]),
  ]);
  const allVenueIds = [
    ...new Set(
      [...own.map((i) => i.venueId), ...external.map((i) => i.venueId)].filter((v): v is string => !!v),
    ),
  ];
  const venueRows = allVenueIds.length
    ? await exec
        .select({ id: venues.id, name: venues.name, capacity: venues.capacity, cityCode: venues.cityCode })
        .from(venues)
        .where(inArray(venues.id, allVenueIds))
    : [];
  const venueMap = new Map(venueRows.map((v) => [v.id, v]));
  const items: CheckedItem[] = own.map((i) => ({
    id: i.id,
    classId: klass.id,
    title: i.title,
    start: i.startsAt.getTime(),
    end: i.endsAt.getTime(),
    venueId: i.venueId,
    lecturerIds: i.lecturerIds,
    groupIds: i.groupIds,
    cityCode: (i.venueId ? venueMap.get(i.venueId)?.cityCode : null) ?? klass.cityCode,
    audience: audience(i.groupIds),
  }));
  const classDates =
    klass.startDate && klass.endDate ? { startDate: klass.startDate, endDate: klass.endDate } : null;
  const ctx: CheckContext = { classDates, venues: venueMap, defaultTravelMinutes: rule.travelMinutes };
  let conflicts: Conflict[];
  if (focus) {
    conflicts = [];
    for (const item of items) {
      if (!focus.has(item.id)) continue;
      const near = external.filter((x) => Math.abs(x.start - item.start) <= 2 * DAY);
      conflicts.push(...itemConflicts(item, [...items.filter((o) => o.id !== item.id), ...near], ctx));
    }
  } else {
    conflicts = timetableConflicts(items, external, ctx);
  }
  const externalIds = new Set(external.map((x) => x.id));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  for (const c of conflicts) {
    const key = findingKey(c);
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ ...c, key, external: !!c.otherItemId && externalIds.has(c.otherItemId) });
  }
  return {
    findings,
    own: new Map(items.map((i) => [i.id, i])),
    external: new Map(external.map((x) => [x.id, x])),
    venues: venueMap,
    classDates,
  };
}

/** Double bookings against another class's item: the writes that are refused. */
export function crossClassBookings(j: Judgement): Finding[] {
  return j.findings.filter(
    (f) => f.external && (f.kind === 'lecturer_double_booked' || f.kind === 'venue_double_booked'),
  );
}

/** The China-time span of an item, `2030-03-10 09:00–11:00`. */
export function chinaSpan(item: { start: number; end: number }): string {
  const hm = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(11, 16);
  return `${chinaDay(item.start)} ${hm(item.start)}–${hm(item.end)}`;
}
