import { PassThrough } from 'node:stream';
import type { MessageLocale } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import type { BelowRow } from './below.js';

type Lang = 'zh-CN' | 'zh-TW';
/** Headers are Chinese whatever the reader's language (the list goes to Chinese offices). */
const langOf = (locale: MessageLocale): Lang => (locale === 'zh-TW' ? 'zh-TW' : 'zh-CN');

const TEXT: Record<
  Lang,
  {
    sheet: string;
    headers: string[];
    period: Record<string, string>;
    source: Record<string, string>;
    file: string;
  }
> = {
  'zh-CN': {
    sheet: '学时未达标人员',
    headers: [
      '序号',
      '姓名',
      '单位',
      '所在地区',
      '职务',
      '要求',
      '要求来源',
      '统计期间',
      '应修学时',
      '已修学时',
      '差额学时',
      '网络学时',
      '网络应修',
      '网络差额',
    ],
    period: { yearly: '每年', five_year: '五年' },
    source: { default: '默认', override: '个人设定' },
    file: '学时未达标人员',
  },
  'zh-TW': {
    sheet: '學時未達標人員',
    headers: [
      '序號',
      '姓名',
      '單位',
      '所在地區',
      '職務',
      '要求',
      '要求來源',
      '統計期間',
      '應修學時',
      '已修學時',
      '差額學時',
      '網絡學時',
      '網絡應修',
      '網絡差額',
    ],
    period: { yearly: '每年', five_year: '五年' },
    source: { default: '預設', override: '個人設定' },
    file: '學時未達標人員',
  },
};
const WIDTHS = [6, 10, 30, 14, 18, 8, 10, 12, 10, 10, 10, 10, 10, 10];

/** File name of the export for a year (Chinese, with an ASCII fallback). */
export function belowFileName(locale: MessageLocale, year: number): { fileName: string; fallback: string } {
  return {
    fileName: `${TEXT[langOf(locale)].file}-${year}.xlsx`,
    fallback: `below-requirement-${year}.xlsx`,
  };
}

/** The list of people below their requirement as a workbook: one row per person, Chinese headers. */
export async function belowWorkbook(rows: readonly BelowRow[], locale: MessageLocale): Promise<Buffer> {
  const t = TEXT[langOf(locale)];
  // Streamed row by row (committed as written), so 50,000 rows do not build a workbook in memory.
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true });
  workbook.creator = 'Ganxun';
  const sheet = workbook.addWorksheet(t.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = WIDTHS.map((width) => ({ width }));
  const header = sheet.addRow(t.headers);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
  });
  header.commit();
  rows.forEach((r, i) => {
    sheet
      .addRow([
        i + 1,
        r.name,
        r.unitName,
        r.regionName ?? r.regionCode,
        r.post,
        t.period[r.period] ?? r.period,
        t.source[r.requirementSource] ?? r.requirementSource,
        r.fromYear === r.toYear ? String(r.toYear) : `${r.fromYear}–${r.toYear}`,
        r.required,
        r.done,
        r.missing,
        r.onlineDone,
        r.onlineRequired,
        r.onlineMissing,
      ])
      .commit();
  });
  sheet.commit();
  await workbook.commit();
  await done;
  return Buffer.concat(chunks);
}
