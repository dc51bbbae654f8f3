import type {
  EnrollmentView,
  GroupView,
  MyClassView,
  Page,
  RosterSummary,
  UpdateEnrollmentBody,
  WithdrawBody,
} from '@ganxun/domain';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { classGroups, enrollments, nominations, people } from '../../db/schema/index.js';
import { type AuditEntry, recordAudit, recordAudits } from '../../platform/audit.js';
import { requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassRecord, ClassService } from '../classes/service.js';
import { shanghaiTime } from '../nominations/policy.js';
import { promoteWaitlist } from '../nominations/seats.js';
import { createGroup, deleteGroup, type GroupBody, type GroupPatch, updateGroup } from './groups.js';
import { myClasses } from './me.js';
import { presentEnrollment, presentGroup } from './presenter.js';
import { type EnrollmentQuery, enrollmentPage, enrollmentsByIds, groupRows } from './query.js';

export interface EnrollmentServiceDeps {
  db: Db;
  classes: ClassService;
}

/** Class statuses in which the roster (groups, roles, arrivals, 报到, 退学) may change. */
export const ROSTER_STATUSES = ['published', 'nominations_closed', 'in_progress'];

/**
 * Enrollments (学员): the roster of approved trainees with their groups (小组), class roles (班长,
 * 组长), arrival details, arrival registration (报到) and withdrawal (退学); and a trainee's own
 * classes. Writes lock the class row, like nominations, so role uniqueness and the waiting list
 * stay consistent.
 */
export class EnrollmentService {
  readonly db: Db;
  readonly classes: ClassService;

  constructor(deps: EnrollmentServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
  }

  async list(
    ctx: RequestContext,
    record: ClassRecord,
    query: EnrollmentQuery,
  ): Promise<Page<EnrollmentView> & { summary: RosterSummary }> {
    const { rows, total } = await enrollmentPage(this.db, record.id, query);
    const [summary] = await this.db
      .select({
        enrolled: sql<number>`(count(*) filter (where ${enrollments.status} = 'enrolled'))::int`,
        checkedIn: sql<number>`(count(*) filter (where ${enrollments.status} = 'enrolled' and ${enrollments.checkedInAt} is not null))::int`,
        withdrawn: sql<number>`(count(*) filter (where ${enrollments.status} = 'withdrawn'))::int`,
      })
      .from(enrollments)
      .where(eq(enrollments.classId, record.id));
    return {
      items: rows.map((r) => presentEnrollment(r, ctx.locale)),
      total,
      page: query.page,
      pageSize: query.pageSize,
      summary: summary ?? { enrolled: 0, checkedIn: 0, withdrawn: 0 },
    };
  }

  async view(ctx: RequestContext, id: string): Promise<EnrollmentView> {
    const [row] = await enrollmentsByIds(this.db, [id]);
    if (!row) throw AppError.notFound();
    return presentEnrollment(row, ctx.locale);
  }

  /** Group, class role, arrival and accommodation; 班长 is one per class, 组长 one per group. */
  async update(
    ctx: RequestContext,
    classId: string,
    enrollmentId: string,
    body: UpdateEnrollmentBody,
  ): Promise<EnrollmentView> {
    await this.db.transaction(async (tx) => {
      const e = await this.loadEnrolled(tx, classId, enrollmentId);
      const groupId = body.groupId !== undefined ? body.groupId : e.groupId;
      const role = body.role ?? e.role;
      if (body.groupId) {
        const [group] = await tx
          .select({ id: classGroups.id })
          .from(classGroups)
          .where(and(eq(classGroups.id, body.groupId), eq(classGroups.classId, classId)));
        if (!group) throw AppError.field('VALIDATION_FAILED', 'groupId', 'group_not_found');
      }
      if (role === 'group_leader' && !groupId)
        throw AppError.field('VALIDATION_FAILED', 'role', 'group_required');
      if (role !== e.role || groupId !== e.groupId) {
        const holder =
          role === 'monitor'
            ? await roleHolder(
                tx,
                and(eq(enrollments.classId, classId), eq(enrollments.role, 'monitor')),
                e.id,
              )
            : role === 'group_leader' && groupId
              ? await roleHolder(
                  tx,
                  and(eq(enrollments.groupId, groupId), eq(enrollments.role, 'group_leader')),
                  e.id,
                )
              : null;
        if (holder) throw AppError.field('CONFLICT', 'role', 'role_taken', holder);
      }
      const next = {
        ...body,
        arrivalAt:
          body.arrivalAt === undefined ? undefined : body.arrivalAt ? new Date(body.arrivalAt) : null,
      };
      const changes: Record<string, [unknown, unknown]> = {};
      for (const [key, value] of Object.entries(next)) {
        if (value === undefined) continue;
        const before = e[key as keyof typeof e];
        const a = before instanceof Date ? before.toISOString() : before;
        const b = value instanceof Date ? value.toISOString() : value;
        if (a !== b) changes[key] = [a ?? null, b ?? null];
      }
      if (Object.keys(changes).length === 0) return;
      await tx
        .update(enrollments)
        .set({ ...next, updatedAt: new Date() })
        .where(eq(enrollments.id, e.id));
      await recordAudit(tx, ctx, {
        action: 'enrollment.update',
        entityType: 'enrollment',
        entityId: e.id,
        changes,
      });
    });
    return this.view(ctx, enrollmentId);
  }

