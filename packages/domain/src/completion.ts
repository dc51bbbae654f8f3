import { z } from 'zod';
import { text } from './common.js';
import { DEFAULT_LEAVE_SETTINGS, type LeaveSettings, leaveStanding } from './leave.js';
import { REFLECTION_GRADES, type ReflectionGrade } from './surveys.js';

/**
 * Completion (结业) of a class's trainees (issue 6): configurable rules per class, the judgement
 * with every reason still open, and the director's override, which always wins and is always
 * recorded with its reason.
 */

/** Is a reflection's grade at least `min` (优秀 ≥ 良好 ≥ 合格 ≥ 不合格; REFLECTION_GRADES is best first)? */
export function gradeAtLeast(grade: ReflectionGrade, min: ReflectionGrade): boolean {
  return REFLECTION_GRADES.indexOf(grade) <= REFLECTION_GRADES.indexOf(min);
}

/**
 * A class's completion rules. `minAttendanceRate` is measured over the 学时 not covered by approved
 * leave (leave has its own rule, so it is not counted twice); `leaveWithinOneSeventh` applies the
 * leave allowance of the leave settings (1/7 by default).
 */
export const completionRules = z.strictObject({
  minAttendanceRate: z.number().min(0).max(1).default(0.9),
  leaveWithinOneSeventh: z.boolean().default(true),
  evaluationsRequired: z.boolean().default(true),
  reflectionRequired: z.boolean().default(true),
  minReflectionGrade: z.enum(REFLECTION_GRADES).default('pass'),
});
export type CompletionRules = z.infer<typeof completionRules>;
export const DEFAULT_COMPLETION_RULES: CompletionRules = completionRules.parse({});

/** PUT /api/v1/classes/{id}/completion-rules: the whole rule set (fields left out take the defaults). */
export const completionRulesBody = completionRules;
export type CompletionRulesBody = z.infer<typeof completionRulesBody>;

/** What the judgement needs to know of one trainee in one class. */
export interface CompletionFacts {
  /** Withdrawn (退学) or removed from the class by the director. */
  withdrawn: boolean;
  /** 学时 of the items that require attendance. */
  classHours: number;
  /** 学时 of those items attended (as the attendance rules count them: present, late, …). */
  attendedHours: number;
  /** 学时 of those items covered by approved leave. */
  approvedLeaveHours: number;
  /** Evaluation forms the trainee had to submit, and submitted. */
  evaluationsRequired: number;
  evaluationsSubmitted: number;
  reflectionSubmitted: boolean;
  /** Null until the director grades it. */
  reflectionGrade: ReflectionGrade | null;
}

export const COMPLETION_REASON_CODES = [
  'withdrawn',
  'attendance_low',
  'leave_over_limit',
  'evaluations_missing',
  'reflection_missing',
  'reflection_ungraded',
  'reflection_grade_low',
] as const;
export type CompletionReasonCode = (typeof COMPLETION_REASON_CODES)[number];

/** An open reason: what the trainee has and what the rule needs (rates as fractions, grades as codes). */
export interface CompletionReason {
  code: CompletionReasonCode;
  have: number | string | null;
  need: number | string | null;
}

export interface CompletionJudgement {
  completed: boolean;
  reasons: CompletionReason[];
}

const EPS = 1e-9;

/**
 * Attendance rate for completion, by 学时 and over the 学时 not on approved leave (unlike
 * attendance.ts's `attendanceRate`, which counts items with leave in the denominator); 1 when
 * there is nothing left to attend (no items, or all on leave).
 */
export function completionAttendanceRate(
  facts: Pick<CompletionFacts, 'classHours' | 'attendedHours' | 'approvedLeaveHours'>,
): number {
  const due = facts.classHours - facts.approvedLeaveHours;
  if (due <= EPS) return 1;
  return Math.min(1, Math.max(0, facts.attendedHours / due));
}

