import {
  createNominationBody,
  decisionBody,
  decisionResult,
  idParams,
  nominationListQuery,
  nominationPage,
  nominationView,
  registerBody,
  substituteBody,
  withdrawBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { ClassService } from '../classes/service.js';
import type { NominationService } from './service.js';

const tags = ['nominations'];
const nominationParams = z.strictObject({ id: z.uuid(), nid: z.uuid() });

export function nominationRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; nominations: NominationService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, nominations } = deps;

  r.get(
    '/api/v1/classes/:id/nominations',
    {
      schema: { tags, params: idParams, querystring: nominationListQuery, response: { 200: nominationPage } },
    },
    async (req) => nominations.list(req.ctx, await classes.requireRead(req.ctx, req.params.id), req.query),
  );

  // Who may nominate depends on the quota: checked in the service, under the class's lock (the
  // reach over a quota is also what lets a nominator read the class).
  r.post(
    '/api/v1/classes/:id/nominations',
    { schema: { tags, params: idParams, body: createNominationBody, response: { 201: nominationView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(
        actor.permissions.has('nomination.create') || actor.permissions.has('class.edit'),
        'nomination.create',
        { type: 'class', id: req.params.id },
      );
      const view = await nominations.create(req.ctx, req.params.id, req.body);
      reply.status(201);
      return view;
    },
  );

  r.post(
    '/api/v1/classes/:id/registrations',
    { schema: { tags, params: idParams, body: registerBody, response: { 201: nominationView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(actor.permissions.has('class.register'), 'class.register', {
        type: 'class',
        id: req.params.id,
      });
      const view = await nominations.register(req.ctx, req.params.id, req.body.note);
      reply.status(201);
      return view;
    },
  );

  r.post(
    '/api/v1/classes/:id/nominations/:nid/substitute',
    { schema: { tags, params: nominationParams, body: substituteBody, response: { 201: nominationView } } },
    async (req, reply) => {
      await classes.requireRead(req.ctx, req.params.id);
      const view = await nominations.substitute(req.ctx, req.params.id, req.params.nid, req.body);
      reply.status(201);
      return view;
    },
  );

  r.post(
    '/api/v1/classes/:id/nominations/:nid/withdraw',
    { schema: { tags, params: nominationParams, body: withdrawBody, response: { 200: nominationView } } },
    async (req) => {
      await classes.requireRead(req.ctx, req.params.id);
      return nominations.withdraw(req.ctx, req.params.id, req.params.nid, req.body);
    },
  );

  r.post(
    '/api/v1/classes/:id/nominations/decisions',
    { schema: { tags, params: idParams, body: decisionBody, response: { 200: decisionResult } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'approve');
      return nominations.decide(req.ctx, req.params.id, req.body);
    },
  );
}
