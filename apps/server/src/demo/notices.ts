import { and, eq, sql } from 'drizzle-orm';
import type { Services } from '../app.js';
import type { Db, Executor } from '../db/client.js';
import {
  classes,
  enrollments,
  noticeRecipients,
  notices,
  people,
  userRoles,
  users,
} from '../db/schema/index.js';
import { audienceIds, classMembers } from '../modules/notices/recipients.js';
import type { RequestContext } from '../platform/context.js';
import { hashPassword } from '../platform/crypto.js';
import { LEADERSHIP_CLASS_NAME } from './timetable.js';

/**
 * Notices of the demo (通知公告, issue 9 item 5), on the story's living class in progress (恩施市卫生
 * 健康系统管理干部能力提升班, run by `enshi.bzr`), where 12 trainees have accounts (username: their
 * name in pinyin, e.g. `dinglankai`; password `Ganxun@2026`) so that receipts have readers:
 * - three notices of its board: the opening notice (开班通知, pinned, to everyone, sent three days
 *   before the start), a timetable adjustment (课程调整通知) and the closing arrangements (结业安排),
 *   with read receipts from most of their recipients;
 * - event notices in 刘红玉's (`liuhongyu`) inbox about her class in Zhejiang: her nomination
 *   approved (read) and a timetable change (unread).
 * Written straight to the tables (like the other demo parts), dated around the class's start.
 */

const RUNNING_CLASS = '恩施市卫生健康系统管理干部能力提升班（东西部协作）';
const PASSWORD = 'Ganxun@2026';
const ACCOUNTS = 12;

/** Accounts (role trainee) for the first trainees of the class by pinyin that have none. */
async function traineeAccounts(exec: Executor, classId: string): Promise<number> {
  const rows = await exec
    .select({ personId: people.id, name: people.name, pinyin: people.namePinyin })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(eq(enrollments.classId, classId), sql`${people.userId} is null`))
    .orderBy(people.namePinyin)
    .limit(ACCOUNTS);
  if (rows.length === 0) return 0;
  const passwordHash = await hashPassword(PASSWORD);
  let made = 0;
  for (const r of rows) {
    const username = r.pinyin.toLowerCase().replace(/[^a-z0-9]/g, '');
    const [taken] = await exec.select({ id: users.id }).from(users).where(eq(users.username, username));
    if (taken || username.length < 3) continue;
    const [user] = await exec
      .insert(users)
      .values({ username, displayName: r.name, passwordHash, mustChangePassword: false })
      .returning({ id: users.id });
    if (!user) continue;
    await exec.insert(userRoles).values({ userId: user.id, role: 'trainee', scopeId: null });
    await exec.update(people).set({ userId: user.id }).where(eq(people.id, r.personId));
    made += 1;
  }
  return made;
}

interface DemoNotice {
  title: string;
  body: string;
  en: { title: string; body: string };
  audience: 'everyone' | 'trainees';
  pinned: boolean;
  /** Days from the class's start (negative: before) and the hour, China time. */
  day: number;
  hour: number;
  /** Share of recipients that have read it. */
  readShare: number;
}

const BOARD: DemoNotice[] = [
  {
    title: '开班通知',
    body: '各位学员：\n本期能力提升班定于开班当日上午8:30在恩施市中心医院学术报告厅举行开班式，请于8:10前到报告厅签到入场。\n报到时请携带身份证，着正装；住宿安排见报到处公示。\n联系人：班主任办公室。',
    en: {
      title: 'Opening of the class',
      body: 'The opening ceremony takes place at 8:30 on the first day in the lecture hall of Enshi Central Hospital. Please sign in by 8:10 with your ID card.',
    },
    audience: 'everyone',
    pinned: true,
    day: -3,
    hour: 10,
    readShare: 0.9,
  },
  {
    title: '课程调整通知',
    body: '因授课专家行程调整，第二天下午的“公立医院高质量发展与运营管理”专题讲座调整至第三天上午进行，第三天上午的现场教学顺延至第三天下午。其他安排不变，请相互转告。',
    en: {
      title: 'Timetable adjustment',
      body: "Day 2's afternoon lecture on public hospitals' high-quality development moves to the morning of day 3; the field visit moves to the afternoon of day 3.",
    },
    audience: 'trainees',
    pinned: false,
    day: 0,
    hour: 17,
    readShare: 0.6,
  },
  {
    title: '结业安排',
    body: '结业式定于最后一天下午15:00举行。结业前请完成课程评估问卷和学习心得的提交；结业证书在结业式上颁发。返程车票需求请于结业前一天中午前报班主任。',
    en: {
      title: 'Closing arrangements',
      body: 'The closing ceremony is at 15:00 on the last day. Please fill in the evaluation forms and hand in your reflections before it; certificates are issued at the ceremony.',
    },
    audience: 'trainees',
    pinned: false,
    day: 1,
    hour: 9,
    readShare: 0.2,
  },
];

