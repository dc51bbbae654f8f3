import type { MyScheduleItem } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayTitle,
  endsNextDay,
  formatHours,
  groupByDay,
  itemPhase,
  relativeDay,
  timeRange,
  upcomingItems,
  webcalUrl,
} from './logic';

function item(id: string, startsAt: string, endsAt: string, hours = 2): MyScheduleItem {
  return {
    session: { id, startsAt, endsAt, hours, title: id } as MyScheduleItem['session'],
    class: { id: 'c', code: '2026-001', name: 'C' },
    role: null,
  };
}

describe('schedule logic', () => {
  it('shows times in China time whatever the offset given', () => {
    expect(timeRange('2026-05-10T01:00:00Z', '2026-05-10T03:30:00Z')).toBe('09:00–11:30');
    expect(timeRange('2026-05-10T09:00:00+08:00', '2026-05-11T00:00:00+08:00')).toBe('09:00–24:00');
    expect(endsNextDay('2026-05-10T22:00:00+08:00', '2026-05-11T00:00:00+08:00')).toBe(false);
    expect(endsNextDay('2026-05-10T22:00:00+08:00', '2026-05-11T01:00:00+08:00')).toBe(true);
  });

  it('groups by the China day, not the UTC day, in time order', () => {
    const days = groupByDay([
      item('late', '2026-05-10T16:30:00Z', '2026-05-10T18:00:00Z', 1.5), // 05-11 00:30 China
      item('b', '2026-05-10T06:00:00Z', '2026-05-10T08:00:00Z'),
      item('a', '2026-05-10T01:00:00Z', '2026-05-10T03:00:00Z'),
    ]);
    expect(days.map((d) => d.day)).toEqual(['2026-05-10', '2026-05-11']);
    expect(days[0]?.items.map((i) => i.session.id)).toEqual(['a', 'b']);
    expect(days[0]?.hours).toBe(4);
    expect(days[1]?.hours).toBe(1.5);
  });

  it('keeps ongoing items among the upcoming ones', () => {
    const now = Date.parse('2026-05-10T10:00:00+08:00');
    const items = [
      item('over', '2026-05-10T08:00:00+08:00', '2026-05-10T10:00:00+08:00'),
      item('now', '2026-05-10T09:00:00+08:00', '2026-05-10T11:00:00+08:00'),
      item('next', '2026-05-10T14:00:00+08:00', '2026-05-10T16:00:00+08:00'),
    ];
    expect(upcomingItems(items, now).map((i) => i.session.id)).toEqual(['now', 'next']);
    expect(items.map((i) => itemPhase(i.session, now))).toEqual(['past', 'ongoing', 'future']);
  });

  it('names today, tomorrow and yesterday across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(relativeDay('2026-03-01', '2026-02-28')).toBe('tomorrow');
    expect(relativeDay('2026-02-27', '2026-02-28')).toBe('yesterday');
    expect(relativeDay('2026-02-28', '2026-02-28')).toBe('today');
    expect(relativeDay('2026-03-02', '2026-02-28')).toBeNull();
  });

  it('writes dates with the weekday, and the year only for another year', () => {
    expect(dayTitle('2026-11-24', 'zh-CN', '2026')).toBe('11月24日 周二');
    expect(dayTitle('2025-11-24', 'zh-TW', '2026')).toBe('2025年11月24日 週一');
    expect(dayTitle('2026-11-24', 'en', '2026')).toBe('Tue, Nov 24');
  });

  it('formats hours and feed links', () => {
    expect(formatHours(2.5)).toBe('2.5');
    expect(formatHours(0.75)).toBe('0.75');
    expect(formatHours(3)).toBe('3');
    expect(webcalUrl('https://x.gov.cn/api/v1/feeds/abc.ics')).toBe('webcal://x.gov.cn/api/v1/feeds/abc.ics');
  });
});
