import { z } from 'zod';
import { listQuery, multilineText, pageOf, text } from './common.js';
import { isoDate, type PersonCategory, SPECIALTIES, type Specialty } from './people.js';
import { UNIT_TYPES } from './units.js';

/**
 * Talent exchange (结对协作、挂职交流, issue 7): pairings between two regions (or units), the
 * secondments that run both ways between them, and the joint classes they hold. This file is the
 * API contract and the pure rules: terms, states, overlap, alerts, the category check against the
 * person's record, joint-class kinds, and the report sentences (narrative) in both scripts.
 *
 * Days are calendar days (`YYYY-MM-DD`, China days); a term is inclusive at both ends.
 */

// ---------------------------------------------------------------------------------------------
// Vocabulary
// ---------------------------------------------------------------------------------------------

export const PARTNERSHIP_STATUSES = ['active', 'suspended', 'ended'] as const;
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

export const PARTNERSHIP_SIDES = ['a', 'b'] as const;
export type PartnershipSide = (typeof PARTNERSHIP_SIDES)[number];

/** A → B and B → A: every pairing has exactly these two directions. */
export const DIRECTIONS = ['a_to_b', 'b_to_a'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** 党政干部 or 专业技术人才 (the latter with a specialty). */
export const SECONDMENT_CATEGORIES = ['cadre', 'professional'] as const;
export type SecondmentCategory = (typeof SECONDMENT_CATEGORIES)[number];

/** 计划 → 在岗 → 期满 (or 已延期 while in post, 提前结束); 已取消 when it never started. */
export const SECONDMENT_STATUSES = [
  'planned',
  'in_post',
  'extended',
  'completed',
  'ended_early',
  'cancelled',
] as const;
export type SecondmentStatus = (typeof SECONDMENT_STATUSES)[number];

/** Statuses of a term that has not ended: the ones that block an overlapping term and raise alerts. */
export const OPEN_SECONDMENT_STATUSES: readonly SecondmentStatus[] = ['planned', 'in_post', 'extended'];

/** Direct actions on a secondment. Extension and early end go through a change request instead. */
export const SECONDMENT_ACTIONS = ['start', 'complete', 'cancel'] as const;
export type SecondmentAction = (typeof SECONDMENT_ACTIONS)[number];

export const SECONDMENT_CHANGE_KINDS = ['extension', 'early_end'] as const;
export type SecondmentChangeKind = (typeof SECONDMENT_CHANGE_KINDS)[number];

export const SECONDMENT_CHANGE_STATUSES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type SecondmentChangeStatus = (typeof SECONDMENT_CHANGE_STATUSES)[number];

export const SECONDMENT_LOG_KINDS = ['work', 'achievement'] as const;
export type SecondmentLogKind = (typeof SECONDMENT_LOG_KINDS)[number];

export const ASSESSMENT_KINDS = ['annual', 'final'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

/** 优秀, 称职, 基本称职, 不称职. */
export const ASSESSMENT_GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export type AssessmentGrade = (typeof ASSESSMENT_GRADES)[number];

/** Alerts on an open term: ends within the window, should have returned, should have started. */
export const SECONDMENT_ALERTS = ['ending_soon', 'return_overdue', 'start_overdue'] as const;
export type SecondmentAlert = (typeof SECONDMENT_ALERTS)[number];

/** Days before the planned end from which a term is "ending soon". */
export const ENDING_SOON_DAYS = 30;

/** Joint classes count as leadership (领导干部) or professional (专业技术人才) training. */
export const JOINT_CLASS_KINDS = ['leadership', 'professional'] as const;
export type JointClassKind = (typeof JOINT_CLASS_KINDS)[number];

/** What the statistics count: terms that started in a year, or terms in post at any time of it. */
export const STATS_BASES = ['started', 'in_post'] as const;
export type StatsBasis = (typeof STATS_BASES)[number];

export const SECONDMENT_STATS_DIMENSIONS = [
  'year',
  'direction',
  'category',
  'specialty',
  'form',
  'hostUnitType',
] as const;
export type SecondmentStatsDimension = (typeof SECONDMENT_STATS_DIMENSIONS)[number];

export const JOINT_CLASS_STATS_DIMENSIONS = ['year', 'kind'] as const;
export type JointClassStatsDimension = (typeof JOINT_CLASS_STATS_DIMENSIONS)[number];

export const NARRATIVE_SCRIPTS = ['zh-CN', 'zh-TW'] as const;
export type NarrativeScript = (typeof NARRATIVE_SCRIPTS)[number];

// ---------------------------------------------------------------------------------------------
// Pure rules
// ---------------------------------------------------------------------------------------------

/** The sending and receiving sides of a direction. */
export function directionSides(direction: Direction): {
  sending: PartnershipSide;
  receiving: PartnershipSide;
} {
  return direction === 'a_to_b' ? { sending: 'a', receiving: 'b' } : { sending: 'b', receiving: 'a' };
}

/** The direction in which `sending` sends. */
export function directionFrom(sending: PartnershipSide): Direction {
  return sending === 'a' ? 'a_to_b' : 'b_to_a';
}

/** A direction's name from its sides' names: "恩施市 → 江干区". */
export function directionName(direction: Direction, sideA: string, sideB: string): string {
  return direction === 'a_to_b' ? `${sideA} → ${sideB}` : `${sideB} → ${sideA}`;
}

/** A secondment's dates as the rules see them. */
export interface SecondmentTerm {
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
  status: SecondmentStatus;
}

/**
 * The days a term occupies: from the actual start (else the planned start) to the actual end (else
 * the planned end, which an approved extension has moved). A cancelled term occupies none.
 */
export function effectiveTerm(t: SecondmentTerm): { start: string; end: string } | null {
  if (t.status === 'cancelled') return null;
  return { start: t.actualStart ?? t.plannedStart, end: t.actualEnd ?? t.plannedEnd };
}

/** Do two inclusive day ranges share a day? */
export function daysOverlap(a: { start: string; end: string }, b: { start: string; end: string }): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/**
 * The first of `others` (the person's other secondments) whose term overlaps `term`, or null. A
 * person serves one term at a time: a second, overlapping secondment is refused (409).
 */
export function overlappingTerm<T extends SecondmentTerm>(
  term: { start: string; end: string },
  others: readonly T[],
): T | null {
  for (const o of others) {
    const range = effectiveTerm(o);
    if (range && daysOverlap(term, range)) return o;
  }
  return null;
}

/** The year (YYYY) of a day. */
export function yearOf(day: string): number {
  return Number(day.slice(0, 4));
}

/** Did the term start in `year` (actual start, else planned)? */
export function startedInYear(t: SecondmentTerm, year: number): boolean {
  const range = effectiveTerm(t);
  return !!range && yearOf(range.start) === year;
}

/** Was the term in post on any day of `year`? Planned terms that have not started do not count. */
export function inPostDuringYear(t: SecondmentTerm, year: number): boolean {
  if (t.status === 'planned' || t.status === 'cancelled' || !t.actualStart) return false;
  const range = effectiveTerm(t);
  return !!range && daysOverlap(range, { start: `${year}-01-01`, end: `${year}-12-31` });
}

/** Adds days to a calendar day (UTC arithmetic on a date, no time zone involved). */
export function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * The alert an open term raises on `today`: it should have started (planned, start passed), it
 * should have ended (in post, end passed), or it ends within `windowDays` (default 30). Null for
 * ended terms and for terms with nothing to watch.
 */
export function secondmentAlert(
  t: SecondmentTerm,
  today: string,
  windowDays = ENDING_SOON_DAYS,
): SecondmentAlert | null {
  if (t.status === 'planned') return t.plannedStart < today ? 'start_overdue' : null;
  if (t.status !== 'in_post' && t.status !== 'extended') return null;
  if (t.plannedEnd < today) return 'return_overdue';
  if (t.plannedEnd <= addDays(today, windowDays)) return 'ending_soon';
  return null;
}

/** The status after a direct action, or null when the action is not allowed from `status`. */
export function secondmentTransition(
  status: SecondmentStatus,
  action: SecondmentAction,
): SecondmentStatus | null {
  switch (action) {
    case 'start':
      return status === 'planned' ? 'in_post' : null;
    case 'complete':
      return status === 'in_post' || status === 'extended' ? 'completed' : null;
    case 'cancel':
      return status === 'planned' ? 'cancelled' : null;
  }
}

/** The actions allowed from a status (for buttons). */
export function secondmentActionsFrom(status: SecondmentStatus): SecondmentAction[] {
  return SECONDMENT_ACTIONS.filter((a) => secondmentTransition(status, a) !== null);
}

/** May a change of this kind be asked for a term in this status? */
export function changeAllowed(status: SecondmentStatus, kind: SecondmentChangeKind): boolean {
  if (kind === 'extension') return status === 'planned' || status === 'in_post' || status === 'extended';
  return status === 'in_post' || status === 'extended';
}

/**
 * Problems with a change's new end (field `newEnd`): an extension must move the planned end later;
 * an early end must fall on or after the actual start and before the planned end.
 */
export function changeProblem(
  t: SecondmentTerm,
  kind: SecondmentChangeKind,
  newEnd: string,
): 'extension_not_later' | 'early_end_not_earlier' | 'early_end_before_start' | null {
  if (kind === 'extension') return newEnd > t.plannedEnd ? null : 'extension_not_later';
  if (newEnd >= t.plannedEnd) return 'early_end_not_earlier';
  if (newEnd < (t.actualStart ?? t.plannedStart)) return 'early_end_before_start';
  return null;
}

/** The status after an approved change: an extension keeps a planned term planned. */
export function statusAfterChange(status: SecondmentStatus, kind: SecondmentChangeKind): SecondmentStatus {
  if (kind === 'early_end') return 'ended_early';
  return status === 'planned' ? 'planned' : 'extended';
}

/** What the category check compares: the secondment's category and the person's directory record. */
export interface CategoryCheck {
  category: SecondmentCategory;
  specialty: Specialty | null;
}

/** Warnings recorded (not refused) when a secondment's category differs from the person's record. */
export type CategoryWarning = 'category_differs' | 'specialty_differs';

/**
 * Compares a secondment's category and specialty with the person's record. A professional
 * recorded as a cadre (or the reverse) and a doctor recorded as a teacher are accepted — people
 * change posts — but recorded as warnings so that a reader sees it was noticed. A person recorded
 * as `other`, or without a specialty, contradicts nothing.
 */
export function categoryWarnings(
  secondment: CategoryCheck,
  person: { category: PersonCategory; specialty: Specialty | null },
): CategoryWarning[] {
  const out: CategoryWarning[] = [];
  if (person.category !== 'other' && person.category !== secondment.category) out.push('category_differs');
  else if (
    secondment.category === 'professional' &&
    person.specialty !== null &&
    secondment.specialty !== null &&
    person.specialty !== secondment.specialty
  )
    out.push('specialty_differs');
  return out;
}

/**
 * A joint class's kind from the class kind: the `professional` kind (专业技术人才培训班) is
 * professional training, every other kind trains cadres (leadership). The link may override it.
 */
export function jointClassKindOf(classKind: string): JointClassKind {
  return classKind === 'professional' ? 'professional' : 'leadership';
}

// ---------------------------------------------------------------------------------------------
// Narrative: the sentences reports are made of, from computed figures
// ---------------------------------------------------------------------------------------------

/** A name in both scripts. Names are never converted character by character (江干区 → 江干區, not 江乾區). */
export interface ScriptName {
  zhCN: string;
  zhTW: string;
}

/** What one direction sent over the period. */
export interface DirectionFigures {
  sending: ScriptName;
  receiving: ScriptName;
  /** People (人), not person-times: a person seconded twice counts once. */
  cadres: number;
  professionals: number;
  bySpecialty: Record<Specialty, number>;
}

export interface JointClassFigures {
  leadership: { classes: number; personTimes: number };
  professional: { classes: number; personTimes: number };
}

export interface NarrativeInput {
  fromYear: number;
  /** Null: up to now ("以来"); else the last year of the period ("至YYYY年"). */
  toYear: number | null;
  directions: DirectionFigures[];
  jointClasses: JointClassFigures | null;
}

const WORDS = {
  'zh-CN': {
    since: (y: number) => `${y}年以来，`,
    between: (a: number, b: number) => (a === b ? `${a}年，` : `${a}年至${b}年，`),
    sent: '选派',
    cadres: (n: number) => `党政干部${n}名`,
    professionals: (n: number) => `专业技术人才${n}名`,
    among: (parts: string[]) => `（其中${parts.join('、')}）`,
    specialty: {
      medical: (n: number) => `医生${n}名`,
      education: (n: number) => `教师${n}名`,
      agriculture: (n: number) => `农业专家${n}名`,
      other: (n: number) => `其他专业人才${n}名`,
    } as Record<Specialty, (n: number) => string>,
    to: (place: string) => `赴${place}挂职交流`,
    none: (from: string, to: string) => `${from}暂未选派干部人才赴${to}挂职交流`,
    joint: (l: { classes: number; personTimes: number }, p: { classes: number; personTimes: number }) =>
      `两地联合举办领导干部培训班${l.classes}期、培训${l.personTimes}人次，举办专业技术人才培训班${p.classes}期、培训${p.personTimes}人次`,
    sep: '、',
    comma: '，',
    stop: '。',
  },
  'zh-TW': {
    since: (y: number) => `${y}年以來，`,
    between: (a: number, b: number) => (a === b ? `${a}年，` : `${a}年至${b}年，`),
    sent: '選派',
    cadres: (n: number) => `黨政幹部${n}名`,
    professionals: (n: number) => `專業技術人才${n}名`,
    among: (parts: string[]) => `（其中${parts.join('、')}）`,
    specialty: {
      medical: (n: number) => `醫生${n}名`,
      education: (n: number) => `教師${n}名`,
      agriculture: (n: number) => `農業專家${n}名`,
      other: (n: number) => `其他專業人才${n}名`,
    } as Record<Specialty, (n: number) => string>,
    to: (place: string) => `赴${place}掛職交流`,
    none: (from: string, to: string) => `${from}暫未選派幹部人才赴${to}掛職交流`,
    joint: (l: { classes: number; personTimes: number }, p: { classes: number; personTimes: number }) =>
      `兩地聯合舉辦領導幹部培訓班${l.classes}期、培訓${l.personTimes}人次，舉辦專業技術人才培訓班${p.classes}期、培訓${p.personTimes}人次`,
    sep: '、',
    comma: '，',
    stop: '。',
  },
} as const;

/**
 * The report sentences of a pairing for a period, written from the figures in the chosen script:
 * "2018年以来，恩施市选派党政干部13名、专业技术人才127名（其中医生69名、教师58名）赴江干区挂职交流。"
 * The fixed words exist in both scripts; names come in their own form for each script, so a
 * Traditional narrative says 江干區 (never 江乾區). Zero figures are left out of a sentence; a
 * direction that sent nobody says so.
 */
export function exchangeNarrative(input: NarrativeInput, script: NarrativeScript): string[] {
  const w = WORDS[script];
  const name = (n: ScriptName) => (script === 'zh-CN' ? n.zhCN : n.zhTW);
  const opening = input.toYear === null ? w.since(input.fromYear) : w.between(input.fromYear, input.toYear);
  const sentences: string[] = [];
  input.directions.forEach((d, i) => {
    const lead = i === 0 ? opening : '';
    const parts: string[] = [];
    if (d.cadres > 0) parts.push(w.cadres(d.cadres));
    if (d.professionals > 0) {
      const among = SPECIALTIES.filter((s) => d.bySpecialty[s] > 0).map((s) =>
        w.specialty[s](d.bySpecialty[s]),
      );
      parts.push(w.professionals(d.professionals) + (among.length > 0 ? w.among(among) : ''));
    }
    if (parts.length === 0) sentences.push(`${lead}${w.none(name(d.sending), name(d.receiving))}${w.stop}`);
    else
      sentences.push(
        `${lead}${name(d.sending)}${w.sent}${parts.join(w.sep)}${w.to(name(d.receiving))}${w.stop}`,
      );
  });
  const j = input.jointClasses;
  if (j && j.leadership.classes + j.professional.classes > 0)
    sentences.push(`${w.joint(j.leadership, j.professional)}${w.stop}`);
  return sentences;
}

// ---------------------------------------------------------------------------------------------
// API contract: pairings
// ---------------------------------------------------------------------------------------------

const regionCode = z.string().regex(/^\d{6}$/, { message: 'region_code_format' });
const year = z.number().int().min(1949).max(2100);
const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-() ]{5,30}$/, { message: 'phone_format' });

