import type { Rule } from 'antd/es/form';
import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { i18n } from '../app/i18n';

type Issue = z.core.$ZodIssue;

/** A human message, in the UI language, for the first problem zod found. */
export function issueMessage(issue: Issue, t: TFunction): string {
  switch (issue.code) {
    case 'too_small':
      return issue.origin === 'string'
        ? t('validation.tooShort', { min: Number(issue.minimum) })
        : t('validation.tooSmall', { min: Number(issue.minimum) });
    case 'too_big':
      return issue.origin === 'string'
        ? t('validation.tooLong', { max: Number(issue.maximum) })
        : t('validation.tooBig', { max: Number(issue.maximum) });
    default: {
      const key = `validation.${issue.message}`;
      return i18n.exists(key) ? String(i18n.t(key as 'validation.invalid')) : t('validation.invalid');
    }
  }
}

/**
 * An antd Form rule that validates with the same zod schema the server uses
 * ("one contract, two users"). Empty values are left to the `required` rule.
 */
export function zodRule(schema: z.ZodType, t: TFunction): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      const result = schema.safeParse(value);
      const issue = result.success ? undefined : result.error.issues[0];
      if (issue) throw new Error(issueMessage(issue, t));
    },
  };
}
