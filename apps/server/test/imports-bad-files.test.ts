import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import {
  csvText,
  HEADERS,
  infoOf,
  newIdNumber,
  rowsOf,
  upload,
  uploadAndWait,
  xlsxOf,
} from './import-files.js';

/**
 * Files that are not rosters, or not spreadsheets at all, or too big: each refused with a clear,
 * located message — a 4xx at upload when the bytes say so, otherwise a failed job saying why —
 * and nothing imported.
 */

let t: TestContext;
let small: TestContext;
let admin: Client;
const MiB = 1024 * 1024;

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
  );
  small = await createTestContext({ UPLOAD_LIMIT_BYTES: String(MiB) });
});
afterAll(async () => {
  await t.close();
  await small.close();
});

describe('file size', () => {
  it('refuses a file over UPLOAD_LIMIT_BYTES with 413 and the limit in the message', async () => {
    const user = await makeUser(small.services, small.database, {
      roles: [{ role: 'org_admin', scopeId: '422800' }],
    });
    const client = await signIn(small, user);
    for (const locale of ['zh-CN', 'en']) {
      client.locale = locale;
      const res = await upload(client, Buffer.alloc(2 * MiB, 'a'), 'big.csv');
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({
        code: 'PAYLOAD_TOO_LARGE',
        fields: [
          {
            path: 'file',
            code: 'file_too_large',
            message:
              locale === 'en'
                ? 'the file is larger than the 1 MB limit: split it and import the parts'
                : '文件超过 1 MB 的上限，请拆分后分批导入',
          },
        ],
      });
    }
  });

  it('refuses a 21 MB file under the default 20 MB limit', async () => {
    const res = await upload(admin, Buffer.alloc(21 * MiB, 'x'), 'huge.xlsx');
    expect(res.statusCode).toBe(413);
    expect(res.json().error.fields[0]).toMatchObject({
      code: 'file_too_large',
      message: expect.stringContaining('20 MB'),
    });
  });
});

describe('not a spreadsheet', () => {
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    Buffer.alloc(2000, 0),
  ]);
  const pdf = Buffer.concat([
    Buffer.from('%PDF-1.7\n'),
    Buffer.from(Array.from({ length: 3000 }, (_, i) => i % 256)),
  ]);
  const xls = Buffer.concat([
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    Buffer.alloc(4000, 1),
  ]);

  it.each([
    ['a PNG image', () => png, 'photo.xlsx', 415, 'not_a_spreadsheet'],
    ['a PDF', () => pdf, 'roster.pdf', 415, 'not_a_spreadsheet'],
    ['an old .xls', () => xls, 'roster.xls', 415, 'xls_not_supported'],
    ['a zip that is no workbook', async () => docx(), 'roster.xlsx', 415, 'not_a_spreadsheet'],
    [
      'a zip cut short',
      async () => (await xlsxOf([HEADERS])).subarray(0, 300),
      'roster.xlsx',
      415,
      'not_a_spreadsheet',
    ],
    ['an empty file', () => Buffer.alloc(0), 'roster.csv', 400, 'empty_file'],
  ])('%s → %i %s', async (_, make, name, status, code) => {
    const res = await upload(admin, await make(), name);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.fields).toEqual([{ path: 'file', code, message: expect.any(String) }]);
    expect((await auditOf(t, res)).map((e) => e.action)).toEqual([]);
  });

  it('asks for a multipart upload with a file, and checks its fields', async () => {
    const json = await admin.post('/api/v1/imports', { file: 'roster.xlsx' });
    expect(json.statusCode).toBe(415);
    const form = new FormData();
    form.append('kind', 'people');
    const noFile = await admin.request('POST', '/api/v1/imports', form);
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.fields[0]).toMatchObject({ path: 'file', code: 'file_required' });
    const badField = await upload(admin, await xlsxOf([HEADERS]), 'r.xlsx', { createMissingUnits: 'maybe' });
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.fields[0]).toMatchObject({
      path: 'createMissingUnits',
      code: 'upload_field_invalid',
    });
  });
});

