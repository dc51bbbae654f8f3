import { describe, expect, it } from 'vitest';
import { budgetTotal, formatYuan } from './budget';

describe('budget total', () => {
  it('adds in fen, skipping empty rows', () => {
    expect(budgetTotal([{ amount: 0.1 }, { amount: 0.2 }, { amount: null }, undefined, {}])).toBe(0.3);
    expect(budgetTotal(undefined)).toBe(0);
  });

  it('formats yuan with two decimals', () => {
    expect(formatYuan(12345.6)).toBe('12,345.60');
    expect(formatYuan(0)).toBe('0.00');
  });
});
