import type {
  AnnualTrainingQuery,
  AnnualTrainingReport,
  ArchiveView,
  ClassSummaryReport,
  PairingAnnualReport,
} from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { ExchangeStatsService } from '../exchange-stats/service.js';
import { XLSX_TYPE } from '../people/export.js';
import { type PersonService, placeOf } from '../people/service.js';
import type { StatsService } from '../stats/service.js';
import { can as canArchive } from '../training-records/policy.js';
import type { TrainingRecordService } from '../training-records/service.js';
import { can as canUnit } from '../units/policy.js';
import { annualSheets, annualTraining } from './annual.js';
import { archiveSheets } from './archive.js';
import { classSummary, classSummarySheets } from './class-summary.js';
import { type ReportLabels, reportLabels } from './labels.js';
import { pairingAnnual, pairingSheets } from './pairing.js';
import { reportWorkbook } from './xlsx.js';

export interface ReportServiceDeps {
  db: Db;
  stats: StatsService;
  classes: ClassService;
  exchangeStats: ExchangeStatsService;
  people: PersonService;
  trainingRecords: TrainingRecordService;
  dictionaries: DictionaryService;
}

/** The standard reports as downloads. */
export type ReportKind = 'annual_training' | 'class_summary' | 'pairing_annual' | 'person_archive';

/** A file to send: its bytes, its (Chinese) name and an ASCII fallback name. */
export interface ReportDownload {
  file: Buffer;
  contentType: string;
  fileName: string;
  fallbackName: string;
}

/**
 * Standard reports (issue 8): the annual training report, a class's summary, a pairing's annual
 * exchange report and a person's training archive, as views and xlsx workbooks. Every figure the
 * statistics engine can compute comes from `stats.run` (or the exchange statistics), so a report
 * never disagrees with the report builder or the dashboard. Each method checks `stats.read` and the
 * read rule of its object; every xlsx download through the routes is audited (`report.export`).
 */
export class ReportService {
  readonly db: Db;
  readonly stats: StatsService;
  readonly classes: ClassService;
  readonly exchangeStats: ExchangeStatsService;
  readonly people: PersonService;
  readonly trainingRecords: TrainingRecordService;
  readonly dictionaries: DictionaryService;

  constructor(deps: ReportServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
    this.classes = deps.classes;
    this.exchangeStats = deps.exchangeStats;
    this.people = deps.people;
    this.trainingRecords = deps.trainingRecords;
    this.dictionaries = deps.dictionaries;
  }

  labels(ctx: RequestContext): ReportLabels {
    return reportLabels(ctx.locale);
  }

  /** 403 (audited) without `stats.read`. */
  requireStatsReader(ctx: RequestContext, entity: { type: string; id?: string | null }): void {
    authorize(requireActor(ctx.actor).permissions.has('stats.read'), 'stats.read', entity);
  }

  /** The organiser a report is limited to: 404 when unknown, 403 (audited) when the reader may not read it. */
  async requireOrganiser(ctx: RequestContext, id: string): Promise<{ id: string; name: string }> {
    const [unit] = await this.db
      .select({ id: units.id, name: units.name, path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(eq(units.id, id));
    if (!unit) throw AppError.notFound();
    authorize(canUnit(requireActor(ctx.actor), 'read', unit), 'unit.read', { type: 'unit', id });
    return { id: unit.id, name: unit.name };
  }

  /** class_kind code → its label in the reader's language (the code itself when unknown). */
  async classKindLabels(ctx: RequestContext): Promise<(code: string) => string> {
    const items = await this.dictionaries.items('class_kind', true);
    const pick = (i: (typeof items)[number]) =>
      ctx.locale === 'zh-TW' ? i.labelZhTw : ctx.locale === 'en' ? i.labelEn : i.labelZhCn;
    const labels = new Map(items.map((i) => [i.code, pick(i)]));
    return (code) => labels.get(code) ?? code;
  }

  // -- the annual training report -----------------------------------------------------------

  async annualTraining(
    ctx: RequestContext,
    query: Pick<AnnualTrainingQuery, 'year' | 'organiserId'>,
  ): Promise<AnnualTrainingReport> {
    this.requireStatsReader(ctx, { type: 'report', id: null });
    return annualTraining(this, ctx, query);
  }

  /**
   * The annual report as a workbook (总表, 按类型, 按月份, 按地区, 班次明细); the background export
   * calls it too. It does not audit: the caller (the route, the export job) records the export.
   */
  async annualTrainingWorkbook(
    ctx: RequestContext,
    query: Pick<AnnualTrainingQuery, 'year' | 'organiserId'>,
  ): Promise<Buffer> {
    const report = await this.annualTraining(ctx, query);
    return reportWorkbook(annualSheets(report, this.labels(ctx)));
  }

  // -- a class's summary ----------------------------------------------------------------------

  /** Readable by those who run the class (class.read on it): others 403 (audited), unknown 404. */
  async classSummary(ctx: RequestContext, id: string): Promise<ClassSummaryReport> {
    this.requireStatsReader(ctx, { type: 'class', id });
    const record = await this.classes.requireRun(ctx, id, 'read');
    return classSummary(this, ctx, record);
  }

  async classSummaryWorkbook(ctx: RequestContext, report: ClassSummaryReport): Promise<Buffer> {
    return reportWorkbook(classSummarySheets(report, this.labels(ctx)));
  }

  // -- a pairing's annual exchange report --------------------------------------------------------

  async pairingAnnual(ctx: RequestContext, id: string, year: number): Promise<PairingAnnualReport> {
    this.requireStatsReader(ctx, { type: 'partnership', id });
    return pairingAnnual(this, ctx, id, year);
  }

  async pairingWorkbook(ctx: RequestContext, report: PairingAnnualReport): Promise<Buffer> {
    return reportWorkbook(pairingSheets(report, this.labels(ctx)));
  }

  // -- a person's training archive ---------------------------------------------------------------

  /** The archive of modules/training-records, with its read rule (403 audited out of reach, 404 unknown). */
  async personArchive(ctx: RequestContext, id: string): Promise<ArchiveView> {
    this.requireStatsReader(ctx, { type: 'person', id });
    const actor = requireActor(ctx.actor);
    authorize(canArchive(actor, 'read'), 'trainingRecord.read', { type: 'person', id });
    const record = await this.people.load(id);
    authorize(canArchive(actor, 'read', placeOf(record)), 'trainingRecord.read', { type: 'person', id });
    return this.trainingRecords.archive(record);
  }

  async archiveWorkbook(ctx: RequestContext, archive: ArchiveView): Promise<Buffer> {
    return reportWorkbook(archiveSheets(archive, this.labels(ctx)));
  }

  // -- downloads ---------------------------------------------------------------------------------

  /** A workbook as a download, audited (`report.export` with the report kind and its parameters). */
  async download(
    ctx: RequestContext,
    kind: ReportKind,
    target: { type: string; id: string | null },
    params: Record<string, unknown>,
    file: Buffer,
    name: { fileName: string; fallback: string },
  ): Promise<ReportDownload> {
    await recordAudit(this.db, ctx, {
      action: 'report.export',
      entityType: target.type,
      entityId: target.id,
      detail: { report: kind, params, size: file.length },
    });
    return {
      file,
      contentType: XLSX_TYPE,
      fileName: `${name.fileName}.xlsx`,
      fallbackName: `${name.fallback}.xlsx`,
    };
  }
}
