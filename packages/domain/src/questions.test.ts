import { describe, expect, it } from 'vitest';
import {
  applyBoardEvent,
  type BoardView,
  boardIsOpen,
  currentQuestion,
  moderateBody,
  postQuestionBody,
  type QuestionView,
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

describe('applyBoardEvent', () => {
  const q = (id: string, status: QuestionView['status'], votes = 0): QuestionView => ({
    id,
    text: id,
    authorName: null,
    anonymous: true,
    mine: false,
    status,
    votes,
    voted: false,
    answer: null,
    hiddenReason: null,
    mergedInto: null,
    createdAt: `2026-11-24T09:0${id.length}:00Z`,
  });
  const board = (questions: QuestionView[]): BoardView => ({
    sessionId: '00000000-0000-4000-8000-000000000001',
    classId: '00000000-0000-4000-8000-000000000002',
    title: '乡村振兴专题',
    startsAt: item.startsAt,
    endsAt: item.endsAt,
    mode: 'auto',
    moderation: true,
    viewers: false,
    anonymousAllowed: true,
    open: true,
    moderator: false,
    participant: true,
    invite: null,
    questions,
    figures: questionFigures(questions),
  });

  it('replaces changed questions, adds new ones, drops removed ones and recounts the figures', () => {
    const before = board([q('a', 'open', 2), q('bb', 'open'), q('ccc', 'answering')]);
    const after = applyBoardEvent(before, {
      type: 'questions',
      questions: [q('a', 'answered', 3), q('dddd', 'open')],
      removed: ['bb'],
    });
    expect(after?.questions.map((x) => `${x.id}:${x.status}:${x.votes}`)).toEqual([
      'a:answered:3',
      'ccc:answering:0',
      'dddd:open:0',
    ]);
    expect(after?.figures).toEqual({ questions: 3, answered: 1, answeredShare: 1 / 3 });
  });

  it("takes new vote counts without the questions, and marks the reader's own votes", () => {
    const before = board([q('a', 'open', 2), { ...q('bb', 'open', 5), voted: true }, q('ccc', 'answering')]);
    const after = applyBoardEvent(before, {
      type: 'questions',
      questions: [],
      removed: [],
      votes: [
        { id: 'a', votes: 4 },
        { id: 'bb', votes: 6 },
        { id: 'gone', votes: 1 },
      ],
      voted: ['a'],
    });
    expect(after?.questions.map((x) => `${x.id}:${x.votes}:${x.voted}`)).toEqual([
      'a:4:true',
      'bb:6:true',
      'ccc:0:false',
    ]);
    // Untouched questions stay the same objects (React skips them).
    expect(after?.questions[2]).toBe(before.questions[2]);
  });

  it('takes a snapshot whole and settings over the copy; ignores deltas before a snapshot', () => {
    const snap = board([q('a', 'open')]);
    expect(applyBoardEvent(null, { type: 'questions', questions: [q('a', 'open')], removed: [] })).toBeNull();
    expect(applyBoardEvent(null, { type: 'snapshot', board: snap })).toBe(snap);
    const closed = applyBoardEvent(snap, {
      type: 'board',
      settings: { mode: 'closed', moderation: false, viewers: false, anonymousAllowed: true, open: false },
    });
    expect(closed?.open).toBe(false);
    expect(closed?.questions).toEqual(snap.questions);
  });
});
