import { and, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classGroups, enrollments } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { uniqueViolation } from '../units/service.js';

/**
 * Groups (小组) of a class. The caller holds the class row's lock and has checked that the roster
 * may change (service.ts).
 */

export interface GroupBody {
  name: string;
  sortOrder: number;
}
export type GroupPatch = Partial<GroupBody>;

async function assertNameFree(tx: Executor, classId: string, name: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: classGroups.id })
    .from(classGroups)
    .where(and(eq(classGroups.classId, classId), eq(classGroups.name, name)));
  if (taken && taken.id !== exceptId) throw AppError.field('CONFLICT', 'name', 'group_name_taken');
}

/** The unique index on (class, name) backs the check up. */
function mapNameTaken(error: unknown): never {
  if (uniqueViolation(error) !== null) throw AppError.field('CONFLICT', 'name', 'group_name_taken');
  throw error;
}

export async function createGroup(
  tx: Executor,
  ctx: RequestContext,
  classId: string,
  body: GroupBody,
): Promise<string> {
  await assertNameFree(tx, classId, body.name);
  const [row] = await tx
    .insert(classGroups)
    .values({ classId, name: body.name, sortOrder: body.sortOrder })
    .returning({ id: classGroups.id })
    .catch(mapNameTaken);
  const id = row?.id as string;
  await recordAudit(tx, ctx, {
    action: 'group.create',
    entityType: 'class_group',
    entityId: id,
    detail: { classId, name: body.name },
  });
  return id;
}

async function loadGroup(tx: Executor, classId: string, groupId: string) {
  const [group] = await tx
    .select()
    .from(classGroups)
    .where(and(eq(classGroups.id, groupId), eq(classGroups.classId, classId)));
  if (!group) throw AppError.notFound();
  return group;
}

export async function updateGroup(
  tx: Executor,
  ctx: RequestContext,
  classId: string,
  groupId: string,
  body: GroupPatch,
): Promise<void> {
  const group = await loadGroup(tx, classId, groupId);
  const changes: Record<string, [unknown, unknown]> = {};
  if (body.name !== undefined && body.name !== group.name) {
    await assertNameFree(tx, classId, body.name, groupId);
    changes.name = [group.name, body.name];
  }
  if (body.sortOrder !== undefined && body.sortOrder !== group.sortOrder)
    changes.sortOrder = [group.sortOrder, body.sortOrder];
  if (Object.keys(changes).length === 0) return;
  await tx
    .update(classGroups)
    .set({ name: body.name ?? group.name, sortOrder: body.sortOrder ?? group.sortOrder })
    .where(eq(classGroups.id, groupId))
    .catch(mapNameTaken);
  await recordAudit(tx, ctx, {
    action: 'group.update',
    entityType: 'class_group',
    entityId: groupId,
    changes,
  });
}

/** Deletes a group: its members keep their enrollment without a group, its leader becomes a member. */
export async function deleteGroup(tx: Executor, ctx: RequestContext, classId: string, groupId: string) {
  const group = await loadGroup(tx, classId, groupId);
  const now = new Date();
  await tx
    .update(enrollments)
    .set({ role: 'member', updatedAt: now })
    .where(and(eq(enrollments.groupId, groupId), eq(enrollments.role, 'group_leader')));
  const members = await tx
    .update(enrollments)
    .set({ groupId: null, updatedAt: now })
    .where(eq(enrollments.groupId, groupId))
    .returning({ id: enrollments.id });
  await tx.delete(classGroups).where(eq(classGroups.id, groupId));
  await recordAudit(tx, ctx, {
    action: 'group.delete',
    entityType: 'class_group',
    entityId: groupId,
    detail: { classId, name: group.name, members: members.length },
  });
}
