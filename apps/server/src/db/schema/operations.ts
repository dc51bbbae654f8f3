import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { units } from './directory.js';
import { users } from './platform.js';
import { classes } from './training.js';

/**
 * Running a class (issue 9): its task force (工作专班) and checklist, contingency plans (应急预案)
 * and incidents (突发事件), and notifications (通知) with their deliveries.
 */

/** Members of a class's task force, with their role (`task_force_role` dictionary) and duty. */
export const taskForceMembers = pgTable(
  'task_force_members',
  {
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    duty: text('duty'),
    addedBy: uuid('added_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.userId] }), index('task_force_members_user_idx').on(t.userId)],
);

/**
 * A class's checklist. `due_*` keeps how the due day was given (a day, or days from the class's
 * start or end); `due_date` is the resolved day, recomputed when the class's dates move.
 */
export const classTasks = pgTable(
  'class_tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    ownerId: uuid('owner_id').references(() => users.id),
    role: text('role'),
    dueKind: text('due_kind', { enum: ['date', 'relative'] }),
    dueAnchor: text('due_anchor', { enum: ['start', 'end'] }),
    dueOffsetDays: integer('due_offset_days'),
    dueDate: date('due_date', { mode: 'string' }),
    status: text('status', { enum: ['todo', 'doing', 'done', 'cancelled'] })
      .notNull()
      .default('todo'),
    notes: text('notes'),
    doneAt: ts('done_at'),
    doneBy: uuid('done_by').references(() => users.id),
    /** When the overdue notice went out (once per task and due day). */
    overdueNotifiedFor: date('overdue_notified_for', { mode: 'string' }),
    templateId: uuid('template_id'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('class_tasks_class_idx').on(t.classId, t.dueDate),
    index('class_tasks_owner_idx').on(t.ownerId, t.status, t.dueDate),
    index('class_tasks_open_due_idx').on(t.dueDate).where(sql`${t.status} in ('todo', 'doing')`),
  ],
);

/** Checklist templates per class kind, kept by an institution (or shared when `owner_unit_id` is null). */
export const taskTemplates = pgTable('task_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  classKinds: text('class_kinds').array().notNull().default(sql`'{}'::text[]`),
  items: jsonb('items')
    .$type<{ title: string; role: string | null; anchor: 'start' | 'end'; offsetDays: number }[]>()
    .notNull(),
  ownerUnitId: uuid('owner_unit_id').references(() => units.id),
  archived: boolean('archived').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** The library of contingency plans, each with steps and who acts. */
export const contingencyPlans = pgTable(
  'contingency_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    title: text('title').notNull(),
    type: text('type').notNull(),
    summary: text('summary'),
    steps: jsonb('steps').$type<{ text: string; role: string | null }[]>().notNull(),
    ownerUnitId: uuid('owner_unit_id').references(() => units.id),
    archived: boolean('archived').notNull().default(false),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('contingency_plans_type_idx').on(t.type)],
);

export const classContingencyPlans = pgTable(
  'class_contingency_plans',
  {
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    planId: uuid('plan_id')
      .notNull()
      .references(() => contingencyPlans.id),
    attachedBy: uuid('attached_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.planId] })],
);

/** Incidents of a class; `first_action_at` and `resolved_at` give the response times. */
export const incidents = pgTable(
  'incidents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    occurredAt: ts('occurred_at').notNull(),
    reportedAt: ts('reported_at').notNull().defaultNow(),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    type: text('type').notNull(),
    severity: text('severity', { enum: ['low', 'medium', 'high', 'critical'] }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    affectedEnrollmentIds: uuid('affected_enrollment_ids').array().notNull().default(sql`'{}'::uuid[]`),
    planId: uuid('plan_id').references(() => contingencyPlans.id),
    status: text('status', { enum: ['open', 'handling', 'resolved', 'reviewed'] })
      .notNull()
      .default('open'),
    firstActionAt: ts('first_action_at'),
    resolvedAt: ts('resolved_at'),
    reviewedAt: ts('reviewed_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('incidents_class_idx').on(t.classId, t.occurredAt)],
);

export const incidentActions = pgTable(
  'incident_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    incidentId: uuid('incident_id')
      .notNull()
      .references(() => incidents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['action', 'resolve', 'review', 'reopen'] }).notNull(),
    text: text('text').notNull(),
    at: ts('at').notNull(),
    byUser: uuid('by_user')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('incident_actions_incident_idx').on(t.incidentId, t.at)],
);

/**
 * A notice: a class notice board's (通知公告) or an event's (nomination decided, timetable changed…).
 * Each recipient has an inbox row (`notice_recipients`, with the read receipt); deliveries by email
 * or SMS are `notice_deliveries`, sent by jobs of the job queue.
 */
export const notices = pgTable(
  'notices',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    classId: uuid('class_id').references(() => classes.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    body: text('body').notNull(),
    /** Event notices: the words per language ({ 'zh-TW': {title, body}, en: … }), chosen per reader. */
    texts: jsonb('texts').$type<Record<string, { title: string; body: string }>>(),
    link: text('link'),
    audience: text('audience'),
    pinned: boolean('pinned').notNull().default(false),
    channels: text('channels').array().notNull().default(sql`'{in_app}'::text[]`),
    authorId: uuid('author_id').references(() => users.id),
    recipients: integer('recipients').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('notices_class_idx').on(t.classId, t.createdAt)],
);

export const noticeRecipients = pgTable(
  'notice_recipients',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    readAt: ts('read_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.noticeId, t.userId] }),
    index('notice_recipients_inbox_idx').on(t.userId, t.createdAt),
    index('notice_recipients_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);

export const noticeDeliveries = pgTable(
  'notice_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => notices.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['email', 'sms'] }).notNull(),
    /** Where it went, masked (z***@example.cn, 138****0000). */
    addressMasked: text('address_masked'),
    status: text('status', { enum: ['queued', 'sent', 'retrying', 'failed', 'skipped'] })
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: ts('sent_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('notice_deliveries_notice_idx').on(t.noticeId, t.channel, t.status),
    index('notice_deliveries_user_idx').on(t.userId),
  ],
);

/** A user's contact for notifications: an email address (encrypted, with its masked form) and opt-outs. */
export const notificationPreferences = pgTable('notification_preferences', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  emailEnc: text('email_enc'),
  emailMasked: text('email_masked'),
  email: boolean('email').notNull().default(true),
  sms: boolean('sms').notNull().default(true),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});
