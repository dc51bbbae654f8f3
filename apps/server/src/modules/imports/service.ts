import { createHash } from 'node:crypto';
import {
  type ImportListQuery,
  type ImportRowsQuery,
  importUploadFields,
  type MessageLocale,
  type Page,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, inArray, lt } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { importJobs, importRows } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import { fieldMessage } from '../../platform/i18n.js';
import type { DictionaryService } from '../dictionaries/service.js';
import { commitImport, ImportFailure, type ImportJobRow } from './commit.js';
import { type ErrorRow, errorsWorkbook } from './errors-report.js';
import { detectFormat } from './parse.js';
import { loadDictionaries, validateJob, yieldToEventLoop } from './run.js';
import { peopleTemplate } from './template.js';
import type { Upload } from './upload.js';
import type { RowPayload } from './validate.js';
import { isXlsx } from './xlsx-reader.js';

export type ImportRowRow = typeof importRows.$inferSelect;

export interface ImportServiceDeps {
  db: Db;
  cipher: FieldCipher;
  dictionaries: DictionaryService;
  /** The multipart file-size limit (for the message of a refused upload). */
  uploadLimit: number;
  /** Data rows a file may hold (MAX_IMPORT_ROWS). */
  maxRows?: number;
  /** Rows validated between two yields to the event loop and two progress updates. */
  chunkSize?: number;
}

/** A job that shows no progress for this long, and is not running here, was interrupted. */
const STALE_MS = 10 * 60_000;

/**
 * Use cases of spreadsheet imports. An upload becomes a job, validated in the background in chunks
 * that yield to the event loop (so the server keeps answering) and that report progress; the
 * preview reads the stored rows; the commit writes them all in one transaction, or nothing.
 */
export class ImportService {
  private readonly running = new Map<string, Promise<void>>();

  constructor(private readonly deps: ImportServiceDeps) {}

  get uploadLimit(): number {
    return this.deps.uploadLimit;
  }