/** Judge one trainee against the class's rules, listing every reason still open (none = completed). */
export function judgeCompletion(
  facts: CompletionFacts,
  rules: CompletionRules = DEFAULT_COMPLETION_RULES,
  leave: LeaveSettings = DEFAULT_LEAVE_SETTINGS,
): CompletionJudgement {
  const reasons: CompletionReason[] = [];
  if (facts.withdrawn) reasons.push({ code: 'withdrawn', have: null, need: null });
  const rate = completionAttendanceRate(facts);
  if (rate < rules.minAttendanceRate - EPS) {
    reasons.push({ code: 'attendance_low', have: rate, need: rules.minAttendanceRate });
  }
  if (rules.leaveWithinOneSeventh) {
    const standing = leaveStanding(facts.classHours, facts.approvedLeaveHours, 0, leave);
    if (standing.level === 'limit') {
      reasons.push({
        code: 'leave_over_limit',
        have: facts.approvedLeaveHours,
        need: standing.allowanceHours,
      });
    }
  }
  if (rules.evaluationsRequired && facts.evaluationsSubmitted < facts.evaluationsRequired) {
    reasons.push({
      code: 'evaluations_missing',
      have: facts.evaluationsSubmitted,
      need: facts.evaluationsRequired,
    });
  }
  if (rules.reflectionRequired) {
    if (!facts.reflectionSubmitted) reasons.push({ code: 'reflection_missing', have: null, need: null });
    else if (facts.reflectionGrade === null) {
      reasons.push({ code: 'reflection_ungraded', have: null, need: rules.minReflectionGrade });
    } else if (!gradeAtLeast(facts.reflectionGrade, rules.minReflectionGrade)) {
      reasons.push({
        code: 'reflection_grade_low',
        have: facts.reflectionGrade,
        need: rules.minReflectionGrade,
      });
    }
  }
  return { completed: reasons.length === 0, reasons };
}

/** The director's decision against the rules, with its reason. */
export interface CompletionOverride {
  completed: boolean;
  reason: string;
}

export interface EffectiveCompletion extends CompletionJudgement {
  /** Which decided: the rules, or the director's override (even when it agrees with the rules). */
  decidedBy: 'rules' | 'override';
  /** What the rules alone say, kept beside the override. */
  judgedCompleted: boolean;
  override: CompletionOverride | null;
}

/**
 * The status in force: the override when there is one (either way: completing despite open
 * reasons, or not completing despite none), otherwise the rules. Open reasons stay listed.
 */
export function effectiveCompletion(
  judged: CompletionJudgement,
  override: CompletionOverride | null | undefined,
): EffectiveCompletion {
  return {
    completed: override ? override.completed : judged.completed,
    reasons: judged.reasons,
    decidedBy: override ? 'override' : 'rules',
    judgedCompleted: judged.completed,
    override: override ?? null,
  };
}

// ---- API contract: /api/v1/classes/{id}/completion ----

/**
 * PUT /api/v1/classes/{id}/completion/{enrollmentId}/override: the director decides, with a
 * reason (kept with the decision and in the audit trail). DELETE clears it back to the rules.
 */
export const overrideBody = z.strictObject({
  completed: z.boolean(),
  reason: text(500, 2),
});
export type OverrideBody = z.infer<typeof overrideBody>;

export const completionReasonView = z.object({
  code: z.enum(COMPLETION_REASON_CODES),
  have: z.union([z.number(), z.string()]).nullable(),
  need: z.union([z.number(), z.string()]).nullable(),
});
export type CompletionReasonView = z.infer<typeof completionReasonView>;

