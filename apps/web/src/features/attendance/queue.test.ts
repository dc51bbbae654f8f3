import { encodeQrPayload, offlineQueueItem } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  applyResults,
  batch,
  EMPTY_QUEUE,
  enqueue,
  LOG_LIMIT,
  logInvalid,
  newClientId,
  parseQueue,
  type QueuedScan,
  REPEAT_WINDOW_MS,
  roomTokenOf,
  scanToItem,
  serializeQueue,
} from './queue';

const CLASS = '11111111-1111-4111-8111-111111111111';
const OTHER_CLASS = '22222222-2222-4222-8222-222222222222';
const SESSION = '33333333-3333-4333-8333-333333333333';
const PERSON = '44444444-4444-4444-8444-444444444444';
const PERSON2 = '55555555-5555-4555-8555-555555555555';
const SIG = 'A'.repeat(43);

const card = (personId = PERSON, classId = CLASS) =>
  encodeQrPayload({ v: 1, kind: 'card', personId, classId, rev: 1 }, SIG);

let n = 0;
const uuid = () => newClientId();
function scan(personId: string, at: string): QueuedScan {
  const r = scanToItem(card(personId), {
    classId: CLASS,
    sessionId: SESSION,
    at: new Date(at),
    clientId: uuid(),
  });
  if ('refused' in r) throw new Error(r.refused);
  n += 1;
  return { item: r.item, label: `P${n}` };
}

describe('newClientId', () => {
  it('makes v4 uuids the contract accepts, different each time', () => {
    const a = newClientId();
    const b = newClientId();
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
    expect(newClientId((x) => x.fill(255))).toBe('ffffffff-ffff-4fff-bfff-ffffffffffff');
  });
});

describe('scanToItem', () => {
  it('turns a card of the class into a staff scan the sync contract accepts', () => {
    const r = scanToItem(`  ${card()} `, {
      classId: CLASS,
      sessionId: SESSION,
      at: new Date('2026-11-23T01:02:03Z'),
      clientId: uuid(),
    });
    expect('item' in r).toBe(true);
    if (!('item' in r)) return;
    expect(r.item).toMatchObject({
      personId: PERSON,
      sessionId: SESSION,
      method: 'staff_scan',
      kind: 'check_in',
    });
    expect(r.item.at).toBe('2026-11-23T01:02:03.000Z');
    expect(offlineQueueItem.safeParse(r.item).success).toBe(true);
  });

  it('refuses unreadable codes, another class’s card and a room code', () => {
    const ctx = { classId: CLASS, sessionId: SESSION, at: new Date(), clientId: uuid() };
    expect(scanToItem('hello', ctx)).toEqual({ refused: 'qr_malformed' });
    expect(scanToItem(card(PERSON, OTHER_CLASS), ctx)).toEqual({ refused: 'qr_wrong_session' });
    const room = encodeQrPayload({ v: 1, kind: 'session', classId: CLASS, sessionId: SESSION, slot: 5 }, SIG);
    expect(scanToItem(room, ctx)).toEqual({ refused: 'qr_wrong_session' });
  });
});

describe('roomTokenOf', () => {
  it('reads the token from the check-in URL or takes the text as it is', () => {
    expect(roomTokenOf('https://x.example/check-in?t=abc.def')).toBe('abc.def');
    expect(roomTokenOf(' abc.def ')).toBe('abc.def');
  });
});

describe('enqueue', () => {
  it('adds scans and ignores the same card read again within a few seconds', () => {
    const a = scan(PERSON, '2026-11-23T01:00:00Z');
    let s = enqueue(EMPTY_QUEUE, a).state;
    const again = scan(PERSON, new Date(Date.parse(a.item.at) + REPEAT_WINDOW_MS - 1).toISOString());
    const r = enqueue(s, again);
    expect(r.added).toBe(false);
    s = r.state;
    s = enqueue(s, scan(PERSON2, '2026-11-23T01:00:01Z')).state;
    const later = enqueue(s, scan(PERSON, '2026-11-23T01:00:10Z'));
    expect(later.added).toBe(true);
    expect(later.state.pending.map((p) => p.item.personId)).toEqual([PERSON, PERSON2, PERSON]);
  });
});

describe('applyResults', () => {
  it('removes answered items, keeps the rest (and scans made meanwhile), logs newest first', () => {
    const a = scan(PERSON, '2026-11-23T01:00:00Z');
    const b = scan(PERSON2, '2026-11-23T01:00:01Z');
    const c = scan(PERSON, '2026-11-23T01:00:30Z');
    let s = [a, b, c].reduce((acc, x) => enqueue(acc, x).state, EMPTY_QUEUE);
    const sent = batch(s, 2);
    expect(sent.map((i) => i.clientId)).toEqual([a.item.clientId, b.item.clientId]);
    s = applyResults(s, {
      items: [
        { clientId: a.item.clientId, outcome: 'applied', reason: null },
        { clientId: b.item.clientId, outcome: 'refused', reason: '签到已结束' },
      ],
    });
    expect(s.pending.map((p) => p.item.clientId)).toEqual([c.item.clientId]);
    expect(s.log.map((l) => [l.clientId, l.outcome])).toEqual([
      [b.item.clientId, 'refused'],
      [a.item.clientId, 'applied'],
    ]);
    // A resend of the same items (the answer was lost) is harmless: nothing is pending twice.
    s = applyResults(s, { items: [{ clientId: c.item.clientId, outcome: 'duplicate', reason: null }] });
    expect(s.pending).toEqual([]);
    expect(s.log[0]?.outcome).toBe('duplicate');
  });

  it('keeps the log bounded', () => {
    let s = EMPTY_QUEUE;
    for (let i = 0; i < LOG_LIMIT + 5; i++) {
      s = logInvalid(s, {
        clientId: uuid(),
        personId: PERSON,
        label: null,
        at: '2026-11-23T01:00:00Z',
        reason: 'x',
      });
    }
    expect(s.log).toHaveLength(LOG_LIMIT);
  });
});

describe('parseQueue / serializeQueue', () => {
  it('round-trips and tolerates malformed storage', () => {
    const s = enqueue(EMPTY_QUEUE, scan(PERSON, '2026-11-23T01:00:00Z')).state;
    expect(parseQueue(serializeQueue(s))).toEqual(s);
    expect(parseQueue(null)).toEqual(EMPTY_QUEUE);
    expect(parseQueue('{oops')).toEqual(EMPTY_QUEUE);
    expect(parseQueue('{"pending":[{"item":1}],"log":"x"}')).toEqual(EMPTY_QUEUE);
  });
});
