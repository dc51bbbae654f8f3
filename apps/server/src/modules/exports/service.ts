import {
  type AnnualSummaryQuery,
  type AnnualTrainingQuery,
  annualSummaryQuery,
  annualTrainingQuery,
  type ExportKind,
  type MessageLocale,
  permissionsOf,
  type RecordsQuery,
  type ReportDefinition,
  type Role,
  recordsQuery,
  reportDefinition,
} from '@ganxun/domain';
import { and, desc, eq, getTableColumns } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/client.js';
import { jobs, storedFiles, userRoles, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { mimeOf } from '../../platform/files.js';
import {
  JobFailure,
  type JobQueue,
  type JobResult,
  type JobRow,
  type JobTools,
} from '../../platform/jobs.js';
import type { DocumentService } from '../documents/service.js';
import type { ReportService } from '../reports/service.js';
import type { StatsService } from '../stats/service.js';
import { MEASURES, recordsWorkbook } from './records-xlsx.js';

/** The job kind of every export; the export's own kind is in the payload. */
export const EXPORT_JOB = 'export';
/** Finished exports are removed after a week. */
export const EXPORT_KEEP_DAYS = 7;
/** Rows fetched per page when exporting the records behind a figure. */
const RECORDS_PAGE = 1000;

export interface ExportServiceDeps {
  db: Db;
  stats: StatsService;
  jobs: JobQueue;
  reports: ReportService;
  documents: DocumentService;
}

export interface ExportPayload {
  kind: ExportKind;
  params: Record<string, unknown>;
  locale: MessageLocale;
}

export type ExportRow = JobRow & { fileName: string | null; size: number | null };

const PARAMS: Record<ExportKind, z.ZodType> = {
  report: reportDefinition,
  records: recordsQuery,
  annual_training: annualTrainingQuery,
  annual_summary: annualSummaryQuery,
};

const BASE_NAMES: Record<ExportKind, Record<MessageLocale, string>> = {
  report: { 'zh-CN': '统计报表', 'zh-TW': '統計報表', en: 'report' },
  records: { 'zh-CN': '明细数据', 'zh-TW': '明細資料', en: 'records' },
  annual_training: { 'zh-CN': '年度培训统计', 'zh-TW': '年度培訓統計', en: 'annual-training' },
  annual_summary: { 'zh-CN': '年度工作总结', 'zh-TW': '年度工作總結', en: 'annual-summary' },
};

const XLSX = mimeOf('x.xlsx');

/**
 * Exports in the background (issue 8): a request is checked and queued at once (202); the job
 * queue's worker produces the file as the requesting user — their roles as they are when it runs,
 * so a disabled account or a withdrawn role produces nothing — and keeps it for a week.
 */
export class ExportService {
  readonly db: Db;
  readonly stats: StatsService;
  readonly jobs: JobQueue;
  private readonly reports: ReportService;
  private readonly documents: DocumentService;

  constructor(deps: ExportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
    this.jobs = deps.jobs;
    this.reports = deps.reports;
    this.documents = deps.documents;
    this.jobs.register(EXPORT_JOB, (job, tools) => this.produce(job, tools), { keepDays: EXPORT_KEEP_DAYS });
  }

  /** Validates an export's parameters with its kind's contract (zod issues, paths inside `params`). */
  parseParams(
    kind: ExportKind,
    params: Record<string, unknown>,
  ): { ok: true; data: unknown } | { ok: false; issues: z.core.$ZodIssue[] } {
    const parsed = PARAMS[kind].safeParse(params);
    if (!parsed.success) return { ok: false, issues: parsed.error.issues };
    if (kind === 'annual_summary') {
      const format = (parsed.data as AnnualSummaryQuery).format;
      if (format !== 'docx' && format !== 'pdf')
        return {
          ok: false,
          issues: [{ code: 'custom', path: ['format'], message: 'export_format_file', input: format }],
        };
    }
    return { ok: true, data: parsed.data };
  }

  /** Queues an export for the actor (parameters already validated), audited with it. */
  async request(ctx: RequestContext, kind: ExportKind, params: Record<string, unknown>): Promise<ExportRow> {
    const actor = requireActor(ctx.actor);
    const payload: ExportPayload = { kind, params, locale: ctx.locale };
    const job = await this.db.transaction(async (tx) => {
      const row = await this.jobs.enqueue(tx, {
        kind: EXPORT_JOB,
        payload: payload as unknown as Record<string, unknown>,
        createdBy: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'export.create',
        entityType: 'export',
        entityId: row.id,
        detail: { kind, params },
      });
      return row;
    });
    this.jobs.kick();
    return { ...job, fileName: null, size: null };
  }

  /** The actor's latest exports, newest first. */
  async list(ctx: RequestContext, limit = 50): Promise<ExportRow[]> {
    const actor = requireActor(ctx.actor);
    return this.db
      .select({ ...getTableColumns(jobs), fileName: storedFiles.name, size: storedFiles.size })
      .from(jobs)
      .leftJoin(storedFiles, eq(storedFiles.id, jobs.resultFileId))
      .where(and(eq(jobs.kind, EXPORT_JOB), eq(jobs.createdBy, actor.id)))
      .orderBy(desc(jobs.createdAt), desc(jobs.id))
      .limit(limit);
  }

  /** One of the actor's exports; anyone else's is not found. */
  async mine(ctx: RequestContext, id: string): Promise<ExportRow> {
    const actor = requireActor(ctx.actor);
    const [row] = await this.db
      .select({ ...getTableColumns(jobs), fileName: storedFiles.name, size: storedFiles.size })
      .from(jobs)
      .leftJoin(storedFiles, eq(storedFiles.id, jobs.resultFileId))
      .where(and(eq(jobs.id, id), eq(jobs.kind, EXPORT_JOB), eq(jobs.createdBy, actor.id)));
    if (!row) throw AppError.notFound();
    return row;
  }

  /** The file of a finished export (audited download); 409 while it is being produced. */
  async file(ctx: RequestContext, id: string) {
    const row = await this.mine(ctx, id);
    if (row.status !== 'done') throw AppError.field('CONFLICT', 'status', 'export_not_ready');
    const file = await this.jobs.fileOf(row);
    if (!file) throw AppError.notFound();
    await recordAudit(this.db, ctx, {
      action: 'export.download',
      entityType: 'export',
      entityId: row.id,
      detail: { kind: (row.payload as unknown as ExportPayload).kind, fileName: file.name, size: file.size },
    });
    return file;
  }

  /** Removes one of the actor's exports and its file. */
  async remove(ctx: RequestContext, id: string): Promise<void> {
    const row = await this.mine(ctx, id);
    await this.db.transaction(async (tx) => {
      await this.jobs.remove(tx, row.id);
      await recordAudit(tx, ctx, { action: 'export.delete', entityType: 'export', entityId: row.id });
    });
  }

  /** The context a job runs in: its owner as they are now, in the language they asked in. */
  async contextOf(job: JobRow): Promise<RequestContext> {
    const payload = job.payload as unknown as ExportPayload;
    if (!job.createdBy) throw new JobFailure('export_forbidden');
    const [user] = await this.db.select().from(users).where(eq(users.id, job.createdBy));
    if (user?.status !== 'active') throw new JobFailure('export_user_disabled');
    const roles = (
      await this.db
        .select({ role: userRoles.role, scopeId: userRoles.scopeId })
        .from(userRoles)
        .where(eq(userRoles.userId, user.id))
    ).map((r) => ({ role: r.role as Role, scopeId: r.scopeId }));
    const permissions = permissionsOf(roles.map((r) => r.role));
    if (!permissions.has('stats.read')) throw new JobFailure('export_forbidden');
    return {
      actor: {
        id: user.id,
        username: user.username,
        displayName: user.displayName,
        roles,
        permissions,
        sessionId: `job:${job.id}`,
      },
      ip: null,
      userAgent: 'export job',
      requestId: job.id,
      locale: payload.locale ?? 'zh-CN',
    };
  }

  /** The job handler: produces the export's file. */
  private async produce(job: JobRow, tools: JobTools): Promise<JobResult> {
    const payload = job.payload as unknown as ExportPayload;
    const ctx = await this.contextOf(job);
    const parsed = this.parseParams(payload.kind, payload.params);
    if (!parsed.ok) throw new JobFailure('export_bad_params');
    const base = BASE_NAMES[payload.kind][ctx.locale];
    try {
      switch (payload.kind) {
        case 'report': {
          const def = parsed.data as ReportDefinition;
          const content = await this.stats.workbook(ctx, def);
          return { file: { name: `${base}_${def.from}_${def.to}.xlsx`, mime: XLSX, content } };
        }
        case 'records': {
          const q = parsed.data as RecordsQuery;
          const content = await this.records(ctx, q, tools);
          return {
            file: {
              name: `${base}_${MEASURES[q.measure][ctx.locale]}_${q.from}_${q.to}.xlsx`,
              mime: XLSX,
              content,
            },
          };
        }
        case 'annual_training': {
          const q = { ...(parsed.data as AnnualTrainingQuery), format: 'xlsx' as const };
          const content = await this.reports.annualTrainingWorkbook(ctx, q);
          return { file: { name: `${base}_${q.year}.xlsx`, mime: XLSX, content } };
        }
        case 'annual_summary': {
          const q = parsed.data as AnnualSummaryQuery;
          const file = await this.documents.annualSummaryFile(ctx, q);
          return { file: { name: `${base}_${q.year}.${q.format}`, mime: file.mime, content: file.content } };
        }
      }
    } catch (error) {
      // A refusal (the reader lost access to what they asked for) will not change on a retry.
      if (error instanceof AppError && error.status < 500) {
        const key =
          error.code === 'FORBIDDEN'
            ? 'export_forbidden'
            : error.code === 'NOT_FOUND'
              ? 'export_not_found'
              : 'export_bad_params';
        throw new JobFailure(key);
      }
      throw error;
    }
  }

  /** Every record behind a figure as a workbook, a page at a time, reporting progress. */
  private async records(ctx: RequestContext, q: RecordsQuery, tools: JobTools): Promise<Buffer> {
    const rows = [];
    for (let page = 1; ; page += 1) {
      const result = await this.stats.records(ctx, { ...q, page, pageSize: RECORDS_PAGE });
      rows.push(...result.items);
      if (result.total > 0) await tools.progress((rows.length / result.total) * 90);
      if (result.items.length === 0 || rows.length >= result.total) break;
    }
    return recordsWorkbook(rows, q, ctx.locale);
  }
}
