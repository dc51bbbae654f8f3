import {
  checklistProgress,
  dueDateOf,
  dueProblem,
  type MyTaskList,
  type MyTasksQuery,
  sortMyTasks,
  sortTasks,
  type TaskBody,
  type TaskCandidateList,
  type TaskDue,
  type TaskForceMemberBody,
  type TaskForceMemberUpdateBody,
  type TaskForceMemberView,
  type TaskForceView,
  type TaskPatchBody,
  type TaskView,
} from '@ganxun/domain';
import { and, asc, count, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { classTasks, taskForceMembers, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { JobLogger } from '../../platform/jobs.js';
import { startSweep } from '../../platform/sweep.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { NoticeService } from '../notices/service.js';
import { shanghaiToday } from '../regions/validity.js';
import { sweepOverdue } from './overdue.js';
import { isClassStaff, managesTaskForce, OWNER_FIELDS } from './policy.js';
import { dueColumns } from './presenter.js';
import { isMember, membersOf, staffOf, taskRows, taskView } from './query.js';
import { applyTemplate, isActiveCode, TaskTemplates } from './templates.js';

export const TASK_FORCE_ROLE_LIST = 'task_force_role';

export interface TaskServiceDeps {
  db: Db;
  classes: ClassService;
  dictionaries: DictionaryService;
  /** The notice service (a thunk: it is built after this one). */
  notices: () => NoticeService;
  clock?: () => Date;
}

/** A class's task force and checklist, checklist templates and "my tasks" (issue 9 item 1). */
export class TaskService {
  readonly db: Db;
  readonly templates: TaskTemplates;
  /** Now, for "today" (overdue flags); replaceable in tests. */
  clock: () => Date;
  private stopTimer: (() => void) | null = null;

  constructor(readonly deps: TaskServiceDeps) {
    this.db = deps.db;
    this.clock = deps.clock ?? (() => new Date());
    this.templates = new TaskTemplates(deps.db, deps.dictionaries);
  }

  private today(): string {
    return shanghaiToday(this.clock());
  }

  /**
   * The class and whether the actor manages its task force; readers who do not (its director and
   * assistants without the permission, task-force members) may only read. 404 / 403 audited.
   */
  private async access(
    ctx: RequestContext,
    classId: string,
  ): Promise<{ record: ClassRecord; manage: boolean }> {
    const actor = requireActor(ctx.actor);
    const record = await this.deps.classes.load(classId);
    const manage = managesTaskForce(actor, record.place);
    if (!manage) {
      const reads = isClassStaff(record.place, actor.id) || (await isMember(this.db, classId, actor.id));
      authorize(reads, 'taskforce.read', { type: 'class', id: classId });
    }
    return { record, manage };
  }

  private requireManage(ctx: RequestContext, classId: string, exec?: Executor): Promise<ClassRecord> {
    return this.deps.classes.requireRun(ctx, classId, 'taskforce', exec);
  }

  /** `GET /classes/{id}/task-force`. */
  async read(ctx: RequestContext, classId: string): Promise<TaskForceView> {
    const { record, manage } = await this.access(ctx, classId);
    const today = this.today();
    const members = await membersOf(this.db, classId);
    const tasks = sortTasks(
      (await taskRows(this.db, eq(classTasks.classId, classId), today)).map((r) => r.view),
    );
    return {
      classId,
      className: record.name,
      classKind: record.kind,
      startDate: record.startDate,
      endDate: record.endDate,
      createdDay: shanghaiToday(record.createdAt),
      today,
      members,
      staff: await staffOf(this.db, record, members),
      tasks,
      progress: checklistProgress(tasks),
      overdue: tasks.filter((t) => t.overdue).length,
      canManage: manage,
    };
  }

  /** Active accounts a runner may add to the task force, by name or username (20 at most). */
  async candidates(ctx: RequestContext, classId: string, q: string): Promise<TaskCandidateList> {
    await this.requireManage(ctx, classId);
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const items = await this.db
      .select({ id: users.id, name: users.displayName, username: users.username })
      .from(users)
      .where(
        and(
          eq(users.status, 'active'),
          q ? or(ilike(users.displayName, like), ilike(users.username, like)) : undefined,
        ),
      )
      .orderBy(asc(users.displayName), asc(users.username))
      .limit(20);
    return { items };
  }

  /** A role must be an active `task_force_role` code (read on `exec`: PGlite has one connection). */
  private async checkRole(
    exec: Executor,
    path: string,
    role: string | null | undefined,
    problems: FieldProblem[],
  ) {
    if (role && !(await isActiveCode(exec, TASK_FORCE_ROLE_LIST, role))) {
      problems.push({ path, key: 'unknown_code', x: role });
    }
  }

  async addMember(
    ctx: RequestContext,
    classId: string,
    body: TaskForceMemberBody,
  ): Promise<TaskForceMemberView> {
    const actor = requireActor(ctx.actor);
    await this.requireManage(ctx, classId);
    const problems: FieldProblem[] = [];
    await this.checkRole(this.db, 'role', body.role, problems);
    const [user] = await this.db
      .select({ status: users.status })
      .from(users)
      .where(eq(users.id, body.userId));
    if (user?.status !== 'active') problems.push({ path: 'userId', key: 'task_user_not_active' });
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    await this.db.transaction(async (tx) => {
      const inserted = await tx
        .insert(taskForceMembers)
        .values({ classId, userId: body.userId, role: body.role, duty: body.duty, addedBy: actor.id })
        .onConflictDoNothing()
        .returning({ userId: taskForceMembers.userId });
      if (inserted.length === 0) throw AppError.field('CONFLICT', 'userId', 'task_member_exists');
      await recordAudit(tx, ctx, {
        action: 'taskforce.member.add',
        entityType: 'class',
        entityId: classId,
        detail: { userId: body.userId, role: body.role, duty: body.duty },
      });
    });
    return this.member(classId, body.userId);
  }

  private async member(classId: string, userId: string): Promise<TaskForceMemberView> {
    const found = (await membersOf(this.db, classId)).find((m) => m.userId === userId);
    if (!found) throw AppError.notFound();
    return found;
  }

  async updateMember(
    ctx: RequestContext,
    classId: string,
    userId: string,
    body: TaskForceMemberUpdateBody,
  ): Promise<TaskForceMemberView> {
    await this.requireManage(ctx, classId);
    const problems: FieldProblem[] = [];
    await this.checkRole(this.db, 'role', body.role, problems);
    if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(taskForceMembers)
        .where(and(eq(taskForceMembers.classId, classId), eq(taskForceMembers.userId, userId)))
        .for('update');
      if (!before) throw AppError.notFound();
      const patch = {
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.duty !== undefined ? { duty: body.duty } : {}),
      };
      if (Object.keys(patch).length === 0) return;
      await tx
        .update(taskForceMembers)
        .set(patch)
        .where(and(eq(taskForceMembers.classId, classId), eq(taskForceMembers.userId, userId)));
      await recordAudit(tx, ctx, {
        action: 'taskforce.member.update',
        entityType: 'class',
        entityId: classId,
        changes: Object.fromEntries(
          Object.entries(patch).map(([k, v]) => [k, [before[k as keyof typeof before] ?? null, v]]),
        ),
        detail: { userId },
      });
    });
    return this.member(classId, userId);
  }

  /** Removes a member; refused (409) while they own open tasks and are not the class's staff. */
  async removeMember(ctx: RequestContext, classId: string, userId: string): Promise<void> {
    const record = await this.requireManage(ctx, classId);
    await this.db.transaction(async (tx) => {
      const [open] = await tx
        .select({ n: count() })
        .from(classTasks)
        .where(
          and(
            eq(classTasks.classId, classId),
            eq(classTasks.ownerId, userId),
            inArray(classTasks.status, ['todo', 'doing']),
          ),
        );
      const owned = Number(open?.n ?? 0);
      if (owned > 0 && !isClassStaff(record.place, userId)) {
        throw AppError.field('CONFLICT', 'userId', 'task_member_has_open_tasks', owned);
      }
      const gone = await tx
        .delete(taskForceMembers)
        .where(and(eq(taskForceMembers.classId, classId), eq(taskForceMembers.userId, userId)))
        .returning({ role: taskForceMembers.role });
      if (gone.length === 0) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'taskforce.member.remove',
        entityType: 'class',
        entityId: classId,
        detail: { userId, role: gone[0]?.role },
      });
    });
  }

  /** The due day of `due` for the class, checked against the day the class was created. */
  private resolveDue(record: ClassRecord, due: TaskDue | null, problems: FieldProblem[]): string | null {
    const dueDate = due ? dueDateOf(due, record) : null;
    const problem = dueProblem(dueDate, shanghaiToday(record.createdAt));
    if (problem && due)
      problems.push({ path: due.kind === 'date' ? 'due.date' : 'due.offsetDays', key: problem });
    return dueDate;
  }

  /** The owner must be the class's director, an assistant or a task-force member. */
  private async checkOwner(
    exec: Executor,
    record: ClassRecord,
    ownerId: string | null,
    problems: FieldProblem[],
  ) {
    if (!ownerId || isClassStaff(record.place, ownerId) || (await isMember(exec, record.id, ownerId))) return;
    problems.push({ path: 'ownerId', key: 'not_class_staff' });
  }

  async createTask(ctx: RequestContext, classId: string, body: TaskBody): Promise<TaskView> {
    const actor = requireActor(ctx.actor);
    const record = await this.requireManage(ctx, classId);
    const id = await this.db.transaction(async (tx) => {
      const problems: FieldProblem[] = [];
      await this.checkRole(tx, 'role', body.role, problems);
      await this.checkOwner(tx, record, body.ownerId, problems);
      const dueDate = this.resolveDue(record, body.due, problems);
      if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
      const [row] = await tx
        .insert(classTasks)
        .values({
          classId,
          title: body.title,
          ownerId: body.ownerId,
          role: body.role,
          ...dueColumns(body.due),
          dueDate,
          notes: body.notes,
          createdBy: actor.id,
        })
        .returning({ id: classTasks.id });
      if (!row) throw new Error('task not inserted');
      await recordAudit(tx, ctx, {
        action: 'taskforce.task.create',
        entityType: 'class_task',
        entityId: row.id,
        changes: { ...body, dueDate },
        detail: { classId },
      });
      return row.id;
    });
    return this.task(classId, id);
  }

  private async task(classId: string, taskId: string): Promise<TaskView> {
    const view = await taskView(this.db, classId, taskId, this.today());
    if (!view) throw AppError.notFound();
    return view;
  }

  /**
   * Changes a task. Runners change anything; the task's owner may change its status and notes
   * (403, audited, for anything else). Done records when and by whom; leaving done clears it.
   */
  async updateTask(
    ctx: RequestContext,
    classId: string,
    taskId: string,
    body: TaskPatchBody,
  ): Promise<TaskView> {
    const actor = requireActor(ctx.actor);
    const record = await this.deps.classes.load(classId);
    const manage = managesTaskForce(actor, record.place);
    const sent = (Object.keys(body) as (keyof TaskPatchBody)[]).filter((k) => body[k] !== undefined);
    await this.db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(classTasks)
        .where(and(eq(classTasks.classId, classId), eq(classTasks.id, taskId)))
        .for('update');
      if (!manage) {
        const own = !!before && before.ownerId === actor.id && sent.every((k) => OWNER_FIELDS.has(k));
        authorize(own, 'taskforce.task.update', { type: 'class_task', id: taskId });
      }
      if (!before) throw AppError.notFound();
      const problems: FieldProblem[] = [];
      if (body.role !== undefined) await this.checkRole(tx, 'role', body.role, problems);
      if (body.ownerId !== undefined) await this.checkOwner(tx, record, body.ownerId, problems);
      const dueDate = body.due !== undefined ? this.resolveDue(record, body.due, problems) : undefined;
      if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
      const patch: Partial<typeof classTasks.$inferInsert> = {
        ...(body.title !== undefined ? { title: body.title } : {}),
        ...(body.ownerId !== undefined ? { ownerId: body.ownerId } : {}),
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.notes !== undefined ? { notes: body.notes } : {}),
        ...(body.due !== undefined ? { ...dueColumns(body.due), dueDate } : {}),
      };
      if (body.status !== undefined && body.status !== before.status) {
        patch.status = body.status;
        patch.doneAt = body.status === 'done' ? this.clock() : null;
        patch.doneBy = body.status === 'done' ? actor.id : null;
      }
      const changed = Object.keys(patch).filter(
        (k) =>
          JSON.stringify(patch[k as keyof typeof patch] ?? null) !==
          JSON.stringify(before[k as keyof typeof before] ?? null),
      );
      if (changed.length === 0) return;
      await tx
        .update(classTasks)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(classTasks.id, taskId));
      await recordAudit(tx, ctx, {
        action: 'taskforce.task.update',
        entityType: 'class_task',
        entityId: taskId,
        changes: Object.fromEntries(
          changed.map((k) => [
            k,
            [before[k as keyof typeof before] ?? null, patch[k as keyof typeof patch] ?? null],
          ]),
        ),
        detail: { classId, asOwner: !manage },
      });
    });
    return this.task(classId, taskId);
  }

  async deleteTask(ctx: RequestContext, classId: string, taskId: string): Promise<void> {
    await this.requireManage(ctx, classId);
    await this.db.transaction(async (tx) => {
      const gone = await tx
        .delete(classTasks)
        .where(and(eq(classTasks.classId, classId), eq(classTasks.id, taskId)))
        .returning({ title: classTasks.title, status: classTasks.status });
      if (gone.length === 0) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'taskforce.task.delete',
        entityType: 'class_task',
        entityId: taskId,
        detail: { classId, ...gone[0] },
      });
    });
  }

  /** Creates a template's items on the class's checklist, all or none (templates.ts). */
  async fromTemplate(ctx: RequestContext, classId: string, templateId: string): Promise<TaskForceView> {
    const record = await this.requireManage(ctx, classId);
    await this.db.transaction((tx) => applyTemplate(tx, ctx, record, templateId));
    return this.read(ctx, classId);
  }

  /** The reader's own tasks across classes (open ones, or all), overdue first then by due day. */
  async myTasks(ctx: RequestContext, query: MyTasksQuery): Promise<MyTaskList> {
    const actor = requireActor(ctx.actor);
    const today = this.today();
    const where = and(
      eq(classTasks.ownerId, actor.id),
      query.status === 'open' ? inArray(classTasks.status, ['todo', 'doing']) : undefined,
      sql`${classTasks.classId} in (select id from classes where status not in ('cancelled', 'archived'))`,
    ) as SQL;
    const rows = await taskRows(this.db, where, today);
    const items = rows.map((r) => ({ ...r.view, className: r.className, classStatus: r.classStatus }));
    return { items: sortMyTasks(items, today), today };
  }

  /** Notifies the owners of overdue tasks once per due day (overdue.ts). */
  sweepOverdue(now: Date = this.clock()): Promise<number> {
    return sweepOverdue(this.db, this.deps.notices(), now);
  }

  /** Starts the periodic overdue sweep in this process (with the job worker). */
  startOverdueSweep(log?: JobLogger, everyMs = 15 * 60_000): void {
    this.stopTimer ??= startSweep(
      'overdue task notices sent',
      () => this.sweepOverdue(new Date()),
      everyMs,
      log,
    );
  }

  stopOverdueSweep(): void {
    this.stopTimer?.();
    this.stopTimer = null;
  }
}
