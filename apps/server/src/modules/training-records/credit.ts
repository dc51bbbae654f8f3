import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { trainingRecords, units } from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { ClassRecord } from '../classes/service.js';

/** A completion to credit to a person's archive. */
export interface CompletionCredit {
  enrollmentId: string;
  personId: string;
  hours: number;
  certificateId: string | null;
}

/**
 * Credits each completion to the person's archive (category 脱产 `full_time`, or `online` for an
 * online class; title and organiser from the class; dates the class's), once per enrollment:
 * an existing record is updated (hours, certificate) and un-voided. In the caller's transaction,
 * audited. Implemented by the training-records module.
 */
export async function creditCompletions(
  tx: Executor,
  ctx: RequestContext,
  cls: ClassRecord,
  credits: readonly CompletionCredit[],
): Promise<void> {
  if (credits.length === 0) return;
  // One row per enrollment in the statement (ON CONFLICT may not touch a row twice): the last wins.
  const unique = [...new Map(credits.map((c) => [c.enrollmentId, c])).values()];
  const [lead] = await tx.select({ name: units.name }).from(units).where(eq(units.id, cls.leadOrganiserId));
  // A completed class has its dates; should one be missing, the record still needs a day to count in.
  const today = new Date().toISOString().slice(0, 10);
  const startDate = cls.startDate ?? cls.endDate ?? today;
  const endDate = cls.endDate ?? startDate;
  const category = cls.mode === 'online' ? ('online' as const) : ('full_time' as const);
  const actorId = ctx.actor?.id ?? null;

  const rows = await tx
    .insert(trainingRecords)
    .values(
      unique.map((c) => ({
        personId: c.personId,
        source: 'class_completion' as const,
        category,
        title: cls.name,
        organiser: lead?.name ?? '',
        classId: cls.id,
        enrollmentId: c.enrollmentId,
        certificateId: c.certificateId,
        startDate,
        endDate,
        year: Number(endDate.slice(0, 4)),
        hours: c.hours,
        createdBy: actorId,
      })),
    )
    // One record per enrollment (unique partial index): a second credit updates it, and a record
    // voided when the completion was withdrawn counts again.
    .onConflictDoUpdate({
      target: trainingRecords.enrollmentId,
      targetWhere: sql`${trainingRecords.enrollmentId} is not null`,
      set: {
        hours: sql`excluded.hours`,
        certificateId: sql`excluded.certificate_id`,
        category: sql`excluded.category`,
        title: sql`excluded.title`,
        organiser: sql`excluded.organiser`,
        startDate: sql`excluded.start_date`,
        endDate: sql`excluded.end_date`,
        year: sql`excluded.year`,
        voidedAt: null,
        voidedBy: null,
        voidReason: null,
      },
    })
    .returning({
      id: trainingRecords.id,
      enrollmentId: trainingRecords.enrollmentId,
      hours: trainingRecords.hours,
    });

  const audits: AuditEntry[] = rows.map((r) => ({
    action: 'trainingRecord.credit',
    entityType: 'training_record',
    entityId: r.id,
    detail: { classId: cls.id, enrollmentId: r.enrollmentId, hours: r.hours, category },
  }));
  await recordAudits(tx, ctx, audits);
}

/** Voids the completion records of these enrollments with a reason (completion withdrawn). */
export async function voidCompletions(
  tx: Executor,
  ctx: RequestContext,
  classId: string,
  enrollmentIds: readonly string[],
  reason: string,
): Promise<void> {
  if (enrollmentIds.length === 0) return;
  const rows = await tx
    .update(trainingRecords)
    .set({ voidedAt: new Date(), voidedBy: ctx.actor?.id ?? null, voidReason: reason })
    .where(
      and(
        eq(trainingRecords.classId, classId),
        inArray(trainingRecords.enrollmentId, [...enrollmentIds]),
        isNull(trainingRecords.voidedAt),
      ),
    )
    .returning({ id: trainingRecords.id, enrollmentId: trainingRecords.enrollmentId });
  await recordAudits(
    tx,
    ctx,
    rows.map((r) => ({
      action: 'trainingRecord.void',
      entityType: 'training_record',
      entityId: r.id,
      detail: { classId, enrollmentId: r.enrollmentId, reason, source: 'class_completion' },
    })),
  );
}
