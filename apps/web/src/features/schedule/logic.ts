import type { MyScheduleItem } from '@ganxun/domain';
import { chinaDay } from '@ganxun/domain';

/** Times in a schedule are China time (UTC+8), whatever the device's zone. */
export const CHINA_TIME_ZONE = 'Asia/Shanghai';
const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

/** `HH:mm` in China time of an instant. */
export function chinaClock(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(11, 16);
}

/** `09:00–11:30` in China time; an end at the following midnight reads `24:00`. */
export function timeRange(startsAt: string, endsAt: string): string {
  const start = chinaClock(startsAt);
  let end = chinaClock(endsAt);
  if (end === '00:00' && chinaDay(endsAt) !== chinaDay(startsAt)) end = '24:00';
  return `${start}–${end}`;
}

/** Whether an item ends on a later China day than it starts (and not exactly at midnight). */
export function endsNextDay(startsAt: string, endsAt: string): boolean {
  return chinaDay(endsAt) !== chinaDay(startsAt) && chinaClock(endsAt) !== '00:00';
}

/** The China day `n` days after `day` (`YYYY-MM-DD`). */
export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** `today` / `tomorrow` / `yesterday` relative to `today` (a China day), else null. */
export function relativeDay(day: string, today: string): 'today' | 'tomorrow' | 'yesterday' | null {
  if (day === today) return 'today';
  if (day === addDays(today, 1)) return 'tomorrow';
  if (day === addDays(today, -1)) return 'yesterday';
  return null;
}

export interface ScheduleDay {
  /** China day `YYYY-MM-DD`. */
  day: string;
  items: MyScheduleItem[];
  /** 学时 of the day's items. */
  hours: number;
}

/** Items grouped by the China day they start on, days and items in time order. */
export function groupByDay(items: readonly MyScheduleItem[]): ScheduleDay[] {
  const sorted = [...items].sort(
    (a, b) =>
      Date.parse(a.session.startsAt) - Date.parse(b.session.startsAt) ||
      Date.parse(a.session.endsAt) - Date.parse(b.session.endsAt) ||
      a.session.title.localeCompare(b.session.title),
  );
  const days: ScheduleDay[] = [];
  for (const item of sorted) {
    const day = chinaDay(item.session.startsAt);
    let last = days[days.length - 1];
    if (!last || last.day !== day) {
      last = { day, items: [], hours: 0 };
      days.push(last);
    }
    last.items.push(item);
    last.hours += item.session.hours;
  }
  return days;
}

/** Items not over yet at `now` (ongoing ones included). */
export function upcomingItems(items: readonly MyScheduleItem[], now: number): MyScheduleItem[] {
  return items.filter((i) => Date.parse(i.session.endsAt) > now);
}

/** Where an item is in time at `now`. */
export function itemPhase(
  session: { startsAt: string; endsAt: string },
  now: number,
): 'past' | 'ongoing' | 'future' {
  if (Date.parse(session.endsAt) <= now) return 'past';
  if (Date.parse(session.startsAt) <= now) return 'ongoing';
  return 'future';
}

/** A date such as `11月24日 周二` / `Tue, Nov 24` in the UI language (the year only when not `thisYear`). */
export function dayTitle(day: string, language: string, thisYear: string): string {
  const date = new Date(`${day}T12:00:00+08:00`);
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  const withYear = day.slice(0, 4) !== thisYear;
  if (language.startsWith('zh')) {
    const weekday = new Intl.DateTimeFormat(language, { timeZone: CHINA_TIME_ZONE, weekday: 'short' }).format(
      date,
    );
    return `${withYear ? `${year}年` : ''}${month}月${dayOfMonth}日 ${weekday}`;
  }
  return new Intl.DateTimeFormat(language, {
    timeZone: CHINA_TIME_ZONE,
    year: withYear ? 'numeric' : undefined,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
  }).format(date);
}

/** 学时 without trailing zeros: 2, 2.5, 0.75. */
export function formatHours(hours: number): string {
  return String(Math.round(hours * 100) / 100);
}

/** The `webcal:` form of a feed's https URL, which phones open straight in their calendar app. */
export function webcalUrl(url: string): string {
  return url.replace(/^https?:\/\//, 'webcal://');
}
