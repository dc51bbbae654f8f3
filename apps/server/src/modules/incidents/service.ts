import {
  type ClassPlansBody,
  CONTINGENCY_TYPES,
  type ContingencyPlanBody,
  type ContingencyPlanQuery,
  type ContingencyPlanView,
  type IncidentActionBody,
  type IncidentBody,
  type IncidentDetailView,
  type IncidentList,
  type IncidentListQuery,
  type IncidentStats,
  type IncidentStatsQuery,
  type MessageLocale,
} from '@ganxun/domain';
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { classContingencyPlans, contingencyPlans } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { NoticeService } from '../notices/service.js';
import { asciiName } from '../schedules/labels.js';
import { classFigures, incidentStats } from './figures.js';
import { actOnIncident, incidentDetail, listIncidents, reportIncident } from './log.js';
import { plansPdf } from './pdf.js';
import { type PlanRow, presentPlan, type RoleNames } from './presenter.js';

export interface IncidentServiceDeps {
  db: Db;
  classes: ClassService;
  /** The notice service, looked up when needed (it is built after this one). */
  notices: () => NoticeService;
  clock?: () => Date;
}

export interface Download {
  file: Buffer;
  contentType: string;
  fileName: string;
  fallbackName: string;
}

const PLAN_READERS = ['contingency.edit', 'incident.manage', 'taskforce.manage'] as const;

/**
 * Contingency plans (应急预案: a library, attached to classes, printable) and a class's incidents
 * (突发事件) with their timeline and response times (issue 9 items 2–3).
 */
export class IncidentService {
  readonly db: Db;
  /** Now, for report times and timeline checks; replaceable in tests and the demo. */
  clock: () => Date;

  constructor(readonly deps: IncidentServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock ?? (() => new Date());
  }

  // --- the library ---------------------------------------------------------------------------

  private requireLibraryReader(ctx: RequestContext): void {
    const actor = requireActor(ctx.actor);
    authorize(
      PLAN_READERS.some((p) => actor.permissions.has(p)),
      'contingency.read',
      { type: 'contingency_plan' },
    );
  }

