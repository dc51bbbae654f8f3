import { describe, expect, it } from 'vitest';
import { dateRange } from './status';

describe('dateRange', () => {
  it('shows one date for a one-day class and nothing without dates', () => {
    expect(dateRange('2022-01-13', '2022-01-13')).toBe('2022-01-13');
    expect(dateRange('2022-01-13', null)).toBe('2022-01-13');
    expect(dateRange(null, null)).toBeNull();
  });

  it('drops the repeated year when compact', () => {
    expect(dateRange('2022-01-13', '2022-01-14')).toBe('2022-01-13 – 2022-01-14');
    expect(dateRange('2022-01-13', '2022-01-14', true)).toBe('2022-01-13 – 01-14');
    expect(dateRange('2022-12-30', '2023-01-02', true)).toBe('2022-12-30 – 2023-01-02');
  });
});
