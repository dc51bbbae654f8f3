import type { UserView } from '@ganxun/domain';
import type { UserWithRoles } from './service.js';

/** Account → API shape: never the password hash or the TOTP secret. */
export function presentUser({ user, roles }: UserWithRoles, now = Date.now()): UserView {
  const locked = !!user.lockedUntil && user.lockedUntil.getTime() > now;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    status: user.status,
    locale: user.locale,
    roles,
    locked,
    lockedUntil: locked && user.lockedUntil ? user.lockedUntil.toISOString() : null,
    failedLogins: user.failedLogins,
    totpEnabled: !!user.totpSecret,
    mustChangePassword: user.mustChangePassword,
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}
