import {
  chinaDay,
  DIRECTIONS,
  type DirectionFigures,
  directionName,
  exchangeNarrative,
  type JointClassFigures,
  type JointClassStatsQuery,
  type JointClassStatsRow,
  type JointClassStatsView,
  type NarrativeQuery,
  type NarrativeView,
  type SecondmentStatsQuery,
  type SecondmentStatsRow,
  type SecondmentStatsView,
  SPECIALTIES,
} from '@ganxun/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { secondments } from '../../db/schema/index.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { partnershipScope, reachesPartnership, secondmentScope } from '../partnerships/policy.js';
import { loadPartnerships, type PartnershipInfo } from '../partnerships/sides.js';
import { rowsOf } from '../quotas/holders.js';
import {
  type DirectionFigureRow,
  type JointKindRow,
  jointClassStatsSql,
  narrativeFiguresSql,
  type StatsStatements,
  secondmentStatsSql,
} from './query.js';

export interface ExchangeStatsServiceDeps {
  db: Db;
  /** The time of "today" for a narrative up to now (tests set it; default the system clock). */
  clock?: () => Date;
}

/** Dimension → the contract's row field. */
const JOINT_FIELD = { year: 'year', kind: 'kind' } as const;

type Row = Record<string, unknown>;

/**
 * Exchange statistics and the report narrative (issue 7): every figure an SQL aggregate over the
 * reader's scope — secondments through secondmentScope, joint classes through partnershipScope on
 * their pairing (both for `secondment.read`).
 */
export class ExchangeStatsService {
  readonly db: Db;
  clock: () => Date;

  constructor(deps: ExchangeStatsServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock ?? (() => new Date());
  }

