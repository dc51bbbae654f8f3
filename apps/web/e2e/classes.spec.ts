import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { idCheckChar } from '@ganxun/domain';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { type E2EUser, USERS } from './env';
import { type Api, apiAs, assignRoles, createUnit, fillDate, pick, screenshot, signIn } from './helpers';

/**
 * Issue 4 end to end: the org admin of Hubei sets quotas for the 17 prefectures of a class and
 * publishes it; two liaisons nominate their people (one runs into its quota and is told so on
 * screen); the party school's training officer approves them in bulk, checks one in, and exports
 * the roster (xlsx) and the sign-in sheet (PDF), both read back.
 */

/** The 17 prefecture-level divisions of Hubei (GB/T 2260). */
const HUBEI_17 = [
  '420100',
  '420200',
  '420300',
  '420500',
  '420600',
  '420700',
  '420800',
  '420900',
  '421000',
  '421100',
  '421200',
  '421300',
  '422800',
  '429004',
  '429005',
  '429006',
  '429021',
];

const stamp = Date.now().toString(36).slice(-4);
const CLASS_NAME = `全省市县党政干部疫情防控专题培训班（${stamp}）`;
const ENSHI = { name: `恩施市卫生健康局（${stamp}）`, regionCode: '422801' };
const WUHAN = { name: `武汉市江岸区卫生健康局（${stamp}）`, regionCode: '420102' };
const SCHOOL = { name: `中共湖北省委党校（${stamp}）`, regionCode: '420106' };
const ENSHI_PEOPLE = ['向红梅', '田新华', '覃志刚'];
const WUHAN_PEOPLE = ['周建国', '李晓燕'];
const SEATS_EACH = 2;

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const START = day(20);
const END = day(21);

let sequence = 0;
/** A valid resident ID number born in `region` (odd sequence: male, even: female). */
function idNumber(region: string, gender: 'male' | 'female'): string {
  sequence += 1;
  const n = sequence * 2 + (gender === 'male' ? 1 : 0);
  const first17 = `${region}19800101${String(n).padStart(3, '0')}`;
  return first17 + idCheckChar(first17);
}

async function addPerson(api: Api, unitId: string, region: string, name: string, post: string) {
  const gender = name.endsWith('梅') || name.endsWith('燕') ? 'female' : 'male';
  await api.call('POST', '/people', {
    name,
    gender,
    ethnicity: '01',
    birthDate: '1980-01-01',
    idNumber: idNumber(region, gender),
    unitId,
    post,
    category: 'cadre',
  });
}

/**
 * Adds a region through the quota editor's region picker, by its code (the picker turns into a
 * search list), until the editor has `rows` rows: retried like helpers' `pick`, since under load a
 * click can land while the dropdown is still animating in and be swallowed.
 */
async function addRegion(
  page: Page,
  testId: string,
  code: string,
  rows: Locator,
  count: number,
): Promise<void> {
  const field = page.getByTestId(testId);
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await expect(async () => {
    if ((await rows.count()) >= count) return;
    if (!(await dropdown.isVisible())) await field.click();
    const input = field.locator('input');
    if ((await input.inputValue()) !== code) await input.fill(code);
    await dropdown
      .locator('.ant-select-tree-title')
      .filter({ hasText: code })
      .first()
      .click({ timeout: 3_000 });
    await expect(rows).toHaveCount(count, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Signs out whoever is signed in on `page` (by dropping the session cookie) and signs `user` in. */
async function switchTo(page: Page, user: Pick<E2EUser, 'username' | 'password'>): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, user);
}

/** An antd input's element (InputNumber, DatePicker), whether the test id sits on the input or on its wrapper. */
const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

/** Nominates `name` in the open nominate modal (the only usable quota is chosen for them). */
async function nominateIn(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('nominate-form')).toBeVisible();
  const picker = page.getByTestId('nominate-person');
  await picker.click();
  await picker.locator('input').fill(name);
  await page.getByTestId('person-option').filter({ hasText: name }).first().click();
  await expect(page.getByTestId('nominate-quota')).toContainText('剩余');
  await page.getByTestId('nominate-submit').click();
}

/** Saves the next download into a temporary folder and returns its path. */
async function download(page: Page, click: () => Promise<void>): Promise<{ file: string; name: string }> {
  const [dl] = await Promise.all([page.waitForEvent('download'), click()]);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'e2e-cls-')), dl.suggestedFilename());
  await dl.saveAs(file);
  return { file, name: dl.suggestedFilename() };
}

