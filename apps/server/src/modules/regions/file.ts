import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { AppError } from '../../platform/errors.js';

/**
 * Reading a region list (`code,name[,valid_from]`) from csv or xlsx. Everything wrong with one row
 * is collected with its row number and column, so the whole file can be refused with every
 * problem at once; a file that is not a table at all is refused on the field `file`.
 */

export interface RegionFileRow {
  /** Row number as the spreadsheet shows it (the header is row 1). */
  row: number;
  code: string;
  name: string;
  validFrom: string | null;
}

export interface RegionRowProblem {
  row: number;
  /** The column's header as written in the file. */
  column: string;
  field: 'code' | 'name' | 'validFrom';
  key: string;
  x?: unknown;
}

export interface RegionFile {
  rows: RegionFileRow[];
  problems: RegionRowProblem[];
  /** The headers as written in the file, for locating problems found later. */
  columns: Record<RegionRowProblem['field'], string>;
}

/** More rows than any national list has (about 3,400 down to county level, 45,000 with townships). */
export const MAX_REGION_ROWS = 50_000;

const HEADERS: Record<RegionRowProblem['field'], string[]> = {
  code: ['code', '代码', '代碼', '区划代码', '區劃代碼', '行政区划代码', '行政區劃代碼'],
  name: ['name', '名称', '名稱', '区划名称', '區劃名稱', '行政区划名称', '行政區劃名稱'],
  validFrom: ['valid_from', 'validfrom', '生效日期', '启用日期', '啟用日期'],
};

/** Header text compared loosely: full-width forms folded, spaces and case ignored. */
function headerKey(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s\u3000]+/g, '')
    .toLowerCase();
}

interface Cell {
  text: string;
  problem?: string;
}

const fileProblem = (key: string, x?: unknown) => AppError.field('VALIDATION_FAILED', 'file', key, x);

/** Reads the rows of a csv or xlsx region list, or throws VALIDATION_FAILED on the field `file`. */
export async function readRegionFile(buffer: Buffer): Promise<RegionFile> {
  const table = isZip(buffer) ? await readXlsx(buffer) : readCsv(buffer);
  const headerAt = table.findIndex((r) => r.cells.some((c) => c.text !== ''));
  const header = table[headerAt];
  if (!header) throw fileProblem('region_file_empty');
  const keys = header.cells.map((c) => headerKey(c.text));
  const column = (field: keyof typeof HEADERS) => keys.findIndex((k) => HEADERS[field].includes(k));
  const at = { code: column('code'), name: column('name'), validFrom: column('validFrom') };
  if (at.code < 0 || at.name < 0) throw fileProblem('region_header_missing');
  const body = table.slice(headerAt + 1).filter((r) => r.cells.some((c) => c.text !== ''));
  if (body.length === 0) throw fileProblem('region_file_empty');
  if (body.length > MAX_REGION_ROWS) throw fileProblem('region_file_too_many_rows', MAX_REGION_ROWS);

  const headerText = (i: number) => (i < 0 ? '' : (header.cells[i]?.text ?? ''));
  const rows: RegionFileRow[] = [];
  const problems: RegionRowProblem[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, cells } of body) {
    const problem = (field: RegionRowProblem['field'], key: string, x?: unknown) =>
      problems.push({ row, column: headerText(at[field]), field, key, x });
    const cell = (i: number): Cell => (i < 0 ? { text: '' } : (cells[i] ?? { text: '' }));
    const code = cell(at.code);
    const name = cell(at.name);
    const validFrom = cell(at.validFrom);
    let ok = true;
    for (const [field, c] of [
      ['code', code],
      ['name', name],
      ['validFrom', validFrom],
    ] as const) {
      if (c.problem) {
        problem(field, c.problem);
        ok = false;
      }
    }
    if (!ok) continue;
    if (!/^[1-9]\d{5}$/.test(code.text)) {
      problem('code', 'region_code_format');
      ok = false;
    } else if (firstRowOf.has(code.text)) {
      problem('code', 'region_duplicate_code', firstRowOf.get(code.text));
      ok = false;
    } else firstRowOf.set(code.text, row);
    if (name.text === '') {
      problem('name', 'region_name_required');
      ok = false;
    } else if (name.text.length > 50 || /\p{Cc}/u.test(name.text)) {
      problem('name', 'region_name_invalid');
      ok = false;
    }
    const date = validFrom.text === '' ? null : toIsoDate(validFrom.text);
    if (date === undefined) {
      problem('validFrom', 'region_date_invalid');
      ok = false;
    }
    if (ok) rows.push({ row, code: code.text, name: name.text, validFrom: date ?? null });
  }
  return {
    rows,
    problems,
    columns: { code: headerText(at.code), name: headerText(at.name), validFrom: headerText(at.validFrom) },
  };
}

/**
 * YYYY-MM-DD from `2021-04-09`, `2021/4/9`, `2021.04.09`, `20210409` or an Excel day serial
 * (`44295`, a date cell saved as a number); undefined when no such day.
 */
export function toIsoDate(text: string): string | undefined {
  if (/^\d{5}$/.test(text)) {
    return new Date(Date.UTC(1899, 11, 30) + Number(text) * 86_400_000).toISOString().slice(0, 10);
  }
  const m = /^(\d{4})[-/.年]?(\d{1,2})[-/.月]?(\d{1,2})日?$/.exec(text);
  if (!m) return undefined;
  const iso = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

interface TableRow {
  row: number;
  cells: Cell[];
}

function isZip(buffer: Buffer): boolean {
  return buffer.length > 4 && buffer.readUInt32LE(0) === 0x04034b50;
}

/** csv in UTF-8 (with or without BOM) or, as Excel in Chinese saves it, GB18030. */
function readCsv(buffer: Buffer): TableRow[] {
  // Old binary Excel (.xls, an OLE container) and other binaries are not text.
  if (buffer.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex')))
    throw fileProblem('region_file_xls');
  if (buffer.includes(0)) throw fileProblem('region_file_unreadable');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    text = new TextDecoder('gb18030').decode(buffer);
  }
  let records: string[][];
  try {
    records = parseCsv(text, { bom: true, relax_column_count: true, trim: true, skip_empty_lines: false });
  } catch {
    throw fileProblem('region_file_unreadable');
  }
  return records.map((cells, i) => ({ row: i + 1, cells: cells.map((t) => ({ text: t })) }));
}

async function readXlsx(buffer: Buffer): Promise<TableRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings want its own Buffer flavour; a Node Buffer is what it reads.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw fileProblem('region_file_unreadable');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw fileProblem('region_file_empty');
  if (sheet.actualRowCount > MAX_REGION_ROWS + 1)
    throw fileProblem('region_file_too_many_rows', MAX_REGION_ROWS);
  const out: TableRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: Cell[] = [];
    for (let i = 1; i <= row.cellCount; i++) cells.push(cellOf(row.getCell(i).value));
    out.push({ row: rowNumber, cells });
  });
  return out;
}

/** One xlsx cell as text; formulas and error cells are refused (the list must hold values). */
function cellOf(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return { text: '' };
  if (typeof value === 'string') return { text: value.trim() };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value) };
  if (value instanceof Date) return { text: value.toISOString().slice(0, 10) };
  if ('richText' in value)
    return {
      text: value.richText
        .map((r) => r.text)
        .join('')
        .trim(),
    };
  if ('formula' in value || 'sharedFormula' in value) return { text: '', problem: 'region_cell_formula' };
  if ('error' in value) return { text: '', problem: 'region_cell_error' };
  if ('text' in value) return { text: String(value.text).trim() };
  return { text: '', problem: 'region_cell_error' };
}
