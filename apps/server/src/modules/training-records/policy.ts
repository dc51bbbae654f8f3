import { and, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/context.js';
import { can as canPerson, type PersonPlace } from '../people/policy.js';
import { reaches, unitScope } from '../units/policy.js';

export type RecordAction = 'read' | 'edit';

const PERMISSION = { read: 'trainingRecord.read', edit: 'trainingRecord.edit' } as const;

/**
 * May the actor read (or edit) this person's study-hour archive? Only who may read the person
 * (people/policy.ts) and whose grants reach the person's unit with the archive permission. The
 * person's own archive is read through /me, not through this rule: reading one's own profile does
 * not make one a keeper of archives.
 */
export function can(actor: Actor, action: RecordAction, person?: PersonPlace): boolean {
  const permission = PERMISSION[action];
  if (!actor.permissions.has(permission)) return false;
  if (!person) return true;
  return canPerson(actor, 'read', person) && reaches(actor, permission, person.unit);
}

/**
 * SQL condition on `units` for the units whose people's archives the actor reads: reach for
 * trainingRecord.read and for person.read alike (`false` when none). The below-requirement list
 * and its export filter by it.
 */
export function archiveUnitScope(actor: Actor): SQL | undefined {
  if (!actor.permissions.has('trainingRecord.read') || !actor.permissions.has('person.read'))
    return sql`false`;
  return and(unitScope(actor, 'trainingRecord.read'), unitScope(actor, 'person.read'));
}