async function phoneQuotas(browser: Browser, baseURL: string): Promise<void> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const phone = await context.newPage();
  await signIn(phone, USERS.clsLiaisonA);
  await phone.goto('/my-quotas');
  await expect(phone.getByTestId('my-quotas-class').filter({ hasText: CLASS_NAME })).toBeVisible();
  const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await screenshot(phone, 'classes-phone-my-quotas');
  await context.close();
}

test('a class with quotas for 17 regions: nominated, approved in bulk, its roster exported', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const base = baseURL ?? '';
  let classId = '';

  await test.step('setup through the API: units, people, roles', async () => {
    const org = await apiAs(base, USERS.clsOrgAdmin);
    for (const code of HUBEI_17) {
      const region = await org.call<{ code: string; name: string }>('GET', `/regions/${code}`);
      expect(region.code).toBe(code);
    }
    const schoolId = await createUnit(org, { ...SCHOOL, type: 'party_school' });
    const enshiId = await createUnit(org, { ...ENSHI, type: 'party_government' });
    const wuhanId = await createUnit(org, { ...WUHAN, type: 'party_government' });
    for (const name of ENSHI_PEOPLE) await addPerson(org, enshiId, ENSHI.regionCode, name, '副局长');
    for (const name of WUHAN_PEOPLE) await addPerson(org, wuhanId, WUHAN.regionCode, name, '科长');
    await assignRoles(base, USERS.clsOfficer, [{ role: 'training_officer', scopeId: schoolId }]);
    await assignRoles(base, USERS.clsLiaisonA, [{ role: 'unit_liaison', scopeId: enshiId }]);
    await assignRoles(base, USERS.clsLiaisonB, [{ role: 'unit_liaison', scopeId: wuhanId }]);
    await org.ctx.dispose();
  });

  await test.step('the org admin plans the class in the form', async () => {
    await signIn(page, USERS.clsOrgAdmin);
    await page.goto('/classes');
    await page.getByTestId('create-class').click();
    await page.getByTestId('class-form-name').fill(CLASS_NAME);
    await pick(page, page.getByTestId('class-form-kind'), '', '专题班');
    await pick(page, page.getByTestId('class-form-lead'), SCHOOL.name, SCHOOL.name);
    await fillDate(page, 'class-form-start', START);
    await fillDate(page, 'class-form-end', END);
    // Two days at the default 8 学时 a day.
    await expect(page.getByTestId('class-form-derived-hours')).toContainText('16');
    await numberInput(page, 'class-form-capacity').fill('60');
    await fillDate(page, 'class-form-deadline', `${day(10)} 18:00`);
    await page.getByTestId('class-form-submit').click();
    await expect(page).toHaveURL(/\/classes\/[0-9a-f-]{36}/);
    classId = new URL(page.url()).pathname.split('/')[2] ?? '';
    await expect(page.getByTestId('class-name')).toHaveText(CLASS_NAME);
  });

  await test.step('the org admin sets quotas for the 17 regions, split evenly, and publishes', async () => {
    await page.goto(`/classes/${classId}?tab=quotas`);
    await expect(page.getByTestId('class-name')).toHaveText(CLASS_NAME);
    await page.getByTestId('quota-edit').click();
    const rows = page.getByTestId('quota-editor-table').locator('tbody tr.ant-table-row');
    for (const [i, code] of HUBEI_17.entries()) {
      await addRegion(page, 'quota-add-region', code, rows, i + 1);
    }
    await numberInput(page, 'quota-split-total').fill(String(HUBEI_17.length * SEATS_EACH));
    await page.getByTestId('quota-split-even').click();
    await expect(numberInput(page, 'quota-seats')).toHaveValue(String(SEATS_EACH));
    await page.getByTestId('quota-save').click();
    await expect(page.getByTestId('quota-table').locator('tbody tr.ant-table-row')).toHaveCount(17);
    await screenshot(page, 'classes-quotas');

    await page.getByTestId('class-action-publish').click();
    await page.getByTestId('class-action-confirm').click();
    await expect(page.getByTestId('class-action-close_nominations')).toBeVisible();
  });

  await test.step('the Enshi liaison nominates two and hits the quota with the third', async () => {
    await switchTo(page, USERS.clsLiaisonA);
    await page.getByTestId('side-menu').getByText('名额与报名').click();
    await expect(page).toHaveURL(/\/my-quotas$/);
    const card = page.getByTestId('my-quotas-class').filter({ hasText: CLASS_NAME });
    await expect(card.getByTestId('my-quota')).toContainText(`已用 0 / ${SEATS_EACH}`);
    for (const name of ENSHI_PEOPLE.slice(0, 2)) {
      await card.getByTestId('my-quotas-nominate').click();
      await nominateIn(page, name);
      await expect(page.getByText(`已推荐 ${name}`)).toBeVisible();
      await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
    }
    await expect(card.getByTestId('my-quota')).toContainText(`已用 ${SEATS_EACH} / ${SEATS_EACH}`);
    await expect(card.getByTestId('my-nominee')).toHaveCount(2);

    // The third: the quota is full; the server's reason is on screen, in the dialog and on the field.
    await card.getByTestId('my-quotas-nominate').click();
    await expect(page.getByTestId('nominate-form')).toBeVisible();
    const picker = page.getByTestId('nominate-person');
    await picker.click();
    await picker.locator('input').fill(ENSHI_PEOPLE[2] ?? '');
    await page.getByTestId('person-option').filter({ hasText: ENSHI_PEOPLE[2] }).first().click();
    // A full quota is still offered, marked full, so that the server's refusal is what one reads.
    await expect(page.getByTestId('nominate-quota')).toContainText('已满');
    await page.getByTestId('nominate-submit').click();
    const refusal = `该名额已满（共 ${SEATS_EACH} 个名额）`;
    await expect(page.getByTestId('nominate-error')).toContainText(refusal);
    await expect(page.getByTestId('nominate-form').locator('.ant-form-item-explain-error')).toContainText(
      refusal,
    );
    await screenshot(page, 'classes-quota-full');
    await page.locator('.ant-modal-wrap:visible .ant-modal-close').click();
    await expect(card.getByTestId('my-nominee')).toHaveCount(2);
  });

  await test.step('the Wuhan liaison nominates two from the class page', async () => {
    await switchTo(page, USERS.clsLiaisonB);
    await page.goto(`/classes/${classId}?tab=nominations`);
    for (const name of WUHAN_PEOPLE) {
      await page.getByTestId('nominate-open').click();
      await nominateIn(page, name);
      await expect(page.getByText(`已推荐 ${name}`)).toBeVisible();
      await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
    }
    await expect(page.getByTestId('nominations-table').locator('tbody tr.ant-table-row')).toHaveCount(2);
  });

  await test.step('the training officer approves the four in bulk', async () => {
    await switchTo(page, USERS.clsOfficer);
    await page.goto(`/classes/${classId}?tab=nominations`);
    const table = page.getByTestId('nominations-table');
    await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(4);
    await expect(page.getByTestId('nomination-counts')).toContainText('待审核 4');
    await table.locator('thead .ant-checkbox-input').check();
    await expect(page.getByTestId('nomination-bulk')).toContainText('已选 4 条');
    await screenshot(page, 'classes-nominations');
    await page.getByTestId('nomination-approve').click();
    await expect(page.getByText('已通过 4 人')).toBeVisible();
    await expect(page.getByTestId('nomination-counts')).toContainText('已通过 4');
    await expect(table.getByTestId('nomination-status').filter({ hasText: '已通过' })).toHaveCount(4);
  });

  await test.step('the roster: one checks in; roster.xlsx and the sign-in PDF carry the names', async () => {
    await page.goto(`/classes/${classId}?tab=roster`);
    const table = page.getByTestId('roster-table');
    await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(4);
    await expect(page.getByTestId('check-in-counter')).toContainText('已报到 0 / 4');
    await table.getByTestId('enrollment-check-in').first().click();
    await expect(page.getByTestId('check-in-counter')).toContainText('已报到 1 / 4');
    await screenshot(page, 'classes-roster');

    const names = [...ENSHI_PEOPLE.slice(0, 2), ...WUHAN_PEOPLE];
    const roster = await download(page, () => page.getByTestId('export-roster').click());
    expect(roster.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(roster.file);
    const cells: string[] = [];
    for (const sheet of workbook.worksheets) {
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(cell.text);
        });
      });
    }
    for (const name of names) expect(cells).toContain(name);
    expect(cells).not.toContain(ENSHI_PEOPLE[2]);

    await page.getByTestId('export-sign-in').click();
    await expect(numberInput(page, 'sign-in-date')).toHaveValue(START);
    const sheet = await download(page, () => page.getByTestId('sign-in-download').click());
    expect(sheet.name).toMatch(/\.pdf$/);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', sheet.file, '-']).toString('utf8');
    for (const name of names) expect(text.replace(/\s+/g, '')).toContain(name);
  });

  await test.step('the liaison page at phone width', async () => {
    await phoneQuotas(browser, base);
  });
});
