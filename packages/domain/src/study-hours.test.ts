import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  belowRequirementQuery,
  creditedHours,
  DEFAULT_STUDY_HOUR_SETTINGS,
  fiveYearWindow,
  manualRecordBody,
  RECORD_CATEGORIES,
  type RecordCategory,
  requirementInForce,
  requirementStanding,
  rollingFiveYearTotal,
  type StudyRecord,
  studyHourSettings,
  yearTotals,
} from './study-hours.js';
import { trainingRequirement } from './training-requirement.js';

const rec = (
  endDate: string,
  hours: number,
  category: RecordCategory = 'full_time',
  voidedAt: string | null = null,
) => ({ endDate, hours, category, voidedAt }) satisfies StudyRecord;

describe('credited hours and year totals', () => {
  it('a voided record credits nothing', () => {
    expect(creditedHours(rec('2024-05-01', 16))).toBe(16);
    expect(creditedHours(rec('2024-05-01', 16, 'online', '2024-06-01T00:00:00Z'))).toBe(0);
  });
  it('no records: zeros', () => {
    expect(yearTotals([], 2024)).toEqual({ year: 2024, full_time: 0, online: 0, abroad: 0, total: 0 });
    expect(rollingFiveYearTotal([], 2024)).toBe(0);
  });
  it('totals by category; a course over New Year counts in the year it ends', () => {
    const records = [
      rec('2024-01-01', 8),
      rec('2023-12-31', 40),
      rec('2024-12-31', 30.5, 'online'),
      rec('2024-07-01', 12.25, 'abroad'),
      rec('2025-01-01', 100),
    ];
    expect(yearTotals(records, 2024)).toEqual({
      year: 2024,
      full_time: 8,
      online: 30.5,
      abroad: 12.25,
      total: 50.75,
    });
    expect(yearTotals(records, 2023).total).toBe(40);
  });
  it('sums of tenths read cleanly', () => {
    expect(yearTotals([rec('2024-01-01', 0.1), rec('2024-02-01', 0.2)], 2024).total).toBe(0.3);
  });
});

describe('five-year window', () => {
  const records = [2019, 2020, 2021, 2022, 2023, 2024, 2025].map((y) => rec(`${y}-06-30`, y - 2000));
  it('is the five calendar years ending in the given year', () => {
    expect(fiveYearWindow(2025)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(rollingFiveYearTotal(records, 2025)).toBe(21 + 22 + 23 + 24 + 25);
    expect(rollingFiveYearTotal(records, 2023)).toBe(19 + 20 + 21 + 22 + 23);
    expect(rollingFiveYearTotal(records, 2018)).toBe(0);
  });
  it('1 January and 31 December are inside; the day before the window is not', () => {
    const edge = [rec('2021-01-01', 1), rec('2025-12-31', 2), rec('2020-12-31', 4), rec('2026-01-01', 8)];
    expect(rollingFiveYearTotal(edge, 2025)).toBe(3);
  });
  it('property: the rolling total is the sum of the five year totals', () => {
    const record = fc.record({
      endDate: fc
        .tuple(
          fc.integer({ min: 2010, max: 2030 }),
          fc.integer({ min: 1, max: 12 }),
          fc.integer({ min: 1, max: 28 }),
        )
        .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
      hours: fc.integer({ min: 0, max: 400 }).map((q) => q / 4),
      category: fc.constantFrom(...RECORD_CATEGORIES),
      voidedAt: fc.constantFrom(null, '2024-01-01T00:00:00Z'),
    });
    fc.assert(
      fc.property(
        fc.array(record, { maxLength: 40 }),
        fc.integer({ min: 2008, max: 2032 }),
        (records, end) => {
          const sum = fiveYearWindow(end).reduce((s, y) => s + yearTotals(records, y).total, 0);
          expect(rollingFiveYearTotal(records, end)).toBeCloseTo(sum, 6);
        },
      ),
    );
  });
  it('property: a year total is the sum of its categories', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            endDate: fc.constantFrom('2024-01-01', '2024-12-31', '2023-12-31'),
            hours: fc.integer({ min: 0, max: 100 }).map((h) => h / 2),
            category: fc.constantFrom(...RECORD_CATEGORIES),
          }),
        ),
        (records) => {
          const t = yearTotals(records, 2024);
          expect(t.total).toBeCloseTo(t.full_time + t.online + t.abroad, 6);
        },
      ),
    );
  });
});

