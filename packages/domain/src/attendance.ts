import { z } from 'zod';
import { multilineText } from './common.js';
import { instant } from './timetable.js';

/**
 * Check-in (考勤, issue 6): the pure rules and API contracts of attendance, so the server, the
 * staff scanning page (which works offline) and the room's QR screen judge a scan the same way.
 * Times are instants (ISO with an offset, or epoch milliseconds); facts hold epoch milliseconds.
 *
 * Decisions:
 * - One record per (enrollment, item). Its facts are a join-semilattice (`mergeScans`): earliest
 *   check-in, latest check-out, latest staff mark. Any number and order of scans gives one record.
 * - Precedence of the status: staff mark > a real check-in (or check-out) > approved leave >
 *   absent. Leave is permission to be away; a trainee on leave who comes anyway attended.
 * - 迟到 and 早退 count as attended (they are reported, not subtracted); 请假 and 缺勤 do not.
 * - Late and left early together: the status is `left_early` (the check-in status is kept in the
 *   record, so the lateness is still shown).
 */

/** 出勤, 迟到, 早退, 请假, 缺勤. */
export const ATTENDANCE_STATUSES = ['present', 'late', 'left_early', 'on_leave', 'absent'] as const;
export type AttendanceStatus = (typeof ATTENDANCE_STATUSES)[number];

/**
 * How a record's status came about: the trainee scanned the room's QR, staff scanned the
 * trainee's card, staff checked in or marked by hand, approved leave, or the automatic absence.
 */
export const ATTENDANCE_METHODS = ['trainee_scan', 'staff_scan', 'staff_mark', 'leave', 'auto'] as const;
export type AttendanceMethod = (typeof ATTENDANCE_METHODS)[number];

/** The methods of a check-in or check-out (a scan, or staff checking a person in by hand). */
export const SCAN_METHODS = ['trainee_scan', 'staff_scan', 'staff_mark'] as const;
export type ScanMethod = (typeof SCAN_METHODS)[number];

/** Statuses that count as attended (for the attendance rate and completion). */
export const ATTENDED_STATUSES: readonly AttendanceStatus[] = ['present', 'late', 'left_early'];

const minutes = (max: number) => z.number().int().min(0).max(max);

/** The check-in settings' fields, without defaults (for partial changes). */
const settingsFields = {
  /** Check-in opens this many minutes before the start. */
  opensMinutesBefore: minutes(240),
  /** A check-in up to this many minutes after the start (inclusive) is on time. */
  onTimeMinutesAfterStart: minutes(240),
  /** Check-in closes this many minutes after the start; null = when the item ends. */
  closesMinutesAfterStart: minutes(24 * 60).nullable(),
  /** Is check-out (签退) used to detect leaving early? */
  checkOutUsed: z.boolean(),
  /** Checking out more than this many minutes before the end is leaving early. */
  leftEarlyMinutesBeforeEnd: minutes(240),
  /** Check-out stays open this many minutes after the end (inclusive). */
  checkOutClosesMinutesAfterEnd: minutes(240),
  /**
   * With check-out used, a trainee who checked in but never checked out is `left_early` once the
   * item ends (someone who leaves early does not scan to say so), or keeps the check-in status.
   */
  missingCheckOut: z.enum(['left_early', 'ignored']),
  /** The room's QR code changes every this many seconds. */
  qrRotationSeconds: z.number().int().min(5).max(300),
  /** Previous slots still accepted (1: a code is good for one to two rotations). */
  qrGraceSlots: z.number().int().min(0).max(4),
};

/** The check-in settings (per institution, overridable per class), with their defaults. */
export const attendanceSettings = z.strictObject({
  opensMinutesBefore: settingsFields.opensMinutesBefore.default(30),
  onTimeMinutesAfterStart: settingsFields.onTimeMinutesAfterStart.default(15),
  closesMinutesAfterStart: settingsFields.closesMinutesAfterStart.default(null),
  checkOutUsed: settingsFields.checkOutUsed.default(false),
  leftEarlyMinutesBeforeEnd: settingsFields.leftEarlyMinutesBeforeEnd.default(15),
  checkOutClosesMinutesAfterEnd: settingsFields.checkOutClosesMinutesAfterEnd.default(30),
  missingCheckOut: settingsFields.missingCheckOut.default('left_early'),
  qrRotationSeconds: settingsFields.qrRotationSeconds.default(15),
  qrGraceSlots: settingsFields.qrGraceSlots.default(1),
});
export type AttendanceSettings = z.infer<typeof attendanceSettings>;

