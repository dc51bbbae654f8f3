import ExcelJS from 'exceljs';
import type { RosterLabels } from './labels.js';

/** What the title rows of a class sheet say. */
export interface SheetHeading {
  title: string;
  subtitle: string;
}

export interface SheetSpec {
  sheet: string;
  heading: SheetHeading;
  headers: string[];
  widths: number[];
  rows: (string | number | null)[][];
  /** Columns (0-based) whose text wraps (long unit names, notes). */
  wrap?: number[];
}

const HEADER_ROW = 3;
const thin = { style: 'thin' as const, color: { argb: 'FF999999' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * One sheet of a class: a merged title row (class name), a subtitle row (code, dates, venue), a
 * styled header row that stays frozen on screen and repeats on every printed page, thin borders,
 * column widths, and landscape A4 fitted to the page width.
 */
export async function classWorkbook(spec: SheetSpec): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Ganxun';
  workbook.created = new Date();
  const columns = spec.headers.length;
  const sheet = workbook.addWorksheet(spec.sheet, {
    views: [{ state: 'frozen', ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: 9, // A4
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

  const title = sheet.addRow([spec.heading.title]);
  sheet.mergeCells(1, 1, 1, columns);
  title.height = 28;
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };

  const subtitle = sheet.addRow([spec.heading.subtitle]);
  sheet.mergeCells(2, 1, 2, columns);
  subtitle.font = { size: 11 };
  subtitle.alignment = { horizontal: 'center', vertical: 'middle' };

  const header = sheet.addRow(spec.headers);
  header.height = 22;
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.border = border;
  });

  const wrap = new Set(spec.wrap ?? []);
  for (const values of spec.rows) {
    const row = sheet.addRow(values);
    for (let c = 1; c <= columns; c += 1) {
      const cell = row.getCell(c);
      cell.border = border;
      cell.alignment = { vertical: 'middle', wrapText: wrap.has(c - 1) };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `2030-001 · 2030-03-10 至 2030-03-12 · 州委党校报告厅` */
export function subtitleOf(
  labels: RosterLabels,
  klass: { code: string; startDate: string | null; endDate: string | null; venue: string | null },
): string {
  return [
    `${labels.code}${labels.separator}${klass.code}`,
    labels.dates(klass.startDate, klass.endDate),
    klass.venue ?? '',
  ]
    .filter(Boolean)
    .join('  ·  ');
}
