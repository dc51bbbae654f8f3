import {
  createAccountsBody,
  createAccountsQuery,
  createAccountsResponse,
  createPersonBody,
  idParams,
  personDetail,
  personFilter,
  personListQuery,
  personPage,
  revealBody,
  revealResponse,
  updatePersonBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { accountsXlsx, createAccounts } from './accounts.js';
import { contentDisposition, exportPeople, XLSX_TYPE } from './export.js';
import { can, type PersonAction } from './policy.js';
import { presentPerson, presentPersonDetail, presentRevealed } from './presenter.js';
import { type PersonRecord, type PersonService, placeOf, summaryOf } from './service.js';

const tags = ['people'];

export function personRoutes(app: FastifyInstance, deps: { people: PersonService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { people } = deps;

  /** Loads a person and authorizes the action on them: out of reach is a 403, audited. */
  const loadFor = async (ctx: RequestContext, id: string, action: PersonAction, audited: string) => {
    const actor = requireActor(ctx.actor);
    const record = await people.load(id);
    authorize(can(actor, action, placeOf(record)), audited, { type: 'person', id });
    return record;
  };

  const detail = async (record: PersonRecord) =>
    presentPersonDetail(summaryOf(record), await people.unitChain(record.unit));

  r.get(
    '/api/v1/people',
    { schema: { tags, querystring: personListQuery, response: { 200: personPage } } },
    async (req) => {
      requireActor(req.ctx.actor);
      const page = await people.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentPerson) };
    },
  );

  r.get('/api/v1/people/export', { schema: { tags, querystring: personFilter } }, async (req, reply) => {
    authorize(can(requireActor(req.ctx.actor), 'export'), 'person.export', { type: 'person' });
    const { file } = await exportPeople(people, req.ctx, req.query);
    const date = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
    return reply
      .header('content-type', XLSX_TYPE)
      .header('content-disposition', contentDisposition(`人员名单-${date}.xlsx`, `people-${date}.xlsx`))
      .send(file);
  });

  r.post(
    '/api/v1/people/accounts',
    {
      schema: {
        tags,
        querystring: createAccountsQuery,
        body: createAccountsBody,
        response: { 200: createAccountsResponse },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(can(actor, 'createAccount'), 'person.accounts.create', { type: 'person' });
      const ids = [...new Set(req.body.personIds)];
      const records = await people.loadMany(ids);
      // One person out of reach refuses the whole batch.
      for (const record of records)
        authorize(can(actor, 'createAccount', placeOf(record)), 'person.accounts.create', {
          type: 'person',
          id: record.person.id,
        });
      const items = await createAccounts(people, req.ctx, records, req.body.role);
      // Initial passwords: never cached anywhere on the way.
      reply.header('cache-control', 'no-store');
      if (req.query.format === 'xlsx') {
        // A Buffer bypasses the response serializer; the schema documents the JSON form.
        const file = (await accountsXlsx(items, req.body.role, req.ctx.locale)) as never;
        const date = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', contentDisposition(`账号-${date}.xlsx`, `accounts-${date}.xlsx`))
          .send(file);
      }
      return { items };
    },
  );

  r.get(
    '/api/v1/people/:id',
    { schema: { tags, params: idParams, response: { 200: personDetail } } },
    async (req) => detail(await loadFor(req.ctx, req.params.id, 'read', 'person.read')),
  );

  r.post(
    '/api/v1/people',
    { schema: { tags, body: createPersonBody, response: { 201: personDetail } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx.actor);
      authorize(can(actor, 'create'), 'person.create', { type: 'person' });
      const unit = await people.unitForWrite(req.body.unitId);
      authorize(can(actor, 'create', { userId: null, unit }), 'person.create', { type: 'unit', id: unit.id });
      const record = await people.create(req.ctx, req.body);
      reply.status(201);
      return detail(record);
    },
  );

  r.patch(
    '/api/v1/people/:id',
    { schema: { tags, params: idParams, body: updatePersonBody, response: { 200: personDetail } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      authorize(can(actor, 'update'), 'person.update', { type: 'person', id: req.params.id });
      const record = await loadFor(req.ctx, req.params.id, 'update', 'person.update');
      if (req.body.unitId && req.body.unitId !== record.person.unitId) {
        // Moving someone needs reach over the unit they go to as well as the one they leave.
        const unit = await people.unitForWrite(req.body.unitId);
        authorize(can(actor, 'update', { userId: null, unit }), 'person.update', {
          type: 'unit',
          id: unit.id,
        });
      }
      return detail(await people.update(req.ctx, record, req.body));
    },
  );

  r.post(
    '/api/v1/people/:id/reveal',
    { schema: { tags, params: idParams, body: revealBody, response: { 200: revealResponse } } },
    async (req) => {
      const record = await loadFor(req.ctx, req.params.id, 'reveal', 'person.reveal');
      return presentRevealed(await people.reveal(req.ctx, record, req.body.reason));
    },
  );
}
