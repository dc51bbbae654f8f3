import type { RecordPage, RecordsQuery, ReportDefinition, ReportView } from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import type { RequestContext } from '../../platform/context.js';
import type { DictionaryService } from '../dictionaries/service.js';

export interface StatsServiceDeps {
  db: Db;
  dictionaries: DictionaryService;
}

/** Whose figures a reader sees, for titles and the map. */
export interface ReaderScope {
  /** "湖北省", "恩施土家族苗族自治州", "中共湖北省委党校（湖北省行政学院）", "我负责的班次"… */
  label: string;
  /** The province of the reader's place (6-digit code), for the map; null when none. */
  province: { code: string; name: string } | null;
}

/**
 * The statistics engine (issue 8): every figure of the report builder, the dashboard, the standard
 * reports, the generated documents and their exports comes from `run` — one SQL aggregate per fact
 * over the reader's scope — so they cannot disagree.
 */
export class StatsService {
  readonly db: Db;
  readonly dictionaries: DictionaryService;

  constructor(deps: StatsServiceDeps) {
    this.db = deps.db;
    this.dictionaries = deps.dictionaries;
  }

  /** Runs a report definition (already validated by `reportDefinition`) over the reader's scope. */
  async run(_ctx: RequestContext, _def: ReportDefinition): Promise<ReportView> {
    throw new Error('not yet');
  }

  /** The records behind one figure (its measure, period and filters), a page at a time. */
  async records(_ctx: RequestContext, _q: RecordsQuery): Promise<RecordPage> {
    throw new Error('not yet');
  }

  /** A report as an xlsx workbook (the same rows and totals as `run`), with labels in ctx.locale. */
  async workbook(_ctx: RequestContext, _def: ReportDefinition): Promise<Buffer> {
    throw new Error('not yet');
  }

  /** The reader's scope label and province. */
  async scopeOf(_ctx: RequestContext): Promise<ReaderScope> {
    throw new Error('not yet');
  }
}