/** `YYYY-MM-DD` + days at hour:00 China time. */
function at(day: string, offset: number, hour: number): Date {
  const d = new Date(`${day}T${String(hour).padStart(2, '0')}:00:00+08:00`);
  return new Date(d.getTime() + offset * 86_400_000);
}

/** The notices of the demo; idempotent (nothing is written when the class already has notices). */
export async function loadNoticesDemo(services: Services, db: Db, _ctx: RequestContext): Promise<string> {
  const [cls] = await db
    .select({
      id: classes.id,
      name: classes.name,
      startDate: classes.startDate,
      directorId: classes.directorId,
    })
    .from(classes)
    .where(eq(classes.name, RUNNING_CLASS));
  if (!cls?.startDate) return 'notices: the living class is not loaded';
  const [done] = await db
    .select({ id: notices.id })
    .from(notices)
    .where(and(eq(notices.classId, cls.id), eq(notices.kind, 'class_notice')))
    .limit(1);
  if (done) return 'notices: already loaded';
  const start = cls.startDate;
  const now = Date.now();
  let receipts = 0;
  let accounts = 0;

  await db.transaction(async (tx) => {
    accounts = await traineeAccounts(tx, cls.id);
    const members = await classMembers(tx, cls.id);
    for (const [i, n] of BOARD.entries()) {
      const userIds = audienceIds(members, n.audience, []);
      if (userIds.length === 0) continue;
      const createdAt = new Date(Math.min(at(start, n.day, n.hour).getTime(), now - (3 - i) * 3_600_000));
      const [row] = await tx
        .insert(notices)
        .values({
          kind: 'class_notice',
          classId: cls.id,
          title: n.title,
          body: n.body,
          texts: { en: n.en },
          link: `/classes/${cls.id}?tab=notices`,
          audience: n.audience,
          pinned: n.pinned,
          channels: ['in_app'],
          authorId: cls.directorId,
          recipients: userIds.length,
          createdAt,
        })
        .returning({ id: notices.id });
      if (!row) continue;
      const readers = userIds.slice(0, Math.round(userIds.length * n.readShare));
      await tx.insert(noticeRecipients).values(
        userIds.map((userId, k) => ({
          noticeId: row.id,
          userId,
          createdAt,
          readAt: readers.includes(userId) ? new Date(createdAt.getTime() + (k + 1) * 7 * 60_000) : null,
        })),
      );
      receipts += readers.length;
    }
  });

  // Event notices in 刘红玉's inbox, through the service's own entry point.
  const [liu] = await db.select({ id: users.id }).from(users).where(eq(users.username, 'liuhongyu'));
  const [week] = await db
    .select({ id: classes.id, name: classes.name, startDate: classes.startDate })
    .from(classes)
    .where(eq(classes.name, LEADERSHIP_CLASS_NAME));
  let events = 0;
  if (liu && week?.startDate) {
    const weekStart = week.startDate;
    await db.transaction(async (tx) => {
      const approved = await services.notices.notify(tx, {
        kind: 'nomination_approved',
        classId: week.id,
        userIds: [liu.id],
        params: { className: week.name },
        link: '/my-classes',
      });
      const changed = await services.notices.notify(tx, {
        kind: 'timetable_changed',
        classId: week.id,
        userIds: [liu.id],
        params: { className: week.name, summary: '第三天赴枫桥经验陈列馆的现场教学提前至上午9:30出发' },
        link: '/my-schedule',
      });
      events = [approved, changed].filter(Boolean).length;
      // The approval came a week before and was read; the change waits in the inbox.
      if (approved) {
        const when = new Date(Math.min(at(weekStart, -12, 15).getTime(), now - 2 * 86_400_000));
        await tx.update(notices).set({ createdAt: when }).where(eq(notices.id, approved));
        await tx
          .update(noticeRecipients)
          .set({ createdAt: when, readAt: new Date(when.getTime() + 3_600_000) })
          .where(eq(noticeRecipients.noticeId, approved));
      }
    });
  }
  return `notices: ${BOARD.length} on the board of the class in progress (${accounts} trainee accounts, ${receipts} read receipts), ${events} event notices for liuhongyu`;
}