  /** Stores the job and starts validating it; returns at once with the job in `validating`. */
  async start(ctx: RequestContext, actor: Actor, upload: Upload): Promise<ImportJobRow> {
    const fields = importUploadFields.safeParse(upload.fields);
    if (!fields.success) {
      throw new AppError('VALIDATION_FAILED', {
        fields: fields.error.issues.map((i) => ({
          path: String(i.path[0] ?? 'kind'),
          key: 'upload_field_invalid',
        })),
      });
    }
    const format = detectFormat(upload.file);
    if (format === 'empty') throw AppError.field('VALIDATION_FAILED', 'file', 'empty_file');
    if (format === 'xls') throw AppError.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'xls_not_supported');
    if (format === 'binary' || (format === 'xlsx' && !(await isXlsx(upload.file))))
      throw AppError.field('UNSUPPORTED_MEDIA_TYPE', 'file', 'not_a_spreadsheet');
    const { createMissingUnits } = fields.data;
    const job = await this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(importJobs)
        .values({
          kind: 'people',
          status: 'validating',
          fileName: upload.fileName,
          fileSize: upload.file.length,
          fileSha256: createHash('sha256').update(upload.file).digest('hex'),
          options: { createMissingUnits, format },
          createdBy: actor.id,
        })
        .returning();
      if (!row) throw new Error('import job not stored');
      await recordAudit(tx, ctx, {
        action: 'import.create',
        entityType: 'import',
        entityId: row.id,
        detail: { fileName: upload.fileName, fileSize: upload.file.length, format, createMissingUnits },
      });
      return row;
    });
    const run = yieldToEventLoop()
      .then(() => validateJob(this.deps, job, ctx.locale, actor, upload.file, format))
      .catch(() => {})
      .finally(() => this.running.delete(job.id));
    this.running.set(job.id, run);
    return job;
  }

  /** Resolves when the job's background validation (if any, in this process) has ended. */
  async whenSettled(id: string): Promise<void> {
    await this.running.get(id);
  }

  /** The caller's own jobs. */
  async list(actor: Actor, q: ImportListQuery): Promise<Page<ImportJobRow>> {
    const where = and(
      eq(importJobs.createdBy, actor.id),
      q.status ? eq(importJobs.status, q.status) : undefined,
    );
    const [items, total] = await Promise.all([
      this.deps.db
        .select()
        .from(importJobs)
        .where(where)
        .orderBy(q.sort === 'createdAt' ? asc(importJobs.createdAt) : desc(importJobs.createdAt))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.deps.db.select({ n: count() }).from(importJobs).where(where),
    ]);
    return { items, total: Number(total[0]?.n ?? 0), page: q.page, pageSize: q.pageSize };
  }

  /** A job; one left validating or committing by a process that stopped is marked failed. */
  async load(id: string, locale: MessageLocale = 'zh-CN'): Promise<ImportJobRow> {
    const [job] = await this.deps.db.select().from(importJobs).where(eq(importJobs.id, id));
    if (!job) throw AppError.notFound();
    const busy = job.status === 'validating' || job.status === 'committing';
    if (!busy || this.running.has(id) || job.updatedAt.getTime() > Date.now() - STALE_MS) return job;
    const [failed] = await this.deps.db
      .update(importJobs)
      .set({
        status: 'failed',
        failure: { code: 'interrupted', message: fieldMessage('interrupted', locale) },
        updatedAt: new Date(),
      })
      .where(
        and(
          eq(importJobs.id, id),
          eq(importJobs.status, job.status),
          lt(importJobs.updatedAt, new Date(Date.now() - STALE_MS)),
        ),
      )
      .returning();
    return failed ?? job;
  }

  /** A page of the preview, in row order. */
  async rows(
    job: ImportJobRow,
    q: ImportRowsQuery,
  ): Promise<Page<{ row: ImportRowRow; payload: RowPayload | null }>> {
    const where = and(
      eq(importRows.jobId, job.id),
      q.outcome ? eq(importRows.outcome, q.outcome) : undefined,
    );
    const [items, total] = await Promise.all([
      this.deps.db
        .select()
        .from(importRows)
        .where(where)
        .orderBy(q.sort === '-rowNo' ? desc(importRows.rowNo) : asc(importRows.rowNo))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.deps.db.select({ n: count() }).from(importRows).where(where),
    ]);
    return {
      items: items.map((row) => ({ row, payload: this.payloadOf(row) })),
      total: Number(total[0]?.n ?? 0),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  private payloadOf(row: ImportRowRow): RowPayload | null {
    return row.payload ? (JSON.parse(this.deps.cipher.decrypt(row.payload)) as RowPayload) : null;
  }

  /**
   * The error rows as a workbook to fix and upload again: the rows with their original cells (the
   * uploader's own data, unmasked so it can be corrected), and a list of every error. Audited.
   */
  async errorsReport(ctx: RequestContext, job: ImportJobRow): Promise<Buffer> {
    const rows = await this.deps.db
      .select()
      .from(importRows)
      .where(and(eq(importRows.jobId, job.id), eq(importRows.outcome, 'error')))
      .orderBy(asc(importRows.rowNo));
    const errorRows: ErrorRow[] = rows.map((r) => ({
      rowNo: r.rowNo,
      cells: this.payloadOf(r)?.cells ?? [],
      errors: r.errors ?? [],
    }));
    const headers = (job.options.headerCells as string[] | undefined) ?? [];
    const buffer = await errorsWorkbook(headers, errorRows, ctx.locale);
    await recordAudit(this.deps.db, ctx, {
      action: 'import.errors.download',
      entityType: 'import',
      entityId: job.id,
      detail: { fileName: job.fileName, rows: errorRows.length },
    });
    return buffer;
  }

  /** Commits a validated job without errors: all rows or none; a second commit gets 409. */
  async commit(ctx: RequestContext, actor: Actor, job: ImportJobRow): Promise<ImportJobRow> {
    const { db } = this.deps;
    const errors = Number(job.summary.error ?? 0);
    if (job.status === 'validated' && errors > 0)
      throw AppError.field('CONFLICT', 'status', 'import_has_errors', errors);
    const [claimed] = await db
      .update(importJobs)
      .set({ status: 'committing', updatedAt: new Date() })
      .where(and(eq(importJobs.id, job.id), eq(importJobs.status, 'validated')))
      .returning();
    if (!claimed) throw AppError.field('CONFLICT', 'status', 'import_not_validated');
    // Tracked like a validation, so a look at the job meanwhile does not take it for interrupted.
    const run = db.transaction((tx) => commitImport(tx, this.deps.cipher, ctx, actor, claimed));
    this.running.set(
      job.id,
      run.then(
        () => {},
        () => {},
      ),
    );
    try {
      await run;
    } catch (error) {
      const known = error instanceof ImportFailure;
      const key = known ? error.key : 'import_failed';
      const failure = {
        code: key,
        message: fieldMessage(key, ctx.locale, known ? error.x : undefined),
        ...(known ? {} : { reason: String((error as Error)?.message ?? error).slice(0, 300) }),
      };
      await db
        .update(importJobs)
        .set({ status: 'failed', failure, updatedAt: new Date() })
        .where(eq(importJobs.id, job.id));
      await recordAudit(db, ctx, {
        action: 'import.commit',
        entityType: 'import',
        entityId: job.id,
        outcome: 'failed',
        detail: { code: key },
      });
      if (known) throw AppError.field('CONFLICT', 'status', key, error.x);
      throw error;
    } finally {
      this.running.delete(job.id);
    }
    return this.load(job.id);
  }

  /** Cancels a job not committed: its stored rows (personal information) are deleted. */
  async cancel(ctx: RequestContext, job: ImportJobRow): Promise<ImportJobRow> {
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .update(importJobs)
        .set({ status: 'cancelled', updatedAt: new Date() })
        .where(
          and(eq(importJobs.id, job.id), inArray(importJobs.status, ['validating', 'validated', 'failed'])),
        )
        .returning();
      if (!row) throw AppError.field('CONFLICT', 'status', 'import_not_cancellable');
      await tx.delete(importRows).where(eq(importRows.jobId, job.id));
      await recordAudit(tx, ctx, {
        action: 'import.cancel',
        entityType: 'import',
        entityId: job.id,
        detail: { fileName: job.fileName, status: job.status },
      });
      return row;
    });
  }

  /** The roster template with the current code lists. */
  async template(): Promise<Buffer> {
    return peopleTemplate(await loadDictionaries(this.deps.dictionaries));
  }
}
