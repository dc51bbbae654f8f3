import { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { RawCell, SheetRow } from './parse.js';

/**
 * A streaming reader of the first visible worksheet of an xlsx, written here because exceljs's
 * streaming WorkbookReader loses entries of some ordinary files (a sheet with comments, whose
 * workbook.xml comes last, intermittently reads as having no workbook). The file is in memory
 * already (≤ the upload limit); the zip's directory gives random access, the sheet is inflated and
 * parsed (SAX) chunk by chunk, so a large sheet is never held whole — only its shared strings are.
 */

/** Shared strings beyond this many characters: a zip bomb rather than a roster. */
const MAX_SHARED_CHARS = 64 * 1024 * 1024;

export class XlsxError extends Error {}

/** An element's name without a namespace prefix (`x:row` → `row`; some writers use them). */
function local(node: { name: string }): string {
  const i = node.name.indexOf(':');
  return i < 0 ? node.name : node.name.slice(i + 1);
}

function attr(node: SaxesTagPlain, name: string): string | undefined {
  const value = node.attributes[name];
  return typeof value === 'string' ? value : undefined;
}

/** Parses a small XML entry whole, calling `onOpen` for each element. */
async function scan(zip: JSZip, path: string, onOpen: (node: SaxesTagPlain) => void): Promise<boolean> {
  const file = zip.file(path);
  if (!file) return false;
  const parser = new SaxesParser();
  parser.on('opentag', onOpen);
  parser.write(await file.async('string')).close();
  return true;
}

/** The path in the zip of the first sheet that is not hidden, in workbook order. */
async function firstSheetPath(zip: JSZip): Promise<string> {
  const sheets: { rId: string; state: string | undefined }[] = [];
  const found = await scan(zip, 'xl/workbook.xml', (node) => {
    if (local(node) === 'sheet') {
      const rId = Object.entries(node.attributes).find(([k]) => k === 'r:id' || k.endsWith(':id'))?.[1];
      if (typeof rId === 'string') sheets.push({ rId, state: attr(node, 'state') });
    }
  });
  if (!found) throw new XlsxError('no workbook');
  const targets = new Map<string, string>();
  await scan(zip, 'xl/_rels/workbook.xml.rels', (node) => {
    const id = attr(node, 'Id');
    const target = attr(node, 'Target');
    if (id && target) targets.set(id, target);
  });
  const first = sheets.find((s) => s.state !== 'hidden' && s.state !== 'veryHidden');
  const target = first ? targets.get(first.rId) : undefined;
  if (!target) throw new XlsxError('no sheet');
  return target.startsWith('/') ? target.slice(1) : `xl/${target}`;
}

/** The shared-string table: the text of each `<si>`, without phonetic guides (`<rPh>`). */
async function sharedStrings(zip: JSZip): Promise<string[]> {
  const file = zip.file('xl/sharedStrings.xml');
  if (!file) return [];
  const out: string[] = [];
  let current: string[] | null = null;
  let inText = false;
  let inPhonetic = false;
  let total = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    const name = local(node);
    if (name === 'si') current = [];
    else if (name === 'rPh') inPhonetic = true;
    else if (name === 't' && !inPhonetic) inText = true;
  });
  parser.on('text', (text) => {
    if (!inText || !current) return;
    current.push(text);
    total += text.length;
    if (total > MAX_SHARED_CHARS) throw new XlsxError('shared strings too large');
  });
  parser.on('closetag', (node) => {
    const name = local(node);
    if (name === 'si' && current) {
      out.push(current.join(''));
      current = null;
    } else if (name === 'rPh') inPhonetic = false;
    else if (name === 't') inText = false;
  });
  await feed(parser, file);
  return out;
}

/** Inflates an entry chunk by chunk into a SAX parser; `after` runs after each chunk. */
async function* feedChunks(parser: SaxesParser, file: JSZip.JSZipObject): AsyncGenerator<void> {
  const decoder = new TextDecoder('utf-8');
  // JSZip's stream is an old readable-stream, not async-iterable: pipe it through a core one.
  const inflated = new PassThrough();
  file
    .nodeStream('nodebuffer')
    .on('error', (e: Error) => inflated.destroy(e))
    .pipe(inflated);
  for await (const chunk of inflated as AsyncIterable<Buffer>) {
    parser.write(decoder.decode(chunk, { stream: true }));
    yield;
  }
  parser.write(decoder.decode());
  parser.close();
  yield;
}

