import {
  type CreatePlanBody,
  diffFields,
  type Page,
  PLAN_ACTIONS,
  type PlanAction,
  type PlanActionBody,
  type PlanStatus,
  planEditable,
  type planListQuery,
  planTransition,
  type updatePlanBody,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, Executor, Tx } from '../../db/client.js';
import { classes, planEvents, planItems, plans, units, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import { planScope, reachesPlan } from './policy.js';

export type PlanRow = typeof plans.$inferSelect;
export type PlanItemRow = typeof planItems.$inferSelect;

/** A plan with its organiser unit (name and place, for the policy). */
export interface PlanRecord {
  row: PlanRow;
  organiser: { id: string; name: string; path: string; regionCode: string };
}

/** A plan as lists show it: counts of its items and scheduled classes, the reader's abilities. */
export interface PlanSummary extends PlanRecord {
  itemCount: number;
  plannedClasses: number;
  plannedTrainees: number;
  scheduledClasses: number;
  actions: PlanAction[];
  canEdit: boolean;
}

export interface PlanServiceDeps {
  db: Db;
  classes: ClassService;
}

const SORTABLE = {
  year: plans.year,
  title: plans.title,
  createdAt: plans.createdAt,
  updatedAt: plans.updatedAt,
} as const;

const planColumns = {
  row: plans,
  organiser: { id: units.id, name: units.name, path: units.path, regionCode: units.regionCode },
};

export type PlanListQuery = z.infer<typeof planListQuery>;
export type UpdatePlanBody = z.infer<typeof updatePlanBody>;

/** Annual plans (年度培训计划): drafts, submission and approval, items scheduled as classes. */
export class PlanService {
  readonly db: Db;
  readonly classes: ClassService;

  constructor(deps: PlanServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
  }

  /** The plan with its organiser; 404 when missing. `forUpdate` locks the plan row. */
  async load(id: string, exec: Executor = this.db, forUpdate = false): Promise<PlanRecord> {
    const query = exec
      .select(planColumns)
      .from(plans)
      .innerJoin(units, eq(units.id, plans.organiserId))
      .where(eq(plans.id, id));
    const [found] = forUpdate ? await query.for('update', { of: plans }) : await query;
    if (!found) throw AppError.notFound();
    return found;
  }

  /** Loads a plan the actor reaches for `action`: 404 when missing, 403 (audited) out of reach. */
  async requireReach(
    ctx: RequestContext,
    id: string,
    action: 'read' | 'edit' | 'approve',
    audited: string,
  ): Promise<PlanRecord> {
    const actor = requireActor(ctx.actor);
    const record = await this.load(id);
    authorize(reachesPlan(actor, action, record.organiser), audited, { type: 'plan', id });
    return record;
  }

  async list(ctx: RequestContext, query: PlanListQuery): Promise<Page<PlanSummary>> {
    const where = and(
      planScope(ctx.actor, 'read'),
      query.year ? eq(plans.year, query.year) : undefined,
      query.status ? eq(plans.status, query.status) : undefined,
      query.organiserId ? eq(plans.organiserId, query.organiserId) : undefined,
    ) as SQL;
    const [rows, [total]] = await Promise.all([
      this.db
        .select(planColumns)
        .from(plans)
        .innerJoin(units, eq(units.id, plans.organiserId))
        .where(where)
        .orderBy(...planOrder(query.sort))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      this.db.select({ n: count() }).from(plans).where(where),
    ]);
    return {
      items: await this.summarize(ctx, rows),
      total: Number(total?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /** Counts and abilities for a page of plans: two grouped queries whatever its size. */
  async summarize(ctx: RequestContext, records: PlanRecord[]): Promise<PlanSummary[]> {
    if (records.length === 0) return [];
    const actor = requireActor(ctx.actor);
    const ids = records.map((r) => r.row.id);
    const [itemCounts, scheduled] = await Promise.all([
      this.db
        .select({
          planId: planItems.planId,
          items: count(),
          classes: sql<number>`coalesce(sum(${planItems.count}), 0)::int`,
          trainees: sql<number>`coalesce(sum(${planItems.count} * ${planItems.size}), 0)::int`,
        })
        .from(planItems)
        .where(inArray(planItems.planId, ids))
        .groupBy(planItems.planId),
      this.db
        .select({ planId: planItems.planId, n: count() })
        .from(classes)
        .innerJoin(planItems, eq(planItems.id, classes.planItemId))
        .where(and(inArray(planItems.planId, ids), ne(classes.status, 'cancelled')))
        .groupBy(planItems.planId),
    ]);
    const itemsOf = new Map(itemCounts.map((c) => [c.planId, c]));
    const scheduledOf = new Map(scheduled.map((s) => [s.planId, Number(s.n)]));
    return records.map((record) => {
      const status = record.row.status as PlanStatus;
      const may = {
        submit: reachesPlan(actor, 'edit', record.organiser),
        approve: reachesPlan(actor, 'approve', record.organiser) && record.row.submittedBy !== actor.id,
        return: reachesPlan(actor, 'approve', record.organiser) && record.row.submittedBy !== actor.id,
        reopen: reachesPlan(actor, 'approve', record.organiser),
      };
      const counts = itemsOf.get(record.row.id);
      return {
        ...record,
        itemCount: Number(counts?.items ?? 0),
        plannedClasses: Number(counts?.classes ?? 0),
        plannedTrainees: Number(counts?.trainees ?? 0),
        scheduledClasses: scheduledOf.get(record.row.id) ?? 0,
        actions: PLAN_ACTIONS.filter((a) => planTransition(status, a) !== null && may[a]),
        canEdit: may.submit && planEditable(status),
      };
    });
  }

  /** The plan's items (with the classes scheduled from each) and its timeline, oldest first. */
  async contents(id: string) {
    const items = await this.db
      .select()
      .from(planItems)
      .where(eq(planItems.planId, id))
      .orderBy(asc(planItems.sortOrder), asc(planItems.createdAt));
    const itemIds = items.map((i) => i.id);
    const [scheduled, events, kinds] = await Promise.all([
      itemIds.length
        ? this.db
            .select({
              id: classes.id,
              code: classes.code,
              name: classes.name,
              status: classes.status,
              planItemId: classes.planItemId,
            })
            .from(classes)
            .where(inArray(classes.planItemId, itemIds))
            .orderBy(asc(classes.code))
        : Promise.resolve([]),
      this.db
        .select({
          id: planEvents.id,
          at: planEvents.at,
          action: planEvents.action,
          fromStatus: planEvents.fromStatus,
          toStatus: planEvents.toStatus,
          comment: planEvents.comment,
          actorName: users.displayName,
        })
        .from(planEvents)
        .leftJoin(users, eq(users.id, planEvents.actorId))
        .where(eq(planEvents.planId, id))
        .orderBy(asc(planEvents.at)),
      this.classes.dictionaries.items('class_kind', true),
    ]);
    return { items, scheduled, events, kinds };
  }

  async create(ctx: RequestContext, body: CreatePlanBody): Promise<PlanRow> {
    const actor = requireActor(ctx.actor);
    const [organiser] = await this.db.select().from(units).where(eq(units.id, body.organiserId));
    if (!organiser) throw AppError.field('VALIDATION_FAILED', 'organiserId', 'unit_not_found');
    authorize(reachesPlan(actor, 'edit', organiser), 'plan.create', { type: 'unit', id: organiser.id });
    if (organiser.status !== 'active')
      throw AppError.field('VALIDATION_FAILED', 'organiserId', 'unit_merged');
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(plans)
        .values({ ...body, status: 'draft', createdBy: actor.id })
        .returning();
      if (!row) throw new Error('plan not inserted');
      await tx
        .insert(planEvents)
        .values({ planId: row.id, actorId: actor.id, action: 'created', toStatus: 'draft' });
      await recordAudit(tx, ctx, {
        action: 'plan.create',
        entityType: 'plan',
        entityId: row.id,
        changes: { ...body },
      });
      return row;
    });
  }

  /**
   * Runs `fn` on the locked plan while it may still be edited (a draft or returned; 409
   * `plan_not_editable` otherwise), then touches its `updatedAt`.
   */
  async whileEditable<T>(id: string, fn: (tx: Tx, record: PlanRecord) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      const record = await this.load(id, tx, true);
      if (!planEditable(record.row.status as PlanStatus))
        throw AppError.field('CONFLICT', 'status', 'plan_not_editable');
      const out = await fn(tx, record);
      await tx.update(plans).set({ updatedAt: new Date() }).where(eq(plans.id, id));
      return out;
    });
  }

  async update(ctx: RequestContext, id: string, body: UpdatePlanBody): Promise<void> {
    await this.whileEditable(id, async (tx, { row }) => {
      const changes = diffFields(row, body);
      if (Object.keys(changes).length === 0) return;
      await tx.update(plans).set(body).where(eq(plans.id, id));
      await recordAudit(tx, ctx, { action: 'plan.update', entityType: 'plan', entityId: id, changes });
    });
  }

  /**
   * A step of the plan's approval: submit (plan.edit), approve / return (plan.approve, never on
   * one's own submission; a return needs a comment), reopen an approved plan (plan.approve).
   * The caller has authorized the reach; out of order is 409 `transition_not_allowed`.
   */
  async act(ctx: RequestContext, id: string, body: PlanActionBody): Promise<void> {
    const actor = requireActor(ctx.actor);
    await this.db.transaction(async (tx) => {
      const { row } = await this.load(id, tx, true);
      const from = row.status as PlanStatus;
      const to = planTransition(from, body.action);
      if (!to) throw AppError.field('CONFLICT', 'action', 'transition_not_allowed');
      const comment = body.comment?.trim() || null;
      if ((body.action === 'approve' || body.action === 'return') && row.submittedBy === actor.id)
        throw new AppError('FORBIDDEN', {
          fields: [{ path: 'action', key: 'plan_self_approval' }],
          details: { action: `plan.${body.action}`, entityType: 'plan', entityId: id },
        });
      if (body.action === 'return' && !comment)
        throw AppError.field('VALIDATION_FAILED', 'comment', 'comment_required');
      if (body.action === 'submit') {
        const [items] = await tx.select({ n: count() }).from(planItems).where(eq(planItems.planId, id));
        if (Number(items?.n ?? 0) === 0) throw AppError.field('CONFLICT', 'items', 'plan_no_items');
      }
      await tx
        .update(plans)
        .set({
          status: to,
          ...(body.action === 'submit' ? { submittedBy: actor.id } : {}),
          updatedAt: new Date(),
        })
        .where(eq(plans.id, id));
      await tx.insert(planEvents).values({
        planId: id,
        actorId: actor.id,
        action: body.action,
        fromStatus: from,
        toStatus: to,
        comment,
      });
      await recordAudit(tx, ctx, {
        action: `plan.${body.action}`,
        entityType: 'plan',
        entityId: id,
        changes: { status: [from, to] },
        detail: comment ? { comment } : null,
      });
    });
  }
}

/** ORDER BY for `sort` (`year`, `title`, `createdAt`, `updatedAt`, `-` for descending); newest year first. */
function planOrder(sort: string | undefined): SQL[] {
  if (!sort) return [desc(plans.year), asc(plans.title), asc(plans.id)];
  const key = sort.replace(/^-/, '');
  if (!(key in SORTABLE))
    throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown', Object.keys(SORTABLE).join(', '));
  const column = SORTABLE[key as keyof typeof SORTABLE];
  return [sort.startsWith('-') ? desc(column) : asc(column), asc(plans.id)];
}
