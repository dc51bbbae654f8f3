import type { ConflictView, SessionView } from '@ganxun/domain';

/**
 * Pure helpers of the timetable tab. Classes happen in China time (UTC+8, no daylight saving)
 * whatever the browser's zone: the calendar runs in `timeZone: 'UTC'` and shows instants shifted
 * by +8 h, so its wall clock is China's; edits shift back.
 */

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** The calendar's Date (UTC fields = China wall time) of an instant. */
export function toCalendarDate(iso: string): Date {
  return new Date(Date.parse(iso) + CHINA_OFFSET_MS);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The instant, as ISO 8601 with `+08:00`, of a calendar Date (whose UTC fields are China time). */
export function fromCalendarDate(date: Date): string {
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+08:00`
  );
}

/** China wall time `HH:mm` of an instant. */
export function chinaTime(iso: string): string {
  const d = toCalendarDate(iso);
  return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** China day `YYYY-MM-DD` of an instant. */
export function chinaDate(iso: string): string {
  return toCalendarDate(iso).toISOString().slice(0, 10);
}

/** `09:00–10:30`, China time. */
export function timeRange(startsAt: string, endsAt: string): string {
  return `${chinaTime(startsAt)}–${chinaTime(endsAt)}`;
}

/** The days `YYYY-MM-DD` from start to end inclusive (empty when either is missing or reversed). */
export function classDays(startDate: string | null, endDate: string | null): string[] {
  if (!startDate || !endDate) return [];
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${endDate}T00:00:00Z`);
  if (!Number.isFinite(start) || !Number.isFinite(end) || end < start) return [];
  const days: string[] = [];
  for (let t = start; t <= end && days.length < 400; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

/** Longest class shown as one range view; longer ones are browsed by week. */
export const RANGE_VIEW_MAX_DAYS = 7;

/**
 * How the editor opens: a custom `timeGrid` view over the class's days for classes up to a week,
 * else the week view starting at the class's first day (today when it has no dates yet).
 */
export function calendarSetup(
  startDate: string | null,
  endDate: string | null,
  today: string,
): { initialView: 'classRange' | 'timeGridWeek'; initialDate: string; days: number } {
  const days = classDays(startDate, endDate).length;
  if (days >= 1 && days <= RANGE_VIEW_MAX_DAYS) {
    return { initialView: 'classRange', initialDate: startDate as string, days };
  }
  return { initialView: 'timeGridWeek', initialDate: startDate ?? today, days: Math.max(days, 7) };
}

export type Severity = 'error' | 'warning';

/**
 * The worst finding of each item of this class: a finding marks its item and, when the other item
 * is of the same class, that one too.
 */
export function severityBySession(conflicts: readonly ConflictView[]): Map<string, Severity> {
  const map = new Map<string, Severity>();
  const mark = (id: string, severity: Severity) => {
    if (map.get(id) !== 'error') map.set(id, severity);
  };
  for (const c of conflicts) {
    mark(c.sessionId, c.severity);
    if (c.otherSessionId && !c.otherClass) mark(c.otherSessionId, c.severity);
  }
  return map;
}

/** Findings of one item (its own and those naming it as the other item). */
export function conflictsOf(conflicts: readonly ConflictView[], sessionId: string): ConflictView[] {
  return conflicts.filter(
    (c) => c.sessionId === sessionId || (c.otherSessionId === sessionId && !c.otherClass),
  );
}

/** Published items by China day, each day's items by start time. */
export function groupByDay(items: readonly SessionView[]): { day: string; items: SessionView[] }[] {
  const byDay = new Map<string, SessionView[]>();
  const sorted = [...items].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || Date.parse(a.endsAt) - Date.parse(b.endsAt),
  );
  for (const item of sorted) {
    const day = chinaDate(item.startsAt);
    const list = byDay.get(day) ?? [];
    list.push(item);
    byDay.set(day, list);
  }
  return [...byDay.entries()].map(([day, dayItems]) => ({ day, items: dayItems }));
}

/** Colours of the session types (the dictionary is configurable: unknown codes get a neutral one). */
const TYPE_COLORS: Record<string, string> = {
  ceremony_open: '#c41d7f',
  ceremony_close: '#c41d7f',
  lecture: '#1677ff',
  experience: '#13a8a8',
  live: '#722ed1',
  qa: '#2f54eb',
  discussion: '#389e0d',
  field: '#d48806',
  study_visit: '#d46b08',
  self_study: '#8c8c8c',
  exam: '#cf1322',
  other: '#595959',
};

/** The colour of a session type. */
export function typeColor(type: string): string {
  return TYPE_COLORS[type] ?? '#597ef7';
}

/** The warnings' keys in a list of findings (what publishing needs acknowledged). */
export function warningKeys(conflicts: readonly ConflictView[]): string[] {
  return conflicts.filter((c) => c.severity === 'warning').map((c) => c.key);
}

/** A day shift in whole days between two China days (`target − source`). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** China wall time `YYYY-MM-DD HH:mm` of an instant (what the drawer's pickers show). */
export function toWall(iso: string): string {
  return `${chinaDate(iso)} ${chinaTime(iso)}`;
}

/** The instant of a China wall time `YYYY-MM-DD HH:mm`, as ISO 8601 with `+08:00`. */
export function wallToIso(wall: string): string {
  return `${wall.slice(0, 10)}T${wall.slice(11, 16)}:00+08:00`;
}

/** The drawer's form field of a server field error (`startsAt`/`endsAt` live in one range picker). */
export function formFieldPath(path: string): string {
  return path === 'startsAt' || path === 'endsAt' ? 'range' : path;
}

/** The fields of an existing item as a write or check sends them (hours only when set by hand). */
export function sessionBody(s: SessionView) {
  return {
    type: s.type,
    title: s.title,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    venueId: s.venue?.id ?? null,
    location: s.location,
    lecturers: s.lecturers.map((l) => ({ lecturerId: l.lecturerId, role: l.role })),
    groupIds: s.groupIds,
    attendanceRequired: s.attendanceRequired,
    hours: s.hoursSet ? s.hours : null,
    description: s.description,
  };
}

/** Where a new item from the toolbar starts: the class's first day (else `today`), 09:00–10:30. */
export function defaultSlot(startDate: string | null, today: string): { startsAt: string; endsAt: string } {
  const day = startDate ?? today;
  return { startsAt: `${day}T09:00:00+08:00`, endsAt: `${day}T10:30:00+08:00` };
}

/** A file size for people: `820 B`, `12 KB`, `3.4 MB` (one decimal below 10, whole above). */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  return `${shown} ${units[unit]}`;
}
