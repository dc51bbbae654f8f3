import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { ROLE_PERMISSIONS } from '@ganxun/domain';
import { eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classes, classGroups, enrollments, people } from '../src/db/schema/index.js';
import { personColumns } from '../src/modules/people/record.js';
import type { RequestContext } from '../src/platform/context.js';
import { findCjkFont } from '../src/platform/pdf.js';
import { makeClass } from './class-factories.js';
import { makeIdNumber, makePerson, makeUnit, personInput } from './directory-factories.js';
import { makeUser } from './factories.js';
import { auditOf, type Client, createTestContext, signIn, type TestContext } from './helpers.js';

/**
 * Roster exports of a class: 花名册 and 通讯录 (xlsx, read back with exceljs), 签到表 (PDF, read
 * back with pdftotext). Data is inserted directly (enrollments, groups), not through the
 * enrollment endpoints.
 */

const run = promisify(execFile);
let t: TestContext;
let director: Client;
let orgAdmin: Client;
let orgAdminId: string;
let officer: Client;
let otherOfficer: Client;
let liaison: Client;
let klass: typeof classes.$inferSelect;
let big: typeof classes.$inferSelect;
let bigGroupA: string;
let otherClassGroup: string;
let tmp: string;

/** Spread birth dates so generated ID numbers never collide. */
let day = 0;
const birthDate = () => {
  day += 1;
  return new Date(Date.UTC(1965, 0, 1) + day * 86_400_000 * 7).toISOString().slice(0, 10);
};

async function group(classId: string, name: string, sortOrder: number): Promise<string> {
  const [row] = await t.database.db.insert(classGroups).values({ classId, name, sortOrder }).returning();
  if (!row) throw new Error('group not inserted');
  return row.id;
}

async function enroll(
  classId: string,
  personId: string,
  values: Partial<typeof enrollments.$inferInsert> = {},
): Promise<void> {
  await t.database.db.insert(enrollments).values({ classId, personId, ...values });
}

/** Many people in one statement (a 300-row class should not take 300 round trips). */
async function insertPeople(unitIds: string[], count: number, name: (i: number) => string) {
  const values = Array.from({ length: count }, (_, i) => {
    const b = birthDate();
    return personColumns(
      t.services.cipher,
      personInput(unitIds[i % unitIds.length] as string, {
        name: name(i),
        birthDate: b,
        idNumber: makeIdNumber(b, 'male'),
        post: i % 3 === 0 ? '副主任' : '科长',
      }),
    );
  });
  return t.database.db.insert(people).values(values).returning({ id: people.id, name: people.name });
}

