import { type Permission, ROLE_PERMISSIONS, regionPrefix } from '@ganxun/domain';
import { or, type SQL, sql } from 'drizzle-orm';
import { plans, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { mayOrganise } from '../classes/policy.js';
import type { UnitPlace } from '../units/policy.js';

/**
 * Who may do what with an annual plan: the same reach as organising a class (classes/policy.ts
 * `mayOrganise`) on the plan's organiser unit — an org admin over the organisers of their region
 * subtree, a training officer over their institution's subtree — each grant for its own role's
 * permissions. Approving (plan.approve) is the org admin's only.
 */
export type PlanAction = 'read' | 'edit' | 'approve';

export const PLAN_PERMISSION: Record<PlanAction, Permission> = {
  read: 'plan.read',
  edit: 'plan.edit',
  approve: 'plan.approve',
};

/** Does the actor reach a plan of this organiser for `action`? */
export function reachesPlan(actor: Actor, action: PlanAction, organiser: UnitPlace): boolean {
  return mayOrganise(actor, organiser, PLAN_PERMISSION[action]);
}

/** SQL condition on `plans`: the plans whose organiser the actor reaches for `action`. */
export function planScope(actor: Actor | null, action: PlanAction = 'read'): SQL {
  if (!actor) return sql`false`;
  const permission = PLAN_PERMISSION[action];
  if (!actor.permissions.has(permission)) return sql`false`;
  const conditions: SQL[] = [];
  for (const g of actor.roles) {
    if (!ROLE_PERMISSIONS[g.role].includes(permission) || !g.scopeId) continue;
    if (g.role === 'org_admin') conditions.push(sql`o.region_code like ${`${regionPrefix(g.scopeId)}%`}`);
    else if (g.role === 'training_officer') conditions.push(sql`position(${`/${g.scopeId}/`} in o.path) > 0`);
  }
  if (conditions.length === 0) return sql`false`;
  return sql`exists (select 1 from ${units} o where o.id = ${plans.organiserId} and (${or(...conditions)}))`;
}
