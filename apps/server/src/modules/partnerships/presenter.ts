import { DIRECTIONS, type PartnershipSideView, type PartnershipView } from '@ganxun/domain';
import type { PartnershipDetail } from './service.js';
import { nameOfDirection, type SideInfo, sidesOf } from './sides.js';

const presentSide = (s: SideInfo): PartnershipSideView => ({
  regionCode: s.regionCode,
  regionName: s.regionName,
  regionNameZhTw: s.regionNameZhTw,
  unitId: s.unitId,
  unitName: s.unitName,
  label: s.label,
});

/** Pairing → API shape: both sides named, its two directions (A → B, B → A), counts, canEdit. */
export function presentPartnership(d: PartnershipDetail): PartnershipView {
  const { row, info } = d;
  return {
    id: row.id,
    name: row.name,
    programme: row.programme,
    sideA: presentSide(info.sideA),
    sideB: presentSide(info.sideB),
    directions: DIRECTIONS.map((direction) => {
      const { sending, receiving } = sidesOf(info, direction);
      return {
        direction,
        sendingLabel: sending.label,
        receivingLabel: receiving.label,
        name: nameOfDirection(info, direction),
      };
    }),
    startYear: row.startYear,
    endYear: row.endYear,
    status: row.status,
    contacts: row.contacts,
    note: row.note,
    counts: d.counts,
    canEdit: d.canEdit,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
