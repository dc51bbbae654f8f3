import type { MyTaskList, Role, TaskForceView, TaskView } from '@ganxun/domain';
import { and, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classTasks, noticeRecipients, notices } from '../src/db/schema/index.js';
import { makeClass } from './class-factories.js';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * The task force and its checklist (issue 9 item 1): members, tasks with absolute and relative due
 * days (re-resolved when the class moves), status and progress, the owner's own status changes,
 * bad input, who may read and write, templates applied all or nothing, my tasks, the overdue sweep.
 */

let t: TestContext;
let schoolId: string;
let officer: Client;
let director: Client;
let directorId: string;
let member: Client;
let memberId: string;
let trainee: Client;

async function as(role: Role, scopeId: string | null = null, displayName?: string) {
  const user = await makeUser(t.services, t.database, { roles: [{ role, scopeId }], displayName });
  return { id: user.user.id, client: await signIn(t, user) };
}

const fields = (res: LightMyRequestResponse) =>
  (res.json().error?.fields ?? []).map((f: { path: string; code: string }) => f.path);

beforeAll(async () => {
  t = await createTestContext();
  schoolId = (await makeUnit(t.database, { type: 'party_school' })).id;
  officer = (await as('training_officer', schoolId)).client;
  const d = await as('class_director', null, '王班主任');
  director = d.client;
  directorId = d.id;
  const m = await as('unit_liaison', (await makeUnit(t.database)).id, '李后勤');
  member = m.client;
  memberId = m.id;
  trainee = (await as('trainee')).client;
}, 60_000);

afterAll(async () => {
  await t?.close();
});

async function newClass() {
  return makeClass(t.database, {
    directorId,
    leadOrganiserId: schoolId,
    startDate: '2030-03-10',
    endDate: '2030-03-12',
  });
}

