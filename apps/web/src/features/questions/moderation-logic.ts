import {
  type ClassQuestionsView,
  type ModerationAction,
  type QuestionStatus,
  type QuestionView,
  questionTransition,
  sortQuestions,
} from '@ganxun/domain';

/** The moderator's three sections of a board. */
export interface ModerationSections {
  /** Awaiting approval, oldest first (first come, first served). */
  pending: QuestionView[];
  /** Shown: the one being answered first, then by votes (the earlier on a tie). */
  open: QuestionView[];
  /** Dealt with (answered, in writing, hidden, merged): the latest first. */
  done: QuestionView[];
}

const DONE: readonly QuestionStatus[] = ['answered', 'answered_in_writing', 'hidden', 'merged'];

export function moderationSections(questions: readonly QuestionView[]): ModerationSections {
  const pending = questions
    .filter((q) => q.status === 'pending')
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const shown = questions.filter((q) => q.status === 'open' || q.status === 'answering');
  const open = [
    ...sortQuestions(
      shown.filter((q) => q.status === 'answering'),
      'newest',
    ),
    ...sortQuestions(
      shown.filter((q) => q.status === 'open'),
      'top',
    ),
  ];
  const done = sortQuestions(
    questions.filter((q) => DONE.includes(q.status)),
    'newest',
  );
  return { pending, open, done };
}

/** The buttons of a question, in the order shown; each one a transition the contract allows. */
export function moderationActions(status: QuestionStatus): ModerationAction[] {
  const wanted: Record<QuestionStatus, ModerationAction[]> = {
    pending: ['approve', 'merge', 'hide'],
    open: ['answering', 'answered', 'answer_in_writing', 'merge', 'hide'],
    answering: ['answered', 'answer_in_writing', 'reopen', 'hide'],
    answered: ['reopen'],
    answered_in_writing: ['reopen'],
    hidden: ['reopen'],
    merged: [],
  };
  return wanted[status].filter((action) => questionTransition(status, action) !== null);
}

/** Where a question may be merged: the other pending or open questions, most voted first. */
export function mergeTargets(questions: readonly QuestionView[], id: string): QuestionView[] {
  return sortQuestions(
    questions.filter((q) => q.id !== id && (q.status === 'open' || q.status === 'pending')),
    'top',
  );
}

/** A question's text cut to `max` characters (for a select's options). */
export function shorten(text: string, max = 60): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : chars.join('');
}

/** One row of the class's questions tab. */
export interface TabRow {
  sessionId: string;
  title: string;
  startsAt: string;
  endsAt: string | null;
  questions: number;
  answered: number;
  answeredShare: number | null;
  votes: number;
}

/**
 * Every item of the timetable with its figures (0 where nobody asked), in time order; items the
 * figures know but the timetable no longer lists (deleted since) are kept, so totals add up.
 */
export function tabRows(
  items: readonly { id: string; title: string; startsAt: string; endsAt: string }[],
  figures: ClassQuestionsView | undefined,
): TabRow[] {
  const byId = new Map((figures?.items ?? []).map((f) => [f.sessionId, f]));
  const rows: TabRow[] = items.map((item) => {
    const f = byId.get(item.id);
    byId.delete(item.id);
    return {
      sessionId: item.id,
      title: item.title,
      startsAt: item.startsAt,
      endsAt: item.endsAt,
      questions: f?.questions ?? 0,
      answered: f?.answered ?? 0,
      answeredShare: f?.answeredShare ?? null,
      votes: f?.votes ?? 0,
    };
  });
  for (const f of byId.values()) rows.push({ ...f, endsAt: null });
  return rows.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}

/** The totals row: the server's when present, else summed from the rows. */
export function tabTotals(rows: readonly TabRow[], figures: ClassQuestionsView | undefined) {
  if (figures) return figures.totals;
  const questions = rows.reduce((n, r) => n + r.questions, 0);
  const answered = rows.reduce((n, r) => n + r.answered, 0);
  return {
    questions,
    answered,
    answeredShare: questions > 0 ? answered / questions : null,
    votes: rows.reduce((n, r) => n + r.votes, 0),
  };
}

/** A share as a whole percentage, `—` when there is nothing to divide. */
export function percentText(share: number | null | undefined): string {
  return share === null || share === undefined ? '—' : `${Math.round(share * 100)}%`;
}