export const partnershipSideInput = z.strictObject({
  regionCode,
  /** A side may be a unit (inside the region); null for the whole region. */
  unitId: z.uuid().nullable().default(null),
});
export type PartnershipSideInput = z.infer<typeof partnershipSideInput>;

export const partnershipContact = z.strictObject({
  side: z.enum(PARTNERSHIP_SIDES),
  name: text(50),
  post: text(100).nullable().default(null),
  phone: phone.nullable().default(null),
});
export type PartnershipContact = z.infer<typeof partnershipContact>;

const partnershipFields = {
  name: text(100),
  /** A code of the `partnership_programme` dictionary. */
  programme: text(40),
  sideA: partnershipSideInput,
  sideB: partnershipSideInput,
  startYear: year,
  endYear: year.nullable().default(null),
  status: z.enum(PARTNERSHIP_STATUSES).default('active'),
  contacts: z.array(partnershipContact).max(20).default([]),
  note: multilineText(2000).nullable().default(null),
};

function checkPartnership(
  v: {
    sideA?: PartnershipSideInput;
    sideB?: PartnershipSideInput;
    startYear?: number;
    endYear?: number | null;
  },
  ctx: z.RefinementCtx,
) {
  if (v.startYear !== undefined && v.endYear != null && v.endYear < v.startYear)
    ctx.addIssue({ code: 'custom', path: ['endYear'], message: 'end_before_start' });
  if (
    v.sideA &&
    v.sideB &&
    v.sideA.regionCode === v.sideB.regionCode &&
    (v.sideA.unitId ?? null) === (v.sideB.unitId ?? null)
  )
    ctx.addIssue({ code: 'custom', path: ['sideB', 'regionCode'], message: 'same_sides' });
}

