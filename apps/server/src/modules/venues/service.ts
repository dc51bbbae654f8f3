import {
  type CreateVenueBody,
  type Page,
  regionPrefix,
  type UpdateVenueBody,
  type VenueListQuery,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, gte, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { regions, units, venues } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { checkReferences, type ReferencedUnit } from '../classes/references.js';
import { isUniqueViolation } from '../people/service.js';
import { escapeLike } from '../users/service.js';

export type VenueRow = typeof venues.$inferSelect;

/** A stored venue with its owner unit (for the edit policy and the view) and its city's names. */
export interface VenueRecord {
  row: VenueRow;
  owner: ReferencedUnit;
  city: { name: string; nameZhTw: string } | null;
}

export interface VenueServiceDeps {
  db: Db;
}

const SORTS = { name: venues.name, capacity: venues.capacity } as const;

/** The fields written as sent. */
const FIELDS = [
  'kind',
  'name',
  'ownerUnitId',
  'capacity',
  'building',
  'equipment',
  'address',
  'cityCode',
  'liveUrl',
  'replayUrl',
  'note',
  'status',
] as const;

const ownerColumns = {
  id: units.id,
  name: units.name,
  path: units.path,
  regionCode: units.regionCode,
  status: units.status,
};

/** Teaching venues: list (every reader sees all), read, create, update. Who may edit: policy.ts. */
export class VenueService {
  readonly db: Db;

  constructor(deps: VenueServiceDeps) {
    this.db = deps.db;
  }

  async list(query: VenueListQuery): Promise<Page<VenueRecord>> {
    const q = query.q?.trim();
    const pattern = q ? `%${escapeLike(q)}%` : null;
    const where = and(
      pattern
        ? or(ilike(venues.name, pattern), ilike(venues.building, pattern), ilike(venues.address, pattern))
        : undefined,
      query.kind ? eq(venues.kind, query.kind) : undefined,
      query.ownerUnitId ? eq(venues.ownerUnitId, query.ownerUnitId) : undefined,
      query.cityCode ? sql`${venues.cityCode} like ${`${regionPrefix(query.cityCode)}%`}` : undefined,
      query.minCapacity ? gte(venues.capacity, query.minCapacity) : undefined,
      query.status ? eq(venues.status, query.status) : undefined,
    );
    const [items, [total]] = await Promise.all([
      this.select(this.db)
        .where(where)
        .orderBy(...order(query.sort))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      this.db.select({ n: count() }).from(venues).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
  }

  async load(id: string, exec: Executor = this.db): Promise<VenueRecord> {
    const [record] = await this.select(exec).where(eq(venues.id, id));
    if (!record) throw AppError.notFound();
    return record;
  }

  /**
   * The unit a venue is to belong to: it must exist (400 `unit_not_found`) and be active (400
   * `unit_merged`). Whether the writer reaches it is the route's question.
   */
  async ownerForWrite(unitId: string): Promise<ReferencedUnit> {
    const [unit] = await this.db.select(ownerColumns).from(units).where(eq(units.id, unitId));
    if (!unit) throw AppError.field('VALIDATION_FAILED', 'ownerUnitId', 'unit_not_found');
    if (unit.status !== 'active') throw AppError.field('VALIDATION_FAILED', 'ownerUnitId', 'unit_merged');
    return unit;
  }

  async create(ctx: RequestContext, body: CreateVenueBody): Promise<VenueRecord> {
    await this.checkCity(body.cityCode);
    try {
      const id = await this.db.transaction(async (tx) => {
        const [row] = await tx.insert(venues).values(body).returning();
        if (!row) throw new Error('insert returned nothing');
        const changes: Record<string, unknown> = {};
        for (const field of FIELDS) changes[field] = row[field];
        await recordAudit(tx, ctx, {
          action: 'venue.create',
          entityType: 'venue',
          entityId: row.id,
          changes,
        });
        return row.id;
      });
      return await this.load(id);
    } catch (error) {
      throw conflictOf(error);
    }
  }

  /** Writes the fields sent; the merged venue must still name a city when it is a field site. */
  async update(ctx: RequestContext, record: VenueRecord, patch: UpdateVenueBody): Promise<VenueRecord> {
    const { row } = record;
    const set: Partial<typeof venues.$inferInsert> = {};
    const changes: Record<string, unknown> = {};
    for (const field of FIELDS) {
      const to = patch[field];
      if (to === undefined || JSON.stringify(to) === JSON.stringify(row[field])) continue;
      changes[field] = [row[field], to];
      Object.assign(set, { [field]: to });
    }
    const kind = patch.kind ?? row.kind;
    const cityCode = patch.cityCode !== undefined ? patch.cityCode : row.cityCode;
    if (kind === 'field_site' && !cityCode)
      throw AppError.field('VALIDATION_FAILED', 'cityCode', 'city_required');
    if (Object.keys(changes).length === 0) return record;
    if ('cityCode' in changes) await this.checkCity(cityCode);
    try {
      await this.db.transaction(async (tx) => {
        await tx
          .update(venues)
          .set({ ...set, updatedAt: new Date() })
          .where(eq(venues.id, row.id));
        await recordAudit(tx, ctx, {
          action: 'venue.update',
          entityType: 'venue',
          entityId: row.id,
          changes,
        });
      });
    } catch (error) {
      throw conflictOf(error);
    }
    return this.load(row.id);
  }

  /** 400 `region_not_found` / `region_abolished` on `cityCode` (the checks classes use). */
  private async checkCity(cityCode: string | null): Promise<void> {
    if (!cityCode) return;
    const { problems } = await checkReferences(this.db, { cityCode });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }

  private select(exec: Executor) {
    return exec
      .select({
        row: venues,
        owner: ownerColumns,
        city: { name: regions.name, nameZhTw: regions.nameZhTw },
      })
      .from(venues)
      .innerJoin(units, eq(units.id, venues.ownerUnitId))
      .leftJoin(regions, eq(regions.code, venues.cityCode))
      .$dynamic();
  }
}

/** ORDER BY for `sort` (`name`, default; `capacity`, unknown capacities last), ties by id. */
function order(sort: string | undefined): SQL[] {
  const key = (sort ?? 'name').replace(/^-/, '');
  if (!(key in SORTS))
    throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown', Object.keys(SORTS).join(', '));
  const column = SORTS[key as keyof typeof SORTS];
  const descending = sort?.startsWith('-') ?? false;
  return descending
    ? [sql`${column} desc nulls last`, desc(venues.id)]
    : [sql`${column} asc nulls last`, asc(venues.id)];
}

/** The unique index on (owner unit, name): one name per owner. */
function conflictOf(error: unknown): unknown {
  return isUniqueViolation(error) ? AppError.field('CONFLICT', 'name', 'venue_name_taken') : error;
}
