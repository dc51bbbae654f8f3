import type { Database } from '../src/db/client.js';
import { partnerships, secondments } from '../src/db/schema/index.js';
import { ensureRegion } from './directory-factories.js';

/**
 * Pairings and secondments inserted directly, for tests of the modules that hang off them (the
 * partnerships and secondments modules' own tests create theirs through the API). Default pairing:
 * 恩施市 (422801, side A) ↔ 杭州市江干区 (330104, side B), east–west cooperation from 2018.
 */
export interface PartnershipOverrides {
  name?: string;
  programme?: string;
  sideARegionCode?: string;
  sideAUnitId?: string | null;
  sideBRegionCode?: string;
  sideBUnitId?: string | null;
  startYear?: number;
  endYear?: number | null;
  status?: 'active' | 'suspended' | 'ended';
}

export async function makePartnership(database: Database, overrides: PartnershipOverrides = {}) {
  const sideARegionCode = overrides.sideARegionCode ?? '422801';
  const sideBRegionCode = overrides.sideBRegionCode ?? '330104';
  await ensureRegion(database, sideARegionCode, sideARegionCode === '422801' ? '恩施市' : undefined);
  await ensureRegion(database, sideBRegionCode, sideBRegionCode === '330104' ? '江干区' : undefined);
  const [row] = await database.db
    .insert(partnerships)
    .values({
      name: overrides.name ?? `测试结对${Math.random().toString(36).slice(2, 7)}`,
      programme: overrides.programme ?? 'east_west',
      sideARegionCode,
      sideAUnitId: overrides.sideAUnitId ?? null,
      sideBRegionCode,
      sideBUnitId: overrides.sideBUnitId ?? null,
      startYear: overrides.startYear ?? 2018,
      endYear: overrides.endYear ?? null,
      status: overrides.status ?? 'active',
    })
    .returning();
  if (!row) throw new Error('partnership not inserted');
  return row;
}

export interface SecondmentOverrides {
  direction?: 'a_to_b' | 'b_to_a';
  form?: string;
  category?: 'cadre' | 'professional';
  specialty?: 'medical' | 'education' | 'agriculture' | 'other' | null;
  homeUnitId: string;
  hostUnitId: string;
  plannedStart?: string;
  plannedEnd?: string;
  actualStart?: string | null;
  actualEnd?: string | null;
  status?: 'planned' | 'in_post' | 'extended' | 'completed' | 'ended_early' | 'cancelled';
  hostPost?: string | null;
}

/** A secondment inserted directly (no checks: build valid graphs, or invalid ones on purpose). */
export async function makeSecondment(
  database: Database,
  partnershipId: string,
  personId: string,
  overrides: SecondmentOverrides,
) {
  const category = overrides.category ?? 'cadre';
  const [row] = await database.db
    .insert(secondments)
    .values({
      partnershipId,
      personId,
      direction: overrides.direction ?? 'a_to_b',
      form: overrides.form ?? 'secondment',
      category,
      specialty:
        overrides.specialty === undefined ? (category === 'cadre' ? null : 'medical') : overrides.specialty,
      homeUnitId: overrides.homeUnitId,
      hostUnitId: overrides.hostUnitId,
      hostPost: overrides.hostPost ?? null,
      plannedStart: overrides.plannedStart ?? '2019-04-01',
      plannedEnd: overrides.plannedEnd ?? '2020-03-31',
      actualStart: overrides.actualStart ?? null,
      actualEnd: overrides.actualEnd ?? null,
      status: overrides.status ?? 'planned',
    })
    .returning();
  if (!row) throw new Error('secondment not inserted');
  return row;
}
