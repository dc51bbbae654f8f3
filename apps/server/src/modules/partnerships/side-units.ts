import { type PartnershipUnitList, type PartnershipUnitsQuery, regionPrefix } from '@ganxun/domain';
import { and, asc, eq, inArray, like, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { PartnershipRow } from './write.js';

/**
 * The active units of one side of a pairing (the side's unit subtree, else its region subtree),
 * matched on `q` by name: the host-unit picker of a secondment shows the other side's units,
 * which the reader's own directory scope does not reach.
 */
export async function sideUnits(
  exec: Executor,
  pairing: PartnershipRow,
  query: PartnershipUnitsQuery,
): Promise<PartnershipUnitList> {
  const regionCode = query.side === 'a' ? pairing.sideARegionCode : pairing.sideBRegionCode;
  const unitId = query.side === 'a' ? pairing.sideAUnitId : pairing.sideBUnitId;
  const conditions: SQL[] = [eq(units.status, 'active')];
  if (unitId) {
    const [root] = await exec.select({ path: units.path }).from(units).where(eq(units.id, unitId));
    conditions.push(sql`${units.path} like ${`${root?.path ?? '/none/'}%`}`);
  } else {
    conditions.push(sql`${units.regionCode} like ${`${regionPrefix(regionCode)}%`}`);
  }
  if (query.q) conditions.push(like(units.name, `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const rows = await exec
    .select({
      id: units.id,
      name: units.name,
      type: units.type,
      regionCode: units.regionCode,
      path: units.path,
    })
    .from(units)
    .where(and(...conditions))
    .orderBy(asc(units.path))
    .limit(query.limit);
  const ancestorIds = [...new Set(rows.flatMap((r) => r.path.split('/').filter(Boolean)))];
  const names = new Map(
    ancestorIds.length === 0
      ? []
      : (
          await exec
            .select({ id: units.id, name: units.name })
            .from(units)
            .where(inArray(units.id, ancestorIds))
        ).map((u) => [u.id, u.name]),
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      type: r.type as PartnershipUnitList['items'][number]['type'],
      regionCode: r.regionCode,
      pathName: r.path
        .split('/')
        .filter(Boolean)
        .map((id) => names.get(id) ?? '')
        .join(' / '),
    })),
  };
}
