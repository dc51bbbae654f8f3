import {
  type BulkSessionsResult,
  type CheckResult,
  type CheckSessionBody,
  type CopySessionsBody,
  type CreateSessionBody,
  type CreateTemplateBody,
  type PublishTimetableBody,
  publishVerdict,
  type SessionView,
  type SessionWriteResult,
  type ShiftSessionsBody,
  type TemplateItem,
  type TemplateView,
  type TimetableChangeView,
  type TimetableView,
  type UpdateSessionBody,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classSessions, timetables } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import { type Notifier, timetableChangedNotice } from '../notices/events.js';
import type { SettingsService } from '../settings/service.js';
import { copySessions, shiftSessions } from './bulk.js';
import { changesSincePublished, listChanges, recordChanges } from './changes.js';
import { type ItemShape, judge, loadOwnShapes } from './conflicts.js';
import { lockForWrite } from './locks.js';
import { type TimetableAccess, timetableAccess } from './policy.js';
import { presentFindings } from './presenter.js';
import { loadSessions, presentSessions, timetableState } from './read.js';
import { checkSessionReferences } from './references.js';
import { createTemplate, listTemplates, templateItems, templateItemsOf } from './templates.js';
import { createSession, deleteSession, updateSession, type WriteDeps } from './write.js';

/**
 * Timetable items of a class: writes, conflict checks, publishing, the change log, templates.
 * Routes authorize (the class's runners for every write); the rules and transactions are here
 * and in the files named by role (write, bulk, conflicts, changes, templates).
 */
export class TimetableService {
  readonly db: Db;

  constructor(
    readonly deps: {
      db: Db;
      classes: ClassService;
      settings: SettingsService;
      dictionaries: DictionaryService;
      /** Tells trainees of changes to a published timetable (issue 9). */
      notices?: () => Notifier;
    },
  ) {
    this.db = deps.db;
  }

  /** The reader's access to the class's timetable (policy.ts). */
  access(ctx: RequestContext, classId: string): Promise<TimetableAccess> {
    return timetableAccess(this.deps.classes, ctx, classId);
  }

  // Read before any transaction: the settings service queries on the database, not on `tx`.
  private async writeDeps(): Promise<WriteDeps> {
    return { classes: this.deps.classes, rule: await this.deps.settings.training() };
  }

  /** The timetable as the reader may see it: runners everything, others the published one. */
  async timetable(ctx: RequestContext, access: TimetableAccess): Promise<TimetableView> {
    const { record, runner } = access;
    const [rule, state] = await Promise.all([
      this.deps.settings.training(),
      timetableState(this.db, record.id),
    ]);
    const base = {
      classId: record.id,
      status: state.status,
      publishedAt: state.publishedAt?.toISOString() ?? null,
      publishedVersion: state.publishedVersion,
      canEdit: access.canEdit,
    };
    if (!runner && state.status !== 'published') {
      return { ...base, changesSincePublished: 0, items: [], conflicts: [], blocked: false, totalHours: 0 };
    }
    const items = await loadSessions(this.db, eq(classSessions.classId, record.id), ctx.locale, rule);
    const totalHours = items.reduce((s, i) => s + i.hours, 0);
    const changes = await changesSincePublished(this.db, record.id);
    if (!runner) {
      return { ...base, changesSincePublished: changes, items, conflicts: [], blocked: false, totalHours };
    }
    const judgement = await judge(this.db, record, rule, await loadOwnShapes(this.db, record.id));
    const conflicts = await presentFindings(this.db, judgement, judgement.findings, ctx.locale);
    return {
      ...base,
      changesSincePublished: changes,
      items,
      conflicts,
      blocked: publishVerdict(judgement.findings).blocked,
      totalHours,
    };
  }

  /** One item: runners always, other readers once the timetable is published (404 before). */
  async session(ctx: RequestContext, access: TimetableAccess, sessionId: string): Promise<SessionView> {
    if (!access.runner && (await timetableState(this.db, access.record.id)).status !== 'published')
      throw AppError.notFound();
    const [view] = await loadSessions(
      this.db,
      and(eq(classSessions.id, sessionId), eq(classSessions.classId, access.record.id)),
      ctx.locale,
      await this.deps.settings.training(),
    );
    if (!view) throw AppError.notFound();
    return view;
  }

  private async written(
    ctx: RequestContext,
    deps: WriteDeps,
    out: { row: typeof classSessions.$inferSelect; conflicts: SessionWriteResult['conflicts'] },
  ): Promise<SessionWriteResult> {
    const [session] = await presentSessions(this.db, [out.row], ctx.locale, deps.rule);
    if (!session) throw AppError.notFound();
    return { session, conflicts: out.conflicts };
  }

  async create(ctx: RequestContext, classId: string, body: CreateSessionBody): Promise<SessionWriteResult> {
    const deps = await this.writeDeps();
    const out = await this.db.transaction((tx) => createSession(tx, ctx, deps, classId, body));
    return this.written(ctx, deps, out);
  }

  async update(
    ctx: RequestContext,
    classId: string,
    sessionId: string,
    body: UpdateSessionBody,
  ): Promise<SessionWriteResult> {
    const deps = await this.writeDeps();
    const out = await this.db.transaction((tx) => updateSession(tx, ctx, deps, classId, sessionId, body));
    return this.written(ctx, deps, out);
  }

  async delete(ctx: RequestContext, classId: string, sessionId: string, version: number): Promise<void> {
    const deps = await this.writeDeps();
    await this.db.transaction((tx) => deleteSession(tx, ctx, deps, classId, sessionId, version));
  }

