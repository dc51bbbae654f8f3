import {
  classView,
  createPlanBody,
  idParams,
  planActionBody,
  planDetailView,
  planItemBody,
  planListQuery,
  planPage,
  scheduleItemBody,
  updatePlanBody,
  updatePlanItemBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { presentClass } from '../classes/presenter.js';
import type { ClassService } from '../classes/service.js';
import { addItem, deleteItem, scheduleItem, updateItem } from './items.js';
import { presentPlan, presentPlanDetail } from './presenter.js';
import type { PlanService } from './service.js';

const tags = ['plans'];
const itemParams = z.strictObject({ id: z.uuid(), itemId: z.uuid() });

export function planRoutes(app: FastifyInstance, deps: { classes: ClassService; plans: PlanService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { plans, classes } = deps;

  /** The plan's detail view as the reader sees it now. */
  const detail = async (ctx: RequestContext, id: string) => {
    const record = await plans.load(id);
    const [summary] = await plans.summarize(ctx, [record]);
    if (!summary) throw new Error('plan not summarized');
    return presentPlanDetail(ctx, summary, await plans.contents(id));
  };

  r.get(
    '/api/v1/plans',
    { schema: { tags, querystring: planListQuery, response: { 200: planPage } } },
    async (req) => {
      authorize(requireActor(req.ctx.actor).permissions.has('plan.read'), 'plan.read', { type: 'plan' });
      const page = await plans.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentPlan) };
    },
  );

  r.post(
    '/api/v1/plans',
    { schema: { tags, body: createPlanBody, response: { 201: planDetailView } } },
    async (req, reply) => {
      authorize(requireActor(req.ctx.actor).permissions.has('plan.edit'), 'plan.create', { type: 'plan' });
      const row = await plans.create(req.ctx, req.body);
      reply.status(201);
      return detail(req.ctx, row.id);
    },
  );

  r.get(
    '/api/v1/plans/:id',
    { schema: { tags, params: idParams, response: { 200: planDetailView } } },
    async (req) => {
      await plans.requireReach(req.ctx, req.params.id, 'read', 'plan.read');
      return detail(req.ctx, req.params.id);
    },
  );

  r.patch(
    '/api/v1/plans/:id',
    { schema: { tags, params: idParams, body: updatePlanBody, response: { 200: planDetailView } } },
    async (req) => {
      await plans.requireReach(req.ctx, req.params.id, 'edit', 'plan.update');
      await plans.update(req.ctx, req.params.id, req.body);
      return detail(req.ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/plans/:id/items',
    { schema: { tags, params: idParams, body: planItemBody, response: { 201: planDetailView } } },
    async (req, reply) => {
      await plans.requireReach(req.ctx, req.params.id, 'edit', 'plan.update');
      await addItem(plans, req.ctx, req.params.id, req.body);
      reply.status(201);
      return detail(req.ctx, req.params.id);
    },
  );

  r.patch(
    '/api/v1/plans/:id/items/:itemId',
    { schema: { tags, params: itemParams, body: updatePlanItemBody, response: { 200: planDetailView } } },
    async (req) => {
      await plans.requireReach(req.ctx, req.params.id, 'edit', 'plan.update');
      await updateItem(plans, req.ctx, req.params.id, req.params.itemId, req.body);
      return detail(req.ctx, req.params.id);
    },
  );

  r.delete(
    '/api/v1/plans/:id/items/:itemId',
    { schema: { tags, params: itemParams, response: { 200: planDetailView } } },
    async (req) => {
      await plans.requireReach(req.ctx, req.params.id, 'edit', 'plan.update');
      await deleteItem(plans, req.ctx, req.params.id, req.params.itemId);
      return detail(req.ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/plans/:id/actions',
    { schema: { tags, params: idParams, body: planActionBody, response: { 200: planDetailView } } },
    async (req) => {
      const { action } = req.body;
      // Submitting is the organiser's (plan.edit); deciding and reopening the approver's.
      await plans.requireReach(
        req.ctx,
        req.params.id,
        action === 'submit' ? 'edit' : 'approve',
        `plan.${action}`,
      );
      await plans.act(req.ctx, req.params.id, req.body);
      return detail(req.ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/plans/:id/items/:itemId/schedule',
    { schema: { tags, params: itemParams, body: scheduleItemBody, response: { 201: classView } } },
    async (req, reply) => {
      await plans.requireReach(req.ctx, req.params.id, 'edit', 'plan.schedule');
      const row = await scheduleItem(plans, req.ctx, req.params.id, req.params.itemId, req.body);
      reply.status(201);
      return presentClass(await classes.detail(req.ctx, row));
    },
  );
}
