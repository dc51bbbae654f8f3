import type { Actor } from '../../platform/context.js';

/** Security settings belong to the security admin. */
export function can(actor: Actor, action: 'read' | 'edit'): boolean {
  return actor.permissions.has(action === 'read' ? 'settings.security.read' : 'settings.security.edit');
}