export const createPartnershipBody = z.strictObject(partnershipFields).superRefine(checkPartnership);
export type CreatePartnershipBody = z.infer<typeof createPartnershipBody>;

/** PATCH: any subset of the fields; the server checks years and sides against the stored row too. */
export const updatePartnershipBody = z
  .strictObject({
    name: partnershipFields.name.optional(),
    programme: partnershipFields.programme.optional(),
    sideA: partnershipSideInput.optional(),
    sideB: partnershipSideInput.optional(),
    startYear: year.optional(),
    endYear: year.nullable().optional(),
    status: z.enum(PARTNERSHIP_STATUSES).optional(),
    contacts: z.array(partnershipContact).max(20).optional(),
    note: multilineText(2000).nullable().optional(),
  })
  .superRefine(checkPartnership);
export type UpdatePartnershipBody = z.infer<typeof updatePartnershipBody>;

export const partnershipSideView = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  regionNameZhTw: z.string(),
  unitId: z.string().nullable(),
  unitName: z.string().nullable(),
  /** The side's name as used in directions and sentences: the unit's name, else the region's. */
  label: z.string(),
});
export type PartnershipSideView = z.infer<typeof partnershipSideView>;

export const directionView = z.object({
  direction: z.enum(DIRECTIONS),
  sendingLabel: z.string(),
  receivingLabel: z.string(),
  /** "恩施市 → 江干区". */
  name: z.string(),
});
export type DirectionView = z.infer<typeof directionView>;

