import {
  type Direction,
  directionName,
  directionSides,
  type PartnershipSideView,
  type ScriptName,
} from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { partnerships, regions, units } from '../../db/schema/index.js';
import { zhTwNamer } from '../regions/names.js';
import type { PartnershipPlace } from './policy.js';

/**
 * A pairing's two sides with their names, loaded once for many pairings: every module of the
 * exchange (secondments, imports, statistics, the narrative) names directions the same way.
 */
export interface SideInfo extends PartnershipSideView {
  /** The side's label in both scripts: a region's checked zh-TW form (江干區), a unit's via OpenCC. */
  names: ScriptName;
}

export interface PartnershipInfo extends PartnershipPlace {
  id: string;
  name: string;
  programme: string;
  startYear: number;
  endYear: number | null;
  status: 'active' | 'suspended' | 'ended';
  sideA: SideInfo;
  sideB: SideInfo;
  sideAUnitPath: string | null;
  sideBUnitPath: string | null;
}

/** The pairings with these ids (missing ids are left out), with their sides' names. */
export async function loadPartnerships(
  exec: Executor,
  ids: readonly string[],
): Promise<Map<string, PartnershipInfo>> {
  const out = new Map<string, PartnershipInfo>();
  if (ids.length === 0) return out;
  const ra = alias(regions, 'ra');
  const rb = alias(regions, 'rb');
  const ua = alias(units, 'ua');
  const ub = alias(units, 'ub');
  const rows = await exec
    .select({
      p: partnerships,
      raName: ra.name,
      raZhTw: ra.nameZhTw,
      rbName: rb.name,
      rbZhTw: rb.nameZhTw,
      uaName: ua.name,
      uaPath: ua.path,
      ubName: ub.name,
      ubPath: ub.path,
    })
    .from(partnerships)
    .innerJoin(ra, eq(ra.code, partnerships.sideARegionCode))
    .innerJoin(rb, eq(rb.code, partnerships.sideBRegionCode))
    .leftJoin(ua, eq(ua.id, partnerships.sideAUnitId))
    .leftJoin(ub, eq(ub.id, partnerships.sideBUnitId))
    .where(inArray(partnerships.id, [...new Set(ids)]));
  const zhTw = rows.some((r) => r.uaName || r.ubName) ? await zhTwNamer() : null;
  const side = (
    regionCode: string,
    regionName: string,
    regionNameZhTw: string,
    unitId: string | null,
    unitName: string | null,
  ): SideInfo => ({
    regionCode,
    regionName,
    regionNameZhTw,
    unitId,
    unitName,
    label: unitName ?? regionName,
    names: {
      zhCN: unitName ?? regionName,
      zhTW: unitName && zhTw ? zhTw(unitName) : regionNameZhTw,
    },
  });
  for (const r of rows) {
    const p = r.p;
    out.set(p.id, {
      id: p.id,
      name: p.name,
      programme: p.programme,
      startYear: p.startYear,
      endYear: p.endYear,
      status: p.status,
      sideARegionCode: p.sideARegionCode,
      sideBRegionCode: p.sideBRegionCode,
      sideA: side(p.sideARegionCode, r.raName, r.raZhTw, p.sideAUnitId, r.uaName),
      sideB: side(p.sideBRegionCode, r.rbName, r.rbZhTw, p.sideBUnitId, r.ubName),
      sideAUnitPath: r.uaPath,
      sideBUnitPath: r.ubPath,
    });
  }
  return out;
}

/** The sending and receiving sides of a direction of a pairing. */
export function sidesOf(
  p: PartnershipInfo,
  direction: Direction,
): { sending: SideInfo; receiving: SideInfo } {
  const { sending, receiving } = directionSides(direction);
  return {
    sending: sending === 'a' ? p.sideA : p.sideB,
    receiving: receiving === 'a' ? p.sideA : p.sideB,
  };
}

/** "恩施市 → 江干区". */
export function nameOfDirection(p: PartnershipInfo, direction: Direction): string {
  return directionName(direction, p.sideA.label, p.sideB.label);
}
