import {
  type DashboardQuery,
  type DashboardView,
  directionName,
  type ReportDimension,
  rateOf,
} from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { loadPartnerships } from '../partnerships/sides.js';
import type { SettingsService } from '../settings/service.js';
import { type DimValue, labelsOf } from '../stats/labels.js';
import { compareKeys, type StatsService } from '../stats/service.js';
import { complianceByUnit, secondmentPanels, surveyPanels } from './query.js';
import { periodClasses, trainingPanels } from './training.js';

export interface DashboardServiceDeps {
  db: Db;
  stats: StatsService;
  settings: SettingsService;
}

/**
 * The statistics dashboard (issue 8). The training KPIs (with certificates) and the month and
 * region panels are one statement over the per-class summaries (training.ts) that counts exactly
 * the engine's training fact, and satisfaction its evaluation fact (test/dashboard-summary.test.ts
 * and dashboard.test.ts hold them equal to `stats.run` after every kind of write); the rest are the
 * dashboard's own scoped aggregates (query.ts).
 */
export class DashboardService {
  readonly db: Db;
  readonly stats: StatsService;
  readonly settings: SettingsService;

  constructor(deps: DashboardServiceDeps) {
    this.db = deps.db;
    this.stats = deps.stats;
    this.settings = deps.settings;
  }

  async view(ctx: RequestContext, q: DashboardQuery): Promise<DashboardView> {
    const actor = requireActor(ctx.actor);
    const period = { from: q.from, to: q.to };
    const year = Number(q.to.slice(0, 4));

    // Every panel at once (on their own connections); the class panels wait for the period's
    // classes and which of them the reader runs, computed once.
    const reach = periodClasses(this.db, actor, period);
    const [scope, training, surveys, exchange, compliance] = await Promise.all([
      this.stats.scopeOf(ctx),
      reach.then((r) => trainingPanels(this.db, actor, r)),
      reach.then((r) => surveyPanels(this.db, r.run)),
      secondmentPanels(this.db, actor, period),
      this.settings.studyHours().then((settings) => complianceByUnit(this.db, actor, settings, year)),
    ]);
    const flows = exchange.flows;
    const [pairings, label] = await Promise.all([
      loadPartnerships(this.db, [...new Set(flows.map((f) => f.partnershipId))]),
      labelsOf(
        this.db,
        ctx.locale,
        new Map<ReportDimension, Set<DimValue>>([
          ['classKind', new Set(training.byMonth.map((r) => r.classKind))],
          ['region', new Set(training.byRegion.map((r) => r.regionCode))],
        ]),
      ),
    ]);
    const traditional = ctx.locale === 'zh-TW';
    const t = training.totals;

    return {
      from: q.from,
      to: q.to,
      scopeLabel: scope.label,
      province: scope.province,
      kpis: {
        classes: t.classes,
        people: t.people,
        personTimes: t.personTimes,
        hours: t.hours,
        attendanceRate: rateOf(t.attended, t.due),
        satisfaction: surveys.satisfaction,
        completionRate: rateOf(t.completed, t.decided),
        certificates: t.certificates,
        secondmentsInPost: exchange.inPost,
      },
      // In the report builder's order (stats.run), so that the two read alike.
      byMonth: training.byMonth
        .sort((a, b) => compareKeys([a.month, a.classKind], [b.month, b.classKind]))
        .map((r) => ({ ...r, classKindLabel: label('classKind', r.classKind) })),
      byRegion: training.byRegion
        .sort((a, b) => compareKeys([a.regionCode], [b.regionCode]))
        .map((r) => ({
          regionCode: r.regionCode ?? '',
          name: label('region', r.regionCode),
          people: r.people,
          personTimes: r.personTimes,
        })),
      topLecturers: surveys.lecturers,
      topTopics: surveys.topics,
      compliance,
      exchangeFlows: flows.map((f) => {
        const p = pairings.get(f.partnershipId);
        const a = p ? (traditional ? p.sideA.names.zhTW : p.sideA.names.zhCN) : '';
        const b = p ? (traditional ? p.sideB.names.zhTW : p.sideB.names.zhCN) : '';
        return { ...f, directionName: p ? directionName(f.direction, a, b) : f.direction };
      }),
    };
  }
}
