import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { people, regions, units } from './directory.js';
import { users } from './platform.js';

/** Annual training plans (年度培训计划) of an organiser unit. */
export const plans = pgTable(
  'plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organiserId: uuid('organiser_id')
      .notNull()
      .references(() => units.id),
    year: integer('year').notNull(),
    title: text('title').notNull(),
    note: text('note'),
    status: text('status', { enum: ['draft', 'submitted', 'approved', 'returned'] })
      .notNull()
      .default('draft'),
    /** Who submitted it last: they may not approve it themselves (separation of duties). */
    submittedBy: uuid('submitted_by').references(() => users.id),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('plans_organiser_year_idx').on(t.organiserId, t.year), index('plans_year_idx').on(t.year)],
);

/** A line of a plan: one or more classes of a kind, in a window of months or on dates. */
export const planItems = pgTable(
  'plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    /** `YYYY-MM`. */
    windowStart: text('window_start').notNull(),
    windowEnd: text('window_end').notNull(),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    targetAudience: text('target_audience'),
    size: integer('size').notNull(),
    count: integer('count').notNull().default(1),
    note: text('note'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('plan_items_plan_idx').on(t.planId, t.sortOrder)],
);

/** The plan's timeline: creation, submissions, approvals and returns with their comments. */
export const planEvents = pgTable(
  'plan_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => plans.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    comment: text('comment'),
  },
  (t) => [index('plan_events_plan_idx').on(t.planId, t.at)],
);

/** Classes (班次). */
export const classes = pgTable(
  'classes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** `YYYY-NNN`, generated from class_code_counters. */
    code: text('code').notNull(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    topics: text('topics').array().notNull().default(sql`'{}'::text[]`),
    leadOrganiserId: uuid('lead_organiser_id')
      .notNull()
      .references(() => units.id),
    coOrganiserIds: uuid('co_organiser_ids').array().notNull().default(sql`'{}'::uuid[]`),
    hostInstitutionId: uuid('host_institution_id').references(() => units.id),
    cityCode: text('city_code').references(() => regions.code),
    venue: text('venue'),
    mode: text('mode', { enum: ['offline', 'online', 'blended'] })
      .notNull()
      .default('offline'),
    startDate: date('start_date', { mode: 'string' }),
    endDate: date('end_date', { mode: 'string' }),
    /** Hand-set hours; null means derived from the days (training settings). */
    plannedHours: numeric('planned_hours', { precision: 7, scale: 1, mode: 'number' }),
    capacity: integer('capacity'),
    targetAudience: text('target_audience'),
    nominationDeadline: ts('nomination_deadline'),
    selfRegistration: boolean('self_registration').notNull().default(false),
    waitlist: boolean('waitlist').notNull().default(false),
    directorId: uuid('director_id').references(() => users.id),
    assistantIds: uuid('assistant_ids').array().notNull().default(sql`'{}'::uuid[]`),
    budget: jsonb('budget')
      .$type<{ item: string; amount: number; note: string | null }[]>()
      .notNull()
      .default([]),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    description: text('description'),
    status: text('status', {
      enum: ['draft', 'published', 'nominations_closed', 'in_progress', 'completed', 'archived', 'cancelled'],
    })
      .notNull()
      .default('draft'),
    cancelReason: text('cancel_reason'),
    planItemId: uuid('plan_item_id').references(() => planItems.id, { onDelete: 'set null' }),
    clonedFrom: uuid('cloned_from'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('classes_code_idx').on(t.code),
    index('classes_year_idx').on(t.year, t.startDate),
    index('classes_organiser_idx').on(t.leadOrganiserId),
    index('classes_status_idx').on(t.status),
    index('classes_director_idx').on(t.directorId),
    index('classes_tags_idx').using('gin', t.tags),
    index('classes_plan_item_idx').on(t.planItemId),
    check(
      'classes_dates_check',
      sql`${t.endDate} is null or ${t.startDate} is null or ${t.endDate} >= ${t.startDate}`,
    ),
  ],
);

/** The last class sequence number per year (codes are `YYYY-NNN`, gap-free under concurrency). */
export const classCodeCounters = pgTable('class_code_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
});

