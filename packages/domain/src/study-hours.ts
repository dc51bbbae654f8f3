import { z } from 'zod';
import { listQuery, multilineText, text } from './common.js';
import { isoDate } from './people.js';
import { regionCode } from './regions.js';
import type { RequirementPeriod, TrainingRequirement } from './training-requirement.js';

/**
 * The study-hour archive (培训档案, issue 6): records of 学时 per person, credited by class
 * completion or entered by hand for other training; yearly and rolling five-year totals against
 * the person's requirement (training-requirement.ts) and the yearly online-learning minimum. A
 * record counts in the calendar year of its end date (a course over New Year counts when it ends).
 */

/** 脱产 (full-time, at a party school or another institution), 网络 (online), 境外 (abroad). */
export const RECORD_CATEGORIES = ['full_time', 'online', 'abroad'] as const;
export type RecordCategory = (typeof RECORD_CATEGORIES)[number];

/** Credited by completing a class here, or entered by hand. */
export const RECORD_SOURCES = ['class_completion', 'manual'] as const;
export type RecordSource = (typeof RECORD_SOURCES)[number];

/**
 * Study-hour rules an org sets: the yearly and five-year requirements that apply unless a person
 * has an override, and the online-learning minimum every year (0 = none).
 */
export const studyHourSettings = z.strictObject({
  yearlyHours: z.number().int().min(1).max(2000).default(90),
  fiveYearHours: z.number().int().min(1).max(10_000).default(550),
  onlineMinimumPerYear: z.number().int().min(0).max(2000).default(50),
});
export type StudyHourSettings = z.infer<typeof studyHourSettings>;
export const DEFAULT_STUDY_HOUR_SETTINGS: StudyHourSettings = studyHourSettings.parse({});
/** PUT /api/v1/settings/study-hours: the fields sent change, the others stay. */
export const updateStudyHourSettingsBody = studyHourSettings.partial();
export type UpdateStudyHourSettingsBody = z.infer<typeof updateStudyHourSettingsBody>;

/** What the totals need of a record. */
export interface StudyRecord {
  category: RecordCategory;
  /** `YYYY-MM-DD`; the record counts in this date's year. */
  endDate: string;
  hours: number;
  /** Set when the record no longer counts (completion withdrawn, entered by mistake). */
  voidedAt?: string | null;
}

/** 学时 a record credits: its hours, or 0 when voided (negative hours never count). */
export function creditedHours(record: Pick<StudyRecord, 'hours' | 'voidedAt'>): number {
  return record.voidedAt ? 0 : Math.max(0, record.hours);
}

/** The calendar year a record counts in. */
export function recordYear(record: Pick<StudyRecord, 'endDate'>): number {
  return Number(record.endDate.slice(0, 4));
}

/** Hours rounded to hundredths, so sums of fractions read cleanly. */
export function roundHours(hours: number): number {
  return Math.round(hours * 100) / 100;
}

export interface YearTotals {
  year: number;
  full_time: number;
  online: number;
  abroad: number;
  total: number;
}

/** 学时 credited in one calendar year, by category and in total. */
export function yearTotals(records: readonly StudyRecord[], year: number): YearTotals {
  const out: YearTotals = { year, full_time: 0, online: 0, abroad: 0, total: 0 };
  for (const r of records) {
    if (recordYear(r) !== year) continue;
    const h = creditedHours(r);
    out[r.category] += h;
    out.total += h;
  }
  for (const k of [...RECORD_CATEGORIES, 'total'] as const) out[k] = roundHours(out[k]);
  return out;
}

/** The five calendar years ending in `endYear`, oldest first. */
export function fiveYearWindow(endYear: number): number[] {
  return [endYear - 4, endYear - 3, endYear - 2, endYear - 1, endYear];
}

/** 学时 credited in the five calendar years ending in `endYear` (2021–2025 for 2025). */
export function rollingFiveYearTotal(records: readonly StudyRecord[], endYear: number): number {
  let sum = 0;
  for (const r of records) {
    const y = recordYear(r);
    if (y > endYear - 5 && y <= endYear) sum += creditedHours(r);
  }
  return roundHours(sum);
}

/**
 * The requirement in force with the org's settings: a default requirement (from the post level)
 * takes the configured hours of its period; a person's override keeps its own.
 */
export function requirementInForce(
  requirement: TrainingRequirement & { source?: 'default' | 'override' },
  settings: StudyHourSettings = DEFAULT_STUDY_HOUR_SETTINGS,
): TrainingRequirement {
  if (requirement.source !== 'default') return { period: requirement.period, hours: requirement.hours };
  return {
    period: requirement.period,
    hours: requirement.period === 'yearly' ? settings.yearlyHours : settings.fiveYearHours,
  };
}

export interface RequirementStanding {
  period: RequirementPeriod;
  /** The years measured: `year` alone, or the five years ending in it. */
  fromYear: number;
  toYear: number;
  required: number;
  done: number;
  missing: number;
  /** Online learning in `year` (the minimum is yearly whatever the period). */
  onlineDone: number;
  onlineRequired: number;
  onlineMissing: number;
  met: boolean;
}

