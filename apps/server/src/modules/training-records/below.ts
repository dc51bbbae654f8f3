import {
  type BelowRequirementQuery,
  type BelowRequirementRow,
  defaultTrainingRequirement,
  regionPrefix,
  roundHours,
  type StudyHourSettings,
} from '@ganxun/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { people, regions, trainingRecords, units } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { archiveUnitScope } from './policy.js';

/**
 * The GB/T 12407 post levels whose default requirement is the five-year one, derived from the
 * domain rule itself (every four-digit code tried once), so SQL and the archive never disagree.
 */
export const FIVE_YEAR_LEVELS: string[] = Array.from({ length: 10_000 }, (_, i) =>
  String(i).padStart(4, '0'),
).filter((code) => defaultTrainingRequirement(code).period === 'five_year');

/** A row of the list with the region's name (for the workbook). */
export interface BelowRow extends BelowRequirementRow {
  regionName: string | null;
  namePinyin: string;
}

const SORTS: Record<string, string> = {
  name: 'pinyin',
  unitName: 'unit_name',
  missing: 'missing',
  onlineMissing: 'online_missing',
  done: 'done',
  required: 'required',
};

function orderBy(sort: string | undefined): SQL {
  const desc = !!sort?.startsWith('-');
  const column = sort ? SORTS[sort.replace(/^-/, '')] : undefined;
  if (!column) return sql.raw('unit_name asc, pinyin asc, person_id asc');
  return sql.raw(`${column} ${desc ? 'desc' : 'asc'}, unit_name asc, pinyin asc, person_id asc`);
}

/**
 * People serving in the reader's scope (and the unit / region subtree asked for) who fall short of
 * their requirement in `year`, in one statement: the person's credited 学时 of the year, of the
 * five years ending in it and online in the year are summed grouped by person (not voided), the
 * requirement is the person's override or the default of their post level with the configured
 * hours, and the shortfall is compared in SQL, so 50,000 people cost one grouped scan of the
 * window's records. `limit` null returns every matching row (the export).
 */
export async function belowRequirement(
  db: Db,
  actor: Actor,
  settings: StudyHourSettings,
  query: BelowRequirementQuery,
  limit: { limit: number; offset: number } | null,
): Promise<{ rows: BelowRow[]; total: number }> {
  const filters: (SQL | undefined)[] = [eq(people.status, 'serving'), archiveUnitScope(actor)];
  if (query.unitId) {
    const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.id, query.unitId));
    if (!unit) return { rows: [], total: 0 };
    filters.push(sql`${units.path} like ${`${unit.path}%`}`);
  }
  if (query.regionCode) filters.push(sql`${units.regionCode} like ${`${regionPrefix(query.regionCode)}%`}`);
  const where = and(...filters) ?? sql`true`;

  const year = query.year;
  const short =
    query.shortOf === 'total'
      ? sql`missing > 0`
      : query.shortOf === 'online'
        ? sql`online_missing > 0`
        : sql`(missing > 0 or online_missing > 0)`;
  const period = query.period ? sql`and period = ${query.period}` : sql``;
  const levels = `{${FIVE_YEAR_LEVELS.join(',')}}`;

  const result = await db.execute(sql`
    with sums as (
      select ${people.id} as person_id, ${people.name} as name, ${people.namePinyin} as pinyin,
        ${people.unitId} as unit_id, ${units.name} as unit_name, ${units.regionCode} as region_code,
        ${people.post} as post, ${people.requirementOverride} as override,
        coalesce(${people.rank} = any(${levels}::text[]), false) as leading,
        coalesce(sum(${trainingRecords.hours}) filter (where ${trainingRecords.year} = ${year}), 0) as year_total,
        coalesce(sum(${trainingRecords.hours}) filter (
          where ${trainingRecords.year} = ${year} and ${trainingRecords.category} = 'online'), 0) as online_done,
        coalesce(sum(${trainingRecords.hours}), 0) as five_total
      from ${people}
      inner join ${units} on ${units.id} = ${people.unitId}
      left join ${trainingRecords} on ${trainingRecords.personId} = ${people.id}
        and ${trainingRecords.voidedAt} is null and ${trainingRecords.hours} > 0
        and ${trainingRecords.year} between ${year - 4} and ${year}
      where ${where}
      group by ${people.id}, ${units.id}
    ),
    standing as (
      select s.*,
        case when s.override is null then 'default' else 'override' end as source,
        case when s.override is not null then s.override->>'period'
          when s.leading then 'five_year' else 'yearly' end as period,
        case when s.override is not null then (s.override->>'hours')::numeric
          when s.leading then ${settings.fiveYearHours}::numeric else ${settings.yearlyHours}::numeric end as required
      from sums s
    ),
    measured as (
      select *, case when period = 'five_year' then five_total else year_total end as done from standing
    ),
    final as (
      select *, greatest(0, required - done) as missing,
        greatest(0, ${settings.onlineMinimumPerYear}::numeric - online_done) as online_missing
      from measured
    )
    select f.*, r.name as region_name, count(*) over () as total_rows
    from final f left join ${regions} r on r.code = f.region_code
    where ${short} ${period}
    order by ${orderBy(query.sort)}
    ${limit ? sql`limit ${limit.limit} offset ${limit.offset}` : sql``}`);

  const raw = (result as unknown as { rows: Record<string, unknown>[] }).rows;
  const num = (v: unknown) => roundHours(Number(v ?? 0));
  let total = raw.length > 0 ? Number(raw[0]?.total_rows ?? 0) : 0;
  if (raw.length === 0 && limit && limit.offset > 0) total = await countOnly(db, actor, settings, query);
  const rows = raw.map((r): BelowRow => {
    const periodOf = r.period === 'five_year' ? 'five_year' : 'yearly';
    const missing = num(r.missing);
    const onlineMissing = num(r.online_missing);
    return {
      personId: String(r.person_id),
      name: String(r.name),
      namePinyin: String(r.pinyin ?? ''),
      unitId: String(r.unit_id),
      unitName: String(r.unit_name),
      regionCode: String(r.region_code),
      regionName: (r.region_name as string | null) ?? null,
      post: (r.post as string | null) ?? null,
      requirementSource: r.source === 'override' ? 'override' : 'default',
      period: periodOf,
      fromYear: periodOf === 'five_year' ? year - 4 : year,
      toYear: year,
      required: num(r.required),
      done: num(r.done),
      missing,
      onlineDone: num(r.online_done),
      onlineRequired: settings.onlineMinimumPerYear,
      onlineMissing,
      met: missing === 0 && onlineMissing === 0,
    };
  });
  return { rows, total };
}

/** The total when a page past the end came back empty (the window count had no row to ride on). */
async function countOnly(
  db: Db,
  actor: Actor,
  settings: StudyHourSettings,
  query: BelowRequirementQuery,
): Promise<number> {
  const first = await belowRequirement(db, actor, settings, { ...query, page: 1 }, { limit: 1, offset: 0 });
  return first.total;
}
