import type { SyncQueueBody, SyncQueueResult } from '@ganxun/domain';
import { inArray } from 'drizzle-orm';
import { attendanceScans } from '../../db/schema/index.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { timeRefusal } from './judge.js';
import { expectedAt, sessionsOfClass, settingsOf, traineesOf } from './query.js';
import { applyScan, recordRefusal } from './scans.js';
import type { AttendanceService } from './service.js';

/** A device clock this far ahead of the server's is not believed. */
const CLOCK_AHEAD_MS = 5 * 60_000;

type Outcome = SyncQueueResult['items'][number];

/**
 * Applies a staff device's queue item by item, each judged at its own scan time and applied once:
 * an id already in `attendance_scans` (applied or refused before) is a `duplicate`.
 */
export async function syncQueue(
  service: AttendanceService,
  ctx: RequestContext,
  classId: string,
  body: SyncQueueBody,
  now: Date,
): Promise<SyncQueueResult> {
  const actor = requireActor(ctx.actor);
  const db = service.db;
  const settings = await settingsOf(db, classId);
  const sessions = new Map((await sessionsOfClass(db, classId)).map((s) => [s.id, s]));
  const trainees = new Map((await traineesOf(db, classId)).map((tr) => [tr.personId, tr]));
  const seen = new Set(
    (
      await db
        .select({ clientId: attendanceScans.clientId })
        .from(attendanceScans)
        .where(
          inArray(
            attendanceScans.clientId,
            body.items.map((i) => i.clientId),
          ),
        )
    ).map((r) => r.clientId),
  );
  const items: Outcome[] = [];
  for (const item of body.items) {
    const duplicate: Outcome = { clientId: item.clientId, outcome: 'duplicate', reason: null };
    if (seen.has(item.clientId)) {
      items.push(duplicate);
      continue;
    }
    seen.add(item.clientId);
    const at = new Date(item.at);
    const session = sessions.get(item.sessionId) ?? null;
    let trainee = trainees.get(item.personId) ?? null;
    let reason: string | null = null;
    if (!session) reason = 'session_not_found';
    else if (!trainee) reason = 'not_enrolled';
    else if (item.method === 'staff_scan') {
      try {
        const carded = await service.verifyCard(classId, item.cardToken ?? '', 'cardToken');
        if (carded.personId !== item.personId) reason = 'card_person_mismatch';
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        reason = e.options.fields?.[0]?.key ?? 'qr_malformed';
      }
    }
    if (!reason && session && trainee && !expectedAt(session, trainee)) reason = 'not_expected_at_session';
    if (!reason && at.getTime() > now.getTime() + CLOCK_AHEAD_MS) reason = 'clock_ahead';
    if (!reason && session) reason = timeRefusal(item.kind, session, at, settings);
    if (reason || !session || !trainee) {
      if (!session) trainee = null;
      const fresh = await recordRefusal(db, {
        classId,
        sessionId: session?.id ?? null,
        enrollmentId: trainee?.enrollmentId ?? null,
        kind: item.kind,
        method: item.method,
        at,
        clientId: item.clientId,
        byUser: actor.id,
        reason: reason ?? 'not_enrolled',
        now,
      });
      items.push(
        fresh ? { clientId: item.clientId, outcome: 'refused', reason: reason ?? 'not_enrolled' } : duplicate,
      );
      continue;
    }
    const applied = await applyScan(db, {
      classId,
      session,
      enrollmentId: trainee.enrollmentId,
      kind: item.kind,
      method: item.method,
      event: { kind: item.kind, at: at.getTime(), method: item.method },
      at,
      clientId: item.clientId,
      byUser: actor.id,
      settings,
      now,
    });
    items.push(applied.duplicate ? duplicate : { clientId: item.clientId, outcome: 'applied', reason: null });
  }
  return { items };
}
