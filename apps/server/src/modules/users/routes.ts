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
import type { RequestContext } from '../../platform/context.js';
import { can, type UserAction } from './policy.js';
import { presentUser } from './presenter.js';
import type { UserService, UserWithRoles } from './service.js';

const tags = ['users'];

export function userRoutes(app: FastifyInstance, deps: { users: UserService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { users } = deps;

  /** One account as the API shows it, its scopes named. */
  const present = async (ctx: RequestContext, account: UserWithRoles) =>
    presentUser(account, await users.scopeNames(ctx, [account]));

  /**
   * Loads the account an action targets. A caller whose roles lack the action altogether gets
   * FORBIDDEN (and an audited denial) before the look-up, not the NOT_FOUND that scoping would give.
   */
  const loadFor = async (ctx: RequestContext, id: string, action: UserAction, audited: string) => {
    const actor = requireActor(ctx.actor);
    authorize(can(actor, action), audited, { type: 'user', id });
    const target = await users.load(ctx, id);
    authorize(can(actor, action, target), audited, { type: 'user', id });
    return target;
  };

  r.get(
    '/api/v1/users',
    { schema: { tags, querystring: userListQuery, response: { 200: userPage } } },
    async (req) => {
      authorize(can(requireActor(req.ctx.actor), 'read'), 'user.read', { type: 'user' });
      const page = await users.list(req.ctx, req.query);
      const scopes = await users.scopeNames(req.ctx, page.items);
      return { ...page, items: page.items.map((u) => presentUser(u, scopes)) };
    },
  );

  r.post(
    '/api/v1/users',
    { schema: { tags, body: createUserBody, response: { 201: userView } } },
    async (req, reply) => {
      authorize(can(requireActor(req.ctx.actor), 'create'), 'user.create', { type: 'user' });
      reply.status(201);
      return present(req.ctx, await users.create(req.ctx, req.body));
    },
  );

  r.get(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      return present(req.ctx, await users.load(req.ctx, req.params.id));
    },
  );

  r.patch(
    '/api/v1/users/:id',
    { schema: { tags, params: idParams, body: updateUserBody, response: { 200: userView } } },
    async (req) => {
      const actor = requireActor(req.ctx.actor);
      // A status change is a disable (or enable): a caller without that right is denied as such.
      if (req.body.status)
        authorize(can(actor, 'disable'), 'user.disable', { type: 'user', id: req.params.id });
      const target = await loadFor(req.ctx, req.params.id, 'update', 'user.update');
      if (req.body.status && req.body.status !== target.user.status) {
        authorize(can(actor, 'disable', target), 'user.disable', { type: 'user', id: target.user.id });
      }
      return present(req.ctx, await users.update(req.ctx, target, req.body));
    },
  );

  r.put(
    '/api/v1/users/:id/roles',
    { schema: { tags, params: idParams, body: setRolesBody, response: { 200: userView } } },
    async (req) => {
      const target = await loadFor(req.ctx, req.params.id, 'assignRoles', 'user.roles.set');
      return present(req.ctx, await users.setRoles(req.ctx, target, req.body.roles));
    },
  );

  r.post(
    '/api/v1/users/:id/unlock',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      const target = await loadFor(req.ctx, req.params.id, 'unlock', 'user.unlock');
      return present(req.ctx, await users.unlock(req.ctx, target));
    },
  );

  r.post(
    '/api/v1/users/:id/reset-password',
    { schema: { tags, params: idParams, body: resetPasswordBody, response: { 200: userView } } },
    async (req) => {
      const target = await loadFor(req.ctx, req.params.id, 'resetPassword', 'user.password.reset');
      return present(req.ctx, await users.resetPassword(req.ctx, target, req.body.newPassword));
    },
  );

  r.delete(
    '/api/v1/users/:id/totp',
    { schema: { tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      const target = await loadFor(req.ctx, req.params.id, 'resetTotp', 'user.totp.reset');
      return present(req.ctx, await users.resetTotp(req.ctx, target));
    },
  );
}
