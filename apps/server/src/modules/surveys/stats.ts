import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { surveyReminders, surveyRespondents } from '../../db/schema/index.js';
import { activeEnrollments, expectedAtForm, type FormRow, type LectureItem } from './forms.js';

/**
 * Counts per form: who is expected and who has responded, as numbers for staff (never the list),
 * and per enrolment for completion and the trainee's own pages.
 */

export interface FormCounts {
  /** Active enrolments expected at the form. */
  expected: string[];
  /** Of those, the ones that responded. */
  responded: Set<string>;
}

/** Expected and responded enrolments of each form of a class (by form id). */
export async function countsOf(
  db: Executor,
  classId: string,
  forms: FormRow[],
  items: LectureItem[],
): Promise<Map<string, FormCounts>> {
  const out = new Map<string, FormCounts>();
  if (forms.length === 0) return out;
  const trainees = await activeEnrollments(db, classId);
  const groups = new Map(items.map((i) => [i.id, i.groupIds]));
  const rows = await db
    .select({ formId: surveyRespondents.formId, enrollmentId: surveyRespondents.enrollmentId })
    .from(surveyRespondents)
    .where(
      inArray(
        surveyRespondents.formId,
        forms.map((f) => f.id),
      ),
    );
  const respondedBy = new Map<string, Set<string>>();
  for (const r of rows) {
    const set = respondedBy.get(r.formId) ?? new Set<string>();
    set.add(r.enrollmentId);
    respondedBy.set(r.formId, set);
  }
  for (const form of forms) {
    const expected = trainees
      .filter((e) => expectedAtForm(form, form.sessionId ? groups.get(form.sessionId) : null, e))
      .map((e) => e.id);
    const all = respondedBy.get(form.id) ?? new Set<string>();
    out.set(form.id, { expected, responded: new Set(expected.filter((id) => all.has(id))) });
  }
  return out;
}

/** Reminders sent per form: how many and the last time. */
export async function remindersOf(
  db: Executor,
  formIds: string[],
): Promise<Map<string, { count: number; lastSentAt: Date | null }>> {
  const out = new Map<string, { count: number; lastSentAt: Date | null }>();
  if (formIds.length === 0) return out;
  const rows = await db
    .select({ formId: surveyReminders.formId, sentAt: surveyReminders.sentAt })
    .from(surveyReminders)
    .where(inArray(surveyReminders.formId, formIds));
  for (const r of rows) {
    const have = out.get(r.formId) ?? { count: 0, lastSentAt: null };
    have.count += 1;
    if (!have.lastSentAt || r.sentAt > have.lastSentAt) have.lastSentAt = r.sentAt;
    out.set(r.formId, have);
  }
  return out;
}

/** Has the enrolment responded to the form? */
export async function hasResponded(db: Executor, formId: string, enrollmentId: string): Promise<boolean> {
  const [row] = await db
    .select({ formId: surveyRespondents.formId })
    .from(surveyRespondents)
    .where(and(eq(surveyRespondents.formId, formId), eq(surveyRespondents.enrollmentId, enrollmentId)));
  return !!row;
}
