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
 * (never the ciphertexts, so a list cannot decrypt by mistake).
 */
const rowColumns = {
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
  post: people.post,
  rank: people.rank,
  category: people.category,
  specialty: people.specialty,
  status: people.status,
  requirementOverride: people.requirementOverride,
  userId: people.userId,
  updatedAt: people.updatedAt,
};

type PersonListRow = Pick<typeof people.$inferSelect, keyof typeof rowColumns>;

/** A list row with its unit's name and region and the account's username. */
export interface PersonSummary extends PersonListRow {
  unitName: string;
  regionCode: string;
  username: string | null;
}

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
      .select({ id: units.id, total: sql<number>`(select count(*) from ${units})`.mapWith(Number) })
      .from(units)
      .where(unitWhere)
      .limit(MAX_UNIT_IDS + 1),
    db
      .select({ id: people.id, unitId: people.unitId, path: units.path, regionCode: units.regionCode })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.userId, actor.id)),
  ]);
  // A reader who reaches every unit (a province's org admin) needs no unit condition at all when
  // no unit filter applies: counting all people then reads one index instead of testing each row.
  const everyUnit = !selected && ids.length <= MAX_UNIT_IDS && ids.length > 0 && ids.length === ids[0]?.total;
  const inUnits = everyUnit
    ? undefined
    : ids.length > MAX_UNIT_IDS
      ? inArray(people.unitId, db.select({ id: units.id }).from(units).where(unitWhere))
      : ids.length === 0
        ? sql`false`
        : sql`${people.unitId} = any(${`{${ids.map((u) => u.id).join(',')}}`}::uuid[])`;
  const ownSelected =
    !!own &&
    (!subtree || own.path.startsWith(subtree)) &&
    (!region || own.regionCode.startsWith(region)) &&
    !ids.some((u) => u.id === own.unitId);
  const scope = ownSelected && inUnits ? or(inUnits, eq(people.id, own.id)) : inUnits;
  return and(scope, ...personFilters) ?? sql`true`;
}

const SORT_COLUMNS = {
  name: people.name,
  birthDate: people.birthDate,
  updatedAt: people.updatedAt,
  namePinyin: people.namePinyin,
} as const;

/**
 * ORDER BY for a sort key (`-` for descending), ties broken by id so pages are stable. With a
 * search the key is sorted as a value (`searching`): matches of a search cluster in the sort order
 * (`zhang…` all sit near the end of the pinyin index), and walking that index for the first twenty
 * matches read 90,000 rows where sorting the thousand matches takes a millisecond.
 */
export function peopleOrder(sort: `${'' | '-'}${PersonSort}` | undefined, searching = false): SQL[] {
  const key = (sort?.replace(/^-/, '') ?? 'namePinyin') as PersonSort;
  const column = SORT_COLUMNS[key] ?? people.namePinyin;
  const value = !searching
    ? column
    : key === 'updatedAt'
      ? sql`(${column} + interval '0 s')`
      : key === 'birthDate'
        ? sql`(${column} + 0)`
        : sql`(${column} || '')`;
  const descending = sort?.startsWith('-') ?? false;
  return [descending ? desc(value) : asc(value), descending ? desc(people.id) : asc(people.id)];
}

/**
 * One page of people, then the names of their units and accounts for that page only. In two steps
 * because a join in the same query lets a misestimated row count (searches are estimated at one
 * row) pick a nested loop over all units for every match.
 */
export async function listSummaries(
  db: Db,
  where: SQL,
  page: { order: SQL[]; limit: number; offset?: number },
): Promise<PersonSummary[]> {
  const rows = await db
    .select(rowColumns)
    .from(people)
    .where(where)
    .orderBy(...page.order)
    .limit(page.limit)
    .offset(page.offset ?? 0);
  return withNames(db, rows);
}

async function withNames(db: Db, rows: PersonListRow[]): Promise<PersonSummary[]> {
  if (rows.length === 0) return [];
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const userIds = [...new Set(rows.flatMap((r) => (r.userId ? [r.userId] : [])))];
  const [unitRows, userRows] = await Promise.all([
    db
      .select({ id: units.id, name: units.name, regionCode: units.regionCode })
      .from(units)
      .where(inArray(units.id, unitIds)),
    userIds.length
      ? db.select({ id: users.id, username: users.username }).from(users).where(inArray(users.id, userIds))
      : Promise.resolve([]),
  ]);
  const unitOf = new Map(unitRows.map((u) => [u.id, u]));
  const usernameOf = new Map(userRows.map((u) => [u.id, u.username]));
  return rows.map((r) => ({
    ...r,
    unitName: unitOf.get(r.unitId)?.name ?? '',
    regionCode: unitOf.get(r.unitId)?.regionCode ?? '',
    username: r.userId ? (usernameOf.get(r.userId) ?? null) : null,
  }));
}