describe('requirement standing', () => {
  const yearly = { period: 'yearly', hours: 90 } as const;
  const fiveYear = { period: 'five_year', hours: 550 } as const;
  it('yearly: 90 学时 with 50 of them online is met; 89.5 is not', () => {
    const s = requirementStanding([rec('2024-03-01', 40), rec('2024-09-01', 50, 'online')], yearly, 2024);
    expect(s).toEqual({
      period: 'yearly',
      fromYear: 2024,
      toYear: 2024,
      required: 90,
      done: 90,
      missing: 0,
      onlineDone: 50,
      onlineRequired: 50,
      onlineMissing: 0,
      met: true,
    });
    const short = requirementStanding(
      [rec('2024-03-01', 39.5), rec('2024-09-01', 50, 'online')],
      yearly,
      2024,
    );
    expect(short).toMatchObject({ done: 89.5, missing: 0.5, met: false });
  });
  it('enough hours but too little online is not met', () => {
    const s = requirementStanding([rec('2024-03-01', 120), rec('2024-09-01', 20, 'online')], yearly, 2024);
    expect(s).toMatchObject({ missing: 0, onlineMissing: 30, met: false });
  });
  it('no records: everything missing', () => {
    expect(requirementStanding([], yearly, 2024)).toMatchObject({
      done: 0,
      missing: 90,
      onlineMissing: 50,
      met: false,
    });
  });
  it('five-year: hours of the five years count; online is still the year’s', () => {
    const records = [
      rec('2020-12-31', 500), // outside 2021–2025
      rec('2021-01-01', 200),
      rec('2023-05-01', 300),
      rec('2025-05-01', 50, 'online'),
    ];
    expect(requirementStanding(records, fiveYear, 2025)).toMatchObject({
      fromYear: 2021,
      toYear: 2025,
      done: 550,
      missing: 0,
      onlineDone: 50,
      met: true,
    });
    // A year later 2021 falls out of the window.
    expect(requirementStanding(records, fiveYear, 2026)).toMatchObject({
      done: 350,
      missing: 200,
      onlineDone: 0,
    });
  });
  it('the online minimum is configurable, 0 switches it off', () => {
    const settings = studyHourSettings.parse({ onlineMinimumPerYear: 0 });
    expect(requirementStanding([rec('2024-03-01', 90)], yearly, 2024, settings).met).toBe(true);
  });
  it('settings change the default requirement, never a person’s override', () => {
    const settings = studyHourSettings.parse({ yearlyHours: 100, fiveYearHours: 600 });
    expect(requirementInForce(trainingRequirement('0301', null), settings)).toEqual({
      period: 'yearly',
      hours: 100,
    });
    expect(requirementInForce(trainingRequirement('0122', null), settings)).toEqual({
      period: 'five_year',
      hours: 600,
    });
    expect(
      requirementInForce(trainingRequirement('0122', { period: 'yearly', hours: 60 }), settings),
    ).toEqual({
      period: 'yearly',
      hours: 60,
    });
    expect(requirementInForce(trainingRequirement(null, null))).toEqual({ period: 'yearly', hours: 90 });
  });
  it('defaults: 90 a year, 550 in five years, 50 online', () => {
    expect(DEFAULT_STUDY_HOUR_SETTINGS).toEqual({
      yearlyHours: 90,
      fiveYearHours: 550,
      onlineMinimumPerYear: 50,
    });
  });
});

describe('contracts', () => {
  const body = {
    personId: '00000000-0000-4000-8000-000000000001',
    title: '网络专题培训',
    organiser: '中国干部网络学院',
    category: 'online',
    startDate: '2024-03-01',
    endDate: '2024-03-31',
    hours: 12.5,
  };
  it('a manual record', () => {
    expect(manualRecordBody.parse(body)).toMatchObject({ ...body, note: null });
  });
  it.each([
    [{ endDate: '2024-02-29' }, 'endDate'],
    [{ startDate: '2024-02-30' }, 'startDate'],
    [{ hours: 0 }, 'hours'],
    [{ hours: 1.1 }, 'hours'],
    [{ category: 'evening' }, 'category'],
    [{ title: ' ' }, 'title'],
  ])('%o is refused at %s', (patch, field) => {
    const r = manualRecordBody.safeParse({ ...body, ...patch });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0])).toContain(field);
  });
  it('the below-requirement list needs a year; unit or region narrow it', () => {
    expect(belowRequirementQuery.safeParse({}).success).toBe(false);
    expect(belowRequirementQuery.parse({ year: '2024', regionCode: '422800' })).toMatchObject({
      year: 2024,
      regionCode: '422800',
      shortOf: 'any',
      format: 'json',
    });
  });
});
