import { describe, expect, it } from 'vitest';
import {
  cityOf,
  factsOf,
  rateOf,
  recordsQuery,
  reportDefinition,
  reportProblems,
  savedPeriodRange,
} from './stats.js';

describe('cityOf', () => {
  it('counts a county under its city and keeps provinces and directly-administered places', () => {
    expect(cityOf('422801')).toBe('422800');
    expect(cityOf('422800')).toBe('422800');
    expect(cityOf('420000')).toBe('420000');
    // 仙桃市 is a county-level city directly under the province: its own place on the map.
    expect(cityOf('429004')).toBe('429004');
    // A district of a municipality is its own place.
    expect(cityOf('110105')).toBe('110105');
    expect(cityOf('330104')).toBe('330100');
  });
});

describe('reportProblems', () => {
  it('refuses to split anonymous evaluation by anything about the person', () => {
    const problems = reportProblems({
      dimensions: ['year', 'region'],
      measures: ['personTimes', 'satisfaction'],
    });
    expect(problems).toEqual([
      {
        path: ['dimensions', 1],
        message: 'dimension_not_for_measure',
        params: { dimension: 'region', measure: 'satisfaction' },
      },
    ]);
  });

  it('refuses a class filter on secondments but accepts a pairing filter on every fact', () => {
    expect(
      reportProblems({ dimensions: [], measures: ['secondments'], filters: { classKind: 'seminar' } }),
    ).toHaveLength(1);
    expect(
      reportProblems({
        dimensions: ['pairing'],
        measures: ['classes', 'satisfaction', 'secondments'],
        filters: { partnershipId: 'x' },
      }),
    ).toEqual([]);
  });

  it('ignores empty filters', () => {
    expect(reportProblems({ dimensions: [], measures: ['secondments'], filters: { classKind: '' } })).toEqual(
      [],
    );
  });
});

describe('reportDefinition', () => {
  it('reads comma-separated dimensions and measures from a query string', () => {
    const def = reportDefinition.parse({
      dimensions: 'year,classKind',
      measures: 'classes,people,personTimes',
      from: '2021-01-01',
      to: '2021-12-31',
    });
    expect(def.dimensions).toEqual(['year', 'classKind']);
    expect(def.measures).toEqual(['classes', 'people', 'personTimes']);
  });

  it('gives field-level problems: no measure, a repeated dimension, an end before the start, a mismatch', () => {
    const r = reportDefinition.safeParse({
      dimensions: 'unit',
      measures: 'satisfaction',
      from: '2021-12-31',
      to: '2021-01-01',
    });
    expect(r.success).toBe(false);
    const paths = r.error?.issues.map((i) => `${i.path.join('.')}:${i.message}`) ?? [];
    expect(paths).toContain('to:end_before_start');
    expect(paths).toContain('dimensions.0:dimension_not_for_measure');
    expect(reportDefinition.safeParse({ measures: '', from: '2021-01-01', to: '2021-01-02' }).success).toBe(
      false,
    );
    expect(
      reportDefinition.safeParse({
        dimensions: 'year,year',
        measures: 'classes',
        from: '2021-01-01',
        to: '2021-01-02',
      }).success,
    ).toBe(false);
  });

  it('accepts arrays as well as strings (a saved definition)', () => {
    const def = reportDefinition.parse({
      dimensions: ['pairing'],
      measures: ['secondments'],
      from: '2018-01-01',
      to: '2020-12-31',
    });
    expect(def.dimensions).toEqual(['pairing']);
  });
});

describe('recordsQuery', () => {
  it('refuses a filter the measure cannot use', () => {
    const r = recordsQuery.safeParse({
      measure: 'satisfaction',
      from: '2021-01-01',
      to: '2021-12-31',
      unitId: crypto.randomUUID(),
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['unitId']);
  });
});

describe('helpers', () => {
  it('lists the facts a report needs, in a fixed order', () => {
    expect(factsOf(['secondments', 'people', 'satisfaction', 'classes'])).toEqual([
      'training',
      'evaluation',
      'exchange',
    ]);
  });

  it('gives no rate over nothing', () => {
    expect(rateOf(0, 0)).toBeNull();
    expect(rateOf(3, 4)).toBe(0.75);
  });

  it('resolves a saved report period against today', () => {
    expect(savedPeriodRange('this_year', '2026-11-24', {})).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(savedPeriodRange('last_year', '2026-11-24', {})).toEqual({ from: '2025-01-01', to: '2025-12-31' });
    expect(savedPeriodRange('fixed', '2026-11-24', { from: '2021-01-01', to: '2021-06-30' })).toEqual({
      from: '2021-01-01',
      to: '2021-06-30',
    });
  });
});
