import type { Texts } from './types.js';

/** Field and custom-issue messages of the schedules module (keys raised by its contracts and service). */
export const SCHEDULES_MESSAGES: Record<string, Texts> = {
  timetable_not_published: {
    'zh-CN': '课程表尚未发布',
    'zh-TW': '課程表尚未發佈',
    en: 'the timetable has not been published yet',
  },
  feed_no_person: {
    'zh-CN': '您的账号未关联人员信息，无法订阅个人课表',
    'zh-TW': '您的帳號未關聯人員資料，無法訂閱個人課表',
    en: 'your account is not linked to a person record, so it has no personal timetable',
  },
  feed_no_lecturer: {
    'zh-CN': '您的账号未关联师资库中的讲师，请选择一位讲师',
    'zh-TW': '您的帳號未關聯師資庫中的講師，請選擇一位講師',
    en: 'your account is not linked to a lecturer of the pool: choose a lecturer',
  },
  material_too_large: {
    'zh-CN': '文件超过 {x} MB 的上限',
    'zh-TW': '檔案超過 {x} MB 的上限',
    en: 'the file is larger than the {x} MB limit',
  },
  material_empty: {
    'zh-CN': '文件为空',
    'zh-TW': '檔案為空',
    en: 'the file is empty',
  },
  materials_too_many: {
    'zh-CN': '每项安排最多 {x} 个资料文件',
    'zh-TW': '每項安排最多 {x} 個資料檔案',
    en: 'an item has at most {x} materials',
  },
};
