import type { ImportJobView, ImportRowView } from '@ganxun/domain';
import type { importRows } from '../../db/schema/index.js';
import type { ImportJobRow } from './commit.js';
import type { RowPayload } from './validate.js';

/** Job → API shape: progress, counts, the whole-file problem; never the stored rows. */
export function presentJob(job: ImportJobRow): ImportJobView {
  const s = job.summary ?? {};
  const failure = job.failure as { code?: string; message?: string } | null;
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    fileName: job.fileName,
    totalRows: job.totalRows,
    processedRows: job.processedRows,
    summary: {
      create: s.create ?? 0,
      update: s.update ?? 0,
      unchanged: s.unchanged ?? 0,
      error: s.error ?? 0,
    },
    failure: failure ? { code: String(failure.code ?? ''), message: String(failure.message ?? '') } : null,
    ignoredColumns: (job.options.ignoredColumns as string[] | undefined) ?? [],
    createMissingUnits: job.options.createMissingUnits === true,
    createdAt: job.createdAt.toISOString(),
    committedAt: job.committedAt?.toISOString() ?? null,
  };
}

/** Row → preview line: the ID number masked (the payload keeps it encrypted), errors as stored. */
export function presentRow(row: typeof importRows.$inferSelect, payload: RowPayload | null): ImportRowView {
  return {
    rowNo: row.rowNo,
    outcome: row.outcome,
    name: payload?.display.name ?? null,
    idNumber: payload?.display.idNumber ?? null,
    unitName: payload?.display.unitName ?? null,
    diff: row.diff ?? null,
    errors: row.errors ?? [],
  };
}
