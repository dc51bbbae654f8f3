import { timingSafeEqual } from 'node:crypto';
import { CSRF_HEADER, permissionsOf, SESSION_COOKIE, sessionRestriction } from '@ganxun/domain';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SettingsService } from '../modules/settings/service.js';
import type { Actor, RequestContext } from './context.js';
import { AppError } from './errors.js';
import { localeFromHeader } from './i18n.js';
import type { LoadedSession, SessionStore } from './sessions.js';

/**
 * Who may call a route: `public` (no session), `session` (any live session, even one that must
 * first change its password or set up two-factor authentication), `user` (default: a session
 * without pending restriction).
 */
export type Access = 'public' | 'session' | 'user';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: RequestContext;
    auth: LoadedSession | null;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorFrom(loaded: LoadedSession): Actor {
  return {
    id: loaded.user.id,
    username: loaded.user.username,
    displayName: loaded.user.displayName,
    roles: loaded.roles,
    permissions: permissionsOf(loaded.roles.map((r) => r.role)),
    sessionId: loaded.session.id,
  };
}

function sameToken(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export interface CookieOptions {
  secure: 'auto' | boolean;
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  token: string,
  expires: Date,
  options: CookieOptions,
): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure === 'auto' ? request.protocol === 'https' : options.secure,
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/** Resolves the session cookie on every API request and enforces access, CSRF and restrictions. */
export function installAuth(
  app: FastifyInstance,
  deps: { sessions: SessionStore; settings: SettingsService },
): void {
  app.decorateRequest('ctx', null as unknown as RequestContext);
  app.decorateRequest('auth', null);

  app.addHook('onRequest', async (request, reply) => {
    request.ctx = {
      actor: null,
      ip: request.ip ?? null,
      userAgent: request.headers['user-agent'] ?? null,
      requestId: String(request.id),
      locale: localeFromHeader(request.headers['accept-language']),
    };
    // Only API routes that exist carry sessions; static files and 404s skip the database.
    if (!request.url.startsWith('/api/') || !request.routeOptions.url) return;
    const access: Access = request.routeOptions.config.access ?? 'user';
    const token = request.cookies[SESSION_COOKIE];
    if (access === 'public' && !token) return;
    const security = await deps.settings.security();
    let problem: string | null = null;
    if (token) {
      const loaded = await deps.sessions.load(token, security.sessionIdleMinutes);
      if (typeof loaded === 'string') {
        problem = loaded;
        clearSessionCookie(reply);
      } else {
        request.auth = loaded;
        request.ctx.actor = actorFrom(loaded);
        await deps.sessions.touch(loaded.session);
      }
    }
    if (access === 'public') return;
    const auth = request.auth;
    if (!auth) throw new AppError(problem === 'expired' ? 'SESSION_EXPIRED' : 'UNAUTHENTICATED');
    if (
      !SAFE_METHODS.has(request.method) &&
      !sameToken(request.headers[CSRF_HEADER], auth.session.csrfToken)
    ) {
      throw new AppError('CSRF_INVALID');
    }
    if (access === 'user') {
      const restriction = sessionRestriction(
        {
          mustChangePassword: auth.user.mustChangePassword,
          passwordChangedAt: auth.user.passwordChangedAt,
          totpEnabled: !!auth.user.totpSecret,
          roles: auth.roles.map((r) => r.role),
        },
        security,
      );
      if (restriction === 'password_change') throw new AppError('PASSWORD_CHANGE_REQUIRED');
      if (restriction === 'totp_setup') throw new AppError('TOTP_SETUP_REQUIRED');
    }
  });
}
