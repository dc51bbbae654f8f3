import { eq, type SQL, sql } from 'drizzle-orm';
import { users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { UserWithRoles } from './service.js';

export type UserAction =
  | 'read'
  | 'create'
  | 'update'
  | 'disable'
  | 'assignRoles'
  | 'unlock'
  | 'resetPassword'
  | 'resetTotp';

/**
 * Who may do what to an account. Administrators act on others, never on themselves (a security
 * admin cannot grant themselves a role, a system admin cannot disable their own account).
 */
export function can(actor: Actor, action: UserAction, target?: UserWithRoles): boolean {
  const self = !!target && target.user.id === actor.id;
  switch (action) {
    case 'read':
      return actor.permissions.has('user.read') || self;
    case 'create':
      return actor.permissions.has('user.create');
    case 'update':
      return actor.permissions.has('user.update');
    case 'disable':
      return actor.permissions.has('user.disable') && !self;
    case 'assignRoles':
      return actor.permissions.has('role.assign') && !self;
    case 'unlock':
      return actor.permissions.has('user.unlock') && !self;
    case 'resetPassword':
      return actor.permissions.has('user.resetPassword') && !self;
    case 'resetTotp':
      return actor.permissions.has('user.resetPassword') && !self;
  }
}

/** The accounts a reader may list: all for the account administrators, otherwise only their own. */
export function scopeFor(actor: Actor | null): SQL | undefined {
  if (!actor) return sql`false`;
  if (actor.permissions.has('user.read')) return undefined;
  return eq(users.id, actor.id);
}
