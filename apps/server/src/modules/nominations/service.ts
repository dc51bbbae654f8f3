import {
  type CreateNominationBody,
  type DecisionBody,
  holderCovers,
  isReleasable,
  type NominationListQuery,
  type NominationPage,
  type NominationStatus,
  type NominationView,
  type SubstituteBody,
  type WithdrawBody,
} from '@ganxun/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { enrollments, nominations, people } from '../../db/schema/index.js';
import { type AuditEntry, recordAudits } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { type NominatorPlaces, runs } from '../classes/policy.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import type { Notifier } from '../notices/events.js';
import { holderName, holderOf, type QuotaRecord, quotaRecords } from '../quotas/holders.js';
import { uniqueViolation } from '../units/service.js';
import {
  assertInScope,
  assertNominable,
  assertOpen,
  assertServing,
  mostSpecific,
  pickQuota,
} from './checks.js';
import { decide } from './decisions.js';
import { mayNominateTo, mayRelease, type PersonPlace, personPlace } from './policy.js';
import { presentNomination } from './presenter.js';
import { nominationPage, nominationReach, nominationsByIds, overlapsOf } from './query.js';
import { lockClass, promoteWaitlist, seatState } from './seats.js';

/** What the overlap flags need of a class. */
type ClassDates = { id: string; startDate: string | null; endDate: string | null };

export interface NominationServiceDeps {
  db: Db;
  classes: ClassService;
  /** Tells nominees of decisions (issue 9). */
  notices?: () => Notifier;
}

/** The reason an approved trainee's enrollment ends with when someone replaces them. */
export const REPLACED_REASON = '替换';

/** Class statuses in which nominations may still be withdrawn or substituted. */
const RELEASE_STATUSES = ['published', 'nominations_closed'];

/**
 * Nominations (调训报名): nominate against a quota, self-register, substitute (替换), withdraw,
 * decide in bulk. Every write that touches seats locks the class row (`lockClass`, or
 * `classes.load(id, tx, true)` where the organisers are needed too), so writes to one class take
 * turns and the seat counts they check stay true until they commit. Checks that another write
 * cannot invalidate (who may nominate, the person's place) run before the lock, to keep it short.
 */
export class NominationService {
  readonly db: Db;
  readonly classes: ClassService;
  readonly notices: (() => Notifier) | undefined;

  constructor(deps: NominationServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
    this.notices = deps.notices;
  }

