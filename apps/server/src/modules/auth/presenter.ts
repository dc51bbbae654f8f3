import { type Me, permissionsOf, type SecuritySettings, sessionRestriction } from '@ganxun/domain';
import type { RoleGrant } from '../../platform/context.js';
import type { SessionRow, UserRow } from '../../platform/sessions.js';
import { type ScopeLabels, scopeKey } from '../users/scopes.js';

/** The signed-in user as the console needs it, with the CSRF token for writes. */
export function presentMe(
  user: UserRow,
  roles: RoleGrant[],
  session: SessionRow,
  security: SecuritySettings,
  labels: ScopeLabels = new Map(),
  lecturerId: string | null = null,
): Me {
  const roleNames = roles.map((r) => r.role);
  const expiresAt =
    security.passwordMaxAgeDays > 0
      ? new Date(user.passwordChangedAt.getTime() + security.passwordMaxAgeDays * 86_400_000)
      : null;
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    locale: user.locale,
    roles: roles.map((r) => {
      const key = scopeKey(r);
      return { role: r.role, scopeId: r.scopeId, scopeName: key ? (labels.get(key)?.name ?? null) : null };
    }),
    permissions: [...permissionsOf(roleNames)].sort(),
    totpEnabled: !!user.totpSecret,
    restriction: sessionRestriction(
      {
        mustChangePassword: user.mustChangePassword,
        passwordChangedAt: user.passwordChangedAt,
        totpEnabled: !!user.totpSecret,
        roles: roleNames,
      },
      security,
    ),
    passwordExpiresAt: expiresAt?.toISOString() ?? null,
    csrfToken: session.csrfToken,
    sessionExpiresAt: session.expiresAt.toISOString(),
    idleTimeoutSeconds: security.sessionIdleMinutes * 60,
    lecturerId,
  };
}
