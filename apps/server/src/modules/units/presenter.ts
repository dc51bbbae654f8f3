import type { UnitType, UnitView } from '@ganxun/domain';
import type { UnitRecord } from './service.js';

/** Unit → API shape: the row with its region and parent named, counts, and ancestors root first. */
export function presentUnit(record: UnitRecord): UnitView {
  const { row } = record;
  return {
    id: row.id,
    name: row.name,
    uscc: row.uscc,
    type: row.type as UnitType,
    regionCode: row.regionCode,
    regionName: record.regionName,
    parentId: row.parentId,
    parentName: record.parentName,
    status: row.status,
    mergedInto: row.mergedInto,
    childCount: record.childCount,
    peopleCount: record.peopleCount,
    ancestors: record.ancestors,
  };
}
