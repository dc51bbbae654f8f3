import type {
  ClassListQuery,
  ClassStatus,
  CloneClassBody,
  CreateClassBody,
  Page,
  TransitionBody,
  UpdateClassBody,
} from '@ganxun/domain';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor, Tx } from '../../db/client.js';
import { classEvents, classes, units, users } from '../../db/schema/index.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { SettingsService } from '../settings/service.js';
import { resolveTaskDueDates } from '../tasks/due.js';
import type { UnitPlace } from '../units/policy.js';
import { cloneClass } from './clone.js';
import { type ClassDetail, describeClasses } from './describe.js';
import { transitionClass } from './lifecycle.js';
import { classOrder, classWhere } from './list.js';
import {
  CLASS_PERMISSION,
  type ClassAction,
  type ClassPlace,
  mayOrganise,
  type NominatorPlaces,
  nominatorPlaces,
  readScope,
  runs,
} from './policy.js';
import { type ClassOrigin, insertClass, prepareCreate, updateClass } from './write.js';

export type ClassRow = typeof classes.$inferSelect;

/** A class row with the places of its organisers, as the policies need it. */
export interface ClassRecord extends ClassRow {
  place: ClassPlace;
}

export interface ClassServiceDeps {
  db: Db;
  dictionaries: DictionaryService;
  settings: SettingsService;
}

/**
 * Classes (班次): create, edit, lifecycle, clone, lists. Other modules of a class (quotas,
 * nominations, enrollments, rosters) load the class through `load`, `requireRead` and `requireRun`
 * here, so every one of them applies the same reach rules (policy.ts).
 */
export class ClassService {
  readonly db: Db;
  readonly dictionaries: DictionaryService;
  readonly settings: SettingsService;

  constructor(deps: ClassServiceDeps) {
    this.db = deps.db;
    this.dictionaries = deps.dictionaries;
    this.settings = deps.settings;
  }

  /** The class with its organisers' places; 404 when it does not exist. `forUpdate` locks the row. */
  async load(id: string, exec: Executor = this.db, forUpdate = false): Promise<ClassRecord> {
    const query = exec.select().from(classes).where(eq(classes.id, id));
    const [row] = forUpdate ? await query.for('update') : await query;
    if (!row) throw AppError.notFound();
    const ids = [
      row.leadOrganiserId,
      ...row.coOrganiserIds,
      ...(row.hostInstitutionId ? [row.hostInstitutionId] : []),
    ];
    const organisers: UnitPlace[] = await exec
      .select({ path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(inArray(units.id, ids));
    return {
      ...row,
      place: {
        id: row.id,
        status: row.status as ClassStatus,
        directorId: row.directorId,
        assistantIds: row.assistantIds,
        organisers,
      },
    };
  }

  /** The actor's nominating places (cached per request context). */
  async placesOf(ctx: RequestContext): Promise<NominatorPlaces> {
    const cache = ctx as RequestContext & { nominatorPlaces?: NominatorPlaces };
    cache.nominatorPlaces ??= await nominatorPlaces(this.db, ctx.actor);
    return cache.nominatorPlaces;
  }

  /** May the actor read this class (run it, nominate to it, take part, or register)? */
  async canRead(ctx: RequestContext, record: ClassRecord): Promise<boolean> {
    const actor = requireActor(ctx.actor);
    if (runs(actor, 'read', record.place)) return true;
    const places = await this.placesOf(ctx);
    const [hit] = await this.db
      .select({ one: sql<number>`1` })
      .from(classes)
      .where(and(eq(classes.id, record.id), readScope(actor, places)));
    return !!hit;
  }

  /** Loads a class the actor may read: 404 when missing, 403 (audited) when out of reach. */
  async requireRead(ctx: RequestContext, id: string): Promise<ClassRecord> {
    const record = await this.load(id);
    authorize(await this.canRead(ctx, record), 'class.read', { type: 'class', id });
    return record;
  }

  /**
   * Loads a class the actor runs for `action` (edit, approve, roster, export, contacts): a role
   * without the permission is denied before the look-up; out of reach is 403 (audited).
   */
  async requireRun(
    ctx: RequestContext,
    id: string,
    action: ClassAction,
    exec: Executor = this.db,
  ): Promise<ClassRecord> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has(CLASS_PERMISSION[action]), CLASS_PERMISSION[action], {
      type: 'class',
      id,
    });
    const record = await this.load(id, exec);
    authorize(runs(actor, action, record.place), CLASS_PERMISSION[action], { type: 'class', id });
    return record;
  }