export const partnershipView = z.object({
  id: z.string(),
  name: z.string(),
  programme: z.string(),
  sideA: partnershipSideView,
  sideB: partnershipSideView,
  directions: z.array(directionView),
  startYear: z.number().int(),
  endYear: z.number().int().nullable(),
  status: z.enum(PARTNERSHIP_STATUSES),
  contacts: z.array(partnershipContact),
  note: z.string().nullable(),
  counts: z.object({
    secondments: z.number().int(),
    inPost: z.number().int(),
    jointClasses: z.number().int(),
  }),
  /** Whether the reader may edit it (buttons). */
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PartnershipView = z.infer<typeof partnershipView>;

export const partnershipListQuery = listQuery.extend({
  q: z.string().trim().max(50).optional(),
  programme: z.string().max(40).optional(),
  status: z.enum(PARTNERSHIP_STATUSES).optional(),
  /** Pairings with a side in this region's subtree. */
  regionCode: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  /** Pairings running in this year. */
  year: z.coerce.number().int().min(1949).max(2100).optional(),
});
export type PartnershipListQuery = z.infer<typeof partnershipListQuery>;
export const partnershipPage = pageOf(partnershipView);
export type PartnershipPage = z.infer<typeof partnershipPage>;

export const linkJointClassBody = z.strictObject({
  classId: z.uuid(),
  /** Default: from the class kind (`jointClassKindOf`). */
  kind: z.enum(JOINT_CLASS_KINDS).optional(),
});
export type LinkJointClassBody = z.infer<typeof linkJointClassBody>;

export const jointClassView = z.object({
  classId: z.string(),
  code: z.string(),
  name: z.string(),
  classKind: z.string(),
  jointKind: z.enum(JOINT_CLASS_KINDS),
  status: z.string(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  /** Enrolled trainees (人次 of the class): withdrawn enrolments excluded. */
  personTimes: z.number().int(),
});
export type JointClassView = z.infer<typeof jointClassView>;
export const jointClassList = z.object({ items: z.array(jointClassView) });
export type JointClassList = z.infer<typeof jointClassList>;

// ---------------------------------------------------------------------------------------------
// API contract: secondments
// ---------------------------------------------------------------------------------------------

const secondmentFields = {
  partnershipId: z.uuid(),
  personId: z.uuid(),
  direction: z.enum(DIRECTIONS),
  /** A code of the `secondment_form` dictionary (挂职服务, 跟岗学习, 交流指导, 支教, 支医, 其他). */
  form: text(40),
  category: z.enum(SECONDMENT_CATEGORIES),
  /** Required for professionals, null for cadres. */
  specialty: z.enum(SPECIALTIES).nullable().default(null),
  /** Default: the person's unit. */
  homeUnitId: z.uuid().optional(),
  homePost: text(100).nullable().default(null),
  hostUnitId: z.uuid(),
  hostPost: text(100).nullable().default(null),
  fullTime: z.boolean().default(true),
  plannedStart: isoDate,
  plannedEnd: isoDate,
  mentor: text(50).nullable().default(null),
  partyTransfer: z.boolean().default(false),
  note: multilineText(2000).nullable().default(null),
};

function checkSecondment(
  v: {
    category?: SecondmentCategory;
    specialty?: Specialty | null;
    plannedStart?: string;
    plannedEnd?: string;
  },
  ctx: z.RefinementCtx,
) {
  if (v.plannedStart && v.plannedEnd && v.plannedEnd < v.plannedStart)
    ctx.addIssue({ code: 'custom', path: ['plannedEnd'], message: 'end_before_start' });
  if (v.category === 'professional' && v.specialty === null)
    ctx.addIssue({ code: 'custom', path: ['specialty'], message: 'specialty_required' });
  if (v.category === 'cadre' && v.specialty != null)
    ctx.addIssue({ code: 'custom', path: ['specialty'], message: 'specialty_not_for_cadre' });
}

export const createSecondmentBody = z.strictObject(secondmentFields).superRefine(checkSecondment);
export type CreateSecondmentBody = z.infer<typeof createSecondmentBody>;

/**
 * PATCH: the details of a term. Pairing and person are fixed once created; dates only while
 * planned (later, the term moves by start, extension and early end).
 */
export const updateSecondmentBody = z
  .strictObject({
    direction: z.enum(DIRECTIONS).optional(),
    form: secondmentFields.form.optional(),
    category: z.enum(SECONDMENT_CATEGORIES).optional(),
    specialty: z.enum(SPECIALTIES).nullable().optional(),
    homeUnitId: z.uuid().optional(),
    homePost: text(100).nullable().optional(),
    hostUnitId: z.uuid().optional(),
    hostPost: text(100).nullable().optional(),
    fullTime: z.boolean().optional(),
    plannedStart: isoDate.optional(),
    plannedEnd: isoDate.optional(),
    mentor: text(50).nullable().optional(),
    partyTransfer: z.boolean().optional(),
    note: multilineText(2000).nullable().optional(),
  })
  .superRefine(checkSecondment);
export type UpdateSecondmentBody = z.infer<typeof updateSecondmentBody>;

export const secondmentActionBody = z
  .strictObject({
    action: z.enum(SECONDMENT_ACTIONS),
    /** The actual start (start) or end (complete) day; default today. */
    date: isoDate.optional(),
    reason: text(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'cancel' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
  });
export type SecondmentActionBody = z.infer<typeof secondmentActionBody>;

export const secondmentWarningView = z.object({ code: z.string(), message: z.string() });

export const secondmentView = z.object({
  id: z.string(),
  partnership: z.object({ id: z.string(), name: z.string() }),
  person: z.object({
    id: z.string(),
    name: z.string(),
    gender: z.enum(['male', 'female']),
    unitName: z.string(),
  }),
  direction: z.enum(DIRECTIONS),
  sendingLabel: z.string(),
  receivingLabel: z.string(),
  form: z.string(),
  category: z.enum(SECONDMENT_CATEGORIES),
  specialty: z.enum(SPECIALTIES).nullable(),
  homeUnit: z.object({ id: z.string(), name: z.string() }),
  homePost: z.string().nullable(),
  hostUnit: z.object({ id: z.string(), name: z.string(), type: z.enum(UNIT_TYPES) }),
  hostPost: z.string().nullable(),
  fullTime: z.boolean(),
  plannedStart: z.string(),
  plannedEnd: z.string(),
  actualStart: z.string().nullable(),
  actualEnd: z.string().nullable(),
  mentor: z.string().nullable(),
  partyTransfer: z.boolean(),
  status: z.enum(SECONDMENT_STATUSES),
  alert: z.enum(SECONDMENT_ALERTS).nullable(),
  /** Warnings recorded when it was saved, in the reader's language. */
  warnings: z.array(secondmentWarningView),
  note: z.string().nullable(),
  /** Buttons: what the reader may do now. */
  actions: z.array(z.enum(SECONDMENT_ACTIONS)),
  canEdit: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SecondmentView = z.infer<typeof secondmentView>;

export const secondmentListQuery = listQuery.extend({
  /** Person's name, pinyin or initials. */
  q: z.string().trim().max(50).optional(),
  partnershipId: z.uuid().optional(),
  personId: z.uuid().optional(),
  direction: z.enum(DIRECTIONS).optional(),
  status: z.enum(SECONDMENT_STATUSES).optional(),
  category: z.enum(SECONDMENT_CATEGORIES).optional(),
  specialty: z.enum(SPECIALTIES).optional(),
  form: z.string().max(40).optional(),
  hostUnitId: z.uuid().optional(),
  /** Terms in post on any day of the year. */
  year: z.coerce.number().int().min(1949).max(2100).optional(),
  alert: z.enum([...SECONDMENT_ALERTS, 'any']).optional(),
});
export type SecondmentListQuery = z.infer<typeof secondmentListQuery>;
export const secondmentPage = pageOf(secondmentView);
export type SecondmentPage = z.infer<typeof secondmentPage>;

/** Counts of the alerts in the reader's scope (the badge on the list). */
export const secondmentAlertCounts = z.object({
  ending_soon: z.number().int(),
  return_overdue: z.number().int(),
  start_overdue: z.number().int(),
});
export type SecondmentAlertCounts = z.infer<typeof secondmentAlertCounts>;

export const changeRequestBody = z.strictObject({
  kind: z.enum(SECONDMENT_CHANGE_KINDS),
  newEnd: isoDate,
  reason: text(500),
});
export type ChangeRequestBody = z.infer<typeof changeRequestBody>;

export const changeDecisionBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  comment: text(500).nullable().default(null),
});
export type ChangeDecisionBody = z.infer<typeof changeDecisionBody>;

export const secondmentChangeView = z.object({
  id: z.string(),
  kind: z.enum(SECONDMENT_CHANGE_KINDS),
  newEnd: z.string(),
  previousEnd: z.string(),
  reason: z.string(),
  status: z.enum(SECONDMENT_CHANGE_STATUSES),
  requestedBy: z.string(),
  requestedAt: z.string(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
  comment: z.string().nullable(),
  /** May the reader decide it (holds secondment.approve, is not the requester)? */
  canDecide: z.boolean(),
  /** May the reader withdraw it (the requester, while it is pending)? */
  canWithdraw: z.boolean(),
});
export type SecondmentChangeView = z.infer<typeof secondmentChangeView>;

export const secondmentLogBody = z.strictObject({
  kind: z.enum(SECONDMENT_LOG_KINDS),
  date: isoDate,
  title: text(100),
  content: multilineText(5000).default(''),
});
export type SecondmentLogBody = z.infer<typeof secondmentLogBody>;

export const secondmentLogView = z.object({
  id: z.string(),
  kind: z.enum(SECONDMENT_LOG_KINDS),
  date: z.string(),
  title: z.string(),
  content: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type SecondmentLogView = z.infer<typeof secondmentLogView>;

export const assessmentBody = z
  .strictObject({
    kind: z.enum(ASSESSMENT_KINDS),
    /** The year assessed: required for annual assessments; the final one takes the term's end year. */
    year: year.optional(),
    grade: z.enum(ASSESSMENT_GRADES),
    comment: multilineText(1000).nullable().default(null),
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'annual' && v.year === undefined)
      ctx.addIssue({ code: 'custom', path: ['year'], message: 'year_required' });
  });
export type AssessmentBody = z.infer<typeof assessmentBody>;

export const assessmentView = z.object({
  id: z.string(),
  kind: z.enum(ASSESSMENT_KINDS),
  year: z.number().int(),
  grade: z.enum(ASSESSMENT_GRADES),
  comment: z.string().nullable(),
  assessedBy: z.string(),
  assessedAt: z.string(),
});
export type AssessmentView = z.infer<typeof assessmentView>;

export const talkBody = z.strictObject({
  date: isoDate,
  title: text(100),
  location: text(100).nullable().default(null),
  participants: multilineText(500).default(''),
  notes: multilineText(5000).default(''),
  /** The secondees who took part: secondments of this pairing. */
  secondmentIds: z.array(z.uuid()).max(500).default([]),
});
export type TalkBody = z.infer<typeof talkBody>;

export const talkView = z.object({
  id: z.string(),
  partnershipId: z.string(),
  date: z.string(),
  title: z.string(),
  location: z.string().nullable(),
  participants: z.string(),
  notes: z.string(),
  secondees: z.array(z.object({ secondmentId: z.string(), personName: z.string() })),
  createdBy: z.string(),
  createdAt: z.string(),
});
export type TalkView = z.infer<typeof talkView>;
export const talkList = z.object({ items: z.array(talkView) });

export const secondmentEventView = z.object({
  id: z.string(),
  /** created, updated, started, completed, cancelled, change_requested, change_approved,
   *  change_rejected, change_withdrawn, assessed, log_added, talk. */
  kind: z.string(),
  date: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type SecondmentEventView = z.infer<typeof secondmentEventView>;

/** GET /secondments/:id: the term with everything that happened in it. */
export const secondmentDetailView = secondmentView.extend({
  changes: z.array(secondmentChangeView),
  logs: z.array(secondmentLogView),
  assessments: z.array(assessmentView),
  talks: z.array(talkView),
  events: z.array(secondmentEventView),
  /** May the reader add a log (staff who edit it, or the secondee)? */
  canLog: z.boolean(),
  /** May the reader ask for a change? */
  canRequestChange: z.boolean(),
});
export type SecondmentDetailView = z.infer<typeof secondmentDetailView>;

// ---------------------------------------------------------------------------------------------
// API contract: import (xlsx, validate → preview → commit, all or nothing)
// ---------------------------------------------------------------------------------------------

export const secondmentImportRowView = z.object({
  rowNo: z.number().int(),
  outcome: z.enum(['create', 'error']),
  personName: z.string(),
  /** The person is not in the directory yet and will be created from the row. */
  newPerson: z.boolean(),
  direction: z.enum(DIRECTIONS).nullable(),
  category: z.enum(SECONDMENT_CATEGORIES).nullable(),
  specialty: z.enum(SPECIALTIES).nullable(),
  plannedStart: z.string().nullable(),
  plannedEnd: z.string().nullable(),
  errors: z.array(z.object({ column: z.string(), field: z.string(), message: z.string() })),
  warnings: z.array(z.string()),
});
export type SecondmentImportRowView = z.infer<typeof secondmentImportRowView>;

export const secondmentImportResult = z.object({
  dryRun: z.boolean(),
  committed: z.boolean(),
  summary: z.object({
    rows: z.number().int(),
    create: z.number().int(),
    error: z.number().int(),
    newPeople: z.number().int(),
  }),
  rows: z.array(secondmentImportRowView),
});
export type SecondmentImportResult = z.infer<typeof secondmentImportResult>;

// ---------------------------------------------------------------------------------------------
// API contract: statistics and narrative (GET /stats/secondments, /stats/joint-classes)
// ---------------------------------------------------------------------------------------------

const dimensionList = <T extends readonly [string, ...string[]]>(dims: T) =>
  z
    .string()
    .default('')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(dims)).max(3))
    .refine((a) => new Set(a).size === a.length, { message: 'duplicate_dimension' });

export const secondmentStatsQuery = z
  .object({
    partnershipId: z.uuid().optional(),
    fromYear: z.coerce.number().int().min(1949).max(2100),
    toYear: z.coerce.number().int().min(1949).max(2100),
    basis: z.enum(STATS_BASES).default('started'),
    /** Comma-separated: year,direction,category,specialty,form,hostUnitType (at most 3). */
    groupBy: dimensionList(SECONDMENT_STATS_DIMENSIONS),
  })
  .superRefine((v, ctx) => {
    if (v.toYear < v.fromYear)
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'end_before_start' });
    if (v.toYear - v.fromYear > 50)
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'range_too_long' });
  });
export type SecondmentStatsQuery = z.infer<typeof secondmentStatsQuery>;

export const secondmentStatsRow = z.object({
  year: z.number().int().nullable().optional(),
  direction: z.enum(DIRECTIONS).nullable().optional(),
  /** With `direction`: "恩施市 → 江干区" (only when the stats are for one pairing). */
  directionName: z.string().nullable().optional(),
  category: z.enum(SECONDMENT_CATEGORIES).nullable().optional(),
  specialty: z.enum(SPECIALTIES).nullable().optional(),
  form: z.string().nullable().optional(),
  hostUnitType: z.enum(UNIT_TYPES).nullable().optional(),
  /** 人: distinct people. */
  people: z.number().int(),
  /** 人次: secondments (with basis in_post and a year dimension, one per year in post). */
  personTimes: z.number().int(),
});
export type SecondmentStatsRow = z.infer<typeof secondmentStatsRow>;

export const secondmentStatsView = z.object({
  basis: z.enum(STATS_BASES),
  groupBy: z.array(z.enum(SECONDMENT_STATS_DIMENSIONS)),
  rows: z.array(secondmentStatsRow),
  /** Over the whole period: people counted once, person-times as in the rows' basis. */
  totals: z.object({ people: z.number().int(), personTimes: z.number().int() }),
});
export type SecondmentStatsView = z.infer<typeof secondmentStatsView>;

export const jointClassStatsQuery = z
  .object({
    partnershipId: z.uuid().optional(),
    fromYear: z.coerce.number().int().min(1949).max(2100),
    toYear: z.coerce.number().int().min(1949).max(2100),
    groupBy: dimensionList(JOINT_CLASS_STATS_DIMENSIONS),
  })
  .superRefine((v, ctx) => {
    if (v.toYear < v.fromYear)
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'end_before_start' });
  });
