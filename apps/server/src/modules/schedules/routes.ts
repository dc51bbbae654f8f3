import {
  createFeedBody,
  feedList,
  feedView,
  idParams,
  materialView,
  mySchedule,
  myScheduleQuery,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import { readUpload } from '../imports/upload.js';
import { contentDisposition } from '../people/export.js';
import { ICS_TYPE } from './ical.js';
import { asciiName } from './labels.js';
import type { Download, ScheduleService } from './service.js';

const tags = ['schedules'];

export const timetablePdfQuery = z.object({ layout: z.enum(['portrait', 'landscape']).default('portrait') });
const sessionParams = z.strictObject({ id: z.uuid(), sid: z.uuid() });
const materialParams = z.strictObject({ id: z.uuid(), sid: z.uuid(), fileId: z.uuid() });
const feedParams = z.strictObject({ token: z.string().max(100) });

/** `https://host` of the request, for the feed URL shown once. */
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

/** `/me/sessions`, `/me/teaching`, exports, `/calendar-feeds`, `/feeds/{token}.ics`, materials. */
export function scheduleRoutes(
  app: FastifyInstance,
  deps: { classes: ClassService; schedules: ScheduleService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { schedules } = deps;

  r.get(
    '/api/v1/me/sessions',
    { schema: { tags, querystring: myScheduleQuery, response: { 200: mySchedule } } },
    async (req) => schedules.mySessions(req.ctx, req.query),
  );

  r.get(
    '/api/v1/me/teaching',
    { schema: { tags, querystring: myScheduleQuery, response: { 200: mySchedule } } },
    async (req) => schedules.myTeaching(req.ctx, req.query),
  );

  r.get(
    '/api/v1/lecturers/:id/sessions',
    { schema: { tags, params: idParams, querystring: myScheduleQuery, response: { 200: mySchedule } } },
    async (req) => schedules.lecturerHistory(req.ctx, req.params.id, req.query),
  );

  r.get(
    '/api/v1/classes/:id/timetable.pdf',
    { schema: { tags, params: idParams, querystring: timetablePdfQuery } },
    async (req, reply) => send(reply, await schedules.pdf(req.ctx, req.params.id, req.query.layout)),
  );

  r.get('/api/v1/classes/:id/timetable.xlsx', { schema: { tags, params: idParams } }, async (req, reply) =>
    send(reply, await schedules.xlsx(req.ctx, req.params.id)),
  );

  r.get('/api/v1/classes/:id/timetable.ics', { schema: { tags, params: idParams } }, async (req, reply) =>
    send(reply, await schedules.ics(req.ctx, req.params.id)),
  );

  r.post(
    '/api/v1/calendar-feeds',
    { schema: { tags, body: createFeedBody, response: { 201: feedView } } },
    async (req, reply) =>
      reply.status(201).send(await schedules.feeds.create(req.ctx, req.body, originOf(req))),
  );

  r.get('/api/v1/calendar-feeds', { schema: { tags, response: { 200: feedList } } }, async (req) =>
    schedules.feeds.list(req.ctx),
  );

  r.delete('/api/v1/calendar-feeds/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    await schedules.feeds.revoke(req.ctx, req.params.id);
    return reply.status(204).send();
  });

  // Public: calendar clients fetch it without a session; the token is the secret.
  r.get(
    '/api/v1/feeds/:token',
    { config: { access: 'public' }, schema: { tags, params: feedParams } },
    async (req, reply) => {
      const token = req.params.token.endsWith('.ics') ? req.params.token.slice(0, -4) : '';
      const text = await schedules.feeds.render(req.ctx, token);
      return reply
        .header('content-type', ICS_TYPE)
        .header('content-disposition', 'inline; filename="timetable.ics"')
        .header('cache-control', 'private, max-age=300')
        .send(text);
    },
  );

  r.post(
    '/api/v1/classes/:id/sessions/:sid/materials',
    {
      schema: {
        tags,
        params: sessionParams,
        consumes: ['multipart/form-data'],
        description: 'multipart/form-data: `file` (at most the upload limit, UPLOAD_LIMIT_BYTES).',
        response: { 201: materialView },
      },
    },
    async (req, reply) => {
      const upload = await readUpload(req, schedules.uploadLimit).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'PAYLOAD_TOO_LARGE') {
          throw AppError.field(
            'PAYLOAD_TOO_LARGE',
            'file',
            'material_too_large',
            Math.round(schedules.uploadLimit / 1024 / 102.4) / 10,
          );
        }
        throw error;
      });
      const view = await schedules.materials.upload(req.ctx, req.params.id, req.params.sid, upload);
      return reply.status(201).send(view);
    },
  );

  r.get(
    '/api/v1/classes/:id/sessions/:sid/materials/:fileId',
    { schema: { tags, params: materialParams } },
    async (req, reply) => {
      const file = await schedules.materials.download(
        req.ctx,
        req.params.id,
        req.params.sid,
        req.params.fileId,
      );
      return reply
        .header('content-type', file.mime)
        .header('content-disposition', contentDisposition(file.name, asciiName(file.name) || 'material'))
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(file.content);
    },
  );

  r.delete(
    '/api/v1/classes/:id/sessions/:sid/materials/:fileId',
    { schema: { tags, params: materialParams } },
    async (req, reply) => {
      await schedules.materials.remove(req.ctx, req.params.id, req.params.sid, req.params.fileId);
      return reply.status(204).send();
    },
  );
}
