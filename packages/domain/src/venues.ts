import { z } from 'zod';
import { patchFields } from './classes.js';
import { listQuery, multilineText, pageOf, text } from './common.js';
import { regionCode } from './regions.js';

/**
 * Teaching venues (教学场地): classrooms with seats, field-teaching sites (现场教学点) with an address,
 * and online rooms (a live-broadcast link and a replay link). Each belongs to a unit (the institution
 * that keeps it), which decides who may edit it.
 */
export const VENUE_KINDS = ['classroom', 'field_site', 'online_room'] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];
export const VENUE_STATUSES = ['active', 'inactive'] as const;

const url = z.url({ protocol: /^https?$/ }).max(500);

const venueFields = {
  kind: z.enum(VENUE_KINDS),
  name: text(100),
  ownerUnitId: z.uuid(),
  /** Seats (classrooms); null when unlimited or unknown (online rooms). */
  capacity: z.number().int().min(1).max(100_000).nullable().default(null),
  building: text(100, 0).nullable().default(null),
  equipment: z.array(text(50)).max(30).default([]),
  address: text(300, 0).nullable().default(null),
  cityCode: regionCode.nullable().default(null),
  liveUrl: url.nullable().default(null),
  replayUrl: url.nullable().default(null),
  note: multilineText(1000).nullable().default(null),
  status: z.enum(VENUE_STATUSES).default('active'),
};

function checkKind(
  v: { kind?: VenueKind; address?: string | null; cityCode?: string | null },
  ctx: z.RefinementCtx,
) {
  if (v.kind === 'field_site' && !v.cityCode) {
    ctx.addIssue({ code: 'custom', path: ['cityCode'], message: 'city_required' });
  }
}

export const createVenueBody = z.strictObject(venueFields).superRefine(checkKind);
export type CreateVenueBody = z.infer<typeof createVenueBody>;
export const updateVenueBody = z.strictObject(
  patchFields(venueFields) as {
    [K in keyof typeof venueFields]: z.ZodOptional<(typeof venueFields)[K]>;
  },
);
export type UpdateVenueBody = z.infer<typeof updateVenueBody>;

export const venueView = z.object({
  id: z.uuid(),
  kind: z.enum(VENUE_KINDS),
  name: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  capacity: z.number().int().nullable(),
  building: z.string().nullable(),
  equipment: z.array(z.string()),
  address: z.string().nullable(),
  cityCode: z.string().nullable(),
  cityName: z.string().nullable(),
  liveUrl: z.string().nullable(),
  replayUrl: z.string().nullable(),
  note: z.string().nullable(),
  status: z.enum(VENUE_STATUSES),
  /** May the reader edit it (their reach covers the owner unit)? */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type VenueView = z.infer<typeof venueView>;
export const venuePage = pageOf(venueView);

export const venueListQuery = listQuery.extend({
  q: z.string().trim().max(50).optional(),
  kind: z.enum(VENUE_KINDS).optional(),
  ownerUnitId: z.uuid().optional(),
  cityCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
  /** Only venues with at least this many seats. */
  minCapacity: z.coerce.number().int().min(1).max(100_000).optional(),
  status: z.enum(VENUE_STATUSES).optional(),
});
export type VenueListQuery = z.infer<typeof venueListQuery>;
