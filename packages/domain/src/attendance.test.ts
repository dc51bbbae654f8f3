import { createHmac, timingSafeEqual } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AttendanceEvent,
  type AttendanceFacts,
  type AttendanceSettings,
  acceptableSlots,
  attendanceRate,
  attendanceSettings,
  attendanceSettingsPatch,
  bulkMarkBody,
  cardQrPayload,
  checkInBody,
  checkInPhase,
  DEFAULT_ATTENDANCE_SETTINGS,
  decodeQrPayload,
  dedupeQueue,
  EMPTY_ATTENDANCE_FACTS,
  encodeQrPayload,
  finalStatus,
  judgeCheckIn,
  judgeCheckOut,
  liveBoardCounts,
  MAX_QR_TOKEN_LENGTH,
  mergeScans,
  type OfflineQueueItem,
  offlineQueueItem,
  type QrPayload,
  qrSigningInput,
  qrSlot,
  qrSlotEndsAt,
  syncQueueBody,
  verifyCardQr,
  verifySessionQr,
} from './attendance.js';

const session = { startsAt: '2022-01-13T09:00:00+08:00', endsAt: '2022-01-13T11:00:00+08:00' };
const at = (hhmmss: string, day = '2022-01-13') => `${day}T${hhmmss}+08:00`;
const ms = (iso: string) => Date.parse(iso);
const withCheckOut: AttendanceSettings = { ...DEFAULT_ATTENDANCE_SETTINGS, checkOutUsed: true };

const CLASS = '11111111-1111-4111-8111-111111111111';
const SESSION = '22222222-2222-4222-8222-222222222222';
const OTHER = '33333333-3333-4333-8333-333333333333';
const PERSON = '44444444-4444-4444-8444-444444444444';
const SECRET = 'test-secret';

function sign(input: string): string {
  return createHmac('sha256', SECRET).update(input).digest('base64url');
}
function check(input: string, signature: string): boolean {
  const a = Buffer.from(sign(input));
  const b = Buffer.from(signature);
  return a.length === b.length && timingSafeEqual(a, b);
}
function token(payload: QrPayload): string {
  return encodeQrPayload(payload, sign(qrSigningInput(payload)));
}

describe('settings', () => {
  it('defaults: 30 before, on time to 15 after, no check-out, 15 s codes with one grace slot', () => {
    expect(DEFAULT_ATTENDANCE_SETTINGS).toMatchObject({
      opensMinutesBefore: 30,
      onTimeMinutesAfterStart: 15,
      closesMinutesAfterStart: null,
      checkOutUsed: false,
      leftEarlyMinutesBeforeEnd: 15,
      qrRotationSeconds: 15,
      qrGraceSlots: 1,
    });
  });
  it('a patch keeps only what it names (no defaults filled in); bad values are refused', () => {
    expect(attendanceSettingsPatch.parse({ checkOutUsed: true })).toEqual({ checkOutUsed: true });
    expect(attendanceSettings.safeParse({ qrRotationSeconds: 1 }).success).toBe(false);
    expect(attendanceSettings.safeParse({ opensMinutesBefore: -5 }).success).toBe(false);
    expect(attendanceSettings.safeParse({ unknown: 1 }).success).toBe(false);
  });
});

describe('check-in window', () => {
  it.each([
    ['08:29:59', { refused: 'not_open_yet' }],
    ['08:30:00', { status: 'present' }],
    ['09:00:00', { status: 'present' }],
    ['09:15:00', { status: 'present' }],
    ['09:15:00.001', { status: 'late' }],
    ['10:59:59', { status: 'late' }],
    ['11:00:00', { refused: 'closed' }],
  ])('at %s → %j', (time, expected) => {
    expect(judgeCheckIn(session, at(time))).toEqual(expected);
  });
  it('accepts epoch milliseconds and other offsets (the same instants)', () => {
    expect(judgeCheckIn(session, ms(at('09:15:00')))).toEqual({ status: 'present' });
    expect(judgeCheckIn(session, '2022-01-13T01:16:00Z')).toEqual({ status: 'late' });
  });
  it('an item across midnight: on time and late carry over into the next day', () => {
    const night = { startsAt: at('23:30:00'), endsAt: at('01:00:00', '2022-01-14') };
    expect(judgeCheckIn(night, at('23:00:00'))).toEqual({ status: 'present' });
    expect(judgeCheckIn(night, at('23:45:00'))).toEqual({ status: 'present' });
    expect(judgeCheckIn(night, at('00:10:00', '2022-01-14'))).toEqual({ status: 'late' });
    expect(judgeCheckIn(night, at('01:00:00', '2022-01-14'))).toEqual({ refused: 'closed' });
    expect(judgeCheckIn(night, at('22:59:00'))).toEqual({ refused: 'not_open_yet' });
  });
  it('a closing time after the start; an item shorter than the on-time span closes at its end', () => {
    const s = { ...DEFAULT_ATTENDANCE_SETTINGS, closesMinutesAfterStart: 30 };
    expect(judgeCheckIn(session, at('09:29:00'), s)).toEqual({ status: 'late' });
    expect(judgeCheckIn(session, at('09:30:00'), s)).toEqual({ refused: 'closed' });
    const short = { startsAt: at('09:00:00'), endsAt: at('09:10:00') };
    expect(checkInPhase(short, at('09:09:00'))).toBe('on_time');
    expect(checkInPhase(short, at('09:10:00'))).toBe('closed');
  });
});

