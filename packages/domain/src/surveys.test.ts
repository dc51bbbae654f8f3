import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Answers,
  aggregateResponses,
  cleanAnswers,
  combineResults,
  DEFAULT_CLASS_TEMPLATE,
  DEFAULT_LECTURE_TEMPLATE,
  gradeBody,
  labelIn,
  pendingRespondents,
  REFLECTION_GRADE_LABELS,
  REFLECTION_GRADES,
  reflectionBody,
  responseBody,
  responseRate,
  type SurveyTemplate,
  satisfactionScore,
  surveyResults,
  surveyTemplateBody,
  validateResponse,
} from './surveys.js';

const template: SurveyTemplate = surveyTemplateBody.parse({
  name: 'Test',
  target: 'lecture',
  questions: [
    { id: 'content', kind: 'rating', label: { 'zh-CN': '内容' } },
    {
      id: 'format',
      kind: 'choice',
      required: false,
      label: { en: 'Format' },
      options: [
        { id: 'talk', label: { en: 'Talk' } },
        { id: 'case', label: { en: 'Case' } },
      ],
    },
    {
      id: 'topics',
      kind: 'choice',
      multiple: true,
      required: false,
      label: { en: 'Topics' },
      options: [
        { id: 'a', label: { en: 'A' } },
        { id: 'b', label: { en: 'B' } },
        { id: 'c', label: { en: 'C' } },
      ],
    },
    { id: 'notes', kind: 'text', required: false, maxLength: 10, label: { en: 'Notes' } },
  ],
});

describe('templates', () => {
  it('the defaults are valid templates with labels in three languages', () => {
    for (const t of [DEFAULT_LECTURE_TEMPLATE, DEFAULT_CLASS_TEMPLATE]) {
      expect(surveyTemplateBody.safeParse(t).success).toBe(true);
      for (const q of t.questions) {
        expect(Object.keys(q.label).sort()).toEqual(['en', 'zh-CN', 'zh-TW']);
      }
    }
    expect(DEFAULT_LECTURE_TEMPLATE.questions.map((q) => q.label['zh-CN'])).toEqual([
      '内容',
      '讲授',
      '实用性',
      '意见建议',
    ]);
    expect(DEFAULT_CLASS_TEMPLATE.questions.map((q) => q.label['zh-TW'])).toEqual([
      '組織管理',
      '服務保障',
      '住宿條件',
      '餐飲服務',
      '交通接送',
      '總體滿意度',
      '意見建議',
    ]);
  });
  it('labels fall back to another language', () => {
    expect(labelIn({ 'zh-CN': '内容' }, 'en')).toBe('内容');
    expect(labelIn({ en: 'Notes' }, 'zh-TW')).toBe('Notes');
    expect(labelIn({ 'zh-CN': '内容', en: 'Content' }, 'en')).toBe('Content');
  });
  const q = (id: string) => ({ id, kind: 'rating', label: { en: id } });
  it.each([
    ['no questions', { questions: [] }, 'questions'],
    ['51 questions', { questions: Array.from({ length: 51 }, (_, i) => q(`q${i}`)) }, 'questions'],
    ['a repeated id', { questions: [q('a'), q('a')] }, 'questions.1.id'],
    ['a bad id', { questions: [q('A-1')] }, 'questions.0.id'],
    ['a label in no language', { questions: [{ id: 'a', kind: 'rating', label: {} }] }, 'questions.0.label'],
    [
      'one option',
      {
        questions: [
          { id: 'a', kind: 'choice', label: { en: 'a' }, options: [{ id: 'x', label: { en: 'x' } }] },
        ],
      },
      'questions.0.options',
    ],
    [
      'a repeated option',
      {
        questions: [
          {
            id: 'a',
            kind: 'choice',
            label: { en: 'a' },
            options: [
              { id: 'x', label: { en: 'x' } },
              { id: 'x', label: { en: 'y' } },
            ],
          },
        ],
      },
      'questions.0.options.1.id',
    ],
    ['an unknown kind', { questions: [{ id: 'a', kind: 'scale', label: { en: 'a' } }] }, 'questions.0.kind'],
  ])('refuses %s', (_, body, path) => {
    const r = surveyTemplateBody.safeParse({ name: 'T', target: 'class', ...body });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.'))).toContain(path);
  });
  it('accepts 50 questions', () => {
    const questions = Array.from({ length: 50 }, (_, i) => q(`q${i}`));
    expect(surveyTemplateBody.safeParse({ name: 'T', target: 'class', questions }).success).toBe(true);
  });
});

