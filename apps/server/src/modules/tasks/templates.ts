import {
  dueDateOf,
  dueProblem,
  type TaskTemplateBody,
  type TaskTemplateList,
  type TaskTemplateView,
} from '@ganxun/domain';
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import {
  classTasks,
  dictionaryItems,
  taskForceMembers,
  taskTemplates,
  units,
} from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import { CLASS_KIND_LIST } from '../classes/references.js';
import type { ClassRecord } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import { shanghaiToday } from '../regions/validity.js';
import { mayEditTemplate, readsTemplates, templateOwnerUnit } from './policy.js';
import { presentTemplate, type TemplateRow } from './presenter.js';

const ROLE_LIST = 'task_force_role';

/** The active codes of list `code` among `codes`. */
async function activeCodes(exec: Executor, code: string, codes: readonly string[]): Promise<Set<string>> {
  if (codes.length === 0) return new Set();
  const rows = await exec
    .select({ code: dictionaryItems.code })
    .from(dictionaryItems)
    .where(
      and(
        eq(dictionaryItems.dictionaryCode, code),
        inArray(dictionaryItems.code, [...new Set(codes)]),
        eq(dictionaryItems.active, true),
      ),
    );
  return new Set(rows.map((r) => r.code));
}

/** Is `item` an active code of list `code`? Read on `exec` (inside a transaction when there is one). */
export async function isActiveCode(exec: Executor, code: string, item: string): Promise<boolean> {
  return (await activeCodes(exec, code, [item])).has(item);
}

/**
 * Checklist templates (per class kind), kept by `contingency.edit` holders; read by them and by
 * the class staff who apply them. A template some class's tasks came from is archived, not deleted.
 */
export class TaskTemplates {
  constructor(
    private readonly db: Db,
    readonly dictionaries: DictionaryService,
  ) {}

  private async owners(rows: TemplateRow[]) {
    const ids = [...new Set(rows.map((r) => r.ownerUnitId).filter((x): x is string => !!x))];
    const found = ids.length
      ? await this.db
          .select({ id: units.id, path: units.path, regionCode: units.regionCode })
          .from(units)
          .where(inArray(units.id, ids))
      : [];
    return new Map(found.map((u) => [u.id, u]));
  }

  private async present(ctx: RequestContext, rows: TemplateRow[]): Promise<TaskTemplateView[]> {
    const actor = requireActor(ctx.actor);
    const owners = await this.owners(rows);
    return rows.map((r) =>
      presentTemplate(r, mayEditTemplate(actor, r.ownerUnitId ? (owners.get(r.ownerUnitId) ?? null) : null)),
    );
  }

  async list(ctx: RequestContext, includeArchived: boolean): Promise<TaskTemplateList> {
    const actor = requireActor(ctx.actor);
    authorize(readsTemplates(actor), 'task_template.read', { type: 'task_template' });
    const rows = await this.db
      .select()
      .from(taskTemplates)
      .where(includeArchived ? undefined : eq(taskTemplates.archived, false))
      .orderBy(asc(taskTemplates.archived), asc(taskTemplates.name));
    return { items: await this.present(ctx, rows) };
  }

  private async load(id: string, exec: Executor = this.db): Promise<TemplateRow> {
    const [row] = await exec.select().from(taskTemplates).where(eq(taskTemplates.id, id));
    if (!row) throw AppError.notFound();
    return row;
  }

  async get(ctx: RequestContext, id: string): Promise<TaskTemplateView> {
    authorize(readsTemplates(requireActor(ctx.actor)), 'task_template.read', { type: 'task_template', id });
    const [view] = await this.present(ctx, [await this.load(id)]);
    if (!view) throw AppError.notFound();
    return view;
  }

  /** Class kinds must be `class_kind` codes and roles `task_force_role` codes (400 with the paths). */
  private async check(body: TaskTemplateBody): Promise<void> {
    const problems: FieldProblem[] = [];
    const kinds = await activeCodes(this.db, CLASS_KIND_LIST, body.classKinds);
    body.classKinds.forEach((k, i) => {
      if (!kinds.has(k)) problems.push({ path: `classKinds.${i}`, key: 'unknown_code', x: k });
    });
    const roles = await activeCodes(
      this.db,
      ROLE_LIST,
      body.items.map((i) => i.role).filter((r): r is string => !!r),
    );
    body.items.forEach((item, i) => {
      if (item.role && !roles.has(item.role))
        problems.push({ path: `items.${i}.role`, key: 'unknown_code', x: item.role });
    });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }

