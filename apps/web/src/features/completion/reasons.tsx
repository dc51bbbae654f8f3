import type { CompletionReasonView, ReflectionGrade } from '@ganxun/domain';
import { Flex, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { errorText } from '../../components/errors';

const percent = (n: number) => `${Math.round(n * 1000) / 10}%`;
const hours = (n: number) => `${Math.round(n * 100) / 100}`;

/** An open completion reason in plain words, with what the trainee has and what the rule needs. */
export function reasonText(reason: CompletionReasonView, t: TFunction): string {
  const grade = (g: unknown) => (typeof g === 'string' ? t(`completion.grade.${g as ReflectionGrade}`) : '');
  const num = (v: unknown) => (typeof v === 'number' ? v : 0);
  switch (reason.code) {
    case 'attendance_low':
      return t('completion.reason.attendance_low', {
        have: percent(num(reason.have)),
        need: percent(num(reason.need)),
      });
    case 'leave_over_limit':
      return t('completion.reason.leave_over_limit', {
        have: hours(num(reason.have)),
        need: hours(num(reason.need)),
      });
    case 'evaluations_missing':
      return t('completion.reason.evaluations_missing', { have: reason.have, need: reason.need });
    case 'reflection_grade_low':
      return t('completion.reason.reflection_grade_low', {
        have: grade(reason.have),
        need: grade(reason.need),
      });
    default:
      return t(`completion.reason.${reason.code}`);
  }
}

/** The open reasons as small tags. */
export function ReasonTags({ reasons }: { reasons: CompletionReasonView[] }) {
  const { t } = useTranslation();
  return (
    <Flex wrap gap={4}>
      {reasons.map((r) => (
        <Tag
          key={r.code}
          color="orange"
          style={{ marginInlineEnd: 0, whiteSpace: 'normal' }}
          data-testid="completion-reason"
          data-code={r.code}
        >
          {reasonText(r, t)}
        </Tag>
      ))}
    </Flex>
  );
}

export const GRADE_COLOR: Record<ReflectionGrade, string> = {
  excellent: 'green',
  good: 'blue',
  pass: 'cyan',
  fail: 'red',
};

/** A refused write's message: the field's own (the precise reason) or the request's. */
export function refusalText(error: unknown, t: TFunction): string {
  if (error instanceof ApiError && error.fields.length > 0 && error.fields[0]?.message)
    return error.fields[0].message;
  return errorText(error, t);
}

export { hours as formatHours, percent as formatPercent };
