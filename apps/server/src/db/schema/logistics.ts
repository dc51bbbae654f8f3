import { boolean, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { users } from './platform.js';
import { classes, enrollments } from './training.js';

/**
 * Logistics and services of a class (issue 9 item 4): where trainees sleep (hotels, rooms and the
 * allocation), what they eat (dietary needs), who meets them (pick-ups by arrival) and what they
 * were handed (materials). Arrival data itself stays on the enrolment (the roster's columns).
 */

/** A hotel or the school's own guest house used by one class. */
export const classHotels = pgTable(
  'class_hotels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    address: text('address'),
    phone: text('phone'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('class_hotels_name_idx').on(t.classId, t.name)],
);

/** A room of a class's hotel; `gender` fixed by the hotel (a women's floor) or null. */
export const classRooms = pgTable(
  'class_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    hotelId: uuid('hotel_id')
      .notNull()
      .references(() => classHotels.id, { onDelete: 'cascade' }),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    beds: integer('beds').notNull(),
    gender: text('gender', { enum: ['male', 'female'] }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('class_rooms_number_idx').on(t.hotelId, t.number),
    index('class_rooms_class_idx').on(t.classId),
  ],
);

/** Who sleeps in which room: one bed per enrolment (the primary key). */
export const roomAssignments = pgTable(
  'room_assignments',
  {
    enrollmentId: uuid('enrollment_id')
      .primaryKey()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id')
      .notNull()
      .references(() => classRooms.id, { onDelete: 'cascade' }),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    assignedBy: uuid('assigned_by').references(() => users.id),
    assignedAt: ts('assigned_at').notNull().defaultNow(),
  },
  (t) => [index('room_assignments_room_idx').on(t.roomId), index('room_assignments_class_idx').on(t.classId)],
);

/** A trainee's service needs for one class: diet (清真, 素食 …) and a room of their own. */
export const enrollmentServices = pgTable('enrollment_services', {
  enrollmentId: uuid('enrollment_id')
    .primaryKey()
    .references(() => enrollments.id, { onDelete: 'cascade' }),
  classId: uuid('class_id')
    .notNull()
    .references(() => classes.id, { onDelete: 'cascade' }),
  dietaryNeed: text('dietary_need', {
    enum: ['none', 'halal', 'vegetarian', 'no_pork', 'diabetic', 'allergy', 'other'],
  }),
  dietaryNote: text('dietary_note'),
  singleRoom: boolean('single_room').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/**
 * The arrangement for one pick-up group (vehicle, driver). Groups are computed from the roster's
 * arrival data; `key` is the group's key (`train:G1234:2024-06-10`, `window:<iso>`), so an
 * arrangement follows its train or flight when trainees are added to it.
 */
export const pickUpArrangements = pgTable(
  'pick_up_arrangements',
  {
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    vehicle: text('vehicle'),
    driver: text('driver'),
    driverPhone: text('driver_phone'),
    note: text('note'),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.classId, t.key] })],
);

/** Materials handed out to every trainee (textbooks, a badge, a meal card). */
export const classMaterials = pgTable(
  'class_materials',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    quantityPerTrainee: integer('quantity_per_trainee').notNull().default(1),
    note: text('note'),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('class_materials_name_idx').on(t.classId, t.name)],
);

/** One material handed to one trainee (once: the primary key). */
export const materialHandouts = pgTable(
  'material_handouts',
  {
    materialId: uuid('material_id')
      .notNull()
      .references(() => classMaterials.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    handedBy: uuid('handed_by').references(() => users.id),
    handedAt: ts('handed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.materialId, t.enrollmentId] }),
    index('material_handouts_enrollment_idx').on(t.enrollmentId),
  ],
);
