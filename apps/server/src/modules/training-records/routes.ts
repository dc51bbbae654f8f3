import {
  archiveQuery,
  archiveView,
  belowRequirementQuery,
  belowRequirementRow,
  idParams,
  manualRecordBody,
  pageOf,
  trainingRecordView,
  voidRecordBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Services } from '../../app.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { contentDisposition, XLSX_TYPE } from '../people/export.js';
import { placeOf } from '../people/service.js';
import { belowFileName } from './export.js';
import { can, type RecordAction } from './policy.js';

const tags = ['training-records'];

/** Routes of the training-records module (issue 6): archives, manual entries, the below-requirement list. */
export function trainingRecordRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { people, trainingRecords } = services;

  /** Loads a person and authorizes the archive action on them: out of reach is a 403, audited. */
  const personFor = async (ctx: RequestContext, id: string, action: RecordAction) => {
    const actor = requireActor(ctx.actor);
    authorize(can(actor, action), `trainingRecord.${action}`, { type: 'person', id });
    const record = await people.load(id);
    authorize(can(actor, action, placeOf(record)), `trainingRecord.${action}`, { type: 'person', id });
    return record;
  };

  r.get(
    '/api/v1/people/:id/training-records',
    { schema: { tags, params: idParams, querystring: archiveQuery, response: { 200: archiveView } } },
    async (req) => {
      const record = await personFor(req.ctx, req.params.id, 'read');
      return trainingRecords.archive(record, req.query.year);
    },
  );

  r.get(
    '/api/v1/me/training-records',
    { schema: { tags, querystring: archiveQuery, response: { 200: archiveView } } },
    async (req) => {
      requireActor(req.ctx.actor);
      const id = await trainingRecords.ownPersonId(req.ctx);
      return trainingRecords.archive(await people.load(id), req.query.year);
    },
  );

  r.post(
    '/api/v1/training-records',
    { schema: { tags, body: manualRecordBody, response: { 201: trainingRecordView } } },
    async (req, reply) => {
      await personFor(req.ctx, req.body.personId, 'edit');
      const view = await trainingRecords.create(req.ctx, req.body);
      reply.status(201);
      return view;
    },
  );

  r.post(
    '/api/v1/training-records/:id/void',
    { schema: { tags, params: idParams, body: voidRecordBody, response: { 200: trainingRecordView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(can(actor, 'edit'), 'trainingRecord.void', { type: 'training_record', id: req.params.id });
      const row = await trainingRecords.load(req.params.id);
      await personFor(req.ctx, row.personId, 'edit');
      return trainingRecords.void(req.ctx, row.id, req.body.reason);
    },
  );

  r.get(
    '/api/v1/training-records/below-requirement',
    {
      schema: {
        tags,
        querystring: belowRequirementQuery,
        response: { 200: pageOf(belowRequirementRow) },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(can(actor, 'read'), 'trainingRecord.read', { type: 'training_record' });
      if (req.query.format === 'xlsx') {
        const file = await trainingRecords.belowExport(req.ctx, actor, req.query);
        const { fileName, fallback } = belowFileName(req.ctx.locale, req.query.year);
        // A Buffer bypasses the response serializer; the schema documents the JSON form.
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(fileName, fallback))
          .header('cache-control', 'no-store')
          .send(file as never);
      }
      return trainingRecords.below(actor, req.query);
    },
  );
}
