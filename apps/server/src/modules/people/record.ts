import {
  type CreatePersonBody,
  maskIdNumber,
  maskPhone,
  normalizeIdNumber,
  normalizeMobile,
} from '@ganxun/domain';
import { pinyin } from 'pinyin-pro';
import type { people } from '../../db/schema/index.js';
import type { FieldCipher } from '../../platform/crypto.js';

export type PersonRow = typeof people.$inferSelect;
export type PersonInsert = typeof people.$inferInsert;

/** Pinyin forms of a name for search: `zhangsan` and `zs` (surname readings: 单 → shan). */
export function namePinyin(name: string): { full: string; initials: string } {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', surname: 'head', v: true });
  const letters = syllables.map((s) => s.toLowerCase().replace(/[^a-z]/g, ''));
  return { full: letters.join(''), initials: letters.map((s) => s.charAt(0)).join('') };
}

/** Keyed hash under which a person's ID number is unique and found (platform/crypto). */
export function idNumberHash(cipher: FieldCipher, idNumber: string): string {
  return cipher.lookupHash(normalizeIdNumber(idNumber));
}

/**
 * The columns of a person from a validated contract value: personal information encrypted, its
 * look-up hashes and masked forms computed, the name's pinyin derived. The one place that turns
 * input into a row, shared by the API and the spreadsheet import.
 */
export function personColumns(cipher: FieldCipher, input: CreatePersonBody): Omit<PersonInsert, 'id'> {
  const idNumber = normalizeIdNumber(input.idNumber);
  const mobile = input.mobile ? normalizeMobile(input.mobile) : null;
  const py = namePinyin(input.name);
  return {
    name: input.name,
    namePinyin: py.full,
    nameInitials: py.initials,
    gender: input.gender,
    ethnicity: input.ethnicity,
    birthDate: input.birthDate,
    idNumberEnc: cipher.encrypt(idNumber),
    idNumberHash: cipher.lookupHash(idNumber),
    idNumberMasked: maskIdNumber(idNumber),
    mobileEnc: mobile ? cipher.encrypt(mobile) : null,
    mobileHash: mobile ? cipher.lookupHash(mobile) : null,
    mobileMasked: mobile ? maskPhone(mobile) : null,
    politicalStatus: input.politicalStatus,
    education: input.education,
    unitId: input.unitId,
    post: input.post,
    rank: input.rank,
    category: input.category,
    specialty: input.specialty,
    status: input.status,
    requirementOverride: input.requirementOverride,
  };
}

/** The fields a person's record is compared on (diffs of updates and imports); PII compared by hash. */
export const COMPARED_FIELDS = [
  'name',
  'gender',
  'ethnicity',
  'birthDate',
  'mobile',
  'politicalStatus',
  'education',
  'unitId',
  'post',
  'rank',
  'category',
  'specialty',
  'status',
] as const;

/**
 * Field-by-field changes from a stored row to new input. The mobile number is compared by its
 * keyed hash and shown masked, so a diff (kept in import previews and the audit trail) never holds
 * personal information in clear.
 */
export function personDiff(
  cipher: FieldCipher,
  row: PersonRow,
  input: CreatePersonBody,
): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of COMPARED_FIELDS) {
    if (field === 'mobile') {
      const mobile = input.mobile ? normalizeMobile(input.mobile) : null;
      const hash = mobile ? cipher.lookupHash(mobile) : null;
      if (hash !== row.mobileHash)
        out.mobile = { from: row.mobileMasked, to: mobile ? maskPhone(mobile) : null };
      continue;
    }
    const from = row[field] ?? null;
    const to = input[field] ?? null;
    if (from !== to) out[field] = { from, to };
  }
  const fromOverride = JSON.stringify(row.requirementOverride ?? null);
  const toOverride = JSON.stringify(input.requirementOverride ?? null);
  if (fromOverride !== toOverride)
    out.requirementOverride = {
      from: row.requirementOverride ?? null,
      to: input.requirementOverride ?? null,
    };
  return out;
}
