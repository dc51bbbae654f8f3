import {
  approvalLevels,
  type CreateLeaveBody,
  coveredItems,
  decideLeave,
  type LeaveAttachmentView,
  type LeaveDecisionBody,
  type LeaveListQuery,
  type LeaveRequestView,
  type LeaveStandingList,
  type LeaveStatus,
  leaveDays,
  leaveHours,
  leaveStanding,
  mayCancelLeave,
} from '@ganxun/domain';
import { and, asc, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  classSessions,
  enrollments,
  leaveDecisions,
  leaveRequestItems,
  leaveRequests,
  people,
  storedFiles,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type FileStore, mimeOf, type StoredFile } from '../../platform/files.js';
import { sessionsOfClass, settingsOf, traineesOf } from '../attendance/query.js';
import { recomputeLeaveRecords, type SessionRow } from '../attendance/record.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { leaveDecidedNotice, type Notifier } from '../notices/events.js';
import type { SettingsService } from '../settings/service.js';
import { levelAction, mayDecideNext, mayReadRequest } from './policy.js';
import { presentRequests } from './presenter.js';
import { classHoursOf, hoursByEnrollment, type LeaveRow, requestRow, traineeItems } from './query.js';

/** Attachments a trainee may send: a doctor's note as a PDF or a photo. */
export const LEAVE_ATTACHMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];
const CLOSED_CLASS_STATUSES = ['cancelled', 'archived'];

export interface LeaveServiceDeps {
  db: Db;
  classes: ClassService;
  settings: SettingsService;
  files: FileStore;
  uploadLimit: number;
  clock?: () => Date;
  /** Tells the trainee of the final decision (issue 9). */
  notices?: () => Notifier;
}

/** Leave requests (请假): a trainee asks, the class director decides (two levels above the configured length), approved leave marks attendance. */
export class LeaveService {
  readonly db: Db;
  readonly uploadLimit: number;
  /** Now, for cancelling and for attendance written on decisions; replaceable in tests. */
  clock: () => Date;