describe('check-out', () => {
  it('is refused when the class does not use it', () => {
    expect(judgeCheckOut(session, at('10:50:00'))).toEqual({ refused: 'check_out_not_used' });
  });
  it.each([
    ['08:59:59', { refused: 'not_open_yet' }],
    ['09:00:00', { leftEarly: true }],
    ['10:44:59', { leftEarly: true }],
    ['10:45:00', { leftEarly: false }],
    ['11:30:00', { leftEarly: false }],
    ['11:30:01', { refused: 'closed' }],
  ])('at %s → %j', (time, expected) => {
    expect(judgeCheckOut(session, at(time), withCheckOut)).toEqual(expected);
  });
});

const judge = { session };
const scan = (kind: 'check_in' | 'check_out', time: string, method = 'trainee_scan' as const) =>
  mergeScans(null, { kind, at: at(time), method });

describe('finalStatus', () => {
  it('nothing yet while the item runs; absent when it ends without a record or leave', () => {
    expect(finalStatus(null, false, false, judge)).toBeNull();
    expect(finalStatus(null, false, true, judge)).toMatchObject({ status: 'absent', method: 'auto' });
    expect(finalStatus(EMPTY_ATTENDANCE_FACTS, false, true, judge)).toMatchObject({ status: 'absent' });
  });
  it('approved leave beats absence, even before the item ends', () => {
    expect(finalStatus(null, true, false, judge)).toMatchObject({ status: 'on_leave', method: 'leave' });
    expect(finalStatus(null, true, true, judge)).toMatchObject({ status: 'on_leave' });
  });
  it('a real check-in beats leave (the trainee came); a staff mark beats everything', () => {
    const late = scan('check_in', '09:20:00');
    expect(finalStatus(late, true, true, judge)).toEqual({
      status: 'late',
      method: 'trainee_scan',
      late: true,
      leftEarly: false,
    });
    const marked = mergeScans(late, { kind: 'mark', at: at('12:00:00'), status: 'present', by: 'u1' });
    expect(finalStatus(marked, true, true, judge)).toMatchObject({ status: 'present', method: 'staff_mark' });
  });
  it('check-out: early leaving, missing check-out by setting, late and early together', () => {
    const lateIn = scan('check_in', '09:20:00');
    const early = mergeScans(lateIn, { kind: 'check_out', at: at('10:00:00'), method: 'trainee_scan' });
    expect(finalStatus(early, false, true, { session, settings: withCheckOut })).toEqual({
      status: 'left_early',
      method: 'trainee_scan',
      late: true,
      leftEarly: true,
    });
    const onTime = scan('check_in', '08:50:00');
    expect(finalStatus(onTime, false, false, { session, settings: withCheckOut })?.status).toBe('present');
    expect(finalStatus(onTime, false, true, { session, settings: withCheckOut })?.status).toBe('left_early');
    const lenient = { ...withCheckOut, missingCheckOut: 'ignored' as const };
    expect(finalStatus(onTime, false, true, { session, settings: lenient })?.status).toBe('present');
    // Without check-out in use, a check-out scan changes nothing.
    expect(finalStatus(early, false, true, judge)?.status).toBe('late');
  });
  it('a check-out without a check-in counts as late', () => {
    expect(
      finalStatus(scan('check_out', '10:55:00'), false, true, { session, settings: withCheckOut }),
    ).toEqual({ status: 'late', method: 'trainee_scan', late: true, leftEarly: false });
  });
});

