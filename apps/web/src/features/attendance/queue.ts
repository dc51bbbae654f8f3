import { decodeQrPayload, type OfflineQueueItem, type SyncQueueResult } from '@ganxun/domain';

/**
 * The staff scanning page's offline queue (pure helpers; the page keeps it in localStorage per
 * class). Each scan becomes an item with a client uuid and the scan time; items leave the queue
 * once the server answered for them (applied, duplicate or refused) and their outcome is logged.
 */

export type SyncOutcome = SyncQueueResult['items'][number]['outcome'];

/** One queued scan, with what the page shows about it. */
export interface QueuedScan {
  item: OfflineQueueItem;
  /** The trainee's name when the page knows it (from the roster), for the list. */
  label: string | null;
}

/** One answered scan, newest first in the log. */
export interface ScanOutcome {
  clientId: string;
  personId: string;
  label: string | null;
  at: string;
  outcome: SyncOutcome | 'invalid';
  reason: string | null;
}

export interface ScanQueueState {
  pending: QueuedScan[];
  log: ScanOutcome[];
}

export const EMPTY_QUEUE: ScanQueueState = { pending: [], log: [] };

/** The log keeps this many outcomes. */
export const LOG_LIMIT = 50;

/** A scan repeated within this many milliseconds (the camera sees a card many times) is ignored. */
export const REPEAT_WINDOW_MS = 5000;

/** The localStorage key of a class's queue. */
export function queueKey(classId: string): string {
  return `ganxun.attendance.queue.${classId}`;
}

/** A uuid v4 (crypto.randomUUID needs a secure context; staff phones may reach the server over plain http). */
export function newClientId(
  random: (bytes: Uint8Array<ArrayBuffer>) => Uint8Array = (b) => crypto.getRandomValues(b),
): string {
  const b = random(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * A scanned card for an item as a queue item, or why it cannot be one: the card is read on the
 * device (not verified: only the server holds the key) to learn the person and its class.
 */
export function scanToItem(
  text: string,
  ctx: { classId: string; sessionId: string; at: Date; clientId: string },
): { item: OfflineQueueItem } | { refused: 'qr_malformed' | 'qr_wrong_session' } {
  const token = cardTokenOf(text);
  const decoded = decodeQrPayload(token);
  if ('refused' in decoded) return decoded;
  const { payload } = decoded;
  if (payload.kind !== 'card' || payload.classId !== ctx.classId) return { refused: 'qr_wrong_session' };
  return {
    item: {
      clientId: ctx.clientId,
      sessionId: ctx.sessionId,
      personId: payload.personId,
      kind: 'check_in',
      method: 'staff_scan',
      cardToken: token,
      at: ctx.at.toISOString(),
    },
  };
}

/** A card's QR holds the token itself; accept a URL with `?t=` or `?card=` too. */
export function cardTokenOf(text: string): string {
  const s = text.trim();
  if (/^https?:\/\//i.test(s)) {
    try {
      const url = new URL(s);
      return url.searchParams.get('card') ?? url.searchParams.get('t') ?? s;
    } catch {
      return s;
    }
  }
  return s;
}

/** The room's token from what a trainee's camera read: the check-in URL (`?t=`) or the bare token. */
export function roomTokenOf(text: string): string {
  const s = text.trim();
  if (/^https?:\/\//i.test(s)) {
    try {
      return new URL(s).searchParams.get('t') ?? s;
    } catch {
      return s;
    }
  }
  return s;
}

/**
 * Add a scan unless the same person was scanned for the same item within `REPEAT_WINDOW_MS` and
 * is still waiting (the camera reads a card held up several times a second).
 */
export function enqueue(state: ScanQueueState, scan: QueuedScan): { state: ScanQueueState; added: boolean } {
  const at = Date.parse(scan.item.at);
  const repeat = state.pending.some(
    (p) =>
      p.item.personId === scan.item.personId &&
      p.item.sessionId === scan.item.sessionId &&
      Math.abs(Date.parse(p.item.at) - at) < REPEAT_WINDOW_MS,
  );
  if (repeat) return { state, added: false };
  return { state: { ...state, pending: [...state.pending, scan] }, added: true };
}

/** Record a scan that never entered the queue (unreadable or another class's card). */
export function logInvalid(state: ScanQueueState, entry: Omit<ScanOutcome, 'outcome'>): ScanQueueState {
  return { ...state, log: [{ ...entry, outcome: 'invalid' as const }, ...state.log].slice(0, LOG_LIMIT) };
}

/** The items to send now (at most `max`, oldest first). */
export function batch(state: ScanQueueState, max = 200): OfflineQueueItem[] {
  return state.pending.slice(0, max).map((p) => p.item);
}

/**
 * Apply the server's answer: every item it answered for leaves the queue and is logged (newest
 * first); items it did not mention stay. Items enqueued while the request ran are kept.
 */
export function applyResults(state: ScanQueueState, result: SyncQueueResult): ScanQueueState {
  const answered = new Map(result.items.map((r) => [r.clientId, r]));
  const pending: QueuedScan[] = [];
  const logged: ScanOutcome[] = [];
  for (const p of state.pending) {
    const r = answered.get(p.item.clientId);
    if (!r) {
      pending.push(p);
      continue;
    }
    logged.push({
      clientId: p.item.clientId,
      personId: p.item.personId,
      label: p.label,
      at: p.item.at,
      outcome: r.outcome,
      reason: r.reason,
    });
  }
  return { pending, log: [...logged.reverse(), ...state.log].slice(0, LOG_LIMIT) };
}

/** Read a stored queue, tolerating anything malformed (a fresh queue then). */
export function parseQueue(raw: string | null): ScanQueueState {
  if (!raw) return EMPTY_QUEUE;
  try {
    const v = JSON.parse(raw) as Partial<ScanQueueState>;
    const pending = Array.isArray(v.pending)
      ? v.pending.filter(
          (p): p is QueuedScan =>
            typeof p === 'object' &&
            p !== null &&
            typeof p.item?.clientId === 'string' &&
            typeof p.item?.personId === 'string' &&
            typeof p.item?.sessionId === 'string' &&
            typeof p.item?.at === 'string',
        )
      : [];
    const log = Array.isArray(v.log)
      ? v.log.filter(
          (l): l is ScanOutcome => typeof l === 'object' && l !== null && typeof l.clientId === 'string',
        )
      : [];
    return { pending, log: log.slice(0, LOG_LIMIT) };
  } catch {
    return EMPTY_QUEUE;
  }
}

export function serializeQueue(state: ScanQueueState): string {
  return JSON.stringify(state);
}
