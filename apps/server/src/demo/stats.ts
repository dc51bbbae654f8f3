import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { partnerships, planItems, savedReports, users } from '../db/schema/index.js';
import { PAIRING_NAME } from './exchange.js';

/**
 * Statistics (issue 8): the reports an organisation department keeps, saved and shared by
 * hubei.org, so that a newcomer opens the report builder on the seeds' own figures — the 2021
 * seminar series by city (seed 000), the year's training by class kind, and the Enshi ↔ Jianggan
 * pairing's joint classes and secondments by year (seed 004).
 */
export async function loadStatsDemo(db: Db): Promise<string> {
  const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'hubei.org'));
  if (!owner) return 'stats: no hubei.org account';
  const known = await db
    .select({ id: savedReports.id })
    .from(savedReports)
    .where(eq(savedReports.ownerId, owner.id));
  if (known.length > 0) return 'stats: already loaded';
  const [series] = await db
    .select({ id: planItems.id })
    .from(planItems)
    .where(and(like(planItems.name, '%思想破冰%'), eq(planItems.kind, 'seminar')));
  const [pairing] = await db
    .select({ id: partnerships.id })
    .from(partnerships)
    .where(eq(partnerships.name, PAIRING_NAME));
  const reports: (typeof savedReports.$inferInsert)[] = [
    {
      ownerId: owner.id,
      name: '本年度干部教育培训统计（按班次类型）',
      definition: {
        dimensions: ['classKind'],
        measures: [
          'classes',
          'people',
          'personTimes',
          'hours',
          'attendanceRate',
          'satisfaction',
          'completionRate',
        ],
      },
      period: 'this_year',
      chart: 'bar',
      shared: true,
    },
  ];
  if (series)
    reports.push({
      ownerId: owner.id,
      name: '2021年“思想破冰”系列专题研讨班（按市州）',
      definition: {
        dimensions: ['region'],
        measures: ['classes', 'people', 'personTimes'],
        planItemId: series.id,
        from: '2021-01-01',
        to: '2021-12-31',
      },
      period: 'fixed',
      chart: 'bar',
      shared: true,
    });
  if (pairing)
    reports.push({
      ownerId: owner.id,
      name: '恩施市—江干区结对：联合办班与挂职交流（2018—2020）',
      definition: {
        dimensions: ['year'],
        measures: ['classes', 'people', 'personTimes', 'secondments'],
        partnershipId: pairing.id,
        from: '2018-01-01',
        to: '2020-12-31',
      },
      period: 'fixed',
      chart: 'bar',
      shared: true,
    });
  await db.insert(savedReports).values(reports);
  return `stats: ${reports.length} shared reports of hubei.org`;
}
