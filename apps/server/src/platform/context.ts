import type { MessageLocale, Permission, Role } from '@ganxun/domain';

export interface RoleGrant {
  role: Role;
  scopeId: string | null;
}

/** The signed-in user as policies see it: roles with scopes and the permissions they grant. */
export interface Actor {
  id: string;
  username: string;
  displayName: string;
  roles: RoleGrant[];
  permissions: ReadonlySet<Permission>;
  sessionId: string;
}

/** Who is asking and from where: passed from routes to services, and written to the audit trail. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
  locale: MessageLocale;
}

/** A context for work that no HTTP request started (CLI, start-up, demo data). */
export function systemContext(label = 'system'): RequestContext {
  return { actor: null, ip: null, userAgent: label, requestId: null, locale: 'zh-CN' };
}
