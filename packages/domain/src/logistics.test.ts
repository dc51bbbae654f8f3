import { describe, expect, it } from 'vitest';
import { allocateRooms, groupPickUps, mealCounts, roomProblem } from './logistics.js';

describe('room allocation', () => {
  const rooms = () => [
    { id: 'r301', beds: 2, gender: null, occupants: 0 },
    { id: 'r302', beds: 2, gender: null, occupants: 0 },
    { id: 'r303', beds: 1, gender: null, occupants: 0 },
  ];

  it('fills rooms two by two, never mixing women and men, and says who is left without a bed', () => {
    const { assigned, unplaced } = allocateRooms(rooms(), [
      { id: '张强', gender: 'male' },
      { id: '王丽', gender: 'female' },
      { id: '陈明', gender: 'male' },
      { id: '李华', gender: 'female' },
      { id: '赵军', gender: 'male' },
      { id: '刘芳', gender: 'female' },
      { id: '未知', gender: null },
    ]);
    const roomOf = (id: string) => assigned.find((a) => a.sleeperId === id)?.roomId;
    expect(roomOf('张强')).toBe('r301');
    expect(roomOf('陈明')).toBe('r301');
    expect(roomOf('王丽')).toBe('r302');
    expect(roomOf('李华')).toBe('r302');
    expect(roomOf('赵军')).toBe('r303');
    expect(unplaced).toEqual([
      { sleeperId: '刘芳', reason: 'no_room' },
      { sleeperId: '未知', reason: 'gender_unknown' },
    ]);
  });

  it('gives a room of their own to who asked for one', () => {
    const { assigned } = allocateRooms(rooms(), [
      { id: '书记', gender: 'male', single: true },
      { id: '张强', gender: 'male' },
    ]);
    expect(assigned).toEqual([
      { sleeperId: '书记', roomId: 'r301' },
      { sleeperId: '张强', roomId: 'r302' },
    ]);
  });

  it('explains why a trainee may not join a room', () => {
    expect(roomProblem({ id: 'a', beds: 2, gender: 'male', occupants: 2 }, { id: 'x', gender: 'male' })).toBe(
      'room_full',
    );
    expect(
      roomProblem({ id: 'a', beds: 2, gender: 'male', occupants: 1 }, { id: 'x', gender: 'female' }),
    ).toBe('room_gender');
    expect(
      roomProblem(
        { id: 'a', beds: 2, gender: null, occupants: 1 },
        { id: 'x', gender: 'male', single: true },
      ),
    ).toBe('room_not_single');
    expect(
      roomProblem({ id: 'a', beds: 2, gender: null, occupants: 0 }, { id: 'x', gender: 'male' }),
    ).toBeNull();
  });
});

describe('pick-ups', () => {
  it('groups the same train on the same day, others within an hour; cars need none', () => {
    const { pickUps, withoutTime } = groupPickUps([
      { enrollmentId: 'a', arrivalAt: '2026-12-09T14:32:00+08:00', transport: 'train', number: 'g1234' },
      { enrollmentId: 'b', arrivalAt: '2026-12-09T14:32:00+08:00', transport: 'train', number: 'G1234' },
      { enrollmentId: 'c', arrivalAt: '2026-12-09T10:05:00+08:00', transport: 'flight', number: 'CZ3456' },
      { enrollmentId: 'd', arrivalAt: '2026-12-09T16:00:00+08:00', transport: 'other', number: null },
      { enrollmentId: 'e', arrivalAt: '2026-12-09T16:50:00+08:00', transport: null, number: null },
      { enrollmentId: 'f', arrivalAt: '2026-12-09T18:10:00+08:00', transport: 'other', number: null },
      { enrollmentId: 'g', arrivalAt: '2026-12-09T09:00:00+08:00', transport: 'car', number: null },
      { enrollmentId: 'h', arrivalAt: null, transport: 'train', number: 'D5' },
    ]);
    expect(pickUps.map((p) => [p.number ?? p.transport ?? 'window', p.enrollmentIds])).toEqual([
      ['CZ3456', ['c']],
      ['G1234', ['a', 'b']],
      ['window', ['d', 'e']],
      ['window', ['f']],
    ]);
    expect(withoutTime).toEqual(['h']);
  });

  it('counts meals by dietary need', () => {
    expect(mealCounts(['halal', null, 'vegetarian', 'halal'])).toMatchObject({
      halal: 2,
      vegetarian: 1,
      none: 1,
    });
  });
});
