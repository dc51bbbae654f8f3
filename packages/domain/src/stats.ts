import { z } from 'zod';
import {
  ASSESSMENT_GRADES,
  DIRECTIONS,
  JOINT_CLASS_KINDS,
  NARRATIVE_SCRIPTS,
  SECONDMENT_CATEGORIES,
} from './exchange.js';
import { isoDate, PERSON_CATEGORIES, SPECIALTIES } from './people.js';
import { classQuestionsView } from './questions.js';

/**
 * Statistics, the report builder, the dashboard and the standard reports (issue 8).
 *
 * Every figure is one of a few **measures** over one of three **facts**:
 * - `training`: an enrolment (a person in a class that was held — not draft, not cancelled —
 *   withdrawn enrolments excluded), dated by the class's start day;
 * - `evaluation`: an anonymous survey response (only class-level dimensions: it names no person);
 * - `exchange`: a secondment that actually started, dated by its actual start.
 * A report picks dimensions (at most 3) and measures; each measure is computed from its fact with
 * the same dimensions, so a dimension must make sense for every measure chosen (`reportProblems`).
 * People (人) and person-times (人次) are always distinct: people are counted once per group and
 * once in the totals, however many classes they attended.
 */

export const REPORT_DIMENSIONS = [
  'year',
  'month',
  'classKind',
  'organiser',
  'region',
  'unit',
  'topic',
  'pairing',
  'category',
  'specialty',
  /** One row per class (the annual report's class list). */
  'class',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

export const REPORT_MEASURES = [
  'classes',
  'people',
  'personTimes',
  'hours',
  'attendanceRate',
  'satisfaction',
  'completionRate',
  'secondments',
] as const;
export type ReportMeasure = (typeof REPORT_MEASURES)[number];

export const REPORT_FACTS = ['training', 'evaluation', 'exchange'] as const;
export type ReportFact = (typeof REPORT_FACTS)[number];

/** Which fact each measure counts. */
export const MEASURE_FACT: Record<ReportMeasure, ReportFact> = {
  classes: 'training',
  people: 'training',
  personTimes: 'training',
  hours: 'training',
  attendanceRate: 'training',
  completionRate: 'training',
  satisfaction: 'evaluation',
  secondments: 'exchange',
};

/**
 * The dimensions each fact can be split by. Evaluation is anonymous: it cannot be split by anything
 * about the person (region, unit, category, specialty). For the exchange, `region` and `unit` are
 * the secondee's home (sending) side, `category`/`specialty` the secondment's own.
 */
export const FACT_DIMENSIONS: Record<ReportFact, readonly ReportDimension[]> = {
  training: REPORT_DIMENSIONS,
  evaluation: ['year', 'month', 'classKind', 'organiser', 'topic', 'pairing', 'class'],
  exchange: ['year', 'month', 'pairing', 'category', 'specialty', 'region', 'unit'],
};

/** Filters (each one the value of a dimension, or a class's series/tag) and the facts they apply to. */
export const REPORT_FILTERS = [
  'month',
  'classKind',
  'organiserId',
  'regionCode',
  'unitId',
  'topic',
  'partnershipId',
  'category',
  'specialty',
  'planItemId',
  'tag',
  'classId',
  'lecturerId',
] as const;
export type ReportFilter = (typeof REPORT_FILTERS)[number];

export const FILTER_FACTS: Record<ReportFilter, readonly ReportFact[]> = {
  month: ['training', 'evaluation', 'exchange'],
  classKind: ['training', 'evaluation'],
  organiserId: ['training', 'evaluation'],
  regionCode: ['training', 'exchange'],
  unitId: ['training', 'exchange'],
  topic: ['training', 'evaluation'],
  partnershipId: ['training', 'evaluation', 'exchange'],
  category: ['training', 'exchange'],
  specialty: ['training', 'exchange'],
  planItemId: ['training', 'evaluation'],
  tag: ['training', 'evaluation'],
  classId: ['training', 'evaluation'],
  /** The forms of the lectures a lecturer gave (the dashboard's lecturer ranking). */
  lecturerId: ['evaluation'],
};

/** Measures that are rates (0–1) or a mean score (1–5), not counts: their totals are recomputed, never summed. */
export const RATE_MEASURES: readonly ReportMeasure[] = ['attendanceRate', 'completionRate', 'satisfaction'];

/** A satisfaction figure is shown only from this many responses in its group (anonymity). */
export const MIN_RESPONSES_FOR_STATS = 5;

/** The city-level region a region code is counted under (for the map and the `region` dimension). */
export function cityOf(regionCode: string): string {
  if (!/^\d{6}$/.test(regionCode)) return regionCode;
  // Province level (provincial units) stays the province; 省直辖县级 (xx90xx) and municipality
  // districts are their own city-level places.
  if (regionCode.endsWith('0000')) return regionCode;
  if (regionCode.slice(2, 4) === '90') return regionCode;
  const mun = ['11', '12', '31', '50'];
  if (mun.includes(regionCode.slice(0, 2))) return regionCode;
  return `${regionCode.slice(0, 4)}00`;
}

/** `2021-03-08` → `2021-03`. */
export const monthOf = (isoDay: string) => isoDay.slice(0, 7);

export interface ReportProblem {
  path: (string | number)[];
  message: string;
  params?: Record<string, string>;
}

/** What is wrong with a report definition: a dimension or filter that a chosen measure cannot use. */
export function reportProblems(def: {
  dimensions: readonly ReportDimension[];
  measures: readonly ReportMeasure[];
  filters?: Partial<Record<ReportFilter, unknown>>;
}): ReportProblem[] {
  const problems: ReportProblem[] = [];
  def.dimensions.forEach((d, i) => {
    const refusing = def.measures.find((m) => !FACT_DIMENSIONS[MEASURE_FACT[m]].includes(d));
    if (refusing)
      problems.push({
        path: ['dimensions', i],
        message: 'dimension_not_for_measure',
        params: { dimension: d, measure: refusing },
      });
  });
  for (const [key, value] of Object.entries(def.filters ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    const filter = key as ReportFilter;
    if (!FILTER_FACTS[filter]) continue;
    const refusing = def.measures.find((m) => !FILTER_FACTS[filter].includes(MEASURE_FACT[m]));
    if (refusing)
      problems.push({
        path: [filter],
        message: 'filter_not_for_measure',
        params: { filter, measure: refusing },
      });
  }
  return problems;
}

/** The facts a report needs (each computed once, then joined on the dimension values). */
export function factsOf(measures: readonly ReportMeasure[]): ReportFact[] {
  return REPORT_FACTS.filter((f) => measures.some((m) => MEASURE_FACT[m] === f));
}

/** Ratio with a null for an empty denominator (a rate over nothing is "—", not 0%). */
export function rateOf(numerator: number, denominator: number): number | null {
  return denominator > 0 ? numerator / denominator : null;
}

// ---------------------------------------------------------------------------------------------
// API contract: the report builder (GET /stats/report, /stats/records, saved reports)
// ---------------------------------------------------------------------------------------------

const list = <T extends readonly [string, ...string[]]>(values: T, min: number, max: number) =>
  z
    .union([z.string(), z.array(z.string())])
    .default('')
    .transform((s) => (Array.isArray(s) ? s : s.split(',')).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(min).max(max))
    .refine((a) => new Set(a).size === a.length, { message: 'duplicate_dimension' });

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month_format' });
const regionCode = z.string().regex(/^\d{2}(\d{2}){0,2}$/, { message: 'region_code_format' });

/** The filters of a report (and of a drill-down to the records behind a figure). */
export const reportFilters = z.object({
  month: month.optional(),
  classKind: z.string().min(1).max(40).optional(),
  organiserId: z.uuid().optional(),
  /** A region code or its prefix (42, 4228, 422801): the trainee's (or secondee's home) unit's region. */
  regionCode: regionCode.optional(),
  /** The trainee's unit and its subtree (secondments: the home unit). */
  unitId: z.uuid().optional(),
  topic: z.string().min(1).max(100).optional(),
  partnershipId: z.uuid().optional(),
  category: z.enum(PERSON_CATEGORIES).optional(),
  specialty: z.enum(SPECIALTIES).optional(),
  /** A planned item: the classes held under it (a series such as the 17 seminars of 2021). */
  planItemId: z.uuid().optional(),
  tag: z.string().min(1).max(40).optional(),
  /** One class (a class's own figures: its summary and news brief use the same engine). */
  classId: z.uuid().optional(),
  /** Satisfaction only: the forms of the lectures this lecturer gave. */
  lecturerId: z.uuid().optional(),
});
export type ReportFilters = z.infer<typeof reportFilters>;

const period = {
  /** First and last day (inclusive). Classes count by their start day, secondments by their actual start. */
  from: isoDate,
  to: isoDate,
};

const checkPeriod = (v: { from: string; to: string }, ctx: z.RefinementCtx) => {
  if (v.to < v.from) ctx.addIssue({ code: 'custom', path: ['to'], message: 'end_before_start' });
  else if (Number(v.to.slice(0, 4)) - Number(v.from.slice(0, 4)) > 50)
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'range_too_long' });
};

