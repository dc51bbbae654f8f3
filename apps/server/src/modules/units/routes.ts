import {
  createUnitBody,
  idParams,
  mergeUnitBody,
  moveUnitBody,
  unitListQuery,
  unitPage,
  unitRoots,
  unitView,
  updateUnitBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { can, type UnitAction } from './policy.js';
import { presentUnit } from './presenter.js';
import type { UnitService } from './service.js';

const tags = ['units'];

/** The audited action name of each unit action (denials are recorded under it). */
const AUDITED: Record<UnitAction, string> = {
  read: 'unit.read',
  create: 'unit.create',
  update: 'unit.update',
  move: 'unit.move',
  merge: 'unit.merge',
};

export function unitRoutes(app: FastifyInstance, deps: { units: UnitService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { units } = deps;

  /**
   * The unit an action targets. A role without the action is denied before the look-up; a unit
   * outside the actor's reach is denied (403, audited) rather than hidden.
   */
  const loadFor = async (ctx: RequestContext, id: string, action: UnitAction) => {
    const actor = requireActor(ctx.actor);
    authorize(can(actor, action), AUDITED[action], { type: 'unit', id });
    const unit = await units.byId(id);
    authorize(can(actor, action, unit), AUDITED[action], { type: 'unit', id });
    return unit;
  };

  r.get(
    '/api/v1/units',
    { schema: { tags, querystring: unitListQuery, response: { 200: unitPage } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'unit.read', { type: 'unit' });
      const page = await units.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentUnit) };
    },
  );

  r.get('/api/v1/units/roots', { schema: { tags, response: { 200: unitRoots } } }, async (req) => {
    authorize(can(requireActor(req.ctx.actor), 'read'), 'unit.read', { type: 'unit' });
    return { items: (await units.roots(req.ctx)).map(presentUnit) };
  });

  r.get(
    '/api/v1/units/:id',
    { schema: { tags, params: idParams, response: { 200: unitView } } },
    async (req) => {
      const unit = await loadFor(req.ctx, req.params.id, 'read');
      const [record] = await units.describe(req.ctx, [unit]);
      return presentUnit(record as NonNullable<typeof record>);
    },
  );

  r.post(
    '/api/v1/units',
    { schema: { tags, body: createUnitBody, response: { 201: unitView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      const { parentId, regionCode } = req.body;
      authorize(can(actor, 'create'), 'unit.create', { type: 'unit' });
      const parent = parentId ? await units.referenced(parentId, 'parentId') : null;
      // The parent must be the actor's to edit, and so must the new unit where it will stand.
      if (parent) authorize(can(actor, 'create', parent), 'unit.create', { type: 'unit', id: parent.id });
      authorize(can(actor, 'create', { path: `${parent?.path ?? '/'}new/`, regionCode }), 'unit.create', {
        type: 'unit',
        id: parent?.id ?? null,
      });
      reply.status(201);
      return presentUnit(await units.create(req.ctx, req.body, parent));
    },
  );

  r.patch(
    '/api/v1/units/:id',
    { schema: { tags, params: idParams, body: updateUnitBody, response: { 200: unitView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      const unit = await loadFor(req.ctx, req.params.id, 'update');
      const { regionCode } = req.body;
      // Moving a unit to another region must not take it out of the actor's own reach.
      if (regionCode && regionCode !== unit.regionCode)
        authorize(can(actor, 'update', { path: unit.path, regionCode }), 'unit.update', {
          type: 'unit',
          id: unit.id,
        });
      return presentUnit(await units.update(req.ctx, unit, req.body));
    },
  );

  r.post(
    '/api/v1/units/:id/move',
    { schema: { tags, params: idParams, body: moveUnitBody, response: { 200: unitView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      const unit = await loadFor(req.ctx, req.params.id, 'move');
      const { parentId } = req.body;
      const parent = parentId ? await units.referenced(parentId, 'parentId') : null;
      // The actor must reach the new parent; taking a unit to the top level detaches it from its
      // old parent, so then the old parent must be theirs (a liaison cannot cut their unit loose).
      const anchor = parent ?? (unit.parentId ? await units.byId(unit.parentId) : null);
      if (anchor) authorize(can(actor, 'move', anchor), 'unit.move', { type: 'unit', id: unit.id });
      return presentUnit(await units.move(req.ctx, unit, parent));
    },
  );

  r.post(
    '/api/v1/units/:id/merge',
    { schema: { tags, params: idParams, body: mergeUnitBody, response: { 200: unitView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      const source = await loadFor(req.ctx, req.params.id, 'merge');
      const target = await units.referenced(req.body.targetId, 'targetId');
      authorize(can(actor, 'merge', target), 'unit.merge', { type: 'unit', id: source.id });
      return presentUnit(await units.merge(req.ctx, source, target));
    },
  );
}
