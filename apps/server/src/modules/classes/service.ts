import type { ClassStatus } from '@ganxun/domain';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { classes, units } from '../../db/schema/index.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { SettingsService } from '../settings/service.js';
import type { UnitPlace } from '../units/policy.js';
import {
  CLASS_PERMISSION,
  type ClassAction,
  type ClassPlace,
  type NominatorPlaces,
  nominatorPlaces,
  readScope,
  runs,
} from './policy.js';

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
}
