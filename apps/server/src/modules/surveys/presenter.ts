import { type ResponseRate, responseRate, type SurveyFormRow, surveyFormStatus } from '@ganxun/domain';
import type { FormRow, LectureItem } from './forms.js';
import type { FormCounts } from './stats.js';

/**
 * Views of forms. Staff get counts only: the expected and responded sets never leave the server,
 * so no view can say who responded, let alone what.
 */

export function presentItem(item: LectureItem | undefined) {
  if (!item) return null;
  return {
    id: item.id,
    title: item.title,
    startsAt: item.startsAt.toISOString(),
    speakers: item.speakers.map((s) => s.name),
  };
}

export function rateOf(counts: FormCounts | undefined): ResponseRate {
  return responseRate(counts?.responded.size ?? 0, counts?.expected.length ?? 0);
}

export function presentFormRow(
  form: FormRow,
  item: LectureItem | undefined,
  counts: FormCounts | undefined,
  reminders: { count: number; lastSentAt: Date | null } | undefined,
  minResponses: number,
  now: Date,
): SurveyFormRow {
  const rate = rateOf(counts);
  return {
    id: form.id,
    classId: form.classId,
    target: form.target,
    title: form.title,
    item: presentItem(item),
    opensAt: form.opensAt.toISOString(),
    closesAt: form.closesAt.toISOString(),
    closedAt: form.closedAt?.toISOString() ?? null,
    status: surveyFormStatus(form, now),
    responded: rate.responded,
    expected: rate.expected,
    rate: rate.rate,
    reminders: {
      count: reminders?.count ?? 0,
      lastSentAt: reminders?.lastSentAt?.toISOString() ?? null,
    },
    resultsHidden: form.responses < minResponses,
  };
}
