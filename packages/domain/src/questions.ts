import { z } from 'zod';
import { multilineText, text } from './common.js';

/**
 * Live questions for lectures and briefings (互动答疑, issue 10): a question board per timetable
 * item. Trainees (and, if the item allows, invited online viewers) post questions from their
 * phones, under their name or anonymously, and vote (one vote per person, never on their own); the
 * class director or the item's host moderates; a presenter view shows the current question large.
 *
 * Live updates: the board's stream (server-sent events) first sends a `snapshot` in the reader's
 * view, then `questions` events with the changed questions (again in the reader's view) and the ids
 * the reader may no longer see, and a `board` event when the settings change.
 */

/**
 * pending (awaiting moderation) → open (shown) → answering (the speaker is on it) → answered, or
 * answered_in_writing (the written answer is shown to all); hidden (abusive, with a reason) and
 * merged (a duplicate folded into another question, whose votes it adds to).
 */
export const QUESTION_STATUSES = [
  'pending',
  'open',
  'answering',
  'answered',
  'answered_in_writing',
  'hidden',
  'merged',
] as const;
export type QuestionStatus = (typeof QUESTION_STATUSES)[number];

export const MODERATION_ACTIONS = [
  'approve',
  'answering',
  'answered',
  'answer_in_writing',
  'hide',
  'merge',
  'reopen',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** auto: the board opens and closes with its item; open / closed: set by hand. */
export const BOARD_MODES = ['auto', 'open', 'closed'] as const;
export type BoardMode = (typeof BOARD_MODES)[number];

export const QUESTION_MAX_LENGTH = 300;
export const WRITTEN_ANSWER_MAX_LENGTH = 2000;
/** In `auto` mode the board opens this long before its item starts and closes this long after it ends. */
export const BOARD_OPENS_BEFORE_MINUTES = 15;
export const BOARD_CLOSES_AFTER_MINUTES = 15;
/** Per person and board: questions and votes a minute (beyond them: 429). */
export const QUESTION_RATE_PER_MINUTE = 5;
export const VOTE_RATE_PER_MINUTE = 60;

/** The transitions of moderation (null: not allowed from that status). */
const TRANSITIONS: Record<ModerationAction, Partial<Record<QuestionStatus, QuestionStatus>>> = {
  approve: { pending: 'open', hidden: 'open' },
  answering: { open: 'answering', answered: 'answering' },
  answered: { open: 'answered', answering: 'answered' },
  answer_in_writing: {
    pending: 'answered_in_writing',
    open: 'answered_in_writing',
    answering: 'answered_in_writing',
    answered: 'answered_in_writing',
    answered_in_writing: 'answered_in_writing',
  },
  hide: {
    pending: 'hidden',
    open: 'hidden',
    answering: 'hidden',
    answered: 'hidden',
    answered_in_writing: 'hidden',
  },
  merge: { pending: 'merged', open: 'merged' },
  reopen: { answering: 'open', answered: 'open', answered_in_writing: 'open', hidden: 'open' },
};

/** The status a moderation action leads to, or null when it is not allowed (409). */
export function questionTransition(from: QuestionStatus, action: ModerationAction): QuestionStatus | null {
  return TRANSITIONS[action][from] ?? null;
}

/** Is the board taking questions and votes at `now`? */
export function boardIsOpen(
  mode: BoardMode,
  item: { startsAt: Date | string; endsAt: Date | string },
  now: Date,
): boolean {
  if (mode === 'open') return true;
  if (mode === 'closed') return false;
  const start = new Date(item.startsAt).getTime() - BOARD_OPENS_BEFORE_MINUTES * 60_000;
  const end = new Date(item.endsAt).getTime() + BOARD_CLOSES_AFTER_MINUTES * 60_000;
  return now.getTime() >= start && now.getTime() <= end;
}

/** Statuses everyone on the board sees (pending only its author and moderators; hidden and merged only moderators). */
export const PUBLIC_STATUSES: readonly QuestionStatus[] = [
  'open',
  'answering',
  'answered',
  'answered_in_writing',
];

/** Why a vote is refused, or null. */
export function voteProblem(v: {
  own: boolean;
  already: boolean;
  status: QuestionStatus;
  boardOpen: boolean;
}): 'board_closed' | 'own_question' | 'already_voted' | 'not_open' | null {
  if (!v.boardOpen) return 'board_closed';
  if (v.own) return 'own_question';
  if (!['open', 'answering'].includes(v.status)) return 'not_open';
  if (v.already) return 'already_voted';
  return null;
}

export type QuestionOrder = 'top' | 'newest';

/** Most votes first (the earlier question first on a tie), or newest first. */
export function sortQuestions<T extends { votes: number; createdAt: string }>(
  list: readonly T[],
  order: QuestionOrder,
): T[] {
  return [...list].sort((a, b) =>
    order === 'newest'
      ? b.createdAt.localeCompare(a.createdAt)
      : b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
  );
}

/** The presenter's current question: the one being answered, else the most voted open one. */
export function currentQuestion<T extends { status: QuestionStatus; votes: number; createdAt: string }>(
  list: readonly T[],
): T | null {
  const answering = list.filter((q) => q.status === 'answering');
  if (answering.length > 0) return sortQuestions(answering, 'newest')[0] ?? null;
  return (
    sortQuestions(
      list.filter((q) => q.status === 'open'),
      'top',
    )[0] ?? null
  );
}

/** Questions of a board for the class's statistics: how many, and the share answered (orally or in writing). */
export function questionFigures(list: readonly { status: QuestionStatus }[]): {
  questions: number;
  answered: number;
  answeredShare: number | null;
} {
  const counted = list.filter((q) => q.status !== 'hidden' && q.status !== 'merged');
  const answered = counted.filter(
    (q) => q.status === 'answered' || q.status === 'answered_in_writing',
  ).length;
  return {
    questions: counted.length,
    answered,
    answeredShare: counted.length > 0 ? answered / counted.length : null,
  };
}

// ---------------------------------------------------------------------------------------------
// API contract (/classes/{id}/sessions/{sessionId}/questions…)
// ---------------------------------------------------------------------------------------------

export const postQuestionBody = z.strictObject({
  text: multilineText(QUESTION_MAX_LENGTH).pipe(z.string().trim().min(1)),
  anonymous: z.boolean().default(false),
});
export type PostQuestionBody = z.infer<typeof postQuestionBody>;

export const moderateBody = z
  .strictObject({
    action: z.enum(MODERATION_ACTIONS),
    /** hide: why (shown to moderators and the author). */
    reason: text(200).optional(),
    /** merge: the question this one duplicates. */
    mergeInto: z.uuid().optional(),
    /** answer_in_writing: the answer shown to all. */
    answer: multilineText(WRITTEN_ANSWER_MAX_LENGTH).pipe(z.string().trim().min(1)).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.action === 'hide' && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'reason_required' });
    if (v.action === 'merge' && !v.mergeInto)
      ctx.addIssue({ code: 'custom', path: ['mergeInto'], message: 'merge_target_required' });
    if (v.action === 'answer_in_writing' && !v.answer)
      ctx.addIssue({ code: 'custom', path: ['answer'], message: 'answer_required' });
  });
