import {
  classPlansBody,
  contingencyPlanBody,
  contingencyPlanList,
  contingencyPlanQuery,
  contingencyPlanView,
  idParams,
  incidentActionBody,
  incidentBody,
  incidentDetailView,
  incidentList,
  incidentListQuery,
  incidentStats,
  incidentStatsQuery,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { contentDisposition } from '../people/export.js';
import type { Download } from './service.js';

const tags = ['incidents'];
const incidentParams = z.strictObject({ id: z.uuid(), iid: z.uuid() });

/** Contingency plans (the library, a class's plans, printouts) and a class's incidents (issue 9 items 2–3). */
export function incidentRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { incidents } = services;
  const send = (reply: FastifyReply, d: Download) =>
    reply
      .header('content-type', d.contentType)
      .header('content-disposition', contentDisposition(d.fileName, d.fallbackName))
      .header('cache-control', 'no-store')
      .send(d.file);

  // The library.
  r.get(
    '/api/v1/contingency-plans',
    { schema: { tags, querystring: contingencyPlanQuery, response: { 200: contingencyPlanList } } },
    async (req) => ({ items: await incidents.listPlans(req.ctx, req.query) }),
  );
  r.post(
    '/api/v1/contingency-plans',
    { schema: { tags, body: contingencyPlanBody, response: { 201: contingencyPlanView } } },
    async (req, reply) => reply.status(201).send(await incidents.createPlan(req.ctx, req.body)),
  );
  // `:id.pdf` before `:id`: find-my-way matches the static suffix.
  r.get('/api/v1/contingency-plans/:id.pdf', { schema: { tags, params: idParams } }, async (req, reply) =>
    send(reply, await incidents.planPdf(req.ctx, req.params.id)),
  );
  r.get(
    '/api/v1/contingency-plans/:id',
    { schema: { tags, params: idParams, response: { 200: contingencyPlanView } } },
    async (req) => incidents.getPlan(req.ctx, req.params.id),
  );
  r.put(
    '/api/v1/contingency-plans/:id',
    { schema: { tags, params: idParams, body: contingencyPlanBody, response: { 200: contingencyPlanView } } },
    async (req) => incidents.updatePlan(req.ctx, req.params.id, req.body),
  );
  r.post(
    '/api/v1/contingency-plans/:id/archive',
    { schema: { tags, params: idParams, response: { 200: contingencyPlanView } } },
    async (req) => incidents.archivePlan(req.ctx, req.params.id, true),
  );
  r.post(
    '/api/v1/contingency-plans/:id/restore',
    { schema: { tags, params: idParams, response: { 200: contingencyPlanView } } },
    async (req) => incidents.archivePlan(req.ctx, req.params.id, false),
  );

  // A class's plans.
  r.get(
    '/api/v1/classes/:id/contingency-plans',
    { schema: { tags, params: idParams, response: { 200: contingencyPlanList } } },
    async (req) => ({ items: await incidents.classPlans(req.ctx, req.params.id) }),
  );
  r.put(
    '/api/v1/classes/:id/contingency-plans',
    { schema: { tags, params: idParams, body: classPlansBody, response: { 200: contingencyPlanList } } },
    async (req) => ({ items: await incidents.setClassPlans(req.ctx, req.params.id, req.body) }),
  );
  r.get(
    '/api/v1/classes/:id/contingency-plans.pdf',
    { schema: { tags, params: idParams } },
    async (req, reply) => send(reply, await incidents.classPlansPdf(req.ctx, req.params.id)),
  );

  // Incidents.
  r.get(
    '/api/v1/classes/:id/incidents',
    { schema: { tags, params: idParams, querystring: incidentListQuery, response: { 200: incidentList } } },
    async (req) => incidents.list(req.ctx, req.params.id, req.query),
  );
  r.post(
    '/api/v1/classes/:id/incidents',
    { schema: { tags, params: idParams, body: incidentBody, response: { 201: incidentDetailView } } },
    async (req, reply) => reply.status(201).send(await incidents.report(req.ctx, req.params.id, req.body)),
  );
  r.get(
    '/api/v1/classes/:id/incidents/:iid',
    { schema: { tags, params: incidentParams, response: { 200: incidentDetailView } } },
    async (req) => incidents.get(req.ctx, req.params.id, req.params.iid),
  );
  r.post(
    '/api/v1/classes/:id/incidents/:iid/actions',
    {
      schema: {
        tags,
        params: incidentParams,
        body: incidentActionBody,
        response: { 201: incidentDetailView },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await incidents.act(req.ctx, req.params.id, req.params.iid, req.body)),
  );

  // Statistics.
  r.get(
    '/api/v1/stats/incidents',
    { schema: { tags, querystring: incidentStatsQuery, response: { 200: incidentStats } } },
    async (req) => incidents.stats(req.ctx, req.query),
  );
}
