import {
  createUserBody,
  idParams,
  resetPasswordBody,
  setRolesBody,
  updateUserBody,
  userListQuery,
  userPage,
  userView,
} from '@ganxun/domain';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { authorize, requireActor } from '../../platform/authorize.js';
import { can } from './policy.js';
import { presentUser } from './presenter.js';
import type { UserService } from './service.js';

const tags = ['users'];

export function userRoutes(app: FastifyInstance, deps: { users: UserService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users } = deps;

  r.get(
    '/api/v1/users',
    { schema: { tags, querystring: userListQuery, response: { 200: userPage } } },
    async (req) => {
      const page = await users.list(req.ctx, req.query);
      return { ...page, items: page.items.map((u) => presentUser(u)) };
    },
  );

  r.post(
    '/api/v1/users',
    { schema: { tags, body: createUserBody, response: { 201: userView } } },
    async (req, reply) => {
      authorize(can(requireActor(req.ctx.actor), 'create'), 'user.create', { type: 'user' });
      reply.status(201);
      return presentUser(await users.create(req.ctx, req.body));
    },
  );

  r.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      const target = await users.load(req.ctx, req.params.id);
      return presentUser(target);
    },
  );

  r.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      const target = await users.load(req.ctx, req.params.id);
      const entity = { type: 'user', id: target.user.id };
      authorize(can(actor, 'update', target), 'user.update', entity);
      if (req.body.status && req.body.status !== target.user.status)
        authorize(can(actor, 'disable', target), 'user.disable', entity);
      return presentUser(await users.update(req.ctx, target, req.body));
    },
  );

  r.put(
    '/api/v1/users/:id/roles',
    { schema: { tags, params: idParams, body: setRolesBody, response: { 200: userView } } },
    async (req) => {
      const target = await users.load(req.ctx, req.params.id);
      authorize(can(requireActor(req.ctx.actor), 'assignRoles', target), 'user.roles.set', {
        type: 'user',
        id: target.user.id,
      });
      return presentUser(await users.setRoles(req.ctx, target, req.body.roles));
    },
  );

  r.post(
    '/api/v1/users/:id/unlock',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      const target = await users.load(req.ctx, req.params.id);
      authorize(can(requireActor(req.ctx.actor), 'unlock', target), 'user.unlock', {
        type: 'user',
        id: target.user.id,
      });
      return presentUser(await users.unlock(req.ctx, target));
    },
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags, params: idParams, body: resetPasswordBody, response: { 200: userView } } },
    async (req) => {
      const target = await users.load(req.ctx, req.params.id);
      authorize(can(requireActor(req.ctx.actor), 'resetPassword', target), 'user.password.reset', {
        type: 'user',
        id: target.user.id,
      });
      return presentUser(await users.resetPassword(req.ctx, target, req.body.newPassword));
    },
  );

  r.delete(
    '/api/v1/users/:id/totp',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      const target = await users.load(req.ctx, req.params.id);
      authorize(can(requireActor(req.ctx.actor), 'resetTotp', target), 'user.totp.reset', {
        type: 'user',
        id: target.user.id,
      });
      return presentUser(await users.resetTotp(req.ctx, target));
    },
  );
}
