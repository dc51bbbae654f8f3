import { dashboardQuery, dashboardView } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { authorize, hasPermission } from '../../platform/authorize.js';

const tags = ['stats'];

export function dashboardRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The dashboard of a period, every figure within the reader's statistics scope. */
  r.get(
    '/api/v1/stats/dashboard',
    { schema: { tags, querystring: dashboardQuery, response: { 200: dashboardView } } },
    async (req) => {
      authorize(hasPermission(req.ctx.actor, 'stats.read'), 'stats.read', { type: 'dashboard' });
      return services.dashboard.view(req.ctx, req.query);
    },
  );
}
