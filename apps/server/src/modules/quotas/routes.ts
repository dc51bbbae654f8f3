import { idParams, putQuotasBody, quotaList, splitQuotasBody } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { ClassService } from '../classes/service.js';
import type { QuotaService } from './service.js';

const tags = ['quotas'];

export function quotaRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; quotas: QuotaService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, quotas } = deps;

  r.get(
    '/api/v1/classes/:id/quotas',
    { schema: { tags, params: idParams, response: { 200: quotaList } } },
    async (req) => quotas.list(req.ctx, await classes.requireRead(req.ctx, req.params.id)),
  );

  r.put(
    '/api/v1/classes/:id/quotas',
    { schema: { tags, params: idParams, body: putQuotasBody, response: { 200: quotaList } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'edit');
      return quotas.put(req.ctx, req.params.id, req.body);
    },
  );

  r.post(
    '/api/v1/classes/:id/quotas/split',
    { schema: { tags, params: idParams, body: splitQuotasBody, response: { 200: quotaList } } },
    async (req) => quotas.split(req.ctx, await classes.requireRun(req.ctx, req.params.id, 'edit'), req.body),
  );
}