  async create(ctx: RequestContext, body: TaskTemplateBody): Promise<TaskTemplateView> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('contingency.edit'), 'task_template.create', { type: 'task_template' });
    await this.check(body);
    const row = await this.db.transaction(async (tx) => {
      const [inserted] = await tx
        .insert(taskTemplates)
        .values({ ...body, ownerUnitId: templateOwnerUnit(actor), createdBy: actor.id })
        .returning();
      if (!inserted) throw new Error('template not inserted');
      await recordAudit(tx, ctx, {
        action: 'task_template.create',
        entityType: 'task_template',
        entityId: inserted.id,
        changes: { name: body.name, classKinds: body.classKinds, items: body.items.length },
      });
      return inserted;
    });
    return this.get(ctx, row.id);
  }

  /** 404 when missing; 403 (audited) when the actor does not keep it. */
  private async requireEdit(ctx: RequestContext, id: string, exec: Executor = this.db): Promise<TemplateRow> {
    const row = await this.load(id, exec);
    const [owner] = row.ownerUnitId ? [...(await this.owners([row])).values()] : [null];
    authorize(mayEditTemplate(requireActor(ctx.actor), owner ?? null), 'task_template.edit', {
      type: 'task_template',
      id,
    });
    return row;
  }

  async update(ctx: RequestContext, id: string, body: TaskTemplateBody): Promise<TaskTemplateView> {
    const before = await this.requireEdit(ctx, id);
    await this.check(body);
    await this.db.transaction(async (tx) => {
      await tx
        .update(taskTemplates)
        .set({ ...body, updatedAt: new Date() })
        .where(eq(taskTemplates.id, id));
      await recordAudit(tx, ctx, {
        action: 'task_template.update',
        entityType: 'task_template',
        entityId: id,
        changes: {
          name: [before.name, body.name],
          classKinds: [before.classKinds, body.classKinds],
          items: [before.items.length, body.items.length],
        },
      });
    });
    return this.get(ctx, id);
  }

  /** Deletes a template no class used; archives one that some class's tasks came from. */
  async remove(ctx: RequestContext, id: string): Promise<{ archived: boolean }> {
    await this.requireEdit(ctx, id);
    return this.db.transaction(async (tx) => {
      const [used] = await tx
        .select({ id: classTasks.id })
        .from(classTasks)
        .where(eq(classTasks.templateId, id))
        .limit(1);
      if (used) {
        await tx
          .update(taskTemplates)
          .set({ archived: true, updatedAt: new Date() })
          .where(eq(taskTemplates.id, id));
      } else {
        await tx.delete(taskTemplates).where(eq(taskTemplates.id, id));
      }
      await recordAudit(tx, ctx, {
        action: used ? 'task_template.archive' : 'task_template.delete',
        entityType: 'task_template',
        entityId: id,
      });
      return { archived: !!used };
    });
  }
}

/**
 * Creates a template's items on a class's checklist (inside the caller's transaction, so all or
 * none): due days relative to the class's dates, each refused when it falls before the class was
 * created; the owner is the first task-force member with the item's role, if any. 400 when the
 * template is unknown or archived, or made for other class kinds.
 */
export async function applyTemplate(
  tx: Tx,
  ctx: RequestContext,
  record: ClassRecord,
  templateId: string,
): Promise<number> {
  const [template] = await tx.select().from(taskTemplates).where(eq(taskTemplates.id, templateId));
  if (!template || template.archived)
    throw AppError.field('VALIDATION_FAILED', 'templateId', 'task_template_unknown');
  if (template.classKinds.length > 0 && !template.classKinds.includes(record.kind)) {
    throw AppError.field('VALIDATION_FAILED', 'templateId', 'task_template_kind');
  }
  const created = shanghaiToday(record.createdAt);
  const members = await tx
    .select({ userId: taskForceMembers.userId, role: taskForceMembers.role })
    .from(taskForceMembers)
    .where(eq(taskForceMembers.classId, record.id))
    .orderBy(asc(taskForceMembers.createdAt));
  const problems: FieldProblem[] = [];
  const values = template.items.map((item, i) => {
    const due = { kind: 'relative' as const, anchor: item.anchor, offsetDays: item.offsetDays };
    const dueDate = dueDateOf(due, record);
    const problem = dueProblem(dueDate, created);
    if (problem) problems.push({ path: `items.${i}.offsetDays`, key: problem });
    return {
      classId: record.id,
      title: item.title,
      role: item.role,
      ownerId: item.role ? (members.find((m) => m.role === item.role)?.userId ?? null) : null,
      dueKind: 'relative' as const,
      dueAnchor: item.anchor,
      dueOffsetDays: item.offsetDays,
      dueDate,
      templateId,
      createdBy: ctx.actor?.id ?? null,
    };
  });
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  await tx.insert(classTasks).values(values);
  await recordAudit(tx, ctx, {
    action: 'taskforce.task.from_template',
    entityType: 'class',
    entityId: record.id,
    detail: { templateId, name: template.name, tasks: values.length },
  });
  return values.length;
}