  /** Describes rows for their views (names, counters, the reader's abilities), a page at a time. */
  async describe(ctx: RequestContext, rows: ClassRow[]): Promise<ClassDetail[]> {
    return describeClasses(this, ctx, await this.placesOf(ctx), rows);
  }

  /** One row described. */
  async detail(ctx: RequestContext, row: ClassRow): Promise<ClassDetail> {
    const [detail] = await this.describe(ctx, [row]);
    if (!detail) throw AppError.notFound();
    return detail;
  }

  /** A page of the classes the reader may see (list.ts), filtered and sorted in SQL. */
  async list(ctx: RequestContext, query: ClassListQuery): Promise<Page<ClassDetail>> {
    const where = classWhere(ctx.actor, await this.placesOf(ctx), query);
    const order = classOrder(query.sort);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(classes)
        .where(where)
        .orderBy(...order)
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      this.db.select({ n: count() }).from(classes).where(where),
    ]);
    return {
      items: await this.describe(ctx, rows),
      total: Number(total?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  /**
   * Creates a draft class (write.ts): references checked, the lead organiser within the actor's
   * reach, a code from the year's counter. `tx` lets a caller (a plan item being scheduled) make
   * it part of its own transaction; the checks then run on it.
   */
  async create(
    ctx: RequestContext,
    body: CreateClassBody,
    origin: ClassOrigin = {},
    tx?: Tx,
  ): Promise<ClassRow> {
    await prepareCreate(tx ?? this.db, ctx, body);
    if (tx) return insertClass(tx, ctx, body, origin);
    return this.db.transaction((t) => insertClass(t, ctx, body, origin));
  }

  /** Edits a class the caller has authorized (write.ts); the row is locked for the change. */
  async update(ctx: RequestContext, id: string, body: UpdateClassBody): Promise<ClassRow> {
    return this.db.transaction(async (tx) => {
      const row = await updateClass(tx, ctx, await this.load(id, tx, true), body);
      // The checklist's relative due days ("T−7") follow the class's dates (issue 9, tasks/due.ts).
      if (body.startDate !== undefined || body.endDate !== undefined) await resolveTaskDueDates(tx, id);
      return row;
    });
  }

  /** A lifecycle action (lifecycle.ts) on the locked class. */
  async transition(ctx: RequestContext, id: string, body: TransitionBody): Promise<ClassRow> {
    return this.db.transaction(async (tx) => transitionClass(tx, ctx, await this.load(id, tx, true), body));
  }

  /**
   * Copies a class as a new draft (clone.ts). The copy has the same lead organiser, so the actor
   * must be able to create a class of it (403, audited, otherwise).
   */
  async clone(ctx: RequestContext, source: ClassRecord, body: CloneClassBody): Promise<ClassRow> {
    const [lead] = await this.db
      .select({ path: units.path, regionCode: units.regionCode })
      .from(units)
      .where(eq(units.id, source.leadOrganiserId));
    authorize(!!lead && mayOrganise(requireActor(ctx.actor), lead), 'class.create', {
      type: 'class',
      id: source.id,
    });
    return this.db.transaction((tx) => cloneClass(tx, ctx, source, body));
  }

  /** The class's timeline, oldest first, with the actors' display names. */
  async events(id: string) {
    return this.db
      .select({
        id: classEvents.id,
        at: classEvents.at,
        kind: classEvents.kind,
        action: classEvents.action,
        fromStatus: classEvents.fromStatus,
        toStatus: classEvents.toStatus,
        reason: classEvents.reason,
        detail: classEvents.detail,
        actorName: users.displayName,
      })
      .from(classEvents)
      .leftJoin(users, eq(users.id, classEvents.actorId))
      .where(eq(classEvents.classId, id))
      .orderBy(asc(classEvents.at), asc(sql`${classEvents.kind} <> 'created'`));
  }
}
