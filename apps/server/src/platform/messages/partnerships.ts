import type { Texts } from './types.js';

/** Field and custom-issue messages of pairings (结对协作) and their joint classes. */
export const PARTNERSHIPS_MESSAGES: Record<string, Texts> = {
  same_sides: {
    'zh-CN': '结对双方不能相同',
    'zh-TW': '結對雙方不能相同',
    en: 'must differ from the other side',
  },
  region_code_format: {
    'zh-CN': '行政区划代码应为 6 位数字',
    'zh-TW': '行政區劃代碼應為 6 位數字',
    en: 'must be a 6-digit administrative division code',
  },
  phone_format: {
    'zh-CN': '电话号码格式不正确',
    'zh-TW': '電話號碼格式不正確',
    en: 'is not a valid phone number',
  },
  unit_outside_region: {
    'zh-CN': '该单位不在这一方的行政区划内',
    'zh-TW': '該單位不在這一方的行政區劃內',
    en: "is not inside this side's region",
  },
  sides_locked: {
    'zh-CN': '已有挂职记录，结对双方不能再更改',
    'zh-TW': '已有掛職記錄，結對雙方不能再更改',
    en: 'cannot change once the pairing has secondments',
  },
  class_not_found: { 'zh-CN': '班次不存在', 'zh-TW': '班次不存在', en: 'no such class' },
  class_already_linked: {
    'zh-CN': '该班次已计入一个结对的联合办班',
    'zh-TW': '該班次已計入一個結對的聯合辦班',
    en: 'is already a joint class of a pairing',
  },
  secondment_not_in_partnership: {
    'zh-CN': '只能选择本结对的挂职人员',
    'zh-TW': '只能選擇本結對的掛職人員',
    en: 'must be secondments of this pairing',
  },
};
