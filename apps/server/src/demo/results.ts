import { permissionsOf, type Role } from '@ganxun/domain';
import { and, asc, eq, like, ne } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import {
  attendanceRecords,
  classes,
  classSessions,
  completionResults,
  enrollments,
  leaveDecisions,
  leaveRequestItems,
  leaveRequests,
  people,
  reflections,
  surveyForms,
  surveyRespondents,
  surveyResponses,
  trainingRecords,
  userRoles,
  users,
} from '../db/schema/index.js';
import { creditedHours } from '../modules/sessions/read.js';
import { ensureForms } from '../modules/surveys/forms.js';
import type { RequestContext } from '../platform/context.js';
import { LEADERSHIP_CLASS_NAME } from './timetable.js';

/**
 * The results of the demo's classes (issue 6), built through the real chain so that a newcomer
 * sees it end to end:
 * - the seeds' two-day class of January 2022 on epidemic control: every trainee checked in by the
 *   room's code (a few late at the opening), two on approved leave for the online briefing, all the
 *   evaluation forms answered (anonymously: answers and respondents apart), reflections graded by
 *   the party school, then 结业确认 by its training officer — which issues the 289 certificates and
 *   credits the 学时 to every archive;
 * - 刘红玉's own archive: online learning on 中国干部网络学院 this year and last, and a pending leave
 *   request for a day of the pairing's week in Zhejiang, waiting for 恩施州委组织部.
 * Numbers are deterministic (no randomness), so loading twice changes nothing and the demo test can
 * check them.
 */

const COVID_PREFIX = '市县党政干部新冠肺炎疫情防控%';
const OFFICER = 'school.jwc';
const TRAINEE = 'liuhongyu';

const REFLECTION_TEXTS = [
  '这次培训让我对常态化疫情防控的要求有了系统认识，回去后将完善本地应急预案，做到快速响应、快速处置。',
  '专家授课深入浅出，一线经验交流很有启发，我将把“外防输入、内防反弹”的要求落实到每个社区。',
  '通过学习，进一步增强了统筹疫情防控和经济社会发展的能力，要坚持人民至上、生命至上。',
  '网络直播政策解读针对性强，互动答疑解决了基层工作中的实际困惑，收获很大。',
];
const COMMENTS = ['课程安排紧凑，建议增加案例研讨时间', '希望提供课件下载', '专家讲解透彻，非常实用'];

/** A deterministic spread: trainee i's value among `n` choices. */
const spread = (i: number, n: number, salt: number) => (i * 7919 + salt * 104_729) % n;

async function actorCtx(db: Db, username: string, base: RequestContext): Promise<RequestContext | null> {
  const [user] = await db.select().from(users).where(eq(users.username, username));
  if (!user) return null;
  const roles = await db
    .select({ role: userRoles.role, scopeId: userRoles.scopeId })
    .from(userRoles)
    .where(eq(userRoles.userId, user.id));
  return {
    ...base,
    actor: {
      id: user.id,
      username: user.username,
      displayName: user.displayName,
      roles: roles.map((r) => ({ role: r.role as Role, scopeId: r.scopeId })),
      permissions: permissionsOf(roles.map((r) => r.role as Role)),
      sessionId: 'demo',
    },
  };
}

