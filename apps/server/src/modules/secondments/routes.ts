import {
  assessmentBody,
  assessmentView,
  changeDecisionBody,
  changeRequestBody,
  createSecondmentBody,
  idParams,
  secondmentActionBody,
  secondmentAlertCounts,
  secondmentChangeView,
  secondmentDetailView,
  secondmentListQuery,
  secondmentLogBody,
  secondmentLogView,
  secondmentPage,
  secondmentView,
  updateSecondmentBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { decideChange, requestChange, withdrawChange } from './changes.js';
import { addAssessment, addLog, deleteLog, updateLog } from './journal.js';

const tags = ['secondments'];
const changeParams = z.strictObject({ id: z.uuid(), changeId: z.uuid() });
const logParams = z.strictObject({ id: z.uuid(), logId: z.uuid() });
const alertQuery = z.object({ partnershipId: z.uuid().optional() });
const myList = z.object({ items: z.array(secondmentView) });

/** Routes of secondments (挂职交流): terms, changes, logs, assessments, alerts (issue 7). */
export function secondmentRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const s = services.secondments;

  /** The detail, re-read for the reader, and one of its parts picked by id. */
  const pick = async <K extends 'changes' | 'logs' | 'assessments'>(
    ctx: Parameters<typeof s.detail>[0],
    id: string,
    part: K,
    partId: string,
  ) => {
    const detail = await s.detail(ctx, await s.load(id));
    const found = (detail[part] as { id: string }[]).find((x) => x.id === partId);
    if (!found) throw AppError.notFound();
    return found as (typeof detail)[K][number];
  };

  r.get(
    '/api/v1/secondments',
    { schema: { tags, querystring: secondmentListQuery, response: { 200: secondmentPage } } },
    async (req) => s.list(req.ctx, req.query),
  );

  r.get(
    '/api/v1/secondments/alerts',
    { schema: { tags, querystring: alertQuery, response: { 200: secondmentAlertCounts } } },
    async (req) => s.alerts(req.ctx, req.query.partnershipId),
  );

  r.post(
    '/api/v1/secondments',
    { schema: { tags, body: createSecondmentBody, response: { 201: secondmentView } } },
    async (req, reply) => {
      const id = await s.create(req.ctx, req.body);
      reply.status(201);
      return s.view(req.ctx, id);
    },
  );

  r.get(
    '/api/v1/secondments/:id',
    { schema: { tags, params: idParams, response: { 200: secondmentDetailView } } },
    async (req) => s.detail(req.ctx, await s.requireRead(req.ctx, req.params.id)),
  );

  r.patch(
    '/api/v1/secondments/:id',
    { schema: { tags, params: idParams, body: updateSecondmentBody, response: { 200: secondmentView } } },
    async (req) => {
      await s.update(req.ctx, req.params.id, req.body);
      return s.view(req.ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/secondments/:id/actions',
    { schema: { tags, params: idParams, body: secondmentActionBody, response: { 200: secondmentView } } },
    async (req) => {
      await s.act(req.ctx, req.params.id, req.body);
      return s.view(req.ctx, req.params.id);
    },
  );

  r.post(
    '/api/v1/secondments/:id/changes',
    { schema: { tags, params: idParams, body: changeRequestBody, response: { 201: secondmentChangeView } } },
    async (req, reply) => {
      const changeId = await requestChange(s, req.ctx, req.params.id, req.body);
      reply.status(201);
      return pick(req.ctx, req.params.id, 'changes', changeId);
    },
  );

  r.post(
    '/api/v1/secondments/:id/changes/:changeId/decision',
    {
      schema: {
        tags,
        params: changeParams,
        body: changeDecisionBody,
        response: { 200: secondmentDetailView },
      },
    },
    async (req) => {
      await decideChange(s, req.ctx, req.params.id, req.params.changeId, req.body);
      return s.detail(req.ctx, await s.load(req.params.id));
    },
  );

  r.post(
    '/api/v1/secondments/:id/changes/:changeId/withdraw',
    { schema: { tags, params: changeParams, response: { 200: secondmentChangeView } } },
    async (req) => {
      await withdrawChange(s, req.ctx, req.params.id, req.params.changeId);
      return pick(req.ctx, req.params.id, 'changes', req.params.changeId);
    },
  );

  r.post(
    '/api/v1/secondments/:id/logs',
    { schema: { tags, params: idParams, body: secondmentLogBody, response: { 201: secondmentLogView } } },
    async (req, reply) => {
      const logId = await addLog(s, req.ctx, req.params.id, req.body);
      reply.status(201);
      return pick(req.ctx, req.params.id, 'logs', logId);
    },
  );

  r.patch(
    '/api/v1/secondments/:id/logs/:logId',
    { schema: { tags, params: logParams, body: secondmentLogBody, response: { 200: secondmentLogView } } },
    async (req) => {
      await updateLog(s, req.ctx, req.params.id, req.params.logId, req.body);
      return pick(req.ctx, req.params.id, 'logs', req.params.logId);
    },
  );

  r.delete(
    '/api/v1/secondments/:id/logs/:logId',
    { schema: { tags, params: logParams } },
    async (req, reply) => {
      await deleteLog(s, req.ctx, req.params.id, req.params.logId);
      return reply.status(204).send();
    },
  );

  r.post(
    '/api/v1/secondments/:id/assessments',
    { schema: { tags, params: idParams, body: assessmentBody, response: { 201: assessmentView } } },
    async (req, reply) => {
      const assessmentId = await addAssessment(s, req.ctx, req.params.id, req.body);
      reply.status(201);
      return pick(req.ctx, req.params.id, 'assessments', assessmentId);
    },
  );

  r.get('/api/v1/me/secondments', { schema: { tags, response: { 200: myList } } }, async (req) => ({
    items: await s.mine(req.ctx),
  }));

  r.get(
    '/api/v1/me/secondments/:id',
    { schema: { tags, params: idParams, response: { 200: secondmentDetailView } } },
    async (req) => s.detail(req.ctx, await s.requireMine(req.ctx, req.params.id)),
  );
}
