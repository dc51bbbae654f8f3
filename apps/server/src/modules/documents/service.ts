import {
  type AnnualSummaryFigures,
  type AnnualSummaryQuery,
  annualSummaryText,
  type ClassBriefFigures,
  type ClassBriefQuery,
  classBriefText,
  DIRECTIONS,
  type DocumentFormat,
  type ExchangeFigures,
  type GeneratedDocument,
  type NarrativeScript,
  type ReportMeasure,
  type ReportView,
  reportDefinition,
  type ScriptName,
  type SeriesFigures,
} from '@ganxun/domain';
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { ExchangeStatsService } from '../exchange-stats/service.js';
import { loadPartnerships } from '../partnerships/sides.js';
import { classFigures } from '../questions/service.js';
import { rowsOf } from '../quotas/holders.js';
import type { StatsService } from '../stats/service.js';
import { scriptNamer } from './names.js';
import {
  certificatesOfClassSql,
  certificatesSql,
  lecturersSql,
  lecturesSql,
  seriesDetailSql,
  seriesSql,
} from './query.js';
import { DOCX_TYPE, PDF_TYPE, toDocx, toPdf } from './render.js';

export interface DocumentServiceDeps {
  db: Db;
  stats: StatsService;
  dictionaries: DictionaryService;
  exchangeStats: ExchangeStatsService;
}

/** A file ready to send (or to store by a background export). */
export interface DocumentFile {
  name: string;
  mime: string;
  content: Buffer;
  /** An ASCII name for old clients (`filename=`); `name` goes in `filename*`. */
  asciiName: string;
}

const TRAINING: ReportMeasure[] = [
  'classes',
  'people',
  'personTimes',
  'hours',
  'attendanceRate',
  'completionRate',
];
const n = (v: number | null | undefined) => v ?? 0;
const rate = (v: number | null | undefined) => (v === undefined ? null : v);

/**
 * Generated documents (issue 8): the annual work summary and a class's news brief, written by the
 * domain's templates (report-text.ts) from figures of the statistics engine — so a document states
 * exactly what the dashboard and the report builder state — and rendered as DOCX or PDF.
 */
export class DocumentService {
  readonly db: Db;
  readonly stats: StatsService;
  readonly dictionaries: DictionaryService;
  readonly exchangeStats: ExchangeStatsService;

  constructor(deps: DocumentServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
    this.dictionaries = deps.dictionaries;
    this.exchangeStats = deps.exchangeStats;
  }

  /** The engine over one period with filters; labels are not used (names come in both scripts). */
  private run(
    ctx: RequestContext,
    def: { from: string; to: string; dimensions?: string[]; measures: ReportMeasure[] } & Record<
      string,
      unknown
    >,
  ): Promise<ReportView> {
    return this.stats.run(ctx, reportDefinition.parse({ dimensions: [], ...def }));
  }

  /** The class-kind labels in both scripts, from the dictionary (its zh-TW labels are checked). */
  private async kindNames(): Promise<Map<string, ScriptName>> {
    const items = await this.dictionaries.items('class_kind', true);
    return new Map(items.map((i) => [i.code, { zhCN: i.labelZhCn, zhTW: i.labelZhTw }]));
  }

