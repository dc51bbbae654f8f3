import type { Permission } from '@ganxun/domain';
import type { Actor } from './context.js';
import { AppError } from './errors.js';

/** Whether the actor's roles grant a permission (the coarse check; modules add resource rules). */
export function hasPermission(actor: Actor | null, permission: Permission): boolean {
  return !!actor && actor.permissions.has(permission);
}

/**
 * Throws FORBIDDEN unless `allowed`; the error handler records the denial in the audit trail with
 * the action and entity named here.
 */
export function authorize(
  allowed: boolean,
  action: string,
  entity?: { type: string; id?: string | null },
): void {
  if (!allowed) {
    throw new AppError('FORBIDDEN', {
      details: { action, entityType: entity?.type, entityId: entity?.id ?? undefined },
    });
  }
}

/** Narrows to a signed-in actor (routes behind the auth hook always have one). */
export function requireActor(actor: Actor | null): Actor {
  if (!actor) throw new AppError('UNAUTHENTICATED');
  return actor;
}
