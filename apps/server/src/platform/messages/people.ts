import type { Texts } from './types.js';

/** Field and custom-issue messages of the people module (keys raised by its contracts and service). */
export const PEOPLE_MESSAGES: Record<string, Texts> = {
  id_format: {
    'zh-CN': '身份证号应为 18 位（17 位数字加一位数字或 X）',
    'zh-TW': '身分證號應為 18 位（17 位數字加一位數字或 X）',
    en: 'must be 18 characters: 17 digits and a digit or X',
  },
  id_check_digit: {
    'zh-CN': '身份证号校验位不正确',
    'zh-TW': '身分證號校驗位不正確',
    en: 'has a wrong check digit',
  },
  id_birth_date: {
    'zh-CN': '身份证号中的出生日期不存在',
    'zh-TW': '身分證號中的出生日期不存在',
    en: 'contains a birth date that does not exist',
  },
  birth_date_mismatch: {
    'zh-CN': '出生日期与身份证号不一致',
    'zh-TW': '出生日期與身分證號不一致',
    en: 'does not match the ID number',
  },
  gender_mismatch: {
    'zh-CN': '性别与身份证号不一致',
    'zh-TW': '性別與身分證號不一致',
    en: 'does not match the ID number',
  },
  mobile_format: {
    'zh-CN': '手机号应为 11 位大陆手机号码',
    'zh-TW': '手機號應為 11 位大陸手機號碼',
    en: 'must be an 11-digit mainland mobile number',
  },
  specialty_required: {
    'zh-CN': '专技人才须填写专业类别',
    'zh-TW': '專技人才須填寫專業類別',
    en: 'is required for professional-technical talent',
  },
  specialty_not_allowed: {
    'zh-CN': '仅专技人才填写专业类别',
    'zh-TW': '僅專技人才填寫專業類別',
    en: 'applies to professional-technical talent only',
  },
  date_format: {
    'zh-CN': '日期格式应为 YYYY-MM-DD',
    'zh-TW': '日期格式應為 YYYY-MM-DD',
    en: 'must be a date YYYY-MM-DD',
  },
  date_invalid: { 'zh-CN': '日期不存在', 'zh-TW': '日期不存在', en: 'is not a real date' },
  id_number_taken: {
    'zh-CN': '该身份证号已登记',
    'zh-TW': '該身分證號已登記',
    en: 'is already registered for another person',
  },
  unknown_code: {
    'zh-CN': '不在代码表中：{x}',
    'zh-TW': '不在代碼表中：{x}',
    en: 'is not in the code list: {x}',
  },
  unit_unknown: {
    'zh-CN': '单位不存在',
    'zh-TW': '單位不存在',
    en: 'is not a known unit',
  },
  unit_not_active: {
    'zh-CN': '单位已合并，请选择合并后的单位',
    'zh-TW': '單位已合併，請選擇合併後的單位',
    en: 'has been merged into another unit; choose that one',
  },
  person_unknown: {
    'zh-CN': '人员不存在',
    'zh-TW': '人員不存在',
    en: 'is not a known person',
  },
  export_too_large: {
    'zh-CN': '导出不能超过 {x} 行，请缩小筛选范围',
    'zh-TW': '匯出不能超過 {x} 列，請縮小篩選範圍',
    en: 'exports are limited to {x} rows: narrow the filter',
  },
  format_unknown: {
    'zh-CN': '格式应为 json 或 xlsx',
    'zh-TW': '格式應為 json 或 xlsx',
    en: 'must be json or xlsx',
  },
};
