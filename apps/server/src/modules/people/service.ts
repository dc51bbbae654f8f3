import {
  type CreatePersonBody,
  createPersonBody,
  maskIdNumber,
  type Page,
  type PersonListQuery,
  type UpdatePersonBody,
} from '@ganxun/domain';
import { count, eq, inArray } from 'drizzle-orm';
import type { Db, Executor } from '../../db/client.js';
import { people, units, users } from '../../db/schema/index.js';
import { recordAudit } from '../../platform/audit.js';
import type { RequestContext } from '../../platform/context.js';
import type { FieldCipher } from '../../platform/crypto.js';
import { AppError, type FieldProblem } from '../../platform/errors.js';
import type { DictionaryService } from '../dictionaries/service.js';
import type { SettingsService } from '../settings/service.js';
import type { UnitPlace } from '../units/policy.js';
import type { PersonPlace } from './policy.js';
import { listSummaries, type PersonSummary, peopleOrder, peopleWhere } from './query.js';
import { type PersonRow, personColumns, personDiff } from './record.js';

/** The unit a person works in, as policies and pages need it. */
export interface UnitRef extends UnitPlace {
  id: string;
  name: string;
  status: 'active' | 'merged';
}

/** A stored person with their unit and account name: what routes load, authorize and present. */
export interface PersonRecord {
  person: PersonRow;
  unit: UnitRef;
  username: string | null;
}

/** Coded fields and the dictionary each must come from. */
const CODED_FIELDS = [
  ['ethnicity', 'ethnicity'],
  ['politicalStatus', 'political_status'],
  ['education', 'education'],
  ['rank', 'post_level'],
] as const;

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; cause?: { code?: string } };
  return e?.code === '23505' || e?.cause?.code === '23505';
}

/** Where a person is, for the policy. */
export function placeOf(record: PersonRecord): PersonPlace {
  return { userId: record.person.userId, unit: record.unit };
}

/** The summary (list row) of a loaded record, so pages and lists present alike. */
export function summaryOf({ person, unit, username }: PersonRecord): PersonSummary {
  return {
    id: person.id,
    name: person.name,
    namePinyin: person.namePinyin,
    gender: person.gender,
    ethnicity: person.ethnicity,
    birthDate: person.birthDate,
    idNumberMasked: person.idNumberMasked,
    mobileMasked: person.mobileMasked,
    politicalStatus: person.politicalStatus,
    education: person.education,
    unitId: person.unitId,
    post: person.post,
    rank: person.rank,
    category: person.category,
    specialty: person.specialty,
    status: person.status,
    requirementOverride: person.requirementOverride,
    userId: person.userId,
    updatedAt: person.updatedAt,
    unitName: unit.name,
    regionCode: unit.regionCode,
    username,
  };
}

export interface PersonServiceDeps {
  db: Db;
  cipher: FieldCipher;
  dictionaries: DictionaryService;
  settings: SettingsService;
}

/** Use cases of the people directory: list, read, create, update, reveal (see issue 3). */
export class PersonService {
  readonly db: Db;
  readonly cipher: FieldCipher;
  readonly dictionaries: DictionaryService;
  readonly settings: SettingsService;

  constructor(deps: PersonServiceDeps) {
    this.db = deps.db;
    this.cipher = deps.cipher;
    this.dictionaries = deps.dictionaries;
    this.settings = deps.settings;
  }

  /**
   * A page of the people the reader may see, filtered and sorted in SQL (see peopleWhere); the
   * count runs on `people` alone. Nothing is decrypted: lists carry the masked columns.
   */
  async list(ctx: RequestContext, query: PersonListQuery): Promise<Page<PersonSummary>> {
    const where = await peopleWhere(this.db, this.cipher, ctx.actor, query);
    const [items, [total]] = await Promise.all([
      listSummaries(this.db, where, {
        order: peopleOrder(query.sort, !!query.q?.trim()),
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
      }),
      this.db.select({ n: count() }).from(people).where(where),
    ]);
    return { items, total: Number(total?.n ?? 0), page: query.page, pageSize: query.pageSize };
  }

