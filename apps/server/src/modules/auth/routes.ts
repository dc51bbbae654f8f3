import {
  changePasswordBody,
  loginBody,
  meResponse,
  okResponse,
  totpDisableBody,
  totpEnableBody,
  totpSetupResponse,
  updateProfileBody,
} from '@ganxun/domain';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth-plugin.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { LoadedSession, SessionStore } from '../../platform/sessions.js';
import type { SettingsService } from '../settings/service.js';
import type { UserService } from '../users/service.js';
import { presentMe } from './presenter.js';
import type { AuthService } from './service.js';

const tags = ['auth'];

export interface AuthRouteDeps {
  auth: AuthService;
  users: UserService;
  sessions: SessionStore;
  settings: SettingsService;
  cookieSecure: 'auto' | boolean;
}

function loaded(req: FastifyRequest): LoadedSession {
  if (!req.auth) throw new AppError('UNAUTHENTICATED');
  return req.auth;
}

export function authRoutes(app: FastifyInstance, deps: AuthRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** Re-reads the user after a change so that the answer shows the new state. */
  const me = async (auth: LoadedSession, ctx: RequestContext) => {
    const fresh = await deps.users.byId(auth.user.id);
    return presentMe(
      fresh.user,
      fresh.roles,
      auth.session,
      await deps.settings.security(),
      await deps.users.scopeNames(ctx, [{ roles: fresh.roles }]),
      await deps.auth.lecturerIdOf(fresh.user.id),
    );
  };

  r.post(
    '/api/v1/auth/login',
    { config: { access: 'public' }, schema: { tags, body: loginBody, response: { 200: meResponse } } },
    async (req, reply) => {
      const { token, session, user } = await deps.auth.login(req.ctx, req.body);
      setSessionCookie(reply, req, token, session.expiresAt, { secure: deps.cookieSecure });
      const roles = (await deps.users.rolesOf([user.id])).get(user.id) ?? [];
      return presentMe(
        user,
        roles,
        session,
        await deps.settings.security(),
        await deps.users.scopeNames(req.ctx, [{ roles }]),
        await deps.auth.lecturerIdOf(user.id),
      );
    },
  );

  r.post(
    '/api/v1/auth/logout',
    { config: { access: 'session' }, schema: { tags, response: { 200: okResponse } } },
    async (req, reply) => {
      await deps.auth.logout(req.ctx, loaded(req));
      clearSessionCookie(reply);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/v1/auth/me',
    { config: { access: 'session' }, schema: { tags, response: { 200: meResponse } } },
    // The session hook has just loaded the user and roles: no need to read them again.
    async (req) => {
      const auth = loaded(req);
      return presentMe(
        auth.user,
        auth.roles,
        auth.session,
        await deps.settings.security(),
        await deps.users.scopeNames(req.ctx, [{ roles: auth.roles }]),
        await deps.auth.lecturerIdOf(auth.user.id),
      );
    },
  );

  r.patch(
    '/api/v1/auth/me',
    {
      config: { access: 'session' },
      schema: { tags, body: updateProfileBody, response: { 200: meResponse } },
    },
    async (req) => {
      await deps.auth.updateProfile(req.ctx, loaded(req), req.body);
      return me(loaded(req), req.ctx);
    },
  );

  r.post(
    '/api/v1/auth/password',
    {
      config: { access: 'session' },
      schema: { tags, body: changePasswordBody, response: { 200: meResponse } },
    },
    async (req) => {
      await deps.auth.changePassword(req.ctx, loaded(req), req.body);
      return me(loaded(req), req.ctx);
    },
  );

  r.post(
    '/api/v1/auth/totp/setup',
    { config: { access: 'session' }, schema: { tags, response: { 200: totpSetupResponse } } },
    async (req) => deps.auth.totpSetup(req.ctx, loaded(req)),
  );

  r.post(
    '/api/v1/auth/totp/enable',
    { config: { access: 'session' }, schema: { tags, body: totpEnableBody, response: { 200: meResponse } } },
    async (req) => {
      await deps.auth.totpEnable(req.ctx, loaded(req), req.body.code);
      return me(loaded(req), req.ctx);
    },
  );

  r.post(
    '/api/v1/auth/totp/disable',
    { config: { access: 'session' }, schema: { tags, body: totpDisableBody, response: { 200: meResponse } } },
    async (req) => {
      await deps.auth.totpDisable(req.ctx, loaded(req), req.body.password);
      return me(loaded(req), req.ctx);
    },
  );
}
