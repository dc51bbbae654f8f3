import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Conflict,
  chinaDay,
  intervalsOverlap,
  itemConflicts,
  pairConflicts,
  publishVerdict,
  type ScheduleItem,
  sessionHours,
  timetableConflicts,
  withinClassDates,
} from './timetable.js';

let n = 0;
function item(start: string, end: string, overrides: Partial<ScheduleItem> = {}): ScheduleItem {
  n += 1;
  return {
    id: `i${n}`,
    classId: 'c1',
    start,
    end,
    venueId: null,
    lecturerIds: [],
    groupIds: [],
    cityCode: '420100',
    audience: 30,
    ...overrides,
  };
}
const kinds = (cs: Conflict[]) => cs.map((c) => c.kind).sort();

describe('intervals', () => {
  it('touching intervals do not overlap; one minute more does', () => {
    const a = { start: '2022-01-13T09:00:00+08:00', end: '2022-01-13T10:00:00+08:00' };
    expect(
      intervalsOverlap(a, { start: '2022-01-13T10:00:00+08:00', end: '2022-01-13T11:00:00+08:00' }),
    ).toBe(false);
    expect(
      intervalsOverlap(a, { start: '2022-01-13T09:59:00+08:00', end: '2022-01-13T11:00:00+08:00' }),
    ).toBe(true);
  });
  it('compares instants, whatever offset they are written in', () => {
    const beijing = { start: '2022-01-13T09:00:00+08:00', end: '2022-01-13T10:00:00+08:00' };
    expect(intervalsOverlap(beijing, { start: '2022-01-13T01:30:00Z', end: '2022-01-13T02:30:00Z' })).toBe(
      true,
    );
    expect(intervalsOverlap(beijing, { start: '2022-01-13T02:00:00Z', end: '2022-01-13T03:00:00Z' })).toBe(
      false,
    );
  });
  it('days are China days: 23:30 UTC is the next morning in Beijing', () => {
    expect(chinaDay('2022-01-12T23:30:00Z')).toBe('2022-01-13');
    expect(chinaDay('2022-01-13T15:59:00Z')).toBe('2022-01-13');
  });
});

describe('class dates', () => {
  it('an item may end at midnight after the last day, not a minute later', () => {
    expect(
      withinClassDates(
        item('2022-01-14T20:00:00+08:00', '2022-01-15T00:00:00+08:00'),
        '2022-01-13',
        '2022-01-14',
      ),
    ).toBe(true);
    expect(
      withinClassDates(
        item('2022-01-14T20:00:00+08:00', '2022-01-15T00:01:00+08:00'),
        '2022-01-13',
        '2022-01-14',
      ),
    ).toBe(false);
  });
  it('an evening item across midnight inside the class is fine; one before the first day is not', () => {
    expect(
      withinClassDates(
        item('2022-01-13T22:00:00+08:00', '2022-01-14T01:00:00+08:00'),
        '2022-01-13',
        '2022-01-14',
      ),
    ).toBe(true);
    expect(
      withinClassDates(
        item('2022-01-12T22:00:00+08:00', '2022-01-13T01:00:00+08:00'),
        '2022-01-13',
        '2022-01-14',
      ),
    ).toBe(false);
  });
});

describe('pairs', () => {
  it('a lecturer in two classes at once is double-booked; after each other is not', () => {
    const a = item('2022-01-13T09:00:00+08:00', '2022-01-13T11:00:00+08:00', { lecturerIds: ['L'] });
    const b = item('2022-01-13T10:00:00+08:00', '2022-01-13T12:00:00+08:00', {
      lecturerIds: ['L'],
      classId: 'c2',
    });
    expect(kinds(pairConflicts(a, b))).toEqual(['lecturer_double_booked']);
    const c = item('2022-01-13T11:00:00+08:00', '2022-01-13T12:00:00+08:00', {
      lecturerIds: ['L'],
      classId: 'c2',
    });
    expect(pairConflicts(a, c)).toEqual([]);
  });
  it('a venue used twice at once is double-booked', () => {
    const a = item('2022-01-13T09:00:00+08:00', '2022-01-13T11:00:00+08:00', { venueId: 'V' });
    const b = item('2022-01-13T10:30:00+08:00', '2022-01-13T12:00:00+08:00', { venueId: 'V', classId: 'c2' });
    expect(kinds(pairConflicts(a, b))).toEqual(['venue_double_booked']);
  });
  it('items for the whole class clash with any group; different groups may run in parallel', () => {
    const whole = item('2022-01-13T14:00:00+08:00', '2022-01-13T16:00:00+08:00', { groupIds: null });
    const g1 = item('2022-01-13T15:00:00+08:00', '2022-01-13T17:00:00+08:00', { groupIds: ['g1'] });
    const g2 = item('2022-01-13T15:00:00+08:00', '2022-01-13T17:00:00+08:00', { groupIds: ['g2'] });
    expect(pairConflicts(whole, g1)).toEqual([
      expect.objectContaining({ kind: 'group_overlap', groupId: null }),
    ]);
    expect(pairConflicts(g1, g2)).toEqual([]);
    const g12 = item('2022-01-13T16:00:00+08:00', '2022-01-13T18:00:00+08:00', { groupIds: ['g2', 'g1'] });
    expect(pairConflicts(g1, g12)).toEqual([
      expect.objectContaining({ kind: 'group_overlap', groupId: 'g1' }),
    ]);
  });
  it('warns when the same lecturer has too little time to travel between cities on one day', () => {
    const wuhan = item('2022-01-13T09:00:00+08:00', '2022-01-13T11:00:00+08:00', { lecturerIds: ['L'] });
    const yichang = item('2022-01-13T12:00:00+08:00', '2022-01-13T14:00:00+08:00', {
      lecturerIds: ['L'],
      classId: 'c2',
      cityCode: '420500',
    });
    const ctx = { travelMinutes: () => 240 };
    expect(pairConflicts(yichang, wuhan, ctx)).toEqual([
      expect.objectContaining({ kind: 'travel_time', severity: 'warning', have: 60, need: 240 }),
    ]);
    const nextDay = { ...yichang, start: '2022-01-14T08:00:00+08:00', end: '2022-01-14T10:00:00+08:00' };
    expect(pairConflicts(nextDay, wuhan, ctx)).toEqual([]);
    expect(pairConflicts({ ...yichang, cityCode: '420100' }, wuhan, ctx)).toEqual([]);
  });
});

