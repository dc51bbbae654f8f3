import {
  factsOf,
  type MessageLocale,
  MIN_RESPONSES_FOR_STATS,
  RATE_MEASURES,
  REPORT_FILTERS,
  type RecordPage,
  type RecordsQuery,
  type ReportDefinition,
  type ReportDimension,
  type ReportFact,
  type ReportFilters,
  type ReportMeasure,
  type ReportRow,
  type ReportValues,
  type ReportView,
  rateOf,
} from '@ganxun/domain';
import { inArray, type SQL, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { Db } from '../../db/client.js';
import { regions, units } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { DictionaryService } from '../dictionaries/service.js';
import { rowsOf } from '../quotas/holders.js';
import { DIMENSION_LABELS, type DimValue, labelsOf, MEASURE_LABELS, TOTAL_LABEL } from './labels.js';
import { recordsSql } from './records.js';
import { FACT_SQL, type FactInput } from './sql.js';

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

type FactRow = Record<string, unknown>;

export interface RunOptions {
  /** With dimensions: also compute the totals (default true; then `totals` is empty when false). */
  totals?: boolean;
}

/** The filters of a definition (every key of REPORT_FILTERS that is set). */
export function filtersOf(def: Partial<Record<string, unknown>>): ReportFilters {
  const out: Record<string, unknown> = {};
  for (const key of REPORT_FILTERS) if (def[key] !== undefined && def[key] !== '') out[key] = def[key];
  return out as ReportFilters;
}

const num = (v: unknown) => (v === null || v === undefined ? 0 : Number(v));

/** A fact's aggregate row → the measures it carries (rates from their parts). */
function measuresOf(fact: ReportFact, row: FactRow, measures: readonly ReportMeasure[]): ReportValues {
  const out: ReportValues = {};
  for (const m of measures) {
    if (fact === 'training') {
      if (m === 'classes') out.classes = num(row.classes);
      else if (m === 'people') out.people = num(row.people);
      else if (m === 'personTimes') out.personTimes = num(row.person_times);
      else if (m === 'hours') out.hours = Math.round(num(row.hours) * 10) / 10;
      else if (m === 'attendanceRate') out.attendanceRate = rateOf(num(row.attended), num(row.due));
      else if (m === 'completionRate') out.completionRate = rateOf(num(row.completed), num(row.decided));
    } else if (fact === 'evaluation' && m === 'satisfaction') {
      out.satisfaction =
        num(row.responses) >= MIN_RESPONSES_FOR_STATS ? rateOf(num(row.score_sum), num(row.score_n)) : null;
    } else if (fact === 'exchange' && m === 'secondments') {
      out.secondments = num(row.secondments);
    }
  }
  return out;
}

/** A measure missing from a row: 0 for a count, null for a rate. */
const emptyValue = (m: ReportMeasure) => (RATE_MEASURES.includes(m) ? null : 0);

/** The order of a report's rows: by each key in turn, numbers by value, text in Chinese order, none last. */
export function compareKeys(a: DimValue[], b: DimValue[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? null;
    const y = b[i] ?? null;
    if (x === y) continue;
    if (x === null) return 1;
    if (y === null) return -1;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x).localeCompare(String(y), 'zh-CN');
  }
  return 0;
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

  private input(
    ctx: RequestContext,
    def: ReportDefinition,
    dimensions: readonly ReportDimension[],
  ): FactInput {
    return {
      actor: ctx.actor,
      db: this.db,
      from: def.from,
      to: def.to,
      dimensions,
      measures: def.measures,
      filters: filtersOf(def),
    };
  }

  /**
   * One aggregate in a transaction of its own with the memory to sort and hash in RAM (the default
   * 4 MB spills a year's enrolments to disk) and without JIT (it compiles for longer than it saves).
   */
  private aggregate(query: SQL): Promise<FactRow[]> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '32MB'`);
      await tx.execute(sql`set local jit = off`);
      return rowsOf<FactRow>(await tx.execute(query));
    });
  }

  /** Runs a report definition (already validated by `reportDefinition`) over the reader's scope. */
  async run(ctx: RequestContext, def: ReportDefinition, options: RunOptions = {}): Promise<ReportView> {
    const dims = def.dimensions;
    const merged = new Map<string, { keys: DimValue[]; values: ReportValues }>();
    const totals: ReportValues = {};
    let suppressed = 0;
    for (const fact of factsOf(def.measures)) {
      const measures = def.measures.filter((m) => factsOf([m])[0] === fact);
      const build = FACT_SQL[fact];
      const rows = dims.length ? await this.aggregate(build(this.input(ctx, def, dims))) : [];
      // Totals are a statement of their own (people once, rates recomputed); callers that show only
      // the rows skip it.
      const total =
        dims.length === 0 || options.totals !== false
          ? await this.aggregate(build(this.input(ctx, def, [])))
          : [];
      for (const row of rows) {
        const keys = dims.map((_, i) => (row[`d${i}`] ?? null) as DimValue);
        const id = JSON.stringify(keys);
        const entry = merged.get(id) ?? { keys, values: {} };
        const values = measuresOf(fact, row, measures);
        if (fact === 'evaluation' && values.satisfaction === null && num(row.responses) > 0) suppressed++;
        Object.assign(entry.values, values);
        merged.set(id, entry);
      }
      if (total[0]) Object.assign(totals, measuresOf(fact, total[0], measures));
    }
    for (const entry of merged.values())
      for (const m of def.measures) if (!(m in entry.values)) entry.values[m] = emptyValue(m);
    const values = new Map<ReportDimension, Set<DimValue>>(dims.map((d) => [d, new Set()]));
    for (const { keys } of merged.values())
      for (const [i, v] of keys.entries()) values.get(dims[i] as ReportDimension)?.add(v);
    const label = await labelsOf(this.db, ctx.locale, values);
    const rows: ReportRow[] = [...merged.values()]
      .sort((a, b) => compareKeys(a.keys, b.keys))
      .map(({ keys, values: v }) => ({
        keys: keys.map((value, i) => ({ value, label: label(dims[i] as ReportDimension, value) })),
        values: v,
      }));
    return {
      dimensions: [...dims],
      measures: [...def.measures],
      from: def.from,
      to: def.to,
      rows,
      totals,
      suppressed,
    };
  }

  /** The records behind one figure (its measure, period and filters), a page at a time. */
  async records(ctx: RequestContext, q: RecordsQuery): Promise<RecordPage> {
    let { from, to } = q;
    if (q.year) {
      from = from > `${q.year}-01-01` ? from : `${q.year}-01-01`;
      to = to < `${q.year}-12-31` ? to : `${q.year}-12-31`;
    }
    const base = { actor: ctx.actor, db: this.db, from, to, dimensions: [], measures: [q.measure] };
    const sql = recordsSql(
      { ...base, filters: filtersOf(q) },
      q.measure,
      q.pageSize,
      (q.page - 1) * q.pageSize,
    );
    const rows = from > to ? [] : rowsOf<Record<string, unknown>>(await this.db.execute(sql));
    const total = rows.length ? Number(rows[0]?.total) : 0;
    return {
      items: rows.map((r) => ({
        kind: r.kind as 'enrollment' | 'class' | 'form' | 'secondment',
        id: String(r.id),
        classId: (r.class_id as string | null) ?? null,
        classCode: (r.class_code as string | null) ?? null,
        className: (r.class_name as string | null) ?? null,
        personId: (r.person_id as string | null) ?? null,
        personName: (r.person_name as string | null) ?? null,
        unitName: (r.unit_name as string | null) ?? null,
        regionName: (r.region_name as string | null) ?? null,
        date: r.day ? String(r.day).slice(0, 10) : null,
        value: r.value === null || r.value === undefined ? null : Number(r.value),
        detail: (r.detail as string | null) ?? null,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A report as an xlsx workbook (the same rows and totals as `run`), with labels in ctx.locale. */
  async workbook(ctx: RequestContext, def: ReportDefinition, title?: string): Promise<Buffer> {
    const view = await this.run(ctx, def);
    const scope = await this.scopeOf(ctx);
    return reportWorkbook(view, ctx.locale, title ?? `${scope.label} ${def.from} — ${def.to}`);
  }

  /** The reader's scope label and province. */
  async scopeOf(ctx: RequestContext): Promise<ReaderScope> {
    const locale = ctx.locale;
    const actor = ctx.actor;
    if (!actor) return { label: '', province: null };
    const regionCodes = new Set<string>();
    const unitIds = new Set<string>();
    let director = false;
    for (const g of actor.roles) {
      if (!actor.permissions.has('stats.read')) break;
      if (g.role === 'org_admin' && g.scopeId) regionCodes.add(g.scopeId);
      else if ((g.role === 'training_officer' || g.role === 'unit_liaison') && g.scopeId)
        unitIds.add(g.scopeId);
      else if (g.role === 'class_director') director = true;
    }
    const unitRows = unitIds.size
      ? await this.db
          .select({ name: units.name, regionCode: units.regionCode })
          .from(units)
          .where(inArray(units.id, [...unitIds]))
      : [];
    const provinceCodes = [...regionCodes, ...unitRows.map((u) => u.regionCode)].map(
      (c) => `${c.slice(0, 2)}0000`,
    );
    const codes = [...new Set([...regionCodes, ...provinceCodes])];
    const names = new Map(
      (codes.length
        ? await this.db
            .select({ code: regions.code, name: regions.name, nameZhTw: regions.nameZhTw })
            .from(regions)
            .where(inArray(regions.code, codes))
        : []
      ).map((r) => [r.code, locale === 'zh-TW' ? r.nameZhTw : r.name]),
    );
    const parts = [...[...regionCodes].map((c) => names.get(c) ?? c), ...unitRows.map((u) => u.name)];
    if (director) parts.push(MY_CLASSES[locale]);
    const provinceCode = provinceCodes[0];
    return {
      label: parts.join(locale === 'en' ? ', ' : '、'),
      province: provinceCode ? { code: provinceCode, name: names.get(provinceCode) ?? provinceCode } : null,
    };
  }
}

const MY_CLASSES: Record<MessageLocale, string> = {
  'zh-CN': '我负责的班次',
  'zh-TW': '我負責的班次',
  en: 'My classes',
};

/** Formats a measure's value for a sheet or a document: rates as %, a score with two decimals. */
export function formatMeasure(m: ReportMeasure, v: number | null | undefined): string | number {
  if (v === null || v === undefined) return '—';
  if (m === 'attendanceRate' || m === 'completionRate') return `${(v * 100).toFixed(1)}%`;
  if (m === 'satisfaction') return Number(v.toFixed(2));
  return v;
}

/** The workbook of a report view: a title, a header, one row per group and the totals. */
export async function reportWorkbook(
  view: ReportView,
  locale: MessageLocale,
  title: string,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  workbook.created = new Date();
  const sheet = workbook.addWorksheet(locale === 'en' ? 'Report' : '统计表');
  const headers = [
    ...view.dimensions.map((d) => DIMENSION_LABELS[d][locale]),
    ...view.measures.map((m) => MEASURE_LABELS[m][locale]),
  ];
  sheet.addRow([title]).font = { bold: true, size: 14 };
  sheet.mergeCells(1, 1, 1, Math.max(1, headers.length));
  const header = sheet.addRow(headers);
  header.font = { bold: true };
  for (const row of view.rows)
    sheet.addRow([
      ...row.keys.map((k) => k.label),
      ...view.measures.map((m) => formatMeasure(m, row.values[m])),
    ]);
  const totalRow = sheet.addRow([
    ...view.dimensions.map((_, i) => (i === 0 ? TOTAL_LABEL[locale] : '')),
    ...view.measures.map((m) => formatMeasure(m, view.totals[m])),
  ]);
  totalRow.font = { bold: true };
  headers.forEach((h, i) => {
    sheet.getColumn(i + 1).width = Math.max(12, h.length * 2 + 4, i < view.dimensions.length ? 24 : 12);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
