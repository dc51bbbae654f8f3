import type { Texts } from './types.js';

/** Field and custom-issue messages of the rosters module (keys raised by its contracts and service). */
export const ROSTERS_MESSAGES: Record<string, Texts> = {
  date_outside_class: {
    'zh-CN': '日期须在班次日期之内（{x}）',
    'zh-TW': '日期須在班次日期之內（{x}）',
    en: 'must be a day of the class ({x})',
  },
  group_unknown: {
    'zh-CN': '该班次没有这个小组',
    'zh-TW': '該班次沒有這個小組',
    en: 'is not a group of this class',
  },
};
