import {
  type ClassStatus,
  holderCovers,
  type Permission,
  type QuotaHolder,
  ROLE_PERMISSIONS,
  regionPrefix,
  type WorkPlace,
} from '@ganxun/domain';
import { and, eq, inArray, ne, or, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classes, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { UnitPlace } from '../units/policy.js';

/**
 * Who may do what with a class (docs/ARCHITECTURE.md, "Classes and their reach").
 *
 * - A class is *run* by the org admins of the region of any of its organisers (lead, co-organiser,
 *   host institution), by the training officers of an institution that organises or hosts it, and
 *   by the users the organiser names as its director or assistants (class directors).
 * - Liaisons and org admins *nominate* against the quotas their places fall under (a region quota
 *   covers a nominator in its subtree or above it; a unit quota one inside it or above it); they
 *   see published classes that have such a quota.
 * - A trainee sees the classes they are nominated to or enrolled in, and open classes (self-
 *   registration) once published.
 *
 * Each grant counts only for its own role's permissions, as in units/policy.ts.
 */
export type ClassAction =
  | 'read'
  | 'edit'
  | 'approve'
  | 'roster'
  | 'export'
  | 'contacts'
  | 'timetable'
  | 'leave'
  | 'evaluate'
  | 'complete'
  | 'certify'
  | 'moderate'
  | 'taskforce'
  | 'incident'
  | 'notice'
  | 'logistics';

export const CLASS_PERMISSION: Record<ClassAction, Permission> = {
  read: 'class.read',
  edit: 'class.edit',
  approve: 'nomination.approve',
  roster: 'enrollment.edit',
  export: 'roster.export',
  contacts: 'roster.contacts',
  timetable: 'timetable.edit',
  /** First-level leave decisions; the second level needs `approve` (nomination.approve). */
  leave: 'leave.decide',
  evaluate: 'survey.manage',
  complete: 'completion.decide',
  certify: 'certificate.issue',
  /** Question boards (issue 10); the item's host lecturer moderates its board too. */
  moderate: 'question.moderate',
  /** Running a class (issue 9). */
  taskforce: 'taskforce.manage',
  incident: 'incident.manage',
  notice: 'notice.send',
  /** Accommodation, meals, pick-ups and materials (issue 9). */
  logistics: 'logistics.manage',
};

/** What the pure checks need to know of a class. */
export interface ClassPlace {
  id: string;
  status: ClassStatus;
  directorId: string | null;
  assistantIds: readonly string[];
  /** The lead organiser, co-organisers and host institution. */
  organisers: readonly UnitPlace[];
}

const grantsWith = (actor: Actor, permission: Permission) =>
  actor.roles.filter((g) => ROLE_PERMISSIONS[g.role].includes(permission));

/** Does the actor run this class for `permission` (organiser reach or named staff)? */
export function runs(actor: Actor, action: ClassAction, place: ClassPlace): boolean {
  const permission = CLASS_PERMISSION[action];
  if (!actor.permissions.has(permission)) return false;
  return grantsWith(actor, permission).some((g) => {
    switch (g.role) {
      case 'org_admin': {
        if (!g.scopeId) return false;
        const prefix = regionPrefix(g.scopeId);
        return place.organisers.some((u) => u.regionCode.startsWith(prefix));
      }
      case 'training_officer':
        return !!g.scopeId && place.organisers.some((u) => u.path.includes(`/${g.scopeId}/`));
      case 'class_director':
        return place.directorId === actor.id || place.assistantIds.includes(actor.id);
      default:
        return false;
    }
  });
}

/** May the actor create a class (or plan) with this lead organiser? Same reach as running one. */
export function mayOrganise(
  actor: Actor,
  organiser: UnitPlace,
  permission: Permission = 'class.edit',
): boolean {
  if (!actor.permissions.has(permission)) return false;
  return grantsWith(actor, permission).some((g) => {
    if (g.role === 'org_admin')
      return !!g.scopeId && organiser.regionCode.startsWith(regionPrefix(g.scopeId));
    if (g.role === 'training_officer') return !!g.scopeId && organiser.path.includes(`/${g.scopeId}/`);
    return false;
  });
}

/** SQL `regionPrefix(col)`: 420000 → 42, 422800 → 4228, 422801 → 422801. */
export function regionPrefixSql(col: SQL | SQL.Aliased | unknown): SQL {
  return sql`(case when ${col} like '%0000' then left(${col}, 2) when ${col} like '%00' then left(${col}, 4) else ${col} end)`;
}

// One `= any(array)` rather than three `or`ed equalities: the planner probes the units' primary key
// instead of scanning every unit once per class (158 ms → 3 ms over a province's 5,000 classes).
const organiserUnits = sql`(select u.region_code, u.path from ${units} u where u.id = any(array[${classes.leadOrganiserId}, ${classes.hostInstitutionId}]::uuid[] || ${classes.coOrganiserIds}))`;

/**
 * SQL condition on `classes` for the classes the actor runs for `action` (`false` when none).
 * Lists of classes and every aggregate over them filter by it (with the other read paths below).
 */
export function runScope(actor: Actor | null, action: ClassAction): SQL {
  if (!actor) return sql`false`;
  const permission = CLASS_PERMISSION[action];
  if (!actor.permissions.has(permission)) return sql`false`;
  const conditions: SQL[] = [];
  for (const g of grantsWith(actor, permission)) {
    if (g.role === 'org_admin' && g.scopeId) {
      conditions.push(
        sql`exists (select 1 from ${organiserUnits} o where o.region_code like ${`${regionPrefix(g.scopeId)}%`})`,
      );
    } else if (g.role === 'training_officer' && g.scopeId) {
      conditions.push(
        sql`exists (select 1 from ${organiserUnits} o where position(${`/${g.scopeId}/`} in o.path) > 0)`,
      );
    } else if (g.role === 'class_director') {
      conditions.push(
        sql`(${classes.directorId} = ${actor.id} or ${actor.id}::uuid = any(${classes.assistantIds}))`,
      );
    }
  }
  if (conditions.length === 0) return sql`false`;
  return (conditions.length === 1 ? conditions[0] : or(...conditions)) as SQL;
}

/** Where the actor nominates from: org admins' region prefixes and liaisons' units. */
export interface NominatorPlaces {
  regionPrefixes: string[];
  units: (UnitPlace & { id: string })[];
}

/** The actor's nominating places (liaison units are looked up: their path and region). */
export async function nominatorPlaces(db: Executor, actor: Actor | null): Promise<NominatorPlaces> {
  if (!actor?.permissions.has('nomination.create')) return { regionPrefixes: [], units: [] };
  const grants = grantsWith(actor, 'nomination.create');
  const regionPrefixes = grants
    .filter((g) => g.role === 'org_admin' && g.scopeId)
    .map((g) => regionPrefix(g.scopeId as string));
  const unitIds = grants
    .filter((g) => g.role === 'unit_liaison' && g.scopeId)
    .map((g) => g.scopeId as string);
  const found = unitIds.length
    ? await db
        .select({ id: units.id, path: units.path, regionCode: units.regionCode })
        .from(units)
        .where(inArray(units.id, unitIds))
    : [];
  return { regionPrefixes, units: found };
}

/** A quota's holder with the place of a unit holder (its path and region). */
export type PlacedHolder =
  | { kind: 'region'; regionCode: string }
  | { kind: 'unit'; unitId: string; path: string; regionCode: string };

/**
 * May a nominator at these places nominate against this quota? A region quota: the nominator's
 * region is inside it or contains it (a provincial org admin fills any city's quota). A unit
 * quota: the nominator's unit is inside or above it, or an org admin's region contains it.
 */
export function mayUseQuota(places: NominatorPlaces, holder: PlacedHolder): boolean {
  if (holder.kind === 'region') {
    const q = regionPrefix(holder.regionCode);
    return (
      places.regionPrefixes.some((p) => p.startsWith(q) || q.startsWith(p)) ||
      places.units.some((u) => u.regionCode.startsWith(q))
    );
  }
  return (
    places.regionPrefixes.some((p) => holder.regionCode.startsWith(p)) ||
    places.units.some((u) => holder.path.includes(`/${u.id}/`) || u.path.includes(`/${holder.unitId}/`))
  );
}

/**
 * May this nominator put forward a person working at `person` against `holder`? The person must be
 * covered by the quota and lie within one of the nominator's own places.
 */
export function mayNominate(places: NominatorPlaces, holder: QuotaHolder | null, person: WorkPlace): boolean {
  const inReach =
    places.regionPrefixes.some((p) => person.regionCode.startsWith(p)) ||
    places.units.some((u) => person.path.includes(`/${u.id}/`));
  return inReach && (holder === null || holderCovers(holder, person));
}

/** SQL on `classes`: published-or-later classes with a quota the nominator may use. */
export function nominateScope(places: NominatorPlaces): SQL {
  const conditions: SQL[] = [];
  for (const p of places.regionPrefixes) {
    conditions.push(sql`(q.region_code is not null and (q.region_code like ${`${p}%`} or ${p} like ${regionPrefixSql(sql`q.region_code`)} || '%'))
      or (q.unit_id is not null and qu.region_code like ${`${p}%`})`);
  }
  for (const u of places.units) {
    conditions.push(sql`(q.region_code is not null and ${u.regionCode} like ${regionPrefixSql(sql`q.region_code`)} || '%')
      or (q.unit_id is not null and (position(${`/${u.id}/`} in qu.path) > 0 or position('/' || q.unit_id::text || '/' in ${u.path}) > 0))`);
  }
  if (conditions.length === 0) return sql`false`;
  return sql`(${classes.status} <> 'draft' and exists (select 1 from class_quotas q left join ${units} qu on qu.id = q.unit_id
    where q.class_id = ${classes.id} and (${sql.join(conditions, sql` or `)})))`;
}

/** SQL on `classes`: classes the actor takes part in as a trainee, or has nominated someone to. */
export function participantScope(actor: Actor): SQL {
  return sql`(exists (select 1 from nominations n join people p on p.id = n.person_id
      where n.class_id = ${classes.id} and p.user_id = ${actor.id})
    or exists (select 1 from enrollments e join people p on p.id = e.person_id
      where e.class_id = ${classes.id} and p.user_id = ${actor.id})
    or exists (select 1 from nominations n where n.class_id = ${classes.id} and n.nominated_by = ${actor.id}))`;
}

/** SQL on `classes`: open classes (self-registration) a trainee may see while they take registrations. */
export function openScope(actor: Actor): SQL {
  if (!actor.permissions.has('class.register')) return sql`false`;
  return and(
    eq(classes.selfRegistration, true),
    inArray(classes.status, ['published', 'nominations_closed', 'in_progress']),
  ) as SQL;
}

/** Every class the actor may read: run, nominate to, take part in, or register for. */
export function readScope(actor: Actor | null, places: NominatorPlaces): SQL {
  if (!actor) return sql`false`;
  if (!actor.permissions.has('class.read')) return participantScope(actor);
  return or(runScope(actor, 'read'), nominateScope(places), participantScope(actor), openScope(actor)) as SQL;
}

/** Published classes only (for lists that should not show drafts to nominators). */
export const notDraft = ne(classes.status, 'draft');
