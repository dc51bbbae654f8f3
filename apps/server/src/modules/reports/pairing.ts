import {
  ASSESSMENT_GRADES,
  type AssessmentGrade,
  DIRECTIONS,
  directionName,
  JOINT_CLASS_KINDS,
  type PairingAnnualReport,
  type SecondmentStatsView,
} from '@ganxun/domain';
import { and, asc, between, eq, sql } from 'drizzle-orm';
import {
  exchangeTalkSecondments,
  exchangeTalks,
  secondmentAssessments,
  secondments,
} from '../../db/schema/index.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { secondmentScope } from '../partnerships/policy.js';
import type { ReportLabels } from './labels.js';
import type { ReportService } from './service.js';
import type { ReportSheet } from './xlsx.js';

type Figures = { people: number; personTimes: number };
const none = (): Figures => ({ people: 0, personTimes: 0 });

/**
 * A pairing's annual exchange report: per direction the secondments that started in the year and
 * those in post on some day of it (people and person-times, by category and specialty — the
 * exchange statistics), the joint classes of the year by kind, the follow-up talks, the assessments
 * of the year by grade, and the narrative sentences of the year. The pairing's read rule is the
 * exchange statistics' own (`requirePartnership`: 404 out of reach).
 */
export async function pairingAnnual(
  core: ReportService,
  ctx: RequestContext,
  id: string,
  year: number,
): Promise<PairingAnnualReport> {
  const actor = requireActor(ctx.actor);
  const exchange = core.exchangeStats;
  const info = await exchange.requirePartnership(ctx, id);
  const span = { partnershipId: id, fromYear: year, toYear: year };
  const stats = (basis: 'started' | 'in_post', detailed: boolean) =>
    exchange.secondmentStats(ctx, {
      ...span,
      basis,
      groupBy: detailed ? ['direction', 'category', 'specialty'] : ['direction'],
    });
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const [started, inPost, startedDetail, inPostDetail, joint, talks, grades, narrative] = await Promise.all([
    stats('started', false),
    stats('in_post', false),
    stats('started', true),
    stats('in_post', true),
    exchange.jointClassStats(ctx, { ...span, groupBy: ['kind'] }),
    core.db
      .select({
        id: exchangeTalks.id,
        date: exchangeTalks.date,
        title: exchangeTalks.title,
        location: exchangeTalks.location,
        participants: exchangeTalks.participants,
        secondees: sql<number>`(select count(*) from ${exchangeTalkSecondments} s where s.talk_id = ${exchangeTalks.id})::int`,
      })
      .from(exchangeTalks)
      .where(and(eq(exchangeTalks.partnershipId, id), between(exchangeTalks.date, from, to)))
      .orderBy(asc(exchangeTalks.date), asc(exchangeTalks.title)),
    core.db
      .select({ grade: secondmentAssessments.grade, n: sql<number>`count(*)::int` })
      .from(secondmentAssessments)
      .innerJoin(secondments, eq(secondments.id, secondmentAssessments.secondmentId))
      .where(
        and(
          eq(secondments.partnershipId, id),
          eq(secondmentAssessments.year, year),
          secondmentScope(actor, core.db),
        ),
      )
      .groupBy(secondmentAssessments.grade),
    exchange.narrative(ctx, id, {
      script: ctx.locale === 'zh-TW' ? 'zh-TW' : 'zh-CN',
      fromYear: year,
      toYear: year,
    }),
  ]);
  const traditional = ctx.locale === 'zh-TW';
  const sideA = traditional ? info.sideA.names.zhTW : info.sideA.names.zhCN;
  const sideB = traditional ? info.sideB.names.zhTW : info.sideB.names.zhCN;
  const byDirection = (view: SecondmentStatsView, direction: string): Figures => {
    const r = view.rows.find((x) => x.direction === direction);
    return r ? { people: r.people, personTimes: r.personTimes } : none();
  };
  const directions = DIRECTIONS.map((direction) => {
    const keys = new Map<string, PairingAnnualReport['directions'][number]['byCategory'][number]>();
    const add = (view: SecondmentStatsView, field: 'started' | 'inPost') => {
      for (const r of view.rows) {
        if (r.direction !== direction || !r.category) continue;
        const key = `${r.category}:${r.specialty ?? ''}`;
        const row = keys.get(key) ?? {
          category: r.category,
          specialty: r.specialty ?? null,
          started: none(),
          inPost: none(),
        };
        row[field] = { people: r.people, personTimes: r.personTimes };
        keys.set(key, row);
      }
    };
    add(startedDetail, 'started');
    add(inPostDetail, 'inPost');
    return {
      direction,
      name: directionName(direction, sideA, sideB),
      started: byDirection(started, direction),
      inPost: byDirection(inPost, direction),
      byCategory: [...keys.values()].sort((a, b) =>
        `${a.category}:${a.specialty ?? ''}`.localeCompare(`${b.category}:${b.specialty ?? ''}`),
      ),
    };
  });
  const byGrade = Object.fromEntries(ASSESSMENT_GRADES.map((g) => [g, 0])) as Record<AssessmentGrade, number>;
  for (const g of grades) byGrade[g.grade] = Number(g.n);
  return {
    partnershipId: id,
    name: info.name,
    year,
    directions,
    jointClasses: JOINT_CLASS_KINDS.map((kind) => {
      const r = joint.rows.find((x) => x.kind === kind);
      return { kind, classes: r?.classes ?? 0, people: r?.people ?? 0, personTimes: r?.personTimes ?? 0 };
    }),
    talks: talks.map((t) => ({ ...t, secondees: Number(t.secondees) })),
    assessments: { total: Object.values(byGrade).reduce((a, b) => a + b, 0), byGrade },
    narrative: narrative.sentences,
  };
}