describe('mergeScans', () => {
  it('keeps the earliest check-in and the latest check-out, whatever the order', () => {
    const events: AttendanceEvent[] = [
      { kind: 'check_in', at: at('09:05:00'), method: 'trainee_scan' },
      { kind: 'check_out', at: at('10:50:00'), method: 'trainee_scan' },
      { kind: 'check_in', at: at('08:45:00'), method: 'staff_scan' },
      { kind: 'check_out', at: at('10:58:00'), method: 'staff_scan' },
    ];
    const facts = events.reduceRight<AttendanceFacts>((acc, e) => mergeScans(acc, e), EMPTY_ATTENDANCE_FACTS);
    expect(facts).toEqual({
      checkIn: { at: ms(at('08:45:00')), method: 'staff_scan' },
      checkOut: { at: ms(at('10:58:00')), method: 'staff_scan' },
      mark: null,
    });
  });
  it('the latest mark wins; equal times resolve the same way both ways', () => {
    const a: AttendanceEvent = { kind: 'mark', at: at('12:00:00'), status: 'absent', by: 'u1', note: null };
    const b: AttendanceEvent = { kind: 'mark', at: at('12:00:00'), status: 'present', by: 'u2', note: 'x' };
    expect(mergeScans(mergeScans(null, a), b)).toEqual(mergeScans(mergeScans(null, b), a));
    const later: AttendanceEvent = { ...a, at: at('12:01:00') };
    expect(mergeScans(mergeScans(null, later), b).mark?.status).toBe('absent');
  });

  const eventArb: fc.Arbitrary<AttendanceEvent> = fc.oneof(
    fc.record({
      kind: fc.constantFrom('check_in' as const, 'check_out' as const),
      at: fc.integer({ min: 0, max: 20 }).map((m) => ms(at('09:00:00')) + m * 60_000),
      method: fc.constantFrom('trainee_scan' as const, 'staff_scan' as const, 'staff_mark' as const),
    }),
    fc.record({
      kind: fc.constant('mark' as const),
      at: fc.integer({ min: 0, max: 5 }).map((m) => ms(at('12:00:00')) + m * 60_000),
      status: fc.constantFrom('present' as const, 'late' as const, 'absent' as const, 'on_leave' as const),
      by: fc.constantFrom(null, 'u1', 'u2'),
      note: fc.constantFrom(null, 'a', 'b'),
    }),
  );
  const fold = (events: readonly AttendanceEvent[]) =>
    events.reduce<AttendanceFacts>((acc, e) => mergeScans(acc, e), EMPTY_ATTENDANCE_FACTS);

  it('property: any order of the same scans gives the same record', () => {
    fc.assert(
      fc.property(
        fc
          .array(eventArb, { maxLength: 12 })
          .chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
        ([events, shuffled]) => {
          expect(fold(shuffled)).toEqual(fold(events));
        },
      ),
    );
  });
  it('property: idempotent (every scan repeated) and merging records is commutative', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 10 }), fc.array(eventArb, { maxLength: 10 }), (xs, ys) => {
        expect(fold([...xs, ...xs])).toEqual(fold(xs));
        const a = fold(xs);
        const b = fold(ys);
        expect(mergeScans(a, a)).toEqual(a);
        expect(mergeScans(a, b)).toEqual(mergeScans(b, a));
        expect(mergeScans(a, b)).toEqual(fold([...xs, ...ys]));
      }),
    );
  });
});

