import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { people } from '../src/db/schema/index.js';
import { idNumberHash } from '../src/modules/people/record.js';
import { makePerson, makeUnit } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';
import {
  type FixtureCell,
  fresh,
  HEADERS,
  newIdNumber,
  readXlsx,
  row,
  rowsOf,
  upload,
  uploadAndWait,
  xlsxOf,
} from './import-files.js';

/**
 * Spreadsheet import of people, through the API: the "done when" story (bad rows → located errors
 * → errors.xlsx → fix → re-import → commit → everyone found, masked), updates and their diffs,
 * and scope. Commits, races and large files: imports-commit.test.ts.
 */

let t: TestContext;
let admin: Client;
let _adminId: string;
let sfx = 0;
const unique = (name: string) => `${name}${++sfx}${Math.random().toString(36).slice(2, 5)}`;

beforeAll(async () => {
  t = await createTestContext();
  const account = await makeUser(t.services, t.database, {
    roles: [{ role: 'org_admin', scopeId: '422800' }],
  });
  _adminId = account.user.id;
  admin = await signIn(t, account);
});
afterAll(async () => t.close());

const personByHash = async (id: string) =>
  (
    await t.database.db
      .select()
      .from(people)
      .where(eq(people.idNumberHash, idNumberHash(t.services.cipher, id)))
  )[0];

