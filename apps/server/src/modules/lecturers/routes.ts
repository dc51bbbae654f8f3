import {
  createLecturerBody,
  idParams,
  lecturerListQuery,
  lecturerPage,
  lecturerView,
  updateLecturerBody,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { can, mayLink } from './policy.js';
import { presentLecturer } from './presenter.js';
import type { LecturerService } from './service.js';

const tags = ['lecturers'];

export function lecturerRoutes(app: FastifyInstance, deps: { lecturers: LecturerService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { lecturers } = deps;

  /** A person to link must exist (400) and be within the editor's directory reach (403, audited). */
  const checkLink = async (ctx: RequestContext, personId: string | null | undefined, action: string) => {
    if (!personId) return;
    const person = await lecturers.personForLink(personId);
    authorize(mayLink(requireActor(ctx.actor), person), action, { type: 'person', id: person.id });
  };

  r.get(
    '/api/v1/lecturers',
    { schema: { tags, querystring: lecturerListQuery, response: { 200: lecturerPage } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'lecturer.read', { type: 'lecturer' });
      const page = await lecturers.list(req.query);
      return { ...page, items: page.items.map(presentLecturer) };
    },
  );

  r.get(
    '/api/v1/lecturers/:id',
    { schema: { tags, params: idParams, response: { 200: lecturerView } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'lecturer.read', {
        type: 'lecturer',
        id: req.params.id,
      });
      return presentLecturer(await lecturers.load(req.params.id));
    },
  );

  r.post(
    '/api/v1/lecturers',
    { schema: { tags, body: createLecturerBody, response: { 201: lecturerView } } },
    async (req, reply) => {
      authorize(can(requireActor(req.ctx.actor), 'edit'), 'lecturer.create', { type: 'lecturer' });
      await checkLink(req.ctx, req.body.personId, 'lecturer.create');
      const record = await lecturers.create(req.ctx, req.body);
      reply.status(201);
      return presentLecturer(record);
    },
  );

  r.patch(
    '/api/v1/lecturers/:id',
    { schema: { tags, params: idParams, body: updateLecturerBody, response: { 200: lecturerView } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'edit'), 'lecturer.update', {
        type: 'lecturer',
        id: req.params.id,
      });
      const record = await lecturers.load(req.params.id);
      if (req.body.personId !== record.row.personId)
        await checkLink(req.ctx, req.body.personId, 'lecturer.update');
      return presentLecturer(await lecturers.update(req.ctx, record, req.body));
    },
  );
}
