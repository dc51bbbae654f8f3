import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people, units } from '../src/db/schema/index.js';
import { idNumberHash } from '../src/modules/people/record.js';
import { ensureRegion, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import {
  csvText,
  gb18030,
  infoOf,
  newIdNumber,
  readXlsx,
  rowsOf,
  uploadAndWait,
  xlsxOf,
} from './import-files.js';

/**
 * How rosters are really written: Traditional characters and aliases in headers and values,
 * full-width digits, Excel date serials and text dates, a title row above the header, csv from
 * Excel on Chinese Windows (GB18030); units the import may create; the template.
 */

let t: TestContext;
let admin: Client;
let n = 0;
const unique = (name: string) => `${name}${++n}${Math.random().toString(36).slice(2, 5)}`;
const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

beforeAll(async () => {
  t = await createTestContext();
  admin = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
  );
});
afterAll(async () => t.close());

const stored = async (id: string) =>
  (
    await t.database.db
      .select()
      .from(people)
      .where(eq(people.idNumberHash, idNumberHash(t.services.cipher, id)))
  )[0];

async function commit(client: Client, id: string) {
  const res = await client.post(`/api/v1/imports/${id}/commit`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

describe('headers and values as people write them', () => {
  it('reads Traditional headers and values, full-width digits, a title row and spaced names', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市卫生健康局') });
    const traditionalUnit = unit.name.replace('卫生健康局', '衛生健康局');
    const id = newIdNumber('1985-06-15', 'male');
    const file = await xlsxOf([
      ['恩施市幹部花名冊（2024年）'],
      [
        '姓　名',
        '性別',
        '民族',
        '出生年月',
        '公民身份號碼',
        '手機',
        '政治面貌',
        '學歷',
        '單位',
        '職務',
        '職級',
        '人員類別',
        '專業類別',
        '狀態',
        '備註',
      ],
      [
        '張　三豐',
        '男',
        '漢族',
        '1985.06',
        fullWidth(id),
        '１３８００１３８０００',
        '中共黨員',
        '碩士研究生',
        traditionalUnit,
        '科長',
        '鄉科級正職',
        '專技人才',
        '醫療',
        '在職',
        '無',
      ],
    ]);
    const job = await uploadAndWait(t, admin, file);
    expect(job, JSON.stringify(await rowsOf(admin, job.id))).toMatchObject({
      status: 'validated',
      totalRows: 1,
      summary: { create: 1, error: 0 },
      ignoredColumns: ['備註'],
    });
    const [row] = await rowsOf(admin, job.id);
    expect(row).toMatchObject({ rowNo: 3, name: '張三豐', unitName: unit.name });
    await commit(admin, job.id);
    // The name stays as written; codes come from the Traditional labels.
    expect(await stored(id)).toMatchObject({
      name: '張三豐',
      gender: 'male',
      ethnicity: '01',
      birthDate: '1985-06-15',
      mobileMasked: '138****8000',
      politicalStatus: '01',
      education: 'master',
      unitId: unit.id,
      post: '科長',
      rank: '0141',
      category: 'professional',
      specialty: 'medical',
      status: 'serving',
    });
  });

  it('reads Excel date serials, dates typed as numbers, text dates and codes that lost their zero', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市农业农村局') });
    const cases = [
      { birth: '1985-06-15', cell: 31213 },
      { birth: '1990-01-02', cell: 19900102 },
      { birth: '1979-10-01', cell: '1979年10月1日' },
      { birth: '1966-07-08', cell: '1966/7/8' },
      { birth: '2000-02-29', cell: '20000229' },
    ];
    const ids = cases.map((c) => newIdNumber(c.birth));
    const rows = cases.map((c, i) => {
      const id = ids[i] as string;
      return [unique('李'), infoOf(id).label, 1, c.cell, id, 13900001111 + i, unit.name, '其他', '退休'];
    });
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([
        ['姓名', '性别', '民族', '出生日期', '身份证号', '手机号码', '工作单位', '人员类别', '状态'],
        ...rows,
      ]),
    );
    expect(job.summary, JSON.stringify(await rowsOf(admin, job.id, '&outcome=error'))).toEqual({
      create: 5,
      update: 0,
      unchanged: 0,
      error: 0,
    });
    await commit(admin, job.id);
    for (const [i, c] of cases.entries()) {
      expect(await stored(ids[i] as string)).toMatchObject({
        birthDate: c.birth,
        ethnicity: '01',
        category: 'other',
        status: 'retired',
        mobileMasked: `139****${String(1111 + i)}`,
      });
    }
  });

  it('tells an ID number Excel turned into a number, and unknown labels, apart', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市统计局') });
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([
        ['姓名', '性别', '民族', '身份证号', '工作单位', '人员类别'],
        ['甲', '男', '汉族', 422801198506150000, unit.name, '党政干部'],
        ['乙', '未知', '火星族', newIdNumber(), unit.name, '临时工'],
      ]),
    );
    const [a, b] = await rowsOf(admin, job.id);
    expect(a?.errors.map((e) => e.code)).toEqual(['id_number_numeric']);
    expect(b?.errors).toEqual([
      { column: '性别', field: 'gender', code: 'unknown_option', message: '应为：男 / 女' },
      { column: '民族', field: 'ethnicity', code: 'unknown_code', message: '不在代码表中：火星族' },
      {
        column: '人员类别',
        field: 'category',
        code: 'unknown_option',
        message: '应为：党政干部 / 专技人才 / 其他',
      },
    ]);
  });

  it('reports in English to an English-speaking uploader', async () => {
    const english = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
    );
    english.locale = 'en';
    const job = await uploadAndWait(
      t,
      english,
      await xlsxOf([
        ['姓名', '民族', '身份证号', '工作单位', '人员类别'],
        ['甲', '汉族', '123', unique('无此单位'), '其他'],
      ]),
    );
    const [row] = await rowsOf(english, job.id);
    expect(row?.errors.map((e) => e.message)).toEqual([
      'must be 18 characters: 17 digits and a digit or X',
      expect.stringMatching(/^no unit ".*" within your scope$/),
    ]);
  });
});

