import type { MessageLocale } from '@ganxun/domain';
import { nameKey } from '../imports/resolve.js';

/**
 * The columns of the secondment sheet (挂职交流导入模板): Chinese headers in both scripts, the
 * contract field each one fills (error paths name it), and whether it is required. Headers are
 * matched after Traditional → Simplified conversion, without spaces or a trailing `*`.
 */
export const COLUMNS = [
  { key: 'name', zhCN: '姓名', zhTW: '姓名', field: 'name', required: true },
  {
    key: 'idNumber',
    zhCN: '身份证号',
    zhTW: '身分證號',
    field: 'idNumber',
    required: true,
    aliases: ['身分证号', '身份证号码', '公民身份号码', '身份證號'],
  },
  { key: 'gender', zhCN: '性别', zhTW: '性別', field: 'gender', required: false },
  { key: 'ethnicity', zhCN: '民族', zhTW: '民族', field: 'ethnicity', required: false },
  {
    key: 'sending',
    zhCN: '派出方',
    zhTW: '派出方',
    field: 'direction',
    required: true,
    aliases: ['方向', '交流方向'],
  },
  { key: 'form', zhCN: '交流形式', zhTW: '交流形式', field: 'form', required: true },
  { key: 'category', zhCN: '人员类别', zhTW: '人員類別', field: 'category', required: true },
  {
    key: 'specialty',
    zhCN: '专业领域',
    zhTW: '專業領域',
    field: 'specialty',
    required: false,
    aliases: ['专业类别'],
  },
  { key: 'homeUnit', zhCN: '派出单位', zhTW: '派出單位', field: 'homeUnitId', required: false },
  { key: 'homePost', zhCN: '原职务', zhTW: '原職務', field: 'homePost', required: false },
  { key: 'hostUnit', zhCN: '接收单位', zhTW: '接收單位', field: 'hostUnitId', required: true },
  { key: 'hostPost', zhCN: '挂任职务', zhTW: '掛任職務', field: 'hostPost', required: false },
  { key: 'fullTime', zhCN: '是否全职', zhTW: '是否全職', field: 'fullTime', required: false },
  {
    key: 'plannedStart',
    zhCN: '计划开始',
    zhTW: '計畫開始',
    field: 'plannedStart',
    required: true,
    aliases: ['计画开始', '计划开始日期'],
  },
  {
    key: 'plannedEnd',
    zhCN: '计划结束',
    zhTW: '計畫結束',
    field: 'plannedEnd',
    required: true,
    aliases: ['计画结束', '计划结束日期'],
  },
  { key: 'actualStart', zhCN: '实际开始', zhTW: '實際開始', field: 'actualStart', required: false },
  { key: 'actualEnd', zhCN: '实际结束', zhTW: '實際結束', field: 'actualEnd', required: false },
  { key: 'mentor', zhCN: '带教老师', zhTW: '帶教老師', field: 'mentor', required: false },
  {
    key: 'partyTransfer',
    zhCN: '党组织关系转接',
    zhTW: '黨組織關係轉接',
    field: 'partyTransfer',
    required: false,
  },
  { key: 'note', zhCN: '备注', zhTW: '備註', field: 'note', required: false },
] as const satisfies readonly {
  key: string;
  zhCN: string;
  zhTW: string;
  field: string;
  required: boolean;
  aliases?: readonly string[];
}[];

export type ColumnKey = (typeof COLUMNS)[number]['key'];
export type Column = (typeof COLUMNS)[number];

export const COLUMN_BY_KEY = Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<ColumnKey, Column>;

/** The column a contract field (an error path of checkSecondment) is written in. */
export const COLUMN_OF_FIELD: Record<string, ColumnKey> = {
  ...Object.fromEntries(COLUMNS.map((c) => [c.field, c.key])),
  personId: 'idNumber',
  partnershipId: 'sending',
};

/** How headers are compared: Simplified, no spaces, no required-marker `*`. */
export function headerKey(text: string): string {
  return nameKey(text).replace(/[*＊]/g, '');
}

const BY_HEADER = new Map<string, ColumnKey>(
  COLUMNS.flatMap((c) =>
    [c.zhCN, c.zhTW, ...('aliases' in c ? c.aliases : [])].map((h) => [headerKey(h), c.key] as const),
  ),
);

/** The column a header cell names, or null. */
export function columnOfHeader(text: string): ColumnKey | null {
  return BY_HEADER.get(headerKey(text)) ?? null;
}

/** A column's header in the reader's script (Traditional for zh-TW, else Simplified). */
export function headerOf(key: ColumnKey, locale: MessageLocale): string {
  const c = COLUMN_BY_KEY[key];
  return locale === 'zh-TW' ? c.zhTW : c.zhCN;
}