/** One trainee's completion in a class. */
export const completionView = z.object({
  enrollmentId: z.uuid(),
  trainee: z.object({ personId: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  status: z.enum(['completed', 'not_completed']),
  decidedBy: z.enum(['rules', 'override']),
  judgedCompleted: z.boolean(),
  reasons: z.array(completionReasonView),
  override: z
    .object({
      completed: z.boolean(),
      reason: z.string(),
      decidedBy: z.object({ id: z.uuid(), name: z.string() }),
      decidedAt: z.string(),
    })
    .nullable(),
  /** The facts, for the table's columns. */
  attendanceRate: z.number(),
  leaveHours: z.number(),
  leaveRatio: z.number().nullable(),
  evaluationsSubmitted: z.number().int(),
  evaluationsRequired: z.number().int(),
  reflectionSubmitted: z.boolean(),
  reflectionGrade: z.enum(REFLECTION_GRADES).nullable(),
  /** 学时 credited on completion (the class's). */
  hours: z.number(),
  /** The completion last confirmed (结业确认) for this trainee; null before the first confirmation. */
  confirmed: z.object({ completed: z.boolean(), confirmedAt: z.string() }).nullable().optional(),
});
export type CompletionView = z.infer<typeof completionView>;

/** Where a class's credited 学时 come from: the sum of its items' 学时, or its planned hours when it has no items. */
export const COMPLETION_HOURS_SOURCES = ['items', 'planned'] as const;
export type CompletionHoursSource = (typeof COMPLETION_HOURS_SOURCES)[number];

/** GET /api/v1/classes/{id}/completion: the rules in force and every trainee. */
export const classCompletionView = z.object({
  classId: z.uuid(),
  rules: completionRules,
  items: z.array(completionView),
  completed: z.number().int(),
  notCompleted: z.number().int(),
  /** The class's 学时 credited on completion, and where they come from. */
  hours: z.number().optional(),
  hoursSource: z.enum(COMPLETION_HOURS_SOURCES).optional(),
  /** Have all the class's items ended (confirmation is allowed from then on)? */
  ended: z.boolean().optional(),
  /** The last confirmation (结业确认); null before the first. */
  confirmedAt: z.string().nullable().optional(),
});
export type ClassCompletionView = z.infer<typeof classCompletionView>;

/** GET /api/v1/me/completion?classId=: the trainee's own completion in one class. */
export const myCompletionQuery = z.strictObject({ classId: z.uuid() });
export type MyCompletionQuery = z.infer<typeof myCompletionQuery>;

/**
 * POST /api/v1/classes/{id}/completion/confirm (结业确认): how many completed and did not, the
 * certificates issued by this confirmation (new ones only) and those revoked because a completion
 * confirmed before was withdrawn.
 */
export const confirmCompletionView = z.object({
  completed: z.number().int(),
  notCompleted: z.number().int(),
  certificatesIssued: z.number().int(),
  certificatesRevoked: z.number().int(),
  confirmedAt: z.string(),
});
export type ConfirmCompletionView = z.infer<typeof confirmCompletionView>;

// ---- API contract: reflections (学习心得) ----

/** Extensions a reflection file may have. */
export const REFLECTION_FILE_EXTENSIONS = ['pdf', 'doc', 'docx', 'jpg', 'jpeg', 'png'] as const;

/** An uploaded reflection file (POST /api/v1/classes/{id}/reflections/files → 201). */
export const reflectionFileView = z.object({
  id: z.uuid(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  uploadedAt: z.string(),
});
export type ReflectionFileView = z.infer<typeof reflectionFileView>;

/** A reflection with its text, file and grade (the trainee's own, or a runner reading it). */
export const reflectionView = z.object({
  id: z.uuid(),
  classId: z.uuid(),
  enrollmentId: z.uuid(),
  trainee: z.object({ personId: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  text: z.string().nullable(),
  file: reflectionFileView.nullable(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  grade: z.enum(REFLECTION_GRADES).nullable(),
  gradeComment: z.string().nullable(),
  gradedBy: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  gradedAt: z.string().nullable(),
});
export type ReflectionView = z.infer<typeof reflectionView>;

/** GET /api/v1/classes/{id}/reflections: one row per submitted reflection (no text). */
export const reflectionRowView = z.object({
  id: z.uuid(),
  enrollmentId: z.uuid(),
  trainee: z.object({ personId: z.uuid(), name: z.string(), unitName: z.string().nullable() }),
  submittedAt: z.string(),
  updatedAt: z.string(),
  hasText: z.boolean(),
  hasFile: z.boolean(),
  grade: z.enum(REFLECTION_GRADES).nullable(),
  gradedAt: z.string().nullable(),
});
export type ReflectionRowView = z.infer<typeof reflectionRowView>;

export const reflectionList = z.object({
  items: z.array(reflectionRowView),
  /** Active trainees of the class, and how many of them submitted. */
  trainees: z.number().int(),
  submitted: z.number().int(),
});
export type ReflectionList = z.infer<typeof reflectionList>;

/** GET /api/v1/me/reflections: per class the trainee is in, their reflection and completion. */
export const myReflectionView = z.object({
  class: z.object({
    id: z.uuid(),
    code: z.string(),
    name: z.string(),
    status: z.string(),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
  }),
  enrollmentId: z.uuid(),
  /** May the trainee still submit or replace it (class not closed, not graded yet)? */
  editable: z.boolean(),
  reflection: reflectionView.nullable(),
  completion: completionView,
});
export type MyReflectionView = z.infer<typeof myReflectionView>;

export const myReflectionList = z.object({ items: z.array(myReflectionView) });
export type MyReflectionList = z.infer<typeof myReflectionList>;