  /** A page of the class's nominations: runners see all, others those within their reach. */
  async list(ctx: RequestContext, record: ClassRecord, query: NominationListQuery): Promise<NominationPage> {
    const actor = requireActor(ctx.actor);
    const reach = runs(actor, 'read', record.place)
      ? undefined
      : nominationReach(actor.id, await this.classes.placesOf(ctx));
    const { rows, total, counts } = await nominationPage(this.db, record.id, query, reach);
    const overlaps = await overlapsOf(
      this.db,
      record,
      rows.map((r) => r.personId),
    );
    return {
      items: rows.map((r) => presentNomination(r, overlaps.get(r.personId), ctx.locale)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      counts,
    };
  }

  /**
   * Nominations by id as views, in that order (after a write: read outside its transaction). The
   * class gives the dates the overlaps are computed against (its id: loaded here).
   */
  async views(ctx: RequestContext, klass: ClassDates | string, ids: string[]): Promise<NominationView[]> {
    const rows = await nominationsByIds(this.db, ids);
    if (rows.length === 0) return [];
    const dates = typeof klass === 'string' ? await this.classes.load(klass) : klass;
    const overlaps = await overlapsOf(
      this.db,
      dates,
      rows.map((r) => r.personId),
    );
    return rows.map((r) => presentNomination(r, overlaps.get(r.personId), ctx.locale));
  }

  async view(ctx: RequestContext, klass: ClassDates | string, id: string): Promise<NominationView> {
    const [one] = await this.views(ctx, klass, [id]);
    if (!one) throw AppError.notFound();
    return one;
  }

  /**
   * Nominates a person against a quota (or, in a class without quotas, by one of its runners).
   * What cannot change under our feet is checked first, without the lock; then `admit` locks the
   * class and decides on the seats.
   */
  async create(ctx: RequestContext, classId: string, body: CreateNominationBody): Promise<NominationView> {
    const actor = requireActor(ctx.actor);
    const places = await this.classes.placesOf(ctx);
    const record = await this.classes.load(classId);
    const quota = pickQuota(await quotaRecords(this.db, classId), body.quotaId);
    // The reach over the quota is the right to read the class as a nominator, drafts aside.
    authorize(
      mayNominateTo(actor, places, record, quota) &&
        (record.status !== 'draft' || runs(actor, 'read', record.place)),
      'nomination.create',
      quota ? { type: 'class_quota', id: quota.id } : { type: 'class', id: classId },
    );
    assertOpen(record);
    const person = await personPlace(this.db, eq(people.id, body.personId));
    if (!person) throw AppError.field('VALIDATION_FAILED', 'personId', 'person_not_found');
    if (quota) assertInScope(ctx, places, quota, person, 'nomination.create');
    assertServing(person);
    const id = await this.write((tx) =>
      this.admit(tx, ctx, classId, { person, quota, source: 'nomination', note: body.note }),
    );
    return this.view(ctx, record, id);
  }

  /**
   * Self-registration: the actor's own person record, in a class open for it. It holds the quota
   * covering the person when there is one (the most specific), else only a seat of the capacity.
   */
  async register(ctx: RequestContext, classId: string, note: string | null): Promise<NominationView> {
    const actor = requireActor(ctx.actor);
    const record = await this.classes.load(classId);
    if (!record.selfRegistration) throw AppError.field('CONFLICT', 'classId', 'registration_not_open');
    assertOpen(record);
    const person = await personPlace(this.db, eq(people.userId, actor.id));
    if (!person) throw AppError.field('CONFLICT', 'personId', 'no_person_record');
    const covering = (await quotaRecords(this.db, classId)).filter((q) => holderCovers(holderOf(q), person));
    assertServing(person);
    const id = await this.write((tx) =>
      this.admit(tx, ctx, classId, { person, quota: mostSpecific(covering), source: 'self', note }),
    );
    return this.view(ctx, record, id);
  }

  /**
   * Replaces a nomination by another person (替换) holding the same quota: the old one becomes
   * `replaced`, the new one `submitted` (or keeps the old one's place in the waiting list); an
   * approved trainee's enrollment is withdrawn with the reason 替换.
   */
  async substitute(
    ctx: RequestContext,
    classId: string,
    nominationId: string,
    body: SubstituteBody,
  ): Promise<NominationView> {
    const actor = requireActor(ctx.actor);
    const places = await this.classes.placesOf(ctx);
    const newId = crypto.randomUUID();
    await this.write(async (tx) => {
      const record = await this.classes.load(classId, tx, true);
      const old = await this.loadReleasable(tx, ctx, record, nominationId, places, 'substitute');
      const runner = runs(actor, 'approve', record.place);
      if (!runner) assertOpen(record);
      else if (!RELEASE_STATUSES.includes(record.status))
        throw AppError.field('CONFLICT', 'classId', 'class_status_locked');
      const person = await personPlace(tx, eq(people.id, body.personId));
      if (!person) throw AppError.field('VALIDATION_FAILED', 'personId', 'person_not_found');
      if (old.quota) {
        if (mayNominateTo(actor, places, record, old.quota))
          assertInScope(ctx, places, old.quota, person, 'nomination.substitute');
        else if (!holderCovers(holderOf(old.quota), person))
          throw AppError.field(
            'VALIDATION_FAILED',
            'personId',
            'person_outside_quota',
            holderName(old.quota, ctx.locale),
          );
      }
      await assertNominable(tx, classId, person);
      const now = new Date();
      await tx
        .update(nominations)
        .set({ status: 'replaced', replacedById: newId, decisionReason: body.reason, updatedAt: now })
        .where(eq(nominations.id, old.id));
      const waitlisted = old.status === 'waitlisted';
      await tx.insert(nominations).values({
        id: newId,
        classId,
        quotaId: old.quotaId,
        personId: person.id,
        source: 'nomination',
        status: waitlisted ? 'waitlisted' : 'submitted',
        waitlistedAt: waitlisted ? (old.waitlistedAt ?? now) : null,
        replacesId: old.id,
        nominatedBy: actor.id,
      });
      const audits: AuditEntry[] = [
        {
          action: 'nomination.substitute',
          entityType: 'nomination',
          entityId: newId,
          detail: {
            replaces: old.id,
            personId: person.id,
            replacedPersonId: old.personId,
            reason: body.reason,
          },
        },
        {
          action: 'nomination.replace',
          entityType: 'nomination',
          entityId: old.id,
          changes: { status: [old.status, 'replaced'] },
          detail: { replacedBy: newId, reason: body.reason },
        },
      ];
      if (old.status === 'approved') {
        const ended = await this.endEnrollment(tx, classId, old.personId, REPLACED_REASON, now);
        if (ended) audits.push({ ...ended, detail: { reason: REPLACED_REASON, replacedBy: newId } });
      }
      await recordAudits(tx, ctx, audits);
      return newId;
    });
    return this.view(ctx, classId, newId);
  }

  /** Withdraws a nomination; an approved one's enrollment ends too, and a freed seat goes to the waiting list. */
  async withdraw(
    ctx: RequestContext,
    classId: string,
    nominationId: string,
    body: WithdrawBody,
  ): Promise<NominationView> {
    const places = await this.classes.placesOf(ctx);
    await this.write(async (tx) => {
      const record = await this.classes.load(classId, tx, true);
      const old = await this.loadReleasable(tx, ctx, record, nominationId, places, 'withdraw');
      if (!RELEASE_STATUSES.includes(record.status))
        throw AppError.field('CONFLICT', 'classId', 'class_status_locked');
      const now = new Date();
      await tx
        .update(nominations)
        .set({ status: 'withdrawn', decisionReason: body.reason, updatedAt: now })
        .where(eq(nominations.id, old.id));
      const audits: AuditEntry[] = [
        {
          action: 'nomination.withdraw',
          entityType: 'nomination',
          entityId: old.id,
          changes: { status: [old.status, 'withdrawn'] },
          detail: { reason: body.reason },
        },
      ];
      if (old.status === 'approved') {
        const ended = await this.endEnrollment(tx, classId, old.personId, body.reason, now);
        if (ended) audits.push({ ...ended, detail: { reason: body.reason } });
      }
      await recordAudits(tx, ctx, audits);
      if (old.status !== 'waitlisted') await promoteWaitlist(tx, ctx, record, old.quotaId);
      return old.id;
    });
    return this.view(ctx, classId, nominationId);
  }

  /** Approves or rejects submitted nominations, all or none (decisions.ts). */
  async decide(
    ctx: RequestContext,
    classId: string,
    body: DecisionBody,
  ): Promise<{ decided: number; items: NominationView[] }> {
    const ids = await this.write((tx) => decide(tx, ctx, this.classes, classId, body, this.notices));
    return { decided: ids.length, items: await this.views(ctx, classId, ids) };
  }

  /**
   * Under the class's lock: re-checks what another write may have changed (status, deadline, the
   * quota still there, the person not nominated meanwhile), then inserts: submitted when the quota
   * and the class have room, waitlisted when not and the class keeps a waiting list, else 409
   * quota_full / capacity_full. Four statements while the lock is held.
   */
  private async admit(
    tx: Executor,
    ctx: RequestContext,
    classId: string,
    n: { person: PersonPlace; quota: QuotaRecord | null; source: 'nomination' | 'self'; note: string | null },
  ): Promise<string> {
    const locked = await lockClass(tx, classId);
    if (n.source === 'self' && !locked.selfRegistration)
      throw AppError.field('CONFLICT', 'classId', 'registration_not_open');
    assertOpen(locked);
    const seats = await seatState(tx, classId, n.quota?.id ?? null, n.person.id);
    if (seats.duplicate) throw AppError.field('CONFLICT', 'personId', 'already_nominated');
    if (n.quota && seats.quotaSeats === null)
      throw AppError.field('VALIDATION_FAILED', 'quotaId', 'quota_not_found');
    let status: NominationStatus = 'submitted';
    const quotaFull = n.quota !== null && seats.inQuota >= (seats.quotaSeats ?? 0);
    const classFull = locked.capacity !== null && seats.inClass >= locked.capacity;
    if (quotaFull || classFull) {
      if (!locked.waitlist) {
        if (quotaFull) throw AppError.field('CONFLICT', 'quotaId', 'quota_full', seats.quotaSeats);
        throw AppError.field('CONFLICT', 'classId', 'capacity_full', locked.capacity);
      }
      status = 'waitlisted';
    }
    const [row] = await tx
      .insert(nominations)
      .values({
        classId,
        quotaId: n.quota?.id ?? null,
        personId: n.person.id,
        source: n.source,
        status,
        // The clock inside the class's lock: strictly increasing, so the waiting list has one order.
        waitlistedAt: status === 'waitlisted' ? sql`clock_timestamp()` : null,
        note: n.note,
        nominatedBy: ctx.actor?.id ?? null,
      })
      .returning({ id: nominations.id });
    const id = row?.id as string;
    await recordAudits(tx, ctx, [
      {
        action: n.source === 'self' ? 'nomination.register' : 'nomination.create',
        entityType: 'nomination',
        entityId: id,
        detail: { classId, personId: n.person.id, quotaId: n.quota?.id ?? null, status },
      },
    ]);
    return id;
  }

  /** The nomination (of this class) the actor may release, in a releasable status. */
  private async loadReleasable(
    tx: Executor,
    ctx: RequestContext,
    record: ClassRecord,
    nominationId: string,
    places: NominatorPlaces,
    kind: 'withdraw' | 'substitute',
  ) {
    const actor = requireActor(ctx.actor);
    const [n] = await tx
      .select({
        id: nominations.id,
        status: nominations.status,
        personId: nominations.personId,
        quotaId: nominations.quotaId,
        source: nominations.source,
        waitlistedAt: nominations.waitlistedAt,
        personUserId: people.userId,
      })
      .from(nominations)
      .innerJoin(people, eq(people.id, nominations.personId))
      .where(and(eq(nominations.id, nominationId), eq(nominations.classId, record.id)));
    if (!n) throw AppError.notFound();
    const quota = n.quotaId
      ? ((await quotaRecords(tx, record.id)).find((q) => q.id === n.quotaId) ?? null)
      : null;
    authorize(mayRelease(actor, places, record, { ...n, quota }, kind), `nomination.${kind}`, {
      type: 'nomination',
      id: n.id,
    });
    if (!isReleasable(n.status)) throw AppError.field('CONFLICT', 'status', 'not_releasable');
    return { ...n, quota };
  }

  /** Ends the person's enrollment in the class (when enrolled); returns its audit entry. */
  private async endEnrollment(tx: Executor, classId: string, personId: string, reason: string, now: Date) {
    const [ended] = await tx
      .update(enrollments)
      .set({ status: 'withdrawn', withdrawnAt: now, withdrawReason: reason, updatedAt: now })
      .where(
        and(
          eq(enrollments.classId, classId),
          eq(enrollments.personId, personId),
          eq(enrollments.status, 'enrolled'),
        ),
      )
      .returning({ id: enrollments.id });
    if (!ended) return null;
    return {
      action: 'enrollment.withdraw',
      entityType: 'enrollment',
      entityId: ended.id,
      changes: { status: ['enrolled', 'withdrawn'] } as Record<string, unknown>,
    };
  }

  /**
   * A write transaction; the partial unique index on active nominations is the last line of
   * defence against a person nominated twice, and its violation is the same 409 as the check.
   */
  private async write<T>(fn: (tx: Executor) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(fn);
    } catch (error) {
      const index = uniqueViolation(error);
      if (index === 'nominations_active_person_idx')
        throw AppError.field('CONFLICT', 'personId', 'already_nominated');
      throw error;
    }
  }
}
