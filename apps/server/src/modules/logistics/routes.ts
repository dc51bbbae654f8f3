import { idParams, logisticsView } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';

const tags = ['logistics'];

/** Logistics routes (issue 9 item 4): accommodation, meals, pick-ups, materials; the trainee's own. */
export function logisticsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { logistics } = services;

  r.get(
    '/api/v1/classes/:id/logistics',
    { schema: { tags, params: idParams, response: { 200: logisticsView } } },
    async (req) => logistics.read(req.ctx, req.params.id),
  );
}
