import { z } from 'zod';
import { text } from './common.js';

/**
 * Certificates (结业证书, issue 6 item 7): the number format with its check character, the issue
 * and revoke contracts, and the two views — the full one for staff and the trainee, and the public
 * verification view, which shows only what a verifier needs (a masked name; never an ID number,
 * unit or phone number).
 *
 * A number reads `GX-2026-000123-7`: the issuer's prefix, the year, a sequence (at least 6 digits)
 * and an ISO 7064 MOD 37-2 check character over the letters and digits before it. MOD 37-2 is a
 * pure system with a prime modulus, so it catches every single-character substitution and every
 * transposition of adjacent characters (the check character included); the price is that the check
 * character may be `*` (one number in 37).
 */

/** The characters of ISO 7064 MOD 37-2, by value (the last one only as a check character). */
const MOD37_CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*';

/** The issuer's prefix: 1–10 upper-case letters and digits, starting with a letter. */
export const certificatePrefix = z
  .string()
  .regex(/^[A-Z][A-Z0-9]{0,9}$/, { message: 'certificate_prefix_format' });

export const MIN_SEQUENCE_DIGITS = 6;

const NUMBER_PATTERN = /^([A-Z][A-Z0-9]{0,9})-(\d{4})-(\d{6,12})-([0-9A-Z*])$/;

/**
 * The ISO 7064 MOD 37-2 check character of `body` (letters and digits; hyphens are ignored), or
 * null when it holds anything else.
 */
export function certificateCheckChar(body: string): string | null {
  let p = 0;
  for (const c of body.replaceAll('-', '')) {
    const v = MOD37_CHARS.indexOf(c);
    if (v < 0 || v > 35) return null;
    p = ((p + v) * 2) % 37;
  }
  return MOD37_CHARS[(38 - p) % 37] ?? null;
}

/** The number of a certificate: `certificateNumber('GX', 2026, 123)` is `GX-2026-000123-` + check. */
export function certificateNumber(prefix: string, year: number, sequence: number): string {
  if (!certificatePrefix.safeParse(prefix).success) throw new RangeError(`certificate prefix: ${prefix}`);
  if (!Number.isInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`certificate year: ${year}`);
  if (!Number.isSafeInteger(sequence) || sequence < 1 || sequence >= 1e12) {
    throw new RangeError(`certificate sequence: ${sequence}`);
  }
  const body = `${prefix}-${year}-${String(sequence).padStart(MIN_SEQUENCE_DIGITS, '0')}`;
  return `${body}-${certificateCheckChar(body)}`;
}

/**
 * What people type or scan into the verification page, tidied: spaces dropped, full-width
 * characters folded, letters upper-cased, dashes of any kind made hyphens. Not validated.
 */
export function normalizeCertificateNumber(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/\s+/g, '')
    .replace(/[\u2010-\u2015\u2212\uFE63]/g, '-')
    .toUpperCase();
}

export interface ParsedCertificateNumber {
  /** The canonical form. */
  number: string;
  prefix: string;
  year: number;
  sequence: number;
  check: string;
}

/**
 * Reads a certificate number (after `normalizeCertificateNumber`): null when it is malformed, not
 * canonical (a sequence with more leading zeros than needed) or its check character is wrong.
 */
export function parseCertificateNumber(raw: string): ParsedCertificateNumber | null {
  const number = normalizeCertificateNumber(raw);
  const m = NUMBER_PATTERN.exec(number);
  if (!m) return null;
  const [, prefix = '', year = '', seq = '', check = ''] = m;
  if (seq.length > MIN_SEQUENCE_DIGITS && seq.startsWith('0')) return null;
  const sequence = Number(seq);
  if (sequence < 1) return null;
  if (certificateCheckChar(`${prefix}${year}${seq}`) !== check) return null;
  return { number, prefix, year: Number(year), sequence, check };
}

/** Is this a well-formed certificate number with the right check character? */
export function validCertificateNumber(raw: string): boolean {
  return parseCertificateNumber(raw) !== null;
}

/** A certificate is valid until revoked; re-issuing gives a new number and revokes the old one. */
export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** The revocation reason recorded on the old certificate when it is re-issued. */
export const REISSUED_REASON = 'reissued';

/** Issue certificates of a class: to these enrollments, or to every completed one without one. */
export const issueBody = z.strictObject({
  enrollmentIds: z.array(z.uuid()).min(1).max(2000).optional(),
});
export type IssueBody = z.infer<typeof issueBody>;

/** Revoke a certificate: the reason is required and recorded. */
export const revokeBody = z.strictObject({ reason: text(500, 2) });
export type RevokeBody = z.infer<typeof revokeBody>;

/** Re-issue (a corrected name, hours): a new number; the old one is revoked as `reissued`. */
export const reissueBody = z.strictObject({ reason: text(500, 2) });
export type ReissueBody = z.infer<typeof reissueBody>;