describe('validateResponse', () => {
  it('accepts a complete response and an optional question left out', () => {
    expect(
      validateResponse(template, { content: 5, format: 'talk', topics: ['a', 'c'], notes: 'ok' }),
    ).toEqual([]);
    expect(validateResponse(template, { content: 1 })).toEqual([]);
    expect(validateResponse(template, { content: 3, format: null, topics: [], notes: '   ' })).toEqual([]);
  });
  it.each<[string, Answers, string, string]>([
    ['a missing required rating', {}, 'answers.content', 'required'],
    ['a null required rating', { content: null }, 'answers.content', 'required'],
    ['a rating of 0', { content: 0 }, 'answers.content', 'rating_range'],
    ['a rating of 6', { content: 6 }, 'answers.content', 'rating_range'],
    ['a rating of 3.5', { content: 3.5 }, 'answers.content', 'rating_range'],
    ['a rating as text', { content: '5' }, 'answers.content', 'answer_type'],
    ['an unknown option', { content: 3, format: 'film' }, 'answers.format', 'choice_unknown'],
    [
      'two options for a single choice',
      { content: 3, format: ['talk', 'case'] },
      'answers.format',
      'choice_single',
    ],
    ['an option twice', { content: 3, topics: ['a', 'a'] }, 'answers.topics', 'choice_repeated'],
    ['a number for a choice', { content: 3, topics: 2 }, 'answers.topics', 'answer_type'],
    ['a text too long', { content: 3, notes: '12345678901' }, 'answers.notes', 'text_too_long'],
    ['a control character', { content: 3, notes: 'a\u0007' }, 'answers.notes', 'control_chars'],
    ['an unknown question', { content: 3, extra: 1 }, 'answers.extra', 'unknown_question'],
  ])('refuses %s', (_, answers, path, key) => {
    expect(validateResponse(template, answers)).toEqual([{ path, key }]);
  });
  it('counts text length in characters after trimming', () => {
    expect(validateResponse(template, { content: 3, notes: '  一二三四五六七八九十  ' })).toEqual([]);
  });
  it('responseBody checks the shape only', () => {
    expect(responseBody.safeParse({ answers: { content: 5, notes: 'x' } }).success).toBe(true);
    expect(responseBody.safeParse({ answers: { 'Bad Id': 5 } }).success).toBe(false);
    expect(responseBody.safeParse({ answers: { a: { x: 1 } } }).success).toBe(false);
    expect(responseBody.safeParse({ answers: {}, personId: 'x' }).success).toBe(false);
  });
  it('cleanAnswers trims texts, orders choices and drops blanks', () => {
    expect(
      cleanAnswers(template, { content: 4, format: 'case', topics: ['c', 'a'], notes: ' hi ', extra: 1 }),
    ).toEqual({ content: 4, format: ['case'], topics: ['a', 'c'], notes: 'hi' });
    expect(cleanAnswers(template, { content: 4, notes: '  ' })).toEqual({ content: 4 });
  });
});

const five: Answers[] = [
  { content: 5, format: ['talk'], topics: ['a', 'b'], notes: 'zeta' },
  { content: 4, format: ['case'], topics: ['a'], notes: 'alpha' },
  { content: 4, format: ['talk'] },
  { content: 2 },
  { content: 3, notes: 'mid' },
];

describe('surveyResults', () => {
  it('hides results below the minimum and says how many are needed', () => {
    expect(surveyResults(template, five.slice(0, 4))).toEqual({ hidden: true, responses: 4, needed: 5 });
    expect(surveyResults(template, [], 5)).toEqual({ hidden: true, responses: 0, needed: 5 });
    expect(surveyResults(template, five.slice(0, 2), 2).hidden).toBe(false);
  });
  it('aggregates ratings, choices and texts from five responses', () => {
    const r = surveyResults(template, five);
    if (r.hidden) throw new Error('hidden');
    expect(r.responses).toBe(5);
    expect(r.questions[0]).toMatchObject({
      id: 'content',
      answers: 5,
      mean: 3.6,
      distribution: [0, 1, 1, 2, 1],
      satisfiedShare: 0.6,
    });
    expect(r.questions[1]).toMatchObject({
      answers: 3,
      options: [
        { id: 'talk', count: 2 },
        { id: 'case', count: 1 },
      ],
    });
    expect(r.questions[2]).toMatchObject({
      answers: 2,
      options: [
        { id: 'a', count: 2 },
        { id: 'b', count: 1 },
        { id: 'c', count: 0 },
      ],
    });
    // Sorted, not in submission order.
    expect(r.questions[3]).toMatchObject({ answers: 3, texts: ['alpha', 'mid', 'zeta'] });
  });
  it('rounds the mean to two decimals', () => {
    const r = surveyResults(template, [{ content: 5 }, { content: 4 }, { content: 4 }], 1);
    expect(r.hidden === false && r.questions[0]?.kind === 'rating' && r.questions[0].mean).toBe(4.33);
  });
  it('a question nobody answered has no mean', () => {
    const r = surveyResults({ questions: template.questions.slice(0, 1) }, [], 0);
    expect(r.hidden === false && r.questions[0]).toMatchObject({
      answers: 0,
      mean: null,
      satisfiedShare: null,
    });
  });
  it('a stored answer that no longer fits the question is ignored', () => {
    const r = surveyResults(template, [{ content: 9, format: ['gone'] }], 1);
    expect(r.hidden === false && r.questions[0]?.answers).toBe(0);
    expect(r.hidden === false && r.questions[1]?.answers).toBe(0);
  });
});