beforeAll(async () => {
  t = await createTestContext();
  tmp = await mkdtemp(path.join(tmpdir(), 'gx-rosters-'));
  const school = await makeUnit(t.database, {
    type: 'party_school',
    name: '湖北省委党校',
    regionCode: '420100',
  });
  const elsewhere = await makeUnit(t.database, {
    type: 'party_school',
    name: '杭州市委党校',
    regionCode: '330100',
  });
  const enshiA = await makeUnit(t.database, { name: '恩施市卫生健康局', regionCode: '422801' });
  const lichuan = await makeUnit(t.database, { name: '利川市教育局', regionCode: '422802' });

  const directorUser = await makeUser(t.services, t.database, { roles: [{ role: 'class_director' }] });
  director = await signIn(t, directorUser);
  const admin = await makeUser(t.services, t.database, { roles: [{ role: 'org_admin', scopeId: '420000' }] });
  orgAdminId = admin.user.id;
  orgAdmin = await signIn(t, admin);
  officer = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'training_officer', scopeId: school.id }] }),
  );
  otherOfficer = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'training_officer', scopeId: elsewhere.id }] }),
  );
  liaison = await signIn(
    t,
    await makeUser(t.services, t.database, { roles: [{ role: 'unit_liaison', scopeId: enshiA.id }] }),
  );

  klass = await makeClass(t.database, {
    name: '全省疫情防控专题培训班',
    leadOrganiserId: school.id,
    directorId: directorUser.user.id,
    startDate: '2030-03-10',
    endDate: '2030-03-12',
    status: 'in_progress',
  });
  await t.database.db.update(classes).set({ venue: '省委党校报告厅' }).where(eq(classes.id, klass.id));
  klass = { ...klass, venue: '省委党校报告厅' };
  const g1 = await group(klass.id, '第一组', 1);
  const g2 = await group(klass.id, '第二组', 2);
  const person = (unitId: string, name: string, mobile: string | null = null) =>
    makePerson(t.services, t.database, unitId, { name, mobile, birthDate: birthDate(), post: '副局长' });
  const wang = await person(enshiA.id, '王五', '13900000005');
  const li = await person(lichuan.id, '李四', '13900000004');
  const zhang = await person(enshiA.id, '张三', '13812345678');
  const zhao = await person(enshiA.id, '赵六');
  const chen = await person(enshiA.id, '陈七', '13900000007');
  const qian = await person(enshiA.id, '钱八', '13900000008');
  await enroll(klass.id, wang.id, { groupId: g2 });
  await enroll(klass.id, li.id, { groupId: g1, role: 'group_leader' });
  await enroll(klass.id, zhang.id, {
    groupId: g1,
    role: 'monitor',
    arrivalTransport: 'train',
    arrivalNumber: 'G1234',
    arrivalAt: new Date('2030-03-09T06:30:00Z'),
    returnTicketNeeded: true,
    accommodation: '党校2号楼301',
    checkedInAt: new Date('2030-03-09T07:05:00Z'),
  });
  await enroll(klass.id, zhao.id, {});
  await enroll(klass.id, chen.id, { groupId: g1, note: '素食' });
  await enroll(klass.id, qian.id, {
    groupId: g1,
    status: 'withdrawn',
    withdrawnAt: new Date(),
    withdrawReason: '工作冲突',
  });

  // 60 trainees in two groups of 30, for the sign-in sheet's pages.
  big = await makeClass(t.database, {
    name: '东西部协作党政干部培训班',
    leadOrganiserId: school.id,
    directorId: directorUser.user.id,
    startDate: '2030-04-01',
    endDate: '2030-04-05',
  });
  bigGroupA = await group(big.id, 'A组', 1);
  const bigGroupB = await group(big.id, 'B组', 2);
  const sixty = await insertPeople(
    [enshiA.id, lichuan.id],
    60,
    (i) => `学员${String(i + 1).padStart(2, '0')}号`,
  );
  await t.database.db
    .insert(enrollments)
    .values(
      sixty.map((p, i) => ({ classId: big.id, personId: p.id, groupId: i < 30 ? bigGroupA : bigGroupB })),
    );
  otherClassGroup = g1;
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
  await t.close();
});

async function readSheet(res: LightMyRequestResponse): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  return sheet;
}