describe('the checklist', () => {
  it('works through: members, relative due, re-resolved on a date change, done, progress', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}`;
    let res = await director.post(`${base}/task-force/members`, { userId: memberId, role: 'logistics' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ userId: memberId, name: '李后勤', role: 'logistics' });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['taskforce.member.add']);
    expect(
      (await director.post(`${base}/task-force/members`, { userId: memberId, role: 'safety' })).statusCode,
    ).toBe(409);

    res = await director.post(`${base}/tasks`, {
      title: '预订酒店与会场',
      ownerId: memberId,
      role: 'logistics',
      due: { kind: 'relative', anchor: 'start', offsetDays: -7 },
    });
    expect(res.statusCode, res.body).toBe(201);
    const hotel = res.json() as TaskView;
    expect(hotel).toMatchObject({ dueDate: '2030-03-03', status: 'todo', ownerName: '李后勤' });
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['taskforce.task.create']);
    res = await director.post(`${base}/tasks`, {
      title: '报送培训总结',
      due: { kind: 'relative', anchor: 'end', offsetDays: 3 },
    });
    expect(res.json().dueDate).toBe('2030-03-15');
    res = await director.post(`${base}/tasks`, {
      title: '开班式',
      due: { kind: 'date', date: '2030-03-10' },
    });
    const opening = res.json() as TaskView;

    // The class moves a week later: relative tasks follow, the absolute one stays.
    res = await officer.patch(base, { startDate: '2030-03-17', endDate: '2030-03-19' });
    expect(res.statusCode, res.body).toBe(200);
    let view = (await director.get(`${base}/task-force`)).json() as TaskForceView;
    const byTitle = new Map(view.tasks.map((x) => [x.title, x]));
    expect(byTitle.get('预订酒店与会场')?.dueDate).toBe('2030-03-10');
    expect(byTitle.get('报送培训总结')?.dueDate).toBe('2030-03-22');
    expect(byTitle.get('开班式')?.dueDate).toBe('2030-03-10');
    expect(view.members.map((x) => x.userId)).toEqual([memberId]);
    expect(view.staff.map((x) => x.kind)).toEqual(['director', 'member']);

    // The owner (no taskforce.manage) moves their own task to done; done records who and when.
    res = await member.patch(`${base}/tasks/${hotel.id}`, { status: 'done', notes: '已订恩施国际大酒店' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'done', doneByName: '李后勤', notes: '已订恩施国际大酒店' });
    expect(res.json().doneAt).toBeTruthy();
    expect(res.json().ownerId).toBe(memberId); // a status change leaves the rest as it was
    const audit = await auditOf(t, res);
    expect(audit.map((a) => a.action)).toEqual(['taskforce.task.update']);
    // …but may not change anything else, nor others' tasks.
    expect((await member.patch(`${base}/tasks/${hotel.id}`, { title: 'x' })).statusCode).toBe(403);
    expect((await member.patch(`${base}/tasks/${opening.id}`, { status: 'done' })).statusCode).toBe(403);

    await director.patch(`${base}/tasks/${opening.id}`, { status: 'cancelled' });
    view = (await member.get(`${base}/task-force`)).json() as TaskForceView;
    expect(view.canManage).toBe(false);
    expect(view.progress).toEqual({ total: 2, done: 1, share: 0.5 });
    expect(view.tasks[0]?.status).toBe('todo'); // open first (sortTasks), closed ones after

    // A member who still owns open tasks cannot leave; once they own none, they can.
    await director.patch(`${base}/tasks/${hotel.id}`, { status: 'doing' });
    res = await director.delete(`${base}/task-force/members/${memberId}`);
    expect(res.statusCode).toBe(409);
    await director.patch(`${base}/tasks/${hotel.id}`, { ownerId: directorId });
    res = await director.delete(`${base}/task-force/members/${memberId}`);
    expect(res.statusCode).toBe(204);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['taskforce.member.remove']);
    res = await director.delete(`${base}/tasks/${opening.id}`);
    expect(res.statusCode).toBe(204);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['taskforce.task.delete']);
  });

  it('refuses bad input with the fields', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}`;
    const outsider = await as('class_director');
    const cases: [string, string, unknown, number, string[]][] = [
      [
        'due before the plan',
        'tasks',
        { title: 'x', due: { kind: 'date', date: '2020-01-01' } },
        400,
        ['due.date'],
      ],
      ['owner outside the staff', 'tasks', { title: 'x', ownerId: outsider.id }, 400, ['ownerId']],
      ['unknown role', 'tasks', { title: 'x', role: 'cook' }, 400, ['role']],
      ['member role', 'task-force/members', { userId: outsider.id, role: 'cook' }, 400, ['role']],
      [
        'unknown user',
        'task-force/members',
        { userId: crypto.randomUUID(), role: 'safety' },
        400,
        ['userId'],
      ],
    ];
    for (const [label, path, body, status, paths] of cases) {
      const res = await director.post(`${base}/${path}`, body);
      expect(res.statusCode, label).toBe(status);
      expect(fields(res), label).toEqual(paths);
      expect(res.json().error.fields[0].message, label).toBeTruthy();
    }
    const task = (await director.post(`${base}/tasks`, { title: 'x' })).json() as TaskView;
    const res = await director.patch(`${base}/tasks/${task.id}`, { status: 'finished' });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['status']);
    director.locale = 'en';
    const en = await director.patch(`${base}/tasks/${task.id}`, {
      due: { kind: 'relative', anchor: 'start', offsetDays: -365 * 5 },
    });
    director.locale = 'zh-CN';
    expect(en.statusCode).toBe(400);
  });

  it('lets only the class staff and its task force in', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}`;
    const other = await as('class_director');
    for (const client of [trainee, other.client]) {
      expect((await client.get(`${base}/task-force`)).statusCode).toBe(403);
      expect((await client.post(`${base}/tasks`, { title: 'x' })).statusCode).toBe(403);
    }
    expect((await member.post(`${base}/tasks`, { title: 'x' })).statusCode).toBe(403);
    expect((await officer.get(`${base}/task-force`)).statusCode).toBe(200);
    expect((await director.get(`/api/v1/classes/${crypto.randomUUID()}/task-force`)).statusCode).toBe(404);
  });
});

describe('templates', () => {
  it('are kept by contingency.edit holders and applied all or nothing', async () => {
    const body = {
      name: '专题研讨班',
      classKinds: ['seminar'],
      items: [
        { title: '发通知', role: 'leader', anchor: 'start', offsetDays: -30 },
        { title: '布置会场', role: 'logistics', anchor: 'start', offsetDays: -1 },
      ],
    };
    expect((await director.post('/api/v1/task-templates', body)).statusCode).toBe(403);
    let res = await officer.post('/api/v1/task-templates', { ...body, classKinds: ['nope'] });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['classKinds.0']);
    res = await officer.post('/api/v1/task-templates', body);
    expect(res.statusCode, res.body).toBe(201);
    const template = res.json();
    expect(template.canEdit).toBe(true);
    expect((await auditOf(t, res)).map((a) => a.action)).toEqual(['task_template.create']);
    expect(
      (await director.get('/api/v1/task-templates'))
        .json()
        .items.some((x: { id: string }) => x.id === template.id),
    ).toBe(true);

    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}`;
    await director.post(`${base}/task-force/members`, { userId: memberId, role: 'logistics' });
    res = await director.post(`${base}/tasks/from-template`, { templateId: template.id });
    expect(res.statusCode, res.body).toBe(201);
    const view = res.json() as TaskForceView;
    expect(view.tasks.map((x) => [x.title, x.dueDate, x.ownerId])).toEqual([
      ['发通知', '2030-02-08', null],
      ['布置会场', '2030-03-09', memberId],
    ]);

    // A template with an item before the class was created adds nothing at all.
    const early = await makeClass(t.database, {
      directorId,
      leadOrganiserId: schoolId,
      startDate: new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10),
      endDate: null,
    });
    res = await director.post(`/api/v1/classes/${early.id}/tasks/from-template`, { templateId: template.id });
    expect(res.statusCode).toBe(400);
    expect(fields(res)).toEqual(['items.0.offsetDays']);
    const rows = await t.database.db.select().from(classTasks).where(eq(classTasks.classId, early.id));
    expect(rows).toHaveLength(0);

    // Used: archived, not deleted; unused: deleted.
    res = await officer.delete(`/api/v1/task-templates/${template.id}`);
    expect(res.json()).toEqual({ archived: true });
    expect((await director.get(`/api/v1/task-templates/${template.id}`)).json().archived).toBe(true);
    const unused = (await officer.post('/api/v1/task-templates', { ...body, name: '主体班' })).json();
    expect(
      (await officer.put(`/api/v1/task-templates/${unused.id}`, { ...body, name: '主体班（新）' })).json()
        .name,
    ).toBe('主体班（新）');
    expect((await officer.delete(`/api/v1/task-templates/${unused.id}`)).json()).toEqual({ archived: false });
    expect((await officer.get(`/api/v1/task-templates/${unused.id}`)).statusCode).toBe(404);
  });
});

