import {
  certificateItems,
  certificateList,
  certificateView,
  idParams,
  issueBody,
  publicVerificationView,
  reissueBody,
  revokeBody,
  sealView,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { AppError } from '../../platform/errors.js';
import { readUpload } from '../imports/upload.js';
import { contentDisposition } from '../people/export.js';
import type { Download } from './service.js';

const tags = ['certificates'];
const numberParams = z.strictObject({ number: z.string().max(100) });
const unitParams = z.strictObject({ unitId: z.uuid() });

/** `https://host` of the request: what the QR code on a certificate points to. */
function originOf(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

function send(reply: FastifyReply, download: Download) {
  return reply
    .header('content-type', download.contentType)
    .header('content-disposition', contentDisposition(download.fileName, download.fallbackName))
    .header('cache-control', 'no-store')
    .send(download.file);
}

/** Routes of the certificates module (issue 6). */
export function certificateRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { certificates } = services;

  r.get(
    '/api/v1/classes/:id/certificates',
    { schema: { tags, params: idParams, response: { 200: certificateList } } },
    async (req) => certificates.list(req.ctx, req.params.id),
  );

  r.post(
    '/api/v1/classes/:id/certificates/issue',
    { schema: { tags, params: idParams, body: issueBody, response: { 200: certificateItems } } },
    async (req) => certificates.issue(req.ctx, req.params.id, req.body),
  );

  r.get('/api/v1/classes/:id/certificates.zip', { schema: { tags, params: idParams } }, async (req, reply) =>
    send(reply, await certificates.zip(req.ctx, req.params.id, originOf(req))),
  );

  r.post(
    '/api/v1/certificates/:id/revoke',
    { schema: { tags, params: idParams, body: revokeBody, response: { 200: certificateView } } },
    async (req) => certificates.revoke(req.ctx, req.params.id, req.body),
  );

  r.post(
    '/api/v1/certificates/:id/reissue',
    { schema: { tags, params: idParams, body: reissueBody, response: { 201: certificateView } } },
    async (req, reply) =>
      reply.status(201).send(await certificates.reissue(req.ctx, req.params.id, req.body)),
  );

  r.get('/api/v1/certificates/:id/pdf', { schema: { tags, params: idParams } }, async (req, reply) =>
    send(reply, await certificates.pdf(req.ctx, req.params.id, originOf(req))),
  );

  r.get('/api/v1/me/certificates', { schema: { tags, response: { 200: certificateItems } } }, async (req) =>
    certificates.mine(req.ctx),
  );

  // Public: the QR code on a certificate leads here; only the masked public view leaves.
  r.get(
    '/api/v1/public/certificates/:number',
    {
      config: { access: 'public' },
      schema: { tags, params: numberParams, response: { 200: publicVerificationView } },
    },
    async (req, reply) => {
      const view = await certificates.verify(req.ctx, req.params.number);
      return reply.header('cache-control', 'no-store').send(view);
    },
  );

  r.put(
    '/api/v1/certificates/seals/:unitId',
    {
      schema: {
        tags,
        params: unitParams,
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: `file`, a PNG or JPEG of at most 1 MB.',
        response: { 200: sealView },
      },
    },
    async (req) => {
      const upload = await readUpload(req, certificates.uploadLimit).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
          throw AppError.field('PAYLOAD_TOO_LARGE', 'file', 'seal_too_large', 1);
        }
        throw error;
      });
      return certificates.putSeal(req.ctx, req.params.unitId, upload);
    },
  );

  r.get(
    '/api/v1/certificates/seals/:unitId',
    { schema: { tags, params: unitParams } },
    async (req, reply) => {
      const file = await certificates.seal(req.ctx, req.params.unitId);
      return reply
        .header('content-type', file.mime)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );
}
