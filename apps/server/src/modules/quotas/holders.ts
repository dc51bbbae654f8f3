import type { MessageLocale, QuotaHolder } from '@ganxun/domain';
import { ACTIVE_NOMINATION_STATUSES, SEAT_HOLDING_STATUSES } from '@ganxun/domain';
import { asc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { classQuotas, regions, units } from '../../db/schema/index.js';
import type { FieldProblem } from '../../platform/errors.js';
import type { PlacedHolder } from '../classes/policy.js';

/** A quota row with what its holder is: the region's names, or the unit's name, path and region. */
export interface QuotaRecord {
  id: string;
  classId: string;
  regionCode: string | null;
  unitId: string | null;
  seats: number;
  weight: number | null;
  sortOrder: number;
  regionName: string | null;
  regionNameZhTw: string | null;
  unitName: string | null;
  unitPath: string | null;
  unitRegionCode: string | null;
}

const holderRegion = alias(regions, 'holder_region');
const holderUnit = alias(units, 'holder_unit');

/** The quotas of a class in their saved order, with their holders. */
export async function quotaRecords(exec: Executor, classId: string): Promise<QuotaRecord[]> {
  return exec
    .select({
      id: classQuotas.id,
      classId: classQuotas.classId,
      regionCode: classQuotas.regionCode,
      unitId: classQuotas.unitId,
      seats: classQuotas.seats,
      weight: classQuotas.weight,
      sortOrder: classQuotas.sortOrder,
      regionName: holderRegion.name,
      regionNameZhTw: holderRegion.nameZhTw,
      unitName: holderUnit.name,
      unitPath: holderUnit.path,
      unitRegionCode: holderUnit.regionCode,
    })
    .from(classQuotas)
    .leftJoin(holderRegion, eq(holderRegion.code, classQuotas.regionCode))
    .leftJoin(holderUnit, eq(holderUnit.id, classQuotas.unitId))
    .where(eq(classQuotas.classId, classId))
    .orderBy(asc(classQuotas.sortOrder), asc(classQuotas.id));
}

/** The quota's holder with the unit's place, as `mayUseQuota` needs it. */
export function placedHolder(q: QuotaRecord): PlacedHolder {
  return q.unitId
    ? { kind: 'unit', unitId: q.unitId, path: q.unitPath ?? '', regionCode: q.unitRegionCode ?? '' }
    : { kind: 'region', regionCode: q.regionCode ?? '' };
}

/** The quota's holder as `holderCovers` / `mayNominate` take it. */
export function holderOf(q: Pick<QuotaRecord, 'regionCode' | 'unitId'>): QuotaHolder {
  return q.unitId ? { kind: 'unit', unitId: q.unitId } : { kind: 'region', regionCode: q.regionCode ?? '' };
}

/** The region's name (in the reader's script) or the unit's name. */
export function holderName(
  q: Pick<QuotaRecord, 'regionName' | 'regionNameZhTw' | 'unitName' | 'regionCode'>,
  locale: MessageLocale,
): string {
  if (q.unitName) return q.unitName;
  return (locale === 'zh-TW' ? q.regionNameZhTw || q.regionName : q.regionName) ?? q.regionCode ?? '';
}

/** The key that identifies a holder within one class (a class has one quota per holder). */
export const holderKey = (h: { regionCode: string | null; unitId: string | null }) =>
  h.unitId ? `u:${h.unitId}` : `r:${h.regionCode}`;

export interface QuotaCounts {
  /** Seats held: submitted and approved. */
  used: number;
  approved: number;
  waitlisted: number;
  /** Submitted, approved or waitlisted: a quota with any of these cannot be removed. */
  active: number;
}

const inList = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** The counts of every quota of a class, in one grouped query. */
export async function quotaCounts(exec: Executor, classId: string): Promise<Map<string, QuotaCounts>> {
  const rows = await exec.execute<{
    quota_id: string;
    used: number | string;
    approved: number | string;
    waitlisted: number | string;
    active: number | string;
  }>(sql`
    select quota_id,
      count(*) filter (where status in (${inList(SEAT_HOLDING_STATUSES)})) as used,
      count(*) filter (where status = 'approved') as approved,
      count(*) filter (where status = 'waitlisted') as waitlisted,
      count(*) filter (where status in (${inList(ACTIVE_NOMINATION_STATUSES)})) as active
    from nominations where class_id = ${classId} and quota_id is not null
    group by quota_id`);
  const out = new Map<string, QuotaCounts>();
  for (const r of rowsOf<{
    quota_id: string;
    used: number | string;
    approved: number | string;
    waitlisted: number | string;
    active: number | string;
  }>(rows)) {
    out.set(r.quota_id, {
      used: Number(r.used),
      approved: Number(r.approved),
      waitlisted: Number(r.waitlisted),
      active: Number(r.active),
    });
  }
  return out;
}

export const NO_COUNTS: QuotaCounts = { used: 0, approved: 0, waitlisted: 0, active: 0 };

/** Rows of `db.execute` on either driver (node-postgres and PGlite both return `{ rows }`). */
export function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

/** A holder as a request names it, with where it sits in the request (`quotas.3`). */
export interface HolderInput {
  regionCode: string | null;
  unitId: string | null;
  path: string;
}

/** Names of resolved holders by key, and the problems of the ones that do not resolve. */
export interface ResolvedHolders {
  names: Map<string, { regionName: string | null; regionNameZhTw: string | null; unitName: string | null }>;
  units: Map<string, { path: string; regionCode: string }>;
  problems: FieldProblem[];
}

/**
 * Checks the holders of a request: exactly one of region and unit, a known current region or an
 * active unit (an abolished region or merged unit only when the class already has that quota), no
 * holder twice.
 */
export async function resolveHolders(
  exec: Executor,
  inputs: HolderInput[],
  existingKeys: ReadonlySet<string>,
): Promise<ResolvedHolders> {
  const problems: FieldProblem[] = [];
  const codes = [...new Set(inputs.flatMap((h) => (h.regionCode ? [h.regionCode] : [])))];
  const unitIds = [...new Set(inputs.flatMap((h) => (h.unitId ? [h.unitId] : [])))];
  const regionRows = codes.length
    ? await exec
        .select({
          code: regions.code,
          name: regions.name,
          nameZhTw: regions.nameZhTw,
          validTo: regions.validTo,
        })
        .from(regions)
        .where(inArray(regions.code, codes))
    : [];
  const unitRows = unitIds.length
    ? await exec
        .select({
          id: units.id,
          name: units.name,
          status: units.status,
          path: units.path,
          regionCode: units.regionCode,
        })
        .from(units)
        .where(inArray(units.id, unitIds))
    : [];
  const regionBy = new Map(regionRows.map((r) => [r.code, r]));
  const unitBy = new Map(unitRows.map((u) => [u.id, u]));
  const names: ResolvedHolders['names'] = new Map();
  const placed: ResolvedHolders['units'] = new Map();
  const seen = new Set<string>();
  for (const h of inputs) {
    if ((h.regionCode === null) === (h.unitId === null)) {
      problems.push({ path: `${h.path}.regionCode`, key: 'quota_holder_one' });
      continue;
    }
    const key = holderKey(h);
    const field = h.unitId ? `${h.path}.unitId` : `${h.path}.regionCode`;
    if (seen.has(key)) {
      problems.push({ path: field, key: 'quota_duplicate_holder' });
      continue;
    }
    seen.add(key);
    if (h.regionCode) {
      const r = regionBy.get(h.regionCode);
      if (!r) problems.push({ path: field, key: 'region_not_found' });
      else if (r.validTo && !existingKeys.has(key)) problems.push({ path: field, key: 'region_abolished' });
      else names.set(key, { regionName: r.name, regionNameZhTw: r.nameZhTw, unitName: null });
    } else if (h.unitId) {
      const u = unitBy.get(h.unitId);
      if (!u) problems.push({ path: field, key: 'unit_not_found' });
      else if (u.status !== 'active' && !existingKeys.has(key))
        problems.push({ path: field, key: 'unit_merged' });
      else {
        names.set(key, { regionName: null, regionNameZhTw: null, unitName: u.name });
        placed.set(h.unitId, { path: u.path, regionCode: u.regionCode });
      }
    }
  }
  return { names, units: placed, problems };
}
