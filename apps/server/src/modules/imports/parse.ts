import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse';
import { readXlsxRows, XlsxError } from './xlsx-reader.js';

/**
 * Reading an uploaded spreadsheet row by row, without building the workbook in memory: xlsx through
 * xlsx-reader.ts (zip directory + SAX), csv through csv-parse. Cells come out as RawCell, which keeps what
 * validation must tell apart: text, numbers (dates are Excel serials here), error cells, and
 * formulas whose result the file does not carry.
 */
export type RawCell = string | number | null | { error: string } | { formula: string };

export interface SheetRow {
  /** The row number a spreadsheet program shows. */
  rowNo: number;
  cells: RawCell[];
}

export type SheetFormat = 'xlsx' | 'csv';

/** Columns beyond this are not read (a roster has ~15), nor characters beyond this in a cell. */
export const MAX_COLUMNS = 60;
const MAX_CELL_CHARS = 1000;

/**
 * What the bytes are: an xlsx (zip) or text, whatever the file is called. Old binary .xls, other
 * binary files and empty files are named so the caller can say so.
 */
export function detectFormat(file: Buffer): SheetFormat | 'xls' | 'binary' | 'empty' {
  if (file.length === 0) return 'empty';
  if (file.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) return 'xlsx';
  if (file.subarray(0, 4).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0]))) return 'xls';
  const text = decodeText(file.subarray(0, 64 * 1024));
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary content is what this looks for
  const controls = text.match(/[\u0000-\u0008\u000e-\u001f\ufffd]/g)?.length ?? 0;
  if (text.trim() === '') return 'empty';
  return text.includes('\u0000') || controls > text.length / 100 ? 'binary' : 'csv';
}

/** Text of a csv: UTF-8 (with or without BOM), UTF-16 with BOM, otherwise GB18030 (Excel on Chinese Windows). */
export function decodeText(file: Buffer): string {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return file.subarray(3).toString('utf8');
  if (file[0] === 0xff && file[1] === 0xfe) return new TextDecoder('utf-16le').decode(file.subarray(2));
  if (file[0] === 0xfe && file[1] === 0xff) return new TextDecoder('utf-16be').decode(file.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('gb18030').decode(file);
  }
}

/** A problem with the file as a whole, raised while reading it. */
export class SheetError extends Error {
  constructor(
    readonly key: 'not_a_spreadsheet' | 'csv_malformed',
    readonly x?: unknown,
  ) {
    super(key);
  }
}

/** The non-empty rows of the first visible sheet (xlsx) or of the file (csv), in order. */
export async function* readRows(file: Buffer, format: SheetFormat): AsyncGenerator<SheetRow> {
  if (format === 'csv') yield* readCsv(file);
  else yield* readXlsx(file);
}

function clip(s: string): string {
  return s.length > MAX_CELL_CHARS ? s.slice(0, MAX_CELL_CHARS) : s;
}

function isEmpty(cells: RawCell[]): boolean {
  return cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

async function* readCsv(file: Buffer): AsyncGenerator<SheetRow> {
  const text = decodeText(file);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  const parser = Readable.from([text]).pipe(
    parseCsv({ delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false }),
  );
  let rowNo = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      rowNo += 1;
      const cells: RawCell[] = record.slice(0, MAX_COLUMNS).map((v) => (v === '' ? null : clip(v)));
      if (!isEmpty(cells)) yield { rowNo, cells };
    }
  } catch (error) {
    const e = error as { code?: string; lines?: number };
    if (typeof e.code === 'string' && e.code.startsWith('CSV_'))
      throw new SheetError('csv_malformed', e.lines ?? rowNo + 1);
    throw error;
  }
}

async function* readXlsx(file: Buffer): AsyncGenerator<SheetRow> {
  try {
    for await (const row of readXlsxRows(file, MAX_COLUMNS)) {
      const cells = row.cells.map((c) => (typeof c === 'string' ? clip(c) : c));
      if (!isEmpty(cells)) yield { rowNo: row.rowNo, cells };
    }
  } catch (error) {
    if (error instanceof XlsxError) throw new SheetError('not_a_spreadsheet');
    throw error;
  }
}

/** A cell as the user typed or saw it, for headers and the errors report. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number') return String(cell);
  if ('error' in cell) return cell.error;
  return `=${cell.formula}`;
}