describe('the roster story: errors located, reported, fixed, re-imported, committed', () => {
  it('imports every person once the bad rows are fixed from the error report', async () => {
    const health = await makeUnit(t.database, { name: unique('恩施市卫生健康局') });
    const school = await makeUnit(t.database, { name: unique('恩施市第一中学'), type: 'school' });
    const ids = {
      a: newIdNumber('1985-06-15', 'male'),
      b: newIdNumber('1990-03-02', 'female'),
      c: newIdNumber('1978-11-30', 'male'),
      dup: newIdNumber('1982-01-09', 'female'),
      d: newIdNumber('1988-08-08', 'male'),
      e: newIdNumber('1975-12-12', 'female'),
      f: newIdNumber('1992-02-29', 'male'),
    };
    const badCheck = `${ids.d.slice(0, 17)}${ids.d[17] === '0' ? '1' : '0'}`;
    const roster: FixtureCell[][] = [
      HEADERS,
      row({ name: '张伟', idNumber: ids.a, unit: health.name, mobile: '13800138000' }),
      row({
        name: '李娜',
        gender: '女',
        birthDate: '1990-03-02',
        idNumber: ids.b,
        unit: school.name,
        category: '专技人才',
        specialty: '教育',
      }),
      row({ name: '王强', birthDate: '1978-11-30', idNumber: ids.c, unit: health.name }),
      row({ name: '赵敏', gender: '女', birthDate: '1982-01-09', idNumber: ids.dup, unit: health.name }),
      // Row 6: wrong check digit.
      row({ name: '钱勇', birthDate: '1988-08-08', idNumber: badCheck, unit: health.name }),
      // Row 7: a date that does not exist.
      row({ name: '孙丽', gender: '女', birthDate: '1975-02-30', idNumber: ids.e, unit: health.name }),
      // Row 8: a unit nobody has heard of.
      row({ name: '周杰', birthDate: '1992-02-29', idNumber: ids.f, unit: '不存在的卫生院' }),
      // Row 9: the ID number of row 5 again.
      row({ name: '吴芳', gender: '女', birthDate: '1982-01-09', idNumber: ids.dup, unit: health.name }),
      // Row 10: the name left empty.
      row({ name: null, idNumber: newIdNumber(), unit: health.name }),
      // Row 11: a formula whose result the file does not hold; row 12: an error value.
      row({
        name: '郑凯',
        idNumber: newIdNumber(),
        unit: health.name,
        post: { formula: 'CONCATENATE("副","局长")' },
      }),
      row({
        name: '冯雪',
        gender: '女',
        ethnicity: { error: '#N/A' },
        idNumber: newIdNumber('1985-06-15', 'female'),
        unit: health.name,
      }),
    ];
    const job = await uploadAndWait(t, admin, await xlsxOf(roster), '花名册.xlsx');
    expect(job).toMatchObject({
      status: 'validated',
      totalRows: 11,
      processedRows: 11,
      summary: { create: 4, update: 0, unchanged: 0, error: 7 },
      failure: null,
    });

    const errors = await rowsOf(admin, job.id, '&outcome=error');
    const located = errors.map((r) => ({
      row: r.rowNo,
      errors: r.errors.map((e) => `${e.column}:${e.code}`),
    }));
    expect(located).toEqual([
      { row: 6, errors: ['身份证号:id_check_digit'] },
      { row: 7, errors: ['出生日期:date_invalid'] },
      { row: 8, errors: ['工作单位:unit_not_found'] },
      { row: 9, errors: ['身份证号:duplicate_in_file'] },
      { row: 10, errors: ['姓名:cell_required'] },
      { row: 11, errors: ['职务:formula_cell'] },
      { row: 12, errors: ['民族:error_cell'] },
    ]);
    const messages = errors.flatMap((r) => r.errors.map((e) => e.message));
    expect(messages).toEqual([
      '身份证号校验位不正确',
      '日期不存在',
      '找不到单位“不存在的卫生院”（或不在您的管理范围内）',
      '身份证号与第 5 行重复',
      '必填',
      '单元格是公式且文件中没有计算结果，请粘贴为数值',
      '单元格是错误值 #N/A，请填写实际内容',
    ]);
    // The preview masks ID numbers, even of the rows in error.
    expect(errors[0]?.idNumber).toBe(`${badCheck.slice(0, 3)}***********${badCheck.slice(-4)}`);
    expect((await rowsOf(admin, job.id)).every((r) => !r.idNumber || r.idNumber.includes('*'))).toBe(true);

    const refused = await admin.post(`/api/v1/imports/${job.id}/commit`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.fields).toEqual([
      { path: 'status', code: 'import_has_errors', message: '还有 7 行错误，请修正后重新导入' },
    ]);

    // The error report: the rows to fix with their original cells, and the list of errors.
    const report = await admin.get(`/api/v1/imports/${job.id}/errors.xlsx`);
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toContain('spreadsheetml');
    expect((await auditOf(t, report)).map((e) => e.action)).toEqual(['import.errors.download']);
    const sheets = await readXlsx(report.rawPayload);
    const toFix = sheets.待修正 as string[][];
    expect(toFix[0]).toEqual([...HEADERS, '原行号', '错误说明']);
    expect(toFix.slice(1).map((r) => r[14])).toEqual(['6', '7', '8', '9', '10', '11', '12']);
    expect(toFix[1]?.[4]).toBe(badCheck);
    expect(toFix[2]?.[3]).toBe('1975-02-30');
    expect(toFix[6]?.[9]).toBe('=CONCATENATE("副","局长")');
    expect(toFix[7]?.[2]).toBe('#N/A');
    expect(toFix[1]?.[15]).toBe('身份证号：身份证号校验位不正确');
    expect(sheets.错误明细?.[1]).toEqual(['6', '身份证号', badCheck, '身份证号校验位不正确']);

    // Fix the rows in the downloaded sheet and upload it again with the good rows.
    const fixed = toFix.slice(1).map((cells) => cells.slice(0, 14) as FixtureCell[]);
    const fix = (i: number, col: number, value: string) => {
      const cells = fixed[i];
      if (cells) cells[col] = value;
    };
    fix(0, 4, ids.d);
    fix(1, 3, '1975-12-12');
    fix(2, 8, school.name);
    fix(3, 4, newIdNumber('1982-01-09', 'female'));
    fix(4, 0, '陈晨');
    fix(5, 9, '副局长');
    fix(6, 2, '汉族');
    const again = await uploadAndWait(
      t,
      admin,
      await xlsxOf([[...(toFix[0] ?? [])], ...roster.slice(1, 5), ...fixed]),
    );
    expect(again.ignoredColumns).toEqual(['原行号', '错误说明']);
    expect(again.summary).toEqual({ create: 11, update: 0, unchanged: 0, error: 0 });

    const committed = await admin.post(`/api/v1/imports/${again.id}/commit`);
    expect(committed.statusCode, committed.body).toBe(200);
    expect(committed.json()).toMatchObject({ status: 'committed', summary: { create: 11, error: 0 } });
    const trail = await auditOf(t, committed);
    expect(trail.filter((e) => e.action === 'person.create')).toHaveLength(11);
    expect(trail.find((e) => e.action === 'import.commit')?.detail).toMatchObject({ create: 11, update: 0 });
    const created = trail.find((e) => e.action === 'person.create');
    expect(JSON.stringify(created?.changes)).not.toContain(ids.a);

    // Everyone is there, in the right unit, found through the people API and masked.
    for (const [id, unitId] of [
      [ids.a, health.id],
      [ids.b, school.id],
      [ids.d, health.id],
      [ids.f, school.id],
    ] as const) {
      expect((await personByHash(id))?.unitId).toBe(unitId);
    }
    const list = await admin.get(`/api/v1/people?unitId=${health.id}&pageSize=100`);
    expect(list.statusCode, list.body).toBe(200);
    const names = list.json().items.map((p: { name: string }) => p.name);
    expect(names).toEqual(
      expect.arrayContaining(['张伟', '王强', '赵敏', '钱勇', '孙丽', '吴芳', '陈晨', '郑凯', '冯雪']),
    );
    const zhang = list.json().items.find((p: { name: string }) => p.name === '张伟');
    expect(zhang).toMatchObject({
      idNumber: `${ids.a.slice(0, 3)}***********${ids.a.slice(-4)}`,
      mobile: '138****8000',
    });
    expect((await personByHash(ids.e))?.birthDate).toBe('1975-12-12');
  });
});

