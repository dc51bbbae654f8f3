import {
  type AttendanceRecordView,
  type AttendanceSettings,
  type AttendanceSettingsPatch,
  type BulkMarkBody,
  type CheckInBody,
  decodeQrPayload,
  type LiveBoardView,
  qrSlot,
  qrSlotEndsAt,
  type RoomQrView,
  type ScanMethod,
  type SyncQueueBody,
  type SyncQueueResult,
  verifyCardQr,
  verifySessionQr,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { attendanceScans, classSessions } from '../../db/schema/index.js';
import { type AuditEntry, recordAudit, recordAudits } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import type { SettingsService } from '../settings/service.js';
import { classAttendance, liveBoard, type TraineeRate } from './board.js';
import { cardRev, revokeCard } from './cards.js';
import { timeRefusal } from './judge.js';
import { presentRecord, type TraineeRef } from './presenter.js';
import { QrSigner } from './qr.js';
import { expectedAt, sessionOf, settingsOf, traineesOf } from './query.js';
import { factsOf, mergeIntoRecord, resolve, type SessionRow } from './record.js';
import { RosterCache } from './roster-cache.js';
import { applyFirstScan, applyScan, recordRefusal } from './scans.js';
import { saveSettings } from './settings.js';
import { syncQueue } from './sync.js';

const SETTINGS_CACHE_MS = 5_000;

export interface AttendanceServiceDeps {
  db: Db;
  classes: ClassService;
  settings: SettingsService;
  secretKey: Buffer;
  /** The embedded database (its hot statements are prepared differently). */
  embedded?: boolean;
  /** The time of judging (tests set it; default the system clock). */
  clock?: () => Date;
}

/** A check-in's record and whether this request made it (201) or found it (200). */
export interface CheckInResult {
  view: AttendanceRecordView;
  created: boolean;
}

/** Check-in (issue 6): room QR codes, trainee cards, scans, marks, offline sync, the live board. */
export class AttendanceService {
  readonly db: Db;
  readonly signer: QrSigner;
  /** Now, for every judgement; replaceable in tests. */
  clock: () => Date;
  private readonly settingsCache = new Map<string, { value: AttendanceSettings; at: number }>();
  private readonly sessionCache = new Map<string, { row: SessionRow; at: number }>();
  /** Who may scan the room's code: the class's trainees by account, cached for a few seconds. */
  private readonly rosters: RosterCache;

  /** `secretKey` signs QR codes under a key of their own, derived as FieldCipher derives its keys. */
  constructor(readonly deps: AttendanceServiceDeps) {
    this.db = deps.db;
    this.signer = new QrSigner(deps.secretKey);
    this.rosters = new RosterCache(deps.db);
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * The class's settings, cached for a few seconds (every scan needs them; a check-in storm would
   * read them hundreds of times a second). `updateSettings` clears the class's entry.
   */
  async settings(classId: string): Promise<AttendanceSettings> {
    const now = Date.now();
    const hit = this.settingsCache.get(classId);
    if (hit && now - hit.at < SETTINGS_CACHE_MS) return hit.value;
    const value = await settingsOf(this.db, classId);
    if (this.settingsCache.size > 1000) this.settingsCache.clear();
    this.settingsCache.set(classId, { value, at: now });
    return value;
  }

  /**
   * The item a room code names, kept for a few seconds like the roster (RosterCache): in a storm
   * every scan of a room names the same item. An edit of the item's times is seen within
   * SETTINGS_CACHE_MS; a deleted item is refused by the record's foreign key.
   */
  private async scannedSession(sessionId: string): Promise<SessionRow | undefined> {
    const now = Date.now();
    const hit = this.sessionCache.get(sessionId);
    if (hit && now - hit.at < SETTINGS_CACHE_MS) return hit.row;
    const [row] = await this.db.select().from(classSessions).where(eq(classSessions.id, sessionId));
    if (!row) return undefined;
    if (this.sessionCache.size > 5000) this.sessionCache.clear();
    this.sessionCache.set(sessionId, { row, at: now });
    return row;
  }

  /** Changes the class's check-in settings (fields left out stay as they are). */
  async updateSettings(
    ctx: RequestContext,
    classId: string,
    patch: AttendanceSettingsPatch,
  ): Promise<AttendanceSettings> {
    const actor = requireActor(ctx.actor);
    const saved = await saveSettings(this.db, ctx, classId, patch, actor.id, this.clock());
    this.settingsCache.delete(classId);
    return saved;
  }

  /** The room's current code for an item. */
  async roomQr(classId: string, session: SessionRow): Promise<RoomQrView> {
    const settings = await this.settings(classId);
    const slot = qrSlot(this.clock().getTime(), settings.qrRotationSeconds);
    return {
      token: this.signer.token({ v: 1, kind: 'session', classId, sessionId: session.id, slot }),
      slot,
      rotationSeconds: settings.qrRotationSeconds,
      expiresAt: new Date(qrSlotEndsAt(slot, settings.qrRotationSeconds)).toISOString(),
    };
  }

  loadSession(classId: string, sessionId: string): Promise<SessionRow> {
    return sessionOf(this.db, classId, sessionId);
  }

  /** A signed-in trainee scans the room's code: enrolled, a valid current code, within the window. */
  async traineeCheckIn(ctx: RequestContext, classId: string, body: CheckInBody): Promise<CheckInResult> {
    const actor = requireActor(ctx.actor);
    const token = body.token ?? '';
    const now = this.clock();
    const trainee = await this.rosters.traineeOfUser(classId, actor.id);
    if (!trainee) {
      await this.deps.classes.load(classId); // 404 for a class that does not exist
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'token', key: 'not_enrolled' }],
        details: { action: 'attendance.check_in', entityType: 'class', entityId: classId },
      });
    }
    const settings = await this.settings(classId);
    const refuse = async (
      key: string,
      session: SessionRow | null,
      code: 'VALIDATION_FAILED' | 'CONFLICT',
    ) => {
      await recordRefusal(this.db, {
        classId,
        sessionId: session?.id ?? null,
        enrollmentId: trainee.enrollmentId,
        kind: body.kind,
        method: 'trainee_scan',
        at: now,
        // A refused request may be retried with the same client id; only applied ones keep it.
        clientId: null,
        byUser: actor.id,
        reason: key,
        now,
      });
      return AppError.field(code, 'token', key);
    };
    const decoded = decodeQrPayload(token);
    if ('refused' in decoded) throw await refuse(decoded.refused, null, 'VALIDATION_FAILED');
    const sessionId = decoded.payload.kind === 'session' ? decoded.payload.sessionId : '';
    const verdict = verifySessionQr(
      token,
      { classId, sessionId },
      now.getTime(),
      this.signer.check,
      settings,
    );
    if ('refused' in verdict) throw await refuse(verdict.refused, null, 'VALIDATION_FAILED');
    const session = await this.scannedSession(sessionId);
    if (!session || session.classId !== classId)
      throw await refuse('qr_wrong_session', null, 'VALIDATION_FAILED');
    if (!expectedAt(session, trainee)) {
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'token', key: 'not_expected_at_session' }],
        details: { action: 'attendance.check_in', entityType: 'class_session', entityId: session.id },
      });
    }
    const late = timeRefusal(body.kind, session, now, settings);
    if (late) throw await refuse(late, session, 'CONFLICT');
    return this.apply(
      ctx,
      classId,
      session,
      trainee,
      body.kind,
      'trainee_scan',
      now,
      settings,
      body.clientId,
    );
  }

  /** Staff check a trainee in: by scanning the trainee's card, or by picking the person. */
  async staffCheckIn(ctx: RequestContext, classId: string, body: CheckInBody): Promise<CheckInResult> {
    const actor = requireActor(ctx.actor);
    const now = this.clock();
    const session = await this.loadSession(classId, body.sessionId ?? '');
    const settings = await this.settings(classId);
    let trainee: TraineeRef;
    let method: ScanMethod;
    if (body.cardToken !== undefined) {
      trainee = await this.verifyCard(classId, body.cardToken, 'cardToken');
      method = 'staff_scan';
    } else {
      const [found] = await traineesOf(this.db, classId, { personId: body.personId ?? '' });
      if (!found) throw AppError.field('VALIDATION_FAILED', 'personId', 'not_enrolled');
      trainee = found;
      method = 'staff_mark';
    }
    const field = method === 'staff_scan' ? 'cardToken' : 'personId';
    if (!expectedAt(session, trainee)) throw AppError.field('CONFLICT', field, 'not_expected_at_session');
    const late = timeRefusal(body.kind, session, now, settings);
    if (late) {
      await recordRefusal(this.db, {
        classId,
        sessionId: session.id,
        enrollmentId: trainee.enrollmentId,
        kind: body.kind,
        method,
        at: now,
        clientId: null,
        byUser: actor.id,
        reason: late,
        now,
      });
      throw AppError.field('CONFLICT', field, late);
    }
    return this.apply(ctx, classId, session, trainee, body.kind, method, now, settings, body.clientId);
  }

  /** The trainee a card token names, if it is valid for the class (400 on `field` otherwise). */
  async verifyCard(classId: string, token: string, field: string): Promise<TraineeRef> {
    const decoded = decodeQrPayload(token);
    if ('refused' in decoded) throw AppError.field('VALIDATION_FAILED', field, decoded.refused);
    const personId = decoded.payload.kind === 'card' ? decoded.payload.personId : '';
    const [trainee] = personId ? await traineesOf(this.db, classId, { personId }) : [];
    const rev = trainee
      ? await this.cardRev(trainee.enrollmentId)
      : decoded.payload.kind === 'card'
        ? decoded.payload.rev
        : 1;
    const verdict = verifyCardQr(token, { classId, currentRev: rev }, this.signer.check);
    if ('refused' in verdict) throw AppError.field('VALIDATION_FAILED', field, verdict.refused);
    if (!trainee) throw AppError.field('VALIDATION_FAILED', field, 'not_enrolled');
    return trainee;
  }

  private async apply(
    ctx: RequestContext,
    classId: string,
    session: SessionRow,
    trainee: TraineeRef,
    kind: 'check_in' | 'check_out',
    method: ScanMethod,
    now: Date,
    settings: AttendanceSettings,
    clientId: string | undefined,
  ): Promise<CheckInResult> {
    const input = {
      classId,
      session,
      enrollmentId: trainee.enrollmentId,
      kind,
      method,
      event: { kind, at: now.getTime(), method },
      at: now,
      clientId: clientId ?? null,
      byUser: ctx.actor?.id ?? null,
      settings,
      now,
    };
    const first = await applyFirstScan(this.db, this.deps.embedded ?? false, input);
    const { row, created } = first ? { row: first, created: true } : await applyScan(this.db, input);
    return {
      view: presentRecord(session.id, trainee, row, resolve(factsOf(row), session, settings, now)),
      created,
    };
  }

  /** Staff marks on the roster, all or nothing. */
  async marks(ctx: RequestContext, classId: string, body: BulkMarkBody): Promise<AttendanceRecordView[]> {
    const actor = requireActor(ctx.actor);
    const now = this.clock();
    const session = await this.loadSession(classId, body.sessionId);
    const settings = await this.settings(classId);
    const trainees = await traineesOf(this.db, classId, {
      enrollmentIds: body.marks.map((m) => m.enrollmentId),
    });
    const byId = new Map(trainees.map((tr) => [tr.enrollmentId, tr]));
    const problems = body.marks.flatMap((m, i) => {
      const tr = byId.get(m.enrollmentId);
      return tr && expectedAt(session, tr)
        ? []
        : [{ path: `marks.${i}.enrollmentId`, key: 'not_in_session' }];
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    return this.db.transaction(async (tx) => {
      const views: AttendanceRecordView[] = [];
      const audits: AuditEntry[] = [];
      for (const m of body.marks) {
        const tr = byId.get(m.enrollmentId) as TraineeRef;
        await tx.insert(attendanceScans).values({
          classId,
          sessionId: session.id,
          enrollmentId: m.enrollmentId,
          kind: 'mark',
          method: 'staff_mark',
          at: now,
          receivedAt: now,
          byUser: actor.id,
          outcome: 'applied',
        });
        const { row } = await mergeIntoRecord(tx, {
          classId,
          session,
          enrollmentId: m.enrollmentId,
          event: { kind: 'mark', at: now.getTime(), status: m.status, by: actor.id, note: m.note },
          settings,
          now,
        });
        views.push(presentRecord(session.id, tr, row, resolve(factsOf(row), session, settings, now)));
        audits.push({
          action: 'attendance.mark',
          entityType: 'attendance_record',
          entityId: row.id,
          changes: { status: [null, m.status] },
          detail: { sessionId: session.id, enrollmentId: m.enrollmentId, note: m.note },
        });
      }
      await recordAudits(tx, ctx, audits);
      return views;
    });
  }

  /** A staff device's offline queue, each item applied once by its client id. */
  async sync(ctx: RequestContext, classId: string, body: SyncQueueBody): Promise<SyncQueueResult> {
    const result = await syncQueue(this, ctx, classId, body, this.clock());
    const count = (o: string) => result.items.filter((i) => i.outcome === o).length;
    await recordAudit(this.db, ctx, {
      action: 'attendance.sync',
      entityType: 'class',
      entityId: classId,
      detail: {
        items: body.items.length,
        applied: count('applied'),
        duplicate: count('duplicate'),
        refused: count('refused'),
      },
    });
    return result;
  }

  /** The live board of an item. */
  async board(classId: string, session: SessionRow): Promise<LiveBoardView> {
    return liveBoard(this.db, classId, session, await this.settings(classId), this.clock());
  }

  /** The class's records and rates (optionally one trainee's). */
  async classAttendance(
    classId: string,
    enrollmentIds?: string[],
  ): Promise<{ items: AttendanceRecordView[]; rates: TraineeRate[] }> {
    return classAttendance(this.db, classId, await this.settings(classId), this.clock(), { enrollmentIds });
  }

  /** The signed-in trainee's own enrolment in a class (403 `not_enrolled` otherwise). */
  async ownEnrollment(ctx: RequestContext, classId: string): Promise<TraineeRef> {
    const actor = requireActor(ctx.actor);
    const trainee = await this.rosters.traineeOfUser(classId, actor.id);
    if (!trainee) {
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'classId', key: 'not_enrolled' }],
        details: { action: 'attendance.read', entityType: 'class', entityId: classId },
      });
    }
    return trainee;
  }

  /** The current version of an enrolment's card (1 until revoked). */
  cardRev(enrollmentId: string): Promise<number> {
    return cardRev(this.db, enrollmentId);
  }

  /** The trainee's card token for a class. */
  async myCard(ctx: RequestContext, classId: string): Promise<{ token: string; rev: number }> {
    const trainee = await this.ownEnrollment(ctx, classId);
    const rev = await this.cardRev(trainee.enrollmentId);
    return {
      token: this.signer.token({ v: 1, kind: 'card', personId: trainee.personId, classId, rev }),
      rev,
    };
  }

  /** Revokes an enrolment's card: its version goes up, older tokens are refused. */
  revokeCard(ctx: RequestContext, classId: string, enrollmentId: string): Promise<{ rev: number }> {
    return revokeCard(this.db, ctx, classId, enrollmentId, this.clock());
  }
}
