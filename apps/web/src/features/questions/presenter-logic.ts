import {
  BOARD_CLOSES_AFTER_MINUTES,
  BOARD_OPENS_BEFORE_MINUTES,
  type BoardMode,
  currentQuestion,
  PUBLIC_STATUSES,
  type QuestionOrder,
  type QuestionStatus,
  type QuestionView,
  sortQuestions,
  voteProblem,
} from '@ganxun/domain';
import { chinaDate, chinaTime } from '../timetable/logic';

/** How many questions the presenter's queue shows beside the current one. */
export const PRESENTER_QUEUE_SIZE = 8;

type Listed = Pick<QuestionView, 'id' | 'status' | 'votes' | 'createdAt'>;

/** Questions everyone may see (a moderator's stream also carries pending, hidden and merged ones). */
export function publicQuestions<T extends { status: QuestionStatus }>(list: readonly T[]): T[] {
  return list.filter((q) => PUBLIC_STATUSES.includes(q.status));
}

/**
 * What the hall's screen shows: the current question (being answered, else the most voted open
 * one), the next open questions by votes (without the current one), and how many were answered.
 */
export function presenterView<T extends Listed>(
  list: readonly T[],
  size = PRESENTER_QUEUE_SIZE,
): { current: T | null; queue: T[]; answered: number; total: number } {
  const shown = publicQuestions(list);
  const current = currentQuestion(shown);
  const queue = sortQuestions(
    shown.filter((q) => q.status === 'open' && q.id !== current?.id),
    'top',
  ).slice(0, size);
  const answered = shown.filter((q) => q.status === 'answered' || q.status === 'answered_in_writing').length;
  return { current, queue, answered, total: shown.length };
}

/**
 * The font size (in vh) of the current question on the hall's screen: large for a short question,
 * smaller as it grows (the page then shrinks it further if it still overflows its box).
 */
export function questionFontVh(text: string): number {
  const n = [...text].length;
  if (n <= 30) return 9;
  if (n <= 60) return 7.6;
  if (n <= 110) return 6;
  if (n <= 180) return 4.8;
  return 4;
}

/** Is the question long enough that the presenter's screen gives it the QR code's room? */
export function longQuestion(text: string): boolean {
  return [...text].length > 120;
}

/**
 * The phone board's list: what everyone sees plus the reader's own questions still awaiting
 * approval (or hidden, with the reason), in the chosen order. Others' pending questions (which a
 * moderator's stream carries) stay off the phone board.
 */
export function boardQuestions<T extends Listed & { mine: boolean }>(
  list: readonly T[],
  order: QuestionOrder,
): T[] {
  return sortQuestions(
    list.filter(
      (q) =>
        PUBLIC_STATUSES.includes(q.status) || (q.mine && (q.status === 'pending' || q.status === 'hidden')),
    ),
    order,
  );
}

export type VoteBlock = 'board_closed' | 'own_question' | 'already_voted' | 'not_open';

/** Why the like button of a question is off (null: it may be pressed). */
export function voteBlock(
  q: Pick<QuestionView, 'mine' | 'voted' | 'status'>,
  boardOpen: boolean,
): VoteBlock | null {
  return voteProblem({ own: q.mine, already: q.voted, status: q.status, boardOpen });
}

/** `5/12 09:00`, China time. */
export function chinaMoment(iso: string): string {
  const [, m, d] = chinaDate(iso).split('-');
  return `${Number(m)}/${Number(d)} ${chinaTime(iso)}`;
}

/** The item's time for headers, China time: `5/12 09:00–11:30` (or with both dates when it spans days). */
export function itemTime(startsAt: string, endsAt: string): string {
  const sameDay = chinaDate(startsAt) === chinaDate(endsAt);
  return `${chinaMoment(startsAt)}–${sameDay ? chinaTime(endsAt) : chinaMoment(endsAt)}`;
}

export type ClosedReason = 'not_yet' | 'ended' | 'closed';

/**
 * Why a closed board is closed, for the phone board's notice: not open yet (auto mode, before the
 * item), over (auto mode, after it), or closed by a moderator (or the class is no longer running).
 */
export function closedReason(
  b: { mode: BoardMode; startsAt: string; endsAt: string },
  now: number,
): ClosedReason {
  if (b.mode === 'auto') {
    if (now < opensAt(b.startsAt)) return 'not_yet';
    if (now > Date.parse(b.endsAt) + BOARD_CLOSES_AFTER_MINUTES * 60_000) return 'ended';
  }
  return 'closed';
}

/** When an auto board opens (epoch ms). */
export function opensAt(startsAt: string): number {
  return Date.parse(startsAt) - BOARD_OPENS_BEFORE_MINUTES * 60_000;
}
