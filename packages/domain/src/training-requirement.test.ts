import { describe, expect, it } from 'vitest';
import { defaultTrainingRequirement, trainingRequirement } from './training-requirement.js';

describe('defaultTrainingRequirement', () => {
  it.each([
    ['0121', 'five_year', 550],
    ['0131', 'five_year', 550],
    ['0132', 'five_year', 550],
    ['0141', 'yearly', 90],
    ['0150', 'yearly', 90],
    [null, 'yearly', 90],
  ])('post level %s → %s %i 学时', (level, period, hours) => {
    expect(defaultTrainingRequirement(level)).toEqual({ period, hours });
  });
});

describe('trainingRequirement', () => {
  it('prefers the override', () => {
    expect(trainingRequirement('0131', { period: 'yearly', hours: 120 })).toEqual({
      period: 'yearly',
      hours: 120,
      source: 'override',
    });
    expect(trainingRequirement('0131', null)).toEqual({ period: 'five_year', hours: 550, source: 'default' });
  });
});
