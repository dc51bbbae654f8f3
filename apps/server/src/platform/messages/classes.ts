import type { Texts } from './types.js';

/** Field and custom-issue messages of the classes module (keys raised by its contracts and service). */
export const CLASSES_MESSAGES: Record<string, Texts> = {
  end_before_start: {
    'zh-CN': '结束不能早于开始',
    'zh-TW': '結束不能早於開始',
    en: 'must not be before the start',
  },
  director_not_class_director: {
    'zh-CN': '须为启用中的班主任账号',
    'zh-TW': '須為啟用中的班主任帳號',
    en: 'must be an active user with the class director role',
  },
  class_not_editable: {
    'zh-CN': '班次在当前状态下不能修改',
    'zh-TW': '班次在目前狀態下不能修改',
    en: 'the class can no longer be edited in its current status',
  },
  capacity_below_allocated: {
    'zh-CN': '不能少于已占用或已分配的名额（{x}）',
    'zh-TW': '不能少於已佔用或已分配的名額（{x}）',
    en: 'must not be below the seats already taken or allocated ({x})',
  },
  transition_not_allowed: {
    'zh-CN': '当前状态下不能执行此操作',
    'zh-TW': '目前狀態下不能執行此操作',
    en: 'this action is not allowed in the current status',
  },
  required_to_publish: {
    'zh-CN': '发布前须填写（报名截止不得晚于开班日期）',
    'zh-TW': '發布前須填寫（報名截止不得晚於開班日期）',
    en: 'is required to publish (the nomination deadline must not be after the start date)',
  },
  reason_required: {
    'zh-CN': '请填写原因',
    'zh-TW': '請填寫原因',
    en: 'a reason is required',
  },
  class_not_ended: {
    'zh-CN': '班次尚未结束，不能结业',
    'zh-TW': '班次尚未結束，不能結業',
    en: 'the class has not ended yet',
  },
  undecided_nominations: {
    'zh-CN': '还有 {x} 个报名未审核',
    'zh-TW': '還有 {x} 個報名未審核',
    en: '{x} nominations are still awaiting a decision',
  },
  sort_unknown: {
    'zh-CN': '不支持的排序字段，可选：{x}',
    'zh-TW': '不支援的排序欄位，可選：{x}',
    en: 'is not a sortable field; one of: {x}',
  },
};