  /** The figures of the annual work summary, all within the reader's statistics scope. */
  async annualSummaryFigures(ctx: RequestContext, q: AnnualSummaryQuery): Promise<AnnualSummaryFigures> {
    requireStatsReader(ctx);
    const { name, fixed } = await scriptNamer();
    const period = { from: `${q.year}-01-01`, to: `${q.year}-12-31` };
    const filter = q.organiserId ? { organiserId: q.organiserId } : {};

    let subject: ScriptName;
    if (q.organiserId) {
      const [unit] = await this.db
        .select({ name: units.name })
        .from(units)
        .where(eq(units.id, q.organiserId));
      if (!unit) throw AppError.notFound();
      subject = name(unit.name);
    } else {
      const [cn, tw] = await Promise.all([
        this.stats.scopeOf({ ...ctx, locale: 'zh-CN' }),
        this.stats.scopeOf({ ...ctx, locale: 'zh-TW' }),
      ]);
      // Region names in their checked zh-TW form; a unit's name (a school's scope) through OpenCC.
      subject = cn.label === tw.label ? name(cn.label) : fixed(cn.label, name(tw.label).zhTW);
    }

    const [totals, satisfaction, byKind, kindNames] = await Promise.all([
      this.run(ctx, { ...period, ...filter, measures: TRAINING }),
      this.run(ctx, { ...period, ...filter, measures: ['satisfaction'] }),
      this.run(ctx, {
        ...period,
        ...filter,
        dimensions: ['classKind'],
        measures: ['classes', 'people', 'personTimes'],
      }),
      this.kindNames(),
    ]);
    const actor = ctx.actor;
    const scoped = { year: q.year, organiserId: q.organiserId ?? null, actor };

    // Series: planned items with two or more classes held in the year (the 17 seminars of 2021).
    const items = rowsOf<{ id: string; name: string }>(await this.db.execute(seriesSql(scoped)));
    const series: SeriesFigures[] = [];
    for (const item of items) {
      const view = await this.run(ctx, {
        ...period,
        ...filter,
        planItemId: item.id,
        measures: ['classes', 'people', 'personTimes'],
      });
      if (n(view.totals.classes) < 2) continue;
      const detail = rowsOf<{ kind: 'topic' | 'partner'; text: string }>(
        await this.db.execute(seriesDetailSql({ ...scoped, planItemId: item.id })),
      );
      series.push({
        name: name(item.name),
        classes: n(view.totals.classes),
        people: n(view.totals.people),
        personTimes: n(view.totals.personTimes),
        topics: detail.filter((r) => r.kind === 'topic').map((r) => name(r.text)),
        partners: detail.filter((r) => r.kind === 'partner').map((r) => name(r.text)),
      });
    }

    const [certificates] = rowsOf<{ n: number | string }>(await this.db.execute(certificatesSql(scoped)));
    const exchange = q.organiserId ? [] : await this.exchangeFigures(ctx, q.year, q.script);

    return {
      year: q.year,
      subject,
      totals: {
        classes: n(totals.totals.classes),
        people: n(totals.totals.people),
        personTimes: n(totals.totals.personTimes),
        hours: n(totals.totals.hours),
        attendanceRate: rate(totals.totals.attendanceRate),
        completionRate: rate(totals.totals.completionRate),
        satisfaction: rate(satisfaction.totals.satisfaction),
      },
      certificates: Number(certificates?.n ?? 0),
      byKind: byKind.rows
        .map((r) => {
          const code = String(r.keys[0]?.value ?? '');
          return {
            kind: kindNames.get(code) ?? name(r.keys[0]?.label ?? code),
            classes: n(r.values.classes),
            people: n(r.values.people),
            personTimes: n(r.values.personTimes),
          };
        })
        .sort((a, b) => b.classes - a.classes || b.personTimes - a.personTimes),
      series,
      exchange,
    };
  }

  /**
   * The pairings with secondments or joint classes in the year (as the engine counts them), with
   * each one's figures by direction and category from the exchange narrative. A pairing the reader
   * cannot open (no `secondment.read` on it) is left out.
   */
  private async exchangeFigures(
    ctx: RequestContext,
    year: number,
    script: NarrativeScript,
  ): Promise<ExchangeFigures[]> {
    const period = { from: `${year}-01-01`, to: `${year}-12-31`, dimensions: ['pairing'] };
    const [seconded, joint] = await Promise.all([
      this.run(ctx, { ...period, measures: ['secondments'] }),
      this.run(ctx, { ...period, measures: ['classes'] }),
    ]);
    const ids = [
      ...new Set(
        [...seconded.rows, ...joint.rows]
          .filter((r) => n(r.values.secondments ?? r.values.classes) > 0)
          .map((r) => r.keys[0]?.value)
          .filter((v): v is string => typeof v === 'string'),
      ),
    ];
    if (ids.length === 0) return [];
    const infos = await loadPartnerships(this.db, ids);
    const { name } = await scriptNamer();
    const out: ExchangeFigures[] = [];
    for (const id of ids) {
      const info = infos.get(id);
      if (!info) continue;
      let view: Awaited<ReturnType<ExchangeStatsService['narrative']>>;
      try {
        view = await this.exchangeStats.narrative(ctx, id, { script, fromYear: year, toYear: year });
      } catch (error) {
        if (error instanceof AppError) continue;
        throw error;
      }
      out.push({
        pairing: name(info.name),
        directions: DIRECTIONS.map((direction) => {
          const d = view.directions.find((x) => x.direction === direction);
          const [sending, receiving] =
            direction === 'a_to_b' ? [info.sideA, info.sideB] : [info.sideB, info.sideA];
          return {
            sending: sending.names,
            receiving: receiving.names,
            cadres: d?.cadres ?? 0,
            professionals: d?.professionals ?? 0,
            bySpecialty: {
              medical: d?.bySpecialty.medical ?? 0,
              education: d?.bySpecialty.education ?? 0,
              agriculture: d?.bySpecialty.agriculture ?? 0,
              other: d?.bySpecialty.other ?? 0,
            },
          };
        }),
        jointClasses: view.jointClasses,
      });
    }
    return out;
  }

  /** The annual work summary as a document (the preview's JSON). */
  async annualSummary(ctx: RequestContext, q: AnnualSummaryQuery): Promise<GeneratedDocument> {
    return annualSummaryText(await this.annualSummaryFigures(ctx, q), q.script);
  }

