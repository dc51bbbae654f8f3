import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { people, regions, units } from './directory.js';
import { users } from './platform.js';
import { classes } from './training.js';

/**
 * Talent exchange (issue 7): pairings between two regions (or units) and the secondments between
 * them. A pairing has two sides, A and B; its two directions (A → B, B → A) are derived and named
 * by the sending and receiving sides. Everything below a pairing is scoped through it
 * (modules/partnerships/policy.ts).
 */
export const partnerships = pgTable(
  'partnerships',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    /** A code of the `partnership_programme` dictionary (东西部协作, 对口支援, 省内结对, …). */
    programme: text('programme').notNull(),
    sideARegionCode: text('side_a_region_code')
      .notNull()
      .references(() => regions.code),
    /** A side may be a unit (a hospital pairing with a hospital) inside its region. */
    sideAUnitId: uuid('side_a_unit_id').references(() => units.id),
    sideBRegionCode: text('side_b_region_code')
      .notNull()
      .references(() => regions.code),
    sideBUnitId: uuid('side_b_unit_id').references(() => units.id),
    startYear: integer('start_year').notNull(),
    endYear: integer('end_year'),
    status: text('status', { enum: ['active', 'suspended', 'ended'] })
      .notNull()
      .default('active'),
    /** Contacts on each side: `{ side, name, post, phone }` (office contacts, not personal data). */
    contacts: jsonb('contacts')
      .$type<{ side: 'a' | 'b'; name: string; post: string | null; phone: string | null }[]>()
      .notNull()
      .default([]),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('partnerships_side_a_idx').using('btree', sql`${t.sideARegionCode} text_pattern_ops`),
    index('partnerships_side_b_idx').using('btree', sql`${t.sideBRegionCode} text_pattern_ops`),
  ],
);

/**
 * Joint classes (联合办班): classes a pairing ran together, each counted as leadership
 * (领导干部) or professional (专业技术人才) training of the pairing. A class belongs to at most
 * one pairing.
 */
export const partnershipClasses = pgTable(
  'partnership_classes',
  {
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    jointKind: text('joint_kind', { enum: ['leadership', 'professional'] }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.classId] }),
    uniqueIndex('partnership_classes_class_idx').on(t.classId),
  ],
);

/**
 * A secondment (挂职、跟岗学习、交流指导、支教、支医): one person, one term, one direction of one
 * pairing. The term is `planned_*` until it starts; `actual_start`/`actual_end` record what
 * happened. An extension moves `planned_end` (status `extended`); an early end sets `actual_end`
 * (status `ended_early`) — both only through an approved change (`secondment_changes`).
 * A person's terms never overlap (checked under a lock on the person's row).
 * `warnings` records what was accepted against the person's record (category or specialty that
 * differ from the directory), so a reader sees it was noticed.
 */
export const secondments = pgTable(
  'secondments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    direction: text('direction', { enum: ['a_to_b', 'b_to_a'] }).notNull(),
    /** A code of the `secondment_form` dictionary. */
    form: text('form').notNull(),
    category: text('category', { enum: ['cadre', 'professional'] }).notNull(),
    specialty: text('specialty', { enum: ['medical', 'education', 'agriculture', 'other'] }),
    homeUnitId: uuid('home_unit_id')
      .notNull()
      .references(() => units.id),
    homePost: text('home_post'),
    hostUnitId: uuid('host_unit_id')
      .notNull()
      .references(() => units.id),
    /** 挂任职务. */
    hostPost: text('host_post'),
    fullTime: boolean('full_time').notNull().default(true),
    plannedStart: date('planned_start', { mode: 'string' }).notNull(),
    plannedEnd: date('planned_end', { mode: 'string' }).notNull(),
    actualStart: date('actual_start', { mode: 'string' }),
    actualEnd: date('actual_end', { mode: 'string' }),
    /** 带教老师. */
    mentor: text('mentor'),
    /** 党组织关系转接. */
    partyTransfer: boolean('party_transfer').notNull().default(false),
    status: text('status', {
      enum: ['planned', 'in_post', 'extended', 'completed', 'ended_early', 'cancelled'],
    })
      .notNull()
      .default('planned'),
    warnings: jsonb('warnings').$type<{ code: string; x?: string }[]>().notNull().default([]),
    note: text('note'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('secondments_partnership_idx').on(t.partnershipId, t.direction, t.plannedStart),
    index('secondments_person_idx').on(t.personId, t.plannedStart),
    index('secondments_status_idx').on(t.status, t.plannedEnd),
    index('secondments_home_unit_idx').on(t.homeUnitId),
    index('secondments_host_unit_idx').on(t.hostUnitId),
  ],
);

