import type { UserView } from '@ganxun/domain';
import { type ScopeLabels, scopeKey } from './scopes.js';
import type { UserWithRoles } from './service.js';

/**
 * Account → API shape: never the password hash or the TOTP secret. Each role carries its scope's
 * name from `scopes` (UserService.scopeNames), so that pages never show a bare region code or id.
 */
export function presentUser(
  { user, roles }: UserWithRoles,
  scopes: ScopeLabels = new Map(),
  now = Date.now(),
): UserView {
  const locked = !!user.lockedUntil && user.lockedUntil.getTime() > now;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    status: user.status,
    locale: user.locale,
    roles: roles.map((grant) => {
      const key = scopeKey(grant);
      const label = key ? scopes.get(key) : undefined;
      return {
        role: grant.role,
        scopeId: grant.scopeId,
        scopeName: label?.name ?? null,
        scopeRetired: label?.retired ?? false,
      };
    }),
    locked,
    lockedUntil: locked && user.lockedUntil ? user.lockedUntil.toISOString() : null,
    failedLogins: user.failedLogins,
    totpEnabled: !!user.totpSecret,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
