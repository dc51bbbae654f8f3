import { secondmentImportResult, secondmentListQuery } from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { authorize, hasPermission, requireActor } from '../../platform/authorize.js';
import { readUpload } from '../imports/upload.js';
import { contentDisposition, XLSX_TYPE } from '../people/export.js';

const tags = ['secondments'];

/** Routes of the secondment import and export (xlsx) (issue 7). */
export function secondmentImportRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const imports = services.secondmentImports;

  r.get(
    '/api/v1/secondments/import-template.xlsx',
    {
      schema: {
        tags,
        querystring: z.object({ partnershipId: z.uuid().optional() }),
        description: 'The import template; with `partnershipId`, its 说明 sheet names the two directions.',
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(hasPermission(actor, 'secondment.edit'), 'secondment.template', { type: 'secondment' });
      const file = await imports.template(actor, req.query.partnershipId, req.ctx.locale);
      return reply
        .header('content-type', XLSX_TYPE)
        .header(
          'content-disposition',
          contentDisposition('挂职交流导入模板.xlsx', 'secondment-template.xlsx'),
        )
        .send(file);
    },
  );

  r.post(
    '/api/v1/secondments/imports',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'multipart/form-data: `file` (xlsx, at most 5,000 rows), `partnershipId`, `dryRun` true|false ' +
          '(default true). All rows or none: any row error → 400 with `details.result`.',
        response: { 200: secondmentImportResult },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(hasPermission(actor, 'secondment.edit'), 'secondment.import', { type: 'secondment' });
      const upload = await readUpload(req, imports.uploadLimit);
      return imports.import(req.ctx, actor, upload);
    },
  );

  r.get(
    '/api/v1/secondments/export.xlsx',
    { schema: { tags, querystring: secondmentListQuery } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(hasPermission(actor, 'secondment.read'), 'secondment.export', { type: 'secondment' });
      const file = await imports.export(req.ctx, req.query);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', contentDisposition('挂职交流.xlsx', 'secondments.xlsx'))
        .send(file);
    },
  );
}