export type ModerateBody = z.infer<typeof moderateBody>;

export const boardSettingsBody = z.strictObject({
  mode: z.enum(BOARD_MODES).optional(),
  moderation: z.boolean().optional(),
  /** Invited online viewers of the class may post and vote. */
  viewers: z.boolean().optional(),
  anonymousAllowed: z.boolean().optional(),
});
export type BoardSettingsBody = z.infer<typeof boardSettingsBody>;

export const questionView = z.object({
  id: z.uuid(),
  text: z.string(),
  /** Null when anonymous: nobody, staff included, is told who asked. */
  authorName: z.string().nullable(),
  anonymous: z.boolean(),
  mine: z.boolean(),
  status: z.enum(QUESTION_STATUSES),
  votes: z.number().int(),
  voted: z.boolean(),
  answer: z.string().nullable(),
  /** Moderators (and the author) only. */
  hiddenReason: z.string().nullable(),
  mergedInto: z.uuid().nullable(),
  createdAt: z.string(),
});
export type QuestionView = z.infer<typeof questionView>;

export const boardView = z.object({
  sessionId: z.uuid(),
  classId: z.uuid(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  mode: z.enum(BOARD_MODES),
  moderation: z.boolean(),
  viewers: z.boolean(),
  anonymousAllowed: z.boolean(),
  open: z.boolean(),
  /** May the reader moderate (director, assistants, the item's host)? */
  moderator: z.boolean(),
  /** May the reader post and vote (an enrolled trainee, or an invited online viewer)? */
  participant: z.boolean(),
  /** Moderators, when `viewers` is on: the token of the invitation link for online viewers. */
  invite: z.string().nullable(),
  questions: z.array(questionView),
  figures: z.object({
    questions: z.number().int(),
    answered: z.number().int(),
    answeredShare: z.number().nullable(),
  }),
});
export type BoardView = z.infer<typeof boardView>;

/** Settings of a board as its events carry them. */
export type BoardSettingsView = Pick<
  BoardView,
  'mode' | 'moderation' | 'viewers' | 'anonymousAllowed' | 'open'
>;

/** The events of `GET …/questions/stream` (each an SSE `event:` of this name with JSON `data:`). */
export type BoardEvent =
  | { type: 'snapshot'; board: BoardView }
  | {
      type: 'questions';
      questions: QuestionView[];
      removed: string[];
      /**
       * Questions of which only the vote count changed, with their new counts: a vote resends its
       * count, not its question (300 phones in a hall, ten thousand votes an hour).
       */
      votes?: { id: string; votes: number }[];
      /** Of those, the ones the reader voted on meanwhile (their own vote, from any device). */
      voted?: string[];
    }
  | { type: 'board'; settings: BoardSettingsView };

/**
 * Applies an event to the reader's copy of a board (the phone board, moderation and presenter
 * views keep one and render from it).
 */
export function applyBoardEvent(board: BoardView | null, event: BoardEvent): BoardView | null {
  if (event.type === 'snapshot') return event.board;
  if (!board) return board;
  if (event.type === 'board') return { ...board, ...event.settings };
  const changed = new Map(event.questions.map((q) => [q.id, q]));
  const gone = new Set(event.removed);
  const kept = board.questions
    .filter((q) => !gone.has(q.id))
    .map((q) => {
      const next = changed.get(q.id);
      changed.delete(q.id);
      return next ?? q;
    });
  const counts = new Map((event.votes ?? []).map((v) => [v.id, v.votes]));
  const voted = new Set(event.voted ?? []);
  const questions = [...kept, ...changed.values()].map((q) => {
    const votes = counts.get(q.id);
    if (votes === undefined && !voted.has(q.id)) return q;
    return { ...q, votes: votes ?? q.votes, voted: q.voted || voted.has(q.id) };
  });
  return { ...board, questions, figures: questionFigures(questions) };
}

/** A board's export and the class's question figures (`GET /classes/{id}/questions`). */
export const classQuestionsView = z.object({
  items: z.array(
    z.object({
      sessionId: z.uuid(),
      title: z.string(),
      startsAt: z.string(),
      questions: z.number().int(),
      answered: z.number().int(),
      answeredShare: z.number().nullable(),
      votes: z.number().int(),
    }),
  ),
  totals: z.object({
    questions: z.number().int(),
    answered: z.number().int(),
    answeredShare: z.number().nullable(),
    votes: z.number().int(),
  }),
});
export type ClassQuestionsView = z.infer<typeof classQuestionsView>;
