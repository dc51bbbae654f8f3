import type {
  ClassCompletionView,
  CompletionRules,
  CompletionRulesBody,
  CompletionView,
  ConfirmCompletionView,
  OverrideBody,
} from '@ganxun/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import {
  certificates,
  completionOverrides,
  completionResults,
  completionRulesTable,
  enrollments,
  people,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { FileStore } from '../../platform/files.js';
import type { AttendanceService } from '../attendance/service.js';
import { type IssueTarget, issueCertificates, revokeCertificatesOf } from '../certificates/issue.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { Notifier } from '../notices/events.js';
import type { SettingsService } from '../settings/service.js';
import { creditCompletions, voidCompletions } from '../training-records/credit.js';
import { type CompletionDeps, type ComputedCompletion, computeCompletion, rulesOf } from './facts.js';
import { CONFIRMABLE_STATUSES, requireOpen } from './policy.js';
import { Reflections } from './reflections.js';

export interface CompletionServiceDeps {
  db: Db;
  classes: ClassService;
  settings: SettingsService;
  files: FileStore;
  uploadLimit: number;
  /** Statuses and the clock of attendance (tests set `attendance.clock`). */
  attendance: AttendanceService;
  /** Certificates issued by confirmation are announced to their holders (certificate_issued). */
  notices?: () => Notifier;
}

/** The reason recorded when a confirmed completion is withdrawn by a later confirmation. */
export const COMPLETION_WITHDRAWN = 'completion_withdrawn';

/**
 * Completion (结业) and reflections (学习心得): rules per class, the judgement with its open
 * reasons, the director's overrides, and the confirmation that records the results, issues
 * certificates and credits the study-hour archive in one transaction.
 */
export class CompletionService {
  readonly db: Db;
  readonly reflections: Reflections;

  constructor(readonly deps: CompletionServiceDeps) {
    this.db = deps.db;
    this.reflections = new Reflections(this);
  }

  get classes(): ClassService {
    return this.deps.classes;
  }

  get uploadLimit(): number {
    return this.deps.uploadLimit;
  }

  /** Now, as attendance judges it (one clock for both). */
  now(): Date {
    return this.deps.attendance.clock();
  }

  /** What computing a class's completion needs, read before any transaction. */
  async computeDeps(classId: string): Promise<CompletionDeps> {
    const [attendance, training, leave] = await Promise.all([
      this.deps.attendance.settings(classId),
      this.deps.settings.training(),
      this.deps.settings.leave(),
    ]);
    return { attendance, training, leave };
  }

  async compute(
    cls: ClassRecord,
    narrow: { enrollmentIds?: string[] } = {},
    exec: Executor = this.db,
    deps?: CompletionDeps,
  ): Promise<ComputedCompletion> {
    return computeCompletion(exec, deps ?? (await this.computeDeps(cls.id)), cls, this.now(), narrow);
  }

  /** A class whose completion the actor decides or certifies from (403 audited otherwise). */
  async requireView(ctx: RequestContext, classId: string): Promise<ClassRecord> {
    const actor = requireActor(ctx.actor);
    authorize(
      actor.permissions.has('completion.decide') || actor.permissions.has('certificate.issue'),
      'completion.decide',
      { type: 'class', id: classId },
    );
    const record = await this.classes.load(classId);
    authorize(
      runs(actor, 'complete', record.place) || runs(actor, 'certify', record.place),
      'completion.decide',
      {
        type: 'class',
        id: classId,
      },
    );
    return record;
  }

  /** GET /classes/{id}/completion. */
  async view(ctx: RequestContext, classId: string): Promise<ClassCompletionView> {
    const record = await this.requireView(ctx, classId);
    const computed = await this.compute(record);
    return presentClass(classId, computed);
  }

  /** GET /me/completion?classId=: the trainee's own completion (404 when not in the class). */
  async mine(ctx: RequestContext, classId: string): Promise<CompletionView> {
    const actor = requireActor(ctx.actor);
    const [own] = await this.db
      .select({ enrollmentId: enrollments.id })
      .from(enrollments)
      .innerJoin(people, eq(people.id, enrollments.personId))
      .where(and(eq(enrollments.classId, classId), eq(people.userId, actor.id)));
    if (!own) throw AppError.notFound();
    const record = await this.classes.load(classId);
    const computed = await this.compute(record, { enrollmentIds: [own.enrollmentId] });
    const item = computed.items[0];
    if (!item) throw AppError.notFound();
    return item;
  }

