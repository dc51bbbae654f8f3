import { index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { users } from './platform.js';
import { classSessions, storedFiles } from './timetable.js';
import { classes, enrollments } from './training.js';

/**
 * Leave requests (请假, issue 6 item 3). A request covers timetable items — chosen one by one, or
 * every item of the China days asked for — recorded in `leave_request_items` when it is made, so
 * that approved leave marks exactly those items in attendance. `hours` is the 学时 of the covered
 * items at request time; `levels_required` is 1 or 2 (`approvalLevels`).
 */
export const leaveRequests = pgTable(
  'leave_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    kind: text('kind', { enum: ['sessions', 'days'] }).notNull(),
    days: jsonb('days').$type<string[]>(),
    reason: text('reason').notNull(),
    attachmentFileId: uuid('attachment_file_id').references(() => storedFiles.id),
    hours: numeric('hours', { precision: 6, scale: 2, mode: 'number' }).notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'cancelled'] })
      .notNull()
      .default('pending'),
    levelsRequired: integer('levels_required').notNull().default(1),
    cancelledAt: ts('cancelled_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('leave_requests_class_idx').on(t.classId, t.status),
    index('leave_requests_enrollment_idx').on(t.enrollmentId, t.status),
  ],
);

/** The items a request covers. */
export const leaveRequestItems = pgTable(
  'leave_request_items',
  {
    requestId: uuid('request_id')
      .notNull()
      .references(() => leaveRequests.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.sessionId] }),
    index('leave_request_items_session_idx').on(t.sessionId),
  ],
);

/** Each decision, one per level (a rejection ends the request). */
export const leaveDecisions = pgTable(
  'leave_decisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => leaveRequests.id, { onDelete: 'cascade' }),
    level: integer('level').notNull(),
    decision: text('decision', { enum: ['approve', 'reject'] }).notNull(),
    comment: text('comment'),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    decidedAt: ts('decided_at').notNull().defaultNow(),
  },
  (t) => [index('leave_decisions_request_idx').on(t.requestId, t.level)],
);
