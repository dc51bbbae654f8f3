import {
  type CreateUnitBody,
  diffFields,
  normalizeUscc,
  type Page,
  regionPrefix,
  type UnitListQuery,
  type UpdateUnitBody,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, ilike, inArray, isNull, like, ne, notExists, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { people, regions, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { shanghaiToday } from '../regions/validity.js';
import { escapeLike } from '../users/service.js';
import { unitScope } from './policy.js';
import { mergeUnits, moveUnit } from './restructure.js';

export type UnitRow = typeof units.$inferSelect;

/** A unit with what its view shows beside the row: names around it and counts below it. */
export interface UnitRecord {
  row: UnitRow;
  regionName: string | null;
  parentName: string | null;
  childCount: number;
  peopleCount: number;
  ancestors: { id: string; name: string }[];
}

const SORTABLE = {
  name: units.name,
  regionCode: units.regionCode,
  type: units.type,
  createdAt: units.createdAt,
  sortOrder: units.sortOrder,
} as const;

/** Tree roots a reader gets at most (a class director sees every top-level unit of the system). */
const MAX_ROOTS = 1000;

/** The ids of a materialised path `/a/b/c/`, root first. */
export function pathIds(path: string): string[] {
  return path.split('/').filter(Boolean);
}

/** Which unique index a write broke, if any (PostgreSQL 23505). */
export function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string; cause?: { code?: string; constraint?: string } };
  if (e?.code === '23505') return e.constraint ?? '';
  if (e?.cause?.code === '23505') return e.cause.constraint ?? '';
  return null;
}

/** Use cases of the units module: scoped lists and the tree, create, update, move, merge. */
export class UnitService {
  constructor(private readonly db: Db) {}