  /** PUT /classes/{id}/completion-rules: the whole rule set. */
  async updateRules(
    ctx: RequestContext,
    classId: string,
    body: CompletionRulesBody,
  ): Promise<CompletionRules> {
    const actor = requireActor(ctx.actor);
    await this.classes.requireRun(ctx, classId, 'complete');
    return this.db.transaction(async (tx) => {
      const record = await this.classes.load(classId, tx, true);
      requireOpen(record);
      const before = await rulesOf(tx, classId);
      await tx
        .insert(completionRulesTable)
        .values({ classId, rules: body, updatedBy: actor.id })
        .onConflictDoUpdate({
          target: completionRulesTable.classId,
          set: { rules: body, updatedBy: actor.id, updatedAt: new Date() },
        });
      const changes: Record<string, [unknown, unknown]> = {};
      for (const key of Object.keys(body) as (keyof CompletionRules)[]) {
        if (before[key] !== body[key]) changes[key] = [before[key], body[key]];
      }
      await recordAudit(tx, ctx, {
        action: 'completion.rules',
        entityType: 'class',
        entityId: classId,
        changes,
      });
      return body;
    });
  }

  /** PUT /classes/{id}/completion/{eid}/override: the director decides, with a reason. */
  async setOverride(
    ctx: RequestContext,
    classId: string,
    enrollmentId: string,
    body: OverrideBody,
  ): Promise<CompletionView> {
    const actor = requireActor(ctx.actor);
    const record = await this.classes.requireRun(ctx, classId, 'complete');
    requireOpen(record);
    await this.db.transaction(async (tx) => {
      const enrollment = await enrollmentOf(tx, classId, enrollmentId);
      if (enrollment.status === 'withdrawn') {
        throw AppError.field('CONFLICT', 'completed', 'completion_enrollment_withdrawn');
      }
      const [before] = await tx
        .select()
        .from(completionOverrides)
        .where(eq(completionOverrides.enrollmentId, enrollmentId))
        .for('update');
      await tx
        .insert(completionOverrides)
        .values({
          enrollmentId,
          classId,
          completed: body.completed,
          reason: body.reason,
          decidedBy: actor.id,
        })
        .onConflictDoUpdate({
          target: completionOverrides.enrollmentId,
          set: { completed: body.completed, reason: body.reason, decidedBy: actor.id, decidedAt: new Date() },
        });
      await recordAudit(tx, ctx, {
        action: 'completion.override',
        entityType: 'enrollment',
        entityId: enrollmentId,
        changes: {
          completed: [before?.completed ?? null, body.completed],
          reason: [before?.reason ?? null, body.reason],
        },
        detail: { classId, reason: body.reason },
      });
    });
    return this.one(record, enrollmentId);
  }

