import { idCheckChar, maskIdNumber } from '@ganxun/domain';
import { type Download, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { USERS } from './env';
import { apiAs, createUnit, makeUnitLiaison, peopleRows, screenshot, signIn } from './helpers';

/**
 * The "done when" of issue 3: an org admin of Enshi prefecture imports a roster with a few bad
 * rows, fixes them from the error report, re-imports and finds everyone, masked; a unit liaison
 * then sees only the people of their own unit.
 */

// ── The roster ──────────────────────────────────────────────────────────────────────────────────

interface UnitSeed {
  key: 'clinic' | 'school' | 'office';
  name: string;
  type: string;
  regionCode: string;
}
const UNITS: UnitSeed[] = [
  { key: 'clinic', name: '恩施市龙凤镇卫生院', type: 'health_centre', regionCode: '422801' },
  { key: 'school', name: '利川市第一中学', type: 'school', regionCode: '422802' },
  { key: 'office', name: '建始县人民政府办公室', type: 'party_government', regionCode: '422822' },
];

interface Person {
  name: string;
  gender: '男' | '女';
  ethnicity: string;
  birthDate: string;
  idNumber: string;
  mobile: string;
  political: string;
  education: string;
  unit: string;
  post: string;
  category: string;
  specialty: string;
}

/** A GB 11643 number: birthplace, birth date, a sequence whose parity is the gender, check char. */
function idNumber(region: string, birthDate: string, seq: number, gender: '男' | '女'): string {
  const parity = gender === '男' ? 1 : 0;
  const s = seq * 2 + parity;
  const first17 = `${region}${birthDate.replaceAll('-', '')}${String(s).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

function person(
  n: number,
  name: string,
  gender: '男' | '女',
  birthDate: string,
  unit: UnitSeed,
  post: string,
  extra: Partial<Person> = {},
): Person {
  const professional = unit.key !== 'office';
  return {
    name,
    gender,
    ethnicity: n % 3 === 0 ? '汉族' : '土家族',
    birthDate,
    idNumber: idNumber(unit.regionCode, birthDate, 100 + n, gender),
    mobile: `139${String(71800000 + n * 137).padStart(8, '0')}`,
    political: n % 2 === 0 ? '中国共产党党员' : '群众',
    education: '大学本科',
    unit: unit.name,
    post,
    category: professional ? '专技人才' : '党政干部',
    specialty: professional ? (unit.key === 'clinic' ? '医疗' : '教育') : '',
    ...extra,
  };
}

const [clinic, school, office] = UNITS as [UnitSeed, UnitSeed, UnitSeed];
const GOOD: Person[] = [
  person(1, '向红梅', '女', '1982-04-16', clinic, '护士长'),
  person(2, '田志刚', '男', '1976-11-03', clinic, '院长'),
  person(3, '覃晓燕', '女', '1990-07-21', clinic, '医师'),
  person(4, '谭明军', '男', '1985-01-09', clinic, '药剂师'),
  person(5, '黄丽娟', '女', '1988-09-30', school, '教师'),
  person(6, '冉建国', '男', '1972-05-12', school, '校长'),
  person(7, '杨秀英', '女', '1993-03-08', school, '教师'),
  person(8, '邓小琴', '女', '1979-12-25', office, '主任'),
  person(9, '牟春花', '女', '1987-06-14', office, '科员'),
];
/** The three rows as first typed, and as fixed after reading the error report. */
const FIXED: Person[] = [
  person(10, '张家豪', '男', '1991-08-19', school, '教师'),
  person(11, '滕云飞', '男', '1987-02-28', office, '副主任'),
  person(12, '龚文静', '女', '1995-10-02', school, '教师'),
];
const [badCheck, badDate, badUnit] = FIXED as [Person, Person, Person];
const last = badCheck.idNumber.at(-1) === '0' ? '1' : '0';
const brokenCheck: Person = { ...badCheck, idNumber: `${badCheck.idNumber.slice(0, 17)}${last}` };
const impossible = `${badDate.idNumber.slice(0, 6)}19870230${badDate.idNumber.slice(14, 17)}`;
const brokenDate: Person = {
  ...badDate,
  birthDate: '1987-02-30',
  idNumber: impossible + idCheckChar(impossible),
};
const brokenUnit: Person = { ...badUnit, unit: '利川市一中' };
const BROKEN = [brokenCheck, brokenDate, brokenUnit];
/** Rows as they sit in the sheet: the bad ones among the good, as in a real roster. */
const firstFile: Person[] = [
  ...GOOD.slice(0, 3),
  brokenCheck,
  ...GOOD.slice(3, 6),
  brokenDate,
  ...GOOD.slice(6),
  brokenUnit,
];
const fixedFile: Person[] = firstFile.map((p) => FIXED[BROKEN.indexOf(p)] ?? p);
/** Sheet row numbers (header is row 1) of the bad rows. */
const badRowNos = BROKEN.map((p) => firstFile.indexOf(p) + 2);
/** Someone already in the directory whose post the roster changes (an update with a diff). */
const EXISTING = GOOD[0] as Person;

const HEADERS = [
  '姓名',
  '性别',
  '民族',
  '出生日期',
  '身份证号码',
  '手机号码',
  '政治面貌',
  '学历',
  '单位',
  '职务',
  '人员类别',
  '专业类别',
];

async function rosterXlsx(people: Person[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('人员名册');
  sheet.addRow(HEADERS);
  for (const p of people) {
    sheet.addRow([
      p.name,
      p.gender,
      p.ethnicity,
      p.birthDate,
      p.idNumber,
      p.mobile,
      p.political,
      p.education,
      p.unit,
      p.post,
      p.category,
      p.specialty,
    ]);
  }
  // ID numbers as text, as a careful clerk formats the column (numbers would lose digits).
  sheet.getColumn(5).numFmt = '@';
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** Every cell of every sheet of a downloaded workbook, as text. */
async function cellsOf(download: Download): Promise<string[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await download.path());
  const cells: string[] = [];
  for (const sheet of book.worksheets) {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        cells.push(cell.text);
      });
    });
  }
  return cells;
}

async function upload(page: Page, fileName: string, people: Person[]): Promise<void> {
  await page.locator('input[type=file]').setInputFiles({
    name: fileName,
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: await rosterXlsx(people),
  });
  await expect(page.getByText(fileName)).toBeVisible();
  await page.getByTestId('import-submit').click();
  await expect(page).toHaveURL(/\/imports\/[0-9a-f-]{36}$/);
}

test('an org admin imports a roster, fixes the bad rows, and a liaison sees only their unit', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const orgAdmin = await apiAs(String(baseURL), USERS.importOrgAdmin);
  const unitIds = new Map<string, string>();

  await test.step('setup: the units exist, and one person is already in the directory', async () => {
    for (const unit of UNITS) {
      unitIds.set(unit.name, await createUnit(orgAdmin, unit));
    }
    await orgAdmin.call('POST', '/people', {
      name: EXISTING.name,
      gender: 'female',
      ethnicity: '15', // 土家族, as in the roster
      politicalStatus: '13', // 群众
      education: 'bachelor',
      birthDate: EXISTING.birthDate,
      idNumber: EXISTING.idNumber,
      mobile: EXISTING.mobile,
      unitId: unitIds.get(EXISTING.unit),
      post: '护士',
      category: 'professional',
      specialty: 'medical',
    });
  });

  await test.step('the first upload finds three bad rows and writes nothing', async () => {
    await signIn(page, USERS.importOrgAdmin);
    await page.getByTestId('side-menu').getByText('数据导入').click();
    await expect(page).toHaveURL(/\/imports$/);

    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-template').click(),
    ]);
    expect(template.suggestedFilename()).toMatch(/\.xlsx$/);
    expect(await cellsOf(template)).toEqual(expect.arrayContaining(['姓名']));

    await upload(page, '恩施州卫健教育系统人员名册.xlsx', firstFile);
    const blocked = page.getByTestId('import-blocked');
    await expect(blocked).toContainText('3 行', { timeout: 30_000 });
    await expect(page.getByTestId('import-commit')).toBeDisabled();
    await expect(blocked).toContainText('不会写入任何数据');
    const rows = page.getByTestId('import-rows').locator('tr.ant-table-row');
    await expect(rows).toHaveCount(3);
    for (const rowNo of badRowNos) {
      await expect(
        rows.filter({ has: page.getByRole('cell', { name: String(rowNo), exact: true }) }),
      ).toHaveCount(1);
    }
    await expect(page.getByTestId('import-rows')).toContainText('校验位');
    await expect(page.getByTestId('import-rows')).toContainText('利川市一中');
    await screenshot(page, 'import-preview-errors');

    const [report] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('import-download-errors').click(),
    ]);
    expect(report.suggestedFilename()).toMatch(/\.xlsx$/);
    const cells = await cellsOf(report);
    for (const rowNo of badRowNos) expect(cells).toContain(String(rowNo));

    // The same preview on a phone: the table scrolls sideways inside its card.
    await page.setViewportSize({ width: 375, height: 812 });
    await screenshot(page, 'import-preview-errors-phone');
    await page.setViewportSize({ width: 1366, height: 860 });

    // Nothing was written: the bad file is cancelled and its people are not in the directory.
    await page.getByTestId('import-cancel').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect(page).toHaveURL(/\/imports$/);
    await expect(page.getByTestId('recent-imports')).toContainText('已取消');
    const none = await orgAdmin.call<{ total: number }>('GET', `/people?q=${encodeURIComponent('田志刚')}`);
    expect(none.total).toBe(0);
  });

  await test.step('the fixed file validates, shows the update, and commits', async () => {
    await upload(page, '恩施州卫健教育系统人员名册（修正）.xlsx', fixedFile);
    const ready = page.getByTestId('import-ready');
    await expect(ready).toBeVisible({ timeout: 30_000 });
    await expect(ready).toContainText(`新增 ${fixedFile.length - 1} 人`);
    await expect(ready).toContainText('更新 1 人');

    await page.getByTestId('import-filter').getByText('更新').click();
    const update = page.getByTestId('import-rows').locator('tr.ant-table-row');
    await expect(update).toHaveCount(1);
    await expect(update).toContainText(EXISTING.name);
    await expect(update).toContainText('职务');
    await expect(update).toContainText('护士');
    await expect(update).toContainText('护士长');
    await expect(update).toContainText(maskIdNumber(EXISTING.idNumber));
    await screenshot(page, 'import-preview-ready');

    await page.getByTestId('import-commit').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect(page.getByTestId('import-committed')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('import-committed')).toContainText(`新增 ${fixedFile.length - 1} 人`);
    await screenshot(page, 'import-committed');
  });

  await test.step('every person is in the directory, with masked ID numbers', async () => {
    await page.getByTestId('import-view-people').click();
    await expect(page).toHaveURL(/\/people$/);
    for (const unit of UNITS) {
      const expected = fixedFile.filter((p) => p.unit === unit.name);
      await page.goto(`/people?unitId=${unitIds.get(unit.name)}`);
      await expect(peopleRows(page)).toHaveCount(expected.length);
      for (const p of expected) {
        const row = peopleRows(page).filter({ hasText: p.name });
        await expect(row).toContainText(maskIdNumber(p.idNumber));
        await expect(row).not.toContainText(p.idNumber);
        await expect(row).toContainText(`${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`);
        await expect(row).not.toContainText(p.mobile);
        expect(maskIdNumber(p.idNumber)).toMatch(/^\d{3}\*{11}\d{3}[\dX]$/);
      }
    }
    await screenshot(page, 'import-people');
  });

  await test.step('a liaison of the school sees only the school', async () => {
    await makeUnitLiaison(String(baseURL), USERS.importLiaison, unitIds.get(school.name));

    await page.context().clearCookies();
    await signIn(page, USERS.importLiaison);
    await page.getByTestId('side-menu').getByText('人员库').click();
    await expect(page).toHaveURL(/\/people$/);
    const mine = fixedFile.filter((p) => p.unit === school.name);
    await expect(peopleRows(page)).toHaveCount(mine.length);
    for (const p of mine) await expect(peopleRows(page).filter({ hasText: p.name })).toHaveCount(1);
    for (const p of fixedFile.filter((x) => x.unit !== school.name)) {
      await expect(page.getByTestId('people-table')).not.toContainText(p.name);
    }
    await screenshot(page, 'import-liaison-people');

    // Nor can the liaison open someone of another unit by address: a 403, not their record.
    const clinicPeople = await orgAdmin.call<{ items: { id: string; name: string }[] }>(
      'GET',
      `/people?unitId=${unitIds.get(clinic.name)}`,
    );
    const stranger = clinicPeople.items[0];
    expect(stranger).toBeTruthy();
    await page.goto(`/people/${stranger?.id}`);
    await expect(page.getByText('没有访问权限')).toBeVisible();
    await expect(page.getByText(stranger?.name ?? '—')).toHaveCount(0);
  });

  await orgAdmin.ctx.dispose();
});
