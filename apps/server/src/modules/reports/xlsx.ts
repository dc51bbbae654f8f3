import ExcelJS from 'exceljs';

export type Cell = string | number | null;

/** How a column's numbers are shown: a rate as a percentage, a score with two decimals. */
export type ColumnFormat = 'text' | 'int' | 'hours' | 'rate' | 'score';

export interface ReportSheet {
  name: string;
  title: string;
  subtitle?: string;
  headers: string[];
  widths: number[];
  formats?: ColumnFormat[];
  rows: Cell[][];
  /** A last row in bold (合计). */
  totals?: Cell[];
}

const NUM_FMT: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  int: '0',
  hours: '0.##',
  rate: '0.0%',
  score: '0.00',
};

const HEADER_ROW = 3;
const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * A workbook of report sheets in the house style of the roster exports: a merged title row, a
 * subtitle row, a bold shaded header row frozen on screen and repeated on every printed page, thin
 * borders, column widths, landscape A4 fitted to the width; a bold totals row when given.
 */
export async function reportWorkbook(sheets: ReportSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  workbook.created = new Date();
  for (const spec of sheets) addSheet(workbook, spec);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function addSheet(workbook: ExcelJS.Workbook, spec: ReportSheet): void {
  const columns = Math.max(spec.headers.length, 1);
  const sheet = workbook.addWorksheet(spec.name.slice(0, 31), {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
    },
    headerFooter: { oddFooter: '&C&P / &N' },
  });
  sheet.pageSetup.printTitlesRow = `${HEADER_ROW}:${HEADER_ROW}`;
  sheet.columns = spec.widths.map((width) => ({ width }));

  const title = sheet.addRow([spec.title]);
  if (columns > 1) sheet.mergeCells(1, 1, 1, columns);
  title.height = 28;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };

  const subtitle = sheet.addRow([spec.subtitle ?? '']);
  if (columns > 1) sheet.mergeCells(2, 1, 2, columns);
  subtitle.alignment = { horizontal: 'center', vertical: 'middle' };

  const header = sheet.addRow(spec.headers);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });

  const style = (row: ExcelJS.Row, bold: boolean) => {
    for (let c = 1; c <= columns; c += 1) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.alignment = { vertical: 'middle', wrapText: spec.formats?.[c - 1] === 'text' };
      const fmt = NUM_FMT[spec.formats?.[c - 1] ?? 'text'];
      if (fmt && typeof cell.value === 'number') cell.numFmt = fmt;
      if (bold) cell.font = { bold: true };
    }
  };
  for (const values of spec.rows) style(sheet.addRow(values), false);
  if (spec.totals) style(sheet.addRow(spec.totals), true);
}
