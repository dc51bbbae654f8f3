import type { Actor } from '../../platform/context.js';
import { can as canPerson } from '../people/policy.js';
import type { LinkedPerson } from './service.js';

export type LecturerAction = 'read' | 'edit';

/**
 * The pool is shared by the whole platform (one province): `lecturer.read` reads all of it,
 * `lecturer.edit` writes any of it. No scope applies.
 */
export function can(actor: Actor, action: LecturerAction): boolean {
  return actor.permissions.has(action === 'read' ? 'lecturer.read' : 'lecturer.edit');
}

/** A lecturer may be linked only to a person the editor may read (directory reach). */
export function mayLink(actor: Actor, person: LinkedPerson): boolean {
  return canPerson(actor, 'read', person);
}