/** Check-ins, leave, forms and reflections of the 2022 class, then its completion confirmed. */
async function runCovidClass(services: Services, db: Db, ctx: RequestContext): Promise<string> {
  const [cls] = await db
    .select({ id: classes.id, name: classes.name })
    .from(classes)
    .where(like(classes.name, COVID_PREFIX));
  if (!cls) return 'results: the 2022 class is not loaded';
  const [done] = await db
    .select({ id: completionResults.enrollmentId })
    .from(completionResults)
    .where(eq(completionResults.classId, cls.id))
    .limit(1);
  if (done) return 'results: already loaded';
  const officer = await actorCtx(db, OFFICER, ctx);
  if (!officer?.actor) return 'results: the party school officer is missing';
  const officerId = officer.actor.id;

  const items = await db
    .select()
    .from(classSessions)
    .where(eq(classSessions.classId, cls.id))
    .orderBy(asc(classSessions.startsAt));
  const trainees = await db
    .select({ id: enrollments.id, personId: enrollments.personId })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(eq(enrollments.classId, cls.id), ne(enrollments.status, 'withdrawn')))
    .orderBy(asc(people.namePinyin), asc(enrollments.id));
  if (items.length === 0 || trainees.length === 0) return 'results: the 2022 class has no items or trainees';
  const rule = await services.settings.training();
  const total = items.reduce((n, s) => n + creditedHours(s, rule), 0);

  // Two trainees were on leave for the online briefing, or a shorter item (within 1/7 of the 学时).
  const briefing =
    items.find((s) => s.type === 'live' && creditedHours(s, rule) <= total / 7) ??
    items.find((s) => creditedHours(s, rule) > 0 && creditedHours(s, rule) <= total / 7);
  const leaveFor = briefing ? trainees.slice(40, 42).map((t) => t.id) : [];
  const late = new Set(trainees.filter((_, i) => i % 53 === 7).map((t) => t.id));

  await db.transaction(async (tx) => {
    // Leave first: the requests (made by the trainees' class director on paper, entered by the
    // officer) and their approval.
    for (const enrollmentId of leaveFor) {
      if (!briefing) break;
      const [request] = await tx
        .insert(leaveRequests)
        .values({
          classId: cls.id,
          enrollmentId,
          requestedBy: officerId,
          kind: 'sessions',
          reason: '本县突发聚集性疫情，须返岗参加应急处置',
          hours: creditedHours(briefing, rule),
          status: 'approved',
          levelsRequired: 1,
          createdAt: new Date(briefing.startsAt.getTime() - 86_400_000),
          updatedAt: new Date(briefing.startsAt.getTime() - 80_000_000),
        })
        .returning({ id: leaveRequests.id });
      if (!request) continue;
      await tx.insert(leaveRequestItems).values({ requestId: request.id, sessionId: briefing.id });
      await tx.insert(leaveDecisions).values({
        requestId: request.id,
        level: 1,
        decision: 'approve',
        comment: '同意，请做好返岗防护',
        decidedBy: officerId,
        decidedAt: new Date(briefing.startsAt.getTime() - 80_000_000),
      });
    }
    // Every trainee × item: scanned in before the start (a few minutes late at the opening).
    const rows: (typeof attendanceRecords.$inferInsert)[] = [];
    for (const [ti, t] of trainees.entries()) {
      for (const [si, s] of items.entries()) {
        if (s.id === briefing?.id && leaveFor.includes(t.id)) {
          rows.push({
            classId: cls.id,
            sessionId: s.id,
            enrollmentId: t.id,
            status: 'on_leave',
            method: 'leave',
            updatedAt: s.endsAt,
          });
          continue;
        }
        const isLate = si === 0 && late.has(t.id);
        const at = new Date(
          s.startsAt.getTime() + (isLate ? 17 + spread(ti, 10, si) : -(2 + spread(ti, 20, si))) * 60_000,
        );
        rows.push({
          classId: cls.id,
          sessionId: s.id,
          enrollmentId: t.id,
          checkInAt: at,
          checkInMethod: 'trainee_scan',
          status: isLate ? 'late' : 'present',
          method: 'trainee_scan',
          createdAt: at,
          updatedAt: at,
        });
      }
    }
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(attendanceRecords).values(rows.slice(i, i + 500));
  });

  // Evaluation: the forms are made as the system makes them; everyone answered, anonymously.
  await ensureForms(db, cls.id);
  const forms = await db.select().from(surveyForms).where(eq(surveyForms.classId, cls.id));
  await db.transaction(async (tx) => {
    for (const [fi, form] of forms.entries()) {
      const answers = trainees.map((_, ti) => {
        const a: Record<string, unknown> = {};
        for (const [qi, q] of form.questions.entries()) {
          const r = spread(ti, 20, fi * 10 + qi);
          if (q.kind === 'rating') a[q.id] = r < 14 ? 5 : r < 19 ? 4 : 3;
          else if (q.kind === 'choice')
            a[q.id] = q.multiple ? [q.options[0]?.id] : (q.options[0]?.id ?? null);
          else if (r === 0) a[q.id] = COMMENTS[(ti + fi) % COMMENTS.length];
        }
        return { formId: form.id, answers: a };
      });
      for (let i = 0; i < answers.length; i += 500)
        await tx.insert(surveyResponses).values(answers.slice(i, i + 500));
      await tx
        .insert(surveyRespondents)
        .values(trainees.map((t) => ({ formId: form.id, enrollmentId: t.id })))
        .onConflictDoNothing();
      await tx.update(surveyForms).set({ responses: trainees.length }).where(eq(surveyForms.id, form.id));
    }
    // Reflections, graded by the party school.
    const last = items[items.length - 1];
    const handedIn = last ? new Date(last.endsAt.getTime() + 2 * 3_600_000) : new Date();
    const grades = ['excellent', 'good', 'good', 'pass', 'good'] as const;
    await tx.insert(reflections).values(
      trainees.map((t, ti) => ({
        classId: cls.id,
        enrollmentId: t.id,
        text: REFLECTION_TEXTS[ti % REFLECTION_TEXTS.length],
        submittedAt: handedIn,
        updatedAt: handedIn,
        grade: grades[spread(ti, grades.length, 3)],
        gradedBy: officerId,
        gradedAt: new Date(handedIn.getTime() + 86_400_000),
      })),
    );
  });

  // 结业确认 by the training officer: certificates and the archive follow.
  const confirmed = await services.completion.confirm(officer, cls.id);
  return `results: ${cls.name} — ${trainees.length} trainees checked in (${late.size} late, ${leaveFor.length} on leave), ${forms.length} forms answered, completion confirmed: ${confirmed.completed} completed, ${confirmed.certificatesIssued} certificates issued`;
}

