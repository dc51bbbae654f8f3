import {
  idParams,
  importJobPage,
  importJobView,
  importListQuery,
  importRowPage,
  importRowsQuery,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { can } from '../people/policy.js';
import { presentJob, presentRow } from './presenter.js';
import type { ImportService } from './service.js';
import { readUpload } from './upload.js';

const tags = ['imports'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function sendXlsx(reply: FastifyReply, file: Buffer, name: string) {
  return reply
    .header('content-type', XLSX)
    .header('content-disposition', `attachment; filename="${name}"`)
    .send(file);
}

export function importRoutes(app: FastifyInstance, deps: { imports: ImportService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { imports } = deps;

  /** The importer's right, checked before anything is read. */
  const importer = (ctx: RequestContext, audited: string, id?: string) => {
    const actor = requireActor(ctx.actor);
    authorize(can(actor, 'import'), audited, { type: 'import', id: id ?? null });
    return actor;
  };

  /** A job, for its creator only: an import holds the uploader's file, nobody else's business. */
  const ownJob = async (ctx: RequestContext, id: string, audited: string) => {
    const actor = importer(ctx, audited, id);
    const job = await imports.load(id, ctx.locale);
    authorize(job.createdBy === actor.id, audited, { type: 'import', id });
    return { actor, job };
  };

  r.get('/api/v1/imports/templates/people.xlsx', { schema: { tags } }, async (req, reply) => {
    importer(req.ctx, 'import.template');
    return sendXlsx(reply, await imports.template(), 'people-template.xlsx');
  });

  r.post(
    '/api/v1/imports',
    {
      schema: {
        tags,
        consumes: ['multipart/form-data'],
        description:
          'multipart/form-data: `file` (xlsx or csv), `kind=people`, `createMissingUnits=true|false`. ' +
          'Answers 202 with the job; poll GET /api/v1/imports/{id} until it is validated.',
        response: { 202: importJobView },
      },
    },
    async (req, reply) => {
      const actor = importer(req.ctx, 'person.import');
      const upload = await readUpload(req, imports.uploadLimit);
      reply.status(202);
      return presentJob(await imports.start(req.ctx, actor, upload));
    },
  );

  r.get(
    '/api/v1/imports',
    { schema: { tags, querystring: importListQuery, response: { 200: importJobPage } } },
    async (req) => {
      const actor = importer(req.ctx, 'import.read');
      const page = await imports.list(actor, req.query);
      return { ...page, items: page.items.map(presentJob) };
    },
  );

  r.get(
    '/api/v1/imports/:id',
    { schema: { tags, params: idParams, response: { 200: importJobView } } },
    async (req) => presentJob((await ownJob(req.ctx, req.params.id, 'import.read')).job),
  );

  r.get(
    '/api/v1/imports/:id/rows',
    { schema: { tags, params: idParams, querystring: importRowsQuery, response: { 200: importRowPage } } },
    async (req) => {
      const { job } = await ownJob(req.ctx, req.params.id, 'import.read');
      const page = await imports.rows(job, req.query);
      return { ...page, items: page.items.map((i) => presentRow(i.row, i.payload)) };
    },
  );

  r.get('/api/v1/imports/:id/errors.xlsx', { schema: { tags, params: idParams } }, async (req, reply) => {
    const { job } = await ownJob(req.ctx, req.params.id, 'import.errors.download');
    return sendXlsx(reply, await imports.errorsReport(req.ctx, job), 'import-errors.xlsx');
  });

  r.post(
    '/api/v1/imports/:id/commit',
    { schema: { tags, params: idParams, response: { 200: importJobView } } },
    async (req) => {
      const { actor, job } = await ownJob(req.ctx, req.params.id, 'import.commit');
      return presentJob(await imports.commit(req.ctx, actor, job));
    },
  );

  r.delete(
    '/api/v1/imports/:id',
    { schema: { tags, params: idParams, response: { 200: importJobView } } },
    async (req) => {
      const { job } = await ownJob(req.ctx, req.params.id, 'import.cancel');
      return presentJob(await imports.cancel(req.ctx, job));
    },
  );
}
