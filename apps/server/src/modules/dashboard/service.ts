import { type DashboardQuery, type DashboardView, directionName, reportDefinition } from '@ganxun/domain';
import type { Db } from '../../db/client.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { loadPartnerships } from '../partnerships/sides.js';
import type { SettingsService } from '../settings/service.js';
import type { StatsService } from '../stats/service.js';
import {
  certificateCount,
  complianceByUnit,
  exchangeFlows,
  secondmentsInPost,
  topLecturers,
  topTopics,
} from './query.js';

export interface DashboardServiceDeps {
  db: Db;
  stats: StatsService;
  settings: SettingsService;
}

const int = (v: number | null | undefined) => Math.round(v ?? 0);

/**
 * The statistics dashboard (issue 8): every figure the engine has a measure for comes from
 * `stats.run` (so the dashboard and the report builder cannot disagree); the rest are the
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
    // The KPIs are the totals; the split panels need only their rows (no second statement).
    const run = (dimensions: string[], measures: string[]) =>
      this.stats.run(ctx, reportDefinition.parse({ dimensions, measures, ...period }), {
        totals: dimensions.length === 0,
      });
    const year = Number(q.to.slice(0, 4));

    const [
      scope,
      training,
      evaluation,
      months,
      regions,
      certificates,
      inPost,
      lecturers,
      topics,
      settings,
      flows,
    ] = await Promise.all([
      this.stats.scopeOf(ctx),
      run([], ['classes', 'people', 'personTimes', 'hours', 'attendanceRate', 'completionRate']),
      run([], ['satisfaction']),
      run(['month', 'classKind'], ['classes', 'personTimes']),
      run(['region'], ['people', 'personTimes']),
      certificateCount(this.db, actor, period),
      secondmentsInPost(this.db, actor, period),
      topLecturers(this.db, actor, period),
      topTopics(this.db, actor, period),
      this.settings.studyHours(),
      exchangeFlows(this.db, actor, period),
    ]);
    const compliance = await complianceByUnit(this.db, actor, settings, year);

    const pairings = await loadPartnerships(this.db, [...new Set(flows.map((f) => f.partnershipId))]);
    const traditional = ctx.locale === 'zh-TW';
    const t = training.totals;

    return {
      from: q.from,
      to: q.to,
      scopeLabel: scope.label,
      province: scope.province,
      kpis: {
        classes: int(t.classes),
        people: int(t.people),
        personTimes: int(t.personTimes),
        hours: t.hours ?? 0,
        attendanceRate: t.attendanceRate ?? null,
        satisfaction: evaluation.totals.satisfaction ?? null,
        completionRate: t.completionRate ?? null,
        certificates,
        secondmentsInPost: inPost,
      },
      byMonth: months.rows.map((r) => ({
        month: String(r.keys[0]?.value ?? ''),
        classKind: String(r.keys[1]?.value ?? ''),
        classKindLabel: r.keys[1]?.label ?? '',
        classes: int(r.values.classes),
        personTimes: int(r.values.personTimes),
      })),
      byRegion: regions.rows.map((r) => ({
        regionCode: String(r.keys[0]?.value ?? ''),
        name: r.keys[0]?.label ?? '',
        people: int(r.values.people),
        personTimes: int(r.values.personTimes),
      })),
      topLecturers: lecturers,
      topTopics: topics,
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