describe('QR rotation', () => {
  const t0 = 1_642_035_600_000; // 2022-01-13T09:00:00+08:00, a multiple of 15 s
  it('slots of 15 s; the current and the previous one are accepted', () => {
    expect(qrSlot(t0)).toBe(t0 / 15_000);
    expect(qrSlot(t0 + 14_999)).toBe(t0 / 15_000);
    expect(qrSlot(t0 + 15_000)).toBe(t0 / 15_000 + 1);
    expect(acceptableSlots(t0 + 1000)).toEqual([t0 / 15_000, t0 / 15_000 - 1]);
    expect(acceptableSlots(t0, 15, 0)).toEqual([t0 / 15_000]);
    expect(qrSlotEndsAt(qrSlot(t0))).toBe(t0 + 15_000);
    expect(acceptableSlots(0, 15, 3)).toEqual([0]);
  });

  const payload = (slot: number, sessionId = SESSION): QrPayload => ({
    v: 1,
    kind: 'session',
    classId: CLASS,
    sessionId,
    slot,
  });
  const expected = { classId: CLASS, sessionId: SESSION };

  it('a code of the current or previous slot passes; older or future ones are expired', () => {
    const slot = qrSlot(t0);
    const now = t0 + 5_000;
    expect(verifySessionQr(token(payload(slot)), expected, now, check)).toEqual({ payload: payload(slot) });
    expect(verifySessionQr(token(payload(slot - 1)), expected, now, check)).toEqual({
      payload: payload(slot - 1),
    });
    expect(verifySessionQr(token(payload(slot - 2)), expected, now, check)).toEqual({
      refused: 'qr_expired',
    });
    expect(verifySessionQr(token(payload(slot + 1)), expected, now, check)).toEqual({
      refused: 'qr_expired',
    });
    // A photo taken at the start of a slot fails 30 s later.
    expect(verifySessionQr(token(payload(slot)), expected, t0 + 30_000, check)).toEqual({
      refused: 'qr_expired',
    });
  });
  it('forged: a changed payload or signature, or another secret', () => {
    const good = token(payload(qrSlot(t0)));
    const [body, sig] = good.split('.') as [string, string];
    const other = encodeQrPayload(payload(qrSlot(t0), OTHER), sig);
    expect(verifySessionQr(other, { classId: CLASS, sessionId: OTHER }, t0, check)).toEqual({
      refused: 'qr_forged',
    });
    const flipped = `${body}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect(verifySessionQr(flipped, expected, t0, check)).toEqual({ refused: 'qr_forged' });
    // Forgery is judged before anything else in the payload is trusted.
    const forgedOld = encodeQrPayload(payload(1, OTHER), sig);
    expect(verifySessionQr(forgedOld, expected, t0, check)).toEqual({ refused: 'qr_forged' });
  });
  it('a genuine code of another item is the wrong session', () => {
    expect(verifySessionQr(token(payload(qrSlot(t0), OTHER)), expected, t0, check)).toEqual({
      refused: 'qr_wrong_session',
    });
    const card: QrPayload = { v: 1, kind: 'card', personId: PERSON, classId: CLASS, rev: 1 };
    expect(verifySessionQr(token(card), expected, t0, check)).toEqual({ refused: 'qr_wrong_session' });
  });
  it.each([
    ['empty', ''],
    ['no dot', 'abc'],
    ['three parts', 'a.b.c'],
    ['not base64url', '!!!!.AAAAAAAAAAAAAAAAAAAA'],
    ['bad signature text', `${token(payload(1)).split('.')[0]}.short`],
    ['not json', `${Buffer.from('hello').toString('base64url')}.AAAAAAAAAAAAAAAAAAAA`],
    ['invalid utf-8', `${Buffer.from([0xff, 0xfe]).toString('base64url')}.AAAAAAAAAAAAAAAAAAAA`],
    [
      'extra field',
      `${Buffer.from(JSON.stringify({ ...payload(1), extra: 1 })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAA`,
    ],
    [
      'version 2',
      `${Buffer.from(JSON.stringify({ ...payload(1), v: 2 })).toString('base64url')}.AAAAAAAAAAAAAAAAAAAA`,
    ],
    [
      'negative slot',
      `${Buffer.from(JSON.stringify(payload(-1))).toString('base64url')}.AAAAAAAAAAAAAAAAAAAA`,
    ],
    ['too long', 'A'.repeat(MAX_QR_TOKEN_LENGTH + 1)],
  ])('malformed: %s', (_name, value) => {
    expect(decodeQrPayload(value)).toEqual({ refused: 'qr_malformed' });
    expect(verifySessionQr(value, expected, t0, check)).toEqual({ refused: 'qr_malformed' });
  });
  it('encoding is canonical and round-trips; signing inputs differ by kind', () => {
    const p = payload(123);
    const shuffled = { slot: 123, sessionId: SESSION, classId: CLASS, kind: 'session', v: 1 } as QrPayload;
    expect(encodeQrPayload(shuffled, sign('x'))).toBe(encodeQrPayload(p, sign('x')));
    const decoded = decodeQrPayload(token(p));
    expect(decoded).toEqual({
      payload: p,
      signature: sign(qrSigningInput(p)),
      signingInput: qrSigningInput(p),
    });
    expect(qrSigningInput(p)).toBe(`ganxun-qr|1|session|${CLASS}|${SESSION}|123`);
    expect(token(p)).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(() => encodeQrPayload(p, 'not base64!')).toThrow();
  });
  it('property: any valid payload round-trips through the base64url encoding', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.uuid(),
        fc.nat({ max: Number.MAX_SAFE_INTEGER }),
        (classId, sessionId, slot) => {
          const p: QrPayload = { v: 1, kind: 'session', classId, sessionId, slot };
          const d = decodeQrPayload(encodeQrPayload(p, 'A'.repeat(43)));
          expect('payload' in d && d.payload).toEqual(p);
        },
      ),
    );
  });
});

describe('trainee card', () => {
  const card: QrPayload = { v: 1, kind: 'card', personId: PERSON, classId: CLASS, rev: 2 };
  it('has no expiry, is revoked by raising its version, and belongs to one class', () => {
    expect(verifyCardQr(token(card), { classId: CLASS, currentRev: 2 }, check)).toEqual({ payload: card });
    expect(verifyCardQr(token(card), { classId: CLASS, currentRev: 3 }, check)).toEqual({
      refused: 'qr_revoked',
    });
    expect(verifyCardQr(token(card), { classId: OTHER, currentRev: 2 }, check)).toEqual({
      refused: 'qr_wrong_session',
    });
    const forged = encodeQrPayload({ ...card, personId: OTHER } as QrPayload, sign(qrSigningInput(card)));
    expect(verifyCardQr(forged, { classId: CLASS, currentRev: 2 }, check)).toEqual({ refused: 'qr_forged' });
    expect(cardQrPayload.safeParse({ ...card, rev: 0 }).success).toBe(false);
  });
  it('a room code cannot pass for a card (different kind and signing input)', () => {
    const room: QrPayload = { v: 1, kind: 'session', classId: CLASS, sessionId: SESSION, slot: 1 };
    expect(verifyCardQr(token(room), { classId: CLASS, currentRev: 1 }, check)).toEqual({
      refused: 'qr_wrong_session',
    });
    expect(qrSigningInput(room)).not.toBe(qrSigningInput(card));
  });
});

describe('offline queue', () => {
  const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const item = (overrides: Partial<OfflineQueueItem>): OfflineQueueItem => ({
    clientId: uuid(1),
    sessionId: SESSION,
    personId: PERSON,
    kind: 'check_in',
    method: 'staff_mark',
    cardToken: null,
    at: at('09:05:00'),
    ...overrides,
  });

  it('one group per person and item; duplicate client ids and repeats merge away', () => {
    const groups = dedupeQueue([
      item({ clientId: uuid(2), at: at('09:10:00') }),
      item({ clientId: uuid(1), at: at('09:05:00') }),
      item({ clientId: uuid(1), at: at('09:05:00') }),
      item({ clientId: uuid(3), personId: uuid(99) }),
      item({ clientId: uuid(4), sessionId: OTHER }),
    ]);
    expect(groups).toHaveLength(3);
    const mine = groups.find((g) => g.personId === PERSON && g.sessionId === SESSION);
    expect(mine?.clientIds).toEqual([uuid(1), uuid(2)]);
    expect(mine?.facts.checkIn).toEqual({ at: ms(at('09:05:00')), method: 'staff_mark' });
  });

  const queueArb = fc.array(
    fc.record({
      clientId: fc.integer({ min: 1, max: 8 }).map(uuid),
      sessionId: fc.constantFrom(SESSION, OTHER),
      personId: fc.constantFrom(PERSON, uuid(50), uuid(51)),
      kind: fc.constantFrom('check_in' as const, 'check_out' as const),
      method: fc.constantFrom('staff_scan' as const, 'staff_mark' as const),
      at: fc.integer({ min: 0, max: 60 }).map((m) => ms(at('08:40:00')) + m * 60_000),
    }),
    { maxLength: 30 },
  );
  it('property: exactly one group per (person, item), the same whatever the order', () => {
    fc.assert(
      fc.property(
        queueArb.chain((xs) => fc.tuple(fc.constant(xs), fc.shuffledSubarray(xs, { minLength: xs.length }))),
        ([xs, shuffled]) => {
          const groups = dedupeQueue(xs.map((x) => ({ ...x, at: new Date(x.at).toISOString() })));
          const keys = groups.map((g) => `${g.sessionId}|${g.personId}`);
          expect(new Set(keys).size).toBe(keys.length);
          expect(new Set(keys)).toEqual(new Set(xs.map((x) => `${x.sessionId}|${x.personId}`)));
          expect(dedupeQueue(shuffled.map((x) => ({ ...x, at: new Date(x.at).toISOString() })))).toEqual(
            groups,
          );
        },
      ),
    );
  });
  it('contract: a card scan needs its token; at most 1000 items', () => {
    expect(offlineQueueItem.safeParse(item({ method: 'staff_scan' })).success).toBe(false);
    expect(offlineQueueItem.safeParse(item({ method: 'staff_scan', cardToken: 'x.y' })).success).toBe(true);
    expect(offlineQueueItem.safeParse({ ...item({}), at: '2022-01-13 09:05' }).success).toBe(false);
    const many = Array.from({ length: 1001 }, (_, i) => item({ clientId: uuid(i) }));
    expect(syncQueueBody.safeParse({ items: many }).success).toBe(false);
    expect(syncQueueBody.safeParse({ items: many.slice(0, 1000) }).success).toBe(true);
  });
});

describe('summaries', () => {
  const records = [
    { enrollmentId: 'e1', sessionId: 's1', status: 'present' as const },
    { enrollmentId: 'e1', sessionId: 's2', status: 'late' as const },
    { enrollmentId: 'e1', sessionId: 's3', status: 'left_early' as const },
    { enrollmentId: 'e1', sessionId: 's4', status: 'on_leave' as const },
    { enrollmentId: 'e2', sessionId: 's1', status: 'absent' as const },
    { enrollmentId: 'e2', sessionId: 'optional', status: 'present' as const },
  ];
  it('late and left early count as attended; leave, absence and nothing do not', () => {
    const { byTrainee, bySession } = attendanceRate(records, ['s1', 's2', 's3', 's4'], ['e1', 'e2', 'e3']);
    expect(byTrainee.get('e1')).toMatchObject({
      required: 4,
      attended: 3,
      late: 1,
      leftEarly: 1,
      onLeave: 1,
    });
    expect(byTrainee.get('e1')?.rate).toBe(0.75);
    expect(byTrainee.get('e2')).toMatchObject({ attended: 0, absent: 1, unrecorded: 3, rate: 0 });
    expect(byTrainee.get('e3')).toMatchObject({ required: 4, unrecorded: 4, rate: 0 });
    expect(bySession.get('s1')).toMatchObject({ required: 3, attended: 1, absent: 1, unrecorded: 1 });
    expect(bySession.has('optional')).toBe(false);
  });
  it('no required items: the rate is null; trainees default to those with records', () => {
    expect(attendanceRate(records, []).byTrainee.get('e1')?.rate).toBeNull();
    expect([...attendanceRate(records, ['s1']).byTrainee.keys()].sort()).toEqual(['e1', 'e2']);
  });
  it('live board counts: missing is everyone not in (absent or no status yet)', () => {
    expect(liveBoardCounts(['present', 'present', 'late', 'left_early', 'on_leave', 'absent', null])).toEqual(
      {
        expected: 7,
        present: 2,
        late: 1,
        leftEarly: 1,
        onLeave: 1,
        missing: 2,
      },
    );
  });
});

describe('contracts', () => {
  it('check-in: a room token alone, or an item with a card or a person', () => {
    expect(checkInBody.safeParse({ token: 'a.b' }).success).toBe(true);
    expect(checkInBody.parse({ sessionId: SESSION, personId: PERSON }).kind).toBe('check_in');
    expect(checkInBody.safeParse({ sessionId: SESSION, cardToken: 'a.b', kind: 'check_out' }).success).toBe(
      true,
    );
    expect(checkInBody.safeParse({}).success).toBe(false);
    expect(checkInBody.safeParse({ personId: PERSON }).success).toBe(false);
    expect(checkInBody.safeParse({ token: 'a.b', sessionId: SESSION }).success).toBe(false);
    expect(checkInBody.safeParse({ sessionId: SESSION, personId: PERSON, cardToken: 'a.b' }).success).toBe(
      false,
    );
  });
  it('bulk marks: one per enrollment, at most 500, known statuses', () => {
    const mark = (n: number) => ({
      enrollmentId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
      status: 'present',
    });
    expect(bulkMarkBody.parse({ sessionId: SESSION, marks: [mark(1)] }).marks[0]?.note).toBeNull();
    expect(bulkMarkBody.safeParse({ sessionId: SESSION, marks: [mark(1), mark(1)] }).success).toBe(false);
    expect(
      bulkMarkBody.safeParse({ sessionId: SESSION, marks: Array.from({ length: 501 }, (_, i) => mark(i)) })
        .success,
    ).toBe(false);
    expect(
      bulkMarkBody.safeParse({ sessionId: SESSION, marks: [{ ...mark(1), status: 'sick' }] }).success,
    ).toBe(false);
  });
});
