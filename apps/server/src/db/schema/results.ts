import type { CompletionReasonView, CompletionRules } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { people, units } from './directory.js';
import { users } from './platform.js';
import { storedFiles } from './timetable.js';
import { classes, enrollments } from './training.js';

/**
 * The results of a class (issue 6 items 6–8): completion rules and the director's overrides,
 * the confirmed completion of each trainee, certificates and each person's study-hour archive.
 */

/** A class's completion rules, merged over DEFAULT_COMPLETION_RULES. */
export const completionRulesTable = pgTable('completion_rules', {
  classId: uuid('class_id')
    .primaryKey()
    .references(() => classes.id, { onDelete: 'cascade' }),
  rules: jsonb('rules').$type<Partial<CompletionRules>>().notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The director's decision against the rules, with its reason. */
export const completionOverrides = pgTable('completion_overrides', {
  enrollmentId: uuid('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id, { onDelete: 'cascade' }),
  classId: uuid('class_id')
    .notNull()
    .references(() => classes.id, { onDelete: 'cascade' }),
  completed: boolean('completed').notNull(),
  reason: text('reason').notNull(),
  decidedBy: uuid('decided_by')
    .notNull()
    .references(() => users.id),
  decidedAt: ts('decided_at').notNull().defaultNow(),
});

/**
 * The completion confirmed (结业确认) for each trainee: what certificates and the archive follow.
 * Confirming again updates it; `reasons` are those open at confirmation.
 */
export const completionResults = pgTable(
  'completion_results',
  {
    enrollmentId: uuid('enrollment_id')
      .primaryKey()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    completed: boolean('completed').notNull(),
    decidedBy: text('decided_by', { enum: ['rules', 'override'] }).notNull(),
    reasons: jsonb('reasons').$type<CompletionReasonView[]>().notNull(),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: ts('confirmed_at').notNull().defaultNow(),
  },
  (t) => [index('completion_results_class_idx').on(t.classId, t.completed)],
);

/** Certificate numbers per prefix and year (GX-2026-000123-7). */
export const certificateCounters = pgTable(
  'certificate_counters',
  {
    prefix: text('prefix').notNull(),
    year: integer('year').notNull(),
    next: integer('next').notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.prefix, t.year] })],
);

/** The seal image an issuing institution prints on its certificates. */
export const unitSeals = pgTable('unit_seals', {
  unitId: uuid('unit_id')
    .primaryKey()
    .references(() => units.id, { onDelete: 'cascade' }),
  fileId: uuid('file_id')
    .notNull()
    .references(() => storedFiles.id),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * Certificates (结业证书). What is printed is kept as issued (name, class, dates, 学时, issuer), so
 * a certificate reads the same later. At most one valid certificate per enrollment.
 */
export const certificates = pgTable(
  'certificates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    number: text('number').notNull(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    personName: text('person_name').notNull(),
    className: text('class_name').notNull(),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    issuer: text('issuer').notNull(),
    issuerUnitId: uuid('issuer_unit_id').references(() => units.id),
    status: text('status', { enum: ['valid', 'revoked'] })
      .notNull()
      .default('valid'),
    issuedBy: uuid('issued_by').references(() => users.id),
    issuedAt: ts('issued_at').notNull().defaultNow(),
    revokedAt: ts('revoked_at'),
    revokedBy: uuid('revoked_by').references(() => users.id),
    revokedReason: text('revoked_reason'),
    replacedById: uuid('replaced_by_id'),
  },
  (t) => [
    uniqueIndex('certificates_number_idx').on(t.number),
    uniqueIndex('certificates_valid_enrollment_idx').on(t.enrollmentId).where(sql`${t.status} = 'valid'`),
    index('certificates_class_idx').on(t.classId),
    index('certificates_person_idx').on(t.personId),
  ],
);

/**
 * A person's study-hour archive (学时档案): completions credited by the server (one per
 * enrollment) and manual entries for training elsewhere. Voided records stay, counting 0.
 */
export const trainingRecords = pgTable(
  'training_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    source: text('source', { enum: ['class_completion', 'manual'] }).notNull(),
    category: text('category', { enum: ['full_time', 'online', 'abroad'] }).notNull(),
    title: text('title').notNull(),
    organiser: text('organiser').notNull(),
    classId: uuid('class_id').references(() => classes.id, { onDelete: 'set null' }),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id, { onDelete: 'set null' }),
    certificateId: uuid('certificate_id').references(() => certificates.id, { onDelete: 'set null' }),
    startDate: date('start_date').notNull(),
    endDate: date('end_date').notNull(),
    /** The year it counts in (of the end date), kept for the per-year sums in SQL. */
    year: integer('year').notNull(),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    note: text('note'),
    voidedAt: ts('voided_at'),
    voidedBy: uuid('voided_by').references(() => users.id),
    voidReason: text('void_reason'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('training_records_enrollment_idx')
      .on(t.enrollmentId)
      .where(sql`${t.enrollmentId} is not null`),
    index('training_records_person_idx').on(t.personId, t.year),
    index('training_records_year_idx').on(t.year, t.personId),
  ],
);
