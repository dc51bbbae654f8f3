import type { Texts } from './types.js';

/** Field and custom-issue messages of the units module (keys raised by its contracts and service). */
export const UNITS_MESSAGES: Record<string, Texts> = {
  uscc_invalid: {
    'zh-CN': '统一社会信用代码应为 18 位且校验位正确',
    'zh-TW': '統一社會信用代碼應為 18 位且校驗位正確',
    en: 'must be an 18-character unified social credit code with a valid check character',
  },
  uscc_taken: {
    'zh-CN': '该统一社会信用代码已被其他单位使用',
    'zh-TW': '該統一社會信用代碼已被其他單位使用',
    en: 'is already used by another unit',
  },
  unit_name_taken: {
    'zh-CN': '同一上级单位下已有同名单位',
    'zh-TW': '同一上級單位下已有同名單位',
    en: 'another unit of this name already exists under the same parent',
  },
  unit_not_found: { 'zh-CN': '单位不存在', 'zh-TW': '單位不存在', en: 'no such unit' },
  unit_merged: {
    'zh-CN': '该单位已被合并，不能再使用',
    'zh-TW': '該單位已被合併，不能再使用',
    en: 'this unit has been merged into another and can no longer be used',
  },
  move_cycle: {
    'zh-CN': '不能移动到自身或其下级单位之下',
    'zh-TW': '不能移動到自身或其下級單位之下',
    en: 'a unit cannot move under itself or one of its descendants',
  },
  merge_self: {
    'zh-CN': '不能合并到自身',
    'zh-TW': '不能合併到自身',
    en: 'a unit cannot be merged into itself',
  },
  merge_into_descendant: {
    'zh-CN': '不能合并到自身的下级单位',
    'zh-TW': '不能合併到自身的下級單位',
    en: 'a unit cannot be merged into one of its descendants',
  },
  merge_name_clash: {
    'zh-CN': '目标单位下已有同名下级单位：{x}',
    'zh-TW': '目標單位下已有同名下級單位：{x}',
    en: 'the target already has child units of these names: {x}',
  },
};