/** A class's timeline: creation, edits, lifecycle transitions with reasons, quota changes. */
export const classEvents = pgTable(
  'class_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    at: ts('at').notNull().defaultNow(),
    actorId: uuid('actor_id').references(() => users.id),
    kind: text('kind', { enum: ['created', 'updated', 'transition', 'cloned', 'quotas'] }).notNull(),
    action: text('action'),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    reason: text('reason'),
    detail: jsonb('detail'),
  },
  (t) => [index('class_events_class_idx').on(t.classId, t.at)],
);

/** Seats of a class for a region subtree or a unit subtree (exactly one of the two). */
export const classQuotas = pgTable(
  'class_quotas',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    regionCode: text('region_code').references(() => regions.code),
    unitId: uuid('unit_id').references(() => units.id),
    seats: integer('seats').notNull(),
    weight: numeric('weight', { precision: 12, scale: 2, mode: 'number' }),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [
    uniqueIndex('class_quotas_region_idx')
      .on(t.classId, t.regionCode)
      .where(sql`${t.regionCode} is not null`),
    uniqueIndex('class_quotas_unit_idx').on(t.classId, t.unitId).where(sql`${t.unitId} is not null`),
    check('class_quotas_holder_check', sql`(${t.regionCode} is null) <> (${t.unitId} is null)`),
    check('class_quotas_seats_check', sql`${t.seats} >= 0`),
  ],
);

/** Nominations (调训报名) and self-registrations. */
export const nominations = pgTable(
  'nominations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    quotaId: uuid('quota_id').references(() => classQuotas.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    source: text('source', { enum: ['nomination', 'self'] })
      .notNull()
      .default('nomination'),
    status: text('status', {
      enum: ['submitted', 'approved', 'rejected', 'withdrawn', 'waitlisted', 'replaced'],
    }).notNull(),
    /** When it joined the waiting list: promotion takes the earliest first. */
    waitlistedAt: ts('waitlisted_at'),
    note: text('note'),
    decisionReason: text('decision_reason'),
    replacedById: uuid('replaced_by_id'),
    replacesId: uuid('replaces_id'),
    nominatedBy: uuid('nominated_by').references(() => users.id),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // A person is nominated to a class at most once at a time (the database says no to the second).
    uniqueIndex('nominations_active_person_idx')
      .on(t.classId, t.personId)
      .where(sql`${t.status} in ('submitted', 'approved', 'waitlisted')`),
    index('nominations_class_status_idx').on(t.classId, t.status),
    index('nominations_quota_idx').on(t.quotaId, t.status),
    index('nominations_person_idx').on(t.personId),
  ],
);

/** Groups (小组) of a class. */
export const classGroups = pgTable(
  'class_groups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
  },
  (t) => [uniqueIndex('class_groups_name_idx').on(t.classId, t.name)],
);

/** Enrolled trainees (学员): made when a nomination is approved; one row per person and class. */
export const enrollments = pgTable(
  'enrollments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    nominationId: uuid('nomination_id').references(() => nominations.id),
    groupId: uuid('group_id').references(() => classGroups.id, { onDelete: 'set null' }),
    role: text('role', { enum: ['member', 'monitor', 'deputy_monitor', 'group_leader'] })
      .notNull()
      .default('member'),
    arrivalAt: ts('arrival_at'),
    arrivalTransport: text('arrival_transport', { enum: ['train', 'flight', 'car', 'other'] }),
    arrivalNumber: text('arrival_number'),
    returnTicketNeeded: boolean('return_ticket_needed').notNull().default(false),
    accommodation: text('accommodation'),
    note: text('note'),
    status: text('status', { enum: ['enrolled', 'withdrawn'] })
      .notNull()
      .default('enrolled'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: uuid('checked_in_by').references(() => users.id),
    withdrawnAt: ts('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
    /**
     * The region of the person's unit, kept by triggers (migration 0017) as the person or the unit
     * moves — never written by the application: the statistics count a trainee by their unit's
     * region now, and read it here instead of joining every person of the province.
     */
    regionCode: text('region_code'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    // Never enrolled twice in one class: a re-approved person gets their row back.
    uniqueIndex('enrollments_class_person_idx').on(t.classId, t.personId),
    // What the statistics read of a class's enrolments, for index-only scans.
    index('enrollments_class_status_idx').on(t.classId, t.status, t.personId, t.id, t.regionCode),
    index('enrollments_person_idx').on(t.personId),
    index('enrollments_group_idx').on(t.groupId),
  ],
);
