import { z } from 'zod';

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
