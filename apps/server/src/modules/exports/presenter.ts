import type { ExportView } from '@ganxun/domain';
import { fieldMessage } from '../../platform/i18n.js';
import type { ExportPayload, ExportRow } from './service.js';

/** Failure reasons the export handler records as message keys; anything else is shown generically. */
const KNOWN_FAILURES = new Set([
  'export_user_disabled',
  'export_forbidden',
  'export_not_found',
  'export_bad_params',
]);

/** An export as its owner sees it; a failure's internal error text is never shown. */
export function presentExport(row: ExportRow, locale: ExportPayload['locale']): ExportView {
  const payload = row.payload as unknown as ExportPayload;
  const error =
    row.status === 'failed'
      ? fieldMessage(
          row.lastError && KNOWN_FAILURES.has(row.lastError) ? row.lastError : 'export_failed',
          locale,
        )
      : null;
  return {
    id: row.id,
    kind: payload.kind,
    params: payload.params ?? {},
    status: row.status,
    progress: row.progress,
    fileName: row.fileName,
    size: row.size,
    error,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
