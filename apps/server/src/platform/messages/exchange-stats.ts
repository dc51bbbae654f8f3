import type { Texts } from './types.js';

/**
 * Field and custom-issue messages of exchange statistics and the report narrative
 * (`end_before_start` is the classes module's, shared).
 */
export const EXCHANGE_STATS_MESSAGES: Record<string, Texts> = {
  duplicate_dimension: {
    'zh-CN': '分组维度不能重复',
    'zh-TW': '分組維度不能重複',
    en: 'must not name a dimension twice',
  },
  range_too_long: {
    'zh-CN': '统计年份跨度不能超过 50 年',
    'zh-TW': '統計年份跨度不能超過 50 年',
    en: 'must be at most 50 years after the start year',
  },
};
