import { sql } from 'drizzle-orm';
import { index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { people, regions, units } from './directory.js';
import { users } from './platform.js';

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