describe('csv', () => {
  const header = ['姓名', '性别', '民族', '出生日期', '身份证号', '工作单位', '人员类别'];

  it.each([
    ['GB18030 (Excel on Chinese Windows)', (s: string) => gb18030(s)],
    ['UTF-8 with BOM', (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s)])],
    ['UTF-8', (s: string) => Buffer.from(s)],
  ])('reads %s', async (_, encode) => {
    const unit = await makeUnit(t.database, { name: unique('恩施市龙凤镇中心小学') });
    const id = newIdNumber();
    const { birthDate, label } = infoOf(id);
    const text = csvText([header, ['欧阳娜娜', label, '土家族', birthDate, id, unit.name, '专技人才']]);
    const job = await uploadAndWait(t, admin, encode(text), 'roster.csv');
    const [row] = await rowsOf(admin, job.id);
    expect(row?.errors).toEqual([
      {
        column: '专业类别',
        field: 'specialty',
        code: 'specialty_required',
        message: '专技人才须填写专业类别',
      },
    ]);
    expect(row?.name).toBe('欧阳娜娜');
    expect(row?.unitName).toBe(unit.name);
  });
});

describe('missing units', () => {
  it('creates units on request: below a named parent, or as a root in the admin’s region', async () => {
    await ensureRegion(t.database, '422802', '利川市');
    const parent = await makeUnit(t.database, { name: unique('恩施市教育局') });
    const child = unique('新建小学');
    const root = unique('利川市新单位');
    const ids = [newIdNumber(), newIdNumber(), newIdNumber(), newIdNumber()];
    const line = (id: string, unit: string, region: string) => [
      unique('王'),
      '汉族',
      id,
      unit,
      '其他',
      region,
    ];
    const file = await xlsxOf([
      ['姓名', '民族', '身份证号', '工作单位', '人员类别', '所属地区'],
      line(ids[0] as string, `${parent.name}/${child}`, ''),
      line(ids[1] as string, `${parent.name}/${child}`, ''),
      line(ids[2] as string, root, '利川市'),
      line(ids[3] as string, unique('无地区单位'), ''),
    ]);
    const refused = await uploadAndWait(t, admin, file);
    expect((await rowsOf(admin, refused.id, '&outcome=error')).map((r) => r.errors[0]?.code)).toEqual([
      'unit_not_found',
      'unit_not_found',
      'unit_not_found',
      'unit_not_found',
    ]);

    const job = await uploadAndWait(t, admin, file, 'roster.xlsx', { createMissingUnits: 'true' });
    expect(job.summary).toEqual({ create: 3, update: 0, unchanged: 0, error: 1 });
    const errors = await rowsOf(admin, job.id, '&outcome=error');
    expect(errors.map((r) => [r.rowNo, r.errors.map((e) => `${e.column}:${e.code}`)])).toEqual([
      [5, ['所属地区:region_required']],
    ]);
    const fixed = await uploadAndWait(
      t,
      admin,
      await xlsxOf([
        ['姓名', '民族', '身份证号', '工作单位', '人员类别', '所属地区'],
        line(ids[0] as string, `${parent.name}/${child}`, ''),
        line(ids[1] as string, `${parent.name}/${child}`, ''),
        line(ids[2] as string, root, '利川市'),
      ]),
      'roster.xlsx',
      { createMissingUnits: 'true' },
    );
    const res = await admin.post(`/api/v1/imports/${fixed.id}/commit`);
    expect(res.statusCode, res.body).toBe(200);
    const [made] = await t.database.db.select().from(units).where(eq(units.name, child));
    expect(made).toMatchObject({ parentId: parent.id, regionCode: parent.regionCode, type: 'school' });
    expect(made?.path).toBe(`${parent.path}${made?.id}/`);
    const [top] = await t.database.db.select().from(units).where(eq(units.name, root));
    expect(top).toMatchObject({ parentId: null, regionCode: '422802' });
    expect((await stored(ids[0] as string))?.unitId).toBe(made?.id);
    expect((await stored(ids[1] as string))?.unitId).toBe(made?.id);
    expect((await stored(ids[2] as string))?.unitId).toBe(top?.id);
  });

  it('creates a liaison’s missing units below the liaison’s own unit', async () => {
    const home = await makeUnit(t.database, { name: unique('恩施市人民医院'), type: 'hospital' });
    const liaison = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'unit_liaison', scopeId: home.id }] }),
    );
    const ward = unique('儿科');
    const id = newIdNumber();
    const job = await uploadAndWait(
      t,
      liaison,
      await xlsxOf([
        ['姓名', '民族', '身份证号', '工作单位', '人员类别'],
        ['赵医生', '汉族', id, ward, '其他'],
      ]),
      'roster.xlsx',
      { createMissingUnits: 'true' },
    );
    expect(job.summary.create).toBe(1);
    await commit(liaison, job.id);
    const [made] = await t.database.db.select().from(units).where(eq(units.name, ward));
    expect(made).toMatchObject({ parentId: home.id, regionCode: home.regionCode });
  });

  it('asks for the parent when unit names repeat, and takes a path', async () => {
    const a = await makeUnit(t.database, { name: unique('恩施市卫健局') });
    const b = await makeUnit(t.database, { name: unique('恩施市教育局') });
    const office = unique('办公室');
    const inA = await makeUnit(t.database, { name: office, parentId: a.id });
    await makeUnit(t.database, { name: office, parentId: b.id });
    const [x, y] = [newIdNumber(), newIdNumber()];
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([
        ['姓名', '民族', '身份证号', '工作单位', '人员类别'],
        ['甲', '汉族', x, office, '其他'],
        ['乙', '汉族', y, `${a.name} / ${office}`, '其他'],
      ]),
    );
    const [r1, r2] = await rowsOf(admin, job.id);
    expect(r1?.errors.map((e) => e.code)).toEqual(['unit_ambiguous']);
    expect(r2).toMatchObject({ outcome: 'create', unitName: inA.name });
  });
});

