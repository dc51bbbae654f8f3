import { z } from 'zod';
import { patchFields } from './classes.js';
import { listQuery, multilineText, pageOf, text } from './common.js';
import { normalizeMobile } from './identity.js';

/** The lecturer pool (师资库): internal (the institution's own teachers) or external experts. */
export const LECTURER_KINDS = ['internal', 'external'] as const;
export type LecturerKind = (typeof LECTURER_KINDS)[number];
export const LECTURER_STATUSES = ['active', 'inactive'] as const;

const lecturerFields = {
  kind: z.enum(LECTURER_KINDS),
  name: text(50),
  /** Where they work (国家卫健委, 浙江大学 …). */
  affiliation: text(200, 0).nullable().default(null),
  /** Professional title (教授, 研究员, 主任医师 …). */
  title: text(100, 0).nullable().default(null),
  expertise: z.array(text(50)).max(30).default([]),
  /** Stored encrypted and shown masked, as people's mobile numbers are (docs/security.md). */
  mobile: z
    .preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string().max(30).nullable())
    .refine((v) => v === null || normalizeMobile(v) !== null, { message: 'mobile_format' })
    .default(null),
  email: z.email().max(200).nullable().default(null),
  biography: multilineText(4000).nullable().default(null),
  /** The person record of an internal lecturer, when there is one. */
  personId: z.uuid().nullable().default(null),
  status: z.enum(LECTURER_STATUSES).default('active'),
};

export const createLecturerBody = z.strictObject(lecturerFields);
export type CreateLecturerBody = z.infer<typeof createLecturerBody>;
export const updateLecturerBody = z.strictObject(
  patchFields(lecturerFields) as {
    [K in keyof typeof lecturerFields]: z.ZodOptional<(typeof lecturerFields)[K]>;
  },
);
export type UpdateLecturerBody = z.infer<typeof updateLecturerBody>;

export const lecturerView = z.object({
  id: z.uuid(),
  kind: z.enum(LECTURER_KINDS),
  name: z.string(),
  affiliation: z.string().nullable(),
  title: z.string().nullable(),
  expertise: z.array(z.string()),
  /** Masked (`138****5678`). */
  mobile: z.string().nullable(),
  email: z.string().nullable(),
  biography: z.string().nullable(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  status: z.enum(LECTURER_STATUSES),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type LecturerView = z.infer<typeof lecturerView>;
export const lecturerPage = pageOf(lecturerView);

export const lecturerListQuery = listQuery.extend({
  /** Name (characters or pinyin), affiliation or an expertise topic. */
  q: z.string().trim().max(50).optional(),
  kind: z.enum(LECTURER_KINDS).optional(),
  expertise: z.string().trim().max(50).optional(),
  status: z.enum(LECTURER_STATUSES).optional(),
});
export type LecturerListQuery = z.infer<typeof lecturerListQuery>;