/** A report's definition (what a saved report keeps). */
export const reportDefinition = z
  .object({
    /** Comma-separated in a query string, at most 3. */
    dimensions: list(REPORT_DIMENSIONS, 0, 3),
    /** Comma-separated, at least 1. */
    measures: list(REPORT_MEASURES, 1, REPORT_MEASURES.length),
    ...period,
    ...reportFilters.shape,
  })
  .superRefine(checkPeriod)
  .superRefine((v, ctx) => {
    for (const p of reportProblems({ dimensions: v.dimensions, measures: v.measures, filters: v }))
      ctx.addIssue({ code: 'custom', path: p.path, message: p.message, params: p.params });
  });
export type ReportDefinition = z.infer<typeof reportDefinition>;
/** GET /stats/report (the definition in the query string) and GET /stats/report/xlsx. */
export const reportQuery = reportDefinition;
export type ReportQuery = ReportDefinition;

/** One dimension value of a row: the raw value (for a drill-down filter) and its label in the reader's language. */
export const reportKey = z.object({
  value: z.union([z.string(), z.number()]).nullable(),
  label: z.string(),
});
export type ReportKey = z.infer<typeof reportKey>;

export const reportValues = z.partialRecord(z.enum(REPORT_MEASURES), z.number().nullable());
export type ReportValues = z.infer<typeof reportValues>;

