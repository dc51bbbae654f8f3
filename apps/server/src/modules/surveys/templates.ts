import {
  BUILTIN_TEMPLATE_IDS,
  DEFAULT_CLASS_TEMPLATE,
  DEFAULT_LECTURE_TEMPLATE,
  type SurveyQuestion,
  type SurveyTemplateBody,
  type SurveyTemplateView,
} from '@ganxun/domain';
import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { surveyTemplates } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';

/**
 * Survey templates (问卷模板): any holder of survey.manage reads them all and creates new ones; a
 * template is changed or archived by its author, an org admin, or a training officer of the
 * institution that owns it. The built-in defaults are listed read-only.
 */

type TemplateRow = typeof surveyTemplates.$inferSelect;

const BUILTINS = [
  { id: BUILTIN_TEMPLATE_IDS.lecture, body: DEFAULT_LECTURE_TEMPLATE },
  { id: BUILTIN_TEMPLATE_IDS.class, body: DEFAULT_CLASS_TEMPLATE },
];

function builtinView(id: string, body: SurveyTemplateBody): SurveyTemplateView {
  return {
    id,
    name: body.name,
    target: body.target,
    questions: structuredClone(body.questions) as SurveyQuestion[],
    builtin: true,
    archived: false,
    ownerUnitId: null,
    mayEdit: false,
    updatedAt: null,
  };
}

/** May the actor change or archive the template? */
export function mayEditTemplate(actor: Actor, row: TemplateRow): boolean {
  if (!actor.permissions.has('survey.manage')) return false;
  if (row.createdBy === actor.id) return true;
  return actor.roles.some(
    (g) =>
      g.role === 'org_admin' ||
      (g.role === 'training_officer' && !!g.scopeId && g.scopeId === row.ownerUnitId),
  );
}

function present(actor: Actor, row: TemplateRow): SurveyTemplateView {
  return {
    id: row.id,
    name: row.name,
    target: row.target,
    questions: row.questions,
    builtin: false,
    archived: row.archived,
    ownerUnitId: row.ownerUnitId,
    mayEdit: mayEditTemplate(actor, row),
    updatedAt: row.updatedAt.toISOString(),
  };
}

const requireManager = (ctx: RequestContext, id?: string) => {
  const actor = requireActor(ctx.actor);
  authorize(actor.permissions.has('survey.manage'), 'survey.manage', { type: 'survey_template', id });
  return actor;
};

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export class SurveyTemplates {
  constructor(private readonly db: Db) {}

  /** The built-in defaults first, then stored templates by name (archived ones only if asked). */
  async list(ctx: RequestContext, withArchived: boolean): Promise<SurveyTemplateView[]> {
    const actor = requireManager(ctx);
    const rows = await this.db.select().from(surveyTemplates).orderBy(asc(surveyTemplates.name));
    return [
      ...BUILTINS.map((b) => builtinView(b.id, b.body)),
      ...rows.filter((r) => withArchived || !r.archived).map((r) => present(actor, r)),
    ];
  }

  async get(ctx: RequestContext, id: string): Promise<SurveyTemplateView> {
    const actor = requireManager(ctx, id);
    const builtin = BUILTINS.find((b) => b.id === id);
    if (builtin) return builtinView(builtin.id, builtin.body);
    return present(actor, await this.load(id));
  }

  private async load(id: string): Promise<TemplateRow> {
    if (!isUuid(id)) throw AppError.notFound();
    const [row] = await this.db.select().from(surveyTemplates).where(eq(surveyTemplates.id, id));
    if (!row) throw AppError.notFound();
    return row;
  }

  private async editable(ctx: RequestContext, id: string): Promise<{ actor: Actor; row: TemplateRow }> {
    const actor = requireManager(ctx, id);
    if (BUILTINS.some((b) => b.id === id)) throw AppError.field('CONFLICT', 'id', 'template_builtin');
    const row = await this.load(id);
    authorize(mayEditTemplate(actor, row), 'survey.manage', { type: 'survey_template', id });
    return { actor, row };
  }

  async create(ctx: RequestContext, body: SurveyTemplateBody): Promise<SurveyTemplateView> {
    const actor = requireManager(ctx);
    const owner = actor.roles.find((g) => g.role === 'training_officer' && g.scopeId)?.scopeId ?? null;
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(surveyTemplates)
        .values({ ...body, ownerUnitId: owner, createdBy: actor.id })
        .returning();
      if (!row) throw new Error('template not inserted');
      await recordAudit(tx, ctx, {
        action: 'survey_template.create',
        entityType: 'survey_template',
        entityId: row.id,
        detail: { name: row.name, target: row.target, questions: row.questions.length },
      });
      return present(actor, row);
    });
  }

  /** Replaces name and questions; forms made already keep their snapshot. The target stays. */
  async update(ctx: RequestContext, id: string, body: SurveyTemplateBody): Promise<SurveyTemplateView> {
    const { actor, row } = await this.editable(ctx, id);
    if (body.target !== row.target)
      throw AppError.field('VALIDATION_FAILED', 'target', 'template_target_fixed');
    return this.db.transaction(async (tx) => {
      const [saved] = await tx
        .update(surveyTemplates)
        .set({ name: body.name, questions: body.questions, updatedAt: new Date() })
        .where(eq(surveyTemplates.id, id))
        .returning();
      if (!saved) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'survey_template.update',
        entityType: 'survey_template',
        entityId: id,
        changes: row.name !== saved.name ? { name: [row.name, saved.name] } : null,
        detail: { questions: saved.questions.length },
      });
      return present(actor, saved);
    });
  }

  /** Archives (hides from choices); classes using it keep their forms. */
  async archive(ctx: RequestContext, id: string): Promise<SurveyTemplateView> {
    const { actor } = await this.editable(ctx, id);
    return this.db.transaction(async (tx) => {
      const [saved] = await tx
        .update(surveyTemplates)
        .set({ archived: true, updatedAt: new Date() })
        .where(eq(surveyTemplates.id, id))
        .returning();
      if (!saved) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'survey_template.archive',
        entityType: 'survey_template',
        entityId: id,
        changes: { archived: [false, true] },
      });
      return present(actor, saved);
    });
  }
}
