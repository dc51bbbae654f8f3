import { type Permission, ROLE_PERMISSIONS, regionPrefix } from '@ganxun/domain';
import { or, type SQL, sql } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { units } from '../../db/schema/index.js';
import type { Actor, RoleGrant } from '../../platform/context.js';

/**
 * Where a directory grant reaches. An org admin's scope is a region subtree, a liaison's or a
 * training officer's a unit subtree; a class director (and a training officer, for reading units
 * only) sees every unit, since organisers and host units come from anywhere, and so does the
 * security admin, who picks the units that liaisons' and officers' roles are scoped to. Each grant
 * counts only for the permissions of its own role, so a user who is liaison of one unit and org
 * admin of a region edits exactly the union of the two.
 */
export interface UnitPlace {
  /** Materialised path `/root/…/self/` of the unit. */
  path: string;
  regionCode: string;
}

type Reach = { kind: 'all' } | { kind: 'region'; prefix: string } | { kind: 'unit'; unitId: string };

function reachOf(grant: RoleGrant, permission: Permission): Reach | null {
  if (!ROLE_PERMISSIONS[grant.role].includes(permission)) return null;
  switch (grant.role) {
    case 'org_admin':
      return grant.scopeId ? { kind: 'region', prefix: regionPrefix(grant.scopeId) } : null;
    case 'unit_liaison':
      return grant.scopeId ? { kind: 'unit', unitId: grant.scopeId } : null;
    case 'training_officer':
      if (permission === 'unit.read') return { kind: 'all' };
      return grant.scopeId ? { kind: 'unit', unitId: grant.scopeId } : null;
    case 'class_director':
      return permission === 'unit.read' ? { kind: 'all' } : null;
    // Picks the unit of a liaison's or training officer's role from the whole tree: unit names are
    // organisational, not personal data (docs/security.md, 三员分立).
    case 'security_admin':
      return permission === 'unit.read' ? { kind: 'all' } : null;
    default:
      return null;
  }
}

/** The reaches of every grant of the actor that holds `permission`. */
export function reachesOf(actor: Actor, permission: Permission): Reach[] {
  return actor.roles.map((g) => reachOf(g, permission)).filter((r): r is Reach => r !== null);
}

/** Is a unit at this place within what the actor may do `permission` on? */
export function reaches(actor: Actor, permission: Permission, place: UnitPlace): boolean {
  return reachesOf(actor, permission).some((r) =>
    r.kind === 'all'
      ? true
      : r.kind === 'region'
        ? place.regionCode.startsWith(r.prefix)
        : place.path.includes(`/${r.unitId}/`),
  );
}

/** The columns a scope condition reads: those of `units`, or of an alias of it (a parent in a self-join). */
export interface UnitScopeColumns {
  regionCode: AnyPgColumn;
  path: AnyPgColumn;
}

/**
 * SQL condition on `units` for the units the actor may do `permission` on (`false` when none).
 * Lists and aggregates of units, and of anything that belongs to a unit, filter by it. `table`
 * names an alias of `units` instead (tree roots test the parent's scope).
 */
export function unitScope(
  actor: Actor | null,
  permission: Permission,
  table: UnitScopeColumns = units,
): SQL | undefined {
  if (!actor) return sql`false`;
  const conditions: SQL[] = [];
  for (const r of reachesOf(actor, permission)) {
    if (r.kind === 'all') return undefined;
    if (r.kind === 'region') conditions.push(sql`${table.regionCode} like ${`${r.prefix}%`}`);
    else conditions.push(sql`position(${`/${r.unitId}/`} in ${table.path}) > 0`);
  }
  if (conditions.length === 0) return sql`false`;
  return conditions.length === 1 ? conditions[0] : or(...conditions);
}

export type UnitAction = 'read' | 'create' | 'update' | 'move' | 'merge';

const UNIT_PERMISSION: Record<UnitAction, Permission> = {
  read: 'unit.read',
  create: 'unit.edit',
  update: 'unit.edit',
  move: 'unit.edit',
  merge: 'unit.merge',
};

/**
 * May the actor do this to a unit? Without a unit: does any role grant the action at all (routes
 * ask this first, so a role without the right is denied before any look-up).
 */
export function can(actor: Actor, action: UnitAction, unit?: UnitPlace): boolean {
  const permission = UNIT_PERMISSION[action];
  if (!actor.permissions.has(permission)) return false;
  return unit ? reaches(actor, permission, unit) : true;
}
