import type { PlanDetailView, PlanItemView, PlanStatus, PlanView } from '@ganxun/domain';
import type { RequestContext } from '../../platform/context.js';
import type { PlanService, PlanSummary } from './service.js';

type Contents = Awaited<ReturnType<PlanService['contents']>>;

/** Plan → list row: the plan with its organiser named, counts, and what the reader may do. */
export function presentPlan(summary: PlanSummary): PlanView {
  const { row } = summary;
  return {
    id: row.id,
    organiser: { id: summary.organiser.id, name: summary.organiser.name },
    year: row.year,
    title: row.title,
    note: row.note,
    status: row.status as PlanStatus,
    itemCount: summary.itemCount,
    plannedClasses: summary.plannedClasses,
    plannedTrainees: summary.plannedTrainees,
    scheduledClasses: summary.scheduledClasses,
    actions: summary.actions,
    canEdit: summary.canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Plan → detail: the list row with its items (each with its scheduled classes) and timeline. */
export function presentPlanDetail(
  ctx: RequestContext,
  summary: PlanSummary,
  contents: Contents,
): PlanDetailView {
  const kindName = new Map(
    contents.kinds.map((k) => [
      k.code,
      ctx.locale === 'zh-TW' ? k.labelZhTw : ctx.locale === 'en' ? k.labelEn : k.labelZhCn,
    ]),
  );
  const items: PlanItemView[] = contents.items.map((item) => ({
    id: item.id,
    planId: item.planId,
    name: item.name,
    kind: item.kind,
    kindName: kindName.get(item.kind) ?? null,
    windowStart: item.windowStart,
    windowEnd: item.windowEnd,
    startDate: item.startDate,
    endDate: item.endDate,
    targetAudience: item.targetAudience,
    size: item.size,
    count: item.count,
    note: item.note,
    classes: contents.scheduled
      .filter((c) => c.planItemId === item.id)
      .map((c) => ({ id: c.id, code: c.code, name: c.name, status: c.status })),
  }));
  return {
    ...presentPlan(summary),
    items,
    events: contents.events.map((e) => ({
      id: e.id,
      at: e.at.toISOString(),
      action: e.action as PlanDetailView['events'][number]['action'],
      fromStatus: (e.fromStatus as PlanStatus | null) ?? null,
      toStatus: (e.toStatus as PlanStatus | null) ?? null,
      comment: e.comment,
      actorName: e.actorName,
    })),
  };
}
