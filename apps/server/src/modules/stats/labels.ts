import type { MessageLocale, ReportDimension, ReportMeasure } from '@ganxun/domain';
import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { classes, dictionaryItems, partnerships, regions, units } from '../../db/schema/index.js';

/** Words of the statistics in the three languages (headers, fixed values). */
type Texts = Record<MessageLocale, string>;

export const DIMENSION_LABELS: Record<ReportDimension, Texts> = {
  year: { 'zh-CN': '年度', 'zh-TW': '年度', en: 'Year' },
  month: { 'zh-CN': '月份', 'zh-TW': '月份', en: 'Month' },
  classKind: { 'zh-CN': '班次类型', 'zh-TW': '班次類型', en: 'Class kind' },
  organiser: { 'zh-CN': '主办单位', 'zh-TW': '主辦單位', en: 'Organiser' },
  region: { 'zh-CN': '地区', 'zh-TW': '地區', en: 'Region' },
  unit: { 'zh-CN': '单位', 'zh-TW': '單位', en: 'Unit' },
  topic: { 'zh-CN': '专题', 'zh-TW': '專題', en: 'Topic' },
  pairing: { 'zh-CN': '结对关系', 'zh-TW': '結對關係', en: 'Pairing' },
  category: { 'zh-CN': '人员类别', 'zh-TW': '人員類別', en: 'Category' },
  specialty: { 'zh-CN': '专业领域', 'zh-TW': '專業領域', en: 'Specialty' },
  class: { 'zh-CN': '班次', 'zh-TW': '班次', en: 'Class' },
};

export const MEASURE_LABELS: Record<ReportMeasure, Texts> = {
  classes: { 'zh-CN': '班次数（期）', 'zh-TW': '班次數（期）', en: 'Classes' },
  people: { 'zh-CN': '培训人数（人）', 'zh-TW': '培訓人數（人）', en: 'People' },
  personTimes: { 'zh-CN': '培训人次', 'zh-TW': '培訓人次', en: 'Person-times' },
  hours: { 'zh-CN': '学时', 'zh-TW': '學時', en: 'Study hours' },
  attendanceRate: { 'zh-CN': '出勤率', 'zh-TW': '出勤率', en: 'Attendance rate' },
  satisfaction: { 'zh-CN': '满意度（5分制）', 'zh-TW': '滿意度（5分制）', en: 'Satisfaction (of 5)' },
  completionRate: { 'zh-CN': '结业率', 'zh-TW': '結業率', en: 'Completion rate' },
  secondments: { 'zh-CN': '挂职交流（人次）', 'zh-TW': '掛職交流（人次）', en: 'Secondments' },
};

const CATEGORY: Record<string, Texts> = {
  cadre: { 'zh-CN': '党政干部', 'zh-TW': '黨政幹部', en: 'Party and government cadres' },
  professional: { 'zh-CN': '专业技术人才', 'zh-TW': '專業技術人才', en: 'Professionals' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' },
};

const SPECIALTY: Record<string, Texts> = {
  medical: { 'zh-CN': '医疗卫生', 'zh-TW': '醫療衛生', en: 'Medical' },
  education: { 'zh-CN': '教育', 'zh-TW': '教育', en: 'Education' },
  agriculture: { 'zh-CN': '农业', 'zh-TW': '農業', en: 'Agriculture' },
  other: { 'zh-CN': '其他', 'zh-TW': '其他', en: 'Other' },
};

export const TOTAL_LABEL: Texts = { 'zh-CN': '合计', 'zh-TW': '合計', en: 'Total' };
const NONE: Texts = { 'zh-CN': '（未分类）', 'zh-TW': '（未分類）', en: '(none)' };

export type DimValue = string | number | null;

/** Labels of every value of each dimension, looked up in batches (one query per dimension). */
export async function labelsOf(
  exec: Executor,
  locale: MessageLocale,
  values: Map<ReportDimension, Set<DimValue>>,
): Promise<(d: ReportDimension, v: DimValue) => string> {
  const found = new Map<string, string>();
  const put = (d: ReportDimension, v: DimValue, label: string) => found.set(`${d}:${v}`, label);
  const ids = (d: ReportDimension) =>
    [...(values.get(d) ?? [])].filter((v): v is string => typeof v === 'string');
  const unitIds = [...ids('organiser'), ...ids('unit')];
  if (unitIds.length) {
    const rows = await exec
      .select({ id: units.id, name: units.name })
      .from(units)
      .where(inArray(units.id, unitIds));
    for (const r of rows) {
      put('organiser', r.id, r.name);
      put('unit', r.id, r.name);
    }
  }
  if (ids('region').length) {
    const rows = await exec
      .select({ code: regions.code, name: regions.name, nameZhTw: regions.nameZhTw })
      .from(regions)
      .where(inArray(regions.code, ids('region')));
    for (const r of rows) put('region', r.code, locale === 'zh-TW' ? r.nameZhTw : r.name);
  }
  if (ids('pairing').length) {
    const rows = await exec
      .select({ id: partnerships.id, name: partnerships.name })
      .from(partnerships)
      .where(inArray(partnerships.id, ids('pairing')));
    for (const r of rows) put('pairing', r.id, r.name);
  }
  if (ids('class').length) {
    const rows = await exec
      .select({ id: classes.id, code: classes.code, name: classes.name })
      .from(classes)
      .where(inArray(classes.id, ids('class')));
    for (const r of rows) put('class', r.id, `${r.code} ${r.name}`);
  }
  if (ids('classKind').length) {
    const rows = await exec
      .select({
        code: dictionaryItems.code,
        zhCn: dictionaryItems.labelZhCn,
        zhTw: dictionaryItems.labelZhTw,
        en: dictionaryItems.labelEn,
      })
      .from(dictionaryItems)
      .where(
        and(
          eq(dictionaryItems.dictionaryCode, 'class_kind'),
          inArray(dictionaryItems.code, ids('classKind')),
        ),
      );
    for (const r of rows)
      put('classKind', r.code, locale === 'zh-TW' ? r.zhTw : locale === 'en' ? r.en : r.zhCn);
  }
  return (d, v) => {
    if (v === null || v === undefined) return NONE[locale];
    const hit = found.get(`${d}:${v}`);
    if (hit) return hit;
    switch (d) {
      case 'year':
        return locale === 'en' ? String(v) : `${v}年`;
      case 'month': {
        const [y, m] = String(v).split('-');
        return locale === 'en' ? String(v) : `${y}年${Number(m)}月`;
      }
      case 'category':
        return CATEGORY[String(v)]?.[locale] ?? String(v);
      case 'specialty':
        return SPECIALTY[String(v)]?.[locale] ?? String(v);
      default:
        return String(v);
    }
  };
}
