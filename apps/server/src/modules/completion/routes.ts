import {
  classCompletionView,
  completionRules,
  completionRulesBody,
  completionView,
  confirmCompletionView,
  gradeBody,
  idParams,
  myCompletionQuery,
  myReflectionList,
  overrideBody,
  reflectionBody,
  reflectionFileView,
  reflectionList,
  reflectionView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { readUpload } from '../imports/upload.js';
import { contentDisposition } from '../people/export.js';
import { asciiName } from '../schedules/labels.js';

const tags = ['completion'];
const enrollmentParams = z.strictObject({ id: z.uuid(), eid: z.uuid() });
const reflectionParams = z.strictObject({ id: z.uuid(), rid: z.uuid() });

/**
 * Completion (结业) and reflections (学习心得) of a class (issue 6 items 5–6): rules, the
 * judgement with open reasons, overrides, confirmation (which issues certificates and credits the
 * archive), and the trainee's own reflections and completion under /me.
 */
export function completionRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { completion } = services;

  // ---- reflections ----

  r.post(
    '/api/v1/classes/:id/reflections/files',
    {
      schema: {
        tags,
        params: idParams,
        consumes: ['multipart/form-data'],
        description:
          'multipart/form-data: `file` (pdf, doc, docx, jpg, png; at most the upload limit). The actor is an active trainee of the class.',
        response: { 201: reflectionFileView },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, completion.uploadLimit).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
          throw AppError.field(
            'PAYLOAD_TOO_LARGE',
            'file',
            'reflection_file_too_large',
            Math.round(completion.uploadLimit / 1024 / 102.4) / 10,
          );
        }
        throw error;
      });
      const view = await completion.reflections.uploadFile(req.ctx, req.params.id, upload);
      return reply.status(201).send(view);
    },
  );

  r.put(
    '/api/v1/classes/:id/reflections/mine',
    { schema: { tags, params: idParams, body: reflectionBody, response: { 200: reflectionView } } },
    async (req) => completion.reflections.submit(req.ctx, req.params.id, req.body),
  );

  r.get('/api/v1/me/reflections', { schema: { tags, response: { 200: myReflectionList } } }, async (req) =>
    completion.reflections.mine(req.ctx),
  );

  r.get(
    '/api/v1/classes/:id/reflections',
    { schema: { tags, params: idParams, response: { 200: reflectionList } } },
    async (req) => completion.reflections.list(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/classes/:id/reflections/:rid',
    { schema: { tags, params: reflectionParams, response: { 200: reflectionView } } },
    async (req) => completion.reflections.get(req.ctx, req.params.id, req.params.rid),
  );

  r.get(
    '/api/v1/classes/:id/reflections/:rid/file',
    { schema: { tags, params: reflectionParams } },
    async (req, reply) => {
      const file = await completion.reflections.file(req.ctx, req.params.id, req.params.rid);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.name, asciiName(file.name) || 'reflection'))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  r.post(
    '/api/v1/classes/:id/reflections/:rid/grade',
    { schema: { tags, params: reflectionParams, body: gradeBody, response: { 200: reflectionView } } },
    async (req) => completion.reflections.grade(req.ctx, req.params.id, req.params.rid, req.body),
  );

  // ---- completion ----

  r.get(
    '/api/v1/classes/:id/completion',
    { schema: { tags, params: idParams, response: { 200: classCompletionView } } },
    async (req) => completion.view(req.ctx, req.params.id),
  );

  r.put(
    '/api/v1/classes/:id/completion-rules',
    { schema: { tags, params: idParams, body: completionRulesBody, response: { 200: completionRules } } },
    async (req) => completion.updateRules(req.ctx, req.params.id, req.body),
  );

  r.put(
    '/api/v1/classes/:id/completion/:eid/override',
    { schema: { tags, params: enrollmentParams, body: overrideBody, response: { 200: completionView } } },
    async (req) => completion.setOverride(req.ctx, req.params.id, req.params.eid, req.body),
  );

  r.delete(
    '/api/v1/classes/:id/completion/:eid/override',
    { schema: { tags, params: enrollmentParams, response: { 200: completionView } } },
    async (req) => completion.clearOverride(req.ctx, req.params.id, req.params.eid),
  );

  r.post(
    '/api/v1/classes/:id/completion/confirm',
    {
      schema: {
        tags,
        params: idParams,
        description:
          "结业确认: records each trainee's completion, issues certificates to the completed (existing ones kept) and credits their 学时; withdrawn completions lose both. 409 `completion_too_early` before every item has ended, `class_status` unless in progress or completed.",
        response: { 200: confirmCompletionView },
      },
    },
    async (req) => completion.confirm(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/me/completion',
    { schema: { tags, querystring: myCompletionQuery, response: { 200: completionView } } },
    async (req) => completion.mine(req.ctx, req.query.classId),
  );
}
