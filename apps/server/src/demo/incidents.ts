import { permissionsOf, type Role } from '@ganxun/domain';
import { and, asc, eq, inArray, ne } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db } from '../db/client.js';
import {
  classes,
  contingencyPlans,
  enrollments,
  incidents,
  people,
  userRoles,
  users,
} from '../db/schema/index.js';
import { ensureDefaultPlans } from '../modules/incidents/default-plans.js';
import type { RequestContext } from '../platform/context.js';

/**
 * Contingency plans and incidents of the demo (issue 9 items 2–3):
 * - the library's six built-in plans;
 * - the class in progress (恩施市卫生健康系统管理干部能力提升班, run by `enshi.bzr`) has three of them
 *   attached, one incident handled end to end — a trainee's acute gastroenteritis during field
 *   teaching: reported 10:05, first action 10:08, taken to hospital, resolved 11:40, reviewed — and
 *   one open low-severity incident (the projector of the lecture hall).
 * Times are today's (China time); before noon they move back so that none is in the future.
 */

const LIVING_CLASS = '恩施市卫生健康系统管理干部能力提升班（东西部协作）';
const DIRECTOR = 'enshi.bzr';
const MINUTE = 60_000;

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

/** `HH:MM` of the China day of `now`, as a Date. */
function chinaTime(now: Date, hhmm: string): Date {
  const day = new Date(now.getTime() + 8 * 60 * MINUTE).toISOString().slice(0, 10);
  return new Date(`${day}T${hhmm}:00+08:00`);
}

export async function loadIncidentsDemo(
  services: Services,
  db: Db,
  ctx: RequestContext,
  now = new Date(),
): Promise<string> {
  const created = await ensureDefaultPlans(db);
  const [cls] = await db.select({ id: classes.id }).from(classes).where(eq(classes.name, LIVING_CLASS));
  if (!cls) return `incidents: ${created} default plans; the class in progress is not loaded`;
  const [seen] = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.classId, cls.id));
  if (seen) return `incidents: ${created} default plans; the class's incidents are already loaded`;
  const director = await actorCtx(db, DIRECTOR, ctx);
  if (!director) return `incidents: ${created} default plans; ${DIRECTOR} is missing`;

  const plans = await db
    .select({ id: contingencyPlans.id, type: contingencyPlans.type })
    .from(contingencyPlans)
    .where(
      and(
        eq(contingencyPlans.archived, false),
        inArray(contingencyPlans.type, ['illness_injury', 'public_health', 'power_network']),
      ),
    )
    .orderBy(asc(contingencyPlans.createdAt));
  await services.incidents.setClassPlans(director, cls.id, { planIds: plans.map((p) => p.id) });
  const illnessPlan = plans.find((p) => p.type === 'illness_injury')?.id ?? null;
  const [trainee] = await db
    .select({ id: enrollments.id })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(eq(enrollments.classId, cls.id), ne(enrollments.status, 'withdrawn')))
    .orderBy(asc(people.namePinyin))
    .limit(1);

  // 10:05 today, or earlier when the morning is not over yet.
  const latest = new Date(now.getTime() - 100 * MINUTE);
  const report = new Date(Math.min(chinaTime(now, '10:05').getTime(), latest.getTime()));
  const at = (minutes: number) => new Date(report.getTime() + minutes * MINUTE).toISOString();
  const service = services.incidents;
  const clock = service.clock;
  try {
    service.clock = () => report;
    const ill = await service.report(director, cls.id, {
      occurredAt: at(-3),
      type: 'illness_injury',
      severity: 'medium',
      title: '学员现场教学途中突发急性肠胃炎',
      description:
        '赴恩施市中心医院现场教学途中，一名学员腹痛、呕吐，面色苍白，自述早餐后开始不适。带队班主任随车，其他学员情况正常。',
      affectedEnrollmentIds: trainee ? [trainee.id] : [],
      planId: illnessPlan,
    });
    service.clock = () => now;
    const steps: [kind: 'action' | 'resolve' | 'review', minutes: number, text: string][] = [
      ['action', 3, '班主任到达学员身边，询问病情，安排同组学员陪同，报告专班负责人。'],
      ['action', 12, '后勤保障组派车将学员送往恩施州中心医院急诊，携带学员身份证明，垫付挂号费用。'],
      ['action', 40, '医院诊断为急性肠胃炎，给予补液治疗；已电话告知学员所在单位。'],
      ['resolve', 95, '学员输液后症状缓解，由后勤保障组接回驻地休息，班主任为其办理当天下午病假。'],
      [
        'review',
        100,
        '复盘：现场教学车辆配备常用药品和呕吐袋；就餐环节提醒学员注意饮食卫生；本次从报告到首次处置 3 分钟，按预案执行到位。',
      ],
    ];
    for (const [kind, minutes, text] of steps) {
      await service.act(director, cls.id, ill.id, { kind, text, at: at(minutes) });
    }

    const projectorAt = new Date(Math.min(chinaTime(now, '14:20').getTime(), now.getTime() - 10 * MINUTE));
    service.clock = () => projectorAt;
    await service.report(director, cls.id, {
      occurredAt: projectorAt.toISOString(),
      type: 'power_network',
      severity: 'low',
      title: '学术报告厅投影仪无信号',
      description: '下午专题讲座开始前，报告厅投影仪无信号，已改用备用显示屏，正在联系设备维护人员。',
      affectedEnrollmentIds: [],
      planId: plans.find((p) => p.type === 'power_network')?.id ?? null,
    });
  } finally {
    service.clock = clock;
  }
  return `incidents: ${created} default plans; ${plans.length} attached to ${LIVING_CLASS}, 2 incidents (1 resolved and reviewed, 1 open)`;
}
