import { describe, expect, it } from 'vitest';
import {
  draftDefinition,
  draftFromDefinition,
  draftFromParams,
  draftQuery,
  drillQuery,
  formatValue,
} from './definition';

describe('report builder definition', () => {
  it('round-trips through the address, dropping unknown dimensions and measures', () => {
    const draft = draftFromParams(
      new URLSearchParams(
        'dimensions=year,colour,classKind&measures=people,bogus&from=2021-01-01&to=2021-12-31&classKind=seminar',
      ),
    );
    expect(draft).toEqual({
      dimensions: ['year', 'classKind'],
      measures: ['people'],
      from: '2021-01-01',
      to: '2021-12-31',
      filters: { classKind: 'seminar' },
    });
    expect(draftFromParams(new URLSearchParams(draftQuery(draft)))).toEqual(draft);
    expect(draftFromDefinition(draftDefinition(draft), { from: '2022-01-01', to: '2022-12-31' })).toEqual({
      ...draft,
      from: '2022-01-01',
      to: '2022-12-31',
    });
  });

  it("drills into a cell with the row's keys as filters, a year narrowing the period", () => {
    const draft = draftFromParams(
      new URLSearchParams('dimensions=year,region,pairing&measures=people&from=2020-06-01&to=2022-12-31'),
    );
    const q = drillQuery(draft, 'people', [
      { dimension: 'year', key: { value: 2020, label: '2020年' } },
      { dimension: 'region', key: { value: '422800', label: '恩施州' } },
      { dimension: 'pairing', key: { value: 'p-1', label: '结对' } },
    ]);
    expect(q).toEqual({
      measure: 'people',
      from: '2020-06-01',
      to: '2020-12-31',
      regionCode: '422800',
      partnershipId: 'p-1',
    });
  });

  it('formats rates as %, satisfaction with two decimals, a missing figure as a dash', () => {
    expect(formatValue('attendanceRate', 0.9567)).toBe('95.7%');
    expect(formatValue('satisfaction', 4.5)).toBe('4.50');
    expect(formatValue('people', null)).toBe('—');
  });
});
