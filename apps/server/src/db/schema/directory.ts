import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { users } from './platform.js';

/**
 * Administrative divisions (GB/T 2260), our own versioned copy: an abolished code keeps its row
 * with `valid_to` set, so ID numbers and old records that carry it still resolve.
 */
export const regions = pgTable(
  'regions',
  {
    code: text('code').primaryKey(),
    name: text('name').notNull(),
    /** Traditional-Chinese form, checked by hand where character conversion is wrong (江干區, not 江乾區). */
    nameZhTw: text('name_zh_tw').notNull(),
    level: text('level', { enum: ['province', 'prefecture', 'county', 'township'] }).notNull(),
    parentCode: text('parent_code'),
    validFrom: date('valid_from', { mode: 'string' }),
    validTo: date('valid_to', { mode: 'string' }),
    /** Where the row came from: the seed package and its version, or an uploaded file. */
    source: text('source').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('regions_parent_idx').on(t.parentCode),
    index('regions_code_pattern_idx').using('btree', sql`${t.code} text_pattern_ops`),
    index('regions_name_idx').on(t.name),
  ],
);

/**
 * Units (单位). `path` lists the ids from the root down to the unit itself (`/a/b/c/`), so a unit
 * subtree is `path LIKE '/…/c/%'` and a move rewrites one prefix.
 */
export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Unified social credit code (GB 32100), validated; unique when present. */
    uscc: text('uscc'),
    type: text('type').notNull(),
    regionCode: text('region_code')
      .notNull()
      .references(() => regions.code),
    parentId: uuid('parent_id').references((): AnyPgColumn => units.id),
    path: text('path').notNull(),
    status: text('status', { enum: ['active', 'merged'] })
      .notNull()
      .default('active'),
    mergedInto: uuid('merged_into').references((): AnyPgColumn => units.id),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('units_uscc_idx').on(t.uscc),
    // One active unit of a name under one parent: imports that create missing units cannot double them.
    uniqueIndex('units_parent_name_idx')
      .on(sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`, t.name)
      .where(sql`${t.status} = 'active'`),
    index('units_path_idx').using('btree', sql`${t.path} text_pattern_ops`),
    index('units_region_idx').using('btree', sql`${t.regionCode} text_pattern_ops`),
    index('units_parent_idx').on(t.parentId),
  ],
);

/**
 * People (干部、人才). ID and mobile numbers are stored encrypted (`*_enc`, platform/crypto
 * FieldCipher), with a keyed hash for uniqueness and look-up and the masked form for lists, so a
 * list never decrypts.
 */
export const people = pgTable(
  'people',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** Pinyin without tones or spaces (zhangsan) and initials (zs), for search. */
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }).notNull(),
    ethnicity: text('ethnicity').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idNumberEnc: text('id_number_enc').notNull(),
    idNumberHash: text('id_number_hash').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    politicalStatus: text('political_status'),
    education: text('education'),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    post: text('post'),
    rank: text('rank'),
    category: text('category', { enum: ['cadre', 'professional', 'other'] }).notNull(),
    specialty: text('specialty', { enum: ['medical', 'education', 'agriculture', 'other'] }),
    status: text('status', { enum: ['serving', 'transferred', 'retired'] })
      .notNull()
      .default('serving'),
    requirementOverride: jsonb('requirement_override').$type<{
      period: 'yearly' | 'five_year';
      hours: number;
    }>(),
    /** The login account made for this person (accounts from people), if any. */
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('people_id_number_hash_idx').on(t.idNumberHash),
    uniqueIndex('people_user_idx').on(t.userId),
    // Lists filter by unit and the profile columns together; counts then need no table reads.
    index('people_unit_idx').on(t.unitId, t.status, t.category, t.specialty, t.rank, t.gender),
    index('people_name_idx').using('btree', sql`${t.name} text_pattern_ops`),
    // Sorts of the people list (bench/people-list.ts): one index per sort key, id as tie-breaker.
    index('people_pinyin_order_idx').on(t.namePinyin, t.id),
    index('people_name_order_idx').on(t.name, t.id),
    index('people_birth_order_idx').on(t.birthDate, t.id),
    index('people_updated_order_idx').on(t.updatedAt, t.id),
    // Name search by characters (`name_chars @> array['明']`), which trigrams cannot do for 1–2 characters.
    index('people_name_chars_idx').using('gin', sql`regexp_split_to_array(${t.name}, '')`),
    index('people_pinyin_idx').using('btree', sql`${t.namePinyin} text_pattern_ops`),
    index('people_initials_idx').using('btree', sql`${t.nameInitials} text_pattern_ops`),
    index('people_mobile_hash_idx').on(t.mobileHash),
  ],
);

/**
 * Spreadsheet imports: validate → preview → commit. A job keeps its parsed rows (encrypted: they
 * carry personal information) until it is committed or expires.
 */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['people', 'regions'] }).notNull(),
    status: text('status', {
      enum: ['validating', 'validated', 'committing', 'committed', 'failed', 'cancelled'],
    }).notNull(),
    fileName: text('file_name').notNull(),
    fileSize: integer('file_size').notNull(),
    fileSha256: text('file_sha256').notNull(),
    options: jsonb('options').$type<Record<string, unknown>>().notNull().default({}),
    totalRows: integer('total_rows').notNull().default(0),
    processedRows: integer('processed_rows').notNull().default(0),
    /** Counts by outcome: { create, update, unchanged, error }. */
    summary: jsonb('summary').$type<Record<string, number>>().notNull().default({}),
    /** A problem with the whole file (not a spreadsheet, no header row, …) as a field-problem key. */
    failure: jsonb('failure').$type<Record<string, unknown>>(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    committedAt: ts('committed_at'),
  },
  (t) => [index('import_jobs_creator_idx').on(t.createdBy, t.createdAt)],
);

export const importRows = pgTable(
  'import_rows',
  {
    jobId: uuid('job_id')
      .notNull()
      .references(() => importJobs.id, { onDelete: 'cascade' }),
    /** The row number in the sheet as the user sees it (header is row 1). */
    rowNo: integer('row_no').notNull(),
    outcome: text('outcome', { enum: ['create', 'update', 'unchanged', 'error'] }).notNull(),
    /** The normalised record, encrypted (FieldCipher) as JSON. */
    payload: text('payload'),
    /** Lookup hash of the row's ID number: duplicates inside a file and against the database. */
    keyHash: text('key_hash'),
    targetId: uuid('target_id'),
    /** Field-by-field diff for updates, without personal information in clear. */
    diff: jsonb('diff').$type<Record<string, { from: unknown; to: unknown }>>(),
    errors: jsonb('errors').$type<{ column: string; field: string; code: string; message: string }[]>(),
  },
  (t) => [
    uniqueIndex('import_rows_pk').on(t.jobId, t.rowNo),
    index('import_rows_outcome_idx').on(t.jobId, t.outcome),
  ],
);
