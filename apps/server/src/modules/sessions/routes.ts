import {
  bulkSessionsResult,
  checkResult,
  checkSessionBody,
  copySessionsBody,
  createSessionBody,
  createTemplateBody,
  deleteSessionQuery,
  idParams,
  publishTimetableBody,
  sessionView,
  sessionWriteResult,
  shiftSessionsBody,
  templateList,
  templateView,
  timetableChangeList,
  timetableView,
  updateSessionBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { ClassService } from '../classes/service.js';
import { requireEditable } from './policy.js';
import { isPublished } from './read.js';
import type { TimetableService } from './service.js';

const tags = ['timetable'];
const sessionParams = z.strictObject({ id: z.uuid(), sid: z.uuid() });

/** `/api/v1/classes/{id}/sessions`, publishing, the change log, copy and shift, templates. */
export function sessionRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; timetable: TimetableService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, timetable } = deps;

  r.get(
    '/api/v1/classes/:id/timetable',
    { schema: { tags, params: idParams, response: { 200: timetableView } } },
    async (req) => timetable.timetable(req.ctx, await timetable.access(req.ctx, req.params.id)),
  );

  r.get(
    '/api/v1/classes/:id/timetable/changes',
    { schema: { tags, params: idParams, response: { 200: timetableChangeList } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      return { items: await timetable.changes(req.params.id) };
    },
  );

  r.post(
    '/api/v1/classes/:id/timetable/publish',
    { schema: { tags, params: idParams, body: publishTimetableBody, response: { 200: timetableView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      await timetable.publish(req.ctx, req.params.id, req.body);
      return timetable.timetable(req.ctx, await timetable.access(req.ctx, req.params.id));
    },
  );

  r.post(
    '/api/v1/classes/:id/sessions/check',
    { schema: { tags, params: idParams, body: checkSessionBody, response: { 200: checkResult } } },
    async (req) => {
      const record = await classes.requireRun(req.ctx, req.params.id, 'timetable');
      return timetable.check(req.ctx, record, req.body);
    },
  );

  r.post(
    '/api/v1/classes/:id/sessions/shift',
    { schema: { tags, params: idParams, body: shiftSessionsBody, response: { 200: bulkSessionsResult } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      return timetable.shift(req.ctx, req.params.id, req.body);
    },
  );

  r.post(
    '/api/v1/classes/:id/sessions/copy',
    { schema: { tags, params: idParams, body: copySessionsBody, response: { 201: bulkSessionsResult } } },
    async (req, reply) => {
      const target = await classes.requireRun(req.ctx, req.params.id, 'timetable');
      requireEditable(target);
      let source = null;
      if (req.body.fromClassId) {
        // The source's items must be visible to the copier: a class they run, or a published one.
        const access = await timetable.access(req.ctx, req.body.fromClassId);
        authorize(access.runner || (await isPublished(classes.db, access.record.id)), 'class.read', {
          type: 'class',
          id: access.record.id,
        });
        source = access.record;
      }
      const result = await timetable.copy(req.ctx, req.params.id, req.body, source);
      reply.status(201);
      return result;
    },
  );

  r.post(
    '/api/v1/classes/:id/sessions',
    { schema: { tags, params: idParams, body: createSessionBody, response: { 201: sessionWriteResult } } },
    async (req, reply) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      const result = await timetable.create(req.ctx, req.params.id, req.body);
      reply.status(201);
      return result;
    },
  );

  r.get(
    '/api/v1/classes/:id/sessions/:sid',
    { schema: { tags, params: sessionParams, response: { 200: sessionView } } },
    async (req) => timetable.session(req.ctx, await timetable.access(req.ctx, req.params.id), req.params.sid),
  );

  r.patch(
    '/api/v1/classes/:id/sessions/:sid',
    {
      schema: { tags, params: sessionParams, body: updateSessionBody, response: { 200: sessionWriteResult } },
    },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      return timetable.update(req.ctx, req.params.id, req.params.sid, req.body);
    },
  );

  r.delete(
    '/api/v1/classes/:id/sessions/:sid',
    { schema: { tags, params: sessionParams, querystring: deleteSessionQuery } },
    async (req, reply) => {
      await classes.requireRun(req.ctx, req.params.id, 'timetable');
      await timetable.delete(req.ctx, req.params.id, req.params.sid, req.query.version);
      return reply.status(204).send();
    },
  );

  r.get('/api/v1/timetable-templates', { schema: { tags, response: { 200: templateList } } }, async (req) => {
    const actor = requireActor(req.ctx.actor);
    authorize(actor.permissions.has('timetable.edit'), 'timetable.template.read', {
      type: 'timetable_template',
    });
    return { items: await timetable.templates() };
  });

  r.post(
    '/api/v1/timetable-templates',
    { schema: { tags, body: createTemplateBody, response: { 201: templateView } } },
    async (req, reply) => {
      const source = await classes.requireRun(req.ctx, req.body.fromClassId, 'timetable');
      const view = await timetable.createTemplate(req.ctx, req.body, source);
      reply.status(201);
      return view;
    },
  );
}
