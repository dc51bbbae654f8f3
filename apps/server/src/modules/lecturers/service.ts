import {
  type CreateLecturerBody,
  type LecturerListQuery,
  maskPhone,
  normalizeMobile,
  type Page,
  type UpdateLecturerBody,
} from '@ganxun/domain';
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { lecturers, people, units } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError } from '../../platform/errors.js';
import type { PersonPlace } from '../people/policy.js';
import { namePinyin } from '../people/record.js';
import { isUniqueViolation } from '../people/service.js';
import { escapeLike } from '../users/service.js';

export type LecturerRow = typeof lecturers.$inferSelect;

/** A stored lecturer with the name of the person it links to: what routes load and present. */
export interface LecturerRecord {
  row: LecturerRow;
  personName: string | null;
}

/** A person a lecturer is to be linked to: where they are (for the people policy) and their name. */
export interface LinkedPerson extends PersonPlace {
  id: string;
  name: string;
}

export interface LecturerServiceDeps {
  db: Db;
  cipher: FieldCipher;
}

const SORTS = { name: lecturers.namePinyin, createdAt: lecturers.createdAt } as const;
const LATIN = /^[a-z\s]+$/i;

/** The fields stored as they are (neither encrypted nor derived). */
const PLAIN = [
  'kind',
  'name',
  'affiliation',
  'title',
  'expertise',
  'email',
  'biography',
  'personId',
  'status',
] as const;

/**
 * The lecturer pool (师资库), one for the whole platform: list, read, create, update. The mobile
 * number is kept as people's is (encrypted, keyed hash, masked form); nothing here decrypts it.
 */
export class LecturerService {
  readonly db: Db;
  readonly cipher: FieldCipher;

  constructor(deps: LecturerServiceDeps) {
    this.db = deps.db;
    this.cipher = deps.cipher;
  }

  async list(query: LecturerListQuery): Promise<Page<LecturerRecord>> {
    const where = and(
      query.q ? searchCondition(query.q) : undefined,
      query.kind ? eq(lecturers.kind, query.kind) : undefined,
      query.expertise ? sql`${lecturers.expertise} @> array[${query.expertise}]::text[]` : undefined,
      query.status ? eq(lecturers.status, query.status) : undefined,
    );
    const [items, [total]] = await Promise.all([
      this.db
        .select({ row: lecturers, personName: people.name })
        .from(lecturers)
        .leftJoin(people, eq(people.id, lecturers.personId))
        .where(where)
        .orderBy(...order(query.sort))
        .limit(query.pageSize)
        .offset((query.page - 1) * query.pageSize),
      this.db.select({ n: count() }).from(lecturers).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
  }

  async load(id: string, exec: Executor = this.db): Promise<LecturerRecord> {
    const [record] = await exec
      .select({ row: lecturers, personName: people.name })
      .from(lecturers)
      .leftJoin(people, eq(people.id, lecturers.personId))
      .where(eq(lecturers.id, id));
    if (!record) throw AppError.notFound();
    return record;
  }

  /** The person a lecturer is to link to: 400 `person_unknown` when there is none (reach: the route). */
  async personForLink(personId: string): Promise<LinkedPerson> {
    const [row] = await this.db
      .select({
        id: people.id,
        name: people.name,
        userId: people.userId,
        unit: { path: units.path, regionCode: units.regionCode },
      })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.id, personId));
    if (!row) throw AppError.field('VALIDATION_FAILED', 'personId', 'person_unknown');
    return row;
  }

