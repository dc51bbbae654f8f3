import type { ReportMeasure } from '@ganxun/domain';

/** Rates (0–1) as a percentage with one decimal; `—` for a rate over nothing. */
export function formatPercent(value: number | null | undefined): string {
  return value == null ? '—' : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

/** A mean score (1–5) with two decimals. */
export function formatScore(value: number | null | undefined): string {
  return value == null ? '—' : value.toFixed(2);
}

/** A count with thousands separators; 学时 with at most one decimal. */
export function formatCount(value: number | null | undefined): string {
  if (value == null) return '—';
  return value.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

/** A value of a measure as the reports show it. */
export function formatMeasure(measure: ReportMeasure, value: number | null | undefined): string {
  if (measure === 'attendanceRate' || measure === 'completionRate') return formatPercent(value);
  if (measure === 'satisfaction') return formatScore(value);
  return formatCount(value);
}
