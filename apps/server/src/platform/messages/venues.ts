import type { Texts } from './types.js';

/** Field and custom-issue messages of the venues module (keys raised by its contracts and service). */
export const VENUES_MESSAGES: Record<string, Texts> = {
  venue_name_taken: {
    'zh-CN': '该单位已有同名场地',
    'zh-TW': '該單位已有同名場地',
    en: 'the owner unit already has a venue with this name',
  },
  city_required: {
    'zh-CN': '现场教学点须填写所在城市',
    'zh-TW': '現場教學點須填寫所在城市',
    en: 'a field-teaching site needs a city',
  },
};
