import { recordPage, recordsQuery, reportQuery, reportView } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { contentDisposition, XLSX_TYPE } from '../people/export.js';
import { filtersOf } from './service.js';

const tags = ['stats'];

/** Every statistic needs `stats.read`; what it counts is then the reader's scope (scope.ts). */
export function requireStatsReader(ctx: RequestContext, action = 'stats.read'): void {
  const actor = requireActor(ctx.actor);
  authorize(actor.permissions.has('stats.read'), action, { type: 'stats', id: null });
}

/** Routes of the statistics engine: the report builder's report, its xlsx and the records behind a figure. */
export function statsRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const stats = services.stats;

  r.get(
    '/api/v1/stats/report',
    {
      schema: {
        tags,
        querystring: reportQuery,
        response: { 200: reportView },
        description:
          'A report: `dimensions` (comma-separated, at most 3) × `measures` over `from`..`to`, with filters. ' +
          'People (人) and person-times (人次) are distinct; totals count a person once.',
      },
    },
    async (req) => {
      requireStatsReader(req.ctx);
      return stats.run(req.ctx, req.query);
    },
  );

  r.get(
    '/api/v1/stats/report/xlsx',
    { schema: { tags, querystring: reportQuery, description: 'The same report as an xlsx workbook.' } },
    async (req, reply) => {
      requireStatsReader(req.ctx, 'stats.export');
      const file = await stats.workbook(req.ctx, req.query);
      const q = req.query;
      await recordAudit(services.stats.db, req.ctx, {
        action: 'stats.export',
        entityType: 'stats',
        detail: {
          dimensions: q.dimensions,
          measures: q.measures,
          from: q.from,
          to: q.to,
          filters: filtersOf(q),
        },
      });
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition('统计报表.xlsx', 'report.xlsx'))
        .send(file);
    },
  );

  r.get(
    '/api/v1/stats/records',
    {
      schema: {
        tags,
        querystring: recordsQuery,
        response: { 200: recordPage },
        description: 'The records behind a figure: its measure, period and the row keys as filters.',
      },
    },
    async (req) => {
      requireStatsReader(req.ctx);
      return stats.records(req.ctx, req.query);
    },
  );
}