  /** One person with unit and account name, regardless of scope (routes authorize with `placeOf`). */
  async load(id: string, exec: Executor = this.db): Promise<PersonRecord> {
    const [row] = await exec
      .select({ person: people, unit: unitRefColumns, username: users.username })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .leftJoin(users, eq(users.id, people.userId))
      .where(eq(people.id, id));
    if (!row) throw AppError.notFound();
    return row;
  }

  /** Several people at once (accounts from people); unknown ids are reported by index. */
  async loadMany(ids: string[], exec: Executor = this.db): Promise<PersonRecord[]> {
    const rows = await exec
      .select({ person: people, unit: unitRefColumns, username: users.username })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .leftJoin(users, eq(users.id, people.userId))
      .where(inArray(people.id, ids));
    const byId = new Map(rows.map((r) => [r.person.id, r]));
    const problems: FieldProblem[] = [];
    const out: PersonRecord[] = [];
    ids.forEach((id, i) => {
      const row = byId.get(id);
      if (row) out.push(row);
      else problems.push({ path: `personIds.${i}`, key: 'person_unknown' });
    });
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
    return out;
  }

  /**
   * The unit a person is to be written into: it must exist and be active (a merged unit's people
   * belong to the unit it was merged into). Whether the writer reaches it is the route's question.
   */
  async unitForWrite(unitId: string): Promise<UnitRef> {
    const [unit] = await this.db.select(unitRefColumns).from(units).where(eq(units.id, unitId));
    if (!unit) throw AppError.field('VALIDATION_FAILED', 'unitId', 'unit_unknown');
    if (unit.status !== 'active')
      throw AppError.field('VALIDATION_FAILED', 'unitId', 'unit_not_active', unit.name);
    return unit;
  }

  /** The chain of units from the root down to the person's unit itself. */
  async unitChain(unit: UnitRef): Promise<{ id: string; name: string }[]> {
    const ids = unit.path.split('/').filter(Boolean);
    if (ids.length === 0) return [];
    const rows = await this.db
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, ids));
    const names = new Map(rows.map((r) => [r.id, r.name]));
    return ids.flatMap((id) => (names.has(id) ? [{ id, name: names.get(id) ?? '' }] : []));
  }

  async create(ctx: RequestContext, body: CreatePersonBody): Promise<PersonRecord> {
    await this.assertKnownCodes(
      body,
      CODED_FIELDS.map(([field]) => field),
    );
    try {
      const id = await this.db.transaction(async (tx) => {
        const [row] = await tx.insert(people).values(personColumns(this.cipher, body)).returning();
        if (!row) throw new Error('insert returned nothing');
        await recordAudit(tx, ctx, {
          action: 'person.create',
          entityType: 'person',
          entityId: row.id,
          changes: createdChanges(row),
        });
        return row.id;
      });
      return await this.load(id);
    } catch (error) {
      throw conflictOf(error);
    }
  }

  /**
   * Applies a patch to a person: the merged record is checked as a whole (birth date, gender and
   * ID number must agree whichever of them changed), coded fields that change are checked against
   * their lists, and the audit trail gets the field-by-field diff with personal information masked.
   */
  async update(ctx: RequestContext, record: PersonRecord, patch: UpdatePersonBody): Promise<PersonRecord> {
    const current = this.inputOf(record.person);
    const parsed = createPersonBody.safeParse({ ...current, ...patch });
    if (!parsed.success) {
      throw new AppError('VALIDATION_FAILED', {
        fields: parsed.error.issues.map((i) => ({ path: i.path.join('.'), key: i.message })),
      });
    }
    const next = parsed.data;
    const changedCodes = CODED_FIELDS.map(([field]) => field).filter((f) => next[f] !== current[f]);
    await this.assertKnownCodes(next, changedCodes);
    const diff = personDiff(this.cipher, record.person, next);
    const idChanged = this.cipher.lookupHash(next.idNumber) !== record.person.idNumberHash;
    if (Object.keys(diff).length === 0 && !idChanged) return record;
    try {
      await this.db.transaction(async (tx) => {
        await tx
          .update(people)
          .set({ ...personColumns(this.cipher, next), updatedAt: new Date() })
          .where(eq(people.id, record.person.id));
        await recordAudit(tx, ctx, {
          action: 'person.update',
          entityType: 'person',
          entityId: record.person.id,
          changes: auditChanges(
            diff,
            idChanged ? [record.person.idNumberMasked, maskIdNumber(next.idNumber)] : null,
          ),
        });
      });
    } catch (error) {
      throw conflictOf(error);
    }
    return this.load(record.person.id);
  }

  /** Decrypts a person's ID and mobile numbers, recording who saw them and why in the same transaction. */
  async reveal(
    ctx: RequestContext,
    record: PersonRecord,
    reason: string,
  ): Promise<{ idNumber: string; mobile: string | null }> {
    return this.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ idNumberEnc: people.idNumberEnc, mobileEnc: people.mobileEnc })
        .from(people)
        .where(eq(people.id, record.person.id));
      if (!row) throw AppError.notFound();
      await recordAudit(tx, ctx, {
        action: 'person.reveal',
        entityType: 'person',
        entityId: record.person.id,
        detail: { reason, fields: ['idNumber', 'mobile'] },
      });
      return {
        idNumber: this.cipher.decrypt(row.idNumberEnc),
        mobile: row.mobileEnc ? this.cipher.decrypt(row.mobileEnc) : null,
      };
    });
  }

  /** A stored row as contract input (decrypted), the base a patch is merged onto. */
  private inputOf(row: PersonRow): CreatePersonBody {
    return {
      ...plainFields(row),
      idNumber: this.cipher.decrypt(row.idNumberEnc),
      mobile: row.mobileEnc ? this.cipher.decrypt(row.mobileEnc) : null,
      requirementOverride: row.requirementOverride ?? null,
    };
  }

  /** 400 `unknown_code` on each coded field whose value is not an active item of its list. */
  private async assertKnownCodes(
    value: Pick<CreatePersonBody, (typeof CODED_FIELDS)[number][0]>,
    fields: readonly (typeof CODED_FIELDS)[number][0][],
  ): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [field, dictionary] of CODED_FIELDS) {
      const code = value[field];
      if (!fields.includes(field) || !code) continue;
      if (!(await this.dictionaries.isActiveItem(dictionary, code)))
        problems.push({ path: field, key: 'unknown_code', x: code });
    }
    if (problems.length > 0) throw new AppError('VALIDATION_FAILED', { fields: problems });
  }
}

