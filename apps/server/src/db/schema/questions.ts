import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { ts } from './columns.js';
import { users } from './platform.js';
import { classSessions } from './timetable.js';
import { classes } from './training.js';

/**
 * Live questions (issue 10, DRAFT on branch issue-10-wip): a board per timetable item, its
 * questions and their votes.
 *
 * Anonymity is structural, as for survey responses: every question and vote carries only
 * `author_hash` / `voter_hash` = HMAC(server secret, session id + user id) — enough to show the
 * asker their own questions, refuse a vote on one's own question or a second vote, and rate-limit a
 * person, but nothing a reader of the database can turn into a name. A named question also keeps
 * its author's user id and name; an anonymous one keeps neither.
 */
export const questionBoards = pgTable('question_boards', {
  sessionId: uuid('session_id')
    .primaryKey()
    .references(() => classSessions.id, { onDelete: 'cascade' }),
  mode: text('mode', { enum: ['auto', 'open', 'closed'] })
    .notNull()
    .default('auto'),
  moderation: boolean('moderation').notNull().default(true),
  viewers: boolean('viewers').notNull().default(false),
  anonymousAllowed: boolean('anonymous_allowed').notNull().default(true),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

export const sessionQuestions = pgTable(
  'session_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => classSessions.id, { onDelete: 'cascade' }),
    classId: uuid('class_id')
      .notNull()
      .references(() => classes.id, { onDelete: 'cascade' }),
    authorHash: text('author_hash').notNull(),
    /** Named questions only. */
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name'),
    anonymous: boolean('anonymous').notNull(),
    text: text('text').notNull(),
    status: text('status', {
      enum: ['pending', 'open', 'answering', 'answered', 'answered_in_writing', 'hidden', 'merged'],
    }).notNull(),
    votes: integer('votes').notNull().default(0),
    mergedInto: uuid('merged_into'),
    answer: text('answer'),
    hiddenReason: text('hidden_reason'),
    decidedBy: uuid('decided_by').references(() => users.id),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('session_questions_session_idx').on(t.sessionId, t.status),
    index('session_questions_author_idx').on(t.sessionId, t.authorHash, t.createdAt),
    index('session_questions_class_idx').on(t.classId),
    index('session_questions_merged_idx').on(t.mergedInto).where(sql`${t.mergedInto} is not null`),
  ],
);

/** One vote per person and question (the primary key makes a second vote a conflict, never a second row). */
export const questionVotes = pgTable(
  'question_votes',
  {
    questionId: uuid('question_id')
      .notNull()
      .references(() => sessionQuestions.id, { onDelete: 'cascade' }),
    voterHash: text('voter_hash').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.questionId, t.voterHash] }),
    index('question_votes_voter_idx').on(t.voterHash, t.createdAt),
  ],
);
