import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holderCovers, quotaInput, splitByWeights, splitEvenly } from './quotas.js';

describe('splitByWeights (largest remainder)', () => {
  it('always sums to the total, never goes negative, and has one part per weight', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 100_000 }),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 60 }),
        (total, weights) => {
          const parts = splitByWeights(total, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          for (const p of parts) expect(p).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it('gives each part its exact share rounded down or up, never further off (quota property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.array(fc.double({ min: 0.01, max: 1000, noNaN: true }), { minLength: 1, maxLength: 40 }),
        (total, weights) => {
          const sum = weights.reduce((a, b) => a + b, 0);
          splitByWeights(total, weights).forEach((p, i) => {
            const exact = (total * (weights[i] ?? 0)) / sum;
            expect(p).toBeGreaterThanOrEqual(Math.floor(exact + 1e-9) - 0);
            expect(p).toBeLessThanOrEqual(Math.ceil(exact - 1e-9));
          });
        },
      ),
    );
  });

  it('gives a zero weight nothing when other weights are positive', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 1, max: 50 }), (total, w) => {
        expect(splitByWeights(total, [w, 0, w])[1]).toBe(0);
      }),
    );
  });

  it('splits 300 seats over 17 cities by their cadre numbers', () => {
    expect(splitByWeights(10, [1, 1, 1])).toEqual([4, 3, 3]);
    expect(splitByWeights(300, [5, 3, 2])).toEqual([150, 90, 60]);
    // 7 by 1:1:1:1 → remainders tie, the earlier parts get the extra seats.
    expect(splitByWeights(7, [1, 1, 1, 1])).toEqual([2, 2, 2, 1]);
    // Hamilton: 10 × (0.45, 0.35, 0.2) = 4.5, 3.5, 2 → the .5 remainders tie; first wins.
    expect(splitByWeights(10, [45, 35, 20])).toEqual([5, 3, 2]);
  });

  it('splits evenly when all weights are zero, and refuses nonsense', () => {
    expect(splitByWeights(5, [0, 0])).toEqual([3, 2]);
    expect(splitByWeights(5, [])).toEqual([]);
    expect(() => splitByWeights(-1, [1])).toThrow(RangeError);
    expect(() => splitByWeights(1.5, [1])).toThrow(RangeError);
    expect(() => splitByWeights(3, [1, -1])).toThrow(RangeError);
  });
});

describe('splitEvenly', () => {
  it('parts differ by at most one, larger first, and sum to the total', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 200 }), (total, n) => {
        const parts = splitEvenly(total, n);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        expect([...parts].sort((a, b) => b - a)).toEqual(parts);
      }),
    );
    expect(splitEvenly(300, 17)).toEqual([...Array(11).fill(18), ...Array(6).fill(17)]);
  });
});

describe('holderCovers', () => {
  const enshiUnit = { path: '/a/b/', regionCode: '422801' };
  it('a region quota covers people working anywhere in the region subtree', () => {
    expect(holderCovers({ kind: 'region', regionCode: '422800' }, enshiUnit)).toBe(true);
    expect(holderCovers({ kind: 'region', regionCode: '420000' }, enshiUnit)).toBe(true);
    expect(holderCovers({ kind: 'region', regionCode: '420100' }, enshiUnit)).toBe(false);
  });
  it('a unit quota covers the unit and its sub-units', () => {
    expect(holderCovers({ kind: 'unit', unitId: 'a' }, enshiUnit)).toBe(true);
    expect(holderCovers({ kind: 'unit', unitId: 'b' }, enshiUnit)).toBe(true);
    expect(holderCovers({ kind: 'unit', unitId: 'c' }, enshiUnit)).toBe(false);
  });
});

describe('quotaInput', () => {
  it('names exactly one holder', () => {
    expect(quotaInput.safeParse({ regionCode: '420100', seats: 3 }).success).toBe(true);
    const both = quotaInput.safeParse({ regionCode: '420100', unitId: crypto.randomUUID(), seats: 3 });
    expect(both.error?.issues[0]?.message).toBe('quota_holder_one');
    expect(quotaInput.safeParse({ seats: 3 }).success).toBe(false);
    expect(quotaInput.safeParse({ regionCode: '420100', seats: -1 }).success).toBe(false);
  });
});
