import {
  type Answers,
  aggregateResponses,
  type ClassSurveySummary,
  combineResults,
  DEFAULT_MIN_RESPONSES,
  type LecturerEvaluationsView,
  responseRate,
  revealResults,
  type SurveyAggregate,
  type SurveyFormResultsView,
  satisfactionScore,
} from '@ganxun/domain';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import {
  classes,
  classSessionLecturers,
  classSurveySettings,
  surveyForms,
  surveyResponses,
} from '../../db/schema/index.js';
import { classSettingsOf, ensureForms, type FormRow, formsOf, itemsOf, type LectureItem } from './forms.js';
import { presentItem, rateOf } from './presenter.js';
import { countsOf } from './stats.js';

/**
 * Results: aggregates of stored answers (which carry nothing about who gave them), shown only from
 * the minimum number of responses — per form, per class, per lecturer across classes and years,
 * where the threshold applies to the combined count.
 */

/** The aggregate of each form's responses (by form id). */
export async function aggregatesOf(db: Executor, forms: FormRow[]): Promise<Map<string, SurveyAggregate>> {
  const out = new Map<string, SurveyAggregate>();
  if (forms.length === 0) return out;
  const rows = await db
    .select({ formId: surveyResponses.formId, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(
      inArray(
        surveyResponses.formId,
        forms.map((f) => f.id),
      ),
    );
  const byForm = new Map<string, Answers[]>();
  for (const r of rows) {
    const list = byForm.get(r.formId) ?? [];
    list.push(r.answers as Answers);
    byForm.set(r.formId, list);
  }
  for (const f of forms)
    out.set(f.id, aggregateResponses({ questions: f.questions }, byForm.get(f.id) ?? []));
  return out;
}

/** One form's results as they may be shown, with its response rate. */
export function formResultsView(
  form: FormRow,
  item: LectureItem | undefined,
  aggregate: SurveyAggregate,
  rate: SurveyFormResultsView['rate'],
  minResponses: number,
): SurveyFormResultsView {
  const results = revealResults(aggregate, minResponses);
  return {
    formId: form.id,
    title: form.title,
    target: form.target,
    item: presentItem(item),
    results,
    score: satisfactionScore(results),
    rate,
  };
}

/**
 * The class's summary (each lecture form, the class form, overall satisfaction and response rate)
 * and every form's results as they may be shown (for the workbook's per-question sheet).
 */
export async function classResults(
  db: Executor,
  classId: string,
): Promise<{ summary: ClassSurveySummary; details: SurveyFormResultsView[] }> {
  await ensureForms(db, classId);
  const { minResponses } = await classSettingsOf(db, classId);
  const forms = (await formsOf(db, classId)).filter((f) => !f.withdrawnAt);
  const items = await itemsOf(db, classId);
  const itemById = new Map(items.map((i) => [i.id, i]));
  const counts = await countsOf(db, classId, forms, items);
  const aggregates = await aggregatesOf(db, forms);
  const lectureForms = forms.filter((f) => f.sessionId !== null);
  const lectures = lectureForms.map((f) => {
    const aggregate = aggregates.get(f.id) as SurveyAggregate;
    const results = revealResults(aggregate, minResponses);
    const score = satisfactionScore(results);
    return {
      formId: f.id,
      title: f.title,
      item: presentItem(itemById.get(f.sessionId as string)),
      responses: aggregate.responses,
      hidden: results.hidden,
      mean: score?.mean ?? null,
      satisfiedShare: score?.satisfiedShare ?? null,
      rate: rateOf(counts.get(f.id)),
    };
  });
  const classRow = forms.find((f) => f.sessionId === null);
  const combined = combineResults(
    lectureForms.map((f) => aggregates.get(f.id) as SurveyAggregate),
    minResponses,
  );
  let responded = 0;
  let expected = 0;
  for (const c of counts.values()) {
    responded += c.responded.size;
    expected += c.expected.length;
  }
  const details = forms.map((f) =>
    formResultsView(
      f,
      f.sessionId ? itemById.get(f.sessionId) : undefined,
      aggregates.get(f.id) as SurveyAggregate,
      rateOf(counts.get(f.id)),
      minResponses,
    ),
  );
  const summary: ClassSurveySummary = {
    classId,
    minResponses,
    lectures,
    classForm: classRow
      ? formResultsView(
          classRow,
          undefined,
          aggregates.get(classRow.id) as SurveyAggregate,
          rateOf(counts.get(classRow.id)),
          minResponses,
        )
      : null,
    overall: { hidden: combined.hidden, responses: combined.responses, score: satisfactionScore(combined) },
    rate: responseRate(responded, expected),
  };
  return { summary, details };
}

/** The China year of an instant. */
const chinaYear = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).getUTCFullYear();

/**
 * A lecturer's evaluations: every lecture form (not withdrawn) of an item they spoke at, combined
 * per year and overall. The threshold is the highest of the default and the classes' own.
 */
export async function lecturerEvaluations(
  db: Executor,
  lecturerId: string,
): Promise<LecturerEvaluationsView> {
  const sessionIds = (
    await db
      .select({ sessionId: classSessionLecturers.sessionId })
      .from(classSessionLecturers)
      .where(and(eq(classSessionLecturers.lecturerId, lecturerId), eq(classSessionLecturers.role, 'speaker')))
  ).map((r) => r.sessionId);
  const forms = sessionIds.length
    ? await db
        .select({
          form: surveyForms,
          code: classes.code,
          name: classes.name,
          min: classSurveySettings.minResponses,
        })
        .from(surveyForms)
        .innerJoin(classes, eq(classes.id, surveyForms.classId))
        .leftJoin(classSurveySettings, eq(classSurveySettings.classId, surveyForms.classId))
        .where(and(inArray(surveyForms.sessionId, sessionIds), isNull(surveyForms.withdrawnAt)))
        .orderBy(asc(surveyForms.opensAt), asc(surveyForms.id))
    : [];
  const aggregates = await aggregatesOf(
    db,
    forms.map((r) => r.form),
  );
  const minResponses = Math.max(DEFAULT_MIN_RESPONSES, ...forms.map((r) => r.min ?? DEFAULT_MIN_RESPONSES));
  const all = forms.map((r) => aggregates.get(r.form.id) as SurveyAggregate);
  const overall = combineResults(all, minResponses);
  const years = [...new Set(forms.map((r) => chinaYear(r.form.opensAt)))].sort((a, b) => b - a);
  return {
    lecturerId,
    minResponses,
    overall: { results: overall, score: satisfactionScore(overall) },
    years: years.map((year) => {
      const results = combineResults(
        forms
          .filter((r) => chinaYear(r.form.opensAt) === year)
          .map((r) => aggregates.get(r.form.id) as SurveyAggregate),
        minResponses,
      );
      return { year, results, score: satisfactionScore(results) };
    }),
    forms: forms.map((r) => {
      const aggregate = aggregates.get(r.form.id) as SurveyAggregate;
      const results = revealResults(aggregate, r.min ?? DEFAULT_MIN_RESPONSES);
      const score = satisfactionScore(results);
      return {
        formId: r.form.id,
        classId: r.form.classId,
        classCode: r.code,
        className: r.name,
        title: r.form.title,
        startsAt: r.form.opensAt.toISOString(),
        responses: aggregate.responses,
        hidden: results.hidden,
        mean: score?.mean ?? null,
        satisfiedShare: score?.satisfiedShare ?? null,
      };
    }),
  };
}