  async list(ctx: RequestContext, filter: UnitListQuery): Promise<Page<UnitRecord>> {
    const q = filter.q?.trim();
    const where = and(
      unitScope(ctx.actor, 'unit.read'),
      q ? or(ilike(units.name, `%${escapeLike(q)}%`), eq(units.uscc, normalizeUscc(q))) : undefined,
      filter.parentId ? eq(units.parentId, filter.parentId) : undefined,
      filter.regionCode ? like(units.regionCode, `${regionPrefix(filter.regionCode)}%`) : undefined,
      filter.type ? eq(units.type, filter.type) : undefined,
      filter.includeMerged ? undefined : eq(units.status, 'active'),
    );
    const sortKey = filter.sort?.replace(/^-/, '') as keyof typeof SORTABLE | undefined;
    const order = sortKey
      ? [filter.sort?.startsWith('-') ? desc(SORTABLE[sortKey]) : asc(SORTABLE[sortKey])]
      : [asc(units.sortOrder), asc(units.name)];
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(units)
        .where(where)
        .orderBy(...order, asc(units.id))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
      this.db.select({ n: count() }).from(units).where(where),
    ]);
    return {
      items: await this.describe(ctx, rows),
      total: Number(total?.n ?? 0),
      page: filter.page,
      pageSize: filter.pageSize,
    };
  }

  /** The topmost units the reader may see: in scope, with no parent or a parent out of scope. */
  async roots(ctx: RequestContext): Promise<UnitRecord[]> {
    const parent = alias(units, 'parent');
    const rows = await this.db
      .select()
      .from(units)
      .where(
        and(
          unitScope(ctx.actor, 'unit.read'),
          eq(units.status, 'active'),
          or(
            isNull(units.parentId),
            notExists(
              this.db
                .select({ one: sql`1` })
                .from(parent)
                .where(and(eq(parent.id, units.parentId), unitScope(ctx.actor, 'unit.read', parent))),
            ),
          ),
        ),
      )
      .orderBy(asc(units.sortOrder), asc(units.name), asc(units.id))
      .limit(MAX_ROOTS);
    return this.describe(ctx, rows);
  }

  /** One unit by id, whatever the reader's scope (routes authorize on it); NOT_FOUND when none. */
  async byId(id: string, exec: Executor = this.db): Promise<UnitRow> {
    const [row] = await exec.select().from(units).where(eq(units.id, id));
    if (!row) throw AppError.notFound();
    return row;
  }

  /** A unit a request body refers to (`parentId`, `targetId`): a field error when it does not exist. */
  async referenced(id: string, field: string): Promise<UnitRow> {
    const [row] = await this.db.select().from(units).where(eq(units.id, id));
    if (!row) throw AppError.field('VALIDATION_FAILED', field, 'unit_not_found');
    return row;
  }

  /**
   * Adds names and counts to rows with a fixed number of queries whatever the page size: one for
   * the names along the paths, one for regions, one grouped count each of children and people.
   */
  async describe(ctx: RequestContext, rows: UnitRow[], exec: Executor = this.db): Promise<UnitRecord[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const above = [...new Set(rows.flatMap((r) => pathIds(r.path).filter((id) => id !== r.id)))];
    const codes = [...new Set(rows.map((r) => r.regionCode))];
    // On a transaction (one connection) the queries run one after another; on the pool, together.
    const queries = [
      () =>
        above.length
          ? exec.select({ id: units.id, name: units.name }).from(units).where(inArray(units.id, above))
          : Promise.resolve([]),
      () =>
        exec
          .select({ code: regions.code, name: regions.name, nameZhTw: regions.nameZhTw })
          .from(regions)
          .where(inArray(regions.code, codes)),
      () =>
        exec
          .select({ parentId: units.parentId, n: count() })
          .from(units)
          .where(
            and(inArray(units.parentId, ids), eq(units.status, 'active'), unitScope(ctx.actor, 'unit.read')),
          )
          .groupBy(units.parentId),
      () =>
        exec
          .select({ unitId: people.unitId, n: count() })
          .from(people)
          .where(inArray(people.unitId, ids))
          .groupBy(people.unitId),
    ] as const;
    const [names, regionRows, children, members] =
      exec === this.db
        ? await Promise.all([queries[0](), queries[1](), queries[2](), queries[3]()])
        : [await queries[0](), await queries[1](), await queries[2](), await queries[3]()];
    const nameOf = new Map(names.map((n) => [n.id, n.name]));
    const regionName = new Map(regionRows.map((r) => [r.code, ctx.locale === 'zh-TW' ? r.nameZhTw : r.name]));
    const childCount = new Map(children.map((c) => [c.parentId, Number(c.n)]));
    const peopleCount = new Map(members.map((m) => [m.unitId, Number(m.n)]));
    return rows.map((row) => ({
      row,
      regionName: regionName.get(row.regionCode) ?? null,
      parentName: row.parentId ? (nameOf.get(row.parentId) ?? null) : null,
      childCount: childCount.get(row.id) ?? 0,
      peopleCount: peopleCount.get(row.id) ?? 0,
      ancestors: pathIds(row.path)
        .filter((id) => id !== row.id)
        .map((id) => ({ id, name: nameOf.get(id) ?? '' })),
    }));
  }

  /** Refuses a region that does not exist or is abolished (new records must use current codes). */
  async assertRegionUsable(code: string, exec: Executor = this.db): Promise<void> {
    const [region] = await exec
      .select({ validTo: regions.validTo })
      .from(regions)
      .where(eq(regions.code, code));
    if (!region) throw AppError.field('VALIDATION_FAILED', 'regionCode', 'region_not_found');
    if (region.validTo !== null && region.validTo <= shanghaiToday())
      throw AppError.field('VALIDATION_FAILED', 'regionCode', 'region_abolished');
  }

  /** CONFLICT on `name` or `uscc` when another unit already holds them (active siblings; any unit). */
  private async assertUnique(
    exec: Executor,
    unit: { id?: string; name: string; parentId: string | null; uscc: string | null },
    nameField = 'name',
  ): Promise<void> {
    const others = unit.id ? ne(units.id, unit.id) : undefined;
    const [sibling] = await exec
      .select({ id: units.id })
      .from(units)
      .where(
        and(
          unit.parentId ? eq(units.parentId, unit.parentId) : isNull(units.parentId),
          eq(units.name, unit.name),
          eq(units.status, 'active'),
          others,
        ),
      )
      .limit(1);
    if (sibling) throw AppError.field('CONFLICT', nameField, 'unit_name_taken');
    if (unit.uscc) {
      const [holder] = await exec
        .select({ id: units.id })
        .from(units)
        .where(and(eq(units.uscc, unit.uscc), others))
        .limit(1);
      if (holder) throw AppError.field('CONFLICT', 'uscc', 'uscc_taken');
    }
  }

  /** Maps a unique-index violation that slipped past the checks (a concurrent write) to its field. */
  private conflict(error: unknown, nameField = 'name'): unknown {
    const constraint = uniqueViolation(error);
    if (constraint === null) return error;
    return constraint === 'units_uscc_idx'
      ? AppError.field('CONFLICT', 'uscc', 'uscc_taken')
      : AppError.field('CONFLICT', nameField, 'unit_name_taken');
  }

  async create(ctx: RequestContext, body: CreateUnitBody, parent: UnitRow | null): Promise<UnitRecord> {
    if (parent && parent.status !== 'active')
      throw AppError.field('VALIDATION_FAILED', 'parentId', 'unit_merged');
    await this.assertRegionUsable(body.regionCode);
    const id = crypto.randomUUID();
    try {
      return await this.db.transaction(async (tx) => {
        await this.assertUnique(tx, { name: body.name, parentId: parent?.id ?? null, uscc: body.uscc });
        const [row] = await tx
          .insert(units)
          .values({
            id,
            name: body.name,
            uscc: body.uscc,
            type: body.type,
            regionCode: body.regionCode,
            parentId: parent?.id ?? null,
            path: `${parent?.path ?? '/'}${id}/`,
            sortOrder: body.sortOrder,
          })
          .returning();
        if (!row) throw new Error('insert returned nothing');
        await recordAudit(tx, ctx, {
          action: 'unit.create',
          entityType: 'unit',
          entityId: id,
          changes: {
            name: body.name,
            uscc: body.uscc,
            type: body.type,
            regionCode: body.regionCode,
            parentId: row.parentId,
          },
        });
        const [record] = await this.describe(ctx, [row], tx);
        return record as UnitRecord;
      });
    } catch (error) {
      throw this.conflict(error);
    }
  }

  async update(ctx: RequestContext, unit: UnitRow, patch: UpdateUnitBody): Promise<UnitRecord> {
    if (unit.status !== 'active') throw AppError.field('CONFLICT', 'id', 'unit_merged');
    const next = {
      name: patch.name ?? unit.name,
      uscc: patch.uscc === undefined ? unit.uscc : patch.uscc,
      type: patch.type ?? unit.type,
      regionCode: patch.regionCode ?? unit.regionCode,
      sortOrder: patch.sortOrder ?? unit.sortOrder,
    };
    if (next.regionCode !== unit.regionCode) await this.assertRegionUsable(next.regionCode);
    const changes = diffFields(unit, next);
    if (Object.keys(changes).length === 0) return (await this.describe(ctx, [unit]))[0] as UnitRecord;
    try {
      return await this.db.transaction(async (tx) => {
        await this.assertUnique(tx, {
          id: unit.id,
          name: next.name,
          parentId: unit.parentId,
          uscc: next.uscc,
        });
        const [row] = await tx
          .update(units)
          .set({ ...next, updatedAt: new Date() })
          .where(eq(units.id, unit.id))
          .returning();
        if (!row) throw AppError.notFound();
        await recordAudit(tx, ctx, { action: 'unit.update', entityType: 'unit', entityId: unit.id, changes });
        return (await this.describe(ctx, [row], tx))[0] as UnitRecord;
      });
    } catch (error) {
      throw this.conflict(error);
    }
  }

  /** Moves a unit (with its subtree) under another parent or to the top level; see restructure.ts. */
  async move(ctx: RequestContext, unit: UnitRow, parent: UnitRow | null): Promise<UnitRecord> {
    try {
      const row = await moveUnit(this.db, ctx, unit, parent, (tx, u) =>
        this.assertUnique(tx, { ...u, uscc: null }, 'parentId'),
      );
      return (await this.describe(ctx, [row]))[0] as UnitRecord;
    } catch (error) {
      throw this.conflict(error, 'parentId');
    }
  }

  /** Merges `source` into `target`: people and child units move, the source is marked merged. */
  async merge(ctx: RequestContext, source: UnitRow, target: UnitRow): Promise<UnitRecord> {
    try {
      const row = await mergeUnits(this.db, ctx, source, target);
      return (await this.describe(ctx, [row]))[0] as UnitRecord;
    } catch (error) {
      throw this.conflict(error, 'targetId');
    }
  }
}