  /** DELETE /classes/{id}/completion/{eid}/override: back to the rules. */
  async clearOverride(ctx: RequestContext, classId: string, enrollmentId: string): Promise<CompletionView> {
    const record = await this.classes.requireRun(ctx, classId, 'complete');
    requireOpen(record);
    await this.db.transaction(async (tx) => {
      await enrollmentOf(tx, classId, enrollmentId);
      const [removed] = await tx
        .delete(completionOverrides)
        .where(
          and(eq(completionOverrides.enrollmentId, enrollmentId), eq(completionOverrides.classId, classId)),
        )
        .returning();
      if (!removed) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'completion.override_clear',
        entityType: 'enrollment',
        entityId: enrollmentId,
        changes: { completed: [removed.completed, null], reason: [removed.reason, null] },
        detail: { classId, reason: removed.reason },
      });
    });
    return this.one(record, enrollmentId);
  }

  private async one(record: ClassRecord, enrollmentId: string): Promise<CompletionView> {
    const computed = await this.compute(record, { enrollmentIds: [enrollmentId] });
    const item = computed.items[0];
    if (!item) throw AppError.notFound();
    return item;
  }

  /**
   * POST /classes/{id}/completion/confirm (结业确认), once every item has ended, in one transaction
   * under the class's row lock: the effective completion of every enrolment is recorded; the
   * completed get their certificate (existing ones are kept, so confirming again issues none) and
   * their 学时 credited; completions confirmed before and withdrawn now lose both.
   */
  async confirm(ctx: RequestContext, classId: string): Promise<ConfirmCompletionView> {
    const actor = requireActor(ctx.actor);
    await this.classes.requireRun(ctx, classId, 'complete');
    const deps = await this.computeDeps(classId);
    return this.db.transaction(async (tx) => {
      const cls = await this.classes.load(classId, tx, true);
      if (!CONFIRMABLE_STATUSES.includes(cls.status)) {
        throw AppError.field('CONFLICT', 'status', 'class_status', cls.status);
      }
      const computed = await this.compute(cls, {}, tx, deps);
      if (!computed.ended) throw AppError.field('CONFLICT', 'classId', 'completion_too_early');
      const confirmedAt = new Date();
      const before = await tx
        .select({ enrollmentId: completionResults.enrollmentId, completed: completionResults.completed })
        .from(completionResults)
        .where(eq(completionResults.classId, classId));
      const wasCompleted = new Set(before.filter((r) => r.completed).map((r) => r.enrollmentId));

      if (computed.items.length > 0) {
        await tx
          .insert(completionResults)
          .values(
            computed.items.map((item) => ({
              enrollmentId: item.enrollmentId,
              classId,
              completed: item.status === 'completed',
              decidedBy: item.decidedBy,
              reasons: item.reasons,
              hours: item.hours,
              confirmedBy: actor.id,
              confirmedAt,
            })),
          )
          .onConflictDoUpdate({
            target: completionResults.enrollmentId,
            set: {
              completed: sql`excluded.completed`,
              decidedBy: sql`excluded.decided_by`,
              reasons: sql`excluded.reasons`,
              hours: sql`excluded.hours`,
              confirmedBy: sql`excluded.confirmed_by`,
              confirmedAt: sql`excluded.confirmed_at`,
            },
          });
      }

      const completed = computed.items.filter((i) => i.status === 'completed');
      const withdrawn = computed.items
        .filter((i) => i.status !== 'completed' && wasCompleted.has(i.enrollmentId))
        .map((i) => i.enrollmentId);

      let certificatesIssued = 0;
      if (completed.length > 0) {
        const ids = completed.map((i) => i.enrollmentId);
        const held = await tx
          .select({ enrollmentId: certificates.enrollmentId })
          .from(certificates)
          .where(
            and(
              eq(certificates.classId, classId),
              eq(certificates.status, 'valid'),
              inArray(certificates.enrollmentId, ids),
            ),
          );
        const heldBefore = new Set(held.map((c) => c.enrollmentId));
        const targets: IssueTarget[] = completed.map((i) => ({
          enrollmentId: i.enrollmentId,
          personId: i.trainee.personId,
          personName: i.trainee.name,
          hours: i.hours,
        }));
        const issued = await issueCertificates(tx, ctx, cls, targets, this.deps.notices?.());
        certificatesIssued = ids.filter((id) => issued.has(id) && !heldBefore.has(id)).length;
        await creditCompletions(
          tx,
          ctx,
          cls,
          completed.map((i) => ({
            enrollmentId: i.enrollmentId,
            personId: i.trainee.personId,
            hours: i.hours,
            certificateId: issued.get(i.enrollmentId)?.id ?? null,
          })),
        );
      }
      let certificatesRevoked = 0;
      if (withdrawn.length > 0) {
        certificatesRevoked = await revokeCertificatesOf(tx, ctx, classId, withdrawn, COMPLETION_WITHDRAWN);
        await voidCompletions(tx, ctx, classId, withdrawn, COMPLETION_WITHDRAWN);
      }

      const result = {
        completed: completed.length,
        notCompleted: computed.items.length - completed.length,
        certificatesIssued,
        certificatesRevoked,
        confirmedAt: confirmedAt.toISOString(),
      };
      await recordAudit(tx, ctx, {
        action: 'completion.confirm',
        entityType: 'class',
        entityId: classId,
        detail: {
          ...result,
          hours: computed.hours,
          hoursSource: computed.hoursSource,
          withdrawnEnrollmentIds: withdrawn,
        },
      });
      return result;
    });
  }
}

export function presentClass(classId: string, computed: ComputedCompletion): ClassCompletionView {
  const completed = computed.items.filter((i) => i.status === 'completed').length;
  return {
    classId,
    rules: computed.rules,
    items: computed.items,
    completed,
    notCompleted: computed.items.length - completed,
    hours: computed.hours,
    hoursSource: computed.hoursSource,
    ended: computed.ended,
    confirmedAt: computed.confirmedAt,
  };
}

async function enrollmentOf(exec: Executor, classId: string, enrollmentId: string) {
  const [row] = await exec
    .select({ id: enrollments.id, status: enrollments.status })
    .from(enrollments)
    .where(and(eq(enrollments.id, enrollmentId), eq(enrollments.classId, classId)))
    .for('update');
  if (!row) throw AppError.notFound();
  return row;
}
