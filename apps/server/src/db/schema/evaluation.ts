import type { SurveyQuestion } from '@ganxun/domain';
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { units } from './directory.js';
import { users } from './platform.js';
import { classSessions, storedFiles } from './timetable.js';
import { classes, enrollments } from './training.js';

/**
 * Evaluation (评估, issue 6 item 4). Templates hold questions; a form is made for every lecture
 * item (an item with a speaker) and one for the class, keeping a snapshot of its template's
 * questions so later template edits do not change collected answers.
 *
 * Anonymity: `survey_responses` holds answers with no enrollment, no user and no timestamp, and a
 * random id; `survey_respondents` records only who has responded (for the response rate, reminders
 * and completion), with no timestamp either, and no link to which response is theirs. Both are
 * written in one transaction.
 */
export const surveyTemplates = pgTable('survey_templates', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  target: text('target', { enum: ['lecture', 'class'] }).notNull(),
  questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
  /** The institution that owns it (its runners may edit it); null = shared by all. */
  ownerUnitId: uuid('owner_unit_id').references(() => units.id),
  archived: boolean('archived').notNull().default(false),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: ts('created_at').notNull().defaultNow(),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** Per class: which templates its forms are made from, and the results threshold. */
export const classSurveySettings = pgTable('class_survey_settings', {
  classId: uuid('class_id')
    .primaryKey()
    .references(() => classes.id, { onDelete: 'cascade' }),
  lectureTemplateId: uuid('lecture_template_id').references(() => surveyTemplates.id),
  classTemplateId: uuid('class_template_id').references(() => surveyTemplates.id),
  minResponses: integer('min_responses').notNull().default(5),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const surveyForms = pgTable(
  'survey_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    /** The lecture item evaluated; null for the class form. */
    sessionId: uuid('session_id').references(() => classSessions.id, { onDelete: 'cascade' }),
    target: text('target', { enum: ['lecture', 'class'] }).notNull(),
    title: text('title').notNull(),
    templateId: uuid('template_id').references(() => surveyTemplates.id, { onDelete: 'set null' }),
    questions: jsonb('questions').$type<SurveyQuestion[]>().notNull(),
    opensAt: ts('opens_at').notNull(),
    closesAt: ts('closes_at').notNull(),
    /** Closed by hand before `closes_at`. */
    closedAt: ts('closed_at'),
    /** The item was cancelled or lost its speaker: kept with its answers, no longer expected. */
    withdrawnAt: ts('withdrawn_at'),
    responses: integer('responses').notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('survey_forms_session_idx').on(t.sessionId).where(sql`${t.sessionId} is not null`),
    uniqueIndex('survey_forms_class_form_idx').on(t.classId).where(sql`${t.sessionId} is null`),
    // The class's forms with what the statistics read of them, for index-only scans: a form row
    // carries its questions (kilobytes), so reading the rows of a year's forms is what costs.
    index('survey_forms_class_idx').on(t.classId, t.target, t.sessionId, t.id),
  ],
);

/** Answers only: nothing here identifies who answered or when. */
export const surveyResponses = pgTable(
  'survey_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => surveyForms.id, { onDelete: 'cascade' }),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [index('survey_responses_form_idx').on(t.formId)],
);

/** Who has responded to a form (once each), not what. */
export const surveyRespondents = pgTable(
  'survey_respondents',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => surveyForms.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.formId, t.enrollmentId] }),
    index('survey_respondents_enrollment_idx').on(t.enrollmentId),
  ],
);

/** Reminders sent to those who have not responded yet. */
export const surveyReminders = pgTable(
  'survey_reminders',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    formId: uuid('form_id')
      .notNull()
      .references(() => surveyForms.id, { onDelete: 'cascade' }),
    recipients: integer('recipients').notNull(),
    sentBy: uuid('sent_by').references(() => users.id),
    sentAt: ts('sent_at').notNull().defaultNow(),
  },
  (t) => [index('survey_reminders_form_idx').on(t.formId, t.sentAt)],
);

/** 学习心得: one per trainee and class, text and/or a file, graded by the director. */
export const reflections = pgTable(
  'reflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    enrollmentId: uuid('enrollment_id')
      .notNull()
      .references(() => enrollments.id, { onDelete: 'cascade' }),
    text: text('text'),
    fileId: uuid('file_id').references(() => storedFiles.id),
    submittedAt: ts('submitted_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    grade: text('grade', { enum: ['excellent', 'good', 'pass', 'fail'] }),
    gradeComment: text('grade_comment'),
    gradedBy: uuid('graded_by').references(() => users.id),
    gradedAt: ts('graded_at'),
  },
  (t) => [
    uniqueIndex('reflections_enrollment_idx').on(t.enrollmentId),
    index('reflections_class_idx').on(t.classId),
  ],
);
