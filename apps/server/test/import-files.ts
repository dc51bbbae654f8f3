import { idCheckChar, PERSON_IMPORT_COLUMNS, PERSON_IMPORT_FIELDS, parseIdNumber } from '@ganxun/domain';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import type { Client, TestContext } from './helpers.js';

/**
 * Spreadsheets for import tests, generated in code: xlsx through exceljs (cells may be formulas,
 * formulas without a cached result, or error values), csv in UTF-8 or GB18030.
 */
export type FixtureCell =
  | string
  | number
  | null
  | { formula: string; result?: string | number }
  | { error: '#N/A' | '#REF!' | '#VALUE!' | '#DIV/0!' };

const issued = new Set<string>();

/**
 * A valid ID number never issued before in this test process (directory-factories' makeIdNumber
 * has only 500 per birth date and gender, too few for files of many rows): a random birth date in
 * 1960–1999 unless given.
 */
export function newIdNumber(birthDate?: string, gender?: 'male' | 'female', region = '422801'): string {
  for (;;) {
    const date =
      birthDate ??
      new Date(Date.UTC(1960, 0, 1) + Math.floor(Math.random() * 14_600) * 86_400_000)
        .toISOString()
        .slice(0, 10);
    const sex = gender ?? (Math.random() < 0.5 ? 'male' : 'female');
    const seq = Math.floor(Math.random() * 500) * 2 + (sex === 'male' ? 1 : 0);
    const first17 = `${region}${date.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
    const id = first17 + idCheckChar(first17);
    if (!issued.has(id)) {
      issued.add(id);
      return id;
    }
  }
}

/** Birth date and gender (as the roster writes it) that an ID number encodes. */
export function infoOf(id: string): { birthDate: string; gender: 'male' | 'female'; label: '男' | '女' } {
  const parsed = parseIdNumber(id);
  if (!parsed.ok) throw new Error(`not a valid ID number: ${id}`);
  const { birthDate, gender } = parsed.info;
  return { birthDate, gender, label: gender === 'male' ? '男' : '女' };
}

/** The headers of the template, in its order (the region column, needed only for new units, left out). */
export const HEADERS = PERSON_IMPORT_FIELDS.filter((f) => f !== 'region').map(
  (f) => PERSON_IMPORT_COLUMNS[f].header,
);

export async function xlsxOf(rows: FixtureCell[][], sheetName = '人员名单'): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  rows.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value === null) return;
      const cell = sheet.getCell(r + 1, c + 1);
      cell.value = value as ExcelJS.CellValue;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** An xlsx written with the streaming writer (large files without holding the workbook). */
export async function bigXlsxOf(rows: Iterable<FixtureCell[]>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const out = new PassThrough();
  out.on('data', (c: Buffer) => chunks.push(c));
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true });
  const sheet = workbook.addWorksheet('人员名单');
  for (const row of rows) sheet.addRow(row as unknown[]).commit();
  sheet.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

function csvLine(cells: (string | number | null)[]): string {
  return cells
    .map((c) => {
      const s = c === null ? '' : String(c);
      return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    })
    .join(',');
}

export function csvText(rows: (string | number | null)[][]): string {
  return `${rows.map(csvLine).join('\r\n')}\r\n`;
}

let gbk: Map<string, Buffer> | null = null;

/** GB18030 bytes of a text (two-byte GBK range), from a table built with TextDecoder. */
export function gb18030(text: string): Buffer {
  if (!gbk) {
    gbk = new Map();
    const decoder = new TextDecoder('gb18030');
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue;
        const bytes = Buffer.from([hi, lo]);
        const ch = decoder.decode(bytes);
        if (ch.length === 1 && ch !== '\ufffd' && !gbk.has(ch)) gbk.set(ch, bytes);
      }
    }
  }
  const table = gbk;
  return Buffer.concat(
    [...text].map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1');
      const bytes = table.get(ch);
      if (!bytes) throw new Error(`no GB18030 two-byte code for ${ch}`);
      return bytes;
    }),
  );
}

/** Uploads a file as the web console does (fields, then the file). */
export function upload(
  client: Client,
  file: Buffer,
  name = 'roster.xlsx',
  fields: Record<string, string> = {},
): Promise<LightMyRequestResponse> {
  const form = new FormData();
  form.append('kind', 'people');
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)]), name);
  return client.request('POST', '/api/v1/imports', form);
}

export interface JobBody {
  id: string;
  status: string;
  totalRows: number;
  processedRows: number;
  summary: { create: number; update: number; unchanged: number; error: number };
  failure: { code: string; message: string } | null;
  ignoredColumns: string[];
}

/** Uploads, waits for validation to end, and returns the job as the API shows it. */
export async function uploadAndWait(
  t: TestContext,
  client: Client,
  file: Buffer,
  name = 'roster.xlsx',
  fields: Record<string, string> = {},
): Promise<JobBody> {
  const res = await upload(client, file, name, fields);
  if (res.statusCode !== 202) throw new Error(`upload: ${res.statusCode} ${res.body}`);
  const id = res.json().id as string;
  await t.services.imports.whenSettled(id);
  return (await client.get(`/api/v1/imports/${id}`)).json();
}

export interface RowBody {
  rowNo: number;
  outcome: string;
  name: string | null;
  idNumber: string | null;
  unitName: string | null;
  diff: Record<string, { from: unknown; to: unknown }> | null;
  errors: { column: string; field: string; code: string; message: string }[];
}

export async function rowsOf(client: Client, id: string, query = ''): Promise<RowBody[]> {
  const res = await client.get(`/api/v1/imports/${id}/rows?pageSize=200${query}`);
  if (res.statusCode !== 200) throw new Error(`rows: ${res.statusCode} ${res.body}`);
  return res.json().items;
}

/** Reads a returned xlsx back: every sheet as rows of cell texts. */
export async function readXlsx(body: Buffer): Promise<Record<string, string[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  workbook.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((v) =>
          v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v),
        ),
      );
    });
    out[sheet.name] = rows;
  });
  return out;
}

/** A roster row in the template's column order. */
export function row(p: {
  name?: FixtureCell;
  gender?: FixtureCell;
  ethnicity?: FixtureCell;
  birthDate?: FixtureCell;
  idNumber: FixtureCell;
  mobile?: FixtureCell;
  unit: FixtureCell;
  post?: FixtureCell;
  category?: FixtureCell;
  specialty?: FixtureCell;
}): FixtureCell[] {
  const info = typeof p.idNumber === 'string' && parseIdNumber(p.idNumber).ok ? infoOf(p.idNumber) : null;
  return [
    p.name === undefined ? `张${Math.random().toString(36).slice(2, 7)}` : p.name,
    p.gender ?? info?.label ?? '男',
    p.ethnicity ?? '汉族',
    p.birthDate ?? info?.birthDate ?? '1985-06-15',
    p.idNumber,
    p.mobile ?? '',
    '中共党员',
    '大学本科',
    p.unit,
    p.post ?? '科员',
    '乡科级正职',
    p.category ?? '党政干部',
    p.specialty ?? '',
    '在职',
  ];
}

/** A new person's ID number with the birth date and gender it encodes, for makePerson. */
export function fresh() {
  const idNumber = newIdNumber();
  const { birthDate, gender } = infoOf(idNumber);
  return { idNumber, birthDate, gender };
}
