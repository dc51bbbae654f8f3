import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.js';
import { traineeCards } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { traineesOf } from './query.js';

/**
 * Trainee cards (the QR staff scan): a card has no expiry, only a version. Revoking raises the
 * version, so every token printed or shown before is refused as `qr_revoked`.
 */

/** The current version of an enrolment's card (1 until revoked). */
export async function cardRev(db: Db, enrollmentId: string): Promise<number> {
  const [row] = await db.select().from(traineeCards).where(eq(traineeCards.enrollmentId, enrollmentId));
  return row?.rev ?? 1;
}

/** Raises the version of an enrolment's card (audited). */
export async function revokeCard(
  db: Db,
  ctx: RequestContext,
  classId: string,
  enrollmentId: string,
  now: Date,
): Promise<{ rev: number }> {
  const [trainee] = await traineesOf(db, classId, { enrollmentIds: [enrollmentId] });
  if (!trainee) throw AppError.notFound();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(traineeCards)
      .values({ enrollmentId, rev: 2, issuedAt: now })
      .onConflictDoUpdate({
        target: traineeCards.enrollmentId,
        set: { rev: sql`${traineeCards.rev} + 1`, issuedAt: now },
      })
      .returning();
    const rev = row?.rev ?? 2;
    await recordAudit(tx, ctx, {
      action: 'attendance.card.revoke',
      entityType: 'enrollment',
      entityId: enrollmentId,
      changes: { rev: [rev - 1, rev] },
    });
    return { rev };
  });
}