describe('one item', () => {
  it('refuses zero length, an end before the start, and unparseable times', () => {
    for (const [s, e] of [
      ['2022-01-13T09:00:00+08:00', '2022-01-13T09:00:00+08:00'],
      ['2022-01-13T10:00:00+08:00', '2022-01-13T09:00:00+08:00'],
      ['2022-01-13 9点', '2022-01-13T10:00:00+08:00'],
    ] as const) {
      expect(kinds(itemConflicts(item(s, e), []))).toEqual(['invalid_interval']);
    }
  });
  it('a venue smaller than the audience; the class dates; both at once', () => {
    const venues = new Map([['V', { id: 'V', name: '201教室', capacity: 60 }]]);
    const big = item('2022-01-15T09:00:00+08:00', '2022-01-15T11:00:00+08:00', {
      venueId: 'V',
      audience: 300,
    });
    const cs = itemConflicts(big, [], {
      venues,
      classDates: { startDate: '2022-01-13', endDate: '2022-01-14' },
    });
    expect(kinds(cs)).toEqual(['outside_class_dates', 'venue_too_small']);
    expect(cs.find((c) => c.kind === 'venue_too_small')).toMatchObject({ have: 60, need: 300 });
  });
});

describe('a whole timetable', () => {
  it('blocks publishing on errors, and lists warnings to acknowledge', () => {
    const a = item('2022-01-13T09:00:00+08:00', '2022-01-13T11:00:00+08:00', { lecturerIds: ['L'] });
    const b = item('2022-01-13T12:00:00+08:00', '2022-01-13T13:00:00+08:00', {
      lecturerIds: ['L'],
      cityCode: '420500',
      groupIds: ['g'],
    });
    const verdict = publishVerdict(timetableConflicts([a, b]));
    expect(verdict.blocked).toBe(false);
    expect(verdict.warnings.map((w) => w.kind)).toEqual(['travel_time']);
    const c = item('2022-01-13T10:00:00+08:00', '2022-01-13T12:00:00+08:00', {
      lecturerIds: ['L'],
      classId: 'other',
    });
    expect(publishVerdict(timetableConflicts([a, b], [c])).blocked).toBe(true);
  });

  it('the sweep finds exactly the conflicts of comparing every pair (property)', () => {
    const hour = 3_600_000;
    const base = Date.parse('2022-01-13T00:00:00+08:00');
    const arb = fc.array(
      fc.record({
        startH: fc.integer({ min: 0, max: 96 }),
        len: fc.integer({ min: 1, max: 40 }),
        lecturer: fc.constantFrom(null, 'L1', 'L2'),
        venue: fc.constantFrom(null, 'V1', 'V2'),
        group: fc.constantFrom(null, 'g1', 'g2'),
        city: fc.constantFrom('420100', '420500'),
      }),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(arb, (rows) => {
        const items = rows.map(
          (r, i): ScheduleItem => ({
            id: `x${i}`,
            classId: 'c',
            start: base + r.startH * hour,
            end: base + (r.startH + r.len) * hour,
            venueId: r.venue,
            lecturerIds: r.lecturer ? [r.lecturer] : [],
            groupIds: r.group ? [r.group] : null,
            cityCode: r.city,
            audience: 10,
          }),
        );
        const key = (c: Conflict) => [c.kind, ...[c.itemId, c.otherItemId].sort()].join('|');
        const swept = timetableConflicts(items).map(key).sort();
        const brute: string[] = [];
        items.forEach((a, i) => {
          for (const b of items.slice(0, i)) brute.push(...pairConflicts(a, b).map(key));
        });
        expect(swept).toEqual(brute.sort());
      }),
    );
  });
});

describe('学时 from duration', () => {
  it('counts 45 minutes as one 学时, rounded down to halves', () => {
    expect(sessionHours(item('2022-01-13T09:00:00+08:00', '2022-01-13T10:30:00+08:00'))).toBe(2);
    expect(sessionHours(item('2022-01-13T09:00:00+08:00', '2022-01-13T09:40:00+08:00'))).toBe(0.5);
    expect(
      sessionHours(item('2022-01-13T09:00:00+08:00', '2022-01-13T12:00:00+08:00'), {
        minutesPerHour: 60,
        step: 1,
      }),
    ).toBe(3);
    expect(sessionHours(item('2022-01-13T09:00:00+08:00', '2022-01-13T09:00:00+08:00'))).toBe(0);
  });
});