/** The defaults of every check-in setting. */
export const DEFAULT_ATTENDANCE_SETTINGS: AttendanceSettings = attendanceSettings.parse({});

/** A partial change of the check-in settings (fields left out stay as they are). */
export const attendanceSettingsPatch = z.strictObject(settingsFields).partial();
export type AttendanceSettingsPatch = z.infer<typeof attendanceSettingsPatch>;

/** What judging needs of a timetable item. */
export interface AttendanceSession {
  startsAt: string | number;
  endsAt: string | number;
}

type Instant = string | number;
const MINUTE = 60_000;

/** Where an item's check-in stands at an instant. */
export type CheckInPhase = 'not_open' | 'on_time' | 'late' | 'closed';

/** The check-in phase of an item at `at`: bounds inclusive at opening and on-time end, closed at the end. */
export function checkInPhase(
  session: AttendanceSession,
  at: Instant,
  settings: AttendanceSettings = DEFAULT_ATTENDANCE_SETTINGS,
): CheckInPhase {
  const t = instant(at);
  const start = instant(session.startsAt);
  const end = instant(session.endsAt);
  const closes =
    settings.closesMinutesAfterStart === null
      ? end
      : Math.min(end, start + settings.closesMinutesAfterStart * MINUTE);
  if (t < start - settings.opensMinutesBefore * MINUTE) return 'not_open';
  if (t >= closes) return 'closed';
  if (t <= start + settings.onTimeMinutesAfterStart * MINUTE) return 'on_time';
  return 'late';
}

export type CheckInRefusal = 'not_open_yet' | 'closed';
export type CheckOutRefusal = 'not_open_yet' | 'closed' | 'check_out_not_used';

/** Judge a check-in at `at`: present, late, or refused (not open yet, closed). */
export function judgeCheckIn(
  session: AttendanceSession,
  at: Instant,
  settings: AttendanceSettings = DEFAULT_ATTENDANCE_SETTINGS,
): { status: 'present' | 'late' } | { refused: CheckInRefusal } {
  const phase = checkInPhase(session, at, settings);
  if (phase === 'not_open') return { refused: 'not_open_yet' };
  if (phase === 'closed') return { refused: 'closed' };
  return { status: phase === 'on_time' ? 'present' : 'late' };
}

/**
 * Judge a check-out at `at`: open from the start until `checkOutClosesMinutesAfterEnd` after the
 * end (inclusive); more than `leftEarlyMinutesBeforeEnd` before the end is leaving early.
 */
export function judgeCheckOut(
  session: AttendanceSession,
  at: Instant,
  settings: AttendanceSettings = DEFAULT_ATTENDANCE_SETTINGS,
): { leftEarly: boolean } | { refused: CheckOutRefusal } {
  if (!settings.checkOutUsed) return { refused: 'check_out_not_used' };
  const t = instant(at);
  const start = instant(session.startsAt);
  const end = instant(session.endsAt);
  if (t < start) return { refused: 'not_open_yet' };
  if (t > end + settings.checkOutClosesMinutesAfterEnd * MINUTE) return { refused: 'closed' };
  return { leftEarly: end - t > settings.leftEarlyMinutesBeforeEnd * MINUTE };
}

/** A staff mark on the roster: it overrides scans and leave. */
export interface AttendanceMark {
  at: number;
  status: AttendanceStatus;
  by: string | null;
  note: string | null;
}

/**
 * The facts of one record (one trainee, one item), as stored: the earliest accepted check-in, the
 * latest accepted check-out, the latest staff mark. Scans are judged (accepted or refused) before
 * they become facts; the status is derived by `finalStatus`.
 */
export interface AttendanceFacts {
  checkIn: { at: number; method: ScanMethod } | null;
  checkOut: { at: number; method: ScanMethod } | null;
  mark: AttendanceMark | null;
}

/** One accepted scan or mark, as it arrives. */
export type AttendanceEvent =
  | { kind: 'check_in' | 'check_out'; at: Instant; method: ScanMethod }
  | { kind: 'mark'; at: Instant; status: AttendanceStatus; by?: string | null; note?: string | null };

/** A record with no facts (the identity of `mergeScans`). */
export const EMPTY_ATTENDANCE_FACTS: AttendanceFacts = { checkIn: null, checkOut: null, mark: null };

