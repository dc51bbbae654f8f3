import { describe, expect, it } from 'vitest';
import {
  CLASS_ACTIONS,
  CLASS_STATUSES,
  classActionsFrom,
  classCode,
  classDays,
  classTransition,
  createClassBody,
  datesOverlap,
  plannedHours,
  publishProblems,
} from './classes.js';
import { planTransition } from './plans.js';

describe('class lifecycle', () => {
  it.each([
    ['draft', 'publish', 'published'],
    ['published', 'close_nominations', 'nominations_closed'],
    ['nominations_closed', 'reopen', 'published'],
    ['nominations_closed', 'start', 'in_progress'],
    ['in_progress', 'complete', 'completed'],
    ['completed', 'archive', 'archived'],
    ['draft', 'cancel', 'cancelled'],
    ['in_progress', 'cancel', 'cancelled'],
  ] as const)('%s --%s--> %s', (from, action, to) => {
    expect(classTransition(from, action)).toBe(to);
  });

  it.each([
    ['draft', 'start'],
    ['draft', 'complete'],
    ['published', 'start'],
    ['published', 'archive'],
    ['completed', 'cancel'],
    ['archived', 'publish'],
    ['cancelled', 'publish'],
    ['cancelled', 'cancel'],
  ] as const)('refuses %s --%s (out of order)', (from, action) => {
    expect(classTransition(from, action)).toBeNull();
  });

  it('lists the actions of each status consistently with the transition table', () => {
    for (const s of CLASS_STATUSES) {
      for (const a of CLASS_ACTIONS) {
        expect(classActionsFrom(s).includes(a)).toBe(classTransition(s, a) !== null);
      }
    }
    expect(classActionsFrom('archived')).toEqual([]);
    expect(classActionsFrom('cancelled')).toEqual([]);
  });
});

describe('publishProblems', () => {
  const ok = {
    startDate: '2022-01-10',
    endDate: '2022-01-11',
    capacity: 300,
    nominationDeadline: '2022-01-05T18:00:00+08:00',
  };
  it('passes a complete class', () => expect(publishProblems(ok)).toEqual([]));
  it('names what is missing', () => {
    expect(
      publishProblems({ startDate: null, endDate: null, capacity: null, nominationDeadline: null }),
    ).toEqual(['startDate', 'endDate', 'capacity', 'nominationDeadline']);
  });
  it('refuses a nomination deadline after the class starts', () => {
    expect(publishProblems({ ...ok, nominationDeadline: '2022-01-11T09:00:00+08:00' })).toEqual([
      'nominationDeadline',
    ]);
    expect(publishProblems({ ...ok, nominationDeadline: '2022-01-10T08:00:00+08:00' })).toEqual([]);
  });
});

describe('days, hours, overlap and codes', () => {
  it('counts both ends', () => {
    expect(classDays('2022-01-10', '2022-01-11')).toBe(2);
    expect(classDays('2022-02-28', '2022-03-01')).toBe(2);
    expect(classDays('2024-02-28', '2024-03-01')).toBe(3);
    expect(classDays('2022-01-10', '2022-01-10')).toBe(1);
  });
  it('derives planned hours from days', () => {
    expect(plannedHours('2022-01-10', '2022-01-11', 8)).toBe(16);
    expect(plannedHours('2022-01-10', '2022-01-14', 6)).toBe(30);
    expect(plannedHours('2022-01-11', '2022-01-10', 8)).toBe(0);
  });
  it('overlapping date ranges share a day; touching ranges on one day overlap, next-day ranges do not', () => {
    expect(
      datesOverlap({ start: '2022-01-10', end: '2022-01-11' }, { start: '2022-01-11', end: '2022-01-12' }),
    ).toBe(true);
    expect(
      datesOverlap({ start: '2022-01-10', end: '2022-01-11' }, { start: '2022-01-12', end: '2022-01-13' }),
    ).toBe(false);
    expect(
      datesOverlap({ start: '2022-01-01', end: '2022-01-31' }, { start: '2022-01-10', end: '2022-01-11' }),
    ).toBe(true);
  });
  it('codes a class by year and sequence', () => {
    expect(classCode(2022, 7)).toBe('2022-007');
    expect(classCode(2022, 1234)).toBe('2022-1234');
  });
});

describe('createClassBody', () => {
  const base = { name: '全省乡村振兴专题研讨班', kind: 'seminar', leadOrganiserId: crypto.randomUUID() };
  it('fills defaults', () => {
    const v = createClassBody.parse(base);
    expect(v.mode).toBe('offline');
    expect(v.topics).toEqual([]);
    expect(v.capacity).toBeNull();
  });
  it('refuses an end before the start, on endDate', () => {
    const r = createClassBody.safeParse({ ...base, startDate: '2022-01-11', endDate: '2022-01-10' });
    expect(r.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['endDate', 'end_before_start'],
    ]);
  });
  it('refuses unknown fields and bad amounts', () => {
    expect(createClassBody.safeParse({ ...base, extra: 1 }).success).toBe(false);
    expect(createClassBody.safeParse({ ...base, budget: [{ item: '住宿', amount: 1.234 }] }).success).toBe(
      false,
    );
    expect(createClassBody.safeParse({ ...base, budget: [{ item: '住宿', amount: 12000.5 }] }).success).toBe(
      true,
    );
  });
});

describe('plan lifecycle', () => {
  it('draft → submitted → approved or returned → submitted again', () => {
    expect(planTransition('draft', 'submit')).toBe('submitted');
    expect(planTransition('submitted', 'approve')).toBe('approved');
    expect(planTransition('submitted', 'return')).toBe('returned');
    expect(planTransition('returned', 'submit')).toBe('submitted');
    expect(planTransition('approved', 'reopen')).toBe('draft');
    expect(planTransition('draft', 'approve')).toBeNull();
    expect(planTransition('approved', 'submit')).toBeNull();
  });
});
