import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CompletionFacts,
  completionAttendanceRate,
  completionRules,
  completionRulesBody,
  DEFAULT_COMPLETION_RULES,
  effectiveCompletion,
  gradeAtLeast,
  judgeCompletion,
  overrideBody,
} from './completion.js';
import { REFLECTION_GRADES } from './surveys.js';

function facts(overrides: Partial<CompletionFacts> = {}): CompletionFacts {
  return {
    withdrawn: false,
    classHours: 56,
    attendedHours: 56,
    approvedLeaveHours: 0,
    evaluationsRequired: 5,
    evaluationsSubmitted: 5,
    reflectionSubmitted: true,
    reflectionGrade: 'good',
    ...overrides,
  };
}
const codes = (f: CompletionFacts, rules = DEFAULT_COMPLETION_RULES) =>
  judgeCompletion(f, rules).reasons.map((r) => r.code);

describe('grades', () => {
  it('excellent ≥ good ≥ pass ≥ fail', () => {
    expect(gradeAtLeast('excellent', 'pass')).toBe(true);
    expect(gradeAtLeast('pass', 'pass')).toBe(true);
    expect(gradeAtLeast('fail', 'pass')).toBe(false);
    expect(gradeAtLeast('pass', 'good')).toBe(false);
  });
});

describe('judging', () => {
  it('a trainee who did everything completes', () => {
    expect(judgeCompletion(facts())).toEqual({ completed: true, reasons: [] });
  });
  it('lists every open reason, not just the first', () => {
    expect(
      codes(
        facts({
          withdrawn: true,
          attendedHours: 30,
          approvedLeaveHours: 12,
          evaluationsSubmitted: 3,
          reflectionGrade: 'fail',
        }),
      ),
    ).toEqual([
      'withdrawn',
      'attendance_low',
      'leave_over_limit',
      'evaluations_missing',
      'reflection_grade_low',
    ]);
  });
  it('reports what the trainee has and what the rule needs', () => {
    expect(judgeCompletion(facts({ evaluationsSubmitted: 3 })).reasons).toEqual([
      { code: 'evaluations_missing', have: 3, need: 5 },
    ]);
    expect(judgeCompletion(facts({ reflectionGrade: 'fail' })).reasons).toEqual([
      { code: 'reflection_grade_low', have: 'fail', need: 'pass' },
    ]);
  });
  it('attendance is measured over the 学时 not on approved leave', () => {
    // 8 of 56 on leave (exactly 1/7): 48 due, all attended.
    expect(judgeCompletion(facts({ approvedLeaveHours: 8, attendedHours: 48 })).completed).toBe(true);
    expect(completionAttendanceRate(facts({ approvedLeaveHours: 8, attendedHours: 48 }))).toBe(1);
    // 0.9 exactly passes; just below does not.
    expect(codes(facts({ classHours: 50, attendedHours: 45 }))).toEqual([]);
    expect(codes(facts({ classHours: 50, attendedHours: 44.5 }))).toEqual(['attendance_low']);
  });
  it('leave: exactly 1/7 is fine, more is over the limit; the rule may be switched off', () => {
    expect(codes(facts({ approvedLeaveHours: 8, attendedHours: 48 }))).toEqual([]);
    expect(codes(facts({ approvedLeaveHours: 8.5, attendedHours: 47.5 }))).toEqual(['leave_over_limit']);
    const lenient = completionRules.parse({ leaveWithinOneSeventh: false });
    expect(codes(facts({ approvedLeaveHours: 8.5, attendedHours: 47.5 }), lenient)).toEqual([]);
  });
  it('a class with 0 学时: nothing to attend, nothing to be over', () => {
    expect(codes(facts({ classHours: 0, attendedHours: 0 }))).toEqual([]);
  });
  it('reflection: missing, ungraded, too low; not required means not checked', () => {
    expect(codes(facts({ reflectionSubmitted: false, reflectionGrade: null }))).toEqual([
      'reflection_missing',
    ]);
    expect(codes(facts({ reflectionGrade: null }))).toEqual(['reflection_ungraded']);
    const good = completionRules.parse({ minReflectionGrade: 'good' });
    expect(codes(facts({ reflectionGrade: 'pass' }), good)).toEqual(['reflection_grade_low']);
    const none = completionRules.parse({ reflectionRequired: false, evaluationsRequired: false });
    expect(
      codes(facts({ reflectionSubmitted: false, reflectionGrade: null, evaluationsSubmitted: 0 }), none),
    ).toEqual([]);
  });
  it('property: completed exactly when no reason is open, and relaxing every rule only removes reasons', () => {
    const lax = completionRules.parse({
      minAttendanceRate: 0,
      leaveWithinOneSeventh: false,
      evaluationsRequired: false,
      reflectionRequired: false,
      minReflectionGrade: 'fail',
    });
    fc.assert(
      fc.property(
        fc.record({
          withdrawn: fc.boolean(),
          classHours: fc.integer({ min: 0, max: 200 }),
          attended: fc.integer({ min: 0, max: 200 }),
          leave: fc.integer({ min: 0, max: 200 }),
          evaluationsRequired: fc.integer({ min: 0, max: 20 }),
          evaluationsSubmitted: fc.integer({ min: 0, max: 20 }),
          reflectionSubmitted: fc.boolean(),
          reflectionGrade: fc.constantFrom(null, ...REFLECTION_GRADES),
        }),
        (r) => {
          const f = facts({
            ...r,
            approvedLeaveHours: Math.min(r.leave, r.classHours),
            attendedHours: Math.min(r.attended, r.classHours),
          });
          const strict = judgeCompletion(f);
          expect(strict.completed).toBe(strict.reasons.length === 0);
          const relaxed = judgeCompletion(f, lax);
          expect(relaxed.reasons.map((x) => x.code)).toEqual(r.withdrawn ? ['withdrawn'] : []);
        },
      ),
    );
  });
});

