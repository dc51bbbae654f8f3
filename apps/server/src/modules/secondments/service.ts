import {
  addDays,
  type CreateSecondmentBody,
  chinaDay,
  diffFields,
  type SecondmentActionBody,
  type SecondmentAlertCounts,
  type SecondmentDetailView,
  type SecondmentListQuery,
  type SecondmentView,
  secondmentTransition,
  type UpdateSecondmentBody,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { partnerships, people, secondmentEvents, secondments, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { Actor, RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { DictionaryService } from '../dictionaries/service.js';
import {
  reachesPartnership,
  reachesSecondment,
  type SecondmentPlace,
  secondmentScope,
} from '../partnerships/policy.js';
import { loadPartnerships } from '../partnerships/sides.js';
import { searchCondition } from '../people/query.js';
import { loadDetail } from './detail.js';
import { mayEdit, presentSecondments, type SecondmentRow } from './presenter.js';
import {
  checkSecondment,
  checkSecondmentInput,
  insertSecondments,
  overlapProblem,
  type SecondmentInput,
  storedWarnings,
} from './write.js';

export interface SecondmentServiceDeps {
  db: Db;
  cipher: FieldCipher;
  dictionaries: DictionaryService;
  /** Now (tests set it); "today" is the China day of it. */
  clock?: () => Date;
}

/** A secondment with what the policies need: its place and the secondee's account. */
export interface SecondmentRecord {
  row: SecondmentRow;
  place: SecondmentPlace;
  /** The account of the person seconded (people.user_id), if any. */
  secondeeUserId: string | null;
}

const SORTS = {
  plannedStart: secondments.plannedStart,
  plannedEnd: secondments.plannedEnd,
  status: secondments.status,
  personName: people.namePinyin,
} as const;

const OVERLAP = 'secondment_overlaps';

/** Field problems split into 400s and the one 409 (an overlapping term). */
export function throwProblems(problems: FieldProblem[]): void {
  const bad = problems.filter((p) => p.key !== OVERLAP);
  if (bad.length > 0) throw new AppError('VALIDATION_FAILED', { fields: bad });
  if (problems.length > 0) throw new AppError('CONFLICT', { fields: problems });
}

/** secondments (挂职交流): terms, changes, logs, talks, assessments, alerts (issue 7). */
export class SecondmentService {
  readonly db: Db;
  readonly cipher: FieldCipher;
  readonly dictionaries: DictionaryService;
  clock: () => Date;

  constructor(readonly deps: SecondmentServiceDeps) {
    this.db = deps.db;
    this.cipher = deps.cipher;
    this.dictionaries = deps.dictionaries;
    this.clock = deps.clock ?? (() => new Date());
  }

  /** The China day of now. */
  today(): string {
    return chinaDay(this.clock().getTime());
  }

  /** The secondment with its place; 404 when unknown. `forUpdate` locks its row. */
  async load(id: string, exec: Executor = this.db, forUpdate = false): Promise<SecondmentRecord> {
    if (forUpdate)
      await exec.select({ id: secondments.id }).from(secondments).where(eq(secondments.id, id)).for('update');
    const [r] = await exec
      .select({
        row: secondments,
        sideA: partnerships.sideARegionCode,
        sideB: partnerships.sideBRegionCode,
        secondeeUserId: people.userId,
      })
      .from(secondments)
      .innerJoin(partnerships, eq(partnerships.id, secondments.partnershipId))
      .innerJoin(people, eq(people.id, secondments.personId))
      .where(eq(secondments.id, id));
    if (!r) throw AppError.notFound();
    const unitRows = await exec
      .select({ id: units.id, path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(inArray(units.id, [r.row.homeUnitId, r.row.hostUnitId]));
    const unit = (uid: string) => unitRows.find((u) => u.id === uid) ?? { path: '', regionCode: '' };
    return {
      row: r.row,
      place: {
        partnership: { sideARegionCode: r.sideA, sideBRegionCode: r.sideB },
        homeUnit: unit(r.row.homeUnitId),
        hostUnit: unit(r.row.hostUnitId),
      },
      secondeeUserId: r.secondeeUserId,
    };
  }

  canRead(actor: Actor | null, record: SecondmentRecord): boolean {
    return !!actor && reachesSecondment(actor, 'secondment.read', record.place);
  }

  canEdit(actor: Actor | null, record: SecondmentRecord): boolean {
    return mayEdit(actor, record.place.partnership);
  }

  canApprove(actor: Actor | null, record: SecondmentRecord): boolean {
    return !!actor && reachesPartnership(actor, 'secondment.approve', record.place.partnership);
  }

  isSecondee(actor: Actor | null, record: SecondmentRecord): boolean {
    return !!actor && record.secondeeUserId === actor.id;
  }

  /** 404 when unknown, 403 (audited) when not reached. */
  async requireRead(ctx: RequestContext, id: string): Promise<SecondmentRecord> {
    requireActor(ctx.actor);
    const record = await this.load(id);
    authorize(this.canRead(ctx.actor, record), 'secondment.read', { type: 'secondment', id });
    return record;
  }

  /** A secondment the actor may change (secondment.edit on its pairing): 403 audited otherwise. */
  async requireEdit(ctx: RequestContext, id: string, exec: Executor = this.db, forUpdate = false) {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('secondment.edit'), 'secondment.edit', { type: 'secondment', id });
    const record = await this.load(id, exec, forUpdate);
    authorize(this.canEdit(actor, record), 'secondment.edit', { type: 'secondment', id });
    return record;
  }

  /** Views of rows for the reader. */
  async present(
    ctx: RequestContext,
    rows: SecondmentRow[],
    exec: Executor = this.db,
  ): Promise<SecondmentView[]> {
    return presentSecondments(exec, ctx.actor, ctx.locale, rows, this.today());
  }

  async view(ctx: RequestContext, id: string): Promise<SecondmentView> {
    const record = await this.load(id);
    const [v] = await this.present(ctx, [record.row]);
    return v as SecondmentView;
  }

  /** The detail view (changes, logs, assessments, talks, events). */
  async detail(ctx: RequestContext, record: SecondmentRecord): Promise<SecondmentDetailView> {
    const [fresh] = await this.db.select().from(secondments).where(eq(secondments.id, record.row.id));
    const [base] = await this.present(ctx, [fresh ?? record.row]);
    return loadDetail(this, ctx, { ...record, row: fresh ?? record.row }, base as SecondmentView);
  }

  // -------------------------------------------------------------------------------------------
  // Lists
  // -------------------------------------------------------------------------------------------

  /** The alert conditions as of today, in SQL. */
  private alertCondition(alert: 'ending_soon' | 'return_overdue' | 'start_overdue'): SQL {
    const today = this.today();
    const open = inArray(secondments.status, ['in_post', 'extended']);
    switch (alert) {
      case 'start_overdue':
        return sql`${secondments.status} = 'planned' and ${secondments.plannedStart} < ${today}`;
      case 'return_overdue':
        return and(open, sql`${secondments.plannedEnd} < ${today}`) as SQL;
      case 'ending_soon':
        return and(
          open,
          sql`${secondments.plannedEnd} >= ${today} and ${secondments.plannedEnd} <= ${addDays(today, 30)}`,
        ) as SQL;
    }
  }

  private listWhere(actor: Actor, q: Omit<SecondmentListQuery, 'page' | 'pageSize' | 'sort'>): SQL {
    const search = q.q ? searchCondition(this.cipher, q.q) : undefined;
    return and(
      secondmentScope(actor, this.db, 'secondment.read'),
      search
        ? inArray(secondments.personId, this.db.select({ id: people.id }).from(people).where(search))
        : undefined,
      q.partnershipId ? eq(secondments.partnershipId, q.partnershipId) : undefined,
      q.personId ? eq(secondments.personId, q.personId) : undefined,
      q.direction ? eq(secondments.direction, q.direction) : undefined,
      q.status ? eq(secondments.status, q.status) : undefined,
      q.category ? eq(secondments.category, q.category) : undefined,
      q.specialty ? eq(secondments.specialty, q.specialty) : undefined,
      q.form ? eq(secondments.form, q.form) : undefined,
      q.hostUnitId ? eq(secondments.hostUnitId, q.hostUnitId) : undefined,
      // A term of the year: its days (actual, else planned) meet the year; cancelled ones never.
      q.year
        ? sql`${secondments.status} <> 'cancelled'
            and coalesce(${secondments.actualStart}, ${secondments.plannedStart}) <= ${`${q.year}-12-31`}
            and coalesce(${secondments.actualEnd}, ${secondments.plannedEnd}) >= ${`${q.year}-01-01`}`
        : undefined,
      q.alert === 'any'
        ? (sql`(${this.alertCondition('start_overdue')} or ${this.alertCondition('return_overdue')} or ${this.alertCondition('ending_soon')})` as SQL)
        : q.alert
          ? this.alertCondition(q.alert)
          : undefined,
    ) as SQL;
  }

  async list(ctx: RequestContext, q: SecondmentListQuery) {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('secondment.read'), 'secondment.read', { type: 'secondment' });
    const where = this.listWhere(actor, q);
    const key = (q.sort?.replace(/^-/, '') ?? 'plannedStart') as keyof typeof SORTS;
    const column = SORTS[key];
    if (!column) throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown');
    const descending = q.sort ? q.sort.startsWith('-') : true;
    const dir = descending ? desc : asc;
    const [rows, [total]] = await Promise.all([
      this.db
        .select({ row: secondments })
        .from(secondments)
        .innerJoin(people, eq(people.id, secondments.personId))
        .where(where)
        .orderBy(dir(column), dir(secondments.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      this.db.select({ n: count() }).from(secondments).where(where),
    ]);
    return {
      items: await this.present(
        ctx,
        rows.map((r) => r.row),
      ),
      total: Number(total?.n ?? 0),
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  async alerts(ctx: RequestContext, partnershipId?: string): Promise<SecondmentAlertCounts> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('secondment.read'), 'secondment.read', { type: 'secondment' });
    const n = (alert: 'ending_soon' | 'return_overdue' | 'start_overdue') =>
      sql<number>`count(*) filter (where ${this.alertCondition(alert)})`.mapWith(Number);
    const [row] = await this.db
      .select({
        ending_soon: n('ending_soon'),
        return_overdue: n('return_overdue'),
        start_overdue: n('start_overdue'),
      })
      .from(secondments)
      .where(
        and(
          secondmentScope(actor, this.db, 'secondment.read'),
          inArray(secondments.status, ['planned', 'in_post', 'extended']),
          partnershipId ? eq(secondments.partnershipId, partnershipId) : undefined,
        ),
      );
    return {
      ending_soon: row?.ending_soon ?? 0,
      return_overdue: row?.return_overdue ?? 0,
      start_overdue: row?.start_overdue ?? 0,
    };
  }

  /** The actor's own secondments, newest first. */
  async mine(ctx: RequestContext): Promise<SecondmentView[]> {
    const actor = requireActor(ctx.actor);
    const rows = await this.db
      .select({ row: secondments })
      .from(secondments)
      .innerJoin(people, eq(people.id, secondments.personId))
      .where(eq(people.userId, actor.id))
      .orderBy(desc(secondments.plannedStart), desc(secondments.id));
    return this.present(
      ctx,
      rows.map((r) => r.row),
    );
  }

  /** One of the actor's own secondments; 404 for anyone else's. */
  async requireMine(ctx: RequestContext, id: string): Promise<SecondmentRecord> {
    const actor = requireActor(ctx.actor);
    const record = await this.load(id);
    if (record.secondeeUserId !== actor.id) throw AppError.notFound();
    return record;
  }

  // -------------------------------------------------------------------------------------------
  // Writes
  // -------------------------------------------------------------------------------------------

  /** Creates a term (checkSecondment, then insertSecondments under the person's lock). */
  async create(ctx: RequestContext, body: CreateSecondmentBody): Promise<string> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('secondment.edit'), 'secondment.create', { type: 'secondment' });
    const pairing = (await loadPartnerships(this.db, [body.partnershipId])).get(body.partnershipId);
    if (!pairing) throw AppError.field('VALIDATION_FAILED', 'partnershipId', 'partnership_not_found');
    authorize(mayEdit(actor, pairing), 'secondment.create', { type: 'partnership', id: pairing.id });
    let homeUnitId = body.homeUnitId;
    if (!homeUnitId) {
      const [person] = await this.db
        .select({ unitId: people.unitId })
        .from(people)
        .where(eq(people.id, body.personId));
      if (!person) throw AppError.field('VALIDATION_FAILED', 'personId', 'person_not_found');
      homeUnitId = person.unitId;
    }
    const input: SecondmentInput = { ...body, homeUnitId };
    const check = await checkSecondment(this.db, input, []);
    throwProblems(check.problems);
    const [id] = await this.db.transaction((tx) => insertSecondments(tx, ctx, [input]));
    return id as string;
  }

  /** Edits the details; dates only while planned. Re-checks sides, form and overlap. */
  async update(ctx: RequestContext, id: string, body: UpdateSecondmentBody): Promise<void> {
    const actor = requireActor(ctx.actor);
    await this.db.transaction(async (tx) => {
      const { row } = await this.requireEdit(ctx, id, tx, true);
      const datesChange =
        (body.plannedStart !== undefined && body.plannedStart !== row.plannedStart) ||
        (body.plannedEnd !== undefined && body.plannedEnd !== row.plannedEnd);
      if (datesChange && row.status !== 'planned')
        throw AppError.field('CONFLICT', 'plannedStart', 'term_started');
      const category = body.category ?? row.category;
      const specialty =
        body.specialty !== undefined ? body.specialty : category === 'cadre' ? null : row.specialty;
      const merged: SecondmentInput = {
        partnershipId: row.partnershipId,
        personId: row.personId,
        direction: body.direction ?? row.direction,
        form: body.form ?? row.form,
        category,
        specialty,
        homeUnitId: body.homeUnitId ?? row.homeUnitId,
        homePost: body.homePost !== undefined ? body.homePost : row.homePost,
        hostUnitId: body.hostUnitId ?? row.hostUnitId,
        hostPost: body.hostPost !== undefined ? body.hostPost : row.hostPost,
        fullTime: body.fullTime ?? row.fullTime,
        plannedStart: body.plannedStart ?? row.plannedStart,
        plannedEnd: body.plannedEnd ?? row.plannedEnd,
        mentor: body.mentor !== undefined ? body.mentor : row.mentor,
        partyTransfer: body.partyTransfer ?? row.partyTransfer,
        note: body.note !== undefined ? body.note : row.note,
      };
      if (datesChange) await this.lockPerson(tx, row.personId);
      const check = await checkSecondmentInput(tx, merged, [], id);
      const sidesChange = merged.direction !== row.direction;
      const relevant = check.problems.filter((p) => {
        if (p.key === 'partnership_ended') return false;
        if (p.key === OVERLAP) return datesChange;
        if (p.path === 'homeUnitId') return sidesChange || merged.homeUnitId !== row.homeUnitId;
        if (p.path === 'hostUnitId') return sidesChange || merged.hostUnitId !== row.hostUnitId;
        if (p.path === 'form') return merged.form !== row.form;
        return true;
      });
      throwProblems(relevant);
      const [person] = await tx
        .select({ category: people.category, specialty: people.specialty })
        .from(people)
        .where(eq(people.id, row.personId));
      const next = {
        direction: merged.direction,
        form: merged.form,
        category: merged.category,
        specialty: merged.specialty ?? null,
        homeUnitId: merged.homeUnitId,
        homePost: merged.homePost ?? null,
        hostUnitId: merged.hostUnitId,
        hostPost: merged.hostPost ?? null,
        fullTime: merged.fullTime ?? true,
        plannedStart: merged.plannedStart,
        plannedEnd: merged.plannedEnd,
        mentor: merged.mentor ?? null,
        partyTransfer: merged.partyTransfer ?? false,
        note: merged.note ?? null,
      };
      const changes = diffFields(row as Record<string, unknown>, next as Record<string, unknown>);
      if (Object.keys(changes).length === 0) return;
      await tx
        .update(secondments)
        .set({
          ...next,
          warnings: person ? storedWarnings(check.warnings, person) : row.warnings,
          updatedAt: new Date(),
        })
        .where(eq(secondments.id, id));
      await tx.insert(secondmentEvents).values({
        secondmentId: id,
        kind: 'updated',
        date: null,
        detail: { fields: Object.keys(changes) },
        actorId: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: 'secondment.update',
        entityType: 'secondment',
        entityId: id,
        changes,
      });
    });
  }

  /** Locks the person's row: overlap checks of one person run one at a time. */
  async lockPerson(tx: Executor, personId: string): Promise<void> {
    await tx.select({ id: people.id }).from(people).where(eq(people.id, personId)).for('update');
  }

  /** start / complete / cancel, with the day it happened. */
  async act(ctx: RequestContext, id: string, body: SecondmentActionBody): Promise<void> {
    const actor = requireActor(ctx.actor);
    const today = this.today();
    await this.db.transaction(async (tx) => {
      const { row } = await this.requireEdit(ctx, id, tx, true);
      const to = secondmentTransition(row.status, body.action);
      if (!to) throw AppError.field('CONFLICT', 'action', 'transition_not_allowed');
      const set: Partial<typeof secondments.$inferInsert> = { status: to, updatedAt: new Date() };
      let date: string | null = null;
      if (body.action === 'start') {
        date = body.date ?? today;
        const earliest = addDays(row.plannedStart, -30);
        if (date < earliest) throw AppError.field('VALIDATION_FAILED', 'date', 'start_too_early', earliest);
        if (date > row.plannedEnd)
          throw AppError.field('VALIDATION_FAILED', 'date', 'start_after_end', row.plannedEnd);
        if (date < row.plannedStart) {
          await this.lockPerson(tx, row.personId);
          const clash = await overlapProblem(tx, row.personId, { start: date, end: row.plannedEnd }, id);
          if (clash) throw new AppError('CONFLICT', { fields: [{ ...clash, path: 'date' }] });
        }
        set.actualStart = date;
      } else if (body.action === 'complete') {
        date = body.date ?? today;
        const start = row.actualStart ?? row.plannedStart;
        if (date < start) throw AppError.field('VALIDATION_FAILED', 'date', 'end_before_actual_start', start);
        if (date > row.plannedEnd) {
          await this.lockPerson(tx, row.personId);
          const clash = await overlapProblem(tx, row.personId, { start, end: date }, id);
          if (clash) throw new AppError('CONFLICT', { fields: [{ ...clash, path: 'date' }] });
        }
        set.actualEnd = date;
      }
      await tx.update(secondments).set(set).where(eq(secondments.id, id));
      const kind = { start: 'started', complete: 'completed', cancel: 'cancelled' }[body.action];
      await tx.insert(secondmentEvents).values({
        secondmentId: id,
        kind,
        date,
        detail: { from: row.status, to, ...(body.reason ? { reason: body.reason } : {}) },
        actorId: actor.id,
      });
      await recordAudit(tx, ctx, {
        action: `secondment.${body.action}`,
        entityType: 'secondment',
        entityId: id,
        changes: {
          status: [row.status, to],
          ...(set.actualStart ? { actualStart: [row.actualStart, set.actualStart] } : {}),
          ...(set.actualEnd ? { actualEnd: [row.actualEnd, set.actualEnd] } : {}),
        },
        detail: body.reason ? { reason: body.reason } : null,
      });
    });
  }

  /** Does another term of the person overlap `term` (used by extensions)? */
  async overlapFor(tx: Executor, row: SecondmentRow, term: { start: string; end: string }) {
    await this.lockPerson(tx, row.personId);
    return overlapProblem(tx, row.personId, term, row.id);
  }
}
