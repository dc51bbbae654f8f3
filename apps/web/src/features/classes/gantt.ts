/**
 * Placement of classes on a one-year calendar (the classes page's Gantt view): pure date
 * arithmetic on ISO dates, in UTC so that the viewer's time zone never shifts a day.
 */

const DAY_MS = 86_400_000;

function utcDay(iso: string): number {
  return Date.parse(`${iso.slice(0, 10)}T00:00:00Z`);
}

/** Days in a calendar year (365 or 366). */
export function daysInYear(year: number): number {
  return (Date.UTC(year + 1, 0, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
}

/** Zero-based day of the year of an ISO date (1 January is 0). */
export function dayOfYear(iso: string, year: number): number {
  return Math.round((utcDay(iso) - Date.UTC(year, 0, 1)) / DAY_MS);
}

/** Zero-based month (0–11) of a day of the year. */
export function monthOfDay(day: number, year: number): number {
  return new Date(Date.UTC(year, 0, 1) + day * DAY_MS).getUTCMonth();
}

/** Where a class's bar sits on the year: days and percentages of the track, months it covers. */
export interface YearBar {
  /** First and last day of the year the bar covers (inclusive, zero-based). */
  startDay: number;
  endDay: number;
  /** Months (0–11) of the first and last day shown. */
  startMonth: number;
  endMonth: number;
  /** The class starts before 1 January or ends after 31 December: the bar is cut there. */
  clippedStart: boolean;
  clippedEnd: boolean;
  leftPct: number;
  widthPct: number;
}

/**
 * The bar of a class running `startDate`–`endDate` on the calendar of `year`, clipped to the
 * year; null when the class has no start date or lies wholly outside the year. A missing or
 * inverted end date counts as a one-day class.
 */
export function yearBar(startDate: string | null, endDate: string | null, year: number): YearBar | null {
  if (!startDate) return null;
  const end = endDate && endDate >= startDate ? endDate : startDate;
  const total = daysInYear(year);
  const first = dayOfYear(startDate, year);
  const last = dayOfYear(end, year);
  if (last < 0 || first >= total) return null;
  const startDay = Math.max(0, first);
  const endDay = Math.min(total - 1, last);
  return {
    startDay,
    endDay,
    startMonth: monthOfDay(startDay, year),
    endMonth: monthOfDay(endDay, year),
    clippedStart: first < 0,
    clippedEnd: last > total - 1,
    leftPct: (startDay / total) * 100,
    widthPct: ((endDay - startDay + 1) / total) * 100,
  };
}

/** Where each month column starts and how wide it is, as percentages of the year. */
export function monthColumns(year: number): { month: number; leftPct: number; widthPct: number }[] {
  const total = daysInYear(year);
  return Array.from({ length: 12 }, (_, month) => {
    const start = (Date.UTC(year, month, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
    const end = (Date.UTC(year, month + 1, 1) - Date.UTC(year, 0, 1)) / DAY_MS;
    return { month, leftPct: (start / total) * 100, widthPct: ((end - start) / total) * 100 };
  });
}

interface Dated {
  startDate: string | null;
  endDate: string | null;
}

/**
 * Splits classes into those drawn on the year (with their bars, earliest first), those still
 * without dates ("dates to be set") and those whose dates fall in another year.
 */
export function layoutYear<T extends Dated>(
  classes: readonly T[],
  year: number,
): { placed: { item: T; bar: YearBar }[]; undated: T[]; outside: T[] } {
  const placed: { item: T; bar: YearBar }[] = [];
  const undated: T[] = [];
  const outside: T[] = [];
  for (const item of classes) {
    if (!item.startDate) {
      undated.push(item);
      continue;
    }
    const bar = yearBar(item.startDate, item.endDate, year);
    if (bar) placed.push({ item, bar });
    else outside.push(item);
  }
  placed.sort((a, b) => a.bar.startDay - b.bar.startDay || a.bar.endDay - b.bar.endDay);
  return { placed, undated, outside };
}

/** Is `today` (ISO date) inside the year? Its position as a percentage of the track, else null. */
export function todayMarker(today: string, year: number): number | null {
  const day = dayOfYear(today, year);
  const total = daysInYear(year);
  return day >= 0 && day < total ? ((day + 0.5) / total) * 100 : null;
}
