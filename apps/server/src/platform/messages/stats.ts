import type { Texts } from './types.js';

/**
 * Field and custom-issue messages of the statistics engine and the report builder (issue 8).
 * `end_before_start`, `range_too_long`, `duplicate_dimension`, `month_format` and
 * `region_code_format` are shared with other modules.
 */
export const STATS_MESSAGES: Record<string, Texts> = {
  dimension_not_for_measure: {
    'zh-CN':
      '所选指标中有不能按此维度统计的（满意度来自匿名评估，不能按地区、单位、人员类别分组；挂职人次不能按班次类型、主办单位、专题分组）',
    'zh-TW':
      '所選指標中有不能按此維度統計的（滿意度來自匿名評估，不能按地區、單位、人員類別分組；掛職人次不能按班次類型、主辦單位、專題分組）',
    en: 'cannot split one of the chosen measures (satisfaction comes from anonymous forms: not by region, unit or category; secondments: not by class kind, organiser or topic)',
  },
  filter_not_for_measure: {
    'zh-CN': '所选指标中有不能按此条件筛选的',
    'zh-TW': '所選指標中有不能按此條件篩選的',
    en: 'does not apply to one of the chosen measures',
  },
};