export type JointClassStatsQuery = z.infer<typeof jointClassStatsQuery>;

export const jointClassStatsRow = z.object({
  year: z.number().int().nullable().optional(),
  kind: z.enum(JOINT_CLASS_KINDS).nullable().optional(),
  classes: z.number().int(),
  /** 人次: enrolments (withdrawn excluded). */
  personTimes: z.number().int(),
  /** 人: distinct people trained. */
  people: z.number().int(),
});
export type JointClassStatsRow = z.infer<typeof jointClassStatsRow>;

export const jointClassStatsView = z.object({
  groupBy: z.array(z.enum(JOINT_CLASS_STATS_DIMENSIONS)),
  rows: z.array(jointClassStatsRow),
  totals: z.object({ classes: z.number().int(), personTimes: z.number().int(), people: z.number().int() }),
});
export type JointClassStatsView = z.infer<typeof jointClassStatsView>;

export const narrativeQuery = z
  .object({
    script: z.enum(NARRATIVE_SCRIPTS).default('zh-CN'),
    /** Default: the pairing's start year. */
    fromYear: z.coerce.number().int().min(1949).max(2100).optional(),
    /** Default: up to now ("以来"). */
    toYear: z.coerce.number().int().min(1949).max(2100).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.fromYear !== undefined && v.toYear !== undefined && v.toYear < v.fromYear)
      ctx.addIssue({ code: 'custom', path: ['toYear'], message: 'end_before_start' });
  });
