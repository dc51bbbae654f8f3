import type { ClassQuestionsView, QuestionStatus, QuestionView } from '@ganxun/domain';
import { describe, expect, it } from 'vitest';
import {
  mergeTargets,
  moderationActions,
  moderationSections,
  percentText,
  shorten,
  tabRows,
  tabTotals,
} from './moderation-logic';

let n = 0;
function q(status: QuestionStatus, votes: number, minute: number, id = `q${++n}`): QuestionView {
  return {
    id,
    text: `text ${id}`,
    authorName: null,
    anonymous: true,
    mine: false,
    status,
    votes,
    voted: false,
    answer: null,
    hiddenReason: null,
    mergedInto: null,
    createdAt: `2026-05-01T08:${String(minute).padStart(2, '0')}:00.000Z`,
  };
}

describe('moderationSections', () => {
  it('pending oldest first; shown with the answering one first then by votes; the rest latest first', () => {
    const list = [
      q('pending', 0, 5, 'p-late'),
      q('pending', 0, 1, 'p-early'),
      q('open', 2, 3, 'o-2'),
      q('open', 7, 4, 'o-7'),
      q('open', 2, 1, 'o-2-early'),
      q('answering', 0, 9, 'a'),
      q('answered', 3, 2, 'done-1'),
      q('hidden', 0, 8, 'done-2'),
      q('merged', 0, 6, 'done-3'),
      q('answered_in_writing', 1, 7, 'done-4'),
    ];
    const s = moderationSections(list);
    expect(s.pending.map((x) => x.id)).toEqual(['p-early', 'p-late']);
    expect(s.open.map((x) => x.id)).toEqual(['a', 'o-7', 'o-2-early', 'o-2']);
    expect(s.done.map((x) => x.id)).toEqual(['done-2', 'done-4', 'done-3', 'done-1']);
  });
});

describe('moderationActions', () => {
  it('offers only what the contract allows from each status', () => {
    expect(moderationActions('pending')).toEqual(['approve', 'merge', 'hide']);
    expect(moderationActions('open')).toEqual([
      'answering',
      'answered',
      'answer_in_writing',
      'merge',
      'hide',
    ]);
    expect(moderationActions('answering')).toEqual(['answered', 'answer_in_writing', 'reopen', 'hide']);
    expect(moderationActions('hidden')).toEqual(['reopen']);
    expect(moderationActions('merged')).toEqual([]);
  });
});

describe('mergeTargets', () => {
  it('lists the other pending and open questions, most voted first', () => {
    const list = [
      q('open', 1, 1, 'self'),
      q('open', 5, 2, 'b'),
      q('pending', 0, 3, 'c'),
      q('answered', 9, 4, 'd'),
      q('hidden', 9, 5, 'e'),
      q('answering', 9, 6, 'f'),
    ];
    expect(mergeTargets(list, 'self').map((x) => x.id)).toEqual(['b', 'c']);
  });
});

describe('shorten', () => {
  it('keeps short texts and cuts long ones by characters', () => {
    expect(shorten('  村集体\n经济  ')).toBe('村集体 经济');
    expect(shorten('一二三四五六', 4)).toBe('一二三…');
  });
});

describe('tabRows and tabTotals', () => {
  const items = [
    { id: 's2', title: 'B', startsAt: '2026-05-02T01:00:00.000Z', endsAt: '2026-05-02T03:00:00.000Z' },
    { id: 's1', title: 'A', startsAt: '2026-05-01T01:00:00.000Z', endsAt: '2026-05-01T03:00:00.000Z' },
  ];
  const figures: ClassQuestionsView = {
    items: [
      {
        sessionId: 's2',
        title: 'B',
        startsAt: items[0]?.startsAt ?? '',
        questions: 4,
        answered: 1,
        answeredShare: 0.25,
        votes: 9,
      },
      {
        sessionId: 'gone',
        title: 'C',
        startsAt: '2026-04-30T01:00:00.000Z',
        questions: 2,
        answered: 2,
        answeredShare: 1,
        votes: 1,
      },
    ],
    totals: { questions: 6, answered: 3, answeredShare: 0.5, votes: 10 },
  };

  it('gives every item its figures, 0 where nobody asked, in time order', () => {
    const rows = tabRows(items, figures);
    expect(rows.map((r) => [r.sessionId, r.questions, r.answered, r.votes])).toEqual([
      ['gone', 2, 2, 1],
      ['s1', 0, 0, 0],
      ['s2', 4, 1, 9],
    ]);
    expect(rows[1]?.answeredShare).toBeNull();
    expect(tabTotals(rows, figures)).toEqual(figures.totals);
  });

  it('sums the rows while the figures load', () => {
    const rows = tabRows(items, undefined);
    expect(tabTotals(rows, undefined)).toEqual({ questions: 0, answered: 0, answeredShare: null, votes: 0 });
  });

  it('formats shares', () => {
    expect(percentText(null)).toBe('—');
    expect(percentText(0.666)).toBe('67%');
  });
});
