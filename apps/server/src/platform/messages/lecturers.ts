import type { Texts } from './types.js';

/** Field and custom-issue messages of the lecturers module (keys raised by its contracts and service). */
export const LECTURERS_MESSAGES: Record<string, Texts> = {
  lecturer_person_taken: {
    'zh-CN': '该人员已关联到另一位师资',
    'zh-TW': '該人員已關聯到另一位師資',
    en: 'this person is already linked to another lecturer',
  },
};