export type NarrativeQuery = z.infer<typeof narrativeQuery>;

export const narrativeView = z.object({
  script: z.enum(NARRATIVE_SCRIPTS),
  sentences: z.array(z.string()),
  /** The figures the sentences were written from (started in the period; people, not person-times). */
  directions: z.array(
    z.object({
      direction: z.enum(DIRECTIONS),
      sendingLabel: z.string(),
      receivingLabel: z.string(),
      cadres: z.number().int(),
      professionals: z.number().int(),
      bySpecialty: z.record(z.enum(SPECIALTIES), z.number().int()),
    }),
  ),
  jointClasses: z.object({
    leadership: z.object({ classes: z.number().int(), personTimes: z.number().int() }),
    professional: z.object({ classes: z.number().int(), personTimes: z.number().int() }),
  }),
});
export type NarrativeView = z.infer<typeof narrativeView>;

/**
 * GET /partnerships/:id/units?side&q: units of one side of a pairing (its region subtree, or its
 * unit's subtree), for the host and home unit pickers. Unit names are organisational, not personal
 * data: whoever reaches the pairing may pick the other side's units.
 */
export const partnershipUnitsQuery = z.object({
  side: z.enum(PARTNERSHIP_SIDES),
  q: z.string().trim().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
export type PartnershipUnitsQuery = z.infer<typeof partnershipUnitsQuery>;

export const partnershipUnitOption = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(UNIT_TYPES),
  regionCode: z.string(),
  /** Names from the root down, joined with " / " (to tell units of the same name apart). */
  pathName: z.string(),
});
export type PartnershipUnitOption = z.infer<typeof partnershipUnitOption>;
export const partnershipUnitList = z.object({ items: z.array(partnershipUnitOption) });
export type PartnershipUnitList = z.infer<typeof partnershipUnitList>;