/**
 * Where a person stands in `year`: hours done in the requirement's period (the year, or the five
 * years ending in it) against the requirement, and online hours in the year against the yearly
 * online minimum. Met when both are reached. Pass `requirementInForce(…)` to apply the settings'
 * hours to a default requirement.
 */
export function requirementStanding(
  records: readonly StudyRecord[],
  requirement: TrainingRequirement,
  year: number,
  settings: Pick<StudyHourSettings, 'onlineMinimumPerYear'> = DEFAULT_STUDY_HOUR_SETTINGS,
): RequirementStanding {
  const fiveYear = requirement.period === 'five_year';
  const done = fiveYear ? rollingFiveYearTotal(records, year) : yearTotals(records, year).total;
  const onlineDone = yearTotals(records, year).online;
  const missing = roundHours(Math.max(0, requirement.hours - done));
  const onlineMissing = roundHours(Math.max(0, settings.onlineMinimumPerYear - onlineDone));
  return {
    period: requirement.period,
    fromYear: fiveYear ? year - 4 : year,
    toYear: year,
    required: requirement.hours,
    done,
    missing,
    onlineDone,
    onlineRequired: settings.onlineMinimumPerYear,
    onlineMissing,
    met: missing === 0 && onlineMissing === 0,
  };
}

// ---- API contract: /api/v1/training-records ----

/**
 * POST /api/v1/training-records: a manual entry for training elsewhere (online learning, another
 * institution, abroad). Class completions are credited by the server, never entered here.
 */
export const manualRecordBody = z
  .strictObject({
    personId: z.uuid(),
    title: text(200),
    organiser: text(200),
    category: z.enum(RECORD_CATEGORIES),
    startDate: isoDate,
    endDate: isoDate,
    hours: z.number().positive().max(2000).multipleOf(0.25),
    note: multilineText(1000).nullable().default(null),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'end_before_start' });
export type ManualRecordBody = z.infer<typeof manualRecordBody>;

/** POST /api/v1/training-records/{id}/void: the record stops counting; the reason is kept. */
export const voidRecordBody = z.strictObject({ reason: text(500, 2) });
export type VoidRecordBody = z.infer<typeof voidRecordBody>;

export const trainingRecordView = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  title: z.string(),
  organiser: z.string(),
  category: z.enum(RECORD_CATEGORIES),
  source: z.enum(RECORD_SOURCES),
  /** The class and certificate of a `class_completion` record. */
  classId: z.uuid().nullable(),
  certificateNumber: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string(),
  /** The year it counts in (of the end date). */
  year: z.number().int(),
  hours: z.number(),
  /** 0 when voided. */
  creditedHours: z.number(),
  note: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
export type TrainingRecordView = z.infer<typeof trainingRecordView>;

const yearTotalsView = z.object({
  year: z.number().int(),
  full_time: z.number(),
  online: z.number(),
  abroad: z.number(),
  total: z.number(),
});

export const requirementStandingView = z.object({
  period: z.enum(['yearly', 'five_year']),
  fromYear: z.number().int(),
  toYear: z.number().int(),
  required: z.number(),
  done: z.number(),
  missing: z.number(),
  onlineDone: z.number(),
  onlineRequired: z.number(),
  onlineMissing: z.number(),
  met: z.boolean(),
});
export type RequirementStandingView = z.infer<typeof requirementStandingView>;

/** GET /api/v1/people/{id}/training-records?year=: a person's archive and standing in the year. */
export const archiveQuery = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional() });

export const archiveView = z.object({
  person: z.object({ id: z.uuid(), name: z.string(), unitName: z.string() }),
  requirement: z.object({
    period: z.enum(['yearly', 'five_year']),
    hours: z.number(),
    source: z.enum(['default', 'override']),
  }),
  year: z.number().int(),
  /** Newest first. */
  records: z.array(trainingRecordView),
  /** The five years ending in `year`, oldest first. */
  years: z.array(yearTotalsView),
  fiveYearTotal: z.number(),
  standing: requirementStandingView,
});
export type ArchiveView = z.infer<typeof archiveView>;

/**
 * GET /api/v1/training-records/below-requirement: people short of their requirement in a year,
 * within a unit or region subtree (and the reader's scope); `format=xlsx` exports the list.
 */
export const belowRequirementQuery = listQuery.extend({
  year: z.coerce.number().int().min(2000).max(2100),
  unitId: z.uuid().optional(),
  regionCode: regionCode.optional(),
  period: z.enum(['yearly', 'five_year']).optional(),
  /** Short of the online minimum only, of the total only, or either (default). */
  shortOf: z.enum(['any', 'total', 'online']).default('any'),
  format: z.enum(['json', 'xlsx']).default('json'),
});
export type BelowRequirementQuery = z.infer<typeof belowRequirementQuery>;

export const belowRequirementRow = z.object({
  personId: z.uuid(),
  name: z.string(),
  unitId: z.uuid(),
  unitName: z.string(),
  regionCode: z.string(),
  post: z.string().nullable(),
  requirementSource: z.enum(['default', 'override']),
  ...requirementStandingView.shape,
});
export type BelowRequirementRow = z.infer<typeof belowRequirementRow>;
