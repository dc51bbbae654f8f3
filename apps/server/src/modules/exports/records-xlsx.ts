import type { MessageLocale, RecordRow, RecordsQuery, ReportMeasure } from '@ganxun/domain';
import { reportWorkbook } from '../reports/xlsx.js';

type Texts = Record<MessageLocale, string>;

const TITLE: Texts = { 'zh-CN': '明细数据', 'zh-TW': '明細資料', en: 'Records' };
const HEADERS: Record<MessageLocale, string[]> = {
  'zh-CN': ['序号', '类别', '班次编号', '班次名称', '姓名', '单位', '地区', '日期', '数值', '说明'],
  'zh-TW': ['序號', '類別', '班次編號', '班次名稱', '姓名', '單位', '地區', '日期', '數值', '說明'],
  en: ['No.', 'Kind', 'Class code', 'Class', 'Name', 'Unit', 'Region', 'Date', 'Value', 'Detail'],
};
const KINDS: Record<RecordRow['kind'], Texts> = {
  enrollment: { 'zh-CN': '学员', 'zh-TW': '學員', en: 'Enrolment' },
  class: { 'zh-CN': '班次', 'zh-TW': '班次', en: 'Class' },
  form: { 'zh-CN': '评估表', 'zh-TW': '評估表', en: 'Evaluation form' },
  secondment: { 'zh-CN': '挂职', 'zh-TW': '掛職', en: 'Secondment' },
};
/** Measure names, also used in the file name. */
export const MEASURES: Record<ReportMeasure, Texts> = {
  classes: { 'zh-CN': '班次', 'zh-TW': '班次', en: 'Classes' },
  people: { 'zh-CN': '人数', 'zh-TW': '人數', en: 'People' },
  personTimes: { 'zh-CN': '人次', 'zh-TW': '人次', en: 'Person-times' },
  hours: { 'zh-CN': '学时', 'zh-TW': '學時', en: 'Study hours' },
  attendanceRate: { 'zh-CN': '出勤率', 'zh-TW': '出勤率', en: 'Attendance rate' },
  satisfaction: { 'zh-CN': '满意度', 'zh-TW': '滿意度', en: 'Satisfaction' },
  completionRate: { 'zh-CN': '结业率', 'zh-TW': '結業率', en: 'Completion rate' },
  secondments: { 'zh-CN': '挂职人次', 'zh-TW': '掛職人次', en: 'Secondments' },
};

/** The records behind a figure as a workbook in the house style of the report exports. */
export function recordsWorkbook(rows: RecordRow[], q: RecordsQuery, locale: MessageLocale): Promise<Buffer> {
  const rate = q.measure === 'attendanceRate' || q.measure === 'completionRate';
  return reportWorkbook([
    {
      name: TITLE[locale],
      title: `${TITLE[locale]} · ${MEASURES[q.measure][locale]}`,
      subtitle: `${q.from} – ${q.to}`,
      headers: HEADERS[locale],
      widths: [7, 10, 12, 30, 12, 28, 16, 12, 10, 30],
      formats: [
        'int',
        'text',
        'text',
        'text',
        'text',
        'text',
        'text',
        'text',
        rate ? 'rate' : 'hours',
        'text',
      ],
      rows: rows.map((r, i) => [
        i + 1,
        KINDS[r.kind][locale],
        r.classCode,
        r.className,
        r.personName,
        r.unitName,
        r.regionName,
        r.date,
        r.value,
        r.detail,
      ]),
    },
  ]);
}
