import {
  chinaDay,
  type ReportDefinition,
  type ReportView,
  reportDefinition,
  type SavedPeriod,
  type SavedReportBody,
  savedPeriodRange,
} from '@ganxun/domain';
import { and, asc, desc, eq, ne, or, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { savedReports, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { FIELD_MESSAGES, fieldErrorsFromIssues } from '../../platform/i18n.js';
import type { StatsService } from '../stats/service.js';

export interface SavedReportServiceDeps {
  db: Db;
  stats: StatsService;
  /** "Now" for relative periods (tests set it; default the system clock). */
  clock?: () => Date;
}

export type SavedReportRow = typeof savedReports.$inferSelect;
export interface SavedReportRecord extends SavedReportRow {
  ownerName: string;
}
export type UpdateSavedReportBody = Partial<SavedReportBody>;

const ENTITY = 'saved_report';

/**
 * Saved report builder definitions (issue 8): the owner's own, and shared ones every holder of
 * stats.read may open and run — each reader sees the figures of their own scope, since running
 * goes through the stats engine with the reader's context. Only the owner changes one.
 */
export class SavedReportService {
  readonly db: Db;
  readonly stats: StatsService;
  clock: () => Date;

  constructor(deps: SavedReportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** Today in China (`YYYY-MM-DD`), what "this year" and "last year" are counted from. */
  today(): string {
    return chinaDay(this.clock().getTime());
  }

  /**
   * The definition to run: the stored fields with from/to filled for the period. Invalid → 400
   * with the problems under `definition.` (the body's field).
   */
  resolve(ctx: RequestContext, period: SavedPeriod, definition: Record<string, unknown>): ReportDefinition {
    const range = savedPeriodRange(period, this.today(), definition);
    const parsed = reportDefinition.safeParse({ ...definition, ...range });
    if (parsed.success) return parsed.data;
    const fields: FieldProblem[] = fieldErrorsFromIssues(parsed.error.issues, ctx.locale, ['definition']).map(
      (f) =>
        FIELD_MESSAGES[f.code]
          ? { path: f.path, key: f.code }
          : { path: f.path, key: 'saved_report_definition_invalid', x: f.message },
    );
    throw new AppError('VALIDATION_FAILED', { fields });
  }

  /** What is kept: the parsed fields, with the dates only for a fixed period. */
  private normalise(ctx: RequestContext, period: SavedPeriod, definition: Record<string, unknown>) {
    const { from, to, ...rest } = this.resolve(ctx, period, definition);
    const kept: Record<string, unknown> = period === 'fixed' ? { ...rest, from, to } : rest;
    return JSON.parse(JSON.stringify(kept)) as Record<string, unknown>;
  }

  private select(exec: Executor = this.db) {
    return exec
      .select({ report: savedReports, ownerName: users.displayName })
      .from(savedReports)
      .innerJoin(users, eq(users.id, savedReports.ownerId));
  }

  /** The reader's own reports and the shared ones (own first, then by name). */
  async list(ctx: RequestContext): Promise<SavedReportRecord[]> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('stats.read'), 'stats.read', { type: ENTITY });
    const rows = await this.select()
      .where(or(eq(savedReports.ownerId, actor.id), eq(savedReports.shared, true)))
      .orderBy(
        desc(sql`${savedReports.ownerId} = ${actor.id}`),
        asc(savedReports.name),
        asc(savedReports.id),
      );
    return rows.map((r) => ({ ...r.report, ownerName: r.ownerName }));
  }

  /** A report the reader may open: their own or a shared one (else 404: a private one is not revealed). */
  async require(ctx: RequestContext, id: string, exec: Executor = this.db): Promise<SavedReportRecord> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('stats.read'), 'stats.read', { type: ENTITY, id });
    const [row] = await this.select(exec).where(
      and(eq(savedReports.id, id), or(eq(savedReports.ownerId, actor.id), eq(savedReports.shared, true))),
    );
    if (!row) throw AppError.notFound();
    return { ...row.report, ownerName: row.ownerName };
  }

  /** A report the reader may change: only its owner (403, audited, for other readers of a shared one). */
  async requireOwn(ctx: RequestContext, id: string, exec: Executor = this.db): Promise<SavedReportRecord> {
    const record = await this.require(ctx, id, exec);
    authorize(record.ownerId === ctx.actor?.id, 'saved_report.edit', { type: ENTITY, id });
    return record;
  }

  /** 409 on `name` when the owner already has a report so named. */
  private async checkName(exec: Executor, ownerId: string, name: string, exceptId?: string) {
    const [clash] = await exec
      .select({ id: savedReports.id })
      .from(savedReports)
      .where(
        and(
          eq(savedReports.ownerId, ownerId),
          eq(savedReports.name, name),
          exceptId ? ne(savedReports.id, exceptId) : undefined,
        ),
      );
    if (clash) throw AppError.field('CONFLICT', 'name', 'saved_report_name_taken', name);
  }

  /** Serialises an owner's writes, so two saves under one name cannot both pass the check. */
  private async lockOwner(exec: Executor, ownerId: string) {
    await exec.select({ id: users.id }).from(users).where(eq(users.id, ownerId)).for('update');
  }

  async create(ctx: RequestContext, body: SavedReportBody): Promise<SavedReportRecord> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('stats.read'), 'stats.read', { type: ENTITY });
    const definition = this.normalise(ctx, body.period, body.definition);
    const id = await this.db.transaction(async (tx) => {
      await this.lockOwner(tx, actor.id);
      await this.checkName(tx, actor.id, body.name);
      const [row] = await tx
        .insert(savedReports)
        .values({
          ownerId: actor.id,
          name: body.name,
          definition,
          period: body.period,
          chart: body.chart,
          shared: body.shared,
        })
        .returning({ id: savedReports.id });
      if (!row) throw new Error('insert returned nothing');
      await recordAudit(tx, ctx, {
        action: 'saved_report.create',
        entityType: ENTITY,
        entityId: row.id,
        detail: { name: body.name, period: body.period, shared: body.shared },
      });
      return row.id;
    });
    return this.require(ctx, id);
  }

  async update(ctx: RequestContext, id: string, body: UpdateSavedReportBody): Promise<SavedReportRecord> {
    const actor = requireActor(ctx.actor);
    await this.db.transaction(async (tx) => {
      await this.lockOwner(tx, actor.id);
      const before = await this.requireOwn(ctx, id, tx);
      const period = body.period ?? before.period;
      const patch: Partial<typeof savedReports.$inferInsert> = {};
      if (body.name !== undefined && body.name !== before.name) {
        await this.checkName(tx, actor.id, body.name, id);
        patch.name = body.name;
      }
      if (body.definition !== undefined || body.period !== undefined) {
        // A fixed period keeps its dates: switching to it without new ones fixes the current range.
        const base = body.definition ?? before.definition;
        const dated =
          period === 'fixed' && before.period !== 'fixed' && body.definition === undefined
            ? { ...base, ...savedPeriodRange(before.period, this.today(), base) }
            : base;
        patch.definition = this.normalise(ctx, period, dated);
        patch.period = period;
      }
      if (body.chart !== undefined) patch.chart = body.chart;
      if (body.shared !== undefined) patch.shared = body.shared;
      const changes: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(patch)) {
        const old = before[k as keyof SavedReportRow];
        if (JSON.stringify(old) !== JSON.stringify(v)) changes[k] = [old, v];
      }
      if (Object.keys(changes).length === 0) return;
      await tx
        .update(savedReports)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(savedReports.id, id));
      await recordAudit(tx, ctx, {
        action: 'saved_report.update',
        entityType: ENTITY,
        entityId: id,
        changes,
      });
    });
    return this.require(ctx, id);
  }

  async remove(ctx: RequestContext, id: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      const before = await this.requireOwn(ctx, id, tx);
      await tx.delete(savedReports).where(eq(savedReports.id, id));
      await recordAudit(tx, ctx, {
        action: 'saved_report.delete',
        entityType: ENTITY,
        entityId: id,
        detail: { name: before.name },
      });
    });
  }

  /** Runs a saved report over today's period, with the reader's own scope. */
  async run(ctx: RequestContext, id: string): Promise<ReportView> {
    const record = await this.require(ctx, id);
    return this.stats.run(ctx, this.resolve(ctx, record.period, record.definition));
  }
}