describe('template', () => {
  it('has Chinese headers, notes, drop-down lists, an example and the code lists; filled in, it imports', async () => {
    const res = await admin.get('/api/v1/imports/templates/people.xlsx');
    expect(res.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([
      '人员名单',
      '填写说明',
      '民族',
      '政治面貌',
      '学历',
      '职级',
    ]);
    const sheet = workbook.getWorksheet('人员名单') as ExcelJS.Worksheet;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      ...['姓名*', '性别', '民族*', '出生日期', '身份证号*', '手机号码', '政治面貌', '学历', '工作单位*'],
      ...['职务', '职级', '人员类别*', '专业类别', '状态', '所属地区'],
    ]);
    expect(String(sheet.getCell('E1').note)).toContain('18 位');
    const validations = (
      sheet as unknown as { dataValidations: { model: Record<string, { formulae: string[] }> } }
    ).dataValidations.model;
    expect(Object.values(validations).map((v) => v.formulae[0])).toEqual(
      expect.arrayContaining([
        '"男,女"',
        '"党政干部,专技人才,其他"',
        '"医疗,教育,农业,其他"',
        '"在职,调离,退休"',
      ]),
    );
    const sheets = await readXlsx(res.rawPayload);
    expect(sheets.民族?.[1]).toEqual(['01', '汉族']);
    expect(sheets.职级?.length).toBeGreaterThan(10);
    const guide = sheets.填写说明 as string[][];
    const example = guide[guide.findIndex((r) => r[0] === '姓名*') + 1] as string[];
    expect(example.slice(0, 3)).toEqual(['张三', '男', '土家族']);

    // The user fills in the roster sheet of the template and uploads it.
    const unit = await makeUnit(t.database, { name: unique('恩施市审计局') });
    const id = newIdNumber();
    const filled = workbook.getWorksheet('人员名单') as ExcelJS.Worksheet;
    filled.getRow(2).values = [
      '田七',
      infoOf(id).label,
      '土家族',
      infoOf(id).birthDate,
      id,
      '',
      '群众',
      '本科',
      unit.name,
      '',
      '',
      '党政干部',
      '',
      '在职',
      '',
    ];
    const job = await uploadAndWait(t, admin, Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(job.summary, JSON.stringify(job)).toEqual({ create: 1, update: 0, unchanged: 0, error: 0 });
  });
});
