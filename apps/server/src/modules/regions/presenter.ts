import { isAbolished, type RegionDetail, type RegionView } from '@ganxun/domain';
import type { RegionNode } from './service.js';

/** Region row → API shape; `abolished` is judged on `today` (China's date). */
export function presentRegion({ row, hasChildren }: RegionNode, today: string): RegionView {
  return {
    code: row.code,
    name: row.name,
    nameZhTw: row.nameZhTw,
    level: row.level,
    parentCode: row.parentCode,
    validFrom: row.validFrom,
    validTo: row.validTo,
    abolished: isAbolished(row.validTo, today),
    hasChildren,
  };
}

/** A region with its ancestors, root first. */
export function presentRegionDetail(node: RegionNode, ancestors: RegionNode[], today: string): RegionDetail {
  return { ...presentRegion(node, today), ancestors: ancestors.map((a) => presentRegion(a, today)) };
}