  /**
   * The annual work summary as a file (docx or pdf; json gives the document itself), audited as
   * `report.document`. The background export calls this too.
   */
  async annualSummaryFile(ctx: RequestContext, q: AnnualSummaryQuery): Promise<DocumentFile> {
    const doc = await this.annualSummary(ctx, q);
    const file = await this.fileOf(doc, q.format, `annual-summary-${q.year}`);
    await recordAudit(this.db, ctx, {
      action: 'report.document',
      entityType: 'report',
      detail: {
        document: 'annual_summary',
        year: q.year,
        organiserId: q.organiserId ?? null,
        script: q.script,
        format: q.format,
      },
    });
    return file;
  }

  /** The figures of a class's news brief (the reader runs the class: routes check it). */
  async classBriefFigures(ctx: RequestContext, record: ClassRecord): Promise<ClassBriefFigures> {
    requireStatsReader(ctx);
    const { name } = await scriptNamer();
    const day = record.startDate ?? `${record.year}-01-01`;
    const period = { from: day, to: day, classId: record.id };
    const [view, satisfaction, byRegion] = await Promise.all([
      this.run(ctx, { ...period, measures: TRAINING }),
      this.run(ctx, { ...period, measures: ['satisfaction'] }),
      this.run(ctx, { ...period, dimensions: ['region'], measures: ['people'] }),
    ]);
    const places = byRegion.rows
      .filter((r) => n(r.values.people) > 0)
      .map((r) => r.keys[0]?.value)
      .filter((v): v is string => typeof v === 'string');
    const unitIds = [record.leadOrganiserId, ...record.coOrganiserIds, record.hostInstitutionId].filter(
      (v): v is string => !!v,
    );
    const [unitRows, lectures, lecturers, certificates, questions] = await Promise.all([
      this.db.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, unitIds)),
      this.db.execute(lecturesSql(record.id)).then(rowsOf<{ title: string }>),
      this.db.execute(lecturersSql(record.id)).then(rowsOf<{ name: string }>),
      this.db.execute(certificatesOfClassSql(record.id)).then(rowsOf<{ n: number | string }>),
      classFigures(this.db, record.id),
    ]);
    const unitName = new Map(unitRows.map((u) => [u.id, u.name]));
    const nameOf = (id: string | null) => {
      const found = id ? unitName.get(id) : undefined;
      return found ? name(found) : null;
    };
    return {
      className: name(record.name),
      startDate: record.startDate,
      endDate: record.endDate,
      host: nameOf(record.hostInstitutionId),
      leadOrganiser: nameOf(record.leadOrganiserId) ?? name(''),
      coOrganisers: record.coOrganiserIds.map(nameOf).filter((v): v is ScriptName => v !== null),
      people: n(view.totals.people),
      cities: places.filter((c) => !c.endsWith('0000')).length,
      provincialUnits: places.some((c) => c.endsWith('0000')),
      oneProvince: places.length > 0 && new Set(places.map((c) => c.slice(0, 2))).size === 1,
      topics: lectures.map((l) => name(l.title)),
      lecturers: lecturers.map((l) => name(l.name)),
      attendanceRate: rate(view.totals.attendanceRate),
      satisfaction: rate(satisfaction.totals.satisfaction),
      completionRate: rate(view.totals.completionRate),
      certificates: Number(certificates[0]?.n ?? 0),
      completed: record.status === 'completed' || record.status === 'archived',
      questions: { asked: questions.totals.questions, answered: questions.totals.answered },
    };
  }

  async classBrief(
    ctx: RequestContext,
    record: ClassRecord,
    script: NarrativeScript,
  ): Promise<GeneratedDocument> {
    return classBriefText(await this.classBriefFigures(ctx, record), script);
  }

  /** A class's news brief as a file, audited as `report.document`. */
  async classBriefFile(ctx: RequestContext, record: ClassRecord, q: ClassBriefQuery): Promise<DocumentFile> {
    const doc = await this.classBrief(ctx, record, q.script);
    const file = await this.fileOf(doc, q.format, `class-brief-${record.code}`);
    await recordAudit(this.db, ctx, {
      action: 'report.document',
      entityType: 'class',
      entityId: record.id,
      detail: { document: 'class_brief', script: q.script, format: q.format },
    });
    return file;
  }

  private async fileOf(
    doc: GeneratedDocument,
    format: DocumentFormat,
    fallback: string,
  ): Promise<DocumentFile> {
    const asciiName = `${fallback}.${format}`;
    if (format === 'docx')
      return { name: `${doc.title}.docx`, mime: DOCX_TYPE, content: await toDocx(doc), asciiName };
    if (format === 'pdf')
      return { name: `${doc.title}.pdf`, mime: PDF_TYPE, content: await toPdf(doc), asciiName };
    return {
      asciiName,
      name: `${fallback}.json`,
      mime: 'application/json; charset=utf-8',
      content: Buffer.from(JSON.stringify(doc)),
    };
  }
}

/** Documents need `stats.read` (403, audited, otherwise); what they count is the reader's scope. */
function requireStatsReader(ctx: RequestContext): void {
  const actor = requireActor(ctx.actor);
  authorize(actor.permissions.has('stats.read'), 'report.document', { type: 'report', id: null });
}
