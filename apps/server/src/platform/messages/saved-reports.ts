import type { Texts } from './types.js';

/** Field and custom-issue messages of the saved-reports module (issue 8). */
export const SAVED_REPORTS_MESSAGES: Record<string, Texts> = {
  saved_report_name_taken: {
    'zh-CN': '您已有名为“{x}”的报表',
    'zh-TW': '您已有名為「{x}」的報表',
    en: 'you already have a report named "{x}"',
  },
  /** A definition problem whose message was localised from its zod issue. */
  saved_report_definition_invalid: { 'zh-CN': '{x}', 'zh-TW': '{x}', en: '{x}' },
};