/** The facts of a single event. */
export function eventFacts(event: AttendanceEvent): AttendanceFacts {
  const at = instant(event.at);
  if (event.kind === 'mark') {
    return {
      ...EMPTY_ATTENDANCE_FACTS,
      mark: { at, status: event.status, by: event.by ?? null, note: event.note ?? null },
    };
  }
  const scan = { at, method: event.method };
  return event.kind === 'check_in'
    ? { ...EMPTY_ATTENDANCE_FACTS, checkIn: scan }
    : { ...EMPTY_ATTENDANCE_FACTS, checkOut: scan };
}

// Total orders, so that ties resolve the same way whatever the order of arrival.
function compareScan(a: { at: number; method: ScanMethod }, b: { at: number; method: ScanMethod }): number {
  return a.at - b.at || SCAN_METHODS.indexOf(a.method) - SCAN_METHODS.indexOf(b.method);
}
function compareText(a: string | null, b: string | null): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
function compareMark(a: AttendanceMark, b: AttendanceMark): number {
  return (
    a.at - b.at ||
    ATTENDANCE_STATUSES.indexOf(a.status) - ATTENDANCE_STATUSES.indexOf(b.status) ||
    compareText(a.by, b.by) ||
    compareText(a.note, b.note)
  );
}
function pick<T>(a: T | null, b: T | null, cmp: (x: T, y: T) => number, want: 'min' | 'max'): T | null {
  if (a === null) return b;
  if (b === null) return a;
  const c = cmp(a, b);
  return want === 'min' ? (c <= 0 ? a : b) : c >= 0 ? a : b;
}

/**
 * Merge an incoming scan, mark or record into a record: earliest check-in, latest check-out,
 * latest mark (ties broken by a fixed order). Commutative, associative and idempotent, so any
 * number and order of the same scans gives the same record (on the server and on the device).
 */
export function mergeScans(
  existing: AttendanceFacts | null,
  incoming: AttendanceEvent | AttendanceFacts | null,
): AttendanceFacts {
  const a = existing ?? EMPTY_ATTENDANCE_FACTS;
  const b = incoming === null ? EMPTY_ATTENDANCE_FACTS : 'kind' in incoming ? eventFacts(incoming) : incoming;
  return {
    checkIn: pick(a.checkIn, b.checkIn, compareScan, 'min'),
    checkOut: pick(a.checkOut, b.checkOut, compareScan, 'max'),
    mark: pick(a.mark, b.mark, compareMark, 'max'),
  };
}

/** A record's status and how it came about. */
export interface ResolvedAttendance {
  status: AttendanceStatus;
  method: AttendanceMethod;
  /** The check-in was late (also when the status is `left_early`). */
  late: boolean;
  leftEarly: boolean;
}

/**
 * The status of a record: staff mark > check-in/out > approved leave > absent (only once the item
 * has ended). Null while nothing decides it yet (the item runs and the trainee is not in).
 * A check-out without a check-in counts as late (present at the end, arrival unknown).
 */
export function finalStatus(
  record: AttendanceFacts | null,
  approvedLeave: boolean,
  sessionEnded: boolean,
  judge: { session: AttendanceSession; settings?: AttendanceSettings },
): ResolvedAttendance | null {
  const settings = judge.settings ?? DEFAULT_ATTENDANCE_SETTINGS;
  if (record?.mark) {
    const s = record.mark.status;
    return { status: s, method: 'staff_mark', late: s === 'late', leftEarly: s === 'left_early' };
  }
  const checkIn = record?.checkIn ?? null;
  const checkOut = record?.checkOut ?? null;
  if (checkIn || checkOut) {
    // Judged scans were accepted, so the check-in is on time or late; a refused one is not a fact.
    const phase = checkIn ? checkInPhase(judge.session, checkIn.at, settings) : 'closed';
    const late = phase === 'late' || phase === 'closed';
    let leftEarly = false;
    if (settings.checkOutUsed) {
      if (checkOut) {
        const out = judgeCheckOut(judge.session, checkOut.at, settings);
        leftEarly = 'leftEarly' in out && out.leftEarly;
      } else {
        leftEarly = sessionEnded && settings.missingCheckOut === 'left_early';
      }
    }
    const method = (checkIn ?? checkOut)?.method ?? 'staff_mark';
    return { status: leftEarly ? 'left_early' : late ? 'late' : 'present', method, late, leftEarly };
  }
  if (approvedLeave) return { status: 'on_leave', method: 'leave', late: false, leftEarly: false };
  if (sessionEnded) return { status: 'absent', method: 'auto', late: false, leftEarly: false };
  return null;
}

