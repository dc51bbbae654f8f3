import { excelSerialToIsoDate, parseTextDate } from '@ganxun/domain';
import { AppError } from '../../platform/errors.js';
import type { RawCell, SheetRow } from '../imports/parse.js';
import { simplified } from '../imports/values.js';
import { isXlsx, readXlsxRows, XlsxError } from '../imports/xlsx-reader.js';
import { COLUMNS, type ColumnKey, columnOfHeader } from './columns.js';

/** At most this many data rows per file (a pairing's years fit many times over). */
export const MAX_ROWS = 5_000;
const MAX_COLUMNS = 60;
const HEADER_SEARCH_ROWS = 10;

export interface SheetTable {
  /** Column key → 0-based cell index. */
  columns: Map<ColumnKey, number>;
  rows: SheetRow[];
}

const isEmpty = (cell: RawCell | undefined) =>
  cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/** Example rows of the template are named so; they are skipped rather than imported. */
const EXAMPLE = /示例|範例|范例/;

/**
 * The header (within the first rows: the one naming 姓名 and 身份证号) and the data rows below it,
 * empty rows and the template's example row left out. A file that is not a workbook, has no header
 * or required columns, no rows or too many is refused as a whole (400 on `file`).
 */
export async function readSheet(file: Buffer): Promise<SheetTable> {
  if (!(await isXlsx(file))) throw AppError.field('VALIDATION_FAILED', 'file', 'not_a_spreadsheet');
  let columns: Map<ColumnKey, number> | null = null;
  const rows: SheetRow[] = [];
  let seen = 0;
  try {
    for await (const row of readXlsxRows(file, MAX_COLUMNS)) {
      seen += 1;
      if (!columns) {
        const found = new Map<ColumnKey, number>();
        row.cells.forEach((cell, i) => {
          if (typeof cell !== 'string') return;
          const key = columnOfHeader(cell);
          if (key && !found.has(key)) found.set(key, i);
        });
        if (found.has('name') && found.has('idNumber')) columns = found;
        else if (seen >= HEADER_SEARCH_ROWS) break;
        continue;
      }
      if (row.cells.every(isEmpty)) continue;
      const name = row.cells[columns.get('name') as number];
      if (typeof name === 'string' && EXAMPLE.test(name)) continue;
      rows.push(row);
      if (rows.length > MAX_ROWS)
        throw AppError.field('VALIDATION_FAILED', 'file', 'secondment_import_too_many_rows', MAX_ROWS);
    }
  } catch (error) {
    if (error instanceof XlsxError) throw AppError.field('VALIDATION_FAILED', 'file', 'not_a_spreadsheet');
    throw error;
  }
  if (!columns) throw AppError.field('VALIDATION_FAILED', 'file', 'no_header_row');
  const found = columns;
  const missing = COLUMNS.filter((c) => c.required && !found.has(c.key)).map((c) => c.zhCN);
  if (missing.length > 0)
    throw AppError.field('VALIDATION_FAILED', 'file', 'missing_columns', missing.join('、'));
  if (rows.length === 0) throw AppError.field('VALIDATION_FAILED', 'file', 'no_data_rows');
  return { columns: found, rows };
}

/** A cell problem: a message key and its `{x}`. */
export interface CellProblem {
  key: string;
  x?: unknown;
}

export type CellText = { text: string } | { problem: CellProblem };

/** A cell as text ('' when empty); error values and uncalculated formulas are problems. */
export function cellText(cell: RawCell | undefined): CellText {
  if (cell === null || cell === undefined) return { text: '' };
  if (typeof cell === 'object')
    return 'error' in cell
      ? { problem: { key: 'error_cell', x: cell.error } }
      : { problem: { key: 'formula_cell' } };
  if (typeof cell === 'number') return { text: Number.isInteger(cell) ? cell.toFixed(0) : String(cell) };
  return { text: cell.normalize('NFKC').trim() };
}

const validDay = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso;
};

/** A day: an xlsx date (serial), or text 2018-04-01 / 2018/4/1 / 2018年4月1日. Null when empty. */
export function cellDate(cell: RawCell | undefined): { value: string | null } | { problem: CellProblem } {
  if (typeof cell === 'number') {
    const iso =
      Number.isInteger(cell) && cell >= 1900_01_01 && cell <= 2100_12_31
        ? parseTextDate(String(cell))
        : excelSerialToIsoDate(cell);
    return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) && validDay(iso)
      ? { value: iso }
      : { problem: { key: 'date_unrecognized' } };
  }
  const t = cellText(cell);
  if ('problem' in t) return t;
  if (t.text === '') return { value: null };
  const iso = parseTextDate(t.text);
  return iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) && validDay(iso)
    ? { value: iso }
    : { problem: { key: 'date_unrecognized' } };
}

const YES = new Set(['是', '是的', 'y', 'yes', 'true', '1', '√', '✓', '全职', '已转接']);
const NO = new Set(['否', '不是', 'n', 'no', 'false', '0', '×', '✗', '兼职', '未转接']);

/** 是/否 (and Y/N, true/false, 1/0, √/×); null when empty. */
export function cellFlag(cell: RawCell | undefined): { value: boolean | null } | { problem: CellProblem } {
  const t = cellText(cell);
  if ('problem' in t) return t;
  if (t.text === '') return { value: null };
  const v = simplified(t.text).toLowerCase();
  if (YES.has(v)) return { value: true };
  if (NO.has(v)) return { value: false };
  return { problem: { key: 'unknown_option', x: '是 / 否' } };
}