  constructor(readonly deps: LeaveServiceDeps) {
    this.db = deps.db;
    this.uploadLimit = deps.uploadLimit;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Stores an attachment for a request to come (trainees of some class, or staff who decide leave). */
  async uploadAttachment(
    ctx: RequestContext,
    upload: { fileName: string; file: Buffer; mime?: string | null },
  ): Promise<LeaveAttachmentView> {
    const actor = requireActor(ctx.actor);
    let allowed = actor.permissions.has('leave.decide');
    if (!allowed) {
      const [hit] = await this.db
        .select({ one: sql<number>`1` })
        .from(enrollments)
        .innerJoin(people, eq(people.id, enrollments.personId))
        .where(and(eq(people.userId, actor.id), ne(enrollments.status, 'withdrawn')))
        .limit(1);
      allowed = !!hit;
    }
    authorize(allowed, 'leave.attachment.upload', { type: 'stored_file' });
    if (upload.file.length === 0) throw AppError.field('VALIDATION_FAILED', 'file', 'leave_attachment_empty');
    const mime = mimeOf(upload.fileName, upload.mime);
    if (!LEAVE_ATTACHMENT_TYPES.includes(mime)) {
      throw AppError.field('VALIDATION_FAILED', 'file', 'leave_attachment_type');
    }
    return this.db.transaction(async (tx) => {
      const file = await this.deps.files.put(tx, {
        name: upload.fileName,
        mime,
        content: upload.file,
        uploadedBy: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'leave.attachment.upload',
        entityType: 'stored_file',
        entityId: file.id,
        detail: { name: file.name, size: file.size, sha256: file.sha256 },
      });
      return { id: file.id, name: file.name, mime: file.mime, size: file.size };
    });
  }

  /** A trainee asks for leave from items or whole days of a class they are enrolled in. */
  async create(ctx: RequestContext, body: CreateLeaveBody): Promise<LeaveRequestView> {
    const actor = requireActor(ctx.actor);
    const [trainee] = await traineesOf(this.db, body.classId, { userId: actor.id });
    if (!trainee) {
      await this.deps.classes.load(body.classId); // 404 for a class that does not exist
      throw new AppError('FORBIDDEN', {
        fields: [{ path: 'classId', key: 'not_enrolled' }],
        details: { action: 'leave.request', entityType: 'class', entityId: body.classId },
      });
    }
    const cls = await this.deps.classes.load(body.classId);
    if (CLOSED_CLASS_STATUSES.includes(cls.status)) {
      throw AppError.field('CONFLICT', 'classId', 'leave_class_closed');
    }
    const [rule, settings] = await Promise.all([this.deps.settings.training(), this.deps.settings.leave()]);
    const theirs = traineeItems(await sessionsOfClass(this.db, cls.id), trainee, rule);
    const problems: { path: string; key: string }[] = [];
    if (body.sessionIds) {
      const known = new Set(theirs.map((i) => i.id));
      body.sessionIds.forEach((id, i) => {
        if (!known.has(id)) problems.push({ path: `sessionIds.${i}`, key: 'leave_item_unknown' });
      });
    } else if (body.days) {
      const days = new Set(leaveDays(theirs));
      body.days.forEach((d, i) => {
        if (!days.has(d)) problems.push({ path: `days.${i}`, key: 'leave_no_items' });
      });
    }
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const scope = body.sessionIds ? { sessionIds: body.sessionIds } : { days: body.days ?? [] };
    const covered = coveredItems(scope, theirs);
    const hours = leaveHours(covered);
    const dayCount = body.days ? body.days.length : leaveDays(covered).length;
    const levels = approvalLevels({ days: dayCount, hours }, settings);
    if (body.attachmentFileId) {
      const [file] = await this.db
        .select({ id: storedFiles.id })
        .from(storedFiles)
        .where(and(eq(storedFiles.id, body.attachmentFileId), eq(storedFiles.uploadedBy, actor.id)));
      if (!file) throw AppError.field('VALIDATION_FAILED', 'attachmentFileId', 'leave_attachment_unknown');
    }
    const row = await this.db.transaction(async (tx) => {
      // One request at a time per trainee, so two overlapping requests cannot both pass the check.
      await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(eq(enrollments.id, trainee.enrollmentId))
        .for('update');
      const overlapping = await tx
        .select({ sessionId: leaveRequestItems.sessionId })
        .from(leaveRequestItems)
        .innerJoin(leaveRequests, eq(leaveRequests.id, leaveRequestItems.requestId))
        .where(
          and(
            eq(leaveRequests.enrollmentId, trainee.enrollmentId),
            inArray(leaveRequests.status, ['pending', 'approved'] satisfies LeaveStatus[]),
            inArray(
              leaveRequestItems.sessionId,
              covered.map((c) => c.id),
            ),
          ),
        )
        .limit(1);
      if (overlapping.length) throw AppError.field('CONFLICT', 'sessionIds', 'leave_overlaps');
      const now = new Date();
      const [inserted] = await tx
        .insert(leaveRequests)
        .values({
          classId: cls.id,
          enrollmentId: trainee.enrollmentId,
          requestedBy: actor.id,
          kind: body.sessionIds ? 'sessions' : 'days',
          days: body.days ? [...body.days].sort() : null,
          reason: body.reason,
          attachmentFileId: body.attachmentFileId,
          hours,
          levelsRequired: levels,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      if (!inserted) throw new Error('leave request not inserted');
      await tx
        .insert(leaveRequestItems)
        .values(covered.map((c) => ({ requestId: inserted.id, sessionId: c.id })));
      await recordAudit(tx, ctx, {
        action: 'leave.request',
        entityType: 'leave_request',
        entityId: inserted.id,
        detail: {
          classId: cls.id,
          enrollmentId: trainee.enrollmentId,
          kind: inserted.kind,
          sessionIds: covered.map((c) => c.id),
          days: body.days ?? null,
          hours,
          levelsRequired: levels,
        },
      });
      return inserted;
    });
    return this.one(ctx, row, cls);
  }

  /** A class's requests (its runners for `leave`), or the reader's own (`mine`, or no class given). */
  async list(ctx: RequestContext, query: LeaveListQuery): Promise<LeaveRequestView[]> {
    const actor = requireActor(ctx.actor);
    const where: SQL[] = [];
    const mine = query.mine === 'true' || !query.classId;
    if (mine) where.push(eq(leaveRequests.requestedBy, actor.id));
    if (query.classId) {
      if (!mine) await this.deps.classes.requireRun(ctx, query.classId, 'leave');
      where.push(eq(leaveRequests.classId, query.classId));
    }
    if (query.status) where.push(eq(leaveRequests.status, query.status));
    const order = mine
      ? [desc(leaveRequests.createdAt), asc(leaveRequests.id)]
      : [
          sql`case when ${leaveRequests.status} = 'pending' then 0 else 1 end`,
          desc(leaveRequests.createdAt),
          asc(leaveRequests.id),
        ];
    const rows = await this.db
      .select()
      .from(leaveRequests)
      .where(and(...where))
      .orderBy(...order)
      .limit(1000);
    return this.views(ctx, rows);
  }

  /** One request: the requester or the class's runners for `leave`; others 404. */
  async get(ctx: RequestContext, id: string): Promise<LeaveRequestView> {
    const { row, cls } = await this.readable(ctx, id);
    return this.one(ctx, row, cls);
  }

  /** The attachment of a request the reader may see. */
  async attachment(ctx: RequestContext, id: string): Promise<StoredFile> {
    const { row } = await this.readable(ctx, id);
    const file = row.attachmentFileId ? await this.deps.files.get(row.attachmentFileId) : null;
    if (!file) throw AppError.notFound();
    await recordAudit(this.db, ctx, {
      action: 'leave.attachment.download',
      entityType: 'leave_request',
      entityId: id,
      detail: { fileId: file.id, size: file.size },
    });
    return file;
  }

  /**
   * Decides the next level of a pending request (the row locked, so two deciders at once make one
   * decision per level). The final approval marks the covered items on leave in attendance.
   */
  async decide(ctx: RequestContext, id: string, body: LeaveDecisionBody): Promise<LeaveRequestView> {
    const actor = requireActor(ctx.actor);
    const now = this.clock();
    const { row, cls } = await this.db.transaction(async (tx) => {
      const current = await requestRow(tx, id, true);
      if (!current) throw AppError.notFound();
      const earlier = await tx
        .select({ decidedBy: leaveDecisions.decidedBy })
        .from(leaveDecisions)
        .where(eq(leaveDecisions.requestId, id))
        .orderBy(asc(leaveDecisions.level));
      const level = earlier.length + 1;
      if (current.status !== 'pending') {
        await this.deps.classes.requireRun(ctx, current.classId, 'leave', tx);
        throw AppError.field('CONFLICT', 'decision', 'leave_not_pending');
      }
      const record = await this.deps.classes.requireRun(ctx, current.classId, levelAction(level), tx);
      const deciders = earlier.map((e) => e.decidedBy);
      if (mayDecideNext(actor, record, current, deciders) === 'self') {
        throw new AppError('FORBIDDEN', {
          fields: [{ path: 'decision', key: 'leave_self_decision' }],
          details: { action: 'leave.decide', entityType: 'leave_request', entityId: id },
        });
      }
      const next = decideLeave(
        {
          status: current.status as LeaveStatus,
          levelsRequired: current.levelsRequired === 2 ? 2 : 1,
          approvals: earlier.length,
        },
        body.decision,
      );
      if (!next.ok) throw AppError.field('CONFLICT', 'decision', next.code);
      await tx.insert(leaveDecisions).values({
        requestId: id,
        level,
        decision: body.decision,
        comment: body.comment?.trim() || null,
        decidedBy: actor.id,
        decidedAt: now,
      });
      const [updated] = await tx
        .update(leaveRequests)
        .set({ status: next.state.status, updatedAt: now })
        .where(eq(leaveRequests.id, id))
        .returning();
      if (!updated) throw new Error('leave request not updated');
      if (next.state.status === 'approved') await this.recompute(tx, updated, now);
      if (next.state.status !== 'pending')
        await this.deps.notices?.().notify(tx, leaveDecidedNotice(record, updated));
      await recordAudit(tx, ctx, {
        action: `leave.${body.decision}`,
        entityType: 'leave_request',
        entityId: id,
        changes: { status: [current.status, next.state.status] },
        detail: { classId: current.classId, level, comment: body.comment },
      });
      return { row: updated, cls: record };
    });
    return this.one(ctx, row, cls);
  }

  /** The requester withdraws a pending request, or approved leave before its first item starts. */
  async cancel(ctx: RequestContext, id: string): Promise<LeaveRequestView> {
    const actor = requireActor(ctx.actor);
    const now = this.clock();
    const { cls } = await this.readable(ctx, id);
    const row = await this.db.transaction(async (tx) => {
      const current = await requestRow(tx, id, true);
      if (!current) throw AppError.notFound();
      authorize(current.requestedBy === actor.id, 'leave.cancel', { type: 'leave_request', id });
      const [first] = await tx
        .select({ startsAt: classSessions.startsAt })
        .from(leaveRequestItems)
        .innerJoin(classSessions, eq(classSessions.id, leaveRequestItems.sessionId))
        .where(eq(leaveRequestItems.requestId, id))
        .orderBy(asc(classSessions.startsAt))
        .limit(1);
      const firstStart = first ? first.startsAt.getTime() : null;
      if (!mayCancelLeave(current.status as LeaveStatus, firstStart, now.getTime())) {
        throw AppError.field('CONFLICT', 'status', 'leave_not_cancellable');
      }
      const [updated] = await tx
        .update(leaveRequests)
        .set({ status: 'cancelled', cancelledAt: now, updatedAt: now })
        .where(eq(leaveRequests.id, id))
        .returning();
      if (!updated) throw new Error('leave request not updated');
      if (current.status === 'approved') await this.recompute(tx, updated, now);
      await recordAudit(tx, ctx, {
        action: 'leave.cancel',
        entityType: 'leave_request',
        entityId: id,
        changes: { status: [current.status, 'cancelled'] },
        detail: { classId: current.classId },
      });
      return updated;
    });
    return this.one(ctx, row, cls);
  }

  /** Every trainee's standing in a class against the leave allowance (runners for `leave`). */
  async standing(ctx: RequestContext, classId: string): Promise<LeaveStandingList> {
    await this.deps.classes.requireRun(ctx, classId, 'leave');
    const [rule, settings] = await Promise.all([this.deps.settings.training(), this.deps.settings.leave()]);
    const [trainees, sessions] = await Promise.all([
      traineesOf(this.db, classId),
      sessionsOfClass(this.db, classId),
    ]);
    const hours = await hoursByEnrollment(
      this.db,
      trainees.map((tr) => tr.enrollmentId),
    );
    return {
      items: trainees.map((tr) => {
        const h = hours.get(tr.enrollmentId) ?? { approved: 0, pending: 0 };
        return {
          enrollmentId: tr.enrollmentId,
          trainee: { personId: tr.personId, name: tr.name, unitName: tr.unitName },
          standing: leaveStanding(classHoursOf(sessions, tr, rule), h.approved, h.pending, settings),
          pendingHours: h.pending,
        };
      }),
    };
  }

  /** Rewrites the attendance records of a request's items after its approval or cancellation. */
  private async recompute(tx: Executor, row: LeaveRow, now: Date): Promise<void> {
    const ids = (
      await tx
        .select({ sessionId: leaveRequestItems.sessionId })
        .from(leaveRequestItems)
        .where(eq(leaveRequestItems.requestId, row.id))
    ).map((r) => r.sessionId);
    const sessions: SessionRow[] = ids.length
      ? await tx.select().from(classSessions).where(inArray(classSessions.id, ids))
      : [];
    await recomputeLeaveRecords(tx, {
      classId: row.classId,
      sessions,
      enrollmentId: row.enrollmentId,
      settings: await settingsOf(tx, row.classId),
      now,
    });
  }

  /** A request the reader may see, with its class; 404 otherwise (its existence is not told). */
  private async readable(ctx: RequestContext, id: string): Promise<{ row: LeaveRow; cls: ClassRecord }> {
    const actor = requireActor(ctx.actor);
    const row = await requestRow(this.db, id);
    if (!row) throw AppError.notFound();
    const cls = await this.deps.classes.load(row.classId);
    if (!mayReadRequest(actor, cls, row)) throw AppError.notFound();
    return { row, cls };
  }

  private async one(ctx: RequestContext, row: LeaveRow, cls: ClassRecord): Promise<LeaveRequestView> {
    const [view] = await this.views(ctx, [row], new Map([[cls.id, cls]]));
    if (!view) throw new Error('leave request not presented');
    return view;
  }

  private async views(
    ctx: RequestContext,
    rows: LeaveRow[],
    known: Map<string, ClassRecord> = new Map(),
  ): Promise<LeaveRequestView[]> {
    const actor = requireActor(ctx.actor);
    const classes = new Map(known);
    for (const classId of new Set(rows.map((r) => r.classId))) {
      if (!classes.has(classId)) classes.set(classId, await this.deps.classes.load(classId));
    }
    const [leave, rule] = await Promise.all([this.deps.settings.leave(), this.deps.settings.training()]);
    return presentRequests({ db: this.db, actor, now: this.clock(), leave, rule, classes }, rows);
  }
}
