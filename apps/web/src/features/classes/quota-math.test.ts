import type { QuotaList } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  addHolder,
  applySplit,
  holderKey,
  putBody,
  type QuotaRow,
  quotaTotals,
  rowsBelowUsed,
  splitBody,
  usedPercent,
} from './quota-math';

const UNIT = '00000000-0000-4000-8000-000000000001';
const row = (over: Partial<QuotaRow>): QuotaRow => ({
  regionCode: null,
  unitId: null,
  holderName: null,
  seats: 0,
  weight: null,
  used: 0,
  ...over,
});

describe('quota editor sums', () => {
  it('adds up the seats against the capacity', () => {
    const rows = [row({ regionCode: '420100', seats: 30 }), row({ regionCode: '422800', seats: 20 })];
    expect(quotaTotals(rows, 60)).toEqual({
      allocated: 50,
      capacity: 60,
      free: 10,
      over: false,
      percent: 83,
    });
    expect(quotaTotals(rows, 40)).toMatchObject({ allocated: 50, free: -10, over: true, percent: 100 });
  });

  it('never flags a class without capacity as over', () => {
    expect(quotaTotals([row({ seats: 5 })], null)).toEqual({
      allocated: 5,
      capacity: null,
      free: null,
      over: false,
      percent: 0,
    });
  });

  it('finds rows cut below their used seats', () => {
    const rows = [row({ regionCode: '420100', seats: 2, used: 3 }), row({ unitId: UNIT, seats: 3, used: 3 })];
    expect(rowsBelowUsed(rows)).toEqual(['region:420100']);
  });
});

describe('quota editor rows', () => {
  it('adds a holder once', () => {
    const once = addHolder([], { kind: 'region', code: '420100' });
    const twice = addHolder(once, { kind: 'region', code: '420100' });
    expect(twice).toHaveLength(1);
    const unit = addHolder(twice, { kind: 'unit', id: UNIT });
    expect(unit.map(holderKey)).toEqual(['region:420100', `unit:${UNIT}`]);
  });

  it('builds the put and split bodies', () => {
    const rows = [row({ regionCode: '420100', seats: 3, weight: 2 }), row({ unitId: UNIT, seats: 1 })];
    expect(putBody(rows)).toEqual({
      quotas: [
        { regionCode: '420100', unitId: null, seats: 3, weight: 2 },
        { regionCode: null, unitId: UNIT, seats: 1, weight: null },
      ],
    });
    expect(splitBody(rows, 'weights', 10)).toEqual({
      method: 'weights',
      total: 10,
      holders: [
        { regionCode: '420100', unitId: null, weight: 2 },
        { regionCode: null, unitId: UNIT, weight: 1 },
      ],
    });
    expect(splitBody(rows, 'even')).not.toHaveProperty('total');
  });

  it('takes the seats of a split preview by holder', () => {
    const rows = [row({ regionCode: '420100', seats: 0 }), row({ unitId: UNIT, seats: 0 })];
    const preview: QuotaList = {
      capacity: 10,
      allocated: 10,
      items: [
        {
          id: '00000000-0000-4000-8000-000000000009',
          regionCode: null,
          unitId: UNIT,
          holderName: '党校',
          seats: 4,
          weight: 1,
          used: 0,
          remaining: 4,
          approved: 0,
          waitlisted: 0,
          canNominate: false,
        },
      ],
    };
    const next = applySplit(rows, preview);
    expect(next.map((r) => r.seats)).toEqual([0, 4]);
    expect(next[1]?.holderName).toBe('党校');
  });

  it('shows use as a percentage of the seats', () => {
    expect(usedPercent({ seats: 4, used: 1 })).toBe(25);
    expect(usedPercent({ seats: 4, used: 9 })).toBe(100);
    expect(usedPercent({ seats: 0, used: 0 })).toBe(0);
  });
});
