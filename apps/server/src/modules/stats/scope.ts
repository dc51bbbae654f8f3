import { type SQL, sql } from 'drizzle-orm';
import { classes, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { runScope } from '../classes/policy.js';
import { type UnitScopeColumns, unitScope } from '../units/policy.js';

/**
 * What a statistic may count (docs/ARCHITECTURE.md, "Statistics and their scope"):
 *
 * - an **enrolment** counts when the reader runs its class (the class reach of
 *   modules/classes/policy.ts: org admins by the organisers' region, training officers by their
 *   institution, directors their own classes) **or** the trainee works in a unit the reader's
 *   `stats.read` grants reach (an org admin's region, a liaison's unit, a training officer's
 *   institution) — "what I run, and my own people";
 * - an **evaluation** (anonymous) counts only for classes the reader runs;
 * - a **secondment** counts within `secondmentScope` (modules/partnerships/policy.ts).
 */

/** SQL on `classes` (un-aliased): the classes the reader runs. */
export function runClassSql(actor: Actor | null): SQL {
  return runScope(actor, 'read');
}

/** SQL on a units alias (the trainee's unit): the units whose people the reader's statistics reach. */
export function ownPeopleSql(actor: Actor | null, unit: UnitScopeColumns): SQL {
  if (!actor?.permissions.has('stats.read')) return sql`false`;
  return unitScope(actor, 'stats.read', unit) ?? sql`true`;
}

/**
 * The same two conditions as sets, for aggregates over many rows: `class_id IN (…)` and
 * `unit_id IN (…)` are planned as hashed sub-plans, evaluated once per statement instead of once
 * per enrolment (the per-row forms above run an EXISTS over the organisers for every row).
 */
export function runClassIdsSql(actor: Actor | null, narrowing?: SQL): SQL {
  // `narrowing` (the period) first: the organiser check then runs for the period's classes only.
  return sql`(select ${classes.id} from ${classes} where ${narrowing ?? sql`true`} and ${runClassSql(actor)})`;
}

/** The ids of the units whose people the reader's statistics reach (all units: `true`). */
export function ownUnitIdsSql(actor: Actor | null): SQL {
  if (!actor?.permissions.has('stats.read')) return sql`(select null::uuid where false)`;
  const reach = unitScope(actor, 'stats.read');
  return sql`(select ${units.id} from ${units} where ${reach ?? sql`true`})`;
}