/** 刘红玉: online learning in her archive, and a leave request for a day of the pairing's week. */
async function traineeStory(services: Services, db: Db): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.username, TRAINEE));
  const [person] = user
    ? await db.select({ id: people.id }).from(people).where(eq(people.userId, user.id))
    : [];
  if (!user || !person) return 'results: the demo trainee is missing';
  const [has] = await db
    .select({ id: trainingRecords.id })
    .from(trainingRecords)
    .where(and(eq(trainingRecords.personId, person.id), eq(trainingRecords.source, 'manual')))
    .limit(1);
  if (has) return 'results: the demo trainee already has her archive';
  const year = new Date().getUTCFullYear();
  await db.insert(trainingRecords).values([
    {
      personId: person.id,
      source: 'manual',
      category: 'online',
      title: '学习贯彻党的二十届三中全会精神网络专题班',
      organiser: '中国干部网络学院',
      startDate: `${year}-03-01`,
      endDate: `${year}-05-31`,
      year,
      hours: 36,
      createdBy: null,
    },
    {
      personId: person.id,
      source: 'manual',
      category: 'online',
      title: '基层卫生健康治理能力提升网络课程',
      organiser: '湖北干部在线学习平台',
      startDate: `${year - 1}-04-01`,
      endDate: `${year - 1}-10-31`,
      year: year - 1,
      hours: 52,
      createdBy: null,
    },
  ]);
  // A pending request for the pairing week's field-teaching day (the third day).
  const [week] = await db
    .select({ id: classes.id })
    .from(classes)
    .where(eq(classes.name, LEADERSHIP_CLASS_NAME));
  const [enrolment] = week
    ? await db
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(and(eq(enrollments.classId, week.id), eq(enrollments.personId, person.id)))
    : [];
  if (!week || !enrolment) return 'results: 刘红玉 — archive only';
  const weekItems = await db
    .select()
    .from(classSessions)
    .where(eq(classSessions.classId, week.id))
    .orderBy(asc(classSessions.startsAt));
  const firstDay = weekItems[0]?.startsAt.getTime() ?? 0;
  const dayOf = (d: Date) => Math.floor((d.getTime() + 8 * 3_600_000) / 86_400_000);
  const third = weekItems.filter(
    (s) =>
      dayOf(s.startsAt) === dayOf(new Date(firstDay)) + 2 && (s.groupIds === null || s.groupIds.length === 0),
  );
  const chosen = third.length > 0 ? third : weekItems.slice(0, 1);
  const rule = await services.settings.training();
  const [request] = await db
    .insert(leaveRequests)
    .values({
      classId: week.id,
      enrollmentId: enrolment.id,
      requestedBy: user.id,
      kind: 'sessions',
      reason: '当日需陪同省卫健委督导组检查基层医疗机构，申请请假，已向单位报备。',
      hours: chosen.reduce((n, s) => n + creditedHours(s, rule), 0),
      status: 'pending',
      levelsRequired: 1,
    })
    .returning({ id: leaveRequests.id });
  if (request && chosen.length)
    await db
      .insert(leaveRequestItems)
      .values(chosen.map((s) => ({ requestId: request.id, sessionId: s.id })));
  return `results: 刘红玉 — online learning in her archive, a pending leave request (${chosen.length} items) in the pairing's week`;
}

export async function loadResultsDemo(services: Services, db: Db, ctx: RequestContext): Promise<string> {
  const lines = [await runCovidClass(services, db, ctx), await traineeStory(services, db)];
  return lines.join('\n');
}
