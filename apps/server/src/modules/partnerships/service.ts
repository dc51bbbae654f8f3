import type {
  CreatePartnershipBody,
  LinkJointClassBody,
  Page,
  PartnershipListQuery,
  Permission,
  TalkBody,
  UpdatePartnershipBody,
} from '@ganxun/domain';
import { regionPrefix } from '@ganxun/domain';
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNull,
  lte,
  ne,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { partnershipClasses, partnerships, secondments } from '../../db/schema/index.js';
import { authorize, requireActor } from '../../platform/authorize.js';
import type { RequestContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { ClassService } from '../classes/service.js';
import { escapeLike } from '../users/service.js';
import { jointClasses, linkJointClass, unlinkJointClass } from './joint-classes.js';
import { partnershipScope, reachesPartnership } from './policy.js';
import { loadPartnerships, type PartnershipInfo } from './sides.js';
import { createTalk, deleteTalk, listTalks, type UpdateTalkBody, updateTalk } from './talks.js';
import { insertPartnership, type PartnershipRow, updatePartnership } from './write.js';

export type { PartnershipRow } from './write.js';

export interface PartnershipServiceDeps {
  db: Db;
  classes: ClassService;
}

/** A pairing as its view needs it: the row, its named sides, its counts and the reader's ability. */
export interface PartnershipDetail {
  row: PartnershipRow;
  info: PartnershipInfo;
  counts: { secondments: number; inPost: number; jointClasses: number };
  canEdit: boolean;
}

const SORTABLE = {
  name: partnerships.name,
  startYear: partnerships.startYear,
} as const;
export const PARTNERSHIP_SORTS = Object.keys(SORTABLE) as (keyof typeof SORTABLE)[];

/** ORDER BY for `sort`; by default the newest pairings first, then by name. */
function partnershipOrder(sort: string | undefined): SQL[] {
  if (!sort) return [desc(partnerships.startYear), asc(partnerships.name), asc(partnerships.id)];
  const key = sort.replace(/^-/, '');
  if (!(key in SORTABLE))
    throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown', PARTNERSHIP_SORTS.join(', '));
  const column = SORTABLE[key as keyof typeof SORTABLE];
  const primary = sort.startsWith('-') ? desc(column) : asc(column);
  return key === 'name'
    ? [primary, desc(partnerships.startYear), asc(partnerships.id)]
    : [primary, asc(partnerships.name), asc(partnerships.id)];
}

/**
 * Pairings (结对协作), their joint classes (联合办班) and follow-up talks (座谈交流). Reach is
 * policy.ts: reading needs partnership.read and a side in the reader's region subtree (else 404,
 * the pairing's existence is not revealed); writing needs partnership.edit on it (403, audited).
 */
export class PartnershipService {
  readonly db: Db;
  readonly classes: ClassService;

  constructor(deps: PartnershipServiceDeps) {
    this.db = deps.db;
    this.classes = deps.classes;
  }

  /**
   * The pairing the actor reads: 403 (audited) without partnership.read, 404 when it does not
   * exist or lies outside the reader's scope. With `edit`, also 403 without partnership.edit on it.
   */
  async require(
    ctx: RequestContext,
    id: string,
    permission: Permission = 'partnership.read',
    exec: Executor = this.db,
  ): Promise<PartnershipRow> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has(permission), permission, { type: 'partnership', id });
    const [row] = await exec
      .select()
      .from(partnerships)
      .where(and(eq(partnerships.id, id), partnershipScope(actor, 'partnership.read')));
    if (!row) throw AppError.notFound();
    if (permission !== 'partnership.read')
      authorize(reachesPartnership(actor, permission, row), permission, { type: 'partnership', id });
    return row;
  }

  /** Rows described for their views: sides named (sides.ts), counts computed in SQL. */
  async describe(ctx: RequestContext, rows: PartnershipRow[]): Promise<PartnershipDetail[]> {
    if (rows.length === 0) return [];
    const actor = requireActor(ctx.actor);
    const ids = rows.map((r) => r.id);
    const [infos, terms, joint] = await Promise.all([
      loadPartnerships(this.db, ids),
      this.db
        .select({
          id: secondments.partnershipId,
          total: count(),
          inPost: sql<number>`count(*) filter (where ${secondments.status} in ('in_post', 'extended'))`,
        })
        .from(secondments)
        .where(and(inArray(secondments.partnershipId, ids), ne(secondments.status, 'cancelled')))
        .groupBy(secondments.partnershipId),
      this.db
        .select({ id: partnershipClasses.partnershipId, total: count() })
        .from(partnershipClasses)
        .where(inArray(partnershipClasses.partnershipId, ids))
        .groupBy(partnershipClasses.partnershipId),
    ]);
    const termCounts = new Map(terms.map((t) => [t.id, t]));
    const jointCounts = new Map(joint.map((j) => [j.id, Number(j.total)]));
    return rows.flatMap((row) => {
      const info = infos.get(row.id);
      if (!info) return [];
      const t = termCounts.get(row.id);
      return [
        {
          row,
          info,
          counts: {
            secondments: Number(t?.total ?? 0),
            inPost: Number(t?.inPost ?? 0),
            jointClasses: jointCounts.get(row.id) ?? 0,
          },
          canEdit: reachesPartnership(actor, 'partnership.edit', row),
        },
      ];
    });
  }

  async detail(ctx: RequestContext, row: PartnershipRow): Promise<PartnershipDetail> {
    const [d] = await this.describe(ctx, [row]);
    if (!d) throw AppError.notFound();
    return d;
  }

  /** A page of the pairings the reader reaches, filtered and sorted in SQL. */
  async list(ctx: RequestContext, query: PartnershipListQuery): Promise<Page<PartnershipDetail>> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('partnership.read'), 'partnership.read', { type: 'partnership' });
    const q = query.q?.trim();
    const prefix = query.regionCode ? `${regionPrefix(query.regionCode)}%` : null;
    const where = and(
      partnershipScope(actor, 'partnership.read'),
      q ? ilike(partnerships.name, `%${escapeLike(q)}%`) : undefined,
      query.programme ? eq(partnerships.programme, query.programme) : undefined,
      query.status ? eq(partnerships.status, query.status) : undefined,
      prefix
        ? or(
            sql`${partnerships.sideARegionCode} like ${prefix}`,
            sql`${partnerships.sideBRegionCode} like ${prefix}`,
          )
        : undefined,
      query.year
        ? and(
            lte(partnerships.startYear, query.year),
            or(isNull(partnerships.endYear), gte(partnerships.endYear, query.year)),
          )
        : undefined,
    ) as SQL;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(partnerships)
        .where(where)
        .orderBy(...partnershipOrder(query.sort))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      this.db.select({ n: count() }).from(partnerships).where(where),
    ]);
    return {
      items: await this.describe(ctx, rows),
      total: Number(total?.n ?? 0),
      page: query.page,
      pageSize: query.pageSize,
    };
  }

  async create(ctx: RequestContext, body: CreatePartnershipBody): Promise<PartnershipRow> {
    const actor = requireActor(ctx.actor);
    authorize(actor.permissions.has('partnership.edit'), 'partnership.create', { type: 'partnership' });
    return this.db.transaction((tx) => insertPartnership(tx, ctx, body));
  }

  /** Edits a pairing the actor may edit; the row is locked for the change (write.ts). */
  async update(ctx: RequestContext, id: string, body: UpdatePartnershipBody): Promise<PartnershipRow> {
    await this.require(ctx, id, 'partnership.edit');
    return this.db.transaction(async (tx) => {
      const [row] = await tx.select().from(partnerships).where(eq(partnerships.id, id)).for('update');
      if (!row) throw AppError.notFound();
      return updatePartnership(tx, ctx, row, body);
    });
  }

  // Joint classes (joint-classes.ts).
  jointClasses(partnershipId: string) {
    return jointClasses(this.db, partnershipId);
  }

  linkClass(ctx: RequestContext, partnership: PartnershipRow, body: LinkJointClassBody) {
    return linkJointClass(this, ctx, partnership, body);
  }

  unlinkClass(ctx: RequestContext, partnership: PartnershipRow, classId: string) {
    return this.db.transaction((tx) => unlinkJointClass(tx, ctx, partnership, classId));
  }

  // Follow-up talks (talks.ts).
  talks(partnershipId: string) {
    return listTalks(this.db, partnershipId);
  }

  createTalk(ctx: RequestContext, partnership: PartnershipRow, body: TalkBody) {
    return this.db.transaction((tx) => createTalk(tx, ctx, partnership, body));
  }

  updateTalk(ctx: RequestContext, partnership: PartnershipRow, talkId: string, body: UpdateTalkBody) {
    return this.db.transaction((tx) => updateTalk(tx, ctx, partnership, talkId, body));
  }

  deleteTalk(ctx: RequestContext, partnership: PartnershipRow, talkId: string) {
    return this.db.transaction((tx) => deleteTalk(tx, ctx, partnership, talkId));
  }
}
