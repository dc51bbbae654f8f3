import { ACTIVE_NOMINATION_STATUSES, SEAT_HOLDING_STATUSES } from '@ganxun/domain';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classes, classQuotas, nominations } from '../../db/schema/index.js';
import { recordAudits } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { rowsOf } from '../quotas/holders.js';

/**
 * Seats (名额) of a class and its quotas. Every caller holds the class row's lock
 * (`classes.load(id, tx, true)`), so the counts read here cannot change before the write that
 * depends on them: a quota is never exceeded, however many nominations race for its last seat.
 */

/** What a nomination needs of the class row, read while locking it (select … for update). */
export interface LockedClass {
  id: string;
  status: string;
  nominationDeadline: Date | null;
  capacity: number | null;
  waitlist: boolean;
  selfRegistration: boolean;
}

/**
 * Locks the class row until the transaction ends: every write that changes the seats of a class
 * (nominations, decisions, withdrawals, quota changes) locks it first, so they take turns.
 */
export async function lockClass(tx: Executor, classId: string): Promise<LockedClass> {
  const [row] = await tx
    .select({
      id: classes.id,
      status: classes.status,
      nominationDeadline: classes.nominationDeadline,
      capacity: classes.capacity,
      waitlist: classes.waitlist,
      selfRegistration: classes.selfRegistration,
    })
    .from(classes)
    .where(eq(classes.id, classId))
    .for('update');
  if (!row) throw AppError.notFound();
  return row;
}

/** The seats of a class and a quota, and whether the person is already in, in one query. */
export interface SeatState {
  /** The quota's seats; null when it is not (or no longer) a quota of the class. */
  quotaSeats: number | null;
  inQuota: number;
  inClass: number;
  duplicate: boolean;
}

const list = (values: readonly string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

export async function seatState(
  tx: Executor,
  classId: string,
  quotaId: string | null,
  personId: string,
): Promise<SeatState> {
  const result = await tx.execute(sql`
    select
      (select q.seats from class_quotas q where q.id = ${quotaId}::uuid and q.class_id = ${classId}) as quota_seats,
      count(*) filter (where n.quota_id = ${quotaId}::uuid and n.status in (${list(SEAT_HOLDING_STATUSES)}))::int as in_quota,
      count(*) filter (where n.status in (${list(SEAT_HOLDING_STATUSES)}))::int as in_class,
      coalesce(bool_or(n.person_id = ${personId} and n.status in (${list(ACTIVE_NOMINATION_STATUSES)})), false) as duplicate
    from nominations n where n.class_id = ${classId}`);
  const [row] = rowsOf<{
    quota_seats: number | null;
    in_quota: number;
    in_class: number;
    duplicate: boolean;
  }>(result);
  return {
    quotaSeats: row?.quota_seats ?? null,
    inQuota: Number(row?.in_quota ?? 0),
    inClass: Number(row?.in_class ?? 0),
    duplicate: row?.duplicate === true,
  };
}

export type Room =
  | { ok: true }
  | { ok: false; field: 'quotaId' | 'classId'; key: 'quota_full' | 'capacity_full'; x: number };

/** Is there a free seat in the quota (if any) and in the class's capacity (if set)? */
export async function roomFor(
  tx: Executor,
  klass: { id: string; capacity: number | null },
  quota: { id: string; seats: number } | null,
): Promise<Room> {
  const [row] = await tx
    .select({
      inQuota: quota
        ? sql<number>`count(*) filter (where ${nominations.quotaId} = ${quota.id})::int`
        : sql<number>`0`,
      inClass: sql<number>`count(*)::int`,
    })
    .from(nominations)
    .where(and(eq(nominations.classId, klass.id), inArray(nominations.status, [...SEAT_HOLDING_STATUSES])));
  if (quota && Number(row?.inQuota ?? 0) >= quota.seats)
    return { ok: false, field: 'quotaId', key: 'quota_full', x: quota.seats };
  if (klass.capacity !== null && Number(row?.inClass ?? 0) >= klass.capacity)
    return { ok: false, field: 'classId', key: 'capacity_full', x: klass.capacity };
  return { ok: true };
}

/**
 * After a seat of `quotaId` (or of the class, for nominations without a quota) was freed: moves
 * the earliest waitlisted nominations of that quota to submitted while there is room. Returns the
 * ids promoted (each audited as `nomination.promote`).
 */
export async function promoteWaitlist(
  tx: Executor,
  ctx: RequestContext,
  klass: { id: string; capacity: number | null },
  quotaId: string | null,
): Promise<string[]> {
  let quota: { id: string; seats: number } | null = null;
  if (quotaId) {
    const [q] = await tx
      .select({ id: classQuotas.id, seats: classQuotas.seats })
      .from(classQuotas)
      .where(eq(classQuotas.id, quotaId));
    if (!q) return [];
    quota = q;
  }
  const promoted: string[] = [];
  for (;;) {
    const [next] = await tx
      .select({ id: nominations.id })
      .from(nominations)
      .where(
        and(
          eq(nominations.classId, klass.id),
          eq(nominations.status, 'waitlisted'),
          quotaId ? eq(nominations.quotaId, quotaId) : isNull(nominations.quotaId),
        ),
      )
      .orderBy(
        asc(sql`coalesce(${nominations.waitlistedAt}, ${nominations.createdAt})`),
        asc(nominations.createdAt),
        asc(nominations.id),
      )
      .limit(1);
    if (!next) break;
    if (!(await roomFor(tx, klass, quota)).ok) break;
    await tx
      .update(nominations)
      .set({ status: 'submitted', updatedAt: new Date() })
      .where(eq(nominations.id, next.id));
    promoted.push(next.id);
  }
  if (promoted.length)
    await recordAudits(
      tx,
      ctx,
      promoted.map((id) => ({
        action: 'nomination.promote',
        entityType: 'nomination',
        entityId: id,
        changes: { status: ['waitlisted', 'submitted'] },
      })),
    );
  return promoted;
}