describe('override', () => {
  const open = judgeCompletion(facts({ evaluationsSubmitted: 4 }));
  const done = judgeCompletion(facts());
  it('without one, the rules decide', () => {
    expect(effectiveCompletion(open, null)).toMatchObject({ completed: false, decidedBy: 'rules' });
  });
  it('grants completion despite open reasons, which stay listed', () => {
    const e = effectiveCompletion(open, { completed: true, reason: '因公出差，经批准' });
    expect(e).toMatchObject({ completed: true, decidedBy: 'override', judgedCompleted: false });
    expect(e.reasons.map((r) => r.code)).toEqual(['evaluations_missing']);
  });
  it('refuses completion despite none (a breach of discipline)', () => {
    expect(effectiveCompletion(done, { completed: false, reason: '违反学习纪律' })).toMatchObject({
      completed: false,
      decidedBy: 'override',
      judgedCompleted: true,
      reasons: [],
    });
  });
  it('is recorded even when it agrees with the rules', () => {
    expect(effectiveCompletion(done, { completed: true, reason: '确认' }).decidedBy).toBe('override');
  });
  it('needs a reason', () => {
    expect(overrideBody.safeParse({ completed: true }).success).toBe(false);
    expect(overrideBody.safeParse({ completed: true, reason: ' ' }).success).toBe(false);
    expect(overrideBody.safeParse({ completed: false, reason: '违反纪律' }).success).toBe(true);
  });
});

describe('rules contract', () => {
  it('defaults: 90% attendance, leave within 1/7, forms, reflection graded at least 合格', () => {
    expect(completionRulesBody.parse({})).toEqual({
      minAttendanceRate: 0.9,
      leaveWithinOneSeventh: true,
      evaluationsRequired: true,
      reflectionRequired: true,
      minReflectionGrade: 'pass',
    });
  });
  it.each([{ minAttendanceRate: 1.1 }, { minReflectionGrade: 'ok' }, { other: true }])(
    'refuses %o',
    (body) => {
      expect(completionRulesBody.safeParse(body).success).toBe(false);
    },
  );
});
