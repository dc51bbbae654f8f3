import {
  normalizeIdNumber,
  type Permission,
  type PersonFilter,
  type PersonSort,
  regionPrefix,
} from '@ganxun/domain';
import { and, asc, desc, eq, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, units, users } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { unitScope } from '../units/policy.js';
import { escapeLike } from '../users/service.js';
import { idNumberHash } from './record.js';

/**
 * The columns of a person that lists, exports and pages show: masked personal information only
 * (never the ciphertexts, so a list cannot decrypt by mistake), the unit's name and region from a
 * join, the account's username.
 */
export const summaryColumns = {
  id: people.id,
  name: people.name,
  namePinyin: people.namePinyin,
  gender: people.gender,
  ethnicity: people.ethnicity,
  birthDate: people.birthDate,
  idNumberMasked: people.idNumberMasked,
  mobileMasked: people.mobileMasked,
  politicalStatus: people.politicalStatus,
  education: people.education,
  unitId: people.unitId,
  unitName: units.name,
  regionCode: units.regionCode,
  post: people.post,
  rank: people.rank,
  category: people.category,
  specialty: people.specialty,
  status: people.status,
  requirementOverride: people.requirementOverride,
  userId: people.userId,
  username: users.username,
  updatedAt: people.updatedAt,
};

const ID_NUMBER = /^\d{17}[\dX]$/;
const LATIN = /^[a-z\s]+$/i;

/**
 * What `q` means: a whole ID number is looked up by its keyed hash (exact, and the only way to find
 * someone by ID number, since only the hash is searchable); Latin letters are a pinyin or initials
 * prefix (`zhangsan`, `zs`); anything else is a substring of the name. A substring also has to
 * contain each of its characters (`@>` on the name's characters), which a GIN index on
 * `regexp_split_to_array(name, '')` can answer; without the index it costs what the LIKE costs.
 * LIKE rather than ILIKE when the text has no Latin letter: case folding doubles the scan's cost.
 */
export function searchCondition(cipher: FieldCipher, q: string): SQL | undefined {
  const trimmed = q.trim();
  if (!trimmed) return undefined;
  const id = normalizeIdNumber(trimmed);
  if (ID_NUMBER.test(id)) return eq(people.idNumberHash, idNumberHash(cipher, id));
  if (LATIN.test(trimmed)) {
    const letters = trimmed.toLowerCase().replace(/\s+/g, '');
    return or(
      sql`${people.namePinyin} like ${`${letters}%`}`,
      sql`${people.nameInitials} like ${`${letters}%`}`,
    );
  }
  const pattern = `%${escapeLike(trimmed)}%`;
  const chars = [...new Set(trimmed)].map((c) => sql`${c}`);
  return and(
    sql`regexp_split_to_array(${people.name}, '') @> array[${sql.join(chars, sql`, `)}]::text[]`,
    /[a-z]/i.test(trimmed) ? ilike(people.name, pattern) : like(people.name, pattern),
  );
}

/** Above this many units, the scope stays a subquery rather than a list of ids. */
const MAX_UNIT_IDS = 2_000;

/**
 * The WHERE of a people list, count or export, on `people` alone: the reader's scope and the
 * filters.
 *
 * The scope is policy.ts's `scopeFor` (own record, plus the people of the units the reader's grants
 * reach), resolved ahead instead of left to the planner: the units that are both reached and
 * selected by the unit and region filters are read first (a small indexed query) and the people are
 * then filtered by `unit_id = any(ids)`, and the reader's own record is added by id only when it
 * lies outside those units. Written as scopeFor is (`user_id = me OR unit_id IN (…)`), the OR and
 * the unit subquery keep PostgreSQL from using the indexes on people, so every list and count of a
 * liaison scanned all people. The tests check that both give the same people.
 */
export async function peopleWhere(
  db: Db,
  cipher: FieldCipher,
  actor: Actor | null,
  filter: PersonFilter,
  permission: Permission = 'person.read',
): Promise<SQL> {
  const personFilters = [
    filter.q ? searchCondition(cipher, filter.q) : undefined,
    filter.category ? eq(people.category, filter.category) : undefined,
    filter.specialty ? eq(people.specialty, filter.specialty) : undefined,
    filter.rank ? eq(people.rank, filter.rank) : undefined,
    filter.status ? eq(people.status, filter.status) : undefined,
    filter.gender ? eq(people.gender, filter.gender) : undefined,
  ];
  if (!actor) return sql`false`;

  let subtree: string | null = null;
  if (filter.unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, filter.unitId));
    if (!unit) return sql`false`;
    subtree = unit.path;
  }
  const region = filter.regionCode ? regionPrefix(filter.regionCode) : null;
  const selected = and(
    subtree ? sql`${units.path} like ${`${subtree}%`}` : undefined,
    region ? sql`${units.regionCode} like ${`${region}%`}` : undefined,
  );
  const reach = actor.permissions.has(permission) ? unitScope(actor, permission) : sql`false`;
  const unitWhere = and(reach, selected) ?? sql`true`;

  const [ids, [own]] = await Promise.all([
    db
      .select({ id: units.id })
      .from(units)
      .where(unitWhere)
      .limit(MAX_UNIT_IDS + 1),
    db
      .select({ id: people.id, unitId: people.unitId, path: units.path, regionCode: units.regionCode })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.userId, actor.id)),
  ]);
  const inUnits =
    ids.length > MAX_UNIT_IDS
      ? inArray(people.unitId, db.select({ id: units.id }).from(units).where(unitWhere))
      : ids.length === 0
        ? sql`false`
        : sql`${people.unitId} = any(${`{${ids.map((u) => u.id).join(',')}}`}::uuid[])`;
  const ownSelected =
    !!own &&
    (!subtree || own.path.startsWith(subtree)) &&
    (!region || own.regionCode.startsWith(region)) &&
    !ids.some((u) => u.id === own.unitId);
  const scope = ownSelected ? or(inUnits, eq(people.id, own.id)) : inUnits;
  return and(scope, ...personFilters) ?? sql`true`;
}

const SORT_COLUMNS = {
  name: people.name,
  birthDate: people.birthDate,
  updatedAt: people.updatedAt,
  namePinyin: people.namePinyin,
} as const;

/** ORDER BY for a sort key (`-` for descending), ties broken by id so pages are stable. */
export function peopleOrder(sort: `${'' | '-'}${PersonSort}` | undefined): SQL[] {
  const key = (sort?.replace(/^-/, '') ?? 'namePinyin') as PersonSort;
  const column = SORT_COLUMNS[key] ?? people.namePinyin;
  const descending = sort?.startsWith('-') ?? false;
  return [descending ? desc(column) : asc(column), descending ? desc(people.id) : asc(people.id)];
}

/** `people JOIN units LEFT JOIN users` selecting the summary columns. */
export function selectSummaries(db: Db) {
  return db
    .select(summaryColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .leftJoin(users, eq(users.id, people.userId));
}

export type PersonSummary = Awaited<ReturnType<ReturnType<typeof selectSummaries>['execute']>>[number];