describe('updates', () => {
  it('compares with the stored person: changed fields as a diff, the same data unchanged, empty cells kept', async () => {
    const unit = await makeUnit(t.database, { name: unique('恩施市教育局') });
    const other = await makeUnit(t.database, { name: unique('恩施市实验小学') });
    const mobile = '13912345678';
    const p1 = await makePerson(t.services, t.database, unit.id, {
      ...fresh(),
      name: '刘洋',
      post: '科员',
      mobile,
      rank: '0141',
    });
    const p2 = await makePerson(t.services, t.database, unit.id, {
      ...fresh(),
      name: '黄磊',
      post: '科员',
      rank: '0141',
      education: 'bachelor',
    });
    const id1 = t.services.cipher.decrypt(p1.idNumberEnc);
    const id2 = t.services.cipher.decrypt(p2.idNumberEnc);
    const file = await xlsxOf([
      ['姓名', '身份证号', '民族', '工作单位', '职务', '人员类别', '手机号码', '政治面貌', '学历'],
      ['刘洋', id1, '汉族', other.name, '副校长', '党政干部', '', '中共党员', ''],
      ['黄磊', id2, '汉族', unit.name, '科员', '党政干部', '', '中共党员', '大学本科'],
    ]);
    const job = await uploadAndWait(t, admin, file);
    expect(job.summary).toEqual({ create: 0, update: 1, unchanged: 1, error: 0 });
    const [r1, r2] = await rowsOf(admin, job.id);
    expect(r1).toMatchObject({
      outcome: 'update',
      diff: { post: { from: '科员', to: '副校长' }, unit: { from: unit.name, to: other.name } },
    });
    expect(r2).toMatchObject({ outcome: 'unchanged', diff: null });

    const res = await admin.post(`/api/v1/imports/${job.id}/commit`);
    expect(res.json()).toMatchObject({
      status: 'committed',
      summary: { create: 0, update: 1, unchanged: 1 },
    });
    const after = await personByHash(id1);
    expect(after).toMatchObject({
      id: p1.id,
      post: '副校长',
      unitId: other.id,
      rank: '0141',
      mobileHash: p1.mobileHash,
    });
    const update = (await auditOf(t, res)).find((e) => e.action === 'person.update');
    expect(update).toMatchObject({ entityId: p1.id, changes: { post: ['科员', '副校长'] } });
  });
});

