import { type Permission, ROLE_PERMISSIONS, regionPrefix } from '@ganxun/domain';
import { inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { partnerships, secondments, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { UnitPlace } from '../units/policy.js';

/**
 * Who reaches a pairing and its secondments (docs/security.md, "Talent exchange").
 *
 * - An org admin reaches the pairings with a side in their region subtree — both directions, all
 *   their secondments, joint classes and talks: the organisation department of either side runs
 *   the pairing. The province's admin sees every pairing of the province's cities.
 * - A unit liaison reads the secondments of their units: those whose home unit or host unit is in
 *   their unit subtree (the people they send and the people they receive).
 * - The secondee reads their own secondments (through /me/secondments) and writes their work log.
 *
 * Each grant counts only for its own role's permissions, as in units/policy.ts. Every list and
 * every statistic filters by `partnershipScope` / `secondmentScope` in SQL.
 */
export interface PartnershipPlace {
  sideARegionCode: string;
  sideBRegionCode: string;
}

export interface SecondmentPlace {
  partnership: PartnershipPlace;
  homeUnit: UnitPlace;
  hostUnit: UnitPlace;
}

const grantsWith = (actor: Actor, permission: Permission) =>
  actor.roles.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));

const regionPrefixes = (actor: Actor, permission: Permission) =>
  grantsWith(actor, permission)
    .filter((g) => g.role === 'org_admin' && g.scopeId)
    .map((g) => regionPrefix(g.scopeId as string));

const liaisonUnits = (actor: Actor, permission: Permission) =>
  grantsWith(actor, permission)
    .filter((g) => g.role === 'unit_liaison' && g.scopeId)
    .map((g) => g.scopeId as string);

/** Does the actor reach this pairing for `permission` (an org admin of either side)? */
export function reachesPartnership(actor: Actor, permission: Permission, place: PartnershipPlace): boolean {
  if (!actor.permissions.has(permission)) return false;
  return regionPrefixes(actor, permission).some(
    (p) => place.sideARegionCode.startsWith(p) || place.sideBRegionCode.startsWith(p),
  );
}

/** Does the actor reach this secondment for `permission` (through its pairing, or its units)? */
export function reachesSecondment(actor: Actor, permission: Permission, place: SecondmentPlace): boolean {
  if (!actor.permissions.has(permission)) return false;
  if (reachesPartnership(actor, permission, place.partnership)) return true;
  return liaisonUnits(actor, permission).some(
    (id) => place.homeUnit.path.includes(`/${id}/`) || place.hostUnit.path.includes(`/${id}/`),
  );
}

/** SQL condition on `partnerships` for the pairings the actor reaches for `permission`. */
export function partnershipScope(actor: Actor | null, permission: Permission = 'partnership.read'): SQL {
  if (!actor?.permissions.has(permission)) return sql`false`;
  const conditions = regionPrefixes(actor, permission).flatMap((p) => [
    sql`${partnerships.sideARegionCode} like ${`${p}%`}`,
    sql`${partnerships.sideBRegionCode} like ${`${p}%`}`,
  ]);
  if (conditions.length === 0) return sql`false`;
  return or(...conditions) as SQL;
}

/**
 * SQL condition on `secondments` for the secondments the actor reaches for `permission`: those of
 * the pairings they reach, and those with a home or host unit in a liaison's unit subtree.
 */
export function secondmentScope(
  actor: Actor | null,
  db: Db,
  permission: Permission = 'secondment.read',
): SQL {
  if (!actor?.permissions.has(permission)) return sql`false`;
  const conditions: SQL[] = [];
  if (regionPrefixes(actor, permission).length > 0)
    conditions.push(
      inArray(
        secondments.partnershipId,
        db.select({ id: partnerships.id }).from(partnerships).where(partnershipScope(actor, permission)),
      ),
    );
  const unitIds = liaisonUnits(actor, permission);
  if (unitIds.length > 0) {
    const inTree = or(...unitIds.map((id) => sql`position(${`/${id}/`} in ${units.path}) > 0`)) as SQL;
    const reached = db.select({ id: units.id }).from(units).where(inTree);
    conditions.push(inArray(secondments.homeUnitId, reached), inArray(secondments.hostUnitId, reached));
  }
  if (conditions.length === 0) return sql`false`;
  return or(...conditions) as SQL;
}
