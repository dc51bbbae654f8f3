import type { Actor } from '../../platform/context.js';

export function can(actor: Actor, action: 'read' | 'revoke'): boolean {
  return actor.permissions.has(action === 'read' ? 'onlineSession.read' : 'onlineSession.revoke');
}
