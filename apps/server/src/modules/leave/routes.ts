import {
  createLeaveBody,
  idParams,
  leaveAttachmentView,
  leaveDecisionBody,
  leaveListQuery,
  leaveRequestList,
  leaveRequestView,
  leaveStandingList,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { readUpload } from '../imports/upload.js';
import { contentDisposition } from '../people/export.js';
import { asciiName } from '../schedules/labels.js';

const tags = ['leave'];

/** Routes of the leave module (issue 6): `/leave-requests` and a class's leave standing. */
export function leaveRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { leave } = services;

  r.post(
    '/api/v1/leave-requests/attachments',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: `file` (PDF, JPEG or PNG, at most the upload limit).',
        response: { 201: leaveAttachmentView },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, leave.uploadLimit).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
          throw AppError.field(
            'PAYLOAD_TOO_LARGE',
            'file',
            'leave_attachment_too_large',
            Math.round(leave.uploadLimit / 1024 / 102.4) / 10,
          );
        }
        throw error;
      });
      return reply.status(201).send(await leave.uploadAttachment(req.ctx, upload));
    },
  );

  r.post(
    '/api/v1/leave-requests',
    { schema: { tags, body: createLeaveBody, response: { 201: leaveRequestView } } },
    async (req, reply) => reply.status(201).send(await leave.create(req.ctx, req.body)),
  );

  r.get(
    '/api/v1/leave-requests',
    { schema: { tags, querystring: leaveListQuery, response: { 200: leaveRequestList } } },
    async (req) => ({ items: await leave.list(req.ctx, req.query) }),
  );

  r.get(
    '/api/v1/leave-requests/:id',
    { schema: { tags, params: idParams, response: { 200: leaveRequestView } } },
    async (req) => leave.get(req.ctx, req.params.id),
  );

  r.post(
    '/api/v1/leave-requests/:id/decision',
    { schema: { tags, params: idParams, body: leaveDecisionBody, response: { 200: leaveRequestView } } },
    async (req) => leave.decide(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/api/v1/leave-requests/:id/cancel',
    { schema: { tags, params: idParams, response: { 200: leaveRequestView } } },
    async (req) => leave.cancel(req.ctx, req.params.id),
  );

  r.get(
    '/api/v1/leave-requests/:id/attachment',
    { schema: { tags, params: idParams } },
    async (req, reply) => {
      const file = await leave.attachment(req.ctx, req.params.id);
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.name, asciiName(file.name) || 'attachment'))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  r.get(
    '/api/v1/classes/:id/leave-standing',
    { schema: { tags, params: idParams, response: { 200: leaveStandingList } } },
    async (req) => leave.standing(req.ctx, req.params.id),
  );
}
