import type { TaskForceMemberView, TaskStaffView, TaskView } from '@ganxun/domain';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../../db/client.js';
import { classes, classTasks, taskForceMembers, users } from '../../db/schema/index.js';
import type { ClassRecord } from '../classes/service.js';
import { presentTask } from './presenter.js';

const owner = alias(users, 'owner');
const finisher = alias(users, 'finisher');

/** Tasks matching `where`, with owner and finisher names and their class's name and status. */
export async function taskRows(exec: Executor, where: SQL, today: string) {
  const rows = await exec
    .select({
      task: classTasks,
      ownerName: owner.displayName,
      doneByName: finisher.displayName,
      className: classes.name,
      classStatus: classes.status,
    })
    .from(classTasks)
    .innerJoin(classes, eq(classes.id, classTasks.classId))
    .leftJoin(owner, eq(owner.id, classTasks.ownerId))
    .leftJoin(finisher, eq(finisher.id, classTasks.doneBy))
    .where(where);
  return rows.map((r) => ({
    view: presentTask(r.task, { ownerName: r.ownerName, doneByName: r.doneByName }, today),
    className: r.className,
    classStatus: r.classStatus,
  }));
}

/** One task of a class as the API shows it (404 when it is not the class's). */
export async function taskView(
  exec: Executor,
  classId: string,
  taskId: string,
  today: string,
): Promise<TaskView | null> {
  const [row] = await taskRows(
    exec,
    and(eq(classTasks.classId, classId), eq(classTasks.id, taskId)) as SQL,
    today,
  );
  return row?.view ?? null;
}

/** The members of a class's task force with their names, in the order they were added. */
export async function membersOf(exec: Executor, classId: string): Promise<TaskForceMemberView[]> {
  const rows = await exec
    .select({ m: taskForceMembers, name: users.displayName })
    .from(taskForceMembers)
    .innerJoin(users, eq(users.id, taskForceMembers.userId))
    .where(eq(taskForceMembers.classId, classId))
    .orderBy(asc(taskForceMembers.createdAt), asc(users.displayName));
  return rows.map((r) => ({
    userId: r.m.userId,
    name: r.name,
    role: r.m.role,
    duty: r.m.duty,
    addedAt: r.m.createdAt.toISOString(),
  }));
}

/** Everyone who may own a task of the class: director, assistants, then task-force members. */
export async function staffOf(
  exec: Executor,
  record: Pick<ClassRecord, 'directorId' | 'assistantIds'>,
  members: readonly TaskForceMemberView[],
): Promise<TaskStaffView[]> {
  const named = [record.directorId, ...record.assistantIds].filter((x): x is string => !!x);
  const names = named.length
    ? new Map(
        (
          await exec
            .select({ id: users.id, name: users.displayName })
            .from(users)
            .where(inArray(users.id, named))
        ).map((u) => [u.id, u.name]),
      )
    : new Map<string, string>();
  const out: TaskStaffView[] = [];
  const seen = new Set<string>();
  const push = (userId: string, name: string | undefined, kind: TaskStaffView['kind']) => {
    if (seen.has(userId) || name === undefined) return;
    seen.add(userId);
    out.push({ userId, name, kind });
  };
  if (record.directorId) push(record.directorId, names.get(record.directorId), 'director');
  for (const id of record.assistantIds) push(id, names.get(id), 'assistant');
  for (const m of members) push(m.userId, m.name, 'member');
  return out;
}

/** Is the user a member of the class's task force? */
export async function isMember(exec: Executor, classId: string, userId: string): Promise<boolean> {
  const [row] = await exec
    .select({ userId: taskForceMembers.userId })
    .from(taskForceMembers)
    .where(and(eq(taskForceMembers.classId, classId), eq(taskForceMembers.userId, userId)));
  return !!row;
}
