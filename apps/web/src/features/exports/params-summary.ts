import type { ExportView } from '@ganxun/domain';
import type { TFunction } from 'i18next';

const listOf = (value: unknown): string[] =>
  (Array.isArray(value) ? value.map(String) : typeof value === 'string' ? value.split(',') : []).filter(
    Boolean,
  );

/** A one-line summary of an export's parameters: period or year, dimensions and measures, format. */
export function paramsSummary(e: Pick<ExportView, 'kind' | 'params'>, t: TFunction): string {
  const p = e.params;
  const parts: string[] = [];
  if (typeof p.from === 'string' && typeof p.to === 'string') parts.push(`${p.from} ~ ${p.to}`);
  if (p.year !== undefined && p.year !== null) parts.push(t('exports.year', { year: p.year }));
  const dimensions = listOf(p.dimensions).map((d) => t(`exports.dimension.${d}`, { defaultValue: d }));
  if (dimensions.length > 0) parts.push(dimensions.join('、'));
  const measures = listOf(p.measures ?? p.measure).map((m) => t(`exports.measure.${m}`, { defaultValue: m }));
  if (measures.length > 0) parts.push(measures.join('、'));
  if (e.kind === 'annual_summary' && typeof p.format === 'string') parts.push(p.format.toUpperCase());
  return parts.join(' · ') || '—';
}

/** A file size for people: 12.3 KB, 4.5 MB. */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '—';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
