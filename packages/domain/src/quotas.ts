import { z } from 'zod';
import { regionCode, regionPrefix } from './regions.js';

/**
 * Splits `total` into parts proportional to `weights` by the largest-remainder (Hamilton) method:
 * each part gets the floor of its exact share, then the seats left go one each to the largest
 * remainders (ties to the earlier part). The parts always sum to `total`. All-zero weights split
 * evenly.
 */
export function splitByWeights(total: number, weights: readonly number[]): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError('total must be a non-negative integer');
  if (weights.length === 0) return [];
  if (weights.some((w) => !Number.isFinite(w) || w < 0)) throw new RangeError('weights must be non-negative');
  const sum = weights.reduce((a, b) => a + b, 0);
  const effective = sum === 0 ? weights.map(() => 1) : weights;
  const effectiveSum = sum === 0 ? weights.length : sum;
  const exact = effective.map((w) => (total * w) / effectiveSum);
  const parts = exact.map((x) => Math.floor(x));
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left -= 1;
  }
  return parts;
}

/** Splits `total` into `n` parts that differ by at most one, the larger ones first. */
export function splitEvenly(total: number, n: number): number[] {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a non-negative integer');
  return splitByWeights(
    total,
    Array.from({ length: n }, () => 1),
  );
}

/** Who a quota's seats are for: everyone working in a region subtree, or in a unit subtree. */
export type QuotaHolder = { kind: 'region'; regionCode: string } | { kind: 'unit'; unitId: string };

/** Where a person (or a nominator) works: the unit's materialised path and its region. */
export interface WorkPlace {
  path: string;
  regionCode: string;
}

/** Does a person working at `place` fall under the quota's holder? */
export function holderCovers(holder: QuotaHolder, place: WorkPlace): boolean {
  return holder.kind === 'region'
    ? place.regionCode.startsWith(regionPrefix(holder.regionCode))
    : place.path.includes(`/${holder.unitId}/`);
}

/** Nomination statuses that hold a seat of the quota (and of the class's capacity). */
export const SEAT_HOLDING_STATUSES = ['submitted', 'approved'] as const;

export const quotaInput = z
  .strictObject({
    regionCode: regionCode.nullable().default(null),
    unitId: z.uuid().nullable().default(null),
    seats: z.number().int().min(0).max(100_000),
    /** Weight for the "split by weights" helper (e.g. the number of eligible cadres). */
    weight: z.number().min(0).max(1_000_000).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if ((v.regionCode === null) === (v.unitId === null)) {
      ctx.addIssue({ code: 'custom', path: ['regionCode'], message: 'quota_holder_one' });
    }
  });
export type QuotaInput = z.infer<typeof quotaInput>;

/** Replaces the class's quotas as a whole (all-or-nothing). */
export const putQuotasBody = z.strictObject({ quotas: z.array(quotaInput).max(500) });
export type PutQuotasBody = z.infer<typeof putQuotasBody>;

export const splitQuotasBody = z.strictObject({
  method: z.enum(['even', 'weights']),
  /** Seats to split; the class's capacity when absent. */
  total: z.number().int().min(0).max(100_000).optional(),
  holders: z
    .array(
      z.strictObject({
        regionCode: regionCode.nullable().default(null),
        unitId: z.uuid().nullable().default(null),
        weight: z.number().min(0).max(1_000_000).default(1),
      }),
    )
    .min(1)
    .max(500),
});
export type SplitQuotasBody = z.infer<typeof splitQuotasBody>;

export const quotaView = z.object({
  id: z.uuid(),
  regionCode: z.string().nullable(),
  unitId: z.uuid().nullable(),
  /** The region's or unit's name. */
  holderName: z.string(),
  seats: z.number().int(),
  weight: z.number().nullable(),
  /** Seats held by submitted and approved nominations. */
  used: z.number().int(),
  remaining: z.number().int(),
  approved: z.number().int(),
  waitlisted: z.number().int(),
  /** May the reader nominate against this quota? */
  canNominate: z.boolean(),
});
export type QuotaView = z.infer<typeof quotaView>;

export const quotaList = z.object({
  capacity: z.number().int().nullable(),
  allocated: z.number().int(),
  items: z.array(quotaView),
});
export type QuotaList = z.infer<typeof quotaList>;