// ---------------------------------------------------------------------------------------------
// Rotating QR codes. The room's screen shows a token for the current slot; the server signs it
// with HMAC (its secret never reaches the domain or the browser) over `qrSigningInput(payload)`.

/** Why a QR token is refused. */
export const QR_REFUSALS = [
  'qr_expired',
  'qr_forged',
  'qr_wrong_session',
  'qr_malformed',
  'qr_revoked',
] as const;
export type QrRefusal = (typeof QR_REFUSALS)[number];

/** The room's rotating code: good for one item in one time slot. */
export const sessionQrPayload = z.strictObject({
  v: z.literal(1),
  kind: z.literal('session'),
  classId: z.uuid(),
  sessionId: z.uuid(),
  slot: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
});
export type SessionQrPayload = z.infer<typeof sessionQrPayload>;

/**
 * A trainee's card (staff scan it): no expiry; `rev` is the card's version, raised to revoke a
 * lost or shared card (the server keeps the current one per enrollment).
 */
export const cardQrPayload = z.strictObject({
  v: z.literal(1),
  kind: z.literal('card'),
  personId: z.uuid(),
  classId: z.uuid(),
  rev: z.number().int().min(1).max(1_000_000),
});
export type CardQrPayload = z.infer<typeof cardQrPayload>;

export type QrPayload = SessionQrPayload | CardQrPayload;
const qrPayload = z.discriminatedUnion('kind', [sessionQrPayload, cardQrPayload]);

/** The rotation slot of an instant: `floor(epochSeconds / rotationSeconds)`. */
export function qrSlot(
  now: Instant,
  rotationSeconds = DEFAULT_ATTENDANCE_SETTINGS.qrRotationSeconds,
): number {
  return Math.floor(instant(now) / 1000 / rotationSeconds);
}

/** When a slot ends (epoch ms): the screen shows the next code then. */
export function qrSlotEndsAt(slot: number, rotationSeconds = DEFAULT_ATTENDANCE_SETTINGS.qrRotationSeconds) {
  return (slot + 1) * rotationSeconds * 1000;
}

/**
 * The slots accepted at `now`, newest first: the current one and `graceSlots` before it. With 15 s
 * and one grace slot a code is good for 15–30 s; a photo sent on to someone else soon fails.
 * Future slots are not accepted (only the server mints codes, from its own clock).
 */
export function acceptableSlots(
  now: Instant,
  rotationSeconds = DEFAULT_ATTENDANCE_SETTINGS.qrRotationSeconds,
  graceSlots = DEFAULT_ATTENDANCE_SETTINGS.qrGraceSlots,
): number[] {
  const current = qrSlot(now, rotationSeconds);
  const out: number[] = [];
  for (let i = 0; i <= graceSlots && current - i >= 0; i++) out.push(current - i);
  return out;
}

// Fixed key order: the same payload always encodes to the same text.
function canonicalPayload(p: QrPayload): QrPayload {
  return p.kind === 'session'
    ? { v: 1, kind: 'session', classId: p.classId, sessionId: p.sessionId, slot: p.slot }
    : { v: 1, kind: 'card', personId: p.personId, classId: p.classId, rev: p.rev };
}

/**
 * The exact text the server signs (HMAC): prefixed by purpose and kind, so a card can never pass
 * for a room code or the reverse.
 */
export function qrSigningInput(payload: QrPayload): string {
  return payload.kind === 'session'
    ? `ganxun-qr|1|session|${payload.classId}|${payload.sessionId}|${payload.slot}`
    : `ganxun-qr|1|card|${payload.personId}|${payload.classId}|${payload.rev}`;
}

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const B64URL_TEXT = /^[A-Za-z0-9_-]+$/;
/** A signature as the server writes it: base64url, no padding (HMAC-SHA256 is 43 characters). */
const SIGNATURE = /^[A-Za-z0-9_-]{16,128}$/;
/** Tokens longer than this are refused before any decoding. */
export const MAX_QR_TOKEN_LENGTH = 512;

function base64UrlEncode(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let j = 0; j < chars; j++) out += B64URL[(n >> (18 - 6 * j)) & 63];
  }
  return out;
}

