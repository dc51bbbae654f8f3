import { z } from 'zod';
import { type Locale, multilineText, text } from './common.js';

/**
 * Evaluation (评估问卷, issue 6 item 4) and reflections (学习心得, item 5): the template and response
 * contracts and the pure rules the server and the web share — answer validation, anonymous
 * aggregation with a minimum number of responses, satisfaction and response rates.
 *
 * Anonymity is structural: a stored response holds only its form and answers, never the trainee
 * (nor a precise time or a sequence that could be matched against the "who has responded" set,
 * which is kept apart and used only for response rates and reminders). Texts are returned sorted,
 * not in submission order, for the same reason.
 */

export const QUESTION_KINDS = ['rating', 'choice', 'text'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** A form is about one lecture (a timetable item) or the whole class. */
export const SURVEY_TARGETS = ['lecture', 'class'] as const;
export type SurveyTarget = (typeof SURVEY_TARGETS)[number];

export const MAX_SURVEY_QUESTIONS = 50;
export const MAX_CHOICE_OPTIONS = 30;
/** The default and the largest length of a text answer. */
export const DEFAULT_TEXT_ANSWER_LENGTH = 2000;
export const MAX_TEXT_ANSWER_LENGTH = 10_000;
/** Results are shown only from this many responses (a class setting may raise it). */
export const DEFAULT_MIN_RESPONSES = 5;
/** Ratings run 1 (worst) to 5 (best); 4 and 5 count as satisfied (满意). */
export const RATING_MIN = 1;
export const RATING_MAX = 5;
export const SATISFIED_FROM = 4;

/** Question and option ids: stable keys that results are matched by across forms and years. */
export const questionId = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, { message: 'question_id_format' });

/** A label in one or more languages; shown with `labelIn`, falling back to another language. */
export const localizedLabel = z
  .strictObject({ 'zh-CN': text(200).optional(), 'zh-TW': text(200).optional(), en: text(400).optional() })
  .refine((l) => Boolean(l['zh-CN'] || l['zh-TW'] || l.en), { message: 'label_required' });
export type LocalizedLabel = z.infer<typeof localizedLabel>;

/** The label in `locale`, else the first of zh-CN, zh-TW, en that is set. */
export function labelIn(label: LocalizedLabel, locale: Locale): string {
  return label[locale] ?? label['zh-CN'] ?? label['zh-TW'] ?? label.en ?? '';
}

const questionBase = { id: questionId, label: localizedLabel, required: z.boolean().default(true) };

export const ratingQuestion = z.strictObject({ ...questionBase, kind: z.literal('rating') });
export const choiceQuestion = z.strictObject({
  ...questionBase,
  kind: z.literal('choice'),
  /** Several options may be ticked (checkboxes) rather than one (radio buttons). */
  multiple: z.boolean().default(false),
  options: z
    .array(z.strictObject({ id: questionId, label: localizedLabel }))
    .min(2)
    .max(MAX_CHOICE_OPTIONS),
});
export const textQuestion = z.strictObject({
  ...questionBase,
  kind: z.literal('text'),
  maxLength: z.number().int().min(1).max(MAX_TEXT_ANSWER_LENGTH).default(DEFAULT_TEXT_ANSWER_LENGTH),
});
export const surveyQuestion = z.discriminatedUnion('kind', [ratingQuestion, choiceQuestion, textQuestion]);
export type SurveyQuestion = z.infer<typeof surveyQuestion>;
export type RatingQuestion = z.infer<typeof ratingQuestion>;
export type ChoiceQuestion = z.infer<typeof choiceQuestion>;
export type TextQuestion = z.infer<typeof textQuestion>;

function checkQuestions(
  value: { questions?: { id: string; options?: { id: string }[] }[] },
  ctx: z.RefinementCtx,
) {
  const ids = new Set<string>();
  for (const [i, q] of (value.questions ?? []).entries()) {
    if (ids.has(q.id))
      ctx.addIssue({ code: 'custom', path: ['questions', i, 'id'], message: 'question_repeated' });
    ids.add(q.id);
    const options = new Set<string>();
    for (const [j, o] of (q.options ?? []).entries()) {
      if (options.has(o.id)) {
        ctx.addIssue({
          code: 'custom',
          path: ['questions', i, 'options', j, 'id'],
          message: 'option_repeated',
        });
      }
      options.add(o.id);
    }
  }
}

