import type { SecondmentImportResult } from '@ganxun/domain';
import { count, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, people, secondments } from '../src/db/schema/index.js';
import { makeIdNumber, makePerson, makeUnit } from './directory-factories.js';
import { makePartnership, makeSecondment } from './exchange-factories.js';
import { type ExchangeSeedRow, exchangeSeedXlsx, importUpload } from './exchange-seed-fixture.js';
import { makeUser } from './factories.js';
import { type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Secondments from and to xlsx (issue 7 item 7): the template, validation with row/column errors
 * in the reader's language, preview (dry run) that writes nothing, all-or-nothing commit that
 * creates people not yet in the directory (ID number encrypted, shown masked), the export of the
 * scoped list without ID numbers, and who may import.
 */

let t: TestContext;
let enshi: Client;
let wuhan: Client;
let liaison: Client;
let pairingId: string;
const u = { hospital: '', education: '', school: '', jgHospital: '', jgSchool: '' };

async function as(role: 'org_admin' | 'unit_liaison', scopeId: string) {
  return signIn(t, await makeUser(t.services, t.database, { roles: [{ role, scopeId }] }));
}

const countOf = async (table: typeof people | typeof secondments) =>
  Number((await t.database.db.select({ n: count() }).from(table))[0]?.n ?? 0);
const counts = async () => ({ people: await countOf(people), secondments: await countOf(secondments) });

const send = (client: Client, file: Buffer, fields: Record<string, string>) => {
  const { payload, headers } = importUpload(file, fields);
  return client.request('POST', '/api/v1/secondments/imports', payload, headers);
};
const importRows = async (rows: Partial<ExchangeSeedRow>[], dryRun: boolean, client = enshi) =>
  send(client, await exchangeSeedXlsx(rows), { partnershipId: pairingId, dryRun: String(dryRun) });

let seq = 0;
/** A valid row: a new Enshi doctor shadowing in Jianggan for three months. */
function row(overrides: Partial<ExchangeSeedRow> = {}): Partial<ExchangeSeedRow> {
  seq += 1;
  return {
    name: `测试医生${seq}`,
    idNumber: makeIdNumber(`1980-01-${String((seq % 28) + 1).padStart(2, '0')}`, 'female'),
    gender: '女',
    ethnicity: '土家族',
    sending: '恩施市',
    form: '跟岗学习',
    category: '专业技术人才',
    specialty: '医疗卫生',
    homeUnit: '恩施市中心医院',
    homePost: '主治医师',
    hostUnit: '江干区人民医院',
    fullTime: '是',
    plannedStart: '2019-03-01',
    plannedEnd: '2019-05-31',
    ...overrides,
  };
}

const result = (res: LightMyRequestResponse): SecondmentImportResult =>
  res.statusCode === 200 ? res.json() : res.json().error.details.result;

beforeAll(async () => {
  t = await createTestContext();
  const pairing = await makePartnership(t.database);
  pairingId = pairing.id;
  u.hospital = (await makeUnit(t.database, { name: '恩施市中心医院', type: 'hospital' })).id;
  u.education = (await makeUnit(t.database, { name: '恩施市教育局' })).id;
  u.school = (
    await makeUnit(t.database, { name: '恩施市第一中学', type: 'school', parentId: u.education })
  ).id;
  u.jgHospital = (
    await makeUnit(t.database, { name: '江干区人民医院', type: 'hospital', regionCode: '330104' })
  ).id;
  u.jgSchool = (
    await makeUnit(t.database, { name: '杭州市采荷中学', type: 'school', regionCode: '330104' })
  ).id;
  enshi = await as('org_admin', '422801');
  wuhan = await as('org_admin', '420100');
  liaison = await as('unit_liaison', u.hospital);
});
afterAll(async () => t.close());

describe('the template', () => {
  it('opens with exceljs: the Chinese headers, and a 说明 sheet naming the pairing’s directions', async () => {
    const res = await enshi.get(`/api/v1/secondments/import-template.xlsx?partnershipId=${pairingId}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-disposition']).toContain('attachment');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const headers = ((workbook.worksheets[0]?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(headers).toEqual(
      expect.arrayContaining(['姓名', '身份证号', '派出方', '交流形式', '人员类别', '专业领域', '派出单位']),
    );
    expect(headers).toEqual(
      expect.arrayContaining(['接收单位', '挂任职务', '计划开始', '计划结束', '实际开始']),
    );
    const help = workbook.getWorksheet('说明');
    expect(help).toBeDefined();
    const text: string[] = [];
    help?.eachRow((r) => {
      text.push((r.values as unknown[]).join(' '));
    });
    expect(text.join('\n')).toContain('恩施市 → 江干区');
    expect(text.join('\n')).toContain('挂职服务');
  });

  it('the template, uploaded as it is, has no rows to import (its example row is skipped)', async () => {
    const tpl = await enshi.get('/api/v1/secondments/import-template.xlsx');
    const res = await send(enshi, tpl.rawPayload, { partnershipId: pairingId, dryRun: 'true' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file', code: 'no_data_rows' });
  });

  it('is refused (403) to a liaison, who may not edit secondments', async () => {
    expect((await liaison.get('/api/v1/secondments/import-template.xlsx')).statusCode).toBe(403);
  });
});

describe('bad rows', () => {
  const OVERLAP_ID = makeIdNumber('1975-05-05', 'male');
  const bad: [string, Partial<ExchangeSeedRow>, string, string][] = [
    ['unknown unit', { hostUnit: '江干区不存在医院' }, '接收单位', 'hostUnitId'],
    ['bad ID number', { idNumber: '422801198001011234' }, '身份证号', 'idNumber'],
    ['end before start', { plannedStart: '2019-06-01', plannedEnd: '2019-05-01' }, '计划结束', 'plannedEnd'],
    ['host unit on the sending side', { hostUnit: '恩施市第一中学' }, '接收单位', 'hostUnitId'],
    ['unknown form', { form: '出国考察' }, '交流形式', 'form'],
    ['unknown sending side', { sending: '武汉市' }, '派出方', 'direction'],
    ['specialty missing for a professional', { specialty: '' }, '专业领域', 'specialty'],
    ['gender contradicting the ID number', { gender: '男' }, '性别', 'gender'],
    ['actual end without actual start', { actualEnd: '2019-05-31' }, '实际开始', 'actualStart'],
    ['new person without 民族', { ethnicity: '' }, '民族', 'ethnicity'],
  ];

  it('commit: 400 with every bad row and its column, and NOTHING written (not even the good rows)', async () => {
    const before = await counts();
    const good = row({ name: '好行新人' });
    const rows = [
      good,
      ...bad.map(([, o]) => row(o)),
      row({ idNumber: OVERLAP_ID, plannedStart: '2019-01-01', plannedEnd: '2019-06-30' }),
      row({ idNumber: OVERLAP_ID, plannedStart: '2019-06-01', plannedEnd: '2019-12-31' }),
    ];
    const res = await importRows(rows, false);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file', code: 'secondment_import_has_errors' });
    const r = result(res);
    expect(r.committed).toBe(false);
    expect(r.rows[0]).toMatchObject({ rowNo: 2, outcome: 'create', personName: '好行新人', newPerson: true });
    bad.forEach(([what, , column, field], i) => {
      const got = r.rows[i + 1];
      expect(got?.outcome, what).toBe('error');
      expect(got?.errors, what).toContainEqual(expect.objectContaining({ column, field }));
    });
    const [first, second] = r.rows.slice(-2);
    expect(first?.errors).toContainEqual({
      column: '身份证号',
      field: 'personId',
      message: `同一人员与第 ${second?.rowNo} 行的交流期限重叠`,
    });
    expect(second?.outcome).toBe('error');
    expect(r.summary).toMatchObject({ rows: rows.length, error: rows.length - 1, create: 1 });
    expect(await counts()).toEqual(before);
  });

  it('messages and column names follow the reader’s language', async () => {
    const res = await send(enshi, await exchangeSeedXlsx([row({ hostUnit: '无此单位' })]), {
      partnershipId: pairingId,
      dryRun: 'true',
    });
    expect(res.statusCode).toBe(200);
    enshi.locale = 'zh-TW';
    try {
      const tw = result(
        await send(enshi, await exchangeSeedXlsx([row({ idNumber: '123' })]), {
          partnershipId: pairingId,
          dryRun: 'true',
        }),
      );
      expect(tw.rows[0]?.errors[0]).toMatchObject({ column: '身分證號', field: 'idNumber' });
      expect(tw.rows[0]?.errors[0]?.message).toContain('身分證號');
    } finally {
      enshi.locale = 'zh-CN';
    }
  });

  it('a file without the required columns is refused as a whole', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('x').addRow(['姓名', '身份证号', '备注']);
    workbook.worksheets[0]?.addRow(['张三', makeIdNumber(), '']);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await send(enshi, file, { partnershipId: pairingId, dryRun: 'true' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({ path: 'file', code: 'missing_columns' });
    expect(res.json().error.fields[0].message).toContain('派出方');
  });

  it('a file that is not a workbook, or a bad dryRun flag, is a 400', async () => {
    const notXlsx = await send(enshi, Buffer.from('姓名,身份证号\n'), {
      partnershipId: pairingId,
      dryRun: 'true',
    });
    expect(notXlsx.statusCode).toBe(400);
    const flag = await send(enshi, await exchangeSeedXlsx([row()]), {
      partnershipId: pairingId,
      dryRun: 'maybe',
    });
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error.fields[0].path).toBe('dryRun');
  });
});

describe('preview and commit', () => {
  it('a dry run validates everything and writes nothing', async () => {
    const before = await counts();
    const res = await importRows([row(), row({ sending: '恩施市→江干区' })], true);
    expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
    const r = result(res);
    expect(r).toMatchObject({
      dryRun: true,
      committed: false,
      summary: { rows: 2, create: 2, error: 0, newPeople: 2 },
    });
    expect(await counts()).toEqual(before);
  });

  it('creates a new person with the ID number encrypted (masked in the list), birth date and gender from it', async () => {
    const idNumber = makeIdNumber('1983-09-21', 'female');
    const res = await importRows(
      [
        row({
          name: '林新医',
          idNumber,
          actualStart: '2019-03-04',
          actualEnd: '2019-05-31',
          mentor: '王带教',
          partyTransfer: '否',
        }),
      ],
      false,
    );
    expect(res.statusCode, res.body.slice(0, 800)).toBe(200);
    expect(result(res)).toMatchObject({ committed: true, summary: { create: 1, newPeople: 1 } });
    const [person] = await t.database.db.select().from(people).where(eq(people.name, '林新医'));
    expect(person).toMatchObject({
      birthDate: '1983-09-21',
      gender: 'female',
      unitId: u.hospital,
      category: 'professional',
      specialty: 'medical',
    });
    expect(person?.idNumberEnc).not.toContain(idNumber);
    const list = await enshi.get('/api/v1/people?q=林新医');
    expect(list.json().items[0].idNumber).toBe(`${idNumber.slice(0, 3)}***********${idNumber.slice(-4)}`);
    const [s] = await t.database.db
      .select()
      .from(secondments)
      .where(eq(secondments.personId, person?.id as string));
    expect(s).toMatchObject({
      direction: 'a_to_b',
      form: 'shadowing',
      hostUnitId: u.jgHospital,
      status: 'completed',
      actualStart: '2019-03-04',
      actualEnd: '2019-05-31',
      mentor: '王带教',
    });
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'secondment.import'));
    expect(audit.at(-1)?.detail).toMatchObject({ rows: 1, newPeople: 1 });
  });

  it('matches a person already in the directory by ID number (home unit defaults to theirs), in Traditional', async () => {
    const person = await makePerson(t.services, t.database, u.school, {
      name: '陈老师',
      category: 'professional',
      specialty: 'education',
      birthDate: '1979-02-02',
    });
    const idNumber = t.services.cipher.decrypt(person.idNumberEnc);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('掛職交流');
    sheet.addRow([
      '姓名',
      '身分證號',
      '派出方',
      '交流形式',
      '人員類別',
      '專業領域',
      '接收單位',
      '計畫開始',
      '計畫結束',
      '是否全職',
    ]);
    sheet.addRow([
      '陳老師',
      idNumber,
      '恩施市',
      '跟崗學習',
      '專業技術人才',
      '教育',
      '杭州市採荷中學',
      '2020/9/1',
      '2020/12/31',
      '否',
    ]);
    const res = await send(enshi, Buffer.from(await workbook.xlsx.writeBuffer()), {
      partnershipId: pairingId,
      dryRun: 'false',
    });
    // 陳老師 is 陈老师 in Traditional: the same person.
    expect(res.statusCode, res.body.slice(0, 800)).toBe(200);
    expect(result(res).rows[0]).toMatchObject({ outcome: 'create', newPerson: false });
    const [s] = await t.database.db.select().from(secondments).where(eq(secondments.personId, person.id));
    expect(s).toMatchObject({
      homeUnitId: u.school,
      hostUnitId: u.jgSchool,
      fullTime: false,
      status: 'planned',
    });
  });

  it('a term overlapping one already stored is refused, all or nothing', async () => {
    const person = await makePerson(t.services, t.database, u.hospital, { birthDate: '1970-07-07' });
    await makeSecondment(t.database, pairingId, person.id, {
      homeUnitId: u.hospital,
      hostUnitId: u.jgHospital,
      plannedStart: '2020-01-01',
      plannedEnd: '2020-12-31',
    });
    const before = await counts();
    const idNumber = t.services.cipher.decrypt(person.idNumberEnc);
    const res = await importRows(
      [
        row(),
        row({
          name: person.name,
          idNumber,
          gender: '男',
          plannedStart: '2020-06-01',
          plannedEnd: '2020-08-31',
        }),
      ],
      false,
    );
    expect(res.statusCode).toBe(400);
    expect(result(res).rows[1]?.errors).toContainEqual(
      expect.objectContaining({ column: '身份证号', field: 'personId' }),
    );
    expect(await counts()).toEqual(before);
  });
});

describe('export and scope', () => {
  it('exports the scoped list as xlsx without ID numbers, audited', async () => {
    const res = await enshi.get(`/api/v1/secondments/export.xlsx?partnershipId=${pairingId}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const all: string[] = [];
    sheet?.eachRow((r) => {
      all.push((r.values as unknown[]).map(String).join('|'));
    });
    expect(all[0]).toContain('姓名');
    expect(all[0]).not.toContain('身份证号');
    const stored = await t.database.db
      .select({ n: count() })
      .from(secondments)
      .where(eq(secondments.partnershipId, pairingId));
    expect(all.length - 1).toBe(Number(stored[0]?.n));
    expect(all.join('\n')).toContain('林新医');
    expect(all.join('\n')).not.toMatch(/\d{17}[\dX]/);
    const audit = await t.database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'secondment.export'));
    expect(audit.at(-1)?.detail).toMatchObject({ rows: all.length - 1 });
  });

  it('a Wuhan org admin cannot import into the pairing (404) and exports none of it', async () => {
    const before = await counts();
    const res = await importRows([row()], false, wuhan);
    expect(res.statusCode).toBe(404);
    expect(await counts()).toEqual(before);
    const exp = await wuhan.get(`/api/v1/secondments/export.xlsx?partnershipId=${pairingId}`);
    expect(exp.statusCode).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(exp.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets[0]?.rowCount).toBe(1);
  });

  it('a liaison may not import (403), an unknown pairing is a 404', async () => {
    expect((await importRows([row()], true, liaison)).statusCode).toBe(403);
    const res = await send(enshi, await exchangeSeedXlsx([row()]), {
      partnershipId: '00000000-0000-4000-8000-000000000001',
      dryRun: 'true',
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('concurrency', () => {
  it('the same new person imported twice at once: one import wins, the other writes nothing', async () => {
    const one = row({ name: '并发新人' });
    const file = await exchangeSeedXlsx([one]);
    const before = await counts();
    const results = await Promise.all(
      [0, 1].map(() => send(enshi, file, { partnershipId: pairingId, dryRun: 'false' })),
    );
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses[0], results.map((r) => r.body.slice(0, 300)).join('\n')).toBe(200);
    expect([400, 409]).toContain(statuses[1]);
    expect(await counts()).toEqual({ people: before.people + 1, secondments: before.secondments + 1 });
  });
});