/** Extensions and early ends (延期, 提前结束): asked by one user, decided by another. */
export const secondmentChanges = pgTable(
  'secondment_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    secondmentId: uuid('secondment_id')
      .notNull()
      .references(() => secondments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['extension', 'early_end'] }).notNull(),
    /** The end asked for: the new planned end (extension) or the actual end (early end). */
    newEnd: date('new_end', { mode: 'string' }).notNull(),
    previousEnd: date('previous_end', { mode: 'string' }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: ['pending', 'approved', 'rejected', 'withdrawn'] })
      .notNull()
      .default('pending'),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    requestedAt: ts('requested_at').notNull().defaultNow(),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    comment: text('comment'),
  },
  (t) => [
    index('secondment_changes_secondment_idx').on(t.secondmentId, t.status),
    // At most one pending change per secondment.
    uniqueIndex('secondment_changes_pending_idx').on(t.secondmentId).where(sql`${t.status} = 'pending'`),
  ],
);

/** Work log and achievements (工作日志、工作成效), written by staff or by the secondee. */
export const secondmentLogs = pgTable(
  'secondment_logs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    secondmentId: uuid('secondment_id')
      .notNull()
      .references(() => secondments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['work', 'achievement'] }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    content: text('content').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('secondment_logs_secondment_idx').on(t.secondmentId, t.date)],
);

/** Follow-up talks (座谈交流) of a pairing with one or more secondees. */
export const exchangeTalks = pgTable(
  'exchange_talks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    partnershipId: uuid('partnership_id')
      .notNull()
      .references(() => partnerships.id, { onDelete: 'cascade' }),
    date: date('date', { mode: 'string' }).notNull(),
    title: text('title').notNull(),
    location: text('location'),
    /** Who took part besides the secondees (the organisation department's staff, hosts). */
    participants: text('participants').notNull().default(''),
    notes: text('notes').notNull().default(''),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('exchange_talks_partnership_idx').on(t.partnershipId, t.date)],
);

export const exchangeTalkSecondments = pgTable(
  'exchange_talk_secondments',
  {
    talkId: uuid('talk_id')
      .notNull()
      .references(() => exchangeTalks.id, { onDelete: 'cascade' }),
    secondmentId: uuid('secondment_id')
      .notNull()
      .references(() => secondments.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.talkId, t.secondmentId] }),
    index('exchange_talk_secondments_secondment_idx').on(t.secondmentId),
  ],
);

/** Annual and final assessments (年度考核、期满考核): one annual per year, one final. */
export const secondmentAssessments = pgTable(
  'secondment_assessments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    secondmentId: uuid('secondment_id')
      .notNull()
      .references(() => secondments.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: ['annual', 'final'] }).notNull(),
    /** The year assessed (annual); the final assessment stores the year of the term's end. */
    year: integer('year').notNull(),
    grade: text('grade', {
      enum: ['excellent', 'competent', 'basically_competent', 'incompetent'],
    }).notNull(),
    comment: text('comment'),
    assessedBy: uuid('assessed_by')
      .notNull()
      .references(() => users.id),
    assessedAt: ts('assessed_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('secondment_assessments_annual_idx')
      .on(t.secondmentId, t.year)
      .where(sql`${t.kind} = 'annual'`),
    uniqueIndex('secondment_assessments_final_idx').on(t.secondmentId).where(sql`${t.kind} = 'final'`),
  ],
);

/** The timeline of a secondment: created, started, change asked/decided, ended, assessed, … */
export const secondmentEvents = pgTable(
  'secondment_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    secondmentId: uuid('secondment_id')
      .notNull()
      .references(() => secondments.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    /** The day the event concerns (start or end date), when it has one. */
    date: date('date', { mode: 'string' }),
    detail: jsonb('detail').$type<Record<string, unknown>>().notNull().default({}),
    actorId: uuid('actor_id').references(() => users.id),
    at: ts('at').notNull().defaultNow(),
  },
  (t) => [index('secondment_events_secondment_idx').on(t.secondmentId, t.at)],
);
