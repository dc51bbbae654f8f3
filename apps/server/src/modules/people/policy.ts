import type { Permission } from '@ganxun/domain';
import { eq, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { reaches, type UnitPlace, unitScope } from '../units/policy.js';

export type PersonAction = 'read' | 'create' | 'update' | 'reveal' | 'export' | 'import' | 'createAccount';

const PERSON_PERMISSION: Record<PersonAction, Permission> = {
  read: 'person.read',
  create: 'person.edit',
  update: 'person.edit',
  reveal: 'person.reveal',
  export: 'person.export',
  import: 'person.import',
  createAccount: 'person.account.create',
};

/** What a policy needs to know of a person: where they work, and whose account they are. */
export interface PersonPlace {
  userId: string | null;
  unit: UnitPlace;
}

/**
 * May the actor do this to a person? A person's own record is readable (and revealable) by them;
 * everything else follows the unit the person works in (units/policy.ts).
 */
export function can(actor: Actor, action: PersonAction, person?: PersonPlace): boolean {
  const self = !!person && person.userId === actor.id;
  if (self && (action === 'read' || action === 'reveal')) return true;
  const permission = PERSON_PERMISSION[action];
  if (!actor.permissions.has(permission)) return false;
  return person ? reaches(actor, permission, person.unit) : true;
}

/**
 * SQL condition on `people` for the people the actor may read (or act on with `permission`):
 * their own record plus everyone in the units their grants reach. Every list, export and count of
 * people filters by it.
 */
export function scopeFor(
  actor: Actor | null,
  db: Db,
  permission: Permission = 'person.read',
): SQL | undefined {
  if (!actor) return sql`false`;
  const own = eq(people.userId, actor.id);
  if (!actor.permissions.has(permission)) return own;
  const reach = unitScope(actor, permission);
  if (reach === undefined) return undefined;
  const inUnits = inArray(people.unitId, db.select({ id: units.id }).from(units).where(reach));
  return or(own, inUnits);
}
