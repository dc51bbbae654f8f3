import type { Page, RegionListQuery } from '@ganxun/domain';
import { and, asc, count, desc, eq, exists, ilike, inArray, like, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db, Executor } from '../../db/client.js';
import { type RegionSeedReport, seedRegions } from '../../db/region-seed.js';
import { regions } from '../../db/schema/index.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { escapeLike } from '../users/service.js';
import { type ImportOptions, importRegions } from './import.js';
import { current, shanghaiToday } from './validity.js';

export type RegionRow = typeof regions.$inferSelect;

/** A region with whether it has (current) children, as lists and the tree picker need. */
export interface RegionNode {
  row: RegionRow;
  hasChildren: boolean;
}

const SORTABLE = { code: regions.code, name: regions.name } as const;

/** Use cases of the regions module: reading the tree, and updating it from a file. */
export class RegionService {
  constructor(private readonly db: Db) {}

  /** Seeds the shipped divisions once per package version (see db/region-seed.ts). */
  seed(): Promise<RegionSeedReport> {
    return seedRegions(this.db);
  }

  async list(filter: RegionListQuery, today = shanghaiToday()): Promise<Page<RegionNode>> {
    const q = filter.q?.trim();
    const where = and(
      filter.parentCode ? eq(regions.parentCode, filter.parentCode) : undefined,
      q
        ? /^\d+$/.test(q)
          ? like(regions.code, `${q}%`)
          : or(ilike(regions.name, `%${escapeLike(q)}%`), ilike(regions.nameZhTw, `%${escapeLike(q)}%`))
        : undefined,
      filter.level ? eq(regions.level, filter.level) : undefined,
      !filter.parentCode && !q && !filter.level ? eq(regions.level, 'province') : undefined,
      filter.includeAbolished ? undefined : current(regions.validTo, today),
    );
    const sortKey = (filter.sort?.replace(/^-/, '') ?? 'code') as keyof typeof SORTABLE;
    const order = filter.sort?.startsWith('-') ? desc(SORTABLE[sortKey]) : asc(SORTABLE[sortKey]);
    const [items, [total]] = await Promise.all([
      this.select(where, today, !!filter.includeAbolished)
        .orderBy(order, asc(regions.code))
        .limit(filter.pageSize)
        .offset((filter.page - 1) * filter.pageSize),
      this.db.select({ n: count() }).from(regions).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0), page: filter.page, pageSize: filter.pageSize };
  }

  /** One region (abolished ones too) with its ancestors, root first; NOT_FOUND when unknown. */
  async get(code: string, today = shanghaiToday()): Promise<{ node: RegionNode; ancestors: RegionNode[] }> {
    const [node] = await this.select(eq(regions.code, code), today, false);
    if (!node) throw AppError.notFound();
    const ancestors: RegionNode[] = [];
    let parent = node.row.parentCode;
    // At most two levels above a county; the bound guards against a cycle written by hand.
    for (let depth = 0; parent && depth < 4; depth++) {
      const [up] = await this.select(eq(regions.code, parent), today, false);
      if (!up) break;
      ancestors.unshift(up);
      parent = up.row.parentCode;
    }
    return { node, ancestors };
  }

  /** The rows of these codes, for other modules (units show region names). */
  async byCodes(codes: string[], exec: Executor = this.db): Promise<Map<string, RegionRow>> {
    if (codes.length === 0) return new Map();
    const rows = await exec
      .select()
      .from(regions)
      .where(inArray(regions.code, [...new Set(codes)]));
    return new Map(rows.map((r) => [r.code, r]));
  }

  /** Updates the table from a csv/xlsx list (see import.ts); one audit event. */
  import(ctx: RequestContext, file: { name: string; buffer: Buffer }, options: ImportOptions) {
    return importRegions(this.db, ctx, file, options);
  }

  private select(where: SQL | undefined, today: string, includeAbolished: boolean) {
    const child = alias(regions, 'child');
    const childWhere = and(
      eq(child.parentCode, regions.code),
      includeAbolished ? undefined : current(child.validTo, today),
    );
    return this.db
      .select({
        row: regions,
        hasChildren: sql<boolean>`${exists(this.db.select({ one: sql`1` }).from(child).where(childWhere))}`,
      })
      .from(regions)
      .where(where)
      .$dynamic();
  }
}
