import { type JointClassView, jointClassKindOf, type LinkJointClassBody } from '@ganxun/domain';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client.js';
import { classes, enrollments, partnershipClasses } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { uniqueViolation } from '../units/service.js';
import type { PartnershipService } from './service.js';
import type { PartnershipRow } from './write.js';

/**
 * Joint classes (联合办班): classes a pairing ran together, each counted as leadership or
 * professional training. A class belongs to one pairing at most (unique index on class_id).
 */

/** The pairing's joint classes with their person-times (enrolments still enrolled), newest first. */
export async function jointClasses(exec: Executor, partnershipId: string): Promise<JointClassView[]> {
  const rows = await exec
    .select({
      classId: classes.id,
      code: classes.code,
      name: classes.name,
      classKind: classes.kind,
      jointKind: partnershipClasses.jointKind,
      status: classes.status,
      startDate: classes.startDate,
      endDate: classes.endDate,
      personTimes: sql<number>`(select count(*) from ${enrollments} where ${enrollments.classId} = ${classes.id} and ${enrollments.status} = 'enrolled')`,
    })
    .from(partnershipClasses)
    .innerJoin(classes, eq(classes.id, partnershipClasses.classId))
    .where(eq(partnershipClasses.partnershipId, partnershipId))
    .orderBy(sql`${classes.startDate} desc nulls last`, desc(classes.code), asc(classes.id));
  return rows.map((r) => ({ ...r, personTimes: Number(r.personTimes) }));
}

/**
 * Links a class to the pairing (the caller checked partnership.edit on it). The class must exist
 * (400 `classId`) and be readable by the actor (403, audited); a class already linked to a pairing
 * is refused (409 `classId`), also when two links race (the unique index decides).
 */
export async function linkJointClass(
  service: PartnershipService,
  ctx: RequestContext,
  partnership: PartnershipRow,
  body: LinkJointClassBody,
): Promise<void> {
  const record = await service.classes.load(body.classId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND')
      throw AppError.field('VALIDATION_FAILED', 'classId', 'class_not_found');
    throw error;
  });
  authorize(await service.classes.canRead(ctx, record), 'class.read', { type: 'class', id: record.id });
  const jointKind = body.kind ?? jointClassKindOf(record.kind);
  try {
    await service.db.transaction(async (tx) => {
      const [linked] = await tx
        .select({ id: partnershipClasses.partnershipId })
        .from(partnershipClasses)
        .where(eq(partnershipClasses.classId, record.id));
      if (linked) throw AppError.field('CONFLICT', 'classId', 'class_already_linked');
      await tx
        .insert(partnershipClasses)
        .values({ partnershipId: partnership.id, classId: record.id, jointKind });
      await recordAudit(tx, ctx, {
        action: 'partnership.class.link',
        entityType: 'partnership',
        entityId: partnership.id,
        changes: { classId: record.id, jointKind },
      });
    });
  } catch (error) {
    if (uniqueViolation(error) !== null) throw AppError.field('CONFLICT', 'classId', 'class_already_linked');
    throw error;
  }
}

/** Unlinks a class from the pairing: 404 when it is not one of its joint classes. */
export async function unlinkJointClass(
  tx: Tx,
  ctx: RequestContext,
  partnership: PartnershipRow,
  classId: string,
): Promise<void> {
  const [gone] = await tx
    .delete(partnershipClasses)
    .where(and(eq(partnershipClasses.partnershipId, partnership.id), eq(partnershipClasses.classId, classId)))
    .returning();
  if (!gone) throw AppError.notFound();
  await recordAudit(tx, ctx, {
    action: 'partnership.class.unlink',
    entityType: 'partnership',
    entityId: partnership.id,
    changes: { classId, jointKind: gone.jointKind },
  });
}
