import type {
  CreateClassBody,
  PlanItemBody,
  PlanStatus,
  scheduleItemBody,
  updatePlanItemBody,
} from '@ganxun/domain';
import { and, count, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Tx } from '../../db/client.js';
import { classes, dictionaryItems, planItems } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { ClassRow } from '../classes/service.js';
import type { PlanItemRow, PlanRecord, PlanService } from './service.js';

export type UpdatePlanItemBody = z.infer<typeof updatePlanItemBody>;
export type ScheduleItemBody = z.infer<typeof scheduleItemBody>;

/** 400 `unknown_code` on `kind` unless it is an active item of the class kind list. */
async function assertKind(tx: Tx, kind: string): Promise<void> {
  const [item] = await tx
    .select({ code: dictionaryItems.code })
    .from(dictionaryItems)
    .where(
      and(
        eq(dictionaryItems.dictionaryCode, 'class_kind'),
        eq(dictionaryItems.code, kind),
        eq(dictionaryItems.active, true),
      ),
    );
  if (!item) throw AppError.field('VALIDATION_FAILED', 'kind', 'unknown_code', kind);
}

/** The item of this plan (404 otherwise), locked when asked. */
async function itemOf(tx: Tx, planId: string, itemId: string, forUpdate = false): Promise<PlanItemRow> {
  const query = tx
    .select()
    .from(planItems)
    .where(and(eq(planItems.id, itemId), eq(planItems.planId, planId)));
  const [item] = forUpdate ? await query.for('update') : await query;
  if (!item) throw AppError.notFound();
  return item;
}

/** Classes scheduled from an item that still count (a cancelled one frees its place in the plan). */
async function scheduledCount(tx: Tx, itemId: string): Promise<number> {
  const [row] = await tx
    .select({ n: count() })
    .from(classes)
    .where(and(eq(classes.planItemId, itemId), ne(classes.status, 'cancelled')));
  return Number(row?.n ?? 0);
}

/** Adds a line to an editable plan, at the end. */
export async function addItem(
  plans: PlanService,
  ctx: RequestContext,
  planId: string,
  body: PlanItemBody,
): Promise<void> {
  await plans.whileEditable(planId, async (tx) => {
    await assertKind(tx, body.kind);
    const [last] = await tx
      .select({ n: sql<number>`coalesce(max(${planItems.sortOrder}), -1)::int` })
      .from(planItems)
      .where(eq(planItems.planId, planId));
    const [item] = await tx
      .insert(planItems)
      .values({ ...body, planId, sortOrder: Number(last?.n ?? -1) + 1 })
      .returning({ id: planItems.id });
    await recordAudit(tx, ctx, {
      action: 'plan.item.create',
      entityType: 'plan',
      entityId: planId,
      changes: { ...body },
      detail: { itemId: item?.id },
    });
  });
}

/** Changes a line of an editable plan; the merged window and dates must stay in order. */
export async function updateItem(
  plans: PlanService,
  ctx: RequestContext,
  planId: string,
  itemId: string,
  body: UpdatePlanItemBody,
): Promise<void> {
  await plans.whileEditable(planId, async (tx) => {
    const before = await itemOf(tx, planId, itemId, true);
    if (body.kind !== undefined && body.kind !== before.kind) await assertKind(tx, body.kind);
    const next = { ...before, ...body };
    const problems: FieldProblem[] = [];
    if (next.windowEnd < next.windowStart) problems.push({ path: 'windowEnd', key: 'end_before_start' });
    if (next.startDate && next.endDate && next.endDate < next.startDate)
      problems.push({ path: 'endDate', key: 'end_before_start' });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
    const changes = Object.fromEntries(
      (Object.keys(body) as (keyof typeof body)[])
        .filter((k) => JSON.stringify(body[k]) !== JSON.stringify(before[k]))
        .map((k) => [k, [before[k], body[k]]]),
    );
    if (Object.keys(changes).length === 0) return;
    await tx.update(planItems).set(body).where(eq(planItems.id, itemId));
    await recordAudit(tx, ctx, {
      action: 'plan.item.update',
      entityType: 'plan',
      entityId: planId,
      changes,
      detail: { itemId },
    });
  });
}

/** Removes a line of an editable plan, unless classes were scheduled from it (409). */
export async function deleteItem(
  plans: PlanService,
  ctx: RequestContext,
  planId: string,
  itemId: string,
): Promise<void> {
  await plans.whileEditable(planId, async (tx) => {
    const item = await itemOf(tx, planId, itemId, true);
    const [used] = await tx.select({ n: count() }).from(classes).where(eq(classes.planItemId, itemId));
    if (Number(used?.n ?? 0) > 0) throw AppError.field('CONFLICT', 'itemId', 'plan_item_has_classes');
    await tx.delete(planItems).where(eq(planItems.id, itemId));
    await recordAudit(tx, ctx, {
      action: 'plan.item.delete',
      entityType: 'plan',
      entityId: planId,
      detail: { itemId, name: item.name },
    });
  });
}

/** What a scheduled class starts with: the item's name, kind, size, audience and dates. */
function classFromItem(record: PlanRecord, item: PlanItemRow, body: ScheduleItemBody): CreateClassBody {
  return {
    name: body.name ?? item.name,
    kind: item.kind,
    topics: [],
    leadOrganiserId: record.row.organiserId,
    coOrganiserIds: [],
    hostInstitutionId: null,
    cityCode: null,
    venue: null,
    mode: 'offline',
    startDate: body.startDate ?? item.startDate,
    endDate: body.endDate ?? item.endDate,
    plannedHours: null,
    capacity: item.size,
    targetAudience: item.targetAudience,
    nominationDeadline: null,
    selfRegistration: false,
    waitlist: false,
    directorId: null,
    assistantIds: [],
    budget: [],
    tags: [],
    description: null,
  };
}

/**
 * Turns one of an item's classes into a draft class (through the classes module's create path,
 * in the same transaction): the plan must be approved (409 `plan_not_approved`) and the item not
 * yet fully scheduled (409 `plan_item_fully_scheduled`, x = its count). The item row is locked, so
 * two schedules of its last class cannot both succeed.
 */
export async function scheduleItem(
  plans: PlanService,
  ctx: RequestContext,
  planId: string,
  itemId: string,
  body: ScheduleItemBody,
): Promise<ClassRow> {
  return plans.db.transaction(async (tx) => {
    const record = await plans.load(planId, tx);
    if ((record.row.status as PlanStatus) !== 'approved')
      throw AppError.field('CONFLICT', 'status', 'plan_not_approved');
    const item = await itemOf(tx, planId, itemId, true);
    if ((await scheduledCount(tx, itemId)) >= item.count)
      throw AppError.field('CONFLICT', 'itemId', 'plan_item_fully_scheduled', item.count);
    const input = classFromItem(record, item, body);
    if (input.startDate && input.endDate && input.endDate < input.startDate)
      throw AppError.field('VALIDATION_FAILED', 'endDate', 'end_before_start');
    const row = await plans.classes.create(ctx, input, { planItemId: itemId }, tx);
    await recordAudit(tx, ctx, {
      action: 'plan.item.schedule',
      entityType: 'plan',
      entityId: planId,
      detail: { itemId, classId: row.id, code: row.code },
    });
    return row;
  });
}
