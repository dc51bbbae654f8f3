import {
  ACTIVE_NOMINATION_STATUSES,
  NOMINATION_STATUSES,
  type NominationListQuery,
  type NominationStatus,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { classQuotas, nominations, people, regions, units, users } from '../../db/schema/index.js';
import type { NominatorPlaces } from '../classes/policy.js';
import { rowsOf } from '../quotas/holders.js';

const personUnit = alias(units, 'person_unit');
const quotaRegion = alias(regions, 'quota_region');
const quotaUnit = alias(units, 'quota_unit');
const nominator = alias(users, 'nominator');
const decider = alias(users, 'decider');

const columns = {
  id: nominations.id,
  classId: nominations.classId,
  quotaId: nominations.quotaId,
  personId: nominations.personId,
  source: nominations.source,
  status: nominations.status,
  note: nominations.note,
  decisionReason: nominations.decisionReason,
  replacedById: nominations.replacedById,
  replacesId: nominations.replacesId,
  createdAt: nominations.createdAt,
  decidedAt: nominations.decidedAt,
  personName: people.name,
  personGender: people.gender,
  personPost: people.post,
  personRank: people.rank,
  personUnitName: personUnit.name,
  quotaRegionCode: classQuotas.regionCode,
  quotaRegionName: quotaRegion.name,
  quotaRegionNameZhTw: quotaRegion.nameZhTw,
  quotaUnitName: quotaUnit.name,
  nominatedByName: nominator.displayName,
  decidedByName: decider.displayName,
  // Place in its waiting list (per quota; per class for nominations without one), earliest first,
  // in the order promotion takes them (seats.ts).
  waitlistPosition: sql<number | null>`case when ${nominations.status} = 'waitlisted' then (
      select count(*)::int from nominations w
      where w.class_id = ${nominations.classId} and w.status = 'waitlisted'
        and w.quota_id is not distinct from ${nominations.quotaId}
        and (coalesce(w.waitlisted_at, w.created_at), w.created_at, w.id)
          <= (coalesce(${nominations.waitlistedAt}, ${nominations.createdAt}), ${nominations.createdAt}, ${nominations.id})
    ) end`,
};

/** A nomination as its view needs it (the columns above). */
export interface NominationRow {
  id: string;
  classId: string;
  quotaId: string | null;
  personId: string;
  source: 'nomination' | 'self';
  status: NominationStatus;
  note: string | null;
  decisionReason: string | null;
  replacedById: string | null;
  replacesId: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  personName: string;
  personGender: string;
  personPost: string | null;
  personRank: string | null;
  personUnitName: string;
  quotaRegionCode: string | null;
  quotaRegionName: string | null;
  quotaRegionNameZhTw: string | null;
  quotaUnitName: string | null;
  nominatedByName: string | null;
  decidedByName: string | null;
  waitlistPosition: number | null;
}

function joined(exec: Executor) {
  return exec
    .select(columns)
    .from(nominations)
    .innerJoin(people, eq(people.id, nominations.personId))
    .innerJoin(personUnit, eq(personUnit.id, people.unitId))
    .leftJoin(classQuotas, eq(classQuotas.id, nominations.quotaId))
    .leftJoin(quotaRegion, eq(quotaRegion.code, classQuotas.regionCode))
    .leftJoin(quotaUnit, eq(quotaUnit.id, classQuotas.unitId))
    .leftJoin(nominator, eq(nominator.id, nominations.nominatedBy))
    .leftJoin(decider, eq(decider.id, nominations.decidedBy));
}

/** Nominations by id (in the order of `ids`), with what their view shows. */
export async function nominationsByIds(exec: Executor, ids: string[]): Promise<NominationRow[]> {
  if (ids.length === 0) return [];
  const rows = (await joined(exec).where(inArray(nominations.id, ids))) as NominationRow[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/**
 * SQL: the nominations a reader who does not run the class may see: the ones they made, their own,
 * and those of people working within their nominating places (a liaison sees only their own
 * people, DOMAIN.md).
 */
export function nominationReach(actorId: string, places: NominatorPlaces): SQL {
  const conditions: SQL[] = [eq(nominations.nominatedBy, actorId), eq(people.userId, actorId)];
  for (const p of places.regionPrefixes) conditions.push(like(personUnit.regionCode, `${p}%`));
  for (const u of places.units) conditions.push(sql`position(${`/${u.id}/`} in ${personUnit.path}) > 0`);
  return or(...conditions) as SQL;
}

/** `q`: letters match the pinyin or its initials from the start; anything else the name. */
export function nameCondition(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const escaped = text.replace(/[\\%_]/g, (c) => `\\${c}`);
  if (/^[a-z]+$/i.test(text)) {
    const letters = escaped.toLowerCase();
    return or(like(people.namePinyin, `${letters}%`), like(people.nameInitials, `${letters}%`));
  }
  return like(people.name, `%${escaped}%`);
}

const SORTS: Record<string, SQL | typeof nominations.createdAt> = {
  createdAt: nominations.createdAt,
  name: sql`${people.namePinyin}`,
  status: sql`${nominations.status}`,
};

/** One page of a class's nominations (scoped by `reach` unless the reader runs the class). */
export async function nominationPage(
  exec: Executor,
  classId: string,
  query: NominationListQuery,
  reach: SQL | undefined,
): Promise<{ rows: NominationRow[]; total: number; counts: Record<NominationStatus, number> }> {
  const unfiltered = and(
    eq(nominations.classId, classId),
    query.quotaId ? eq(nominations.quotaId, query.quotaId) : undefined,
    nameCondition(query.q),
    reach,
  );
  const where = and(unfiltered, query.status ? eq(nominations.status, query.status) : undefined);
  const key = query.sort?.replace(/^-/, '') ?? 'createdAt';
  const column = SORTS[key] ?? nominations.createdAt;
  const direction = query.sort?.startsWith('-') ? desc : asc;
  const [rows, [total], byStatus] = await Promise.all([
    joined(exec)
      .where(where)
      .orderBy(direction(column), asc(nominations.createdAt), asc(nominations.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize) as Promise<NominationRow[]>,
    // The filters and the reach need the person and their unit only.
    exec
      .select({ n: count() })
      .from(nominations)
      .innerJoin(people, eq(people.id, nominations.personId))
      .innerJoin(personUnit, eq(personUnit.id, people.unitId))
      .where(where),
    // The count of every status under the other filters (the tab's status switcher).
    exec
      .select({ status: nominations.status, n: count() })
      .from(nominations)
      .innerJoin(people, eq(people.id, nominations.personId))
      .innerJoin(personUnit, eq(personUnit.id, people.unitId))
      .where(unfiltered)
      .groupBy(nominations.status),
  ]);
  const counts = Object.fromEntries(NOMINATION_STATUSES.map((s) => [s, 0])) as Record<
    NominationStatus,
    number
  >;
  for (const r of byStatus) counts[r.status] = Number(r.n);
  return { rows, total: Number(total?.n ?? 0), counts };
}

export interface ClassRef {
  id: string;
  code: string;
  name: string;
  startDate: string | null;
  endDate: string | null;
}

/**
 * For a page of people: the other classes (not cancelled) whose dates overlap this class's where
 * each is nominated (active) or enrolled, in one query.
 */
export async function overlapsOf(
  exec: Executor,
  klass: { id: string; startDate: string | null; endDate: string | null },
  personIds: string[],
): Promise<Map<string, ClassRef[]>> {
  const out = new Map<string, ClassRef[]>();
  if (!klass.startDate || !klass.endDate || personIds.length === 0) return out;
  const ids = sql.param([...new Set(personIds)]);
  const active = sql.join(
    ACTIVE_NOMINATION_STATUSES.map((s) => sql`${s}`),
    sql`, `,
  );
  const result = await exec.execute<{
    person_id: string;
    id: string;
    code: string;
    name: string;
    start_date: string;
    end_date: string;
  }>(sql`
    select x.person_id, c.id, c.code, c.name, c.start_date::text, c.end_date::text
    from (
      select person_id, class_id from nominations
      where person_id = any(${ids}::uuid[]) and class_id <> ${klass.id} and status in (${active})
      union
      select person_id, class_id from enrollments
      where person_id = any(${ids}::uuid[]) and class_id <> ${klass.id} and status = 'enrolled'
    ) x
    join classes c on c.id = x.class_id
    where c.status <> 'cancelled' and c.start_date <= ${klass.endDate}::date and c.end_date >= ${klass.startDate}::date
    order by c.start_date, c.code`);
  for (const r of rowsOf<{
    person_id: string;
    id: string;
    code: string;
    name: string;
    start_date: string;
    end_date: string;
  }>(result)) {
    const list = out.get(r.person_id) ?? [];
    list.push({ id: r.id, code: r.code, name: r.name, startDate: r.start_date, endDate: r.end_date });
    out.set(r.person_id, list);
  }
  return out;
}