function base64UrlDecode(text: string): Uint8Array | null {
  if (!B64URL_TEXT.test(text) || text.length % 4 === 1) return null;
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i += 4) {
    const chunk = text.slice(i, i + 4);
    let n = 0;
    for (let j = 0; j < 4; j++) n = (n << 6) | (j < chunk.length ? B64URL.indexOf(chunk[j] as string) : 0);
    bytes.push((n >> 16) & 255);
    if (chunk.length > 2) bytes.push((n >> 8) & 255);
    if (chunk.length > 3) bytes.push(n & 255);
  }
  return Uint8Array.from(bytes);
}

/** The token: `base64url(canonical JSON payload).signature` (signature computed by the server). */
export function encodeQrPayload(payload: QrPayload, signature: string): string {
  if (!SIGNATURE.test(signature)) throw new Error('qr signature must be base64url');
  const json = JSON.stringify(canonicalPayload(payload));
  return `${base64UrlEncode(new TextEncoder().encode(json))}.${signature}`;
}

/**
 * Read a token without verifying it: its payload, signature and the text to verify the signature
 * over. Anything not exactly a well-formed token is `qr_malformed`.
 */
export function decodeQrPayload(
  token: string,
): { payload: QrPayload; signature: string; signingInput: string } | { refused: 'qr_malformed' } {
  const malformed = { refused: 'qr_malformed' } as const;
  if (typeof token !== 'string' || token.length > MAX_QR_TOKEN_LENGTH) return malformed;
  const parts = token.trim().split('.');
  if (parts.length !== 2) return malformed;
  const [body, signature] = parts as [string, string];
  if (!SIGNATURE.test(signature)) return malformed;
  const bytes = base64UrlDecode(body);
  if (!bytes) return malformed;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return malformed;
  }
  const parsed = qrPayload.safeParse(value);
  if (!parsed.success) return malformed;
  return { payload: parsed.data, signature, signingInput: qrSigningInput(parsed.data) };
}

/** Checks a signature over the signing input (the server's HMAC, compared in constant time). */
export type QrSignatureCheck = (signingInput: string, signature: string) => boolean;

/**
 * Verify a room code scanned by a trainee for an item: malformed, then forged (the signature is
 * checked before anything in the payload is trusted), then the wrong class or item, then expired.
 */
export function verifySessionQr(
  token: string,
  expected: { classId: string; sessionId: string },
  now: Instant,
  checkSignature: QrSignatureCheck,
  settings: Pick<AttendanceSettings, 'qrRotationSeconds' | 'qrGraceSlots'> = DEFAULT_ATTENDANCE_SETTINGS,
): { payload: SessionQrPayload } | { refused: QrRefusal } {
  const decoded = decodeQrPayload(token);
  if ('refused' in decoded) return decoded;
  const { payload } = decoded;
  if (payload.kind !== 'session') return { refused: 'qr_wrong_session' };
  if (!checkSignature(decoded.signingInput, decoded.signature)) return { refused: 'qr_forged' };
  if (payload.classId !== expected.classId || payload.sessionId !== expected.sessionId) {
    return { refused: 'qr_wrong_session' };
  }
  const slots = acceptableSlots(now, settings.qrRotationSeconds, settings.qrGraceSlots);
  if (!slots.includes(payload.slot)) return { refused: 'qr_expired' };
  return { payload };
}

/**
 * Verify a trainee card scanned by staff for a class: malformed, forged, another class
 * (`qr_wrong_session`), or an older version than the card's current one (`qr_revoked`).
 */
export function verifyCardQr(
  token: string,
  expected: { classId: string; currentRev: number },
  checkSignature: QrSignatureCheck,
): { payload: CardQrPayload } | { refused: QrRefusal } {
  const decoded = decodeQrPayload(token);
  if ('refused' in decoded) return decoded;
  const { payload } = decoded;
  if (payload.kind !== 'card') return { refused: 'qr_wrong_session' };
  if (!checkSignature(decoded.signingInput, decoded.signature)) return { refused: 'qr_forged' };
  if (payload.classId !== expected.classId) return { refused: 'qr_wrong_session' };
  if (payload.rev !== expected.currentRev) return { refused: 'qr_revoked' };
  return { payload };
}

/** Every refusal a check-in can get, for the messages shown to the scanner. */
export type AttendanceRefusal = CheckOutRefusal | QrRefusal | 'not_enrolled';

/** Clear messages for every refusal, in each language. */
export const ATTENDANCE_REFUSAL_MESSAGES: Record<
  AttendanceRefusal,
  Record<'zh-CN' | 'zh-TW' | 'en', string>