describe('my tasks and the overdue sweep', () => {
  it('shows the reader only their own tasks, and notifies an overdue one once', async () => {
    const klass = await newClass();
    const base = `/api/v1/classes/${klass.id}`;
    await director.post(`${base}/task-force/members`, { userId: memberId, role: 'safety' });
    const mine = (
      await director.post(`${base}/tasks`, {
        title: '安全检查',
        ownerId: memberId,
        due: { kind: 'relative', anchor: 'start', offsetDays: -1 },
      })
    ).json() as TaskView;
    await director.post(`${base}/tasks`, { title: '班主任的任务', ownerId: directorId });

    const list = (await member.get('/api/v1/my-tasks')).json() as MyTaskList;
    const ids = list.items.map((x) => x.id);
    expect(ids).toContain(mine.id);
    expect(list.items.every((x) => x.ownerId === memberId)).toBe(true);
    expect(list.items.find((x) => x.id === mine.id)).toMatchObject({
      className: klass.name,
      dueDate: '2030-03-09',
    });
    expect((await trainee.get('/api/v1/my-tasks')).json().items).toEqual([]);

    const later = new Date('2030-03-12T02:00:00Z');
    t.services.tasks.clock = () => later;
    const late = (await member.get('/api/v1/my-tasks')).json() as MyTaskList;
    expect(late.items.find((x) => x.id === mine.id)?.overdue).toBe(true);
    t.services.tasks.clock = () => new Date();

    expect(await t.services.tasks.sweepOverdue(later)).toBeGreaterThanOrEqual(1);
    const inbox = await t.database.db
      .select({ kind: notices.kind, body: notices.body, link: notices.link })
      .from(noticeRecipients)
      .innerJoin(notices, eq(notices.id, noticeRecipients.noticeId))
      .where(and(eq(noticeRecipients.userId, memberId), eq(notices.classId, klass.id)));
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'task_overdue', link: '/my-tasks' });
    expect(inbox[0]?.body).toContain('安全检查');
    expect(await t.services.tasks.sweepOverdue(later)).toBe(0);
    const [row] = await t.database.db.select().from(classTasks).where(eq(classTasks.id, mine.id));
    expect(row?.overdueNotifiedFor).toBe('2030-03-09');
  });
});
