import {
  enrollmentListQuery,
  enrollmentPage,
  enrollmentView,
  groupBody,
  groupView,
  idParams,
  myClassView,
  text,
  updateEnrollmentBody,
  withdrawBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/authorize.js';
import type { ClassService } from '../classes/service.js';
import type { EnrollmentService } from './service.js';

const tags = ['enrollments'];
const enrollmentParams = z.strictObject({ id: z.uuid(), eid: z.uuid() });
const groupParams = z.strictObject({ id: z.uuid(), gid: z.uuid() });
/** PATCH of a group: groupBody's fields, each optional (an absent sortOrder stays as it is). */
const groupPatch = z.strictObject({
  name: text(50).optional(),
  sortOrder: z.number().int().min(0).max(999).optional(),
});

/**
 * The roster is for those who run the class (read: the list and groups; roster: every change).
 * Trainees see their own classes through GET /me/classes.
 */
export function enrollmentRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; enrollments: EnrollmentService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { classes, enrollments } = deps;

  r.get(
    '/api/v1/classes/:id/enrollments',
    {
      schema: { tags, params: idParams, querystring: enrollmentListQuery, response: { 200: enrollmentPage } },
    },
    async (req) =>
      enrollments.list(req.ctx, await classes.requireRun(req.ctx, req.params.id, 'read'), req.query),
  );

  r.patch(
    '/api/v1/classes/:id/enrollments/:eid',
    {
      schema: {
        tags,
        params: enrollmentParams,
        body: updateEnrollmentBody,
        response: { 200: enrollmentView },
      },
    },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return enrollments.update(req.ctx, req.params.id, req.params.eid, req.body);
    },
  );

  r.post(
    '/api/v1/classes/:id/enrollments/:eid/check-in',
    { schema: { tags, params: enrollmentParams, response: { 200: enrollmentView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return enrollments.checkIn(req.ctx, req.params.id, req.params.eid);
    },
  );

  r.post(
    '/api/v1/classes/:id/enrollments/:eid/withdraw',
    { schema: { tags, params: enrollmentParams, body: withdrawBody, response: { 200: enrollmentView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return enrollments.withdraw(req.ctx, req.params.id, req.params.eid, req.body);
    },
  );

  r.get(
    '/api/v1/classes/:id/groups',
    { schema: { tags, params: idParams, response: { 200: z.object({ items: z.array(groupView) }) } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'read');
      return { items: await enrollments.groups(req.params.id) };
    },
  );

  r.post(
    '/api/v1/classes/:id/groups',
    { schema: { tags, params: idParams, body: groupBody, response: { 201: groupView } } },
    async (req, reply) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      const view = await enrollments.createGroup(req.ctx, req.params.id, req.body);
      reply.status(201);
      return view;
    },
  );

  r.patch(
    '/api/v1/classes/:id/groups/:gid',
    { schema: { tags, params: groupParams, body: groupPatch, response: { 200: groupView } } },
    async (req) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      return enrollments.updateGroup(req.ctx, req.params.id, req.params.gid, req.body);
    },
  );

  r.delete(
    '/api/v1/classes/:id/groups/:gid',
    { schema: { tags, params: groupParams } },
    async (req, reply) => {
      await classes.requireRun(req.ctx, req.params.id, 'roster');
      await enrollments.deleteGroup(req.ctx, req.params.id, req.params.gid);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/me/classes',
    { schema: { tags, response: { 200: z.object({ items: z.array(myClassView) }) } } },
    async (req) => {
      requireActor(req.ctx.actor);
      return { items: await enrollments.myClasses(req.ctx) };
    },
  );
}
