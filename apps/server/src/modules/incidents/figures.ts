import {
  CONTINGENCY_TYPES,
  countsOf,
  INCIDENT_SEVERITIES,
  INCIDENT_STATUSES,
  type IncidentFigures,
  type IncidentStats,
  type IncidentStatsQuery,
} from '@ganxun/domain';
import { and, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { incidents } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { runClassIdsSql } from '../stats/scope.js';

/**
 * Minutes from the report, as `incidentTimes` counts them (rounded, never negative), so that the
 * SQL median is `medianMinutes` of the listed times: percentile_cont(0.5) is the middle value, or
 * the mean of the two middle ones, rounded half up on numeric. (`greatest` ignores nulls, hence the case.)
 */
const minutesFrom = (at: SQL | typeof incidents.firstActionAt) =>
  sql`(case when ${at} is null then null else greatest(0, round(extract(epoch from (${at} - ${incidents.reportedAt})) / 60)) end)::float8`;
const median = (at: typeof incidents.firstActionAt) =>
  sql<number | null>`round((percentile_cont(0.5) within group (order by ${minutesFrom(at)}))::numeric)::int`;

async function figures(
  exec: Executor,
  where: SQL | undefined,
): Promise<IncidentFigures & { classes: number }> {
  const [groups, [times]] = await Promise.all([
    exec
      .select({ severity: incidents.severity, status: incidents.status, count: sql<number>`count(*)::int` })
      .from(incidents)
      .where(where)
      .groupBy(incidents.severity, incidents.status),
    exec
      .select({
        toFirstAction: median(incidents.firstActionAt),
        toResolution: median(incidents.resolvedAt),
        classes: sql<number>`count(distinct ${incidents.classId})::int`,
      })
      .from(incidents)
      .where(where),
  ]);
  return {
    total: groups.reduce((sum, g) => sum + Number(g.count), 0),
    bySeverity: countsOf(
      INCIDENT_SEVERITIES,
      groups.map((g) => ({ key: g.severity, count: g.count })),
    ),
    byStatus: countsOf(
      INCIDENT_STATUSES,
      groups.map((g) => ({ key: g.status, count: g.count })),
    ),
    medianToFirstAction: times?.toFirstAction ?? null,
    medianToResolution: times?.toResolution ?? null,
    classes: Number(times?.classes ?? 0),
  };
}

/** A class's figures (all its incidents, whatever the list's filter). */
export async function classFigures(exec: Executor, classId: string): Promise<IncidentFigures> {
  const { classes: _, ...out } = await figures(exec, eq(incidents.classId, classId));
  return out;
}

const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00+08:00`) + 86_400_000);

/** Incidents of the classes the reader runs (the statistics' class scope), by China day of occurrence. */
export async function incidentStats(
  exec: Executor,
  actor: Actor,
  query: IncidentStatsQuery,
): Promise<IncidentStats> {
  const where = and(
    sql`${incidents.classId} in ${runClassIdsSql(actor)}`,
    query.from ? gte(incidents.occurredAt, new Date(`${query.from}T00:00:00+08:00`)) : undefined,
    query.to ? lt(incidents.occurredAt, nextDay(query.to)) : undefined,
  );
  const [base, types] = await Promise.all([
    figures(exec, where),
    exec
      .select({ key: incidents.type, count: sql<number>`count(*)::int` })
      .from(incidents)
      .where(where)
      .groupBy(incidents.type),
  ]);
  return { ...base, byType: countsOf(CONTINGENCY_TYPES, types) };
}
