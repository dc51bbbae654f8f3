import { z } from 'zod';
import { listQuery, pageOf, text, uuid } from './common.js';
import { normalizeIdNumber, normalizeMobile, parseIdNumber } from './identity.js';
import { regionCode } from './regions.js';

/**
 * People of the directory (干部人才库): the contract the API, the console's forms and the
 * spreadsheet import share. Personal information (ID number, mobile) enters here in clear and is
 * encrypted by the server; it leaves masked unless revealed.
 */
export const GENDERS = ['male', 'female'] as const;
export type Gender = (typeof GENDERS)[number];

/** 党政干部, 专技人才, 其他. */
export const PERSON_CATEGORIES = ['cadre', 'professional', 'other'] as const;
export type PersonCategory = (typeof PERSON_CATEGORIES)[number];

/** Specialty of a professional-technical talent (专技人才): 医疗, 教育, 农业, 其他. */
export const SPECIALTIES = ['medical', 'education', 'agriculture', 'other'] as const;
export type Specialty = (typeof SPECIALTIES)[number];

/** 在职, 调离, 退休. */
export const PERSON_STATUSES = ['serving', 'transferred', 'retired'] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** An ISO calendar date that exists (2024-02-30 does not). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date_format' })
  .refine(
    (s) => {
      const d = new Date(`${s}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
    },
    { message: 'date_invalid' },
  );

/** A dictionary item code (GB 3304 ethnicity "01", GB/T 12407 level "0122", …); checked against its list by the server. */
export const itemCode = z.string().regex(/^[A-Za-z0-9_]{1,20}$/, { message: 'item_code_format' });

const nullableText = (max: number) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), text(max).nullable());

export const trainingRequirementOverride = z.strictObject({
  period: z.enum(['yearly', 'five_year']),
  hours: z.number().int().min(1).max(2000),
});

const personFields = {
  name: text(50),
  gender: z.enum(GENDERS),
  ethnicity: itemCode,
  birthDate: isoDate,
  /** 18-character resident ID number (GB 11643), normalised (full-width digits, lower-case x). */
  idNumber: z.string().max(40).transform(normalizeIdNumber),
  mobile: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string().max(30).nullable(),
  ),
  politicalStatus: itemCode.nullable(),
  education: itemCode.nullable(),
  unitId: uuid,
  post: nullableText(100),
  rank: itemCode.nullable(),
  category: z.enum(PERSON_CATEGORIES),
  specialty: z.enum(SPECIALTIES).nullable(),
  status: z.enum(PERSON_STATUSES),
  requirementOverride: trainingRequirementOverride.nullable(),
};

type PersonShape = {
  idNumber?: string | undefined;
  birthDate?: string | undefined;
  gender?: Gender | undefined;
  mobile?: string | null | undefined;
  category?: PersonCategory | undefined;
  specialty?: Specialty | null | undefined;
};

/**
 * Cross-field rules of a person: the ID number is valid and agrees with birth date and gender,
 * the mobile number is a mainland mobile, a specialty goes with professional talent only.
 * Also used by the import, so its messages are the ones a spreadsheet's error report shows.
 */
export function checkPerson(value: PersonShape, ctx: z.RefinementCtx, today = new Date()): void {
  if (value.idNumber !== undefined) {
    const parsed = parseIdNumber(value.idNumber, today);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', path: ['idNumber'], message: parsed.problem });
    } else {
      if (value.birthDate && parsed.info.birthDate !== value.birthDate)
        ctx.addIssue({ code: 'custom', path: ['birthDate'], message: 'birth_date_mismatch' });
      if (value.gender && parsed.info.gender !== value.gender)
        ctx.addIssue({ code: 'custom', path: ['gender'], message: 'gender_mismatch' });
    }
  }
  if (value.mobile && !normalizeMobile(value.mobile))
    ctx.addIssue({ code: 'custom', path: ['mobile'], message: 'mobile_format' });
  if (value.category !== undefined || value.specialty !== undefined) {
    if (value.category === 'professional' && !value.specialty)
      ctx.addIssue({ code: 'custom', path: ['specialty'], message: 'specialty_required' });
    if (value.category && value.category !== 'professional' && value.specialty)
      ctx.addIssue({ code: 'custom', path: ['specialty'], message: 'specialty_not_allowed' });
  }
}

/** POST /api/v1/people. */
export const createPersonBody = z
  .strictObject({
    ...personFields,
    mobile: personFields.mobile.default(null),
    politicalStatus: personFields.politicalStatus.default(null),
    education: personFields.education.default(null),
    post: personFields.post.default(null),
    rank: personFields.rank.default(null),
    specialty: personFields.specialty.default(null),
    status: personFields.status.default('serving'),
    requirementOverride: personFields.requirementOverride.default(null),
  })
  .superRefine((v, ctx) => checkPerson(v, ctx));
export type CreatePersonBody = z.infer<typeof createPersonBody>;

/**
 * PATCH /api/v1/people/{id}: any subset. The service re-checks the merged record with checkPerson,
 * since birth date, gender and ID number must agree across old and new values.
 */
export const updatePersonBody = z
  .strictObject(personFields)
  .partial()
  .superRefine((v, ctx) => checkPerson(v, ctx));
export type UpdatePersonBody = z.infer<typeof updatePersonBody>;

/** A person as lists and pages show them: ID and mobile numbers masked, the unit named. */
export const personView = z.object({
  id: z.uuid(),
  name: z.string(),
  gender: z.enum(GENDERS),
  ethnicity: z.string(),
  birthDate: z.string(),
  /** Masked (`420***********123X`); the clear value only through reveal. */
  idNumber: z.string(),
  /** Masked (`138****5678`) or null. */
  mobile: z.string().nullable(),
  politicalStatus: z.string().nullable(),
  education: z.string().nullable(),
  unitId: z.uuid(),
  unitName: z.string(),
  regionCode: z.string(),
  post: z.string().nullable(),
  rank: z.string().nullable(),
  category: z.enum(PERSON_CATEGORIES),
  specialty: z.enum(SPECIALTIES).nullable(),
  status: z.enum(PERSON_STATUSES),
  requirement: z.object({
    period: z.enum(['yearly', 'five_year']),
    hours: z.number().int(),
    source: z.enum(['default', 'override']),
  }),
  hasAccount: z.boolean(),
  username: z.string().nullable(),
  updatedAt: z.string(),
});
export type PersonView = z.infer<typeof personView>;
export const personPage = pageOf(personView);

/** GET /api/v1/people/{id}: the view plus the override as stored and the unit's chain (root first, the unit last). */
export const personDetail = personView.extend({
  requirementOverride: trainingRequirementOverride.nullable(),
  unitAncestors: z.array(z.object({ id: z.uuid(), name: z.string() })),
});
export type PersonDetail = z.infer<typeof personDetail>;

export const PERSON_SORTS = ['name', 'birthDate', 'updatedAt', 'namePinyin'] as const;
export type PersonSort = (typeof PERSON_SORTS)[number];

/**
 * Filters of the people list and its export. `q` is a name substring, a pinyin or initials prefix
 * (`zhangsan`, `zs`) or a whole ID number (exact); `unitId` and `regionCode` mean subtrees.
 */
export const personFilter = z.object({
  q: text(64, 0).optional(),
  unitId: uuid.optional(),
  regionCode: regionCode.optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
  specialty: z.enum(SPECIALTIES).optional(),
  rank: itemCode.optional(),
  status: z.enum(PERSON_STATUSES).optional(),
  gender: z.enum(GENDERS).optional(),
});
export type PersonFilter = z.infer<typeof personFilter>;

/** GET /api/v1/people: filters, page and a sort among PERSON_SORTS (default `namePinyin`). */
export const personListQuery = listQuery.extend({
  ...personFilter.shape,
  sort: z.enum(PERSON_SORTS.flatMap((s) => [s, `-${s}`] as const)).optional(),
});
export type PersonListQuery = z.infer<typeof personListQuery>;

/** POST /api/v1/people/{id}/reveal: why the clear values are needed (kept in the audit trail). */
export const revealBody = z.strictObject({ reason: text(200, 2) });
export const revealResponse = z.object({ idNumber: z.string(), mobile: z.string().nullable() });
export type RevealResponse = z.infer<typeof revealResponse>;

/** Roles that accounts made from people may receive (a liaison's scope is the person's unit). */
export const ACCOUNT_ROLES = ['trainee', 'lecturer', 'unit_liaison'] as const;
export type AccountRole = (typeof ACCOUNT_ROLES)[number];

/** POST /api/v1/people/accounts. */
export const createAccountsBody = z.strictObject({
  personIds: z.array(uuid).min(1).max(500),
  role: z.enum(ACCOUNT_ROLES),
});
export type CreateAccountsBody = z.infer<typeof createAccountsBody>;
/**
 * `?format=xlsx` for the sheet as a workbook. A refinement rather than an enum: the body is checked
 * before the query string, and an enum would promise a field error that a missing body hides.
 */
export const createAccountsQuery = z.object({
  format: z
    .string()
    .refine((v): v is 'json' | 'xlsx' => v === 'json' || v === 'xlsx', { message: 'format_unknown' })
    .optional()
    .describe('json (default) or xlsx'),
});

export const accountSheetRow = z.object({
  personId: z.uuid(),
  name: z.string(),
  unitName: z.string(),
  username: z.string(),
  /** The initial password, shown once; null when the person already had an account. */
  password: z.string().nullable(),
  status: z.enum(['created', 'exists']),
});
export type AccountSheetRow = z.infer<typeof accountSheetRow>;
export const createAccountsResponse = z.object({ items: z.array(accountSheetRow) });
