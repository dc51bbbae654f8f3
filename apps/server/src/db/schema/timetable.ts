import { sql } from 'drizzle-orm';
import {
  boolean,
  customType,
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
import { people, regions, units } from './directory.js';
import { users } from './platform.js';
import { classes } from './training.js';

/**
 * The lecturer pool (师资库). Mobile numbers are stored as people's are: encrypted, with a keyed
 * hash and the masked form for lists.
 */
export const lecturers = pgTable(
  'lecturers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['internal', 'external'] }).notNull(),
    name: text('name').notNull(),
    namePinyin: text('name_pinyin').notNull(),
    nameInitials: text('name_initials').notNull(),
    affiliation: text('affiliation'),
    title: text('title'),
    expertise: text('expertise').array().notNull().default(sql`'{}'::text[]`),
    mobileEnc: text('mobile_enc'),
    mobileHash: text('mobile_hash'),
    mobileMasked: text('mobile_masked'),
    email: text('email'),
    biography: text('biography'),
    personId: uuid('person_id').references(() => people.id),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('lecturers_name_idx').on(t.namePinyin, t.id),
    index('lecturers_expertise_idx').using('gin', t.expertise),
    uniqueIndex('lecturers_person_idx').on(t.personId),
  ],
);

/** Teaching venues: classrooms, field-teaching sites and online rooms, kept by an owner unit. */
export const venues = pgTable(
  'venues',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind', { enum: ['classroom', 'field_site', 'online_room'] }).notNull(),
    name: text('name').notNull(),
    ownerUnitId: uuid('owner_unit_id')
      .notNull()
      .references(() => units.id),
    capacity: integer('capacity'),
    building: text('building'),
    equipment: text('equipment').array().notNull().default(sql`'{}'::text[]`),
    address: text('address'),
    cityCode: text('city_code').references(() => regions.code),
    liveUrl: text('live_url'),
    replayUrl: text('replay_url'),
    note: text('note'),
    status: text('status', { enum: ['active', 'inactive'] })
      .notNull()
      .default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('venues_owner_name_idx').on(t.ownerUnitId, t.name),
    index('venues_city_idx').on(t.cityCode),
  ],
);

/** File contents kept in the database (bytea), so a backup of the database is a backup of all. */
const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (v) => (Buffer.isBuffer(v) ? v : Buffer.from(v)),
});

/**
 * Timetable items (课程表) of a class. Times are instants; the conflict checks find candidates by
 * venue and by lecturer (class_session_lecturers) with the start-time indexes, an item lasting at
 * most a day. `version` is the optimistic lock of concurrent edits.
 */
export const classSessions = pgTable(
  'class_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    type: text('type').notNull(),
    title: text('title').notNull(),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    venueId: uuid('venue_id').references(() => venues.id),
    location: text('location'),
    /** Null: the whole class. */
    groupIds: uuid('group_ids').array(),
    attendanceRequired: boolean('attendance_required').notNull().default(true),
    /** Null: derived from the length by the training settings' rule. */
    hours: numeric('hours', { precision: 4, scale: 2, mode: 'number' }),
    description: text('description'),
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('class_sessions_class_idx').on(t.classId, t.startsAt),
    index('class_sessions_venue_idx').on(t.venueId, t.startsAt),
    index('class_sessions_starts_idx').on(t.startsAt),
  ],
);

/** Lecturers of an item with their part (主讲, 主持, 点评). */
export const classSessionLecturers = pgTable(
  'class_session_lecturers',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id, { onDelete: 'cascade' }),
    lecturerId: uuid('lecturer_id')
      .notNull()
      .references(() => lecturers.id),
    role: text('role', { enum: ['speaker', 'host', 'commentator'] })
      .notNull()
      .default('speaker'),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.sessionId, t.lecturerId] }),
    index('class_session_lecturers_lecturer_idx').on(t.lecturerId),
  ],
);

/** Uploaded files (materials now; attachments of later modules). */
export const storedFiles = pgTable('stored_files', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  mime: text('mime').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  content: bytea('content').notNull(),
  uploadedBy: uuid('uploaded_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

export const sessionMaterials = pgTable(
  'session_materials',
  {
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id, { onDelete: 'cascade' }),
    fileId: uuid('file_id')
      .notNull()
      .references(() => storedFiles.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.sessionId, t.fileId] })],
);

/** A class's timetable publication state (one row once anything is published). */
export const timetables = pgTable('timetables', {
  classId: uuid('class_id')
    .primaryKey()
    .references(() => classes.id, { onDelete: 'cascade' }),
  status: text('status', { enum: ['draft', 'published'] })
    .notNull()
    .default('draft'),
  publishedVersion: integer('published_version').notNull().default(0),
  publishedAt: ts('published_at'),
  publishedBy: uuid('published_by').references(() => users.id),
  /** Warning keys acknowledged at the last publication. */
  acknowledged: jsonb('acknowledged').$type<string[]>().notNull().default([]),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The change log: every write to a timetable. Changes after publication are the ones announced to
 * those affected (`notifiedAt` is set by the notification mechanism, issue 9).
 */
export const timetableChanges = pgTable(
  'timetable_changes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    sessionId: uuid('session_id'),
    kind: text('kind', {
      enum: ['created', 'updated', 'deleted', 'shifted', 'copied', 'published'],
    }).notNull(),
    before: jsonb('before'),
    after: jsonb('after'),
    afterPublication: boolean('after_publication').notNull().default(false),
    affectedTrainees: integer('affected_trainees').notNull().default(0),
    affectedLecturerIds: uuid('affected_lecturer_ids').array().notNull().default(sql`'{}'::uuid[]`),
    acknowledged: jsonb('acknowledged').$type<string[]>().notNull().default([]),
    note: text('note'),
    changedBy: uuid('changed_by').references(() => users.id),
    changedAt: ts('changed_at').notNull().defaultNow(),
    notifiedAt: ts('notified_at'),
  },
  (t) => [index('timetable_changes_class_idx').on(t.classId, t.changedAt)],
);

/** Timetable templates: items by day number and time of day. */
export const timetableTemplates = pgTable('timetable_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  description: text('description'),
  days: integer('days').notNull(),
  items: jsonb('items').notNull(),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
});

/**
 * iCalendar feeds on secret URLs. Only a hash of the token is kept; revoking sets `revokedAt`.
 * Scope class: `classId`; trainee: `personId`; lecturer: `lecturerId`.
 */
export const calendarFeeds = pgTable(
  'calendar_feeds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope', { enum: ['class', 'trainee', 'lecturer'] }).notNull(),
    classId: uuid('class_id').references(() => classes.id, { onDelete: 'cascade' }),
    personId: uuid('person_id').references(() => people.id),
    lecturerId: uuid('lecturer_id').references(() => lecturers.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => users.id),
    createdAt: ts('created_at').notNull().defaultNow(),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('calendar_feeds_token_idx').on(t.tokenHash),
    index('calendar_feeds_owner_idx').on(t.ownerId),
  ],
);
