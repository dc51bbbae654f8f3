import {
  idParams,
  jointClassStatsQuery,
  jointClassStatsView,
  narrativeQuery,
  narrativeView,
  secondmentStatsQuery,
  secondmentStatsView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';

const tags = ['exchange-stats'];

/** Every statistic needs `secondment.read`; what it counts is then the reader's scope. */
function requireStatsReader(ctx: RequestContext, entityId?: string): void {
  const actor = requireActor(ctx.actor);
  authorize(actor.permissions.has('secondment.read'), 'secondment.stats', {
    type: 'partnership',
    id: entityId ?? null,
  });
}

/** Routes of exchange statistics and the report narrative (issue 7). */
export function exchangeStatsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const stats = services.exchangeStats;

  r.get(
    '/api/v1/stats/secondments',
    { schema: { tags, querystring: secondmentStatsQuery, response: { 200: secondmentStatsView } } },
    async (req) => {
      requireStatsReader(req.ctx, req.query.partnershipId);
      return stats.secondmentStats(req.ctx, req.query);
    },
  );

  r.get(
    '/api/v1/stats/joint-classes',
    { schema: { tags, querystring: jointClassStatsQuery, response: { 200: jointClassStatsView } } },
    async (req) => {
      requireStatsReader(req.ctx, req.query.partnershipId);
      return stats.jointClassStats(req.ctx, req.query);
    },
  );

  r.get(
    '/api/v1/partnerships/:id/narrative',
    { schema: { tags, params: idParams, querystring: narrativeQuery, response: { 200: narrativeView } } },
    async (req) => {
      requireStatsReader(req.ctx, req.params.id);
      return stats.narrative(req.ctx, req.params.id, req.query);
    },
  );
}
