import type { HotelView, PickUpView, RoomView, TraineeLogisticsView } from '@ganxun/domain';
import { DIETARY_NEEDS } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  bedDots,
  bedSummary,
  chinaClock,
  defaultStayClass,
  filterTrainees,
  handedPercent,
  mealCards,
  notHanded,
  parseRoomNumbers,
  pickUpsByDay,
  previewByRoom,
  roomOptions,
  roomState,
  roomsOf,
  satisfactionRows,
  sortRooms,
  specialNeeds,
  stayClasses,
} from './logic';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function room(number: string, beds: number, occupants = 0): RoomView {
  return {
    id: id(Number(number.replace(/\D/g, '')) || 1),
    hotelId: id(900),
    number,
    beds,
    gender: null,
    occupants: Array.from({ length: occupants }, (_, i) => ({
      enrollmentId: id(500 + i),
      name: `学员${i}`,
      gender: 'male',
      unitName: null,
    })),
  };
}

function trainee(n: number, over: Partial<TraineeLogisticsView> = {}): TraineeLogisticsView {
  return {
    enrollmentId: id(n),
    name: `学员${n}`,
    gender: 'female',
    unitName: '恩施州卫健委',
    regionName: null,
    roomId: null,
    roomLabel: null,
    dietaryNeed: null,
    dietaryNote: null,
    singleRoom: false,
    arrivalAt: null,
    arrivalTransport: null,
    arrivalNumber: null,
    materialIds: [],
    ...over,
  };
}

describe('parseRoomNumbers', () => {
  it.each([
    ['301-305', ['301', '302', '303', '304', '305']],
    ['301–303', ['301', '302', '303']],
    ['301 ~ 302', ['301', '302']],
    ['301～302', ['301', '302']],
    ['301, 305，310-311', ['301', '305', '310', '311']],
    ['A301-A303', ['A301', 'A302', 'A303']],
    ['A301-303', ['A301', 'A302', 'A303']],
    ['0801-0803', ['0801', '0802', '0803']],
    ['098-101', ['098', '099', '100', '101']],
    ['贵宾1号', ['贵宾1号']],
    ['  312  ', ['312']],
  ])('%s', (input, numbers) => {
    expect(parseRoomNumbers(input)).toEqual({ numbers });
  });

  it.each([
    ['', 'range_empty'],
    [' , ', 'range_empty'],
    ['320-301', 'range_reversed'],
    ['1-501', 'range_too_many'],
    ['A301-B305', 'range_bad'],
    ['301-', 'range_bad'],
    ['301-302, 302', 'range_duplicate'],
  ])('refuses %j (%s)', (input, problem) => {
    expect(parseRoomNumbers(input)).toEqual({ problem });
  });

  it('makes the body of a bulk add', () => {
    expect(roomsOf(['301', '302'], 2, 'female')).toEqual([
      { number: '301', beds: 2, gender: 'female' },
      { number: '302', beds: 2, gender: 'female' },
    ]);
  });
});

describe('rooms', () => {
  it('sorts numbers naturally', () => {
    expect(
      sortRooms([room('1001', 2), room('302', 2), room('A10', 1), room('A2', 1)]).map((r) => r.number),
    ).toEqual(['302', '1001', 'A2', 'A10']);
  });

  it('draws a dot per bed and tells the state', () => {
    expect(bedDots(room('301', 3, 1))).toEqual([true, false, false]);
    expect(roomState(room('301', 2))).toBe('empty');
    expect(roomState(room('301', 2, 1))).toBe('partial');
    expect(roomState(room('301', 2, 2))).toBe('full');
  });

  it('sums the beds of the hotels', () => {
    const hotels = [
      { beds: 10, occupied: 4 },
      { beds: 6, occupied: 6 },
    ] as HotelView[];
    expect(bedSummary(hotels)).toEqual({ beds: 16, occupied: 10, free: 6 });
    expect(bedSummary([])).toEqual({ beds: 0, occupied: 0, free: 0 });
  });

  it('offers rooms per hotel with their free beds', () => {
    const hotel = {
      id: id(900),
      name: '恩施宾馆',
      address: null,
      phone: null,
      rooms: [room('302', 2, 2), room('301', 2, 1)],
      beds: 4,
      occupied: 3,
    } satisfies HotelView;
    expect(roomOptions([hotel])).toEqual([
      {
        label: '恩施宾馆',
        options: [
          { value: id(301), label: '恩施宾馆 301', free: 1, gender: null },
          { value: id(302), label: '恩施宾馆 302', free: 0, gender: null },
        ],
      },
    ]);
  });
});

