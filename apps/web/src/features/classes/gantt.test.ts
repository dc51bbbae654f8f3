import { describe, expect, it } from 'vitest';
import { dayOfYear, daysInYear, layoutYear, monthColumns, todayMarker, yearBar } from './gantt';

describe('yearBar', () => {
  it('places a class inside the year by its days', () => {
    const bar = yearBar('2022-01-13', '2022-01-14', 2022);
    expect(bar).toMatchObject({ startDay: 12, endDay: 13, startMonth: 0, endMonth: 0 });
    expect(bar?.clippedStart).toBe(false);
    expect(bar?.clippedEnd).toBe(false);
    expect(bar?.leftPct).toBeCloseTo((12 / 365) * 100);
    expect(bar?.widthPct).toBeCloseTo((2 / 365) * 100);
  });

  it('spans the months a class covers', () => {
    const bar = yearBar('2022-07-20', '2022-10-05', 2022);
    expect(bar).toMatchObject({ startMonth: 6, endMonth: 9 });
  });

  it('clips a class that starts the year before', () => {
    const bar = yearBar('2021-12-28', '2022-01-03', 2022);
    expect(bar).toMatchObject({ startDay: 0, endDay: 2, clippedStart: true, clippedEnd: false });
    expect(bar?.leftPct).toBe(0);
  });

  it('clips a class that ends the year after', () => {
    const bar = yearBar('2024-12-30', '2025-01-04', 2024);
    // 2024 is a leap year: 31 December is day 365.
    expect(bar).toMatchObject({ startDay: 364, endDay: 365, clippedStart: false, clippedEnd: true });
    expect((bar?.leftPct ?? 0) + (bar?.widthPct ?? 0)).toBeCloseTo(100);
  });

  it('returns null outside the year and without a start date', () => {
    expect(yearBar('2021-03-01', '2021-03-02', 2022)).toBeNull();
    expect(yearBar('2023-01-01', '2023-01-02', 2022)).toBeNull();
    expect(yearBar(null, '2022-03-02', 2022)).toBeNull();
  });

  it('treats a missing or inverted end date as a one-day class', () => {
    expect(yearBar('2022-03-01', null, 2022)).toMatchObject({ startDay: 59, endDay: 59 });
    expect(yearBar('2022-03-01', '2022-02-01', 2022)).toMatchObject({ startDay: 59, endDay: 59 });
  });
});

describe('year helpers', () => {
  it('knows leap years', () => {
    expect(daysInYear(2022)).toBe(365);
    expect(daysInYear(2024)).toBe(366);
    expect(dayOfYear('2024-12-31', 2024)).toBe(365);
  });

  it('lays out twelve month columns filling the year', () => {
    const cols = monthColumns(2022);
    expect(cols).toHaveLength(12);
    expect(cols[0]?.leftPct).toBe(0);
    const last = cols[11];
    expect((last?.leftPct ?? 0) + (last?.widthPct ?? 0)).toBeCloseTo(100);
    expect(cols[1]?.widthPct).toBeCloseTo((28 / 365) * 100);
  });

  it('marks today only inside the year', () => {
    expect(todayMarker('2022-01-01', 2022)).toBeCloseTo((0.5 / 365) * 100);
    expect(todayMarker('2023-01-01', 2022)).toBeNull();
  });
});

describe('layoutYear', () => {
  it('sorts placed classes by start and sets aside undated and other years', () => {
    const classes = [
      { id: 'b', startDate: '2022-05-01', endDate: '2022-05-03' },
      { id: 'u', startDate: null, endDate: null },
      { id: 'a', startDate: '2022-02-01', endDate: '2022-02-02' },
      { id: 'o', startDate: '2021-05-01', endDate: '2021-05-03' },
    ];
    const { placed, undated, outside } = layoutYear(classes, 2022);
    expect(placed.map((p) => p.item.id)).toEqual(['a', 'b']);
    expect(undated.map((c) => c.id)).toEqual(['u']);
    expect(outside.map((c) => c.id)).toEqual(['o']);
  });
});
