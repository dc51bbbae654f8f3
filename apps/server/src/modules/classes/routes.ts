import {
  classEventView,
  classListQuery,
  classPage,
  classView,
  cloneClassBody,
  createClassBody,
  idParams,
  transitionBody,
  updateClassBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { presentClass, presentClassEvent } from './presenter.js';
import { listClassDirectors } from './references.js';
import type { ClassService } from './service.js';

const tags = ['classes'];
const classEventList = z.object({ items: z.array(classEventView) });
const directorList = z.object({ items: z.array(z.object({ id: z.uuid(), name: z.string() })) });

export function classRoutes(app: FastifyInstance, deps: { classes: ClassService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes } = deps;

  r.get(
    '/api/v1/classes',
    { schema: { tags, querystring: classListQuery, response: { 200: classPage } } },
    async (req) => {
      requireActor(req.ctx.actor);
      const page = await classes.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentClass) };
    },
  );

  r.post(
    '/api/v1/classes',
    { schema: { tags, body: createClassBody, response: { 201: classView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(actor.permissions.has('class.edit'), 'class.create', { type: 'class' });
      const row = await classes.create(req.ctx, req.body);
      reply.status(201);
      return presentClass(await classes.detail(req.ctx, row));
    },
  );

  // The class directors an organiser may name as director or assistants.
  r.get('/api/v1/classes/directors', { schema: { tags, response: { 200: directorList } } }, async (req) => {
    const actor = requireActor(req.ctx.actor);
    authorize(actor.permissions.has('class.edit'), 'class.directors.read', { type: 'class' });
    return { items: await listClassDirectors(classes.db) };
  });

  r.get(
    '/api/v1/classes/:id',
    { schema: { tags, params: idParams, response: { 200: classView } } },
    async (req) => {
      const record = await classes.requireRead(req.ctx, req.params.id);
      return presentClass(await classes.detail(req.ctx, record));
    },
  );

  r.patch(
    '/api/v1/classes/:id',
    { schema: { tags, params: idParams, body: updateClassBody, response: { 200: classView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'edit');
      const row = await classes.update(req.ctx, req.params.id, req.body);
      return presentClass(await classes.detail(req.ctx, row));
    },
  );

  r.post(
    '/api/v1/classes/:id/transitions',
    { schema: { tags, params: idParams, body: transitionBody, response: { 200: classView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'edit');
      const row = await classes.transition(req.ctx, req.params.id, req.body);
      return presentClass(await classes.detail(req.ctx, row));
    },
  );

  r.get(
    '/api/v1/classes/:id/events',
    { schema: { tags, params: idParams, response: { 200: classEventList } } },
    async (req) => {
      await classes.requireRead(req.ctx, req.params.id);
      return { items: (await classes.events(req.params.id)).map(presentClassEvent) };
    },
  );

  r.post(
    '/api/v1/classes/:id/clone',
    { schema: { tags, params: idParams, body: cloneClassBody, response: { 201: classView } } },
    async (req, reply) => {
      const source = await classes.requireRun(req.ctx, req.params.id, 'edit');
      const row = await classes.clone(req.ctx, source, req.body);
      reply.status(201);
      return presentClass(await classes.detail(req.ctx, row));
    },
  );
}