> = {
  not_open_yet: { 'zh-CN': '签到尚未开始', 'zh-TW': '簽到尚未開始', en: 'Check-in is not open yet' },
  closed: { 'zh-CN': '签到已结束', 'zh-TW': '簽到已結束', en: 'Check-in has closed' },
  check_out_not_used: {
    'zh-CN': '本班次不需要签退',
    'zh-TW': '本班次不需要簽退',
    en: 'This class does not use check-out',
  },
  qr_expired: {
    'zh-CN': '二维码已过期，请扫描屏幕上的最新二维码',
    'zh-TW': '二維碼已過期，請掃描螢幕上的最新二維碼',
    en: 'The code has expired; scan the one on the screen now',
  },
  qr_forged: { 'zh-CN': '二维码无效', 'zh-TW': '二維碼無效', en: 'The code is not valid' },
  qr_wrong_session: {
    'zh-CN': '二维码不属于本课程',
    'zh-TW': '二維碼不屬於本課程',
    en: 'The code is for another item or class',
  },
  qr_malformed: {
    'zh-CN': '无法识别的二维码',
    'zh-TW': '無法識別的二維碼',
    en: 'The code cannot be read',
  },
  qr_revoked: {
    'zh-CN': '学员证已作废，请使用新学员证',
    'zh-TW': '學員證已作廢，請使用新學員證',
    en: 'This trainee card has been replaced',
  },
  not_enrolled: {
    'zh-CN': '您不是本班学员',
    'zh-TW': '您不是本班學員',
    en: 'You are not enrolled in this class',
  },
};

// ---------------------------------------------------------------------------------------------
// The staff scanning page's offline queue. Each scan gets a client-generated id (uuid) and the
// time it was made; the server applies items idempotently by client id (an id seen before is
// skipped) and merges them into the record with `mergeScans`, judging each at its scan time.

/** One queued scan or check-in by hand on a staff device. */
export const offlineQueueItem = z
  .strictObject({
    /** Generated on the device; the server ignores an id it has applied before. */
    clientId: z.uuid(),
    sessionId: z.uuid(),
    /** The trainee (read from the card on the device, or picked from the roster). */
    personId: z.uuid(),
    kind: z.enum(['check_in', 'check_out']).default('check_in'),
    method: z.enum(['staff_scan', 'staff_mark']),
    /** The scanned card token (the server verifies it and that it names `personId`). */
    cardToken: z.string().min(1).max(MAX_QR_TOKEN_LENGTH).nullable().default(null),
    /** When the scan was made, by the device's clock. */
    at: z.iso.datetime({ offset: true }),
  })
  .refine((v) => v.method !== 'staff_scan' || v.cardToken !== null, {
    path: ['cardToken'],
    message: 'required',
  });
export type OfflineQueueItem = z.infer<typeof offlineQueueItem>;

/** The queue's items for one trainee and one item, merged. */
export interface QueueGroup {
  personId: string;
  sessionId: string;
  /** Every client id merged in, sorted, without repeats. */
  clientIds: string[];
  facts: AttendanceFacts;
}

/**
 * One group per (person, item), its scans merged with `mergeScans` (duplicate client ids and any
 * order give the same result). Sorted by item, then person. Items are merged as given: drop those
 * `judgeCheckIn`/`judgeCheckOut` refuse first, or a refused early scan hides a later good one.
 */
export function dedupeQueue(
  items: readonly Pick<OfflineQueueItem, 'clientId' | 'sessionId' | 'personId' | 'kind' | 'method' | 'at'>[],
): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const item of items) {
    const key = `${item.sessionId}|${item.personId}`;
    const group = groups.get(key) ?? {
      personId: item.personId,
      sessionId: item.sessionId,
      clientIds: [],
      facts: EMPTY_ATTENDANCE_FACTS,
    };
    if (!group.clientIds.includes(item.clientId)) group.clientIds.push(item.clientId);
    group.facts = mergeScans(group.facts, { kind: item.kind, at: item.at, method: item.method });
    groups.set(key, group);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, g]) => ({ ...g, clientIds: [...g.clientIds].sort() }));
}

// ---------------------------------------------------------------------------------------------
// Summaries.

/** Counts of one trainee's items or one item's trainees. */
export interface AttendanceTally {
  /** Required items (by trainee) or expected trainees (by item). */
  required: number;
  /** present + late + left_early. */
  attended: number;
  present: number;
  late: number;
  leftEarly: number;
  onLeave: number;
  absent: number;
  /** Required but without a status yet. */
  unrecorded: number;
  /** attended / required; null when nothing is required. */
  rate: number | null;
}