describe('satisfaction and response rate', () => {
  it('pools all rating answers; 满意率 is the share of 4 and 5', () => {
    const t = { questions: DEFAULT_CLASS_TEMPLATE.questions };
    const responses = [
      { organisation: 5, services: 4, overall: 5 },
      { organisation: 3, services: 2, overall: 4 },
    ];
    expect(satisfactionScore(aggregateResponses(t, responses))).toEqual({
      mean: 3.83,
      satisfiedShare: 0.6667,
      answers: 6,
    });
    expect(satisfactionScore(surveyResults(t, responses))).toBeNull();
    expect(satisfactionScore(aggregateResponses({ questions: [] }, []))).toEqual({
      mean: null,
      satisfiedShare: null,
      answers: 0,
    });
  });
  it('response rate', () => {
    expect(responseRate(27, 30)).toEqual({ responded: 27, expected: 30, rate: 0.9 });
    expect(responseRate(2, 3).rate).toBe(0.6667);
    expect(responseRate(0, 0).rate).toBeNull();
    expect(responseRate(31, 30).rate).toBe(1);
    expect(pendingRespondents(['a', 'b', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
});

describe('combineResults', () => {
  const answers = fc.record(
    {
      content: fc.integer({ min: 1, max: 5 }),
      format: fc.constantFrom('talk', 'case').map((o) => [o]),
      topics: fc.subarray(['a', 'b', 'c'], { minLength: 1 }),
      notes: fc
        .string({ unit: fc.constantFrom(...'ab 刘德\n'), maxLength: 10 })
        .filter((t) => t.trim() !== ''),
    },
    { requiredKeys: ['content'] },
  );
  it('combining the aggregates of any split equals the results of the whole', () => {
    fc.assert(
      fc.property(
        fc.array(answers, { maxLength: 40 }),
        fc.array(fc.nat(40), { maxLength: 5 }),
        (all, cuts) => {
          const bounds = [0, ...cuts.map((c) => Math.min(c, all.length)).sort((a, b) => a - b), all.length];
          const parts = bounds
            .slice(1)
            .map((end, i) => aggregateResponses(template, all.slice(bounds[i], end)));
          expect(combineResults(parts)).toEqual(surveyResults(template, all));
        },
      ),
    );
  });
  it('weights by responses, not by form', () => {
    const a = aggregateResponses(template, [{ content: 5 }]);
    const b = aggregateResponses(template, [{ content: 1 }, { content: 1 }, { content: 1 }]);
    const r = combineResults([a, b], 1);
    expect(r.hidden === false && r.questions[0]?.kind === 'rating' && r.questions[0].mean).toBe(2);
  });
  it('forms below the minimum count towards the combined minimum', () => {
    const small = aggregateResponses(template, five.slice(0, 3));
    expect(surveyResults(template, five.slice(0, 3)).hidden).toBe(true);
    expect(combineResults([small, small]).hidden).toBe(false);
  });
  it('matches questions of different templates by id', () => {
    const lecture = aggregateResponses({ questions: DEFAULT_LECTURE_TEMPLATE.questions }, [{ content: 4 }]);
    const r = combineResults([lecture, aggregateResponses(template, [{ content: 2 }])], 1);
    expect(r.hidden === false && r.questions.map((q) => `${q.id}:${q.answers}`)).toEqual([
      'content:2',
      'delivery:0',
      'usefulness:0',
      'suggestions:0',
      'format:0',
      'topics:0',
      'notes:0',
    ]);
  });
});

describe('reflections', () => {
  const fileId = '7d9f0b2e-8c1a-4c3b-9f2e-1a2b3c4d5e6f';
  it('needs a text or a file', () => {
    expect(reflectionBody.safeParse({ text: '心得' }).success).toBe(true);
    expect(reflectionBody.safeParse({ fileId }).success).toBe(true);
    expect(reflectionBody.safeParse({ text: '心得', fileId }).success).toBe(true);
    expect(reflectionBody.safeParse({}).success).toBe(false);
    expect(reflectionBody.safeParse({ text: '  \n ' }).success).toBe(false);
  });
  it('takes up to 10,000 characters', () => {
    expect(reflectionBody.safeParse({ text: 'x'.repeat(10_000) }).success).toBe(true);
    expect(reflectionBody.safeParse({ text: 'x'.repeat(10_001) }).success).toBe(false);
  });
  it('grades are the four codes with Chinese labels', () => {
    expect(REFLECTION_GRADES).toEqual(['excellent', 'good', 'pass', 'fail']);
    expect(REFLECTION_GRADES.map((g) => REFLECTION_GRADE_LABELS[g]['zh-CN'])).toEqual([
      '优秀',
      '良好',
      '合格',
      '不合格',
    ]);
    expect(gradeBody.parse({ grade: 'pass' })).toEqual({ grade: 'pass', comment: null });
    expect(gradeBody.safeParse({ grade: 'A' }).success).toBe(false);
  });
});
