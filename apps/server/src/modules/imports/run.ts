import {
  type HeaderMatch,
  MAX_IMPORT_ROWS,
  type MessageLocale,
  matchHeaders,
  PERSON_IMPORT_COLUMNS,
} from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import { importJobs, importRows } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { fieldMessage } from '../../platform/i18n.js';
import type { DictionaryService } from '../dictionaries/service.js';
import { insertImportRows } from './bulk.js';
import { ImportFailure, type ImportJobRow } from './commit.js';
import { cellText, readRows, SheetError, type SheetFormat, type SheetRow } from './parse.js';
import { RegionDirectory, UnitDirectory } from './resolve.js';
import type { ImportServiceDeps } from './service.js';
import { RowValidator } from './validate.js';
import { DICTIONARY_OF, type Dictionaries } from './values.js';

/**
 * The background validation of an uploaded file: read the sheet (stopping at the row limit), find
 * the header row, then validate and store the rows in chunks, yielding to the event loop between
 * chunks so the server keeps answering, with progress in `processedRows`. A cancel is noticed at
 * the next chunk; any failure leaves the job `failed` with its reason and no rows.
 */

/** Rows above the header that may hold a title or notes before the header row. */
const HEADER_SCAN_ROWS = 10;

export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function validateJob(
  deps: ImportServiceDeps,
  job: ImportJobRow,
  locale: MessageLocale,
  actor: Actor,
  file: Buffer,
  format: SheetFormat,
): Promise<void> {
  const { db } = deps;
  const live = and(eq(importJobs.id, job.id), eq(importJobs.status, 'validating'));
  try {
    const sheet = await readSheet(file, format, locale, deps.maxRows ?? MAX_IMPORT_ROWS);
    await db.update(importJobs).set({ totalRows: sheet.rows.length, updatedAt: new Date() }).where(live);
    const units = await UnitDirectory.load(db, actor);
    const validator = new RowValidator({
      db,
      cipher: deps.cipher,
      actor,
      locale,
      match: sheet.match,
      dictionaries: await loadDictionaries(deps.dictionaries),
      units,
      regions: new RegionDirectory(db, actor),
      createMissingUnits: job.options.createMissingUnits === true,
    });
    const size = deps.chunkSize ?? 500;
    for (let i = 0; i < sheet.rows.length; i += size) {
      const chunk = sheet.rows.slice(i, i + size);
      await insertImportRows(db, await validator.validate(job.id, chunk));
      const alive = await db
        .update(importJobs)
        .set({ processedRows: i + chunk.length, updatedAt: new Date() })
        .where(live)
        .returning({ id: importJobs.id });
      if (alive.length === 0) {
        // Cancelled meanwhile: drop what this chunk added after the cancel removed the rest.
        await db.delete(importRows).where(eq(importRows.jobId, job.id));
        return;
      }
      await yieldToEventLoop();
    }
    await db
      .update(importJobs)
      .set({
        status: 'validated',
        summary: validator.summary,
        updatedAt: new Date(),
        options: {
          ...job.options,
          headers: sheet.match.headers,
          headerCells: sheet.headerCells,
          ignoredColumns: sheet.match.ignored,
          plannedUnits: units.plannedUnits(),
        },
      })
      .where(live);
  } catch (error) {
    const known = error instanceof ImportFailure || error instanceof SheetError;
    const failure = known
      ? { code: error.key, message: fieldMessage(error.key, locale, error.x) }
      : {
          code: 'import_failed',
          message: fieldMessage('import_failed', locale),
          reason: String((error as Error)?.message ?? error).slice(0, 300),
        };
    await db
      .update(importJobs)
      .set({ status: 'failed', failure, updatedAt: new Date() })
      .where(live)
      .catch(() => {});
    await db
      .delete(importRows)
      .where(eq(importRows.jobId, job.id))
      .catch(() => {});
  }
}

/** The header row (within the first rows) and the data rows below it, up to the row limit. */
async function readSheet(
  file: Buffer,
  format: SheetFormat,
  locale: MessageLocale,
  maxRows: number,
): Promise<{ match: HeaderMatch; headerCells: string[]; rows: SheetRow[] }> {
  let match: HeaderMatch | null = null;
  let headerCells: string[] = [];
  let scanned = 0;
  const rows: SheetRow[] = [];
  for await (const row of readRows(file, format)) {
    if (match) {
      // Stop reading at the first row over the limit: the rest of the file is never parsed.
      if (rows.length >= maxRows) throw new ImportFailure('too_many_rows', row.rowNo);
      rows.push(row);
      continue;
    }
    const candidate = matchHeaders(row.cells.map(cellText));
    if (Object.keys(candidate.columns).length >= 2) {
      if (candidate.missing.length > 0) {
        const names = candidate.missing.map((f) => PERSON_IMPORT_COLUMNS[f].header);
        throw new ImportFailure('missing_columns', names.join(locale === 'en' ? ', ' : '、'));
      }
      match = candidate;
      headerCells = row.cells.map(cellText);
    } else if (++scanned >= HEADER_SCAN_ROWS) {
      break;
    }
  }
  if (!match) throw new ImportFailure('no_header_row');
  if (rows.length === 0) throw new ImportFailure('no_data_rows');
  return { match, headerCells, rows };
}

/** The code lists coded fields are checked against, with their labels in every language. */
export async function loadDictionaries(dictionaries: DictionaryService): Promise<Dictionaries> {
  const out = {} as Dictionaries;
  for (const [field, code] of Object.entries(DICTIONARY_OF) as [keyof Dictionaries, string][]) {
    const items = await dictionaries.items(code, false);
    out[field] = items.map((i) => ({ code: i.code, labels: [i.labelZhCn, i.labelZhTw, i.labelEn] }));
  }
  return out;
}
