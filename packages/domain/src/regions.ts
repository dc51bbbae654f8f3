import { z } from 'zod';

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
