import { sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { classes, partnershipClasses, planItems, plans } from '../src/db/schema/index.js';
import { ensureRegion, makeUnit } from './directory-factories.js';
import { makePartnership } from './exchange-factories.js';

/**
 * The seeds' figures as data (issue 8 "Done when"), built in SQL so that thousands of trainees
 * take a second:
 * - seed 000: in 2021 the provincial party school ran the series "以‘思想破冰’引领高质量发展"
 *   — 17 thematic seminars (one plan item), 2,510 trained, from Hubei's 17 cities;
 * - seed 004: the Enshi ↔ Jianggan pairing held 7 leadership classes (750 person-times) and
 *   30 professional classes (1,584 person-times) in 2018–2020. The professional trainees come
 *   from a pool of 1,000 people, so people and person-times differ there.
 */

/** Seminar sizes of the series (they add up to 2,510), as in the demo. */
export const SERIES_SIZES = [
  150, 148, 160, 142, 155, 138, 147, 152, 145, 140, 158, 136, 150, 149, 144, 151, 145,
];
export const LEADERSHIP_SIZES = [120, 130, 150, 140, 114, 40, 56];
/** 30 professional classes: 24 of 53 and 6 of 52 = 1,584. */
export const PROFESSIONAL_SIZES = [...Array<number>(24).fill(53), ...Array<number>(6).fill(52)];
export const PROFESSIONAL_POOL = 1000;

/** Hubei's 17 city-level places (GB/T 2260). */
export const HUBEI_CITIES = [
  '420100',
  '420200',
  '420300',
  '420500',
  '420600',
  '420700',
  '420800',
  '420900',
  '421000',
  '421100',
  '421200',
  '421300',
  '422800',
  '429004',
  '429005',
  '429006',
  '429021',
];

export interface SeedYear {
  schoolId: string;
  planItemId: string;
  seriesClassIds: string[];
  partnershipId: string;
  enshiOrgId: string;
}

let batch = 0;

/** People inserted in SQL: `count` people spread over `unitIds` (round robin); id_number_hash `<prefix>-<n>`. */
async function bulkPeople(
  database: Database,
  unitIds: string[],
  count: number,
  prefix: string,
): Promise<void> {
  const ids = sql`array[${sql.join(
    unitIds.map((u) => sql`${u}`),
    sql`, `,
  )}]::uuid[]`;
  await database.db.execute(sql`
    insert into people (name, name_pinyin, name_initials, gender, ethnicity, birth_date, id_number_enc,
      id_number_hash, id_number_masked, unit_id, category)
    select ${`学员${prefix}-`} || g, 'xueyuan', 'xy', case when g % 2 = 0 then 'male' else 'female' end, '汉族',
      date '1975-01-01' + (g % 7000), 'x', ${prefix} || '-' || g, '4201**********0000',
      (${ids})[1 + (g % ${unitIds.length})], 'cadre'
    from generate_series(1, ${count}) g`);
}

/** Enrols, in `classId`, the people of `tag`'s batch numbered from..from+size-1 (by the number in their name). */
async function enrolRange(
  database: Database,
  classId: string,
  hashPrefix: string,
  from: number,
  size: number,
  pool: number,
) {
  await database.db.execute(sql`
    insert into enrollments (class_id, person_id)
    select ${classId}::uuid, p.id from people p
    where p.id_number_hash in (
      select ${hashPrefix} || '-' || (1 + ((${from} - 1 + g) % ${pool})) from generate_series(0, ${size - 1}) g)`);
}

export async function buildSeedYear(database: Database): Promise<SeedYear> {
  const { db } = database;
  await ensureRegion(database, '420000', '湖北省');
  for (const code of HUBEI_CITIES) await ensureRegion(database, code);
  const school = await makeUnit(database, {
    regionCode: '420000',
    type: 'party_school',
    name: '中共湖北省委党校',
  });
  const cityUnits = [];
  for (const code of HUBEI_CITIES) cityUnits.push((await makeUnit(database, { regionCode: code })).id);

  // Seed 000: the series.
  const [plan] = await db
    .insert(plans)
    .values({ organiserId: school.id, year: 2021, title: '2021年省委党校专题培训计划', status: 'approved' })
    .returning();
  if (!plan) throw new Error('plan');
  const [item] = await db
    .insert(planItems)
    .values({
      planId: plan.id,
      name: '“以‘思想破冰’引领高质量发展”系列专题研讨班',
      kind: 'seminar',
      windowStart: '2021-03',
      windowEnd: '2021-12',
      size: 150,
      count: 17,
    })
    .returning();
  if (!item) throw new Error('plan item');
  batch += 1;
  const run = batch;
  const seriesHash = `series${run}`;
  await bulkPeople(database, cityUnits, 2510, seriesHash);
  const seriesClassIds: string[] = [];
  let offset = 1;
  for (const [i, size] of SERIES_SIZES.entries()) {
    const month = String(3 + Math.floor((i * 10) / 17)).padStart(2, '0');
    const [c] = await db
      .insert(classes)
      .values({
        code: `2021-S${String(i + 1).padStart(2, '0')}-${run}`,
        year: 2021,
        name: `以“思想破冰”引领高质量发展系列专题研讨班（第${i + 1}期）`,
        kind: 'seminar',
        leadOrganiserId: school.id,
        startDate: `2021-${month}-10`,
        endDate: `2021-${month}-12`,
        status: 'archived',
        planItemId: item.id,
        topics: [`专题${i + 1}`],
      })
      .returning();
    if (!c) throw new Error('class');
    seriesClassIds.push(c.id);
    await enrolRange(database, c.id, seriesHash, offset, size, 2510);
    offset += size;
  }

  // Seed 004: the pairing's joint classes.
  const enshiOrg = await makeUnit(database, { regionCode: '422801', name: '中共恩施市委组织部' });
  const enshiUnits = [enshiOrg.id, (await makeUnit(database, { regionCode: '422801' })).id];
  const pairing = await makePartnership(database, { name: '恩施市—江干区东西部协作', startYear: 2018 });
  await bulkPeople(database, enshiUnits, 750, `lead${run}`);
  await bulkPeople(database, enshiUnits, PROFESSIONAL_POOL, `prof${run}`);
  const joint = async (kind: string, sizes: number[], hash: string, pool: number, code: string) => {
    let from = 1;
    for (const [i, size] of sizes.entries()) {
      const year = 2018 + (i % 3);
      const month = String(3 + (i % 9)).padStart(2, '0');
      const [c] = await db
        .insert(classes)
        .values({
          code: `${year}-${code}${String(i + 1).padStart(2, '0')}-${run}`,
          year,
          name: `恩施市${kind === 'leadership' ? '领导干部' : '专业技术人才'}培训班（第${i + 1}期）`,
          kind,
          leadOrganiserId: enshiOrg.id,
          startDate: `${year}-${month}-0${1 + (i % 9)}`,
          endDate: `${year}-${month}-1${i % 9}`,
          status: 'archived',
        })
        .returning();
      if (!c) throw new Error('class');
      await db.insert(partnershipClasses).values({
        partnershipId: pairing.id,
        classId: c.id,
        jointKind: kind === 'leadership' ? 'leadership' : 'professional',
      });
      await enrolRange(database, c.id, hash, from, size, pool);
      from += size;
    }
  };
  await joint('leadership', LEADERSHIP_SIZES, `lead${run}`, 750, 'L');
  await joint('professional', PROFESSIONAL_SIZES, `prof${run}`, PROFESSIONAL_POOL, 'P');
  return {
    schoolId: school.id,
    planItemId: item.id,
    seriesClassIds,
    partnershipId: pairing.id,
    enshiOrgId: enshiOrg.id,
  };
}