function emptyTally(): AttendanceTally {
  return {
    required: 0,
    attended: 0,
    present: 0,
    late: 0,
    leftEarly: 0,
    onLeave: 0,
    absent: 0,
    unrecorded: 0,
    rate: null,
  };
}

const TALLY_FIELD: Record<AttendanceStatus, 'present' | 'late' | 'leftEarly' | 'onLeave' | 'absent'> = {
  present: 'present',
  late: 'late',
  left_early: 'leftEarly',
  on_leave: 'onLeave',
  absent: 'absent',
};

function count(tally: AttendanceTally, status: AttendanceStatus | null): void {
  tally.required += 1;
  if (status === null) tally.unrecorded += 1;
  else {
    tally[TALLY_FIELD[status]] += 1;
    if (ATTENDED_STATUSES.includes(status)) tally.attended += 1;
  }
}

/**
 * Attendance rates by trainee and by item over the required items: 迟到 and 早退 count as attended
 * (and are reported), 请假 and 缺勤 do not. Records of items not required are ignored. Trainees are
 * those of `enrollmentIds`, or else those that have a record.
 */
export function attendanceRate(
  records: readonly { enrollmentId: string; sessionId: string; status: AttendanceStatus | null }[],
  requiredSessions: readonly string[],
  enrollmentIds?: readonly string[],
): { byTrainee: Map<string, AttendanceTally>; bySession: Map<string, AttendanceTally> } {
  const required = new Set(requiredSessions);
  const trainees = enrollmentIds
    ? [...new Set(enrollmentIds)]
    : [...new Set(records.map((r) => r.enrollmentId))];
  const known = new Set(trainees);
  const status = new Map<string, AttendanceStatus | null>();
  for (const r of records) {
    if (required.has(r.sessionId) && known.has(r.enrollmentId)) {
      status.set(`${r.enrollmentId}|${r.sessionId}`, r.status);
    }
  }
  const byTrainee = new Map<string, AttendanceTally>();
  const bySession = new Map<string, AttendanceTally>();
  for (const s of required) bySession.set(s, emptyTally());
  for (const e of trainees) {
    const t = emptyTally();
    for (const s of required) {
      const st = status.get(`${e}|${s}`) ?? null;
      count(t, st);
      count(bySession.get(s) as AttendanceTally, st);
    }
    byTrainee.set(e, t);
  }
  for (const t of [...byTrainee.values(), ...bySession.values()]) {
    t.rate = t.required > 0 ? t.attended / t.required : null;
  }
  return { byTrainee, bySession };
}

/** The live board's counts for one item. */
export interface LiveBoardCounts {
  expected: number;
  present: number;
  late: number;
  leftEarly: number;
  onLeave: number;
  /** Not in (no status yet, or absent): expected − the others. */
  missing: number;
}

/** The live board's counts from the statuses of the expected trainees (null = not in yet). */
export function liveBoardCounts(statuses: readonly (AttendanceStatus | null)[]): LiveBoardCounts {
  const c: LiveBoardCounts = {
    expected: statuses.length,
    present: 0,
    late: 0,
    leftEarly: 0,
    onLeave: 0,
    missing: 0,
  };
  for (const s of statuses) {
    if (s === 'present') c.present += 1;
    else if (s === 'late') c.late += 1;
    else if (s === 'left_early') c.leftEarly += 1;
    else if (s === 'on_leave') c.onLeave += 1;
    else c.missing += 1;
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// API contracts (`/api/v1/classes/{id}/attendance`).

/**
 * A check-in or check-out: the trainee sends the room's token; staff send a scanned card token or
 * pick a person (by hand) for an item. `clientId` makes a retried request harmless.
 */
export const checkInBody = z
  .strictObject({
    kind: z.enum(['check_in', 'check_out']).default('check_in'),
    /** The room's rotating token (trainee). It names the item. */
    token: z.string().min(1).max(MAX_QR_TOKEN_LENGTH).optional(),
    /** Staff: the item, with a card token or a person. */
    sessionId: z.uuid().optional(),
    cardToken: z.string().min(1).max(MAX_QR_TOKEN_LENGTH).optional(),
    personId: z.uuid().optional(),
    clientId: z.uuid().optional(),
  })
  .superRefine((v, ctx) => {
    const given = [v.token, v.cardToken, v.personId].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['token'], message: 'one_of_token_card_person' });
    if (v.token === undefined && v.sessionId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'required' });
    }
    if (v.token !== undefined && v.sessionId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['sessionId'], message: 'not_with_token' });
    }
  });
