import {
  type AnnualClassRow,
  type AnnualTrainingQuery,
  type AnnualTrainingReport,
  chinaDay,
  type ReportDimension,
  type ReportMeasure,
  type ReportRow,
  type ReportValues,
  reportDefinition,
} from '@ganxun/domain';
import { asc, inArray, sql } from 'drizzle-orm';
import { classes } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import type { ReportLabels } from './labels.js';
import type { ReportService } from './service.js';
import type { Cell, ColumnFormat, ReportSheet } from './xlsx.js';

/** The measures of the annual report, in the order its tables show them. */
export const ANNUAL_MEASURES = [
  'classes',
  'people',
  'personTimes',
  'hours',
  'attendanceRate',
  'satisfaction',
  'completionRate',
] as const satisfies readonly ReportMeasure[];
/** Region rows count trainees (evaluations are anonymous: no region). */
const REGION_MEASURES = ['people', 'personTimes', 'hours'] as const satisfies readonly ReportMeasure[];
const CLASS_MEASURES = ANNUAL_MEASURES.filter((m) => m !== 'classes');

const FORMAT: Record<ReportMeasure, ColumnFormat> = {
  classes: 'int',
  people: 'int',
  personTimes: 'int',
  hours: 'hours',
  attendanceRate: 'rate',
  satisfaction: 'score',
  completionRate: 'rate',
  secondments: 'int',
};

/**
 * The annual training report (年度干部教育培训统计): every figure from the statistics engine over
 * the year (classes by their start day) and the reader's scope, optionally one lead organiser's
 * subtree — totals, by class kind, by month, by the trainees' city-level region, and per class.
 */
export async function annualTraining(
  core: ReportService,
  ctx: RequestContext,
  query: Pick<AnnualTrainingQuery, 'year' | 'organiserId'>,
): Promise<AnnualTrainingReport> {
  const organiser = query.organiserId ? await core.requireOrganiser(ctx, query.organiserId) : null;
  const period = { from: `${query.year}-01-01`, to: `${query.year}-12-31` };
  const run = (dimensions: ReportDimension[], measures: readonly ReportMeasure[]) =>
    core.stats.run(
      ctx,
      reportDefinition.parse({
        dimensions,
        measures: [...measures],
        ...period,
        ...(query.organiserId ? { organiserId: query.organiserId } : {}),
      }),
    );
  const [totals, byKind, byMonth, byRegion, byClass, scope] = await Promise.all([
    run([], ANNUAL_MEASURES),
    run(['classKind'], ANNUAL_MEASURES),
    run(['month'], ANNUAL_MEASURES),
    run(['region'], REGION_MEASURES),
    run(['class'], CLASS_MEASURES),
    core.stats.scopeOf(ctx),
  ]);
  return {
    year: query.year,
    organiser,
    scopeLabel: scope.label,
    totals: totals.totals,
    byKind: byKind.rows,
    byMonth: byMonth.rows,
    byRegion: byRegion.rows,
    classes: await classRows(core, ctx, byClass.rows),
  };
}

/** The class rows of the engine with each class's code, name, kind and dates, by start date. */
async function classRows(
  core: ReportService,
  ctx: RequestContext,
  rows: ReportRow[],
): Promise<AnnualClassRow[]> {
  const ids = rows.map((r) => r.keys[0]?.value).filter((v): v is string => typeof v === 'string');
  if (ids.length === 0) return [];
  const [found, kindLabel] = await Promise.all([
    core.db
      .select({
        id: classes.id,
        code: classes.code,
        name: classes.name,
        kind: classes.kind,
        startDate: classes.startDate,
        endDate: classes.endDate,
      })
      .from(classes)
      .where(inArray(classes.id, ids))
      .orderBy(sql`coalesce(${classes.startDate}, make_date(${classes.year}, 1, 1))`, asc(classes.code)),
    core.classKindLabels(ctx),
  ]);
  const figures = new Map(rows.map((r) => [r.keys[0]?.value, r.values]));
  return found.map((c) => {
    const v = figures.get(c.id) ?? {};
    return {
      classId: c.id,
      code: c.code,
      name: c.name,
      classKind: c.kind,
      classKindLabel: kindLabel(c.kind),
      startDate: c.startDate,
      endDate: c.endDate,
      people: v.people ?? 0,
      personTimes: v.personTimes ?? 0,
      hours: v.hours ?? 0,
      attendanceRate: v.attendanceRate ?? null,
      satisfaction: v.satisfaction ?? null,
      completionRate: v.completionRate ?? null,
    };
  });
}

const figureCells = (values: ReportValues, measures: readonly ReportMeasure[]): Cell[] =>
  measures.map((m) => values[m] ?? null);

/** The sheets of the annual report: 总表, 按类型, 按月份, 按地区, 班次明细. */
export function annualSheets(report: AnnualTrainingReport, labels: ReportLabels): ReportSheet[] {
  const l = labels.annual;
  const title = l.title(report.year, report.organiser?.name ?? report.scopeLabel);
  const subtitle = `${l.generated}：${chinaDay(Date.now())}`;
  const heads = (measures: readonly ReportMeasure[]) => measures.map((m) => labels.measures[m as 'classes']);
  const formats = (measures: readonly ReportMeasure[]): ColumnFormat[] => measures.map((m) => FORMAT[m]);
  const grouped = (
    name: string,
    first: string,
    rows: ReportRow[],
    measures: readonly ReportMeasure[],
  ): ReportSheet => ({
    name,
    title,
    subtitle,
    headers: [first, ...heads(measures)],
    widths: [22, ...measures.map(() => 13)],
    formats: ['text', ...formats(measures)],
    rows: rows.map((r) => [r.keys[0]?.label ?? '', ...figureCells(r.values, measures)]),
    totals: [labels.total, ...figureCells(report.totals, measures)],
  });
  const classMeasures = CLASS_MEASURES;
  return [
    {
      name: l.sheets.totals,
      title,
      subtitle,
      headers: heads(ANNUAL_MEASURES),
      widths: ANNUAL_MEASURES.map(() => 14),
      formats: formats(ANNUAL_MEASURES),
      rows: [],
      totals: figureCells(report.totals, ANNUAL_MEASURES),
    },
    grouped(l.sheets.byKind, l.kind, report.byKind, ANNUAL_MEASURES),
    grouped(l.sheets.byMonth, l.month, report.byMonth, ANNUAL_MEASURES),
    grouped(l.sheets.byRegion, l.region, report.byRegion, REGION_MEASURES),
    {
      name: l.sheets.classes,
      title,
      subtitle,
      headers: [...l.classHeaders, ...heads(classMeasures)],
      widths: [6, 12, 36, 14, 12, 12, ...classMeasures.map(() => 12)],
      formats: ['int', 'text', 'text', 'text', 'text', 'text', ...formats(classMeasures)],
      rows: report.classes.map((c, i) => [
        i + 1,
        c.code,
        c.name,
        c.classKindLabel,
        c.startDate,
        c.endDate,
        ...figureCells(c as unknown as ReportValues, classMeasures),
      ]),
      totals: ['', labels.total, '', '', '', '', ...figureCells(report.totals, classMeasures)],
    },
  ];
}
