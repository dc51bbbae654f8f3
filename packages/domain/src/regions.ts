import { z } from 'zod';
import { listQuery, pageOf, text } from './common.js';

/**
 * Administrative divisions (GB/T 2260). Codes are six digits: two for the province, two for the
 * prefecture, two for the county; a level's trailing pairs are zeros (420000, 422800, 422801).
 */
export const REGION_LEVELS = ['province', 'prefecture', 'county', 'township'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];

export const regionCode = z.string().regex(/^\d{6}$/, { message: 'region_code_format' });

/**
 * The code prefix shared by a region and everything under it: 420000 → "42", 422800 → "4228",
 * 422801 → "422801". Subtree queries are `code LIKE prefix || '%'`.
 */
export function regionPrefix(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}

/** True when `code` is `ancestor` itself or lies under it. */
export function isInRegion(code: string, ancestor: string): boolean {
  return code.startsWith(regionPrefix(ancestor));
}

/** The level a six-digit code denotes by its zero pairs. */
export function levelOfCode(code: string): Exclude<RegionLevel, 'township'> {
  if (code.endsWith('0000')) return 'province';
  if (code.endsWith('00')) return 'prefecture';
  return 'county';
}

/**
 * The codes a region may hang under, nearest first: a county under its prefecture, or straight
 * under the province where no prefecture row exists (Hong Kong's districts); a prefecture under
 * its province; a province under nothing.
 */
export function parentCandidates(code: string): string[] {
  switch (levelOfCode(code)) {
    case 'province':
      return [];
    case 'prefecture':
      return [`${code.slice(0, 2)}0000`];
    case 'county':
      return [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
  }
}

/** Is a region with this `validTo` abolished on `today` (YYYY-MM-DD)? The end date itself is outside. */
export function isAbolished(validTo: string | null, today: string): boolean {
  return validTo !== null && validTo <= today;
}

/** A yes/no query parameter: `true` or `false` (a checkbox in a URL). */
export const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const regionView = z.object({
  code: z.string(),
  name: z.string(),
  nameZhTw: z.string(),
  level: z.enum(REGION_LEVELS),
  parentCode: z.string().nullable(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  /** validTo is today or earlier: the code resolves but no new record should use it. */
  abolished: z.boolean(),
  hasChildren: z.boolean(),
});
export type RegionView = z.infer<typeof regionView>;
export const regionPage = pageOf(regionView);

/** GET /api/v1/regions/{code}: the region and its chain of ancestors, root first. */
export const regionDetail = regionView.extend({ ancestors: z.array(regionView) });
export type RegionDetail = z.infer<typeof regionDetail>;

export const regionParams = z.strictObject({ code: regionCode });

export const REGION_SORTS = ['code', 'name'] as const;

/**
 * GET /api/v1/regions. Without `parentCode` and `q` the list is the provinces (or the given
 * `level`); `q` matches a code prefix (digits) or a name substring.
 */
export const regionListQuery = listQuery.extend({
  parentCode: regionCode.optional(),
  q: text(50, 0).optional(),
  level: z.enum(REGION_LEVELS).optional(),
  includeAbolished: queryFlag.optional(),
  sort: z.enum(REGION_SORTS.flatMap((s) => [s, `-${s}`] as const)).optional(),
});
export type RegionListQuery = z.infer<typeof regionListQuery>;

/**
 * The form fields of POST /api/v1/regions/imports beside the file: `mode=full` when the file is
 * the complete list (codes missing from it are abolished), `partial` (default) to add and rename
 * only; `date` is the list's effective date (abolitions and new codes), today when absent.
 */
export const REGION_IMPORT_MODES = ['partial', 'full'] as const;
export type RegionImportMode = (typeof REGION_IMPORT_MODES)[number];

export const regionImportResult = z.object({
  added: z.number().int(),
  renamed: z.number().int(),
  abolished: z.number().int(),
  unchanged: z.number().int(),
  /** Always empty on success: a file with row errors is refused whole (400, same list in `details.errors`). */
  errors: z.array(z.object({ row: z.number().int(), column: z.string(), message: z.string() })),
});
export type RegionImportResult = z.infer<typeof regionImportResult>;