/** A template (问卷模板) as created or replaced: name, what it evaluates, 1–50 questions. */
export const surveyTemplateBody = z
  .strictObject({
    name: text(100),
    target: z.enum(SURVEY_TARGETS),
    questions: z.array(surveyQuestion).min(1).max(MAX_SURVEY_QUESTIONS),
  })
  .superRefine(checkQuestions);
export type SurveyTemplateBody = z.infer<typeof surveyTemplateBody>;

/** What the rules need of a template (or of the snapshot of it a form keeps). */
export interface SurveyTemplate {
  questions: readonly SurveyQuestion[];
}

const suggestions = {
  id: 'suggestions',
  kind: 'text',
  required: false,
  maxLength: DEFAULT_TEXT_ANSWER_LENGTH,
  label: { 'zh-CN': '意见建议', 'zh-TW': '意見建議', en: 'Comments and suggestions' },
} as const satisfies SurveyQuestion;

/** The default form for a lecture: content, delivery, usefulness (1–5) and free comments. */
export const DEFAULT_LECTURE_TEMPLATE = {
  name: '课程评估',
  target: 'lecture',
  questions: [
    {
      id: 'content',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '内容', 'zh-TW': '內容', en: 'Content' },
    },
    {
      id: 'delivery',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '讲授', 'zh-TW': '講授', en: 'Delivery' },
    },
    {
      id: 'usefulness',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '实用性', 'zh-TW': '實用性', en: 'Usefulness' },
    },
    suggestions,
  ],
} as const satisfies SurveyTemplateBody;

/**
 * The default form for the class: organisation, services (with accommodation, meals and transport),
 * overall satisfaction and free comments.
 */
export const DEFAULT_CLASS_TEMPLATE = {
  name: '班次评估',
  target: 'class',
  questions: [
    {
      id: 'organisation',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '组织管理', 'zh-TW': '組織管理', en: 'Organisation and management' },
    },
    {
      id: 'services',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '服务保障', 'zh-TW': '服務保障', en: 'Services and support' },
    },
    // The service-satisfaction part (issue 9): optional, so forms filled before it stay valid.
    {
      id: 'accommodation',
      kind: 'rating',
      required: false,
      label: { 'zh-CN': '住宿条件', 'zh-TW': '住宿條件', en: 'Accommodation' },
    },
    {
      id: 'meals',
      kind: 'rating',
      required: false,
      label: { 'zh-CN': '餐饮服务', 'zh-TW': '餐飲服務', en: 'Meals' },
    },
    {
      id: 'transport',
      kind: 'rating',
      required: false,
      label: { 'zh-CN': '交通接送', 'zh-TW': '交通接送', en: 'Transport' },
    },
    {
      id: 'overall',
      kind: 'rating',
      required: true,
      label: { 'zh-CN': '总体满意度', 'zh-TW': '總體滿意度', en: 'Overall satisfaction' },
    },
    suggestions,
  ],
} as const satisfies SurveyTemplateBody;

/** A copy of the default template for a target (to seed a class's forms or a new template). */
export function defaultSurveyTemplate(target: SurveyTarget): SurveyTemplateBody {
  return structuredClone(target === 'lecture' ? DEFAULT_LECTURE_TEMPLATE : DEFAULT_CLASS_TEMPLATE);
}

/** One answer: a rating (number), a choice (option id, or ids when multiple), a text; null = skipped. */
export type AnswerValue = number | string | string[] | null;
export type Answers = Record<string, AnswerValue>;

const answerValue = z.union([
  z.number(),
  z.string().max(MAX_TEXT_ANSWER_LENGTH * 2),
  z.array(z.string().max(40)).max(MAX_CHOICE_OPTIONS),
  z.null(),
]);

/** A submitted form: the shape only — `validateResponse` then checks it against the form's questions. */
export const responseBody = z.strictObject({
  answers: z
    .record(questionId, answerValue)
    .refine((a) => Object.keys(a).length <= MAX_SURVEY_QUESTIONS, { message: 'too_many_answers' }),
});
export type ResponseBody = z.infer<typeof responseBody>;

