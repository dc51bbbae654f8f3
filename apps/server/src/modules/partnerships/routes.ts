import {
  createPartnershipBody,
  idParams,
  jointClassList,
  linkJointClassBody,
  partnershipListQuery,
  partnershipPage,
  partnershipUnitList,
  partnershipUnitsQuery,
  partnershipView,
  talkBody,
  talkList,
  talkView,
  updatePartnershipBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Services } from '../../app.js';
import { presentPartnership } from './presenter.js';
import { sideUnits } from './side-units.js';
import { updateTalkBody } from './talks.js';

const tags = ['partnerships'];
const classParams = z.strictObject({ id: z.uuid(), classId: z.uuid() });
const talkParams = z.strictObject({ id: z.uuid(), talkId: z.uuid() });

/** Routes of pairings (结对协作), their joint classes (联合办班) and follow-up talks (座谈交流). */
export function partnershipRoutes(app: FastifyInstance, services: Services): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { partnerships } = services;

  r.get(
    '/api/v1/partnerships',
    { schema: { tags, querystring: partnershipListQuery, response: { 200: partnershipPage } } },
    async (req) => {
      const page = await partnerships.list(req.ctx, req.query);
      return { ...page, items: page.items.map(presentPartnership) };
    },
  );

  r.post(
    '/api/v1/partnerships',
    { schema: { tags, body: createPartnershipBody, response: { 201: partnershipView } } },
    async (req, reply) => {
      const row = await partnerships.create(req.ctx, req.body);
      reply.status(201);
      return presentPartnership(await partnerships.detail(req.ctx, row));
    },
  );

  r.get(
    '/api/v1/partnerships/:id',
    { schema: { tags, params: idParams, response: { 200: partnershipView } } },
    async (req) => {
      const row = await partnerships.require(req.ctx, req.params.id);
      return presentPartnership(await partnerships.detail(req.ctx, row));
    },
  );

  r.patch(
    '/api/v1/partnerships/:id',
    { schema: { tags, params: idParams, body: updatePartnershipBody, response: { 200: partnershipView } } },
    async (req) => {
      const row = await partnerships.update(req.ctx, req.params.id, req.body);
      return presentPartnership(await partnerships.detail(req.ctx, row));
    },
  );

  r.get(
    '/api/v1/partnerships/:id/units',
    {
      schema: {
        tags,
        params: idParams,
        querystring: partnershipUnitsQuery,
        response: { 200: partnershipUnitList },
      },
    },
    async (req) => {
      // Whoever reaches the pairing to read it or its secondments (a liaison does not list it).
      const pairing = await partnerships.require(req.ctx, req.params.id, 'partnership.read');
      return sideUnits(partnerships.db, pairing, req.query);
    },
  );

  r.get(
    '/api/v1/partnerships/:id/classes',
    { schema: { tags, params: idParams, response: { 200: jointClassList } } },
    async (req) => {
      const row = await partnerships.require(req.ctx, req.params.id);
      return { items: await partnerships.jointClasses(row.id) };
    },
  );

  r.post(
    '/api/v1/partnerships/:id/classes',
    { schema: { tags, params: idParams, body: linkJointClassBody, response: { 201: jointClassList } } },
    async (req, reply) => {
      const row = await partnerships.require(req.ctx, req.params.id, 'partnership.edit');
      await partnerships.linkClass(req.ctx, row, req.body);
      reply.status(201);
      return { items: await partnerships.jointClasses(row.id) };
    },
  );

  r.delete(
    '/api/v1/partnerships/:id/classes/:classId',
    { schema: { tags, params: classParams } },
    async (req, reply) => {
      const row = await partnerships.require(req.ctx, req.params.id, 'partnership.edit');
      await partnerships.unlinkClass(req.ctx, row, req.params.classId);
      return reply.status(204).send();
    },
  );

  r.get(
    '/api/v1/partnerships/:id/talks',
    { schema: { tags, params: idParams, response: { 200: talkList } } },
    async (req) => {
      const row = await partnerships.require(req.ctx, req.params.id);
      return { items: await partnerships.talks(row.id) };
    },
  );

  r.post(
    '/api/v1/partnerships/:id/talks',
    { schema: { tags, params: idParams, body: talkBody, response: { 201: talkView } } },
    async (req, reply) => {
      const row = await partnerships.require(req.ctx, req.params.id, 'partnership.edit');
      const view = await partnerships.createTalk(req.ctx, row, req.body);
      reply.status(201);
      return view;
    },
  );

  r.patch(
    '/api/v1/partnerships/:id/talks/:talkId',
    { schema: { tags, params: talkParams, body: updateTalkBody, response: { 200: talkView } } },
    async (req) => {
      const row = await partnerships.require(req.ctx, req.params.id, 'partnership.edit');
      return partnerships.updateTalk(req.ctx, row, req.params.talkId, req.body);
    },
  );

  r.delete(
    '/api/v1/partnerships/:id/talks/:talkId',
    { schema: { tags, params: talkParams } },
    async (req, reply) => {
      const row = await partnerships.require(req.ctx, req.params.id, 'partnership.edit');
      await partnerships.deleteTalk(req.ctx, row, req.params.talkId);
      return reply.status(204).send();
    },
  );
}