async function feed(parser: SaxesParser, file: JSZip.JSZipObject): Promise<void> {
  for await (const _ of feedChunks(parser, file));
}

/** Column number (1-based) of a cell reference: `C12` → 3. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n;
}

/** Is this zip a workbook (not a .docx, not any zip)? Reads only the zip's directory. */
export async function isXlsx(file: Buffer): Promise<boolean> {
  try {
    const zip = await JSZip.loadAsync(file);
    return zip.file('xl/workbook.xml') !== null;
  } catch {
    return false;
  }
}

/** The rows of the first visible sheet, non-empty or not, in order, up to `maxColumns` cells each. */
export async function* readXlsxRows(file: Buffer, maxColumns: number): AsyncGenerator<SheetRow> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(file);
  } catch {
    throw new XlsxError('not a zip');
  }
  const path = await firstSheetPath(zip);
  const sheet = zip.file(path);
  if (!sheet) throw new XlsxError('sheet missing');
  const strings = await sharedStrings(zip);

  const ready: SheetRow[] = [];
  let row: { rowNo: number; cells: RawCell[] } | null = null;
  let lastRowNo = 0;
  let cell: { col: number; type: string | undefined; formula: string | null; value: string | null } | null =
    null;
  let text: 'f' | 'v' | 't' | null = null;
  let nextCol = 1;
  const parser = new SaxesParser();
  parser.on('opentag', (node) => {
    switch (local(node)) {
      case 'row': {
        const r = Number(attr(node, 'r'));
        row = { rowNo: Number.isInteger(r) && r > 0 ? r : lastRowNo + 1, cells: [] };
        nextCol = 1;
        break;
      }
      case 'c': {
        const ref = attr(node, 'r');
        cell = { col: ref ? columnOf(ref) : nextCol, type: attr(node, 't'), formula: null, value: null };
        break;
      }
      case 'f':
        if (cell) {
          cell.formula = '';
          text = 'f';
        }
        break;
      case 'v':
        if (cell) text = 'v';
        break;
      case 't':
        if (cell) text = 't';
        break;
    }
  });
  parser.on('text', (value) => {
    if (!cell || !text) return;
    if (text === 'f') cell.formula = (cell.formula ?? '') + value;
    else cell.value = (cell.value ?? '') + value;
  });
  parser.on('closetag', (node) => {
    const name = local(node);
    if (name === 'f' || name === 'v' || name === 't') text = null;
    else if (name === 'c' && cell && row) {
      if (cell.col <= maxColumns) row.cells[cell.col - 1] = cellValue(cell, strings);
      nextCol = cell.col + 1;
      cell = null;
    } else if (name === 'row' && row) {
      const cells = Array.from({ length: row.cells.length }, (_, i) => row?.cells[i] ?? null);
      ready.push({ rowNo: row.rowNo, cells });
      lastRowNo = row.rowNo;
      row = null;
    }
  });
  for await (const _ of feedChunks(parser, sheet)) {
    while (ready.length > 0) yield ready.shift() as SheetRow;
  }
}

function cellValue(
  cell: { type: string | undefined; formula: string | null; value: string | null },
  strings: string[],
): RawCell {
  const { type, formula, value } = cell;
  if (value === null) {
    // A formula the file holds no result for (never calculated, or saved by a program that does not).
    return formula !== null && formula !== '' ? { formula } : formula === '' ? { formula: '' } : null;
  }
  switch (type) {
    case 's':
      return strings[Number(value)] ?? '';
    case 'str':
    case 'inlineStr':
      return value;
    case 'b':
      return value === '1' ? 'TRUE' : 'FALSE';
    case 'e':
      return { error: value };
    case 'd':
      return value.slice(0, 10);
    default: {
      const n = Number(value);
      return Number.isFinite(n) ? n : value;
    }
  }
}
