import { type ArchiveView, type RECORD_CATEGORIES, yearTotals } from '@ganxun/domain';
import type { ReportLabels } from './labels.js';
import type { ReportSheet } from './xlsx.js';

/**
 * The sheets of a person's training archive (the archive view of modules/training-records): every
 * record, and the 学时 credited per year and category over all the years the records cover (the
 * same rule as the archive's own totals: voided records count 0).
 */
export function archiveSheets(archive: ArchiveView, labels: ReportLabels): ReportSheet[] {
  const l = labels.archive;
  const title = l.title(archive.person.name);
  const subtitle = archive.person.unitName;
  const study = archive.records.map((r) => ({
    category: r.category,
    endDate: r.endDate,
    hours: r.hours,
    voidedAt: r.voidedAt,
  }));
  const years = [...new Set(archive.records.map((r) => r.year))].sort((a, b) => a - b);
  const totals = years.map((y) => yearTotals(study, y));
  const sum = (k: (typeof RECORD_CATEGORIES)[number] | 'total') =>
    Math.round(totals.reduce((a, t) => a + t[k], 0) * 100) / 100;
  return [
    {
      name: l.sheets.records,
      title,
      subtitle,
      headers: l.recordHeaders,
      widths: [6, 8, 36, 24, 12, 12, 12, 8, 10, 22, 24],
      formats: ['int', 'int', 'text', 'text', 'text', 'text', 'text', 'hours', 'hours', 'text', 'text'],
      rows: archive.records.map((r, i) => [
        i + 1,
        r.year,
        r.title,
        r.organiser,
        l.category[r.category] ?? r.category,
        r.startDate,
        r.endDate,
        r.hours,
        r.creditedHours,
        r.certificateNumber,
        r.voidedAt ? [l.voided, r.voidReason].filter(Boolean).join('：') : r.note,
      ]),
      totals: ['', '', labels.total, '', '', '', '', null, sum('total'), '', ''],
    },
    {
      name: l.sheets.years,
      title,
      subtitle,
      headers: l.yearHeaders,
      widths: [10, 12, 12, 12, 12],
      formats: ['int', 'hours', 'hours', 'hours', 'hours'],
      rows: totals.map((t) => [t.year, t.full_time, t.online, t.abroad, t.total]),
      totals: [labels.total, sum('full_time'), sum('online'), sum('abroad'), sum('total')],
    },
  ];
}