  /**
   * A proposed item judged without saving: cross-class double bookings come back as errors (a
   * write would be refused), references as 400 like a write.
   */
  async check(ctx: RequestContext, record: ClassRecord, body: CheckSessionBody): Promise<CheckResult> {
    const rule = await this.deps.settings.training();
    const problems = await checkSessionReferences(this.db, record.id, [{ prefix: '', refs: body }]);
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const id = body.sessionId ?? crypto.randomUUID();
    const proposed: ItemShape = {
      id,
      title: body.title,
      startsAt: new Date(body.startsAt),
      endsAt: new Date(body.endsAt),
      venueId: body.venueId,
      lecturerIds: body.lecturers.map((l) => l.lecturerId),
      groupIds: body.groupIds,
    };
    const own = (await loadOwnShapes(this.db, record.id)).filter((i) => i.id !== id);
    const judgement = await judge(this.db, record, rule, [...own, proposed], new Set([id]));
    return { conflicts: await presentFindings(this.db, judgement, judgement.findings, ctx.locale) };
  }

  /**
   * Publishes the timetable: refused while it is empty (409 `timetable_empty`), has errors (409
   * `timetable_blocked`, the errors in `details.conflicts`) or warnings not in `acknowledge` (409
   * `warnings_unacknowledged`). Records a `published` change with the acknowledged keys.
   */
  async publish(ctx: RequestContext, classId: string, body: PublishTimetableBody): Promise<void> {
    const rule = await this.deps.settings.training();
    await this.db.transaction(async (tx) => {
      const record = await lockForWrite(tx, this.deps.classes, classId);
      const own = await loadOwnShapes(tx, classId);
      if (own.length === 0) throw AppError.field('CONFLICT', 'timetable', 'timetable_empty');
      const judgement = await judge(tx, record, rule, own);
      const { blocked, warnings } = publishVerdict(judgement.findings);
      if (blocked) {
        const errors = judgement.findings.filter((f) => f.severity === 'error');
        throw new AppError('CONFLICT', {
          fields: [{ path: 'timetable', key: 'timetable_blocked', x: errors.length }],
          details: { conflicts: await presentFindings(tx, judgement, errors, ctx.locale) },
        });
      }
      const given = new Set(body.acknowledge);
      const missing = judgement.findings.filter((f) => f.severity === 'warning' && !given.has(f.key));
      if (missing.length) {
        throw new AppError('CONFLICT', {
          fields: [{ path: 'acknowledge', key: 'warnings_unacknowledged', x: missing.length }],
          details: { conflicts: await presentFindings(tx, judgement, missing, ctx.locale) },
        });
      }
      const acknowledged = judgement.findings.filter((f) => f.severity === 'warning').map((f) => f.key);
      const state = await timetableState(tx, classId);
      const now = new Date();
      const values = {
        status: 'published' as const,
        publishedVersion: state.publishedVersion + 1,
        publishedAt: now,
        publishedBy: ctx.actor?.id ?? null,
        acknowledged,
        updatedAt: now,
      };
      await tx
        .insert(timetables)
        .values({ classId, ...values })
        .onConflictDoUpdate({ target: timetables.classId, set: values });
      // Published again: the trainees hear what changed since the last publication.
      if (state.publishedAt)
        await this.deps.notices?.().notify(tx, await timetableChangedNotice(tx, record, state.publishedAt));
      await recordChanges(tx, ctx, classId, [
        { kind: 'published', sessionId: null, before: null, after: null, acknowledged, note: body.note },
      ]);
      await recordAudit(tx, ctx, {
        action: 'timetable.publish',
        entityType: 'class',
        entityId: classId,
        changes: { publishedVersion: [state.publishedVersion, values.publishedVersion] },
        detail: { items: own.length, acknowledged, warnings: warnings.length, note: body.note },
      });
    });
  }

  private async bulkResult(
    ctx: RequestContext,
    deps: WriteDeps,
    out: { rows: (typeof classSessions.$inferSelect)[]; conflicts: BulkSessionsResult['conflicts'] },
  ): Promise<BulkSessionsResult> {
    return {
      items: await presentSessions(this.db, out.rows, ctx.locale, deps.rule),
      conflicts: out.conflicts,
    };
  }

  async shift(ctx: RequestContext, classId: string, body: ShiftSessionsBody): Promise<BulkSessionsResult> {
    const deps = await this.writeDeps();
    const out = await this.db.transaction((tx) => shiftSessions(tx, ctx, deps, classId, body));
    return this.bulkResult(ctx, deps, out);
  }

  /** Copies a source the caller has authorized: `source` is the other class (null for a template). */
  async copy(
    ctx: RequestContext,
    classId: string,
    body: CopySessionsBody,
    source: ClassRecord | null,
  ): Promise<BulkSessionsResult> {
    const deps = await this.writeDeps();
    const items: TemplateItem[] = source
      ? await templateItemsOf(this.db, source.id, source.startDate)
      : await templateItems(this.db, body.templateId as string);
    const out = await this.db.transaction((tx) => copySessions(tx, ctx, deps, classId, body, items));
    return this.bulkResult(ctx, deps, out);
  }

  async changes(classId: string): Promise<TimetableChangeView[]> {
    return listChanges(this.db, classId);
  }

  templates(): Promise<TemplateView[]> {
    return listTemplates(this.db);
  }

  /** Saves the timetable of a class the caller runs as a template. */
  async createTemplate(
    ctx: RequestContext,
    body: CreateTemplateBody,
    source: ClassRecord,
  ): Promise<TemplateView> {
    return this.db.transaction((tx) => createTemplate(tx, ctx, body, source.startDate));
  }
}
