import { z } from 'zod';
import { listQuery, pageOf, text, uuid } from './common.js';
import { isValidUscc } from './identity.js';
import { queryFlag, regionCode } from './regions.js';

/** Kinds of unit (单位类型) a roster distinguishes; statistics group by them. */
export const UNIT_TYPES = [
  'party_government',
  'public_institution',
  'hospital',
  'health_centre',
  'school',
  'kindergarten',
  'university',
  'party_school',
  'enterprise',
  'other',
] as const;
export type UnitType = (typeof UNIT_TYPES)[number];
export const unitTypeSchema = z.enum(UNIT_TYPES);

export const UNIT_STATUSES = ['active', 'merged'] as const;
export type UnitStatus = (typeof UNIT_STATUSES)[number];

/** Normalises a unified social credit code as people type it: trimmed, upper case, no inner spaces. */
export function normalizeUscc(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/**
 * An optional unified social credit code (GB 32100): blank means none; otherwise 18 characters
 * with a valid check character.
 */
export const usccField = z.preprocess(
  (v) => (typeof v === 'string' ? (v.trim() === '' ? null : normalizeUscc(v)) : v),
  z.string().max(18, { message: 'uscc_invalid' }).refine(isValidUscc, { message: 'uscc_invalid' }).nullable(),
);

export const unitRef = z.object({ id: z.uuid(), name: z.string() });
export type UnitRef = z.infer<typeof unitRef>;

export const unitView = z.object({
  id: z.uuid(),
  name: z.string(),
  uscc: z.string().nullable(),
  type: unitTypeSchema,
  regionCode: z.string(),
  regionName: z.string().nullable(),
  parentId: z.uuid().nullable(),
  parentName: z.string().nullable(),
  status: z.enum(UNIT_STATUSES),
  mergedInto: z.uuid().nullable(),
  /** Child units the reader may see (merged ones not counted). */
  childCount: z.number().int(),
  /** People whose unit is this one (not its descendants). */
  peopleCount: z.number().int(),
  /** Root first, without the unit itself. */
  ancestors: z.array(unitRef),
});
export type UnitView = z.infer<typeof unitView>;
export const unitPage = pageOf(unitView);
export const unitRoots = z.object({ items: z.array(unitView) });

export const UNIT_SORTS = ['name', 'regionCode', 'type', 'createdAt', 'sortOrder'] as const;

/**
 * GET /api/v1/units, scoped to what the reader may see. `q` is a name substring or a whole unified
 * social credit code; `regionCode` means the region's subtree; merged units only on request.
 */
export const unitListQuery = listQuery.extend({
  q: text(100, 0).optional(),
  parentId: uuid.optional(),
  regionCode: regionCode.optional(),
  type: unitTypeSchema.optional(),
  includeMerged: queryFlag.optional(),
  sort: z.enum(UNIT_SORTS.flatMap((s) => [s, `-${s}`] as const)).optional(),
});
export type UnitListQuery = z.infer<typeof unitListQuery>;

/** POST /api/v1/units. Without `parentId` the unit is a root (an org admin's act). */
export const createUnitBody = z.strictObject({
  name: text(100),
  uscc: usccField.default(null),
  type: unitTypeSchema,
  regionCode,
  parentId: uuid.nullable().default(null),
  sortOrder: z.number().int().min(0).max(1_000_000).default(0),
});
export type CreateUnitBody = z.infer<typeof createUnitBody>;

/** PATCH /api/v1/units/{id}: any subset; the parent changes only through move. */
export const updateUnitBody = z.strictObject({
  name: text(100).optional(),
  uscc: usccField.optional(),
  type: unitTypeSchema.optional(),
  regionCode: regionCode.optional(),
  sortOrder: z.number().int().min(0).max(1_000_000).optional(),
});
export type UpdateUnitBody = z.infer<typeof updateUnitBody>;

/** POST /api/v1/units/{id}/move: the new parent, or null for the top level. */
export const moveUnitBody = z.strictObject({ parentId: uuid.nullable() });
export type MoveUnitBody = z.infer<typeof moveUnitBody>;

/** POST /api/v1/units/{id}/merge: people and child units go to the target; the unit is marked merged. */
export const mergeUnitBody = z.strictObject({ targetId: uuid });
export type MergeUnitBody = z.infer<typeof mergeUnitBody>;
