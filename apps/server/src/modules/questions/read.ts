import {
  type BoardSettingsView,
  type BoardView,
  boardIsOpen,
  PUBLIC_STATUSES,
  type QuestionStatus,
  type QuestionView,
  questionFigures,
} from '@ganxun/domain';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classSessions, questionBoards, questionVotes, sessionQuestions } from '../../db/schema/index.js';
import { AppError } from '../../platform/errors.js';

export interface SessionRow {
  id: string;
  classId: string;
  title: string;
  startsAt: Date;
  endsAt: Date;
}

export type BoardRow = Pick<
  typeof questionBoards.$inferSelect,
  'mode' | 'moderation' | 'viewers' | 'anonymousAllowed'
>;
export type QuestionRow = typeof sessionQuestions.$inferSelect;

/** A board never configured takes the defaults: opens with its item, moderated, trainees only. */
export const DEFAULT_BOARD: BoardRow = {
  mode: 'auto',
  moderation: true,
  viewers: false,
  anonymousAllowed: true,
};

/** The item, 404 unless it is an item of the class. */
export async function sessionOf(exec: Executor, classId: string, sessionId: string): Promise<SessionRow> {
  const [row] = await exec
    .select({
      id: classSessions.id,
      classId: classSessions.classId,
      title: classSessions.title,
      startsAt: classSessions.startsAt,
      endsAt: classSessions.endsAt,
    })
    .from(classSessions)
    .where(and(eq(classSessions.id, sessionId), eq(classSessions.classId, classId)));
  if (!row) throw AppError.notFound();
  return row;
}

export async function boardOf(exec: Executor, sessionId: string): Promise<BoardRow> {
  const [row] = await exec
    .select({
      mode: questionBoards.mode,
      moderation: questionBoards.moderation,
      viewers: questionBoards.viewers,
      anonymousAllowed: questionBoards.anonymousAllowed,
    })
    .from(questionBoards)
    .where(eq(questionBoards.sessionId, sessionId));
  return row ?? DEFAULT_BOARD;
}

export function settingsView(board: BoardRow, session: SessionRow, now: Date): BoardSettingsView {
  return {
    mode: board.mode,
    moderation: board.moderation,
    viewers: board.viewers,
    anonymousAllowed: board.anonymousAllowed,
    open: boardIsOpen(board.mode, session, now),
  };
}

/** What one reader is shown of the board's questions. */
export interface Viewer {
  hash: string;
  moderator: boolean;
}

/** May the viewer see this question at all (pending: its author; hidden and merged: moderators and the author)? */
export function visibleTo(viewer: Viewer, row: Pick<QuestionRow, 'status' | 'authorHash'>): boolean {
  return (
    viewer.moderator ||
    (PUBLIC_STATUSES as readonly string[]).includes(row.status) ||
    (row.authorHash === viewer.hash && row.status !== 'merged')
  );
}

export function questionViewOf(viewer: Viewer, row: QuestionRow, voted: boolean): QuestionView {
  const mine = row.authorHash === viewer.hash;
  return {
    id: row.id,
    text: row.text,
    // Never the name of an anonymous question, staff included: it is not even stored.
    authorName: row.anonymous ? null : row.authorName,
    anonymous: row.anonymous,
    mine,
    status: row.status as QuestionStatus,
    votes: row.votes,
    voted,
    answer: row.answer,
    hiddenReason: viewer.moderator || mine ? row.hiddenReason : null,
    mergedInto: row.mergedInto,
    createdAt: row.createdAt.toISOString(),
  };
}

/** The questions of a board the viewer may see, oldest first, with their own votes marked. */
export async function questionsFor(
  exec: Executor,
  sessionId: string,
  viewer: Viewer,
  ids?: readonly string[],
): Promise<QuestionView[]> {
  if (ids && ids.length === 0) return [];
  const rows = await exec
    .select()
    .from(sessionQuestions)
    .where(
      and(
        eq(sessionQuestions.sessionId, sessionId),
        ids ? inArray(sessionQuestions.id, [...ids]) : undefined,
        viewer.moderator
          ? undefined
          : sql`(${sessionQuestions.status} in ('open', 'answering', 'answered', 'answered_in_writing') or (${sessionQuestions.authorHash} = ${viewer.hash} and ${sessionQuestions.status} <> 'merged'))`,
      ),
    )
    .orderBy(asc(sessionQuestions.createdAt), asc(sessionQuestions.id));
  const voted = await votedBy(
    exec,
    rows.map((r) => r.id),
    [viewer.hash],
  );
  return rows.map((r) => questionViewOf(viewer, r, voted.has(`${r.id}:${viewer.hash}`)));
}

/** `question:voter` pairs among these questions and voters. */
export async function votedBy(
  exec: Executor,
  questionIds: readonly string[],
  voterHashes: readonly string[],
): Promise<Set<string>> {
  if (questionIds.length === 0 || voterHashes.length === 0) return new Set();
  const rows = await exec
    .select({ q: questionVotes.questionId, v: questionVotes.voterHash })
    .from(questionVotes)
    .where(
      and(
        inArray(questionVotes.questionId, [...questionIds]),
        inArray(questionVotes.voterHash, [...voterHashes]),
      ),
    );
  return new Set(rows.map((r) => `${r.q}:${r.v}`));
}

/** The board as one reader sees it. */
export async function boardFor(
  exec: Executor,
  session: SessionRow,
  board: BoardRow,
  viewer: Viewer & { invite: string | null; participant: boolean },
  now: Date,
): Promise<BoardView> {
  const questions = await questionsFor(exec, session.id, viewer);
  return {
    sessionId: session.id,
    classId: session.classId,
    title: session.title,
    startsAt: session.startsAt.toISOString(),
    endsAt: session.endsAt.toISOString(),
    ...settingsView(board, session, now),
    moderator: viewer.moderator,
    participant: viewer.participant,
    invite: viewer.invite,
    questions,
    figures: questionFigures(questions),
  };
}
