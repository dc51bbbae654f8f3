import type { ImportRowError, MessageLocale } from '@ganxun/domain';
import ExcelJS from 'exceljs';

export interface ErrorRow {
  rowNo: number;
  /** The row's cells as the file showed them. */
  cells: string[];
  errors: ImportRowError[];
}

const TEXT = {
  fixSheet: { 'zh-CN': '待修正', 'zh-TW': '待修正', en: 'To fix' },
  listSheet: { 'zh-CN': '错误明细', 'zh-TW': '錯誤明細', en: 'Errors' },
  rowNo: { 'zh-CN': '原行号', 'zh-TW': '原列號', en: 'Row' },
  column: { 'zh-CN': '列', 'zh-TW': '欄', en: 'Column' },
  value: { 'zh-CN': '内容', 'zh-TW': '內容', en: 'Value' },
  message: { 'zh-CN': '错误说明', 'zh-TW': '錯誤說明', en: 'Problem' },
} satisfies Record<string, Record<MessageLocale, string>>;

const RED = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } } as const;
const SEP = { 'zh-CN': '；', 'zh-TW': '；', en: '; ' };

/**
 * The errors report. Sheet 1 holds the error rows with the file's own headers and cells, the bad
 * cells marked red with the problem as a note, then the original row number and the problems: fix
 * it and upload it again as it is (the two extra columns are ignored on import). Sheet 2 lists
 * every error: row, column, value, message.
 */
export async function errorsWorkbook(
  headers: string[],
  rows: ErrorRow[],
  locale: MessageLocale,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.created = new Date();
  const width = Math.max(headers.length, ...rows.map((r) => r.cells.length));
  const fix = workbook.addWorksheet(TEXT.fixSheet[locale]);
  const head = Array.from({ length: width }, (_, i) => headers[i] ?? '');
  fix.addRow([...head, TEXT.rowNo[locale], TEXT.message[locale]]).font = { bold: true };
  for (let c = 1; c <= width; c++) {
    // Text format, so ID numbers stay text when the file is edited and saved again.
    fix.getColumn(c).numFmt = '@';
    fix.getColumn(c).width = 16;
  }
  fix.getColumn(width + 2).width = 60;
  for (const r of rows) {
    const cells = Array.from({ length: width }, (_, i) => r.cells[i] ?? '');
    const line = fix.addRow([
      ...cells,
      r.rowNo,
      r.errors.map((e) => `${e.column}：${e.message}`).join(SEP[locale]),
    ]);
    for (const e of r.errors) {
      const index = head.indexOf(e.column);
      if (index < 0) continue;
      const cell = line.getCell(index + 1);
      cell.fill = RED;
      cell.note = e.message;
    }
  }
  fix.views = [{ state: 'frozen', ySplit: 1 }];

  const list = workbook.addWorksheet(TEXT.listSheet[locale]);
  list.columns = [
    { header: TEXT.rowNo[locale], width: 10 },
    { header: TEXT.column[locale], width: 16 },
    { header: TEXT.value[locale], width: 28, style: { numFmt: '@' } },
    { header: TEXT.message[locale], width: 60 },
  ];
  list.getRow(1).font = { bold: true };
  for (const r of rows) {
    for (const e of r.errors) {
      const index = head.indexOf(e.column);
      list.addRow([r.rowNo, e.column, index >= 0 ? (r.cells[index] ?? '') : '', e.message]);
    }
  }
  list.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
