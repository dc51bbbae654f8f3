import { describe, expect, it } from 'vitest';
import { classDates, countdown, defaultSheetDate, statusCounts, usedPercent } from './logic';

const NOW = Date.parse('2026-03-01T08:00:00+08:00');

describe('countdown', () => {
  it.each([
    ['2026-03-05T08:00:00+08:00', { passed: false, days: 4, hours: 0, minutes: 0, urgent: false }],
    ['2026-03-03T20:30:00+08:00', { passed: false, days: 2, hours: 12, minutes: 30, urgent: true }],
    ['2026-03-04T07:59:00+08:00', { passed: false, days: 2, hours: 23, minutes: 59, urgent: true }],
    ['2026-03-04T08:00:00+08:00', { passed: false, days: 3, hours: 0, minutes: 0, urgent: false }],
    ['2026-03-01T08:00:00+08:00', { passed: true, days: 0, hours: 0, minutes: 0, urgent: true }],
    ['2026-02-20T08:00:00+08:00', { passed: true, days: 0, hours: 0, minutes: 0, urgent: true }],
  ])('until %s', (deadline, expected) => {
    expect(countdown(deadline, NOW)).toEqual(expected);
  });

  it('is null without a (valid) deadline', () => {
    expect(countdown(null, NOW)).toBeNull();
    expect(countdown('not a date', NOW)).toBeNull();
  });
});

describe('statusCounts', () => {
  it('fills missing statuses with 0 and sums the total', () => {
    expect(statusCounts({ submitted: 3, approved: 2, waitlisted: undefined })).toEqual({
      submitted: 3,
      approved: 2,
      rejected: 0,
      withdrawn: 0,
      waitlisted: 0,
      replaced: 0,
      total: 5,
    });
  });
});

describe('usedPercent', () => {
  it.each([
    [0, 10, 0],
    [5, 10, 50],
    [1, 3, 33],
    [10, 10, 100],
    [12, 10, 100],
    [0, 0, 0],
    [1, 0, 100],
  ])('%i of %i seats is %i%%', (used, seats, percent) => {
    expect(usedPercent(used, seats)).toBe(percent);
  });
});

describe('classDates', () => {
  it('lists every day from start to end', () => {
    expect(classDates('2022-01-13', '2022-01-14')).toEqual(['2022-01-13', '2022-01-14']);
    expect(classDates('2024-02-28', '2024-03-01')).toEqual(['2024-02-28', '2024-02-29', '2024-03-01']);
  });
  it('is empty without dates or when the end is first', () => {
    expect(classDates(null, '2022-01-14')).toEqual([]);
    expect(classDates('2022-01-14', '2022-01-13')).toEqual([]);
  });
  it('picks today when it is a class day, else the first day', () => {
    const days = ['2022-01-13', '2022-01-14'];
    expect(defaultSheetDate(days, '2022-01-14')).toBe('2022-01-14');
    expect(defaultSheetDate(days, '2022-02-01')).toBe('2022-01-13');
    expect(defaultSheetDate([], '2022-02-01')).toBeUndefined();
  });
});