/** The data rows under the title, subtitle and header rows, as plain values. */
function dataRows(sheet: ExcelJS.Worksheet): unknown[][] {
  const rows: unknown[][] = [];
  sheet.eachRow((row, n) => {
    if (n > 3) rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
}

const headerOf = (sheet: ExcelJS.Worksheet) => (sheet.getRow(3).values as unknown[]).slice(1);

async function pdfText(res: LightMyRequestResponse, name = 'sheet.pdf'): Promise<string> {
  const file = path.join(tmp, name);
  await writeFile(file, res.rawPayload);
  const { stdout } = await run('/usr/bin/pdftotext', ['-layout', file, '-']);
  return stdout;
}

const pagesOf = (text: string) => text.split('\f').filter((p) => p.trim()).length;

describe('花名册 (roster.xlsx)', () => {
  it('lists the enrolled trainees by group, region, unit and name, with labels and a file name', async () => {
    const res = await director.get(`/api/v1/classes/${klass.id}/roster.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`花名册-${klass.code}.xlsx`)}`,
    );
    const sheet = await readSheet(res);
    expect(sheet.getCell('A1').value).toBe('全省疫情防控专题培训班 花名册');
    expect(String(sheet.getCell('A2').value)).toContain(klass.code);
    expect(String(sheet.getCell('A2').value)).toContain('2030-03-10 至 2030-03-12');
    expect(headerOf(sheet)).toEqual([
      '序号',
      '姓名',
      '性别',
      '民族',
      '出生年月',
      '政治面貌',
      '单位',
      '职务',
      '职级',
      '所在地区',
      '小组',
      '班委职务',
      '报到时间',
      '到达方式/车次航班',
      '返程票',
      '住宿',
      '备注',
    ]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, printTitlesRow: '3:3' });

    const rows = dataRows(sheet);
    // Group 1 (Enshi city before Lichuan; pinyin chenqi < zhangsan), group 2, then no group.
    expect(rows.map((r) => r[1])).toEqual(['陈七', '张三', '李四', '王五', '赵六']);
    expect(rows.map((r) => r[0])).toEqual([1, 2, 3, 4, 5]);
    expect(rows.map((r) => r[10] ?? null)).toEqual(['第一组', '第一组', '第一组', '第二组', null]);
    const zhang = rows[1] as unknown[];
    const ethnicity = (await t.services.dictionaries.items('ethnicity', true)).find((i) => i.code === '01');
    expect(zhang[2]).toBe('男');
    expect(zhang[3]).toBe(ethnicity?.labelZhCn);
    expect(zhang[4]).toMatch(/^\d{4}\.\d{2}$/);
    expect(zhang[6]).toBe('恩施市卫生健康局');
    expect(zhang[7]).toBe('副局长');
    expect(zhang[11]).toBe('班长');
    expect(zhang[12]).toBe('2030-03-09 15:05');
    expect(zhang[13]).toBe('火车 G1234 2030-03-09 14:30');
    expect(zhang[14]).toBe('需要');
    expect(zhang[15]).toBe('党校2号楼301');
    expect((rows[2] as unknown[])[11]).toBe('组长');
    expect((rows[0] as unknown[])[16]).toBe('素食');
    expect(rows.flat()).not.toContain('钱八');

    const audit = await auditOf(t, res);
    expect(audit).toEqual([
      expect.objectContaining({
        action: 'roster.export',
        entityType: 'class',
        entityId: klass.id,
        detail: { rows: 5, includeWithdrawn: false },
      }),
    ]);
  });

  it('adds withdrawn trainees with their reason when asked', async () => {
    const res = await orgAdmin.get(`/api/v1/classes/${klass.id}/roster.xlsx?includeWithdrawn=true`);
    expect(res.statusCode).toBe(200);
    const sheet = await readSheet(res);
    expect(headerOf(sheet).slice(-2)).toEqual(['状态', '退学原因']);
    const rows = dataRows(sheet);
    expect(rows.map((r) => r[1])).toEqual(['陈七', '钱八', '张三', '李四', '王五', '赵六']);
    expect((rows[1] as unknown[]).slice(-2)).toEqual(['已退学', '工作冲突']);
    expect((rows[0] as unknown[])[17]).toBe('在学');
    expect((rows[0] as unknown[])[18]).toBeUndefined();
  });

  it('speaks the reader’s language in headers and labels', async () => {
    officer.locale = 'zh-TW';
    const tw = await readSheet(await officer.get(`/api/v1/classes/${klass.id}/roster.xlsx`));
    officer.locale = 'en';
    const enRes = await officer.get(`/api/v1/classes/${klass.id}/roster.xlsx`);
    officer.locale = 'zh-CN';
    expect(headerOf(tw).slice(0, 3)).toEqual(['序號', '姓名', '性別']);
    expect(dataRows(tw)[1]?.[11]).toBe('班長');
    const en = await readSheet(enRes);
    expect(headerOf(en).slice(0, 3)).toEqual(['No.', 'Name', 'Gender']);
    expect(dataRows(en)[1]?.[2]).toBe('Male');
    expect(dataRows(en)[1]?.[1]).toBe('张三'); // data as stored
    expect(enRes.headers['content-disposition']).toContain(`filename*=UTF-8''roster-${klass.code}.xlsx`);
  });
});

describe('通讯录 (contacts.xlsx)', () => {
  it.each([
    ['the class director named on the class', () => director],
    ['an org admin of the region', () => orgAdmin],
    ['a training officer of the organiser', () => officer],
  ])('shows %s the mobile numbers in clear, and audits it', async (_who, client) => {
    const res = await client().get(`/api/v1/classes/${klass.id}/contacts.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain(encodeURIComponent(`通讯录-${klass.code}.xlsx`));
    const sheet = await readSheet(res);
    expect(headerOf(sheet)).toEqual(['序号', '姓名', '单位', '职务', '手机号', '小组']);
    const rows = dataRows(sheet);
    expect(rows.map((r) => [r[1], r[4] ?? null, r[5] ?? null])).toEqual([
      ['陈七', '13900000007', '第一组'],
      ['张三', '13812345678', '第一组'],
      ['李四', '13900000004', '第一组'],
      ['王五', '13900000005', '第二组'],
      ['赵六', null, null],
    ]);
    expect(await auditOf(t, res)).toEqual([
      expect.objectContaining({
        action: 'contacts.export',
        entityId: klass.id,
        detail: { rows: 5, unmasked: true },
      }),
    ]);
  });

  it('masks mobile numbers for a runner without roster.contacts', async () => {
    // No role grants roster.export without roster.contacts today; take one away by hand.
    const permissions = new Set(ROLE_PERMISSIONS.org_admin.filter((p) => p !== 'roster.contacts'));
    const ctx: RequestContext = {
      actor: {
        id: orgAdminId,
        username: 'masked',
        displayName: 'masked',
        roles: [{ role: 'org_admin', scopeId: '420000' }],
        permissions,
        sessionId: 'test',
      },
      ip: null,
      userAgent: 'vitest',
      requestId: null,
      locale: 'zh-CN',
    };
    const record = await t.services.classes.load(klass.id);
    const out = await t.services.rosters.contacts(ctx, record);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(out.file as unknown as ArrayBuffer);
    const rows = dataRows(workbook.worksheets[0] as ExcelJS.Worksheet);
    expect(rows[1]?.[4]).toBe('138****5678');
    expect(rows.flat()).not.toContain('13812345678');
  });
});

describe('签到表 (sign-in-sheet.pdf)', () => {
  it('prints the title, the trainees, 25 rows a page and page numbers', async () => {
    const res = await director.get(`/api/v1/classes/${big.id}/sign-in-sheet.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain(
      encodeURIComponent(`签到表-${big.code}-2030-04-01.pdf`),
    );
    const text = await pdfText(res);
    expect(text).toContain('《东西部协作党政干部培训班》签到表');
    expect(text).toContain('2030年4月1日');
    expect(text).toContain('应到 60 人');
    for (const header of ['序号', '姓名', '单位', '职务', '签到', '备注']) expect(text).toContain(header);
    for (let i = 1; i <= 60; i += 1) expect(text).toContain(`学员${String(i).padStart(2, '0')}号`);
    expect(pagesOf(text)).toBe(3);
    expect(text).toContain('第 1 页 共 3 页');
    expect(text).toContain('第 3 页 共 3 页');
    // The header row and title are on every page.
    for (const page of text.split('\f').filter((p) => p.trim())) {
      expect(page).toContain('签到表');
      expect(page).toContain('序号');
    }
    expect(res.rawPayload.length).toBeLessThan(300_000);
    const [audit] = await auditOf(t, res);
    expect(audit).toMatchObject({
      action: 'signin.export',
      entityId: big.id,
      detail: { rows: 60, pages: 3, date: '2030-04-01', groupId: null },
    });
  });

  it('prints one group on the day asked, its name in the title line', async () => {
    const res = await officer.get(
      `/api/v1/classes/${big.id}/sign-in-sheet.pdf?date=2030-04-03&groupId=${bigGroupA}`,
    );
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res, 'group.pdf');
    expect(text).toContain('2030年4月3日');
    expect(text).toContain('小组：A组');
    expect(text).toContain('学员01号');
    expect(text).not.toContain('学员31号');
    expect(pagesOf(text)).toBe(2);
    expect(text).toContain('第 2 页 共 2 页');
  });

  it('is in Traditional Chinese for a zh-TW reader, the data as stored', async () => {
    director.locale = 'zh-TW';
    const res = await director.get(`/api/v1/classes/${klass.id}/sign-in-sheet.pdf`);
    director.locale = 'zh-CN';
    expect(res.statusCode).toBe(200);
    const text = await pdfText(res, 'tw.pdf');
    expect(text).toContain('《全省疫情防控专题培训班》簽到表');
    expect(text).toContain('地點：省委党校报告厅');
    expect(text).toContain('應到 5 人');
    expect(text).toContain('序號');
    expect(text).toContain('张三');
    expect(text).toContain('第 1 頁 共 1 頁');
  });

  it('stays small with 300 trainees (fonts are subset)', async () => {
    const school = klass.leadOrganiserId;
    const large = await makeClass(t.database, { name: '三百人专题培训班', leadOrganiserId: school });
    const units = await Promise.all(
      [
        '恩施州委组织部',
        '宣恩县卫生健康局',
        '咸丰县教育局',
        '来凤县农业农村局',
        '鹤峰县人民医院',
        '巴东县第一中学',
      ].map((name) => makeUnit(t.database, { name, regionCode: '422801' })),
    );
    const surnames =
      '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
    const given = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国志红玉兰海燕立新春梅文斌';
    const trainees = await insertPeople(
      units.map((u) => u.id),
      300,
      (i) =>
        `${surnames[i % surnames.length]}${given[(i * 7) % given.length]}${given[(i * 13 + 5) % given.length]}`,
    );
    await t.database.db
      .insert(enrollments)
      .values(trainees.map((p) => ({ classId: large.id, personId: p.id })));
    const res = await director.get(`/api/v1/classes/${large.id}/sign-in-sheet.pdf`);
    expect(res.statusCode).toBe(403); // not named on this class
    const ok = await orgAdmin.get(`/api/v1/classes/${large.id}/sign-in-sheet.pdf`);
    expect(ok.statusCode).toBe(200);
    const text = await pdfText(ok, 'large.pdf');
    expect(pagesOf(text)).toBe(12);
    expect(text).toContain('第 12 页 共 12 页');
    console.info(`sign-in sheet, 300 rows / 12 pages: ${ok.rawPayload.length} bytes`);
    expect(ok.rawPayload.length).toBeLessThan(1_000_000);
  });

  it.each([
    ['a day outside the class', '?date=2030-03-20', 'date', 'date_outside_class'],
    ['a day before the class', '?date=2030-03-09', 'date', 'date_outside_class'],
    ['a malformed date', '?date=2030-3-10', 'querystring.date', undefined],
    ['a date that does not exist', '?date=2030-02-30', 'querystring.date', undefined],
    ['a group that does not exist', `?groupId=${crypto.randomUUID()}`, 'groupId', 'group_unknown'],
    ['a malformed group id', '?groupId=nope', 'querystring.groupId', undefined],
  ])('refuses %s with a field error', async (_what, query, field, code) => {
    const res = await director.get(`/api/v1/classes/${klass.id}/sign-in-sheet.pdf${query}`);
    expect(res.statusCode).toBe(400);
    const fields = res.json().error.fields as { path: string; code: string; message: string }[];
    expect(fields).toEqual([expect.objectContaining({ path: field, ...(code ? { code } : {}) })]);
    expect(fields[0]?.message).not.toBe(code);
  });

  it('refuses a group of another class', async () => {
    const res = await director.get(`/api/v1/classes/${big.id}/sign-in-sheet.pdf?groupId=${otherClassGroup}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toEqual([
      expect.objectContaining({ path: 'groupId', code: 'group_unknown' }),
    ]);
  });

  it('answers 503 with a clear reason when there is no CJK font', async () => {
    process.env.PDF_FONT_FILE = '/nonexistent/NotoSansCJK-Regular.ttc';
    try {
      const res = await director.get(`/api/v1/classes/${klass.id}/sign-in-sheet.pdf`);
      expect(res.statusCode).toBe(503);
      expect(res.json().error).toMatchObject({
        code: 'SERVICE_UNAVAILABLE',
        details: { reason: 'pdf_font_missing' },
      });
    } finally {
      delete process.env.PDF_FONT_FILE;
    }
  });
});

describe('font discovery', () => {
  it('takes PDF_FONT_FILE and PDF_FONT_FACE over the system fonts, and never a collection without a face', () => {
    const serif = '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc';
    expect(findCjkFont('zh-CN', { PDF_FONT_FILE: serif, PDF_FONT_FACE: 'NotoSerifCJKsc-Regular' })).toEqual({
      file: serif,
      face: 'NotoSerifCJKsc-Regular',
    });
    expect(findCjkFont('zh-CN', { PDF_FONT_FILE: serif })).toBeNull();
    expect(findCjkFont('zh-CN', { PDF_FONT_FILE: '/nonexistent.ttf' })).toBeNull();
    expect(findCjkFont('zh-CN', {})).toEqual({
      file: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
      face: 'NotoSansCJKsc-Regular',
    });
    expect(findCjkFont('zh-TW', {})?.face).toBe('NotoSansCJKtc-Regular');
  });
});

describe('who may export', () => {
  const exports = (id: string) => [
    `/api/v1/classes/${id}/roster.xlsx`,
    `/api/v1/classes/${id}/contacts.xlsx`,
    `/api/v1/classes/${id}/sign-in-sheet.pdf`,
  ];

  it.each([
    ['a unit liaison', () => liaison],
    ['a training officer of another institution', () => otherOfficer],
  ])('refuses %s every export, audited', async (_who, client) => {
    for (const url of exports(klass.id)) {
      const res = await client().get(url);
      expect(res.statusCode, url).toBe(403);
      expect(await auditOf(t, res)).toEqual([
        expect.objectContaining({ action: 'roster.export', outcome: 'denied', entityId: klass.id }),
      ]);
    }
  });

  it('answers 404 for a class that does not exist and 400 for a malformed id', async () => {
    expect((await director.get(`/api/v1/classes/${crypto.randomUUID()}/roster.xlsx`)).statusCode).toBe(404);
    const bad = await director.get('/api/v1/classes/nope/contacts.xlsx');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([expect.objectContaining({ path: 'params.id' })]);
    const flag = await director.get(`/api/v1/classes/${klass.id}/roster.xlsx?includeWithdrawn=yes`);
    expect(flag.statusCode).toBe(400);
    expect(flag.json().error.fields).toEqual([
      expect.objectContaining({ path: 'querystring.includeWithdrawn' }),
    ]);
  });
});
