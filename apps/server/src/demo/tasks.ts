import { dueDateOf } from '@ganxun/domain';
import { eq, inArray, like } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { classes, classTasks, taskForceMembers, taskTemplates, units, users } from '../db/schema/index.js';

/**
 * The task force (工作专班) of the demo's class in progress (issue 9 item 1): its director
 * `enshi.bzr` leads it, the party school's `school.jwc` handles teaching, the Enshi health bureau's
 * liaison `enshi.wjj` logistics and `enshi.org` safety. Its checklist runs from T−30 (the notice)
 * to three days after the end (the report): most of it done, the handbooks (T−3) overdue, the
 * opening ceremony under way. Two templates (专题研讨班, 主体班) are kept by the party school.
 */

interface DemoTask {
  title: string;
  role: string;
  anchor: 'start' | 'end';
  offsetDays: number;
  status: 'todo' | 'doing' | 'done';
  notes?: string;
}

const CHECKLIST: DemoTask[] = [
  {
    title: '发开班通知',
    role: 'leader',
    anchor: 'start',
    offsetDays: -30,
    status: 'done',
    notes: '已通过OA发至各单位',
  },
  { title: '确认授课教师', role: 'teaching', anchor: 'start', offsetDays: -14, status: 'done' },
  {
    title: '预订酒店与会场',
    role: 'logistics',
    anchor: 'start',
    offsetDays: -7,
    status: 'done',
    notes: '恩施国际大酒店 48 间；中心医院学术报告厅',
  },
  {
    title: '印制学员手册',
    role: 'teaching',
    anchor: 'start',
    offsetDays: -3,
    status: 'todo',
    notes: '印刷厂待返稿',
  },
  { title: '布置会场', role: 'logistics', anchor: 'start', offsetDays: -1, status: 'done' },
  { title: '调试直播设备', role: 'teaching', anchor: 'start', offsetDays: -1, status: 'done' },
  { title: '制定安全保卫方案', role: 'safety', anchor: 'start', offsetDays: -1, status: 'done' },
  { title: '开班式', role: 'leader', anchor: 'start', offsetDays: 0, status: 'doing' },
  { title: '报送培训总结', role: 'leader', anchor: 'end', offsetDays: 3, status: 'todo' },
];

const TEMPLATES = [
  {
    name: '专题研讨班',
    classKinds: ['seminar', 'special'],
    items: [
      { title: '发开班通知', role: 'leader', anchor: 'start' as const, offsetDays: -30 },
      { title: '确认授课教师', role: 'teaching', anchor: 'start' as const, offsetDays: -14 },
      { title: '预订酒店与会场', role: 'logistics', anchor: 'start' as const, offsetDays: -7 },
      { title: '印制学员手册', role: 'teaching', anchor: 'start' as const, offsetDays: -3 },
      { title: '布置会场', role: 'logistics', anchor: 'start' as const, offsetDays: -1 },
      { title: '调试直播设备', role: 'teaching', anchor: 'start' as const, offsetDays: -1 },
      { title: '开班式', role: 'leader', anchor: 'start' as const, offsetDays: 0 },
      { title: '结业式', role: 'leader', anchor: 'end' as const, offsetDays: 0 },
      { title: '报送培训总结', role: 'leader', anchor: 'end' as const, offsetDays: 3 },
    ],
  },
  {
    name: '主体班',
    classKinds: ['main'],
    items: [
      { title: '下发调训通知', role: 'leader', anchor: 'start' as const, offsetDays: -30 },
      { title: '审核学员名单', role: 'leader', anchor: 'start' as const, offsetDays: -10 },
      { title: '编排教学计划与课表', role: 'teaching', anchor: 'start' as const, offsetDays: -14 },
      { title: '安排住宿与就餐', role: 'logistics', anchor: 'start' as const, offsetDays: -5 },
      { title: '编排小组与推选班委', role: 'leader', anchor: 'start' as const, offsetDays: -2 },
      { title: '学员报到', role: 'logistics', anchor: 'start' as const, offsetDays: -1 },
      { title: '组织结业考核', role: 'teaching', anchor: 'end' as const, offsetDays: -1 },
      { title: '归档培训档案', role: 'leader', anchor: 'end' as const, offsetDays: 7 },
    ],
  },
];

const MEMBERS: [username: string, role: string, duty: string][] = [
  ['enshi.bzr', 'leader', '统筹协调，对接组织部门'],
  ['school.jwc', 'teaching', '教学安排与师资联络'],
  ['enshi.wjj', 'logistics', '食宿、会场与物资'],
  ['enshi.org', 'safety', '安全保卫与应急处置'],
];

export async function loadTasksDemo(db: Db, now = new Date()): Promise<string> {
  const [klass] = await db
    .select()
    .from(classes)
    .where(like(classes.name, '恩施市卫生健康系统管理干部能力提升班%'))
    .limit(1);
  if (!klass) return 'tasks: the classes are not loaded';
  const [loaded] = await db
    .select({ id: classTasks.id })
    .from(classTasks)
    .where(eq(classTasks.classId, klass.id))
    .limit(1);
  if (loaded) return 'tasks: already loaded';
  const accounts = await db
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(
      inArray(
        users.username,
        MEMBERS.map(([u]) => u),
      ),
    );
  const idOf = new Map(accounts.map((a) => [a.username, a.id]));
  const [school] = await db
    .select({ id: units.id })
    .from(units)
    .where(eq(units.name, '中共湖北省委党校（湖北省行政学院）'));
  const leader = idOf.get('enshi.bzr') ?? null;

  await db.transaction(async (tx) => {
    const members = MEMBERS.filter(([u]) => idOf.has(u)).map(([u, role, duty], i) => ({
      classId: klass.id,
      userId: idOf.get(u) as string,
      role,
      duty,
      addedBy: leader,
      createdAt: new Date(now.getTime() - 35 * 86_400_000 + i * 60_000),
    }));
    if (members.length) await tx.insert(taskForceMembers).values(members);
    const ownerOf = (role: string) => members.find((m) => m.role === role)?.userId ?? null;
    await tx
      .insert(taskTemplates)
      .values(
        TEMPLATES.map((x) => ({ ...x, ownerUnitId: school?.id ?? null, createdBy: idOf.get('school.jwc') })),
      );
    await tx.insert(classTasks).values(
      CHECKLIST.map((x) => {
        const dueDate = dueDateOf({ kind: 'relative', anchor: x.anchor, offsetDays: x.offsetDays }, klass);
        const owner = ownerOf(x.role);
        const doneAt = dueDate ? new Date(`${dueDate}T16:30:00+08:00`) : now;
        return {
          classId: klass.id,
          title: x.title,
          ownerId: owner,
          role: x.role,
          dueKind: 'relative' as const,
          dueAnchor: x.anchor,
          dueOffsetDays: x.offsetDays,
          dueDate,
          status: x.status,
          notes: x.notes ?? null,
          doneAt: x.status === 'done' ? doneAt : null,
          doneBy: x.status === 'done' ? owner : null,
          createdBy: leader,
        };
      }),
    );
  });
  const done = CHECKLIST.filter((x) => x.status === 'done').length;
  return `tasks: a task force of ${idOf.size} and ${CHECKLIST.length} tasks (${done} done, 1 overdue), ${TEMPLATES.length} templates`;
}
