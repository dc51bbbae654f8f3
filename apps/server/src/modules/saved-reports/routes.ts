import {
  idParams,
  REPORT_CHARTS,
  reportView,
  SAVED_PERIODS,
  savedReportBody,
  savedReportList,
  savedReportView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { presentSavedReport } from './presenter.js';

const tags = ['stats'];

/** PATCH: any of the body's fields (no defaults: an absent field stays as it is). */
const updateSavedReportBody = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  definition: z.record(z.string(), z.unknown()).optional(),
  period: z.enum(SAVED_PERIODS).optional(),
  chart: z.enum(REPORT_CHARTS).optional(),
  shared: z.boolean().optional(),
});

/** Saved report builder definitions (/stats/saved-reports): list, keep, rename, share, run. */
export function savedReportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { savedReports } = services;

  r.get(
    '/api/v1/stats/saved-reports',
    { schema: { tags, response: { 200: savedReportList } } },
    async (req) => {
      const items = await savedReports.list(req.ctx);
      return { items: items.map((i) => presentSavedReport(i, req.ctx.actor?.id)) };
    },
  );

  r.post(
    '/api/v1/stats/saved-reports',
    { schema: { tags, body: savedReportBody, response: { 201: savedReportView } } },
    async (req, reply) => {
      const record = await savedReports.create(req.ctx, req.body);
      reply.status(201);
      return presentSavedReport(record, req.ctx.actor?.id);
    },
  );

  r.get(
    '/api/v1/stats/saved-reports/:id',
    { schema: { tags, params: idParams, response: { 200: savedReportView } } },
    async (req) => presentSavedReport(await savedReports.require(req.ctx, req.params.id), req.ctx.actor?.id),
  );

  r.patch(
    '/api/v1/stats/saved-reports/:id',
    { schema: { tags, params: idParams, body: updateSavedReportBody, response: { 200: savedReportView } } },
    async (req) =>
      presentSavedReport(await savedReports.update(req.ctx, req.params.id, req.body), req.ctx.actor?.id),
  );

  r.delete('/api/v1/stats/saved-reports/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    await savedReports.remove(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  r.get(
    '/api/v1/stats/saved-reports/:id/run',
    { schema: { tags, params: idParams, response: { 200: reportView } } },
    async (req) => savedReports.run(req.ctx, req.params.id),
  );
}