export const reportRow = z.object({
  /** Aligned with `dimensions`. */
  keys: z.array(reportKey),
  values: reportValues,
});
export type ReportRow = z.infer<typeof reportRow>;

export const reportView = z.object({
  dimensions: z.array(z.enum(REPORT_DIMENSIONS)),
  measures: z.array(z.enum(REPORT_MEASURES)),
  from: isoDate,
  to: isoDate,
  rows: z.array(reportRow),
  /** Over everything counted: people once, rates recomputed (never summed from the rows). */
  totals: reportValues,
  /** Satisfaction cells hidden because their group had fewer than MIN_RESPONSES_FOR_STATS responses. */
  suppressed: z.number().int(),
});
export type ReportView = z.infer<typeof reportView>;

/** GET /stats/records: the records behind a figure (its measure, period and the row's keys as filters). */
export const recordsQuery = z
  .object({
    measure: z.enum(REPORT_MEASURES),
    ...period,
    ...reportFilters.shape,
    year: z.coerce.number().int().min(1949).max(2100).optional(),
    page: z.coerce.number().int().min(1).default(1),
    pageSize: z.coerce.number().int().min(1).max(200).default(50),
  })
  .superRefine(checkPeriod)
  .superRefine((v, ctx) => {
    for (const p of reportProblems({ dimensions: [], measures: [v.measure], filters: v }))
      ctx.addIssue({ code: 'custom', path: p.path, message: p.message, params: p.params });
  });
export type RecordsQuery = z.infer<typeof recordsQuery>;

/**
 * One record behind a figure. Training measures list enrolments (class + person), `classes` lists
 * classes, `satisfaction` lists evaluation forms (never a respondent), `secondments` secondments.
 * Names of people are shown as the directory shows them to this reader.
 */
export const recordRow = z.object({
  kind: z.enum(['enrollment', 'class', 'form', 'secondment']),
  id: z.uuid(),
  classId: z.uuid().nullable(),
  classCode: z.string().nullable(),
  className: z.string().nullable(),
  personId: z.uuid().nullable(),
  personName: z.string().nullable(),
  unitName: z.string().nullable(),
  regionName: z.string().nullable(),
  date: isoDate.nullable(),
  /** The record's own figure: 学时, attendance rate, mean score, trainees of a class… */
  value: z.number().nullable(),
  detail: z.string().nullable(),
});
export type RecordRow = z.infer<typeof recordRow>;