/** A certificate as staff and its holder see it. */
export const certificateView = z.object({
  id: z.uuid(),
  number: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  personId: z.uuid(),
  personName: z.string(),
  classId: z.uuid(),
  className: z.string(),
  /** The class's first and last days (`YYYY-MM-DD`, China days). */
  startDate: z.string(),
  endDate: z.string(),
  /** 学时 credited. */
  hours: z.number(),
  /** The issuing institution's name as printed. */
  issuer: z.string(),
  issuedAt: z.string(),
  revokedAt: z.string().nullable(),
  /** `reissued`, or the reason given. */
  revokedReason: z.string().nullable(),
  /** The number that replaced it, when re-issued. */
  replacedBy: z.string().nullable(),
});
export type CertificateView = z.infer<typeof certificateView>;

/** What the public verification page (reached by the QR code on the certificate) shows. */
export const publicVerificationView = z.strictObject({
  number: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  /** e.g. 刘*玉. */
  maskedName: z.string(),
  className: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  hours: z.number(),
  issuer: z.string(),
});
export type PublicVerificationView = z.infer<typeof publicVerificationView>;

/** The public view of a certificate: picks the allowed fields, so nothing else can leak. */
export function presentPublicVerification(
  cert: Pick<
    CertificateView,
    'number' | 'status' | 'personName' | 'className' | 'startDate' | 'endDate' | 'hours' | 'issuer'
  >,
): PublicVerificationView {
  return {
    number: cert.number,
    status: cert.status,
    maskedName: maskName(cert.personName),
    className: cert.className,
    startDate: cert.startDate,
    endDate: cert.endDate,
    hours: cert.hours,
    issuer: cert.issuer,
  };
}

const NAME_SEPARATORS = /([\s·・•.-]+)/u;

/**
 * Masks a person's name for public display. A Chinese name keeps its first and last characters
 * (刘*玉, 欧**娜), a two-character one only the first (刘*), a single character none (*). A name in
 * parts (Latin names, 阿依古丽·买买提) keeps the first character of each part: `J*** S****`.
 */
export function maskName(name: string): string {
  const trimmed = name.trim();
  if (NAME_SEPARATORS.test(trimmed)) {
    return trimmed
      .split(NAME_SEPARATORS)
      .map((part, i) => (i % 2 === 1 ? part : maskPart(part)))
      .join('');
  }
  const chars = Array.from(trimmed);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  if (/^[\p{Script=Latin}'’]+$/u.test(trimmed)) return maskPart(trimmed);
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

function maskPart(part: string): string {
  const chars = Array.from(part);
  return chars.length === 0 ? '' : `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** The issuing institution of a class's certificates, with its seal, as the certificates tab shows it. */
export const certificateIssuerView = z.object({
  unitId: z.uuid(),
  name: z.string(),
  hasSeal: z.boolean(),
  sealUpdatedAt: z.string().nullable(),
  /** May the reader upload the seal (certificate.issue over that unit)? */
  canEditSeal: z.boolean(),
});
export type CertificateIssuerView = z.infer<typeof certificateIssuerView>;

/** Certificates as a list (`/me/certificates`, the result of issuing). */
export const certificateItems = z.object({ items: z.array(certificateView) });
export type CertificateItems = z.infer<typeof certificateItems>;

/** A class's certificates, newest first, with the issuer and what the reader may do. */
export const certificateList = certificateItems.extend({
  issuer: certificateIssuerView.optional(),
  /** Enrollments confirmed completed that hold no valid certificate yet. */
  pending: z.number().int().optional(),
  /** May the reader issue, revoke and re-issue (certificate.issue over the class)? */
  canIssue: z.boolean().optional(),
});
export type CertificateList = z.infer<typeof certificateList>;

/** A seal uploaded for an issuing unit. */
export const sealView = z.object({ unitId: z.uuid(), updatedAt: z.string() });
export type SealView = z.infer<typeof sealView>;

/** The largest seal image accepted (PNG or JPEG). */
export const MAX_SEAL_BYTES = 1024 * 1024;

const CHINESE_DIGITS = '〇一二三四五六七八九';

function chineseNumber(n: number): string {
  if (n < 10) return CHINESE_DIGITS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : CHINESE_DIGITS[tens]}十${ones ? CHINESE_DIGITS[ones] : ''}`;
}

/** A day (`YYYY-MM-DD`) as printed on certificates: 2026-03-10 → 二〇二六年三月十日. */
export function chineseDate(day: string): string {
  const [y = '', m = '1', d = '1'] = day.split('-');
  const year = Array.from(y, (c) => CHINESE_DIGITS[Number(c)] ?? c).join('');
  return `${year}年${chineseNumber(Number(m))}月${chineseNumber(Number(d))}日`;
}

/** A day (`YYYY-MM-DD`) in the body text of a certificate: 2026-03-10 → 2026年3月10日. */
export function certificateDay(day: string): string {
  const [y = '', m = '1', d = '1'] = day.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}
