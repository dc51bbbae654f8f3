import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { users } from './platform.js';
import { classSessions } from './timetable.js';
import { classes, enrollments } from './training.js';

/**
 * Attendance (issue 6): one row per trainee (enrollment) and timetable item, whatever the number
 * and order of scans — the unique key is the invariant, and every write merges into the row with
 * the domain's `mergeScans` under `SELECT … FOR UPDATE` (or an upsert). The facts are kept raw
 * (earliest check-in, latest check-out, the latest staff mark); `status` is the judged status
 * stored for lists and statistics, null while undecided.
 */
export const attendanceRecords = pgTable(
  'attendance_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    checkInAt: ts('check_in_at'),
    checkInMethod: text('check_in_method', { enum: ['trainee_scan', 'staff_scan', 'staff_mark'] }),
    checkOutAt: ts('check_out_at'),
    checkOutMethod: text('check_out_method', { enum: ['trainee_scan', 'staff_scan', 'staff_mark'] }),
    markStatus: text('mark_status', { enum: ['present', 'late', 'left_early', 'on_leave', 'absent'] }),
    markAt: ts('mark_at'),
    markBy: uuid('mark_by').references(() => users.id),
    markNote: text('mark_note'),
    status: text('status', { enum: ['present', 'late', 'left_early', 'on_leave', 'absent'] }),
    method: text('method', { enum: ['trainee_scan', 'staff_scan', 'staff_mark', 'leave', 'auto'] }),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('attendance_records_session_enrollment_idx').on(t.sessionId, t.enrollmentId),
    index('attendance_records_class_idx').on(t.classId, t.sessionId),
    index('attendance_records_enrollment_idx').on(t.enrollmentId),
  ],
);

/**
 * Every scan or mark received, applied or refused (the audit of check-in, kept apart from the
 * audit trail: a class of 300 makes thousands). `clientId` makes offline queues idempotent: a
 * queued item sent twice is recognised and not applied again.
 */
export const attendanceScans = pgTable(
  'attendance_scans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    clientId: uuid('client_id'),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id').references(() => classSessions.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id').references(() => enrollments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['check_in', 'check_out', 'mark'] }).notNull(),
    method: text('method', { enum: ['trainee_scan', 'staff_scan', 'staff_mark'] }).notNull(),
    /** When it happened (the device's clock for offline items). */
    at: ts('at').notNull(),
    receivedAt: ts('received_at').notNull().defaultNow(),
    byUser: uuid('by_user').references(() => users.id),
    outcome: text('outcome', { enum: ['applied', 'duplicate', 'refused'] }).notNull(),
    reason: text('reason'),
  },
  (t) => [
    uniqueIndex('attendance_scans_client_idx').on(t.clientId).where(sql`${t.clientId} is not null`),
    index('attendance_scans_session_idx').on(t.sessionId, t.receivedAt),
  ],
);

/** A trainee's card (the QR code staff scan): `rev` increments to revoke a lost card. */
export const traineeCards = pgTable('trainee_cards', {
  enrollmentId: uuid('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id, { onDelete: 'cascade' }),
  rev: integer('rev').notNull().default(1),
  issuedAt: ts('issued_at').notNull().defaultNow(),
});

/** A class's check-in settings, merged over `DEFAULT_ATTENDANCE_SETTINGS`. */
export const attendanceSettingsTable = pgTable('attendance_settings', {
  classId: uuid('class_id')
    .primaryKey()
    .references(() => classes.id, { onDelete: 'cascade' }),
  settings: jsonb('settings').notNull().default({}),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
