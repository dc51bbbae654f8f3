import type { Actor } from '../../platform/context.js';
import { mayOrganise } from '../classes/policy.js';
import type { UnitPlace } from '../units/policy.js';

/** Every holder of `venue.read` sees every venue (to book them): no scope on reading. */
export function mayRead(actor: Actor): boolean {
  return actor.permissions.has('venue.read');
}

/**
 * Editing a venue needs `venue.edit` with the reach of organising a class for its owner unit:
 * org admins of the owner's region subtree, training officers of a unit above or at the owner.
 */
export function mayEdit(actor: Actor, owner: UnitPlace): boolean {
  return mayOrganise(actor, owner, 'venue.edit');
}
