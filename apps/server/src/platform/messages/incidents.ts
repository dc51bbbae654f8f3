import type { Texts } from './types.js';

/** Field and custom-issue messages of the incidents module (issue 9: contingency plans, incidents). */
export const INCIDENTS_MESSAGES: Record<string, Texts> = {
  class_cancelled: {
    'zh-CN': '班次已取消，不能报告突发事件',
    'zh-TW': '班次已取消，不能報告突發事件',
    en: 'the class is cancelled',
  },
  task_force_role_unknown: {
    'zh-CN': '不是有效的专班职责',
    'zh-TW': '不是有效的專班職責',
    en: 'not a task force role',
  },
  contingency_plan_unknown: {
    'zh-CN': '预案不存在',
    'zh-TW': '預案不存在',
    en: 'no such contingency plan',
  },
  contingency_plan_archived: {
    'zh-CN': '预案已归档，不能再关联',
    'zh-TW': '預案已歸檔，不能再關聯',
    en: 'the plan is archived and cannot be attached',
  },
  enrollment_not_in_class: {
    'zh-CN': '不是本班次的学员',
    'zh-TW': '不是本班次的學員',
    en: 'not a trainee of this class',
  },
  incident_in_future: {
    'zh-CN': '发生时间不能晚于现在',
    'zh-TW': '發生時間不能晚於現在',
    en: 'cannot be in the future',
  },
  incident_transition: {
    'zh-CN': '事件当前状态不允许此操作',
    'zh-TW': '事件目前狀態不允許此操作',
    en: 'not allowed in the incident’s current status',
  },
  action_in_future: {
    'zh-CN': '处置时间不能晚于现在',
    'zh-TW': '處置時間不能晚於現在',
    en: 'cannot be in the future',
  },
  action_before_incident: {
    'zh-CN': '处置时间不能早于事件发生时间',
    'zh-TW': '處置時間不能早於事件發生時間',
    en: 'cannot be before the incident happened',
  },
};
