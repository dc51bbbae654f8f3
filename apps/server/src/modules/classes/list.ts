import type { ClassListQuery } from '@ganxun/domain';
import { and, asc, desc, eq, ilike, isNull, ne, or, type SQL, sql } from 'drizzle-orm';
import { classes } from '../../db/schema/index.js';
import type { Actor } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { escapeLike } from '../users/service.js';
import { type NominatorPlaces, nominateScope, openScope, readScope, runScope } from './policy.js';

const SORTABLE = {
  startDate: classes.startDate,
  code: classes.code,
  name: classes.name,
  createdAt: classes.createdAt,
} as const;
export const CLASS_SORTS = Object.keys(SORTABLE) as (keyof typeof SORTABLE)[];

/**
 * The classes a list shows: what the reader may read (policy.readScope), drafts only to those who
 * run them, then the filters. Filters never widen the scope.
 */
export function classWhere(actor: Actor | null, places: NominatorPlaces, query: ClassListQuery): SQL {
  const q = query.q?.trim();
  const like = q ? `%${escapeLike(q)}%` : null;
  return and(
    readScope(actor, places),
    or(ne(classes.status, 'draft'), runScope(actor, 'read')),
    like ? or(ilike(classes.name, like), ilike(classes.code, like)) : undefined,
    query.year ? eq(classes.year, query.year) : undefined,
    query.kind ? eq(classes.kind, query.kind) : undefined,
    query.status ? eq(classes.status, query.status) : undefined,
    query.organiserId
      ? or(
          eq(classes.leadOrganiserId, query.organiserId),
          sql`${query.organiserId}::uuid = any(${classes.coOrganiserIds})`,
        )
      : undefined,
    query.tag ? sql`${classes.tags} @> array[${query.tag}]::text[]` : undefined,
    query.nominating === 'true' && actor
      ? and(
          or(nominateScope(places), openScope(actor)),
          eq(classes.status, 'published'),
          or(isNull(classes.nominationDeadline), sql`${classes.nominationDeadline} > now()`),
        )
      : undefined,
  ) as SQL;
}

/** ORDER BY for `sort` (`field` or `-field`); newest start first by default; ties by code, then id. */
export function classOrder(sort: string | undefined): SQL[] {
  if (!sort) return [sql`${classes.startDate} desc nulls last`, desc(classes.code), asc(classes.id)];
  const key = sort.replace(/^-/, '');
  if (!(key in SORTABLE))
    throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown', CLASS_SORTS.join(', '));
  const column = SORTABLE[key as keyof typeof SORTABLE];
  const descending = sort.startsWith('-');
  return [
    descending ? sql`${column} desc nulls last` : sql`${column} asc nulls last`,
    descending ? desc(classes.code) : asc(classes.code),
    asc(classes.id),
  ];
}
