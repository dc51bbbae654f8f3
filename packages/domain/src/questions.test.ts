import { describe, expect, it } from 'vitest';
import {
  boardIsOpen,
  currentQuestion,
  moderateBody,
  postQuestionBody,
  questionFigures,
  questionTransition,
  sortQuestions,
  voteProblem,
} from './questions.js';

const item = { startsAt: '2026-11-24T09:00:00+08:00', endsAt: '2026-11-24T11:00:00+08:00' };
const at = (time: string) => new Date(`2026-11-24T${time}:00+08:00`);

describe('boardIsOpen', () => {
  it('opens and closes with its item in auto mode, 15 minutes either side', () => {
    expect(boardIsOpen('auto', item, at('08:44'))).toBe(false);
    expect(boardIsOpen('auto', item, at('08:45'))).toBe(true);
    expect(boardIsOpen('auto', item, at('11:15'))).toBe(true);
    expect(boardIsOpen('auto', item, at('11:16'))).toBe(false);
  });

  it('follows the hand when set open or closed', () => {
    expect(boardIsOpen('open', item, at('20:00'))).toBe(true);
    expect(boardIsOpen('closed', item, at('10:00'))).toBe(false);
  });
});

describe('questionTransition', () => {
  it('moderates: approve, answering, answered; in writing from any live state', () => {
    expect(questionTransition('pending', 'approve')).toBe('open');
    expect(questionTransition('open', 'answering')).toBe('answering');
    expect(questionTransition('answering', 'answered')).toBe('answered');
    expect(questionTransition('pending', 'answer_in_writing')).toBe('answered_in_writing');
  });

  it('refuses out-of-order moves', () => {
    expect(questionTransition('pending', 'answering')).toBeNull();
    expect(questionTransition('merged', 'approve')).toBeNull();
    expect(questionTransition('answered', 'merge')).toBeNull();
  });
});

describe('voteProblem', () => {
  const base = { own: false, already: false, status: 'open' as const, boardOpen: true };
  it('allows one vote per person on an open question of an open board', () => {
    expect(voteProblem(base)).toBeNull();
    expect(voteProblem({ ...base, already: true })).toBe('already_voted');
    expect(voteProblem({ ...base, own: true })).toBe('own_question');
    expect(voteProblem({ ...base, status: 'pending' })).toBe('not_open');
    expect(voteProblem({ ...base, boardOpen: false })).toBe('board_closed');
  });
});

describe('ordering and the presenter', () => {
  const q = (id: string, status: 'open' | 'answering' | 'answered', votes: number, createdAt: string) => ({
    id,
    status,
    votes,
    createdAt,
  });
  const list = [
    q('a', 'open', 3, '09:01'),
    q('b', 'open', 7, '09:05'),
    q('c', 'open', 7, '09:02'),
    q('d', 'answered', 9, '09:00'),
  ];

  it('puts the most voted first (the earlier on a tie), or the newest', () => {
    expect(sortQuestions(list, 'top').map((x) => x.id)).toEqual(['d', 'c', 'b', 'a']);
    expect(sortQuestions(list, 'newest').map((x) => x.id)).toEqual(['b', 'c', 'a', 'd']);
  });

  it('shows the question being answered, else the top open one', () => {
    expect(currentQuestion(list)?.id).toBe('c');
    expect(currentQuestion([...list, q('e', 'answering', 0, '09:09')])?.id).toBe('e');
    expect(currentQuestion([])).toBeNull();
  });

  it('counts questions and the share answered, leaving hidden and merged out', () => {
    expect(
      questionFigures([
        { status: 'answered' },
        { status: 'open' },
        { status: 'hidden' },
        { status: 'answered_in_writing' },
      ]),
    ).toEqual({ questions: 3, answered: 2, answeredShare: 2 / 3 });
  });
});

describe('bodies', () => {
  it('refuses empty, over-long and control-character questions', () => {
    expect(postQuestionBody.safeParse({ text: '   ' }).success).toBe(false);
    expect(postQuestionBody.safeParse({ text: '问'.repeat(301) }).success).toBe(false);
    expect(postQuestionBody.safeParse({ text: '请问\u0007' }).success).toBe(false);
    expect(postQuestionBody.parse({ text: ' 如何衔接乡村振兴？ ' })).toEqual({
      text: '如何衔接乡村振兴？',
      anonymous: false,
    });
  });

  it('asks for a reason to hide, a target to merge, an answer to answer in writing', () => {
    const paths = (body: unknown) => moderateBody.safeParse(body).error?.issues.map((i) => i.path.join('.'));
    expect(paths({ action: 'hide' })).toEqual(['reason']);
    expect(paths({ action: 'merge' })).toEqual(['mergeInto']);
    expect(paths({ action: 'answer_in_writing' })).toEqual(['answer']);
    expect(moderateBody.safeParse({ action: 'approve' }).success).toBe(true);
  });
});