  /** Arrival registration (报到): once. */
  async checkIn(ctx: RequestContext, classId: string, enrollmentId: string): Promise<EnrollmentView> {
    const actor = requireActor(ctx.actor);
    await this.db.transaction(async (tx) => {
      const e = await this.loadEnrolled(tx, classId, enrollmentId);
      if (e.checkedInAt)
        throw AppError.field('CONFLICT', 'checkedInAt', 'already_checked_in', shanghaiTime(e.checkedInAt));
      const now = new Date();
      await tx
        .update(enrollments)
        .set({ checkedInAt: now, checkedInBy: actor.id, updatedAt: now })
        .where(eq(enrollments.id, e.id));
      await recordAudit(tx, ctx, {
        action: 'enrollment.checkin',
        entityType: 'enrollment',
        entityId: e.id,
        changes: { checkedInAt: [null, now.toISOString()] },
      });
    });
    return this.view(ctx, enrollmentId);
  }

  /** Withdrawal (退学) with a reason: the nomination ends too, and its seat goes to the waiting list. */
  async withdraw(
    ctx: RequestContext,
    classId: string,
    enrollmentId: string,
    body: WithdrawBody,
  ): Promise<EnrollmentView> {
    await this.db.transaction(async (tx) => {
      const record = await this.classes.load(classId, tx, true);
      const e = await this.loadEnrolled(tx, classId, enrollmentId, record);
      const now = new Date();
      await tx
        .update(enrollments)
        .set({ status: 'withdrawn', withdrawnAt: now, withdrawReason: body.reason, updatedAt: now })
        .where(eq(enrollments.id, e.id));
      const audits: AuditEntry[] = [
        {
          action: 'enrollment.withdraw',
          entityType: 'enrollment',
          entityId: e.id,
          changes: { status: ['enrolled', 'withdrawn'] },
          detail: { reason: body.reason },
        },
      ];
      const [nomination] = e.nominationId
        ? await tx
            .update(nominations)
            .set({ status: 'withdrawn', decisionReason: body.reason, updatedAt: now })
            .where(and(eq(nominations.id, e.nominationId), eq(nominations.status, 'approved')))
            .returning({ id: nominations.id, quotaId: nominations.quotaId })
        : [];
      if (nomination)
        audits.push({
          action: 'nomination.withdraw',
          entityType: 'nomination',
          entityId: nomination.id,
          changes: { status: ['approved', 'withdrawn'] },
          detail: { reason: body.reason, enrollmentId: e.id },
        });
      await recordAudits(tx, ctx, audits);
      if (nomination) await promoteWaitlist(tx, ctx, record, nomination.quotaId);
    });
    return this.view(ctx, enrollmentId);
  }

  async groups(classId: string): Promise<GroupView[]> {
    return (await groupRows(this.db, classId)).map(presentGroup);
  }

  async group(classId: string, groupId: string): Promise<GroupView> {
    const [row] = await groupRows(this.db, classId, groupId);
    if (!row) throw AppError.notFound();
    return presentGroup(row);
  }

  async createGroup(ctx: RequestContext, classId: string, body: GroupBody): Promise<GroupView> {
    const id = await this.db.transaction(async (tx) => {
      await this.lockRoster(tx, classId);
      return createGroup(tx, ctx, classId, body);
    });
    return this.group(classId, id);
  }

  async updateGroup(
    ctx: RequestContext,
    classId: string,
    groupId: string,
    body: GroupPatch,
  ): Promise<GroupView> {
    await this.db.transaction(async (tx) => {
      await this.lockRoster(tx, classId);
      await updateGroup(tx, ctx, classId, groupId, body);
    });
    return this.group(classId, groupId);
  }

  async deleteGroup(ctx: RequestContext, classId: string, groupId: string): Promise<void> {
    await this.db.transaction(async (tx) => {
      await this.lockRoster(tx, classId);
      await deleteGroup(tx, ctx, classId, groupId);
    });
  }

  /** GET /me/classes: the actor's own nominations and enrollments. */
  async myClasses(ctx: RequestContext): Promise<MyClassView[]> {
    return myClasses(this.db, requireActor(ctx.actor).id, ctx.locale);
  }

  /** Locks the class and checks that its roster may change. */
  private async lockRoster(tx: Executor, classId: string): Promise<ClassRecord> {
    const record = await this.classes.load(classId, tx, true);
    if (!ROSTER_STATUSES.includes(record.status))
      throw AppError.field('CONFLICT', 'classId', 'class_status_locked');
    return record;
  }

  /** The enrollment (of this class, enrolled) under the class's lock. */
  private async loadEnrolled(tx: Executor, classId: string, enrollmentId: string, locked?: ClassRecord) {
    if (!locked) await this.lockRoster(tx, classId);
    else if (!ROSTER_STATUSES.includes(locked.status))
      throw AppError.field('CONFLICT', 'classId', 'class_status_locked');
    const [e] = await tx
      .select()
      .from(enrollments)
      .where(and(eq(enrollments.id, enrollmentId), eq(enrollments.classId, classId)));
    if (!e) throw AppError.notFound();
    if (e.status !== 'enrolled') throw AppError.field('CONFLICT', 'status', 'enrollment_withdrawn');
    return e;
  }
}

/** The name of another enrolled trainee holding a role (where `scope` says), if any. */
async function roleHolder(
  tx: Executor,
  scope: ReturnType<typeof and>,
  exceptId: string,
): Promise<string | null> {
  const [holder] = await tx
    .select({ name: people.name })
    .from(enrollments)
    .innerJoin(people, eq(people.id, enrollments.personId))
    .where(and(scope, eq(enrollments.status, 'enrolled'), ne(enrollments.id, exceptId)))
    .limit(1);
  return holder?.name ?? null;
}