async function docx(): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('spreadsheets that are not rosters', () => {
  it.each([
    [
      'text that is no table',
      Buffer.from('这不是表格\n只是一些文字\n'),
      'notes.csv',
      'no_header_row',
      '找不到表头',
    ],
    [
      'a roster without required columns',
      Buffer.from(
        csvText([
          ['姓名', '身份证号', '工作单位', '备注'],
          ['张三', newIdNumber(), '某单位', ''],
        ]),
      ),
      'r.csv',
      'missing_columns',
      '缺少必需的列：民族、人员类别',
    ],
    ['headers and no rows', Buffer.from(csvText([HEADERS])), 'r.csv', 'no_data_rows', '表头下面没有数据行'],
    [
      'a quote never closed',
      Buffer.from(`${HEADERS.join(',')}\n"张三,男\n`),
      'r.csv',
      'csv_malformed',
      'CSV 文件第',
    ],
  ])('%s: the job fails, saying so', async (_, file, name, code, message) => {
    const job = await uploadAndWait(t, admin, file, name);
    expect(job).toMatchObject({
      status: 'failed',
      failure: { code, message: expect.stringContaining(message) },
    });
    expect(await rowsOf(admin, job.id)).toEqual([]);
    const commit = await admin.post(`/api/v1/imports/${job.id}/commit`);
    expect(commit.statusCode).toBe(409);
  });

  it('stops at 100,000 data rows and says where, without reading the rest', async () => {
    const unit = await makeUnit(t.database, { name: '恩施市测试单位' });
    const id = newIdNumber();
    const line = `张三,男,汉族,${infoOf(id).birthDate},${id},,,,${unit.name},,,党政干部,,在职`;
    const text = `${HEADERS.join(',')}\n${`${line}\n`.repeat(100_001)}`;
    const started = performance.now();
    const job = await uploadAndWait(t, admin, Buffer.from(text), 'huge.csv');
    expect(job).toMatchObject({
      status: 'failed',
      totalRows: 0,
      failure: {
        code: 'too_many_rows',
        message: '数据超过 100,000 行（第 100002 行起超出），请拆分后分批导入',
      },
    });
    expect(performance.now() - started).toBeLessThan(20_000);
  }, 60_000);
});

describe('xlsx details', () => {
  it('reads formulas by their saved result, and the first visible sheet', async () => {
    const unit = await makeUnit(t.database, { name: '恩施市公式单位' });
    const id = newIdNumber();
    const workbook = new ExcelJS.Workbook();
    const hidden = workbook.addWorksheet('说明');
    hidden.state = 'hidden';
    hidden.addRow(['姓名', '身份证号']);
    hidden.addRow(['不该读到', '1']);
    const sheet = workbook.addWorksheet('名单');
    sheet.addRow(['姓名', '性别', '民族', '身份证号', '工作单位', '人员类别']);
    sheet.addRow([
      { formula: 'CONCATENATE("王","五")', result: '王五' },
      infoOf(id).label,
      '汉族',
      id,
      { formula: 'B9', result: unit.name },
      '其他',
    ]);
    const job = await uploadAndWait(t, admin, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(job.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 0 });
    const [row] = await rowsOf(admin, job.id);
    expect(row).toMatchObject({ rowNo: 2, name: '王五', unitName: unit.name });
  });
});

describe('bad requests from an importer', () => {
  const missing = '00000000-0000-4000-8000-000000000001';
  it.each([
    ['GET', '/api/v1/imports?page=0', 400],
    ['GET', '/api/v1/imports?status=bogus', 400],
    ['GET', '/api/v1/imports?sort=fileName', 400],
    ['GET', '/api/v1/imports/not-a-uuid', 400],
    ['GET', `/api/v1/imports/${missing}`, 404],
    ['GET', `/api/v1/imports/${missing}/rows?outcome=maybe`, 400],
    ['GET', `/api/v1/imports/${missing}/rows`, 404],
    ['GET', `/api/v1/imports/${missing}/errors.xlsx`, 404],
    ['POST', `/api/v1/imports/${missing}/commit`, 404],
    ['DELETE', `/api/v1/imports/${missing}`, 404],
  ] as const)('%s %s → %i', async (method, url, status) => {
    const res = await admin.request(method, url, method === 'POST' ? {} : undefined);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.json().error.code).toEqual(expect.any(String));
  });

  it('answers a malformed multipart body with 400', async () => {
    const res = await admin.request(
      'POST',
      '/api/v1/imports',
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      {
        'content-type': 'multipart/form-data; boundary=xyz',
      },
    );
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
  });
});