/** The sheets of the pairing report: secondments, joint classes, talks, assessments, narrative. */
export function pairingSheets(report: PairingAnnualReport, labels: ReportLabels): ReportSheet[] {
  const l = labels.pairing;
  const title = l.title(report.name, report.year);
  const secondmentRows = report.directions.flatMap((d) => [
    ...d.byCategory.map((c) => [
      d.name,
      l.category[c.category] ?? c.category,
      c.specialty ? (l.specialty[c.specialty] ?? c.specialty) : '',
      c.started.people,
      c.started.personTimes,
      c.inPost.people,
      c.inPost.personTimes,
    ]),
    [
      d.name,
      l.allCategories,
      '',
      d.started.people,
      d.started.personTimes,
      d.inPost.people,
      d.inPost.personTimes,
    ],
  ]);
  const joint = report.jointClasses;
  const sum = (pick: (j: (typeof joint)[number]) => number) => joint.reduce((a, j) => a + pick(j), 0);
  return [
    {
      name: l.sheets.secondments,
      title,
      headers: l.secondmentHeaders,
      widths: [24, 14, 10, 14, 14, 12, 12],
      formats: ['text', 'text', 'text', 'int', 'int', 'int', 'int'],
      rows: secondmentRows,
    },
    {
      name: l.sheets.jointClasses,
      title,
      headers: l.jointHeaders,
      widths: [22, 10, 12, 12],
      formats: ['text', 'int', 'int', 'int'],
      rows: joint.map((j) => [l.jointKind[j.kind] ?? j.kind, j.classes, j.people, j.personTimes]),
      // People are not summed across kinds (one person may attend both): the total shows classes and person-times.
      totals: [labels.total, sum((j) => j.classes), null, sum((j) => j.personTimes)],
    },
    {
      name: l.sheets.talks,
      title,
      headers: l.talkHeaders,
      widths: [12, 30, 20, 40, 12],
      formats: ['text', 'text', 'text', 'text', 'int'],
      rows: report.talks.map((t) => [t.date, t.title, t.location, t.participants, t.secondees]),
    },
    {
      name: l.sheets.assessments,
      title,
      headers: l.gradeHeaders,
      widths: [16, 10],
      formats: ['text', 'int'],
      rows: ASSESSMENT_GRADES.map((g) => [l.grade[g] ?? g, report.assessments.byGrade[g] ?? 0]),
      totals: [labels.total, report.assessments.total],
    },
    {
      name: l.sheets.narrative,
      title,
      headers: [l.sheets.narrative],
      widths: [100],
      formats: ['text'],
      rows: report.narrative.map((s) => [s]),
    },
  ];
}
