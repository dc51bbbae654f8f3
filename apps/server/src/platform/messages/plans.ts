import type { Texts } from './types.js';

/** Field and custom-issue messages of the plans module (keys raised by its contracts and service). */
export const PLANS_MESSAGES: Record<string, Texts> = {
  month_format: {
    'zh-CN': '月份格式应为 YYYY-MM',
    'zh-TW': '月份格式應為 YYYY-MM',
    en: 'must be a month YYYY-MM',
  },
  plan_not_editable: {
    'zh-CN': '计划已提交或已批准，不能修改',
    'zh-TW': '計畫已提交或已核准，不能修改',
    en: 'the plan has been submitted or approved and cannot be changed',
  },
  plan_no_items: {
    'zh-CN': '计划中还没有班次项目',
    'zh-TW': '計畫中還沒有班次項目',
    en: 'the plan has no items yet',
  },
  plan_self_approval: {
    'zh-CN': '不能审批自己提交的计划',
    'zh-TW': '不能審批自己提交的計畫',
    en: 'you cannot decide on a plan you submitted yourself',
  },
  comment_required: {
    'zh-CN': '退回时请填写意见',
    'zh-TW': '退回時請填寫意見',
    en: 'a comment is required to return a plan',
  },
  plan_not_approved: {
    'zh-CN': '计划批准后才能安排班次',
    'zh-TW': '計畫核准後才能安排班次',
    en: 'classes can be scheduled only from an approved plan',
  },
  plan_item_fully_scheduled: {
    'zh-CN': '该项目的 {x} 个班次已全部安排',
    'zh-TW': '該項目的 {x} 個班次已全部安排',
    en: 'all {x} classes of this item have been scheduled',
  },
  plan_item_has_classes: {
    'zh-CN': '该项目已安排班次，不能删除',
    'zh-TW': '該項目已安排班次，不能刪除',
    en: 'classes have been scheduled from this item; it cannot be deleted',
  },
};