describe('scope', () => {
  it('refuses rows of a liaison that name people or units outside their unit', async () => {
    const home = await makeUnit(t.database, { name: unique('龙凤镇卫生院'), type: 'health_centre' });
    const elsewhere = await makeUnit(t.database, { name: unique('芭蕉乡卫生院'), type: 'health_centre' });
    const stranger = await makePerson(t.services, t.database, elsewhere.id, { ...fresh(), name: '别人' });
    const liaison = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'unit_liaison', scopeId: home.id }] }),
    );
    const job = await uploadAndWait(
      t,
      liaison,
      await xlsxOf([
        HEADERS,
        row({ idNumber: t.services.cipher.decrypt(stranger.idNumberEnc), unit: home.name }),
        row({ idNumber: newIdNumber(), unit: elsewhere.name }),
        row({ idNumber: newIdNumber(), unit: home.name }),
      ]),
    );
    expect(job.summary).toEqual({ create: 1, update: 0, unchanged: 0, error: 2 });
    const [r1, r2] = await rowsOf(liaison, job.id, '&outcome=error');
    expect(r1?.errors).toEqual([
      {
        column: '身份证号',
        field: 'idNumber',
        code: 'person_out_of_scope',
        message: '该身份证号的人员已登记在您管理范围以外的单位',
      },
    ]);
    // Nothing about the other person leaks: no diff, no name but the one the row gave.
    expect(r1?.diff).toBeNull();
    expect(r2?.errors.map((e) => e.code)).toEqual(['unit_not_found']);
  });

  it('keeps each job to its creator and the import to those who may import', async () => {
    const job = await uploadAndWait(
      t,
      admin,
      await xlsxOf([HEADERS, row({ idNumber: newIdNumber(), unit: unique('无此单位') })]),
    );
    const otherAdmin = await signIn(
      t,
      await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '422800' }] }),
    );
    for (const [method, url, audited] of [
      ['GET', `/api/v1/imports/${job.id}`, 'import.read'],
      ['GET', `/api/v1/imports/${job.id}/rows`, 'import.read'],
      ['GET', `/api/v1/imports/${job.id}/errors.xlsx`, 'import.errors.download'],
      ['POST', `/api/v1/imports/${job.id}/commit`, 'import.commit'],
      ['DELETE', `/api/v1/imports/${job.id}`, 'import.cancel'],
    ] as const) {
      const res = await otherAdmin.request(method, url, method === 'POST' ? {} : undefined);
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect((await auditOf(t, res))[0]).toMatchObject({
        action: audited,
        outcome: 'denied',
        entityId: job.id,
      });
    }
    expect(
      (await otherAdmin.get('/api/v1/imports')).json().items.map((j: { id: string }) => j.id),
    ).not.toContain(job.id);
    expect(
      (await admin.get('/api/v1/imports?pageSize=100')).json().items.map((j: { id: string }) => j.id),
    ).toContain(job.id);

    const trainee = await signIn(t, await makeUser(t.services, t.database, { roles: [{ role: 'trainee' }] }));
    for (const res of [
      await trainee.get('/api/v1/imports'),
      await trainee.get('/api/v1/imports/templates/people.xlsx'),
      await upload(trainee, await xlsxOf([HEADERS])),
    ]) {
      expect(res.statusCode).toBe(403);
    }
  });
});
