import type { ConflictView, SessionView } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  calendarSetup,
  chinaDate,
  classDays,
  conflictsOf,
  daysBetween,
  defaultSlot,
  formatFileSize,
  formFieldPath,
  fromCalendarDate,
  groupByDay,
  sessionBody,
  severityBySession,
  timeRange,
  toCalendarDate,
  toWall,
  typeColor,
  wallToIso,
  warningKeys,
} from './logic';

function session(over: Partial<SessionView>): SessionView {
  return {
    id: 'a',
    classId: 'c',
    type: 'lecture',
    typeName: '专题讲授',
    title: 'T',
    startsAt: '2026-03-02T01:00:00.000Z',
    endsAt: '2026-03-02T02:30:00.000Z',
    venue: null,
    location: null,
    lecturers: [],
    groupIds: null,
    groupNames: [],
    attendanceRequired: true,
    hours: 2,
    hoursSet: false,
    description: null,
    materials: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

function conflict(over: Partial<ConflictView>): ConflictView {
  return {
    key: 'k',
    kind: 'group_overlap',
    severity: 'error',
    sessionId: 'a',
    otherSessionId: null,
    otherClass: null,
    otherTitle: null,
    otherStartsAt: null,
    otherEndsAt: null,
    lecturer: null,
    venue: null,
    groupId: null,
    have: null,
    need: null,
    message: 'm',
    ...over,
  };
}

describe('China time on a UTC calendar', () => {
  it('shifts an instant by +8 h into the calendar and back', () => {
    const d = toCalendarDate('2026-03-02T01:00:00Z');
    expect(d.getUTCHours()).toBe(9);
    expect(d.getUTCDate()).toBe(2);
    expect(fromCalendarDate(d)).toBe('2026-03-02T09:00:00+08:00');
    expect(Date.parse(fromCalendarDate(d))).toBe(Date.parse('2026-03-02T01:00:00Z'));
  });

  it('accepts any offset and crosses midnight into the China day', () => {
    expect(fromCalendarDate(toCalendarDate('2026-03-01T23:30:00-01:00'))).toBe('2026-03-02T08:30:00+08:00');
    expect(chinaDate('2026-03-01T16:00:00Z')).toBe('2026-03-02');
    expect(chinaDate('2026-03-01T15:59:59Z')).toBe('2026-03-01');
  });

  it('round-trips a calendar date whatever it is', () => {
    const d = new Date(Date.UTC(2026, 11, 31, 21, 45));
    expect(toCalendarDate(fromCalendarDate(d)).getTime()).toBe(d.getTime());
  });

  it('formats times and wall strings in China time', () => {
    expect(timeRange('2026-03-02T01:00:00Z', '2026-03-02T02:30:00Z')).toBe('09:00–10:30');
    expect(toWall('2026-03-02T14:15:00Z')).toBe('2026-03-02 22:15');
    expect(wallToIso('2026-03-02 22:15')).toBe('2026-03-02T22:15:00+08:00');
    expect(Date.parse(wallToIso(toWall('2026-03-02T14:15:00Z')))).toBe(Date.parse('2026-03-02T14:15:00Z'));
  });
});

describe('calendar setup', () => {
  it('lists the class days inclusive', () => {
    expect(classDays('2026-02-27', '2026-03-02')).toEqual([
      '2026-02-27',
      '2026-02-28',
      '2026-03-01',
      '2026-03-02',
    ]);
    expect(classDays(null, '2026-03-02')).toEqual([]);
    expect(classDays('2026-03-03', '2026-03-02')).toEqual([]);
  });

  it('uses a range view up to a week and the week view beyond', () => {
    expect(calendarSetup('2026-03-02', '2026-03-03', '2026-01-01')).toEqual({
      initialView: 'classRange',
      initialDate: '2026-03-02',
      days: 2,
    });
    expect(calendarSetup('2026-03-02', '2026-03-08', '2026-01-01').initialView).toBe('classRange');
    expect(calendarSetup('2026-03-02', '2026-03-09', '2026-01-01')).toMatchObject({
      initialView: 'timeGridWeek',
      initialDate: '2026-03-02',
    });
    expect(calendarSetup(null, null, '2026-01-01')).toMatchObject({
      initialView: 'timeGridWeek',
      initialDate: '2026-01-01',
    });
  });

  it('counts days between China dates', () => {
    expect(daysBetween('2026-03-02', '2026-03-05')).toBe(3);
    expect(daysBetween('2026-03-05', '2026-03-02')).toBe(-3);
  });

  it('places a new toolbar item on the first day at nine', () => {
    expect(defaultSlot('2026-03-02', '2026-01-01').startsAt).toBe('2026-03-02T09:00:00+08:00');
    expect(defaultSlot(null, '2026-01-01').endsAt).toBe('2026-01-01T10:30:00+08:00');
  });
});

describe('conflicts', () => {
  it('marks the worst severity on the item and its same-class partner', () => {
    const map = severityBySession([
      conflict({ sessionId: 'a', otherSessionId: 'b', severity: 'warning', key: '1' }),
      conflict({ sessionId: 'a', severity: 'error', key: '2' }),
      conflict({
        sessionId: 'c',
        otherSessionId: 'x',
        otherClass: { id: 'o', code: 'C', name: 'N' },
        key: '3',
      }),
    ]);
    expect(map.get('a')).toBe('error');
    expect(map.get('b')).toBe('warning');
    expect(map.get('c')).toBe('error');
    expect(map.has('x')).toBe(false);
  });

  it('finds the findings of one item and the warnings to acknowledge', () => {
    const list = [
      conflict({ key: '1', sessionId: 'a' }),
      conflict({ key: '2', sessionId: 'b', otherSessionId: 'a', severity: 'warning', kind: 'travel_time' }),
      conflict({ key: '3', sessionId: 'c' }),
    ];
    expect(conflictsOf(list, 'a').map((c) => c.key)).toEqual(['1', '2']);
    expect(warningKeys(list)).toEqual(['2']);
  });
});

describe('agenda and bodies', () => {
  it('groups by China day, sorted by start', () => {
    const days = groupByDay([
      session({ id: '2', startsAt: '2026-03-02T06:00:00Z', endsAt: '2026-03-02T07:00:00Z' }),
      session({ id: '3', startsAt: '2026-03-02T17:00:00Z', endsAt: '2026-03-02T18:00:00Z' }),
      session({ id: '1', startsAt: '2026-03-02T01:00:00Z', endsAt: '2026-03-02T02:00:00Z' }),
    ]);
    expect(days.map((d) => d.day)).toEqual(['2026-03-02', '2026-03-03']);
    expect(days[0]?.items.map((s) => s.id)).toEqual(['1', '2']);
  });

  it('sends hours only when set by hand, and ids of venue and lecturers', () => {
    const body = sessionBody(
      session({
        venue: {
          id: 'v',
          name: 'V',
          kind: 'classroom',
          capacity: 10,
          cityCode: null,
          address: null,
          liveUrl: null,
        },
        lecturers: [{ lecturerId: 'l', name: 'L', title: null, affiliation: null, role: 'host' }],
      }),
    );
    expect(body).toMatchObject({ venueId: 'v', hours: null, lecturers: [{ lecturerId: 'l', role: 'host' }] });
    expect(sessionBody(session({ hoursSet: true, hours: 3 })).hours).toBe(3);
  });

  it('points time errors at the range field and colours unknown types', () => {
    expect(formFieldPath('endsAt')).toBe('range');
    expect(formFieldPath('lecturers.0.lecturerId')).toBe('lecturers.0.lecturerId');
    expect(typeColor('lecture')).not.toBe(typeColor('nope'));
  });
});

describe('formatFileSize', () => {
  it('shows bytes, then KB/MB with one decimal below 10', () => {
    expect(formatFileSize(0)).toBe('0 B');
    expect(formatFileSize(820)).toBe('820 B');
    expect(formatFileSize(1024)).toBe('1 KB');
    expect(formatFileSize(1536)).toBe('1.5 KB');
    expect(formatFileSize(12 * 1024 + 300)).toBe('12 KB');
    expect(formatFileSize(3.44 * 1024 * 1024)).toBe('3.4 MB');
    expect(formatFileSize(20 * 1024 * 1024)).toBe('20 MB');
  });
});
