import type { SavedReportView } from '@ganxun/domain';
import type { SavedReportRecord } from './service.js';

/** A saved report as its reader sees it (`mine` for the owner). */
export function presentSavedReport(record: SavedReportRecord, readerId: string | undefined): SavedReportView {
  return {
    id: record.id,
    name: record.name,
    definition: record.definition,
    period: record.period,
    chart: record.chart,
    shared: record.shared,
    ownerId: record.ownerId,
    ownerName: record.ownerName,
    mine: record.ownerId === readerId,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}
