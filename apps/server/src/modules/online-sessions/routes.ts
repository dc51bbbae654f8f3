import { okResponse, onlineSessionView, pageOf } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { can } from './policy.js';
import { presentOnlineSession } from './presenter.js';
import type { OnlineSessionService } from './service.js';

const tags = ['online-sessions'];
const sessionParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{64}$/) });

export function onlineSessionRoutes(
  app: FastifyInstance,
  deps: { onlineSessions: OnlineSessionService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/api/v1/online-sessions',
    { schema: { tags, response: { 200: pageOf(onlineSessionView) } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'session.read', { type: 'session' });
      const items = (await deps.onlineSessions.list()).map((row) =>
        presentOnlineSession(row, req.auth?.session.id),
      );
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  );

  r.delete(
    '/api/v1/online-sessions/:id',
    { schema: { tags, params: sessionParams, response: { 200: okResponse } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'revoke'), 'session.revoke', { type: 'session' });
      await deps.onlineSessions.end(req.ctx, req.params.id);
      return { ok: true as const };
    },
  );
}