  async create(ctx: RequestContext, body: CreateLecturerBody): Promise<LecturerRecord> {
    try {
      const id = await this.db.transaction(async (tx) => {
        const [row] = await tx
          .insert(lecturers)
          .values({ ...this.columns(body), createdBy: ctx.actor?.id ?? null })
          .returning();
        if (!row) throw new Error('insert returned nothing');
        const changes: Record<string, unknown> = { mobileMasked: row.mobileMasked };
        for (const field of PLAIN) changes[field] = row[field];
        await recordAudit(tx, ctx, {
          action: 'lecturer.create',
          entityType: 'lecturer',
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

  /** Writes the fields sent; the audit gets `{field: [before, after]}`, the mobile number masked. */
  async update(
    ctx: RequestContext,
    record: LecturerRecord,
    patch: UpdateLecturerBody,
  ): Promise<LecturerRecord> {
    const { row } = record;
    const set: Partial<typeof lecturers.$inferInsert> = {};
    const changes: Record<string, unknown> = {};
    for (const field of PLAIN) {
      const to = patch[field];
      if (to === undefined || JSON.stringify(to) === JSON.stringify(row[field])) continue;
      changes[field] = [row[field], to];
      Object.assign(set, { [field]: to });
    }
    if (changes.name) {
      const py = namePinyin(patch.name as string);
      Object.assign(set, { namePinyin: py.full, nameInitials: py.initials });
    }
    if (patch.mobile !== undefined) {
      const mobile = this.mobileColumns(patch.mobile);
      if (mobile.mobileHash !== row.mobileHash) {
        changes.mobileMasked = [row.mobileMasked, mobile.mobileMasked];
        Object.assign(set, mobile);
      }
    }
    if (Object.keys(changes).length === 0) return record;
    try {
      await this.db.transaction(async (tx) => {
        await tx
          .update(lecturers)
          .set({ ...set, updatedAt: new Date() })
          .where(eq(lecturers.id, row.id));
        await recordAudit(tx, ctx, {
          action: 'lecturer.update',
          entityType: 'lecturer',
          entityId: row.id,
          changes,
        });
      });
    } catch (error) {
      throw conflictOf(error);
    }
    return this.load(row.id);
  }

  private columns(body: CreateLecturerBody) {
    const py = namePinyin(body.name);
    return {
      kind: body.kind,
      name: body.name,
      namePinyin: py.full,
      nameInitials: py.initials,
      affiliation: body.affiliation,
      title: body.title,
      expertise: body.expertise,
      email: body.email,
      biography: body.biography,
      personId: body.personId,
      status: body.status,
      ...this.mobileColumns(body.mobile),
    };
  }

  private mobileColumns(input: string | null) {
    const mobile = input ? normalizeMobile(input) : null;
    return {
      mobileEnc: mobile ? this.cipher.encrypt(mobile) : null,
      mobileHash: mobile ? this.cipher.lookupHash(mobile) : null,
      mobileMasked: mobile ? maskPhone(mobile) : null,
    };
  }
}

/**
 * `q`: a substring of the name, affiliation or any expertise topic; Latin letters also match a
 * pinyin or initials prefix of the name (`wangfang`, `wf`).
 */
function searchCondition(q: string): SQL | undefined {
  const trimmed = q.trim();
  if (!trimmed) return undefined;
  const pattern = `%${escapeLike(trimmed)}%`;
  const letters = trimmed.toLowerCase().replace(/\s+/g, '');
  return or(
    ilike(lecturers.name, pattern),
    ilike(lecturers.affiliation, pattern),
    sql`exists (select 1 from unnest(${lecturers.expertise}) as e(topic) where e.topic ilike ${pattern})`,
    ...(LATIN.test(trimmed)
      ? [
          sql`${lecturers.namePinyin} like ${`${letters}%`}`,
          sql`${lecturers.nameInitials} like ${`${letters}%`}`,
        ]
      : []),
  );
}

/** ORDER BY for `sort` (`name` by pinyin, default; `createdAt`), ties by id. */
function order(sort: string | undefined): SQL[] {
  const key = (sort ?? 'name').replace(/^-/, '');
  if (!(key in SORTS))
    throw AppError.field('VALIDATION_FAILED', 'sort', 'sort_unknown', Object.keys(SORTS).join(', '));
  const column = SORTS[key as keyof typeof SORTS];
  const descending = sort?.startsWith('-') ?? false;
  return descending ? [desc(column), desc(lecturers.id)] : [asc(column), asc(lecturers.id)];
}

/** The unique index on person_id: one person links to at most one lecturer. */
function conflictOf(error: unknown): unknown {
  return isUniqueViolation(error) ? AppError.field('CONFLICT', 'personId', 'lecturer_person_taken') : error;
}
