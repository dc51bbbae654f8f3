import {
  REPORT_DIMENSIONS,
  REPORT_FILTERS,
  REPORT_MEASURES,
  type RecordsQuery,
  type ReportDimension,
  type ReportFilter,
  type ReportKey,
  type ReportMeasure,
} from '@ganxun/domain';
import dayjs from 'dayjs';

/** The definition as the page keeps it (and the address carries it, so a report can be bookmarked). */
export interface Draft {
  dimensions: ReportDimension[];
  measures: ReportMeasure[];
  from: string;
  to: string;
  filters: Partial<Record<ReportFilter, string>>;
}

/** Filters the builder offers (`month` and `classId` come only from a drill-down). */
export const BUILDER_FILTERS = [
  'classKind',
  'organiserId',
  'regionCode',
  'unitId',
  'partnershipId',
  'planItemId',
  'topic',
  'tag',
  'category',
  'specialty',
] as const satisfies readonly ReportFilter[];

export const thisYear = () => dayjs().year();

export function yearRange(year: number) {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}

/** The year a period covers exactly, else null. */
export function wholeYear(from: string, to: string): number | null {
  const y = from.slice(0, 4);
  return from === `${y}-01-01` && to === `${y}-12-31` ? Number(y) : null;
}

const isDay = (s: string | null) => !!s && /^\d{4}-\d{2}-\d{2}$/.test(s);

function listOf<T extends string>(raw: string | null, allowed: readonly T[]): T[] {
  const out: T[] = [];
  for (const v of (raw ?? '').split(','))
    if ((allowed as readonly string[]).includes(v) && !out.includes(v as T)) out.push(v as T);
  return out;
}

/** Reads the definition from the address; a fresh page is "people and person-times by class kind, this year". */
export function draftFromParams(params: URLSearchParams): Draft {
  const fresh = !params.has('measures');
  const range = yearRange(thisYear());
  const filters: Draft['filters'] = {};
  for (const f of REPORT_FILTERS) {
    const v = params.get(f);
    if (v) filters[f] = v;
  }
  return {
    dimensions: fresh ? ['classKind'] : listOf(params.get('dimensions'), REPORT_DIMENSIONS).slice(0, 3),
    measures: fresh ? ['classes', 'people', 'personTimes'] : listOf(params.get('measures'), REPORT_MEASURES),
    from: isDay(params.get('from')) ? (params.get('from') as string) : range.from,
    to: isDay(params.get('to')) ? (params.get('to') as string) : range.to,
    filters,
  };
}

/** The definition as query parameters (GET /stats/report and the address). */
export function draftQuery(draft: Draft): Record<string, string> {
  const q: Record<string, string> = {
    dimensions: draft.dimensions.join(','),
    measures: draft.measures.join(','),
    from: draft.from,
    to: draft.to,
  };
  for (const [k, v] of Object.entries(draft.filters)) if (v) q[k] = v;
  return q;
}

/** A saved report's stored fields as a draft (its period resolved by the caller). */
export function draftFromDefinition(
  def: Record<string, unknown>,
  range: { from: string; to: string },
): Draft {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(def)) {
    if (Array.isArray(v)) params.set(k, v.join(','));
    else if (typeof v === 'string' || typeof v === 'number') params.set(k, String(v));
  }
  params.set('from', range.from);
  params.set('to', range.to);
  if (!params.has('measures')) params.set('measures', '');
  return draftFromParams(params);
}

/** The stored form of a draft (what POST /stats/saved-reports keeps). */
export function draftDefinition(draft: Draft): Record<string, unknown> {
  return {
    dimensions: draft.dimensions,
    measures: draft.measures,
    from: draft.from,
    to: draft.to,
    ...Object.fromEntries(Object.entries(draft.filters).filter(([, v]) => v)),
  };
}

/** Measures whose values are rates (shown as %). */
export const PERCENT_MEASURES: readonly ReportMeasure[] = ['attendanceRate', 'completionRate'];

/** A figure as the table shows it: rates as %, satisfaction as x.xx, 学时 with one decimal, counts whole. */
export function formatValue(measure: ReportMeasure, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  if (PERCENT_MEASURES.includes(measure)) return `${(value * 100).toFixed(1)}%`;
  if (measure === 'satisfaction') return value.toFixed(2);
  if (measure === 'hours') return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(1);
  return value.toLocaleString();
}

type DrillFilters = Omit<RecordsQuery, 'page' | 'pageSize'>;

/**
 * The records behind one cell: its measure, the report's period and filters, and the row's keys
 * as filters (a year narrows the period; the others are the dimension's filter).
 */
export function drillQuery(
  draft: Draft,
  measure: ReportMeasure,
  keys: { dimension: ReportDimension; key: ReportKey }[],
): DrillFilters {
  const q: Record<string, unknown> = { measure, from: draft.from, to: draft.to, ...draft.filters };
  for (const { dimension, key } of keys) {
    const v = key.value;
    if (v === null || v === undefined) continue;
    switch (dimension) {
      case 'year': {
        const y = Number(v);
        q.from = draft.from > `${y}-01-01` ? draft.from : `${y}-01-01`;
        q.to = draft.to < `${y}-12-31` ? draft.to : `${y}-12-31`;
        break;
      }
      case 'month':
        q.month = String(v);
        break;
      case 'organiser':
        q.organiserId = String(v);
        break;
      case 'region':
        q.regionCode = String(v);
        break;
      case 'unit':
        q.unitId = String(v);
        break;
      case 'pairing':
        q.partnershipId = String(v);
        break;
      case 'class':
        q.classId = String(v);
        break;
      default:
        q[dimension] = String(v);
    }
  }
  return q as DrillFilters;
}
