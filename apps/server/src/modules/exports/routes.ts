import { createExportBody, exportList, exportView, idParams } from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, hasPermission } from '../../platform/authorize.js';
import { errorBody } from '../../platform/errors.js';
import { fieldErrorsFromIssues } from '../../platform/i18n.js';
import { contentDisposition } from '../people/export.js';
import { presentExport } from './presenter.js';
import type { ExportService } from './service.js';

const tags = ['exports'];

/** ASCII name for old clients that ignore `filename*`. */
const fallbackName = (name: string) =>
  `export.${
    name
      .split('.')
      .pop()
      ?.replace(/[^a-z0-9]/gi, '') || 'bin'
  }`;

/** Background exports: queued for the requesting user, listed and downloaded by them only. */
export function exportRoutes(app: FastifyInstance, deps: { exports: ExportService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { exports } = deps;

  r.post(
    '/api/v1/exports',
    { schema: { tags, body: createExportBody, response: { 202: exportView } } },
    async (req, reply) => {
      authorize(hasPermission(req.ctx.actor, 'stats.read'), 'export.create', { type: 'export' });
      const { kind, params } = req.body;
      const parsed = exports.parseParams(kind, params);
      // Checked here (not by the route schema): the kind decides the schema; paths inside `params`.
      if (!parsed.ok)
        return (reply as FastifyReply)
          .status(400)
          .send(
            errorBody(
              'VALIDATION_FAILED',
              req.ctx.locale,
              fieldErrorsFromIssues(parsed.issues, req.ctx.locale, ['params']),
            ),
          );
      const row = await exports.request(req.ctx, kind, params);
      return reply.status(202).send(presentExport(row, req.ctx.locale));
    },
  );

  r.get('/api/v1/exports', { schema: { tags, response: { 200: exportList } } }, async (req) => {
    authorize(hasPermission(req.ctx.actor, 'stats.read'), 'export.read', { type: 'export' });
    return { items: (await exports.list(req.ctx)).map((row) => presentExport(row, req.ctx.locale)) };
  });

  r.get(
    '/api/v1/exports/:id',
    { schema: { tags, params: idParams, response: { 200: exportView } } },
    async (req) => presentExport(await exports.mine(req.ctx, req.params.id), req.ctx.locale),
  );

  r.get('/api/v1/exports/:id/file', { schema: { tags, params: idParams } }, async (req, reply) => {
    const file = await exports.file(req.ctx, req.params.id);
    return reply
      .header('content-type', file.mime)
      .header('content-disposition', contentDisposition(file.name, fallbackName(file.name)))
      .header('cache-control', 'no-store')
      .send(file.content);
  });

  r.delete('/api/v1/exports/:id', { schema: { tags, params: idParams } }, async (req, reply) => {
    await exports.remove(req.ctx, req.params.id);
    return reply.status(204).send();
  });
}