export type CheckInBody = z.infer<typeof checkInBody>;

/** Staff marks on the roster, in bulk (one per enrollment). */
export const bulkMarkBody = z.strictObject({
  sessionId: z.uuid(),
  marks: z
    .array(
      z.strictObject({
        enrollmentId: z.uuid(),
        status: z.enum(ATTENDANCE_STATUSES),
        note: multilineText(500).nullable().default(null),
      }),
    )
    .min(1)
    .max(500)
    .superRefine((marks, ctx) => {
      const seen = new Set<string>();
      for (const [i, m] of marks.entries()) {
        if (seen.has(m.enrollmentId)) {
          ctx.addIssue({ code: 'custom', path: [i, 'enrollmentId'], message: 'enrollment_repeated' });
        }
        seen.add(m.enrollmentId);
      }
    }),
});
export type BulkMarkBody = z.infer<typeof bulkMarkBody>;

/** A staff device's queue, sent when it is back online. */
export const syncQueueBody = z.strictObject({
  items: z.array(offlineQueueItem).min(1).max(1000),
});
export type SyncQueueBody = z.infer<typeof syncQueueBody>;

/** What became of each queued item (refusals carry a reason; a repeat is `duplicate`). */
export const syncQueueResult = z.object({
  items: z.array(
    z.object({
      clientId: z.uuid(),
      outcome: z.enum(['applied', 'duplicate', 'refused']),
      reason: z.string().nullable(),
    }),
  ),
});
export type SyncQueueResult = z.infer<typeof syncQueueResult>;

/** One trainee's record for one item. */
export const attendanceRecordView = z.object({
  sessionId: z.uuid(),
  enrollmentId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  /** Null while the item runs and the trainee is not in. */
  status: z.enum(ATTENDANCE_STATUSES).nullable(),
  method: z.enum(ATTENDANCE_METHODS).nullable(),
  late: z.boolean(),
  leftEarly: z.boolean(),
  checkInAt: z.string().nullable(),
  checkInMethod: z.enum(SCAN_METHODS).nullable(),
  checkOutAt: z.string().nullable(),
  checkOutMethod: z.enum(SCAN_METHODS).nullable(),
  mark: z
    .object({
      status: z.enum(ATTENDANCE_STATUSES),
      by: z.string().nullable(),
      note: z.string().nullable(),
      at: z.string(),
    })
    .nullable(),
  updatedAt: z.string().nullable(),
});
export type AttendanceRecordView = z.infer<typeof attendanceRecordView>;

/** The class director's live board for one item (polled). */
export const liveBoardView = z.object({
  classId: z.uuid(),
  sessionId: z.uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  phase: z.enum(['not_open', 'on_time', 'late', 'closed']),
  counts: z.object({
    expected: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    leftEarly: z.number().int(),
    onLeave: z.number().int(),
    missing: z.number().int(),
  }),
  records: z.array(attendanceRecordView),
  generatedAt: z.string(),
});
export type LiveBoardView = z.infer<typeof liveBoardView>;

/** The room's screen: the current code and when to fetch the next one. */
export const roomQrView = z.object({
  token: z.string(),
  slot: z.number().int(),
  rotationSeconds: z.number().int(),
  /** The code changes at this instant (ISO). */
  expiresAt: z.string(),
});
export type RoomQrView = z.infer<typeof roomQrView>;

/** A trainee's attendance over the required items (of theirs) that have started. */
export const traineeRateView = z.object({
  enrollmentId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  required: z.number().int(),
  attended: z.number().int(),
  present: z.number().int(),
  late: z.number().int(),
  leftEarly: z.number().int(),
  onLeave: z.number().int(),
  absent: z.number().int(),
  unrecorded: z.number().int(),
  rate: z.number().nullable(),
});
export type TraineeRateView = z.infer<typeof traineeRateView>;

/** A class's attendance (`GET /classes/{id}/attendance`, `GET /me/attendance`): records and rates. */
export const classAttendanceView = z.object({
  items: z.array(attendanceRecordView),
  rates: z.array(traineeRateView),
});
export type ClassAttendanceView = z.infer<typeof classAttendanceView>;
