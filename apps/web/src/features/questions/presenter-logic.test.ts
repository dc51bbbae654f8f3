import type { QuestionStatus } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  boardQuestions,
  closedReason,
  itemTime,
  longQuestion,
  presenterView,
  publicQuestions,
  questionFontVh,
  voteBlock,
} from './presenter-logic';

let n = 0;
function q(status: QuestionStatus, votes: number, minute: number, mine = false) {
  n += 1;
  return {
    id: `q${n}`,
    status,
    votes,
    mine,
    voted: false,
    createdAt: `2026-05-12T01:${String(minute).padStart(2, '0')}:00.000Z`,
  };
}

describe('presenterView', () => {
  it('shows the question being answered, then the open ones by votes, and never pending or hidden ones', () => {
    const answering = q('answering', 1, 1);
    const top = q('open', 9, 2);
    const second = q('open', 5, 3);
    const pending = q('pending', 50, 4);
    const hidden = q('hidden', 40, 5);
    const merged = q('merged', 30, 6);
    const answered = q('answered', 20, 7);
    const written = q('answered_in_writing', 0, 8);
    const view = presenterView([second, pending, answering, hidden, top, merged, answered, written]);
    expect(view.current?.id).toBe(answering.id);
    expect(view.queue.map((x) => x.id)).toEqual([top.id, second.id]);
    expect(view.answered).toBe(2);
    expect(view.total).toBe(5);
  });

  it('takes the most voted open question as current when none is being answered, not repeating it in the queue', () => {
    const a = q('open', 3, 1);
    const b = q('open', 7, 2);
    const c = q('open', 3, 0);
    const view = presenterView([a, b, c]);
    expect(view.current?.id).toBe(b.id);
    // Ties: the earlier question first.
    expect(view.queue.map((x) => x.id)).toEqual([c.id, a.id]);
  });

  it('keeps the queue to eight questions', () => {
    const list = Array.from({ length: 12 }, (_, i) => q('open', i, i));
    const view = presenterView(list);
    expect(view.current?.votes).toBe(11);
    expect(view.queue).toHaveLength(8);
    expect(view.queue[0]?.votes).toBe(10);
  });

  it('is empty without public questions', () => {
    expect(presenterView([q('pending', 1, 1)])).toEqual({ current: null, queue: [], answered: 0, total: 0 });
  });
});

describe('publicQuestions', () => {
  it('keeps open, answering and answered ones', () => {
    const list = [q('pending', 0, 1), q('open', 0, 2), q('answered_in_writing', 0, 3), q('merged', 0, 4)];
    expect(publicQuestions(list).map((x) => x.status)).toEqual(['open', 'answered_in_writing']);
  });
});

describe('boardQuestions', () => {
  it("shows the reader's own pending and hidden questions but not others'", () => {
    const minePending = q('pending', 0, 1, true);
    const otherPending = q('pending', 0, 2);
    const mineHidden = q('hidden', 0, 3, true);
    const open = q('open', 2, 4);
    const merged = q('merged', 0, 5, true);
    const list = boardQuestions([minePending, otherPending, mineHidden, open, merged], 'newest');
    expect(list.map((x) => x.id)).toEqual([open.id, mineHidden.id, minePending.id]);
    expect(boardQuestions([minePending, open], 'top').map((x) => x.id)).toEqual([open.id, minePending.id]);
  });
});

describe('voteBlock', () => {
  it('says why a like is off', () => {
    expect(voteBlock({ mine: false, voted: false, status: 'open' }, true)).toBeNull();
    expect(voteBlock({ mine: false, voted: false, status: 'answering' }, true)).toBeNull();
    expect(voteBlock({ mine: false, voted: false, status: 'open' }, false)).toBe('board_closed');
    expect(voteBlock({ mine: true, voted: false, status: 'open' }, true)).toBe('own_question');
    expect(voteBlock({ mine: false, voted: true, status: 'open' }, true)).toBe('already_voted');
    expect(voteBlock({ mine: false, voted: false, status: 'answered' }, true)).toBe('not_open');
  });
});

describe('questionFontVh', () => {
  it('shrinks as the question grows', () => {
    const sizes = [10, 50, 100, 150, 300].map((len) => questionFontVh('问'.repeat(len)));
    for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThan(sizes[i - 1] as number);
  });
});

describe('itemTime', () => {
  it('shows China time', () => {
    expect(itemTime('2026-05-12T01:00:00.000Z', '2026-05-12T03:30:00.000Z')).toBe('5/12 09:00–11:30');
    expect(itemTime('2026-05-12T15:00:00.000Z', '2026-05-12T17:00:00.000Z')).toBe('5/12 23:00–5/13 01:00');
  });
});

describe('longQuestion', () => {
  it('is over 120 characters', () => {
    expect(longQuestion('问'.repeat(120))).toBe(false);
    expect(longQuestion('问'.repeat(121))).toBe(true);
  });
});

describe('closedReason', () => {
  const item = { startsAt: '2026-05-12T01:00:00.000Z', endsAt: '2026-05-12T02:00:00.000Z' };
  it('tells not yet, over and closed by hand apart', () => {
    const at = (iso: string) => Date.parse(iso);
    expect(closedReason({ ...item, mode: 'auto' }, at('2026-05-12T00:44:00.000Z'))).toBe('not_yet');
    expect(closedReason({ ...item, mode: 'auto' }, at('2026-05-12T02:16:00.000Z'))).toBe('ended');
    expect(closedReason({ ...item, mode: 'auto' }, at('2026-05-12T01:30:00.000Z'))).toBe('closed');
    expect(closedReason({ ...item, mode: 'closed' }, at('2026-05-12T00:00:00.000Z'))).toBe('closed');
  });
});
