import { sql } from 'drizzle-orm';
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  smallint,
  text,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { surveyForms } from './evaluation.js';
import { users } from './platform.js';
import { storedFiles } from './timetable.js';
import { classes, enrollments } from './training.js';

/**
 * Statistics and reports (issue 8): saved report definitions, and the job queue that runs large
 * exports (and, later, notification deliveries) in the background.
 */

/** A report builder definition kept under a name: the owner's, or shared with every stats reader. */
export const savedReports = pgTable(
  'saved_reports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<Record<string, unknown>>().notNull(),
    period: text('period', { enum: ['this_year', 'last_year', 'fixed'] })
      .notNull()
      .default('fixed'),
    chart: text('chart', { enum: ['table', 'bar', 'line', 'pie'] })
      .notNull()
      .default('table'),
    shared: boolean('shared').notNull().default(false),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('saved_reports_owner_idx').on(t.ownerId), index('saved_reports_shared_idx').on(t.shared)],
);

/**
 * A PostgreSQL-backed job queue (platform/jobs.ts). A worker claims the oldest due job with
 * `FOR UPDATE SKIP LOCKED`, so several server processes share the queue; a failed attempt is
 * retried after a back-off until `max_attempts`. A job may leave a file (an export) for its owner.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['queued', 'running', 'done', 'failed'] })
      .notNull()
      .default('queued'),
    /** 0–100, written by the handler as it goes. */
    progress: integer('progress').notNull().default(0),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(3),
    runAfter: ts('run_after').notNull().defaultNow(),
    lockedAt: ts('locked_at'),
    lastError: text('last_error'),
    resultFileId: uuid('result_file_id').references(() => storedFiles.id, { onDelete: 'set null' }),
    /** The user the job runs for (its result is theirs only); null for system jobs. */
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('jobs_due_idx').on(t.runAfter).where(sql`${t.status} = 'queued'`),
    index('jobs_owner_idx').on(t.createdBy, t.createdAt),
    index('jobs_kind_idx').on(t.kind, t.status),
  ],
);

/**
 * Summaries kept by triggers (migration 0012) so that statistics over millions of rows read one
 * row per enrolment or form: every write path (scans, marks, leave, the automatic absences, form
 * answers) updates them in its own transaction, whatever module it comes from.
 */

/** Per enrolment: attendance records counted as attended (present, late, left early) and due (any status but leave). */
export const enrollmentAttendance = pgTable(
  'enrollment_attendance',
  {
    enrollmentId: uuid('enrollment_id')
      .primaryKey()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    classId: uuid('class_id').notNull(),
    attended: integer('attended').notNull().default(0),
    due: integer('due').notNull().default(0),
  },
  (t) => [index('enrollment_attendance_class_idx').on(t.classId)],
);

/** Per evaluation form: responses with a rating answer, and the sum and number of their 1–5 ratings. */
export const surveyFormScores = pgTable('survey_form_scores', {
  formId: uuid('form_id')
    .primaryKey()
    .references(() => surveyForms.id, { onDelete: 'cascade' }),
  responses: integer('responses').notNull().default(0),
  scoreSum: doublePrecision('score_sum').notNull().default(0),
  scoreN: integer('score_n').notNull().default(0),
});

/**
 * Per class: the training fact's sums (migration 0016), so that a statistic over the classes its
 * reader runs reads a few rows per class instead of every enrolment with its completion,
 * attendance and certificate.
 *
 * - `personTimes` counts the enrolled enrolments; the completion, attendance and certificate
 *   columns sum the rows of EVERY enrolment of the class, withdrawn ones included, so that each
 *   trigger applies its own row's change and never reads another table (no race between a
 *   withdrawal and a check-in): readers take the withdrawn enrolments' few rows out
 *   (modules/dashboard/training.ts).
 * - A class has up to 16 rows (`shard`, from the enrolment's id): concurrent check-ins of one class
 *   then rarely wait for each other's commit on the same row; readers sum them.
 * - The triggers are deferred to commit, so a row here is locked last, after the enrolment and
 *   attendance rows a transaction writes (a check-in and a board finalising another item of the
 *   same class cannot deadlock on it).
 */
export const classSummaries = pgTable(
  'class_summaries',
  {
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    shard: smallint('shard').notNull(),
    /** Enrolments with status enrolled (人次). */
    personTimes: integer('person_times').notNull().default(0),
    /** Completion results (any enrolment): completed, decided (with a result), 学时 of the completed. */
    completed: integer('completed').notNull().default(0),
    decided: integer('decided').notNull().default(0),
    hours: numeric('hours', { precision: 14, scale: 2, mode: 'number' }).notNull().default(0),
    /** enrollment_attendance summed (any enrolment). */
    attended: integer('attended').notNull().default(0),
    due: integer('due').notNull().default(0),
    /** Valid certificates (any enrolment). */
    certificates: integer('certificates').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.classId, t.shard] })],
);