describe('trainees', () => {
  const rows = [
    trainee(1, { roomId: id(301), roomLabel: '恩施宾馆 301' }),
    trainee(2, { name: '张三', unitName: '利川市教育局' }),
    trainee(3, { dietaryNeed: 'halal', materialIds: [id(77)] }),
    trainee(4, { dietaryNeed: 'none', dietaryNote: '花生过敏' }),
  ];

  it('filters by name or unit, and the unplaced', () => {
    expect(filterTrainees(rows, { unplacedOnly: true }).map((x) => x.enrollmentId)).toEqual([
      id(2),
      id(3),
      id(4),
    ]);
    expect(filterTrainees(rows, { q: '利川' }).map((x) => x.name)).toEqual(['张三']);
    expect(filterTrainees(rows, { q: '张', unplacedOnly: true })).toHaveLength(1);
    expect(filterTrainees(rows, {})).toHaveLength(4);
  });

  it('lists special needs (a need, a note or a single room)', () => {
    expect(specialNeeds(rows).map((x) => x.enrollmentId)).toEqual([id(3), id(4)]);
    expect(specialNeeds([trainee(5, { singleRoom: true })])).toHaveLength(1);
  });

  it('shows a meal card per need', () => {
    const counts = { none: 5, halal: 2, diabetic: 1 };
    expect(mealCards(counts, DIETARY_NEEDS)).toEqual([
      { need: 'none', count: 5 },
      { need: 'halal', count: 2 },
      { need: 'vegetarian', count: 0 },
      { need: 'no_pork', count: 0 },
      { need: 'diabetic', count: 1 },
      { need: 'allergy', count: 0 },
      { need: 'other', count: 0 },
    ]);
  });

  it('finds who has not been handed a material', () => {
    expect(notHanded(rows, id(77))).toEqual([id(1), id(2), id(4)]);
    expect(handedPercent(1, 3)).toBe(33);
    expect(handedPercent(0, 0)).toBe(0);
  });
});

describe('pick-ups', () => {
  const pickUp = (key: string, at: string): PickUpView => ({
    key,
    transport: 'train',
    number: key,
    at,
    trainees: [],
    vehicle: null,
    driver: null,
    driverPhone: null,
    note: null,
  });

  it('groups by China day in time order', () => {
    const groups = pickUpsByDay([
      pickUp('G3', '2026-05-11T02:00:00.000Z'),
      pickUp('G1', '2026-05-10T01:00:00.000Z'),
      pickUp('G2', '2026-05-10T17:00:00.000Z'), // 01:00 on the 11th in China
    ]);
    expect(groups.map((g) => [g.day, g.pickUps.map((p) => p.key)])).toEqual([
      ['2026-05-10', ['G1']],
      ['2026-05-11', ['G2', 'G3']],
    ]);
  });

  it('shows China time', () => {
    expect(chinaClock('2026-05-10T01:30:00.000Z')).toBe('2026-05-10 09:30');
    expect(chinaClock('nonsense')).toBe('nonsense');
  });
});

describe('satisfactionRows', () => {
  it('puts the known questions first', () => {
    expect(satisfactionRows({ zeta: 3, meals: 4.2, services: null, accommodation: 4.5 })).toEqual([
      { key: 'services', value: null },
      { key: 'accommodation', value: 4.5 },
      { key: 'meals', value: 4.2 },
      { key: 'zeta', value: 3 },
    ]);
  });
});

describe('the trainee’s classes', () => {
  const c = (classId: string, startDate: string | null, endDate: string | null, over: object = {}) => ({
    classId,
    startDate,
    endDate,
    enrollmentStatus: 'enrolled' as string | null,
    classStatus: 'in_progress',
    ...over,
  });
  const items = [
    c('later', '2026-06-01', '2026-06-05'),
    c('gone', '2026-05-01', '2026-05-03', { classStatus: 'completed' }),
    c('left', '2026-05-01', '2026-05-30', { enrollmentStatus: 'withdrawn' }),
    c('nominated', '2026-05-01', '2026-05-30', { enrollmentStatus: null }),
    c('now', '2026-05-10', '2026-05-15'),
    c('undated', null, null),
  ];

  it('keeps enrolled, not-over classes, soonest first', () => {
    expect(stayClasses(items).map((x) => x.classId)).toEqual(['now', 'later', 'undated']);
  });

  it('shows the asked one, else the running one, else the next', () => {
    const list = stayClasses(items);
    expect(defaultStayClass(list, 'later', '2026-05-12')?.classId).toBe('later');
    expect(defaultStayClass(list, 'nope', '2026-05-12')?.classId).toBe('now');
    expect(defaultStayClass(list, null, '2026-05-20')?.classId).toBe('later');
    expect(defaultStayClass(list, null, '2026-07-01')?.classId).toBe('now');
    expect(defaultStayClass([], null, '2026-07-01')).toBeUndefined();
  });
});

describe('previewByRoom', () => {
  it('lists who would sleep in each room, rooms in natural order', () => {
    expect(
      previewByRoom([
        { roomId: 'b', roomLabel: '恩施宾馆 1002', name: '甲' },
        { roomId: 'a', roomLabel: '恩施宾馆 302', name: '乙' },
        { roomId: 'b', roomLabel: '恩施宾馆 1002', name: '丙' },
      ]),
    ).toEqual([
      { roomId: 'a', roomLabel: '恩施宾馆 302', names: ['乙'] },
      { roomId: 'b', roomLabel: '恩施宾馆 1002', names: ['甲', '丙'] },
    ]);
  });
});