  /**
   * Runs aggregates in a transaction with more sort/hash memory than the default 4 MB:
   * grouping 100,000 terms by person would otherwise spill to disk; and without JIT
   * (docs/performance.md).
   */
  private aggregate<T>(run: (tx: Executor) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`set local work_mem = '32MB'`);
      // JIT compiling costs seconds on these plans and saves milliseconds.
      await tx.execute(sql`set local jit = off`);
      return run(tx);
    });
  }

  /**
   * A statistic's groups and totals side by side, each in its own aggregate transaction (so on two
   * connections of the pool on PostgreSQL; one after the other on the embedded database).
   */
  private async both<T>(statements: StatsStatements): Promise<{ groups: T[]; totals: T | undefined }> {
    const { groups, totals } = statements;
    const [g, t] = await Promise.all([
      groups ? this.aggregate((tx) => tx.execute(groups)) : null,
      this.aggregate((tx) => tx.execute(totals)),
    ]);
    return { groups: g ? rowsOf<T>(g) : [], totals: rowsOf<T>(t)[0] };
  }

  /**
   * The pairing a filter or narrative names, when the reader reaches it: an org admin of a side, or
   * a reader who sees at least one of its secondments (a liaison of a host unit). Else 404 — an
   * out-of-reach pairing is not revealed.
   */
  async requirePartnership(ctx: RequestContext, id: string): Promise<PartnershipInfo> {
    const actor = requireActor(ctx.actor);
    const info = (await loadPartnerships(this.db, [id])).get(id);
    if (!info) throw AppError.notFound();
    if (reachesPartnership(actor, 'secondment.read', info)) return info;
    const [seen] = await this.db
      .select({ one: sql<number>`1` })
      .from(secondments)
      .where(sql`${secondments.partnershipId} = ${id}::uuid and ${secondmentScope(actor, this.db)}`)
      .limit(1);
    if (!seen) throw AppError.notFound();
    return info;
  }

  async secondmentStats(ctx: RequestContext, q: SecondmentStatsQuery): Promise<SecondmentStatsView> {
    const actor = requireActor(ctx.actor);
    const info = q.partnershipId ? await this.requirePartnership(ctx, q.partnershipId) : null;
    const result = await this.both<Row & { people: number; person_times: number }>(
      secondmentStatsSql({ ...q, scope: secondmentScope(actor, this.db) }),
    );
    const names = info ? scriptNames(info, ctx.locale === 'zh-TW') : null;
    const figures = (r: { people: unknown; person_times: unknown } | undefined) => ({
      people: Number(r?.people ?? 0),
      personTimes: Number(r?.person_times ?? 0),
    });
    const totals = figures(result.totals);
    const rows: SecondmentStatsRow[] = q.groupBy.length === 0 ? [{ ...totals } as SecondmentStatsRow] : [];
    for (const r of result.groups) {
      const row: Record<string, unknown> = {};
      q.groupBy.forEach((d, i) => {
        const v = r[`d${i}`] ?? null;
        row[d] = d === 'year' && v !== null ? Number(v) : v;
        if (d === 'direction' && names)
          row.directionName = v === null ? null : directionName(v as 'a_to_b', names.a, names.b);
      });
      rows.push({ ...row, ...figures(r) } as SecondmentStatsRow);
    }
    return { basis: q.basis, groupBy: [...q.groupBy], rows, totals };
  }

  async jointClassStats(ctx: RequestContext, q: JointClassStatsQuery): Promise<JointClassStatsView> {
    const actor = requireActor(ctx.actor);
    if (q.partnershipId) await this.requirePartnership(ctx, q.partnershipId);
    const result = await this.both<Row & { classes: number; person_times: number; people: number }>(
      jointClassStatsSql({
        from: `${q.fromYear}-01-01`,
        to: `${q.toYear}-12-31`,
        groupBy: q.groupBy,
        partnershipId: q.partnershipId,
        scope: partnershipScope(actor, 'secondment.read'),
      }),
    );
    const figures = (r: { classes: unknown; person_times: unknown; people: unknown } | undefined) => ({
      classes: Number(r?.classes ?? 0),
      personTimes: Number(r?.person_times ?? 0),
      people: Number(r?.people ?? 0),
    });
    const totals = figures(result.totals);
    const rows: JointClassStatsRow[] = q.groupBy.length === 0 ? [{ ...totals } as JointClassStatsRow] : [];
    for (const r of result.groups) {
      const row: Record<string, unknown> = {};
      q.groupBy.forEach((d, i) => {
        const v = r[`d${i}`] ?? null;
        row[JOINT_FIELD[d]] = d === 'year' && v !== null ? Number(v) : v;
      });
      rows.push({ ...row, ...figures(r) } as JointClassStatsRow);
    }
    return { groupBy: [...q.groupBy], rows, totals };
  }

  /**
   * The report sentences of a pairing: per direction, the people who started in the period (by
   * category and specialty), and the joint classes that started in it; names from sides.ts in the
   * chosen script (江干區, never 江乾區). Without toYear the period runs to today.
   */
  async narrative(ctx: RequestContext, id: string, q: NarrativeQuery): Promise<NarrativeView> {
    const actor = requireActor(ctx.actor);
    const info = await this.requirePartnership(ctx, id);
    const fromYear = q.fromYear ?? info.startYear;
    const from = `${fromYear}-01-01`;
    const to = q.toYear === undefined ? chinaDay(this.clock().getTime()) : `${q.toYear}-12-31`;
    const [figureResult, jointResult] = await this.aggregate(async (tx) => [
      await tx.execute(
        narrativeFiguresSql({ partnershipId: id, from, to, scope: secondmentScope(actor, this.db) }),
      ),
      await tx.execute(
        jointClassStatsSql({
          from,
          to,
          groupBy: ['kind'],
          partnershipId: id,
          scope: partnershipScope(actor, 'secondment.read'),
        }).groups as SQL,
      ),
    ]);
    const byDirection = new Map(rowsOf<DirectionFigureRow>(figureResult).map((r) => [r.direction, r]));
    const directions: DirectionFigures[] = DIRECTIONS.map((direction) => {
      const r = byDirection.get(direction);
      const [sending, receiving] =
        direction === 'a_to_b' ? [info.sideA, info.sideB] : [info.sideB, info.sideA];
      return {
        sending: sending.names,
        receiving: receiving.names,
        cadres: Number(r?.cadres ?? 0),
        professionals: Number(r?.professionals ?? 0),
        bySpecialty: Object.fromEntries(SPECIALTIES.map((s) => [s, Number(r?.[s] ?? 0)])) as Record<
          (typeof SPECIALTIES)[number],
          number
        >,
      };
    });
    const jointClasses: JointClassFigures = {
      leadership: { classes: 0, personTimes: 0 },
      professional: { classes: 0, personTimes: 0 },
    };
    for (const r of rowsOf<JointKindRow>(jointResult)) {
      jointClasses[r.d0] = { classes: Number(r.classes), personTimes: Number(r.person_times) };
    }
    const sentences = exchangeNarrative(
      { fromYear, toYear: q.toYear ?? null, directions, jointClasses },
      q.script,
    );
    const pick = q.script === 'zh-TW' ? 'zhTW' : 'zhCN';
    return {
      script: q.script,
      sentences,
      directions: DIRECTIONS.map((direction, i) => {
        const d = directions[i] as DirectionFigures;
        return {
          direction,
          sendingLabel: d.sending[pick],
          receivingLabel: d.receiving[pick],
          cadres: d.cadres,
          professionals: d.professionals,
          bySpecialty: d.bySpecialty,
        };
      }),
      jointClasses,
    };
  }
}

/** The two sides' names in the reader's script (directionName on statistics rows). */
function scriptNames(info: PartnershipInfo, traditional: boolean): { a: string; b: string } {
  return traditional
    ? { a: info.sideA.names.zhTW, b: info.sideB.names.zhTW }
    : { a: info.sideA.names.zhCN, b: info.sideB.names.zhCN };
}
