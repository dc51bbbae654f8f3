import type { DictionaryItemView, DictionaryView } from '@ganxun/domain';
import type { DictionaryItemRow, DictionaryRow } from './service.js';

export function presentDictionary(row: DictionaryRow & { itemCount: number }): DictionaryView {
  return {
    code: row.code,
    name: { 'zh-CN': row.nameZhCn, 'zh-TW': row.nameZhTw, en: row.nameEn },
    standard: row.standard,
    editable: row.editable,
    itemCount: Number(row.itemCount),
  };
}

export function presentDictionaryItem(row: DictionaryItemRow): DictionaryItemView {
  return {
    code: row.code,
    label: { 'zh-CN': row.labelZhCn, 'zh-TW': row.labelZhTw, en: row.labelEn },
    sortOrder: row.sortOrder,
    active: row.active,
  };
}
