import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { dictionaryItems, regions, units, userRoles, users } from '../../db/schema/index.js';
import type { FieldProblem } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';

/** The fields of a class body that name other records (each checked only when present). */
export interface ClassReferences {
  kind?: string;
  leadOrganiserId?: string;
  coOrganiserIds?: string[];
  hostInstitutionId?: string | null;
  cityCode?: string | null;
  directorId?: string | null;
  assistantIds?: string[];
}

export interface ReferencedUnit {
  id: string;
  name: string;
  path: string;
  regionCode: string;
  status: 'active' | 'merged';
}

/** The class kind dictionary (configurable list). */
export const CLASS_KIND_LIST = 'class_kind';

/** The active class directors among `ids` (users with the role whose account is enabled). */
export async function activeClassDirectors(exec: Executor, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await exec
    .select({ id: users.id })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(
      and(inArray(users.id, [...ids]), eq(users.status, 'active'), eq(userRoles.role, 'class_director')),
    );
  return new Set(rows.map((r) => r.id));
}

/**
 * Every active class director (id and display name), for the organiser's director and assistant
 * pickers: staff names, no personal data beyond them.
 */
export async function listClassDirectors(exec: Executor): Promise<{ id: string; name: string }[]> {
  return exec
    .selectDistinct({ id: users.id, name: users.displayName })
    .from(users)
    .innerJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.status, 'active'), eq(userRoles.role, 'class_director')))
    .orderBy(users.displayName, users.id);
}

/**
 * Checks what a class body refers to: an active `class_kind` item, existing active units, a current
 * region, class directors. Returns every problem (field errors) and the units found, which the
 * caller needs for the organiser checks. Runs on `exec` (inside a transaction when there is one:
 * PGlite cannot answer another connection's query meanwhile).
 */
export async function checkReferences(
  exec: Executor,
  refs: ClassReferences,
): Promise<{ problems: FieldProblem[]; units: Map<string, ReferencedUnit> }> {
  const problems: FieldProblem[] = [];
  if (refs.kind !== undefined) {
    const [item] = await exec
      .select({ code: dictionaryItems.code })
      .from(dictionaryItems)
      .where(
        and(
          eq(dictionaryItems.dictionaryCode, CLASS_KIND_LIST),
          eq(dictionaryItems.code, refs.kind),
          eq(dictionaryItems.active, true),
        ),
      );
    if (!item) problems.push({ path: 'kind', key: 'unknown_code', x: refs.kind });
  }

  const unitFields: [string, string][] = [];
  if (refs.leadOrganiserId) unitFields.push(['leadOrganiserId', refs.leadOrganiserId]);
  refs.coOrganiserIds?.forEach((id, i) => {
    unitFields.push([`coOrganiserIds.${i}`, id]);
  });
  if (refs.hostInstitutionId) unitFields.push(['hostInstitutionId', refs.hostInstitutionId]);
  const found = unitFields.length
    ? await exec
        .select({
          id: units.id,
          name: units.name,
          path: units.path,
          regionCode: units.regionCode,
          status: units.status,
        })
        .from(units)
        .where(inArray(units.id, [...new Set(unitFields.map(([, id]) => id))]))
    : [];
  const unitMap = new Map(found.map((u) => [u.id, u]));
  for (const [path, id] of unitFields) {
    const unit = unitMap.get(id);
    if (!unit) problems.push({ path, key: 'unit_not_found' });
    else if (unit.status !== 'active') problems.push({ path, key: 'unit_merged' });
  }

  if (refs.cityCode) {
    const [region] = await exec
      .select({ validTo: regions.validTo })
      .from(regions)
      .where(eq(regions.code, refs.cityCode));
    if (!region) problems.push({ path: 'cityCode', key: 'region_not_found' });
    else if (region.validTo !== null && region.validTo <= shanghaiToday())
      problems.push({ path: 'cityCode', key: 'region_abolished' });
  }

  const staff: [string, string][] = [];
  if (refs.directorId) staff.push(['directorId', refs.directorId]);
  refs.assistantIds?.forEach((id, i) => {
    staff.push([`assistantIds.${i}`, id]);
  });
  const directors = await activeClassDirectors(
    exec,
    staff.map(([, id]) => id),
  );
  for (const [path, id] of staff)
    if (!directors.has(id)) problems.push({ path, key: 'director_not_class_director' });

  return { problems, units: unitMap };
}
