import {
  idParams,
  myTaskList,
  myTasksQuery,
  taskBody,
  taskCandidateList,
  taskCandidateQuery,
  taskForceMemberBody,
  taskForceMemberUpdateBody,
  taskForceMemberView,
  taskForceView,
  taskFromTemplateBody,
  taskPatchBody,
  taskTemplateBody,
  taskTemplateList,
  taskTemplateView,
  taskView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';

const tags = ['tasks'];
const memberParams = z.strictObject({ id: z.uuid(), userId: z.uuid() });
const taskParams = z.strictObject({ id: z.uuid(), taskId: z.uuid() });
const templateListQuery = z.object({ archived: z.enum(['true', 'false']).default('false') });

/** Task force and checklist routes (issue 9 item 1): a class's task force, templates, my tasks. */
export function taskRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { tasks } = services;

  r.get(
    '/api/v1/classes/:id/task-force',
    { schema: { tags, params: idParams, response: { 200: taskForceView } } },
    async (req) => tasks.read(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/classes/:id/task-force/candidates',
    {
      schema: {
        tags,
        params: idParams,
        querystring: taskCandidateQuery,
        response: { 200: taskCandidateList },
      },
    },
    async (req) => tasks.candidates(req.ctx, req.params.id, req.query.q),
  );

  r.post(
    '/api/v1/classes/:id/task-force/members',
    { schema: { tags, params: idParams, body: taskForceMemberBody, response: { 201: taskForceMemberView } } },
    async (req, reply) => reply.status(201).send(await tasks.addMember(req.ctx, req.params.id, req.body)),
  );

  r.patch(
    '/api/v1/classes/:id/task-force/members/:userId',
    {
      schema: {
        tags,
        params: memberParams,
        body: taskForceMemberUpdateBody,
        response: { 200: taskForceMemberView },
      },
    },
    async (req) => tasks.updateMember(req.ctx, req.params.id, req.params.userId, req.body),
  );

  r.delete(
    '/api/v1/classes/:id/task-force/members/:userId',
    { schema: { tags, params: memberParams } },
    async (req, reply) => {
      await tasks.removeMember(req.ctx, req.params.id, req.params.userId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/classes/:id/tasks',
    { schema: { tags, params: idParams, body: taskBody, response: { 201: taskView } } },
    async (req, reply) => reply.status(201).send(await tasks.createTask(req.ctx, req.params.id, req.body)),
  );

  r.post(
    '/api/v1/classes/:id/tasks/from-template',
    { schema: { tags, params: idParams, body: taskFromTemplateBody, response: { 201: taskForceView } } },
    async (req, reply) =>
      reply.status(201).send(await tasks.fromTemplate(req.ctx, req.params.id, req.body.templateId)),
  );

  r.patch(
    '/api/v1/classes/:id/tasks/:taskId',
    { schema: { tags, params: taskParams, body: taskPatchBody, response: { 200: taskView } } },
    async (req) => tasks.updateTask(req.ctx, req.params.id, req.params.taskId, req.body),
  );

  r.delete(
    '/api/v1/classes/:id/tasks/:taskId',
    { schema: { tags, params: taskParams } },
    async (req, reply) => {
      await tasks.deleteTask(req.ctx, req.params.id, req.params.taskId);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/my-tasks',
    { schema: { tags, querystring: myTasksQuery, response: { 200: myTaskList } } },
    async (req) => tasks.myTasks(req.ctx, req.query),
  );

  r.get(
    '/api/v1/task-templates',
    { schema: { tags, querystring: templateListQuery, response: { 200: taskTemplateList } } },
    async (req) => tasks.templates.list(req.ctx, req.query.archived === 'true'),
  );

  r.post(
    '/api/v1/task-templates',
    { schema: { tags, body: taskTemplateBody, response: { 201: taskTemplateView } } },
    async (req, reply) => reply.status(201).send(await tasks.templates.create(req.ctx, req.body)),
  );

  r.get(
    '/api/v1/task-templates/:id',
    { schema: { tags, params: idParams, response: { 200: taskTemplateView } } },
    async (req) => tasks.templates.get(req.ctx, req.params.id),
  );

  r.put(
    '/api/v1/task-templates/:id',
    { schema: { tags, params: idParams, body: taskTemplateBody, response: { 200: taskTemplateView } } },
    async (req) => tasks.templates.update(req.ctx, req.params.id, req.body),
  );

  r.delete(
    '/api/v1/task-templates/:id',
    { schema: { tags, params: idParams, response: { 200: z.object({ archived: z.boolean() }) } } },
    async (req) => tasks.templates.remove(req.ctx, req.params.id),
  );
}
