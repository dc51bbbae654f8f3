import {
  createVenueBody,
  idParams,
  updateVenueBody,
  venueListQuery,
  venuePage,
  venueView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { mayEdit, mayRead } from './policy.js';
import { presentVenue } from './presenter.js';
import type { VenueService } from './service.js';

const tags = ['venues'];

export function venueRoutes(app: FastifyInstance, deps: { venues: VenueService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { venues } = deps;

  r.get(
    '/api/v1/venues',
    { schema: { tags, querystring: venueListQuery, response: { 200: venuePage } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(mayRead(actor), 'venue.read', { type: 'venue' });
      const page = await venues.list(req.query);
      return {
        ...page,
        items: page.items.map((v) => presentVenue(v, mayEdit(actor, v.owner), req.ctx.locale)),
      };
    },
  );

  r.get(
    '/api/v1/venues/:id',
    { schema: { tags, params: idParams, response: { 200: venueView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(mayRead(actor), 'venue.read', { type: 'venue', id: req.params.id });
      const record = await venues.load(req.params.id);
      return presentVenue(record, mayEdit(actor, record.owner), req.ctx.locale);
    },
  );

  r.post(
    '/api/v1/venues',
    { schema: { tags, body: createVenueBody, response: { 201: venueView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(actor.permissions.has('venue.edit'), 'venue.create', { type: 'venue' });
      const owner = await venues.ownerForWrite(req.body.ownerUnitId);
      authorize(mayEdit(actor, owner), 'venue.create', { type: 'unit', id: owner.id });
      const record = await venues.create(req.ctx, req.body);
      reply.status(201);
      return presentVenue(record, true, req.ctx.locale);
    },
  );

  r.patch(
    '/api/v1/venues/:id',
    { schema: { tags, params: idParams, body: updateVenueBody, response: { 200: venueView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      const entity = { type: 'venue', id: req.params.id };
      authorize(actor.permissions.has('venue.edit'), 'venue.update', entity);
      const record = await venues.load(req.params.id);
      authorize(mayEdit(actor, record.owner), 'venue.update', entity);
      if (req.body.ownerUnitId && req.body.ownerUnitId !== record.row.ownerUnitId) {
        // Handing a venue over needs reach over the unit it goes to as well as the one it leaves.
        const owner = await venues.ownerForWrite(req.body.ownerUnitId);
        authorize(mayEdit(actor, owner), 'venue.update', { type: 'unit', id: owner.id });
      }
      const updated = await venues.update(req.ctx, record, req.body);
      return presentVenue(updated, mayEdit(actor, updated.owner), req.ctx.locale);
    },
  );
}
