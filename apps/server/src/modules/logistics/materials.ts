import type { HandoutBody, MaterialBody } from '@ganxun/domain';
import { and, eq, inArray, max, ne } from 'drizzle-orm';
import type { Tx } from '../../db/client.js';
import { classMaterials, enrollments, materialHandouts } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';

/** Writes of materials (物资) and their handing out, inside the caller's transaction, audited. */

async function lockMaterial(tx: Tx, classId: string, materialId: string) {
  const [row] = await tx
    .select()
    .from(classMaterials)
    .where(and(eq(classMaterials.id, materialId), eq(classMaterials.classId, classId)))
    .for('update');
  if (!row) throw AppError.notFound();
  return row;
}

export async function createMaterial(tx: Tx, ctx: RequestContext, classId: string, body: MaterialBody) {
  const [last] = await tx
    .select({ n: max(classMaterials.sortOrder) })
    .from(classMaterials)
    .where(eq(classMaterials.classId, classId));
  const [row] = await tx
    .insert(classMaterials)
    .values({ classId, ...body, sortOrder: (last?.n ?? -1) + 1 })
    .onConflictDoNothing()
    .returning();
  if (!row) throw AppError.field('CONFLICT', 'name', 'material_name_taken');
  await recordAudit(tx, ctx, {
    action: 'logistics.material.create',
    entityType: 'class_material',
    entityId: row.id,
    changes: body,
    detail: { classId },
  });
  return row;
}

export async function updateMaterial(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  materialId: string,
  body: Partial<MaterialBody>,
) {
  const before = await lockMaterial(tx, classId, materialId);
  const changes: Record<string, [unknown, unknown]> = {};
  for (const k of ['name', 'quantityPerTrainee', 'note'] as const) {
    if (body[k] !== undefined && body[k] !== before[k]) changes[k] = [before[k], body[k]];
  }
  if (Object.keys(changes).length === 0) return;
  if (changes.name) {
    const [taken] = await tx
      .select({ id: classMaterials.id })
      .from(classMaterials)
      .where(
        and(
          eq(classMaterials.classId, classId),
          eq(classMaterials.name, body.name as string),
          ne(classMaterials.id, materialId),
        ),
      );
    if (taken) throw AppError.field('CONFLICT', 'name', 'material_name_taken');
  }
  await tx
    .update(classMaterials)
    .set(Object.fromEntries(Object.entries(changes).map(([k, [, v]]) => [k, v])))
    .where(eq(classMaterials.id, materialId));
  await recordAudit(tx, ctx, {
    action: 'logistics.material.update',
    entityType: 'class_material',
    entityId: materialId,
    changes,
    detail: { classId },
  });
}

/** Deletes a material with its hand-out records. */
export async function deleteMaterial(tx: Tx, ctx: RequestContext, classId: string, materialId: string) {
  const row = await lockMaterial(tx, classId, materialId);
  const handed = await tx
    .delete(materialHandouts)
    .where(eq(materialHandouts.materialId, materialId))
    .returning({ id: materialHandouts.enrollmentId });
  await tx.delete(classMaterials).where(eq(classMaterials.id, materialId));
  await recordAudit(tx, ctx, {
    action: 'logistics.material.delete',
    entityType: 'class_material',
    entityId: materialId,
    detail: { classId, name: row.name, handed: handed.length },
  });
}

/**
 * Marks a material handed to trainees (or takes the mark back), all or none: every id must be an
 * enrolled trainee of the class (400 `enrollmentIds.N`). Handing twice keeps one record.
 */
export async function handOut(
  tx: Tx,
  ctx: RequestContext,
  classId: string,
  materialId: string,
  body: HandoutBody,
  actorId: string,
) {
  await lockMaterial(tx, classId, materialId);
  const ids = [...new Set(body.enrollmentIds)];
  const enrolled = new Set(
    (
      await tx
        .select({ id: enrollments.id })
        .from(enrollments)
        .where(
          and(
            eq(enrollments.classId, classId),
            eq(enrollments.status, 'enrolled'),
            inArray(enrollments.id, ids),
          ),
        )
    ).map((r) => r.id),
  );
  const problems: FieldProblem[] = body.enrollmentIds.flatMap((id, i) =>
    enrolled.has(id) ? [] : [{ path: `enrollmentIds.${i}`, key: 'not_class_trainee' }],
  );
  if (problems.length) throw new AppError('VALIDATION_FAILED', { fields: problems });
  const changed = body.handed
    ? await tx
        .insert(materialHandouts)
        .values(ids.map((enrollmentId) => ({ materialId, enrollmentId, handedBy: actorId })))
        .onConflictDoNothing()
        .returning({ id: materialHandouts.enrollmentId })
    : await tx
        .delete(materialHandouts)
        .where(and(eq(materialHandouts.materialId, materialId), inArray(materialHandouts.enrollmentId, ids)))
        .returning({ id: materialHandouts.enrollmentId });
  if (changed.length === 0) return;
  await recordAudit(tx, ctx, {
    action: body.handed ? 'logistics.handout' : 'logistics.handout.revoke',
    entityType: 'class_material',
    entityId: materialId,
    detail: { classId, count: changed.length, enrollmentIds: changed.map((r) => r.id) },
  });
}