const unitRefColumns = {
  id: units.id,
  name: units.name,
  path: units.path,
  regionCode: units.regionCode,
  status: units.status,
};

/** A duplicate ID number (the unique index on its hash) is a 409 on `idNumber`, whoever wrote first. */
function conflictOf(error: unknown): unknown {
  return isUniqueViolation(error) ? AppError.field('CONFLICT', 'idNumber', 'id_number_taken') : error;
}

/** The fields of a person stored as they are (neither encrypted nor masked). */
function plainFields(row: PersonRow) {
  return {
    name: row.name,
    gender: row.gender,
    ethnicity: row.ethnicity,
    birthDate: row.birthDate,
    politicalStatus: row.politicalStatus,
    education: row.education,
    unitId: row.unitId,
    post: row.post,
    rank: row.rank,
    category: row.category,
    specialty: row.specialty,
    status: row.status,
  };
}

/** The audit record of a new person: its fields, personal information only masked. */
function createdChanges(row: PersonRow): Record<string, unknown> {
  return {
    ...plainFields(row),
    idNumberMasked: row.idNumberMasked,
    mobileMasked: row.mobileMasked,
    requirementOverride: row.requirementOverride,
  };
}

/**
 * personDiff in the audit trail's `{ field: [before, after] }` form. The mobile number (already
 * masked by personDiff) is filed as `mobileMasked` and an ID number change as `idNumberMasked`,
 * so the trail shows that and roughly how they changed without holding them.
 */
function auditChanges(
  diff: Record<string, { from: unknown; to: unknown }>,
  idNumber: [string, string] | null,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, { from, to }] of Object.entries(diff))
    out[field === 'mobile' ? 'mobileMasked' : field] = [from, to];
  if (idNumber) out.idNumberMasked = idNumber;
  return out;
}