/** A problem with one answer: `path` is `answers.<questionId>`, `key` the reason. */
export interface AnswerError {
  path: string;
  key:
    | 'required'
    | 'unknown_question'
    | 'answer_type'
    | 'rating_range'
    | 'choice_unknown'
    | 'choice_single'
    | 'choice_repeated'
    | 'text_too_long'
    | 'control_chars';
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

function isEmpty(v: AnswerValue | undefined): boolean {
  return (
    v === undefined ||
    v === null ||
    (typeof v === 'string' && v.trim() === '') ||
    (Array.isArray(v) && v.length === 0)
  );
}

function answerProblem(q: SurveyQuestion, v: AnswerValue): AnswerError['key'] | null {
  switch (q.kind) {
    case 'rating':
      if (typeof v !== 'number') return 'answer_type';
      return Number.isInteger(v) && v >= RATING_MIN && v <= RATING_MAX ? null : 'rating_range';
    case 'choice': {
      if (typeof v !== 'string' && !Array.isArray(v)) return 'answer_type';
      const picked = typeof v === 'string' ? [v] : v;
      if (picked.some((p) => !q.options.some((o) => o.id === p))) return 'choice_unknown';
      if (new Set(picked).size !== picked.length) return 'choice_repeated';
      return !q.multiple && picked.length > 1 ? 'choice_single' : null;
    }
    case 'text':
      if (typeof v !== 'string') return 'answer_type';
      if (CONTROL_CHARS.test(v)) return 'control_chars';
      return Array.from(v.trim()).length > q.maxLength ? 'text_too_long' : null;
  }
}

/**
 * The problems of a response against a form's questions, in question order (unknown ids last);
 * empty when it may be stored. Blank texts and empty choices count as unanswered.
 */
export function validateResponse(template: SurveyTemplate, answers: Answers): AnswerError[] {
  const errors: AnswerError[] = [];
  for (const q of template.questions) {
    const v = answers[q.id];
    if (isEmpty(v)) {
      if (q.required) errors.push({ path: `answers.${q.id}`, key: 'required' });
      continue;
    }
    const key = answerProblem(q, v as AnswerValue);
    if (key) errors.push({ path: `answers.${q.id}`, key });
  }
  for (const id of Object.keys(answers)) {
    if (!template.questions.some((q) => q.id === id))
      errors.push({ path: `answers.${id}`, key: 'unknown_question' });
  }
  return errors;
}

/**
 * The answers as stored (after `validateResponse` passed): texts trimmed, choices as arrays in the
 * options' order, unanswered and unknown questions left out.
 */
export function cleanAnswers(template: SurveyTemplate, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of template.questions) {
    const v = answers[q.id];
    if (isEmpty(v) || answerProblem(q, v as AnswerValue)) continue;
    if (q.kind === 'text') out[q.id] = (v as string).trim();
    else if (q.kind === 'choice') {
      const picked = typeof v === 'string' ? [v] : (v as string[]);
      out[q.id] = q.options.filter((o) => picked.includes(o.id)).map((o) => o.id);
    } else out[q.id] = v as number;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface RatingResult {
  id: string;
  kind: 'rating';
  label: LocalizedLabel;
  /** Responses that answered it. */
  answers: number;
  /** Rounded to 2 decimals; null without answers. */
  mean: number | null;
  /** Counts of 1, 2, 3, 4, 5 (index 0 is the rating 1). */
  distribution: number[];
  /** Share (0–1, 4 decimals) of answers rated 4 or 5; null without answers. */
  satisfiedShare: number | null;
}
export interface ChoiceResult {
  id: string;
  kind: 'choice';
  label: LocalizedLabel;
  multiple: boolean;
  answers: number;
  options: { id: string; label: LocalizedLabel; count: number }[];
}
export interface TextResult {
  id: string;
  kind: 'text';
  label: LocalizedLabel;
  answers: number;
  /** Sorted by code point, not by submission, so order cannot link a text to a respondent. */
  texts: string[];
}
export type QuestionResult = RatingResult | ChoiceResult | TextResult;

/** The full aggregate of some responses. Internal: show it only through `revealResults`. */
export interface SurveyAggregate {
  responses: number;
  questions: QuestionResult[];
}

/** What may be shown: the aggregate from the minimum number of responses, otherwise only the count. */
export type SurveyResults =
  | ({ hidden: false } & SurveyAggregate)
  | {
      hidden: true;
      responses: number;
      /** The minimum number of responses results are shown from. */
      needed: number;
    };

const round = (x: number, places: number) => {
  const f = 10 ** places;
  return Math.round(x * f) / f;
};

function ratingStats(distribution: number[]): Pick<RatingResult, 'answers' | 'mean' | 'satisfiedShare'> {
  const answers = distribution.reduce((a, b) => a + b, 0);
  if (answers === 0) return { answers, mean: null, satisfiedShare: null };
  const sum = distribution.reduce((a, c, i) => a + c * (i + RATING_MIN), 0);
  const satisfied = distribution.slice(SATISFIED_FROM - RATING_MIN).reduce((a, b) => a + b, 0);
  return { answers, mean: round(sum / answers, 2), satisfiedShare: round(satisfied / answers, 4) };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function emptyResult(q: SurveyQuestion): QuestionResult {
  switch (q.kind) {
    case 'rating':
      return {
        id: q.id,
        kind: 'rating',
        label: q.label,
        answers: 0,
        mean: null,
        distribution: [0, 0, 0, 0, 0],
        satisfiedShare: null,
      };
    case 'choice':
      return {
        id: q.id,
        kind: 'choice',
        label: q.label,
        multiple: q.multiple,
        answers: 0,
        options: q.options.map((o) => ({ id: o.id, label: o.label, count: 0 })),
      };
    case 'text':
      return { id: q.id, kind: 'text', label: q.label, answers: 0, texts: [] };
  }
}

/** Aggregates stored responses per question (answers that do not fit the question are ignored). */
export function aggregateResponses(template: SurveyTemplate, responses: readonly Answers[]): SurveyAggregate {
  const questions = template.questions.map((q) => {
    const r = emptyResult(q);
    for (const answers of responses) {
      const v = answers[q.id];
      if (isEmpty(v) || answerProblem(q, v as AnswerValue)) continue;
      if (r.kind === 'rating')
        r.distribution[(v as number) - RATING_MIN] = (r.distribution[(v as number) - RATING_MIN] ?? 0) + 1;
      else if (r.kind === 'choice') {
        const picked = typeof v === 'string' ? [v] : (v as string[]);
        for (const o of r.options) if (picked.includes(o.id)) o.count += 1;
        r.answers += 1;
      } else {
        r.texts.push((v as string).trim());
        r.answers += 1;
      }
    }
    if (r.kind === 'rating') Object.assign(r, ratingStats(r.distribution));
    if (r.kind === 'text') r.texts.sort(byCodePoint);
    return r;
  });
  return { responses: responses.length, questions };
}

/**
 * Adds aggregates of several forms (a lecturer across classes and years, a class's lectures):
 * counts add up, so means are weighted by responses. Questions are matched by id and kind, options
 * by id; labels come from the first part that has them.
 */
export function combineAggregates(parts: readonly SurveyAggregate[]): SurveyAggregate {
  const merged = new Map<string, QuestionResult>();
  for (const part of parts) {
    for (const q of part.questions) {
      const key = `${q.kind}:${q.id}`;
      const have = merged.get(key);
      if (!have) {
        merged.set(key, structuredClone(q));
      } else if (have.kind === 'rating' && q.kind === 'rating') {
        have.distribution = have.distribution.map((c, i) => c + (q.distribution[i] ?? 0));
      } else if (have.kind === 'choice' && q.kind === 'choice') {
        have.answers += q.answers;
        for (const o of q.options) {
          const mine = have.options.find((m) => m.id === o.id);
          if (mine) mine.count += o.count;
          else have.options.push({ ...o });
        }
      } else if (have.kind === 'text' && q.kind === 'text') {
        have.answers += q.answers;
        have.texts.push(...q.texts);
      }
    }
  }
  const questions = [...merged.values()].map((q) => {
    if (q.kind === 'rating') return { ...q, ...ratingStats(q.distribution) };
    if (q.kind === 'text') return { ...q, texts: [...q.texts].sort(byCodePoint) };
    return q;
  });
  return { responses: parts.reduce((a, p) => a + p.responses, 0), questions };
}

/** The aggregate when it has at least `minResponses` responses, otherwise only the count. */
export function revealResults(
  aggregate: SurveyAggregate,
  minResponses = DEFAULT_MIN_RESPONSES,
): SurveyResults {
  return aggregate.responses >= minResponses
    ? { hidden: false, ...aggregate }
    : { hidden: true, responses: aggregate.responses, needed: minResponses };
}

/** The results of one form as they may be shown (hidden below `minResponses`, default 5). */
export function surveyResults(
  template: SurveyTemplate,
  responses: readonly Answers[],
  minResponses = DEFAULT_MIN_RESPONSES,
): SurveyResults {
  return revealResults(aggregateResponses(template, responses), minResponses);
}

/** Results across forms, weighted by responses; the threshold applies to the combined count. */
export function combineResults(
  parts: readonly SurveyAggregate[],
  minResponses = DEFAULT_MIN_RESPONSES,
): SurveyResults {
  return revealResults(combineAggregates(parts), minResponses);
}

export interface SatisfactionScore {
  /** Mean of every rating answer of the form (2 decimals); null without any. */
  mean: number | null;
  /** 满意率: share (0–1, 4 decimals) of rating answers that are 4 or 5. */
  satisfiedShare: number | null;
  /** Rating answers counted. */
  answers: number;
}

/**
 * The satisfaction of shown results: all rating answers pooled (equal to the mean of the question
 * means when every rating is required). Null when the results are hidden.
 */
export function satisfactionScore(results: SurveyResults | SurveyAggregate): SatisfactionScore | null {
  if ('hidden' in results && results.hidden) return null;
  const distribution = [0, 0, 0, 0, 0];
  for (const q of (results as SurveyAggregate).questions) {
    if (q.kind !== 'rating') continue;
    for (const [i, c] of q.distribution.entries()) distribution[i] = (distribution[i] ?? 0) + c;
  }
  return ratingStats(distribution);
}

export interface ResponseRate {
  responded: number;
  expected: number;
  /** Share (0–1, 4 decimals), capped at 1; null when nobody is expected. */
  rate: number | null;
}

/** The response rate of a form: responded of expected (trainees enrolled, or present at the item). */
export function responseRate(responded: number, expected: number): ResponseRate {
  return { responded, expected, rate: expected > 0 ? round(Math.min(1, responded / expected), 4) : null };
}

/** Who still has to respond (for reminders): the expected people not in the responded set. */
export function pendingRespondents(expected: readonly string[], responded: Iterable<string>): string[] {
  const done = new Set(responded);
  return expected.filter((id) => !done.has(id));
}

// ---------------------------------------------------------------------------------------------
// API views (issue 6 item 4): templates, class settings, forms, results, summaries

/** The ids of the built-in default templates, listed read-only next to the stored ones. */
export const BUILTIN_TEMPLATE_IDS = { lecture: 'builtin-lecture', class: 'builtin-class' } as const;

export const surveyTemplateView = z.object({
  /** A uuid, or `builtin-lecture` / `builtin-class` for the read-only defaults. */
  id: z.string(),
  name: z.string(),
  target: z.enum(SURVEY_TARGETS),
  questions: z.array(surveyQuestion),
  builtin: z.boolean(),
  archived: z.boolean(),
  ownerUnitId: z.string().nullable(),
  /** May the reader change or archive it. */
  mayEdit: z.boolean(),
  updatedAt: z.string().nullable(),
});
export type SurveyTemplateView = z.infer<typeof surveyTemplateView>;
export const surveyTemplateList = z.object({ items: z.array(surveyTemplateView) });
export const surveyTemplateQuery = z.object({ archived: z.enum(['true', 'false']).optional() });

/** A class's survey settings: templates (null = the built-in default) and the results threshold. */
export const surveySettingsBody = z.strictObject({
  lectureTemplateId: z.uuid().nullable().default(null),
  classTemplateId: z.uuid().nullable().default(null),
  minResponses: z.number().int().min(3).max(100).default(DEFAULT_MIN_RESPONSES),
});
export type SurveySettingsBody = z.infer<typeof surveySettingsBody>;
export const surveySettingsView = z.object({
  lectureTemplateId: z.string().nullable(),
  classTemplateId: z.string().nullable(),
  minResponses: z.number().int(),
});
export type SurveySettingsView = z.infer<typeof surveySettingsView>;

export const SURVEY_FORM_STATUSES = ['not_open', 'open', 'closed', 'withdrawn'] as const;
export type SurveyFormStatus = (typeof SURVEY_FORM_STATUSES)[number];

/** The status of a form at `now`. */
export function surveyFormStatus(
  form: {
    opensAt: Date | string;
    closesAt: Date | string;
    closedAt: Date | string | null;
    withdrawnAt: Date | string | null;
  },
  now: Date,
): SurveyFormStatus {
  if (form.withdrawnAt) return 'withdrawn';
  if (form.closedAt || now.getTime() > new Date(form.closesAt).getTime()) return 'closed';
  return now.getTime() < new Date(form.opensAt).getTime() ? 'not_open' : 'open';
}

const responseRateView = z.object({
  responded: z.number(),
  expected: z.number(),
  rate: z.number().nullable(),
});

/** The lecture item a form is about (null for the class form). */
export const surveyItemView = z.object({
  id: z.string(),
  title: z.string(),
  startsAt: z.string(),
  speakers: z.array(z.string()),
});

/** A row of a class's forms for its staff: counts only, never who responded. */
export const surveyFormRow = z.object({
  id: z.string(),
  classId: z.string(),
  target: z.enum(SURVEY_TARGETS),
  title: z.string(),
  item: surveyItemView.nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  closedAt: z.string().nullable(),
  status: z.enum(SURVEY_FORM_STATUSES),
  responded: z.number(),
  expected: z.number(),
  rate: z.number().nullable(),
  reminders: z.object({ count: z.number(), lastSentAt: z.string().nullable() }),
  resultsHidden: z.boolean(),
});
export type SurveyFormRow = z.infer<typeof surveyFormRow>;
export const surveyFormList = z.object({ items: z.array(surveyFormRow), minResponses: z.number() });
export type SurveyFormList = z.infer<typeof surveyFormList>;

/** A form to fill in (or to look at, for staff). `submitted` is the reader's own, null for staff. */
export const surveyFormDetail = z.object({
  id: z.string(),
  classId: z.string(),
  className: z.string(),
  target: z.enum(SURVEY_TARGETS),
  title: z.string(),
  item: surveyItemView.nullable(),
  questions: z.array(surveyQuestion),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(SURVEY_FORM_STATUSES),
  submitted: z.boolean().nullable(),
});
export type SurveyFormDetail = z.infer<typeof surveyFormDetail>;

const ratingResultView = z.object({
  id: z.string(),
  kind: z.literal('rating'),
  label: z.record(z.string(), z.string()),
  answers: z.number(),
  mean: z.number().nullable(),
  distribution: z.array(z.number()),
  satisfiedShare: z.number().nullable(),
});
const choiceResultView = z.object({
  id: z.string(),
  kind: z.literal('choice'),
  label: z.record(z.string(), z.string()),
  multiple: z.boolean(),
  answers: z.number(),
  options: z.array(z.object({ id: z.string(), label: z.record(z.string(), z.string()), count: z.number() })),
});
const textResultView = z.object({
  id: z.string(),
  kind: z.literal('text'),
  label: z.record(z.string(), z.string()),
  answers: z.number(),
  texts: z.array(z.string()),
});
/** `SurveyResults` as sent: the aggregate, or only the count below the threshold. */
export const surveyResultsView = z.union([
  z.object({
    hidden: z.literal(false),
    responses: z.number(),
    questions: z.array(z.discriminatedUnion('kind', [ratingResultView, choiceResultView, textResultView])),
  }),
  z.object({ hidden: z.literal(true), responses: z.number(), needed: z.number() }),
]);

const satisfactionView = z.object({
  mean: z.number().nullable(),
  satisfiedShare: z.number().nullable(),
  answers: z.number(),
});

export const surveyFormResultsView = z.object({
  formId: z.string(),
  title: z.string(),
  target: z.enum(SURVEY_TARGETS),
  item: surveyItemView.nullable(),
  results: surveyResultsView,
  score: satisfactionView.nullable(),
  rate: responseRateView,
});
export type SurveyFormResultsView = z.infer<typeof surveyFormResultsView>;

/** A lecture form in a summary: figures only when its results may be shown. */
export const surveyLectureSummary = z.object({
  formId: z.string(),
  title: z.string(),
  item: surveyItemView.nullable(),
  responses: z.number(),
  hidden: z.boolean(),
  mean: z.number().nullable(),
  satisfiedShare: z.number().nullable(),
  rate: responseRateView,
});

/** The class's evaluation summary (评估汇总). */
export const classSurveySummary = z.object({
  classId: z.string(),
  minResponses: z.number(),
  lectures: z.array(surveyLectureSummary),
  classForm: surveyFormResultsView.nullable(),
  /** Satisfaction over all lecture forms combined (hidden below the threshold). */
  overall: z.object({ hidden: z.boolean(), responses: z.number(), score: satisfactionView.nullable() }),
  rate: responseRateView,
});
export type ClassSurveySummary = z.infer<typeof classSurveySummary>;

/** A lecturer's evaluations across classes and years (shown on the lecturer's page). */
export const lecturerEvaluationsView = z.object({
  lecturerId: z.string(),
  minResponses: z.number(),
  overall: z.object({ results: surveyResultsView, score: satisfactionView.nullable() }),
  years: z.array(
    z.object({ year: z.number(), results: surveyResultsView, score: satisfactionView.nullable() }),
  ),
  forms: z.array(
    z.object({
      formId: z.string(),
      classId: z.string(),
      classCode: z.string(),
      className: z.string(),
      title: z.string(),
      startsAt: z.string(),
      responses: z.number(),
      hidden: z.boolean(),
      mean: z.number().nullable(),
      satisfiedShare: z.number().nullable(),
    }),
  ),
});
export type LecturerEvaluationsView = z.infer<typeof lecturerEvaluationsView>;

/** A form of the signed-in trainee (`/me/surveys`). */
export const mySurveyView = z.object({
  id: z.string(),
  classId: z.string(),
  classCode: z.string(),
  className: z.string(),
  target: z.enum(SURVEY_TARGETS),
  title: z.string(),
  startsAt: z.string().nullable(),
  opensAt: z.string(),
  closesAt: z.string(),
  status: z.enum(SURVEY_FORM_STATUSES),
  submitted: z.boolean(),
  remindedAt: z.string().nullable(),
});
export type MySurveyView = z.infer<typeof mySurveyView>;
export const mySurveyList = z.object({ items: z.array(mySurveyView) });

export const reminderResult = z.object({ recipients: z.number(), sentAt: z.string() });
export const submitResult = z.object({ submitted: z.literal(true) });

// ---------------------------------------------------------------------------------------------
// Reflections (学习心得)

export const MAX_REFLECTION_LENGTH = 10_000;

/** A reflection: a text, an uploaded file, or both — at least one. */
export const reflectionBody = z
  .strictObject({
    text: multilineText(MAX_REFLECTION_LENGTH).nullable().default(null),
    fileId: z.uuid().nullable().default(null),
  })
  .refine((v) => (v.text !== null && v.text.trim() !== '') || v.fileId !== null, {
    path: ['text'],
    message: 'reflection_empty',
  });
export type ReflectionBody = z.infer<typeof reflectionBody>;

/** The director's grade of a reflection; the same codes as completion's rules. */
export const REFLECTION_GRADES = ['excellent', 'good', 'pass', 'fail'] as const;
export type ReflectionGrade = (typeof REFLECTION_GRADES)[number];

export const REFLECTION_GRADE_LABELS: Record<ReflectionGrade, Record<Locale, string>> = {
  excellent: { 'zh-CN': '优秀', 'zh-TW': '優秀', en: 'Excellent' },
  good: { 'zh-CN': '良好', 'zh-TW': '良好', en: 'Good' },
  pass: { 'zh-CN': '合格', 'zh-TW': '合格', en: 'Pass' },
  fail: { 'zh-CN': '不合格', 'zh-TW': '不合格', en: 'Fail' },
};

/** Grading a reflection, with an optional comment for the trainee. */
export const gradeBody = z.strictObject({
  grade: z.enum(REFLECTION_GRADES),
  comment: multilineText(2000).nullable().default(null),
});
export type GradeBody = z.infer<typeof gradeBody>;