  private requireEditor(ctx: RequestContext, id?: string): void {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('contingency.edit'), 'contingency.edit', {
      type: 'contingency_plan',
      id,
    });
  }

  /** `task_force_role` code → name in the reader's language (inactive roles too: old plans keep them). */
  async roleNames(locale: MessageLocale): Promise<RoleNames> {
    const items = await this.deps.classes.dictionaries.items('task_force_role', true);
    const out: RoleNames = new Map();
    for (const item of items) {
      out.set(item.code, {
        name: locale === 'zh-TW' ? item.labelZhTw : locale === 'en' ? item.labelEn : item.labelZhCn,
        active: item.active,
      });
    }
    return out;
  }

  private async planRows(where: SQL | undefined): Promise<PlanRow[]> {
    return this.db
      .select({
        row: contingencyPlans,
        classCount: sql<number>`(select count(*)::int from ${classContingencyPlans} c where c.plan_id = ${contingencyPlans.id})`,
      })
      .from(contingencyPlans)
      .where(where)
      .orderBy(
        asc(contingencyPlans.archived),
        // In the order of CONTINGENCY_TYPES (the issue's list), `other` last.
        sql`array_position(${`{${CONTINGENCY_TYPES.join(',')}}`}::text[], ${contingencyPlans.type})`,
        asc(contingencyPlans.title),
      );
  }

  async listPlans(ctx: RequestContext, query: ContingencyPlanQuery): Promise<ContingencyPlanView[]> {
    this.requireLibraryReader(ctx);
    const where: SQL[] = [];
    if (query.type) where.push(eq(contingencyPlans.type, query.type));
    if (query.archived !== 'all') where.push(eq(contingencyPlans.archived, query.archived === 'true'));
    const [rows, names] = await Promise.all([this.planRows(and(...where)), this.roleNames(ctx.locale)]);
    return rows.map((r) => presentPlan(r, names));
  }

  async getPlan(ctx: RequestContext, id: string): Promise<ContingencyPlanView> {
    this.requireLibraryReader(ctx);
    const [row] = await this.planRows(eq(contingencyPlans.id, id));
    if (!row) throw AppError.notFound();
    return presentPlan(row, await this.roleNames(ctx.locale));
  }

  /** Every step's role must be an active `task_force_role` (400 `steps.i.role`). */
  private async checkRoles(body: ContingencyPlanBody): Promise<void> {
    const names = await this.roleNames('zh-CN');
    const problems = body.steps.flatMap((s, i) =>
      s.role && !names.get(s.role)?.active
        ? [{ path: `steps.${i}.role`, key: 'task_force_role_unknown' }]
        : [],
    );
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }

  async createPlan(ctx: RequestContext, body: ContingencyPlanBody): Promise<ContingencyPlanView> {
    this.requireEditor(ctx);
    await this.checkRoles(body);
    const actor = requireActor(ctx.actor);
    const id = await this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(contingencyPlans)
        .values({ ...body, createdBy: actor.id })
        .returning({ id: contingencyPlans.id });
      if (!row) throw new Error('plan not inserted');
      await recordAudit(tx, ctx, {
        action: 'contingency.create',
        entityType: 'contingency_plan',
        entityId: row.id,
        detail: { title: body.title, type: body.type, steps: body.steps.length },
      });
      return row.id;
    });
    return this.getPlan(ctx, id);
  }

  async updatePlan(ctx: RequestContext, id: string, body: ContingencyPlanBody): Promise<ContingencyPlanView> {
    this.requireEditor(ctx, id);
    await this.checkRoles(body);
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(contingencyPlans)
        .where(eq(contingencyPlans.id, id))
        .for('update');
      if (!before) throw AppError.notFound();
      await tx
        .update(contingencyPlans)
        .set({ ...body, updatedAt: this.clock() })
        .where(eq(contingencyPlans.id, id));
      await recordAudit(tx, ctx, {
        action: 'contingency.update',
        entityType: 'contingency_plan',
        entityId: id,
        changes: {
          title: [before.title, body.title],
          type: [before.type, body.type],
          summary: [before.summary, body.summary],
          steps: [before.steps.length, body.steps.length],
        },
      });
    });
    return this.getPlan(ctx, id);
  }

  /** Archives (or restores) a plan: it stays on the classes that have it, but cannot be attached anew. */
  async archivePlan(ctx: RequestContext, id: string, archived: boolean): Promise<ContingencyPlanView> {
    this.requireEditor(ctx, id);
    await this.db.transaction(async (tx) => {
      const [row] = await tx
        .update(contingencyPlans)
        .set({ archived, updatedAt: this.clock() })
        .where(eq(contingencyPlans.id, id))
        .returning({ id: contingencyPlans.id });
      if (!row) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: archived ? 'contingency.archive' : 'contingency.restore',
        entityType: 'contingency_plan',
        entityId: id,
      });
    });
    return this.getPlan(ctx, id);
  }

  async planPdf(ctx: RequestContext, id: string): Promise<Download> {
    const locale = pdfLocale(ctx.locale);
    const plan = await this.getPlan({ ...ctx, locale }, id);
    const { file, pages } = await plansPdf({ locale, plans: [plan] });
    await recordAudit(this.db, ctx, {
      action: 'contingency.print',
      entityType: 'contingency_plan',
      entityId: id,
      detail: { pages, bytes: file.length },
    });
    return {
      file,
      contentType: 'application/pdf',
      fileName: `${plan.title}.pdf`,
      fallbackName: asciiName(`contingency-plan-${plan.type}.pdf`) || 'contingency-plan.pdf',
    };
  }

  // --- a class's plans -------------------------------------------------------------------------

  /** A class its actor runs for the task force or for incidents (404 / 403 audited). */
  async requireStaff(ctx: RequestContext, classId: string): Promise<ClassRecord> {
    const actor = requireActor(ctx.actor);
    authorize(
      actor.permissions.has('incident.manage') || actor.permissions.has('taskforce.manage'),
      'incident.manage',
      { type: 'class', id: classId },
    );
    const record = await this.deps.classes.load(classId);
    authorize(
      runs(actor, 'incident', record.place) || runs(actor, 'taskforce', record.place),
      'incident.manage',
      {
        type: 'class',
        id: classId,
      },
    );
    return record;
  }

  async classPlans(ctx: RequestContext, classId: string): Promise<ContingencyPlanView[]> {
    await this.requireStaff(ctx, classId);
    const ids = this.db
      .select({ id: classContingencyPlans.planId })
      .from(classContingencyPlans)
      .where(eq(classContingencyPlans.classId, classId));
    const [rows, names] = await Promise.all([
      this.planRows(inArray(contingencyPlans.id, ids)),
      this.roleNames(ctx.locale),
    ]);
    return rows.map((r) => presentPlan(r, names));
  }

  /** Replaces the class's plans; a plan newly attached must exist and not be archived. */
  async setClassPlans(
    ctx: RequestContext,
    classId: string,
    body: ClassPlansBody,
  ): Promise<ContingencyPlanView[]> {
    await this.requireStaff(ctx, classId);
    const actor = requireActor(ctx.actor);
    const wanted = [...new Set(body.planIds)];
    await this.db.transaction(async (tx) => {
      const current = await tx
        .select({ id: classContingencyPlans.planId })
        .from(classContingencyPlans)
        .where(eq(classContingencyPlans.classId, classId));
      const had = new Set(current.map((c) => c.id));
      const known = wanted.length
        ? await tx
            .select({ id: contingencyPlans.id, archived: contingencyPlans.archived })
            .from(contingencyPlans)
            .where(inArray(contingencyPlans.id, wanted))
        : [];
      const byId = new Map(known.map((k) => [k.id, k]));
      const problems = body.planIds.flatMap((id, i) => {
        const plan = byId.get(id);
        if (!plan) return [{ path: `planIds.${i}`, key: 'contingency_plan_unknown' }];
        if (plan.archived && !had.has(id))
          return [{ path: `planIds.${i}`, key: 'contingency_plan_archived' }];
        return [];
      });
      if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
      const added = wanted.filter((id) => !had.has(id));
      const removed = [...had].filter((id) => !wanted.includes(id));
      if (removed.length) {
        await tx
          .delete(classContingencyPlans)
          .where(
            and(eq(classContingencyPlans.classId, classId), inArray(classContingencyPlans.planId, removed)),
          );
      }
      if (added.length) {
        await tx
          .insert(classContingencyPlans)
          .values(added.map((planId) => ({ classId, planId, attachedBy: actor.id })));
      }
      await recordAudit(tx, ctx, {
        action: 'class.contingency_plans.set',
        entityType: 'class',
        entityId: classId,
        detail: { added, removed },
      });
    });
    return this.classPlans(ctx, classId);
  }

  async classPlansPdf(ctx: RequestContext, classId: string): Promise<Download> {
    const record = await this.requireStaff(ctx, classId);
    const locale = pdfLocale(ctx.locale);
    const plans = await this.classPlans({ ...ctx, locale }, classId);
    if (plans.length === 0) throw AppError.notFound();
    const { file, pages } = await plansPdf({ locale, plans, className: record.name });
    await recordAudit(this.db, ctx, {
      action: 'class.contingency_plans.print',
      entityType: 'class',
      entityId: classId,
      detail: { plans: plans.length, pages, bytes: file.length },
    });
    const suffix = ctx.locale === 'zh-TW' ? '應急預案' : '应急预案';
    return {
      file,
      contentType: 'application/pdf',
      fileName: `${record.name}-${suffix}.pdf`,
      fallbackName: asciiName(`contingency-plans-${record.code}.pdf`) || 'contingency-plans.pdf',
    };
  }

  // --- incidents -------------------------------------------------------------------------------

  async report(ctx: RequestContext, classId: string, body: IncidentBody): Promise<IncidentDetailView> {
    const record = await this.deps.classes.requireRun(ctx, classId, 'incident');
    const id = await reportIncident(this.db, ctx, record, body, {
      now: this.clock(),
      notices: this.deps.notices(),
    });
    return incidentDetail(this.db, classId, id);
  }

  async list(ctx: RequestContext, classId: string, query: IncidentListQuery): Promise<IncidentList> {
    await this.deps.classes.requireRun(ctx, classId, 'incident');
    const [items, figures] = await Promise.all([
      listIncidents(this.db, classId, query),
      classFigures(this.db, classId),
    ]);
    return { items, figures };
  }

  async get(ctx: RequestContext, classId: string, incidentId: string): Promise<IncidentDetailView> {
    await this.deps.classes.requireRun(ctx, classId, 'incident');
    return incidentDetail(this.db, classId, incidentId);
  }

  async act(
    ctx: RequestContext,
    classId: string,
    incidentId: string,
    body: IncidentActionBody,
  ): Promise<IncidentDetailView> {
    await this.deps.classes.requireRun(ctx, classId, 'incident');
    await actOnIncident(this.db, ctx, classId, incidentId, body, this.clock());
    return incidentDetail(this.db, classId, incidentId);
  }

  /** Figures across the classes the reader runs (the statistics' scope). */
  async stats(ctx: RequestContext, query: IncidentStatsQuery): Promise<IncidentStats> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('stats.read'), 'stats.read', { type: 'incident' });
    return incidentStats(this.db, actor, query);
  }
}

/** PDFs are Chinese documents (role names included): English readers get the Simplified text. */
function pdfLocale(locale: MessageLocale): MessageLocale {
  return locale === 'zh-TW' ? 'zh-TW' : 'zh-CN';
}