export const recordPage = z.object({
  items: z.array(recordRow),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export type RecordPage = z.infer<typeof recordPage>;

// Saved reports (/stats/saved-reports): the owner's own; `shared` ones are readable by every
// holder of stats.read (each reader sees the figures of their own scope).
export const REPORT_CHARTS = ['table', 'bar', 'line', 'pie'] as const;
export type ReportChart = (typeof REPORT_CHARTS)[number];

/** A saved definition keeps a relative period: this year, last year, or fixed dates. */
export const SAVED_PERIODS = ['this_year', 'last_year', 'fixed'] as const;
export type SavedPeriod = (typeof SAVED_PERIODS)[number];

export const savedReportBody = z.object({
  name: z.string().trim().min(1).max(100),
  definition: z.record(z.string(), z.unknown()),
  period: z.enum(SAVED_PERIODS).default('fixed'),
  chart: z.enum(REPORT_CHARTS).default('table'),
  shared: z.boolean().default(false),
});
export type SavedReportBody = z.infer<typeof savedReportBody>;

export const savedReportView = z.object({
  id: z.uuid(),
  name: z.string(),
  /** The stored definition (a reportDefinition's fields; from/to per `period`). */
  definition: z.record(z.string(), z.unknown()),
  period: z.enum(SAVED_PERIODS),
  chart: z.enum(REPORT_CHARTS),
  shared: z.boolean(),
  ownerId: z.uuid(),
  ownerName: z.string(),
  mine: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedReportView = z.infer<typeof savedReportView>;
export const savedReportList = z.object({ items: z.array(savedReportView) });

/** The period a saved report runs over today (China day). */
export function savedPeriodRange(
  period: SavedPeriod,
  today: string,
  fixed: { from?: unknown; to?: unknown },
): { from: string; to: string } {
  const y = Number(today.slice(0, 4));
  if (period === 'this_year') return { from: `${y}-01-01`, to: `${y}-12-31` };
  if (period === 'last_year') return { from: `${y - 1}-01-01`, to: `${y - 1}-12-31` };
  return {
    from: typeof fixed.from === 'string' ? fixed.from : `${y}-01-01`,
    to: typeof fixed.to === 'string' ? fixed.to : `${y}-12-31`,
  };
}

// ---------------------------------------------------------------------------------------------
// API contract: the dashboard (GET /stats/dashboard)
// ---------------------------------------------------------------------------------------------

export const dashboardQuery = z.object({ ...period }).superRefine(checkPeriod);
export type DashboardQuery = z.infer<typeof dashboardQuery>;

export const dashboardView = z.object({
  from: isoDate,
  to: isoDate,
  /** Whose figures these are: "湖北省", "恩施土家族苗族自治州", "我负责的班次"… */
  scopeLabel: z.string(),
  /** The province to draw the map of (its 6-digit code), when the reader has one. */
  province: z.object({ code: z.string(), name: z.string() }).nullable(),
  kpis: z.object({
    classes: z.number().int(),
    people: z.number().int(),
    personTimes: z.number().int(),
    hours: z.number(),
    attendanceRate: z.number().nullable(),
    satisfaction: z.number().nullable(),
    completionRate: z.number().nullable(),
    certificates: z.number().int(),
    /** Secondments in post on some day of the period (人次). */
    secondmentsInPost: z.number().int(),
  }),
  /** Classes and person-times by month (of the class's start) and class kind. */
  byMonth: z.array(
    z.object({
      month: z.string(),
      classKind: z.string(),
      classKindLabel: z.string(),
      classes: z.number().int(),
      personTimes: z.number().int(),
    }),
  ),
  /** Trainees by their unit's city-level region. */
  byRegion: z.array(
    z.object({
      regionCode: z.string(),
      name: z.string(),
      people: z.number().int(),
      personTimes: z.number().int(),
    }),
  ),
  /** Top-rated lecturers (mean of their lectures' rating answers; groups under the minimum hidden). */
  topLecturers: z.array(
    z.object({
      lecturerId: z.uuid(),
      name: z.string(),
      score: z.number(),
      responses: z.number().int(),
      items: z.number().int(),
    }),
  ),
  topTopics: z.array(
    z.object({
      topic: z.string(),
      score: z.number(),
      responses: z.number().int(),
      classes: z.number().int(),
    }),
  ),
  /** Study-hour compliance (学时达标) by unit for the period's year(s): people meeting their requirement. */
  compliance: z.array(
    z.object({
      unitId: z.uuid(),
      unitName: z.string(),
      people: z.number().int(),
      compliant: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  /** Secondments started by year and direction name ("恩施市 → 江干区") and category. */
  exchangeFlows: z.array(
    z.object({
      year: z.number().int(),
      partnershipId: z.uuid(),
      direction: z.string(),
      directionName: z.string(),
      category: z.string(),
      personTimes: z.number().int(),
    }),
  ),
});
export type DashboardView = z.infer<typeof dashboardView>;

// ---------------------------------------------------------------------------------------------
// API contract: standard reports (/reports) and generated documents
// ---------------------------------------------------------------------------------------------

export const REPORT_FORMATS = ['json', 'xlsx'] as const;
export const DOCUMENT_FORMATS = ['json', 'docx', 'pdf'] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** GET /reports/annual-training?year&organiserId&format */
export const annualTrainingQuery = z.object({
  year: z.coerce.number().int().min(1949).max(2100),
  /** The lead organiser (and its subtree); default: everything in the reader's scope. */
  organiserId: z.uuid().optional(),
  format: z.enum(REPORT_FORMATS).default('json'),
});
export type AnnualTrainingQuery = z.infer<typeof annualTrainingQuery>;

export const annualClassRow = z.object({
  classId: z.uuid(),
  code: z.string(),
  name: z.string(),
  classKind: z.string(),
  classKindLabel: z.string(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  people: z.number().int(),
  personTimes: z.number().int(),
  hours: z.number(),
  attendanceRate: z.number().nullable(),
  satisfaction: z.number().nullable(),
  completionRate: z.number().nullable(),
});
export type AnnualClassRow = z.infer<typeof annualClassRow>;

export const annualTrainingReport = z.object({
  year: z.number().int(),
  organiser: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  scopeLabel: z.string(),
  totals: reportValues,
  byKind: z.array(reportRow),
  byMonth: z.array(reportRow),
  byRegion: z.array(reportRow),
  classes: z.array(annualClassRow),
});
export type AnnualTrainingReport = z.infer<typeof annualTrainingReport>;

/** GET /reports/classes/:id/summary?format */
export const classSummaryQuery = z.object({ format: z.enum(REPORT_FORMATS).default('json') });

export const classSummaryReport = z.object({
  classId: z.uuid(),
  code: z.string(),
  name: z.string(),
  classKindLabel: z.string(),
  startDate: isoDate.nullable(),
  endDate: isoDate.nullable(),
  organiserName: z.string(),
  enrolment: z.object({
    people: z.number().int(),
    withdrawn: z.number().int(),
    byRegion: z.array(z.object({ regionCode: z.string(), name: z.string(), people: z.number().int() })),
  }),
  attendance: z.object({
    items: z.number().int(),
    present: z.number().int(),
    late: z.number().int(),
    leftEarly: z.number().int(),
    onLeave: z.number().int(),
    absent: z.number().int(),
    rate: z.number().nullable(),
  }),
  evaluation: z.object({
    forms: z.number().int(),
    responses: z.number().int(),
    /** Mean rating per form shown only from MIN responses. */
    items: z.array(
      z.object({
        formId: z.uuid(),
        title: z.string(),
        target: z.enum(['lecture', 'class']),
        responses: z.number().int(),
        score: z.number().nullable(),
      }),
    ),
    score: z.number().nullable(),
  }),
  completion: z.object({
    decided: z.number().int(),
    completed: z.number().int(),
    notCompleted: z.number().int(),
    certificates: z.number().int(),
    hours: z.number(),
  }),
  /** What happened along the way: withdrawals and leave requests (incidents come with issue 9). */
  incidents: z.array(z.object({ kind: z.string(), date: isoDate.nullable(), text: z.string() })),
  /**
   * Live questions (互动答疑, issue 10; added): per timetable item with questions, how many (hidden
   * and merged ones not counted), how many answered orally or in writing, and their votes.
   */
  questions: classQuestionsView,
});
export type ClassSummaryReport = z.infer<typeof classSummaryReport>;

/** GET /reports/partnerships/:id/annual?year&format */
export const pairingAnnualQuery = z.object({
  year: z.coerce.number().int().min(1949).max(2100),
  format: z.enum(REPORT_FORMATS).default('json'),
});

/** GET /reports/people/:id/archive?format — the person's training archive (the archive page's data). */
export const personArchiveQuery = z.object({ format: z.enum(REPORT_FORMATS).default('json') });

/** Generated documents: GET /reports/annual-summary/document, /reports/classes/:id/brief */
export const annualSummaryQuery = z.object({
  year: z.coerce.number().int().min(1949).max(2100),
  organiserId: z.uuid().optional(),
  script: z.enum(NARRATIVE_SCRIPTS).default('zh-CN'),
  format: z.enum(DOCUMENT_FORMATS).default('json'),
});
export type AnnualSummaryQuery = z.infer<typeof annualSummaryQuery>;

export const classBriefQuery = z.object({
  script: z.enum(NARRATIVE_SCRIPTS).default('zh-CN'),
  format: z.enum(DOCUMENT_FORMATS).default('json'),
});
export type ClassBriefQuery = z.infer<typeof classBriefQuery>;

/** A generated document: a title and paragraphs (headings marked), ready for DOCX or PDF. */
export const generatedDocument = z.object({
  title: z.string(),
  script: z.enum(NARRATIVE_SCRIPTS),
  paragraphs: z.array(z.object({ heading: z.boolean(), text: z.string() })),
});
export type GeneratedDocument = z.infer<typeof generatedDocument>;

// ---------------------------------------------------------------------------------------------
// API contract: exports in the background (/exports)
// ---------------------------------------------------------------------------------------------

export const EXPORT_KINDS = ['report', 'records', 'annual_training', 'annual_summary'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const JOB_STATUSES = ['queued', 'running', 'done', 'failed'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

export const createExportBody = z.object({
  kind: z.enum(EXPORT_KINDS),
  /** The kind's query (a report definition, a records query, an annual report's query). */
  params: z.record(z.string(), z.unknown()),
});
export type CreateExportBody = z.infer<typeof createExportBody>;

export const exportView = z.object({
  id: z.uuid(),
  kind: z.enum(EXPORT_KINDS),
  /** The parameters it was asked with (for a summary in the list). */
  params: z.record(z.string(), z.unknown()),
  status: z.enum(JOB_STATUSES),
  /** 0–100. */
  progress: z.number().int(),
  fileName: z.string().nullable(),
  size: z.number().int().nullable(),
  error: z.string().nullable(),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type ExportView = z.infer<typeof exportView>;
export const exportList = z.object({ items: z.array(exportView) });

// ---------------------------------------------------------------------------------------------
// API contract: a pairing's annual exchange report (GET /reports/partnerships/:id/annual)
// ---------------------------------------------------------------------------------------------

const exchangeFigures = z.object({
  /** 人: distinct people. */
  people: z.number().int(),
  /** 人次: secondments. */
  personTimes: z.number().int(),
});

/** One pairing's year: secondments started and in post per direction, joint classes, talks, assessments, narrative. */
export const pairingAnnualReport = z.object({
  partnershipId: z.uuid(),
  name: z.string(),
  year: z.number().int(),
  directions: z.array(
    z.object({
      direction: z.enum(DIRECTIONS),
      /** "恩施市 → 江干区" in the reader's script. */
      name: z.string(),
      /** Secondments that actually started in the year. */
      started: exchangeFigures,
      /** Secondments in post on some day of the year. */
      inPost: exchangeFigures,
      byCategory: z.array(
        z.object({
          category: z.enum(SECONDMENT_CATEGORIES),
          specialty: z.enum(SPECIALTIES).nullable(),
          started: exchangeFigures,
          inPost: exchangeFigures,
        }),
      ),
    }),
  ),
  /** Joint classes that started in the year, by kind (person-times: enrolments). */
  jointClasses: z.array(
    z.object({
      kind: z.enum(JOINT_CLASS_KINDS),
      classes: z.number().int(),
      people: z.number().int(),
      personTimes: z.number().int(),
    }),
  ),
  /** Follow-up talks (回访座谈) held in the year. */
  talks: z.array(
    z.object({
      id: z.uuid(),
      date: isoDate,
      title: z.string(),
      location: z.string().nullable(),
      participants: z.string(),
      secondees: z.number().int(),
    }),
  ),
  /** Assessments of the year (annual ones of the year, final ones of terms ending in it), by grade. */
  assessments: z.object({
    total: z.number().int(),
    byGrade: z.record(z.enum(ASSESSMENT_GRADES), z.number().int()),
  }),
  /** The report sentences for the year (exchange narrative) in the reader's script. */
  narrative: z.array(z.string()),
});
export type PairingAnnualReport = z.infer<typeof pairingAnnualReport>;
