import { idCheckChar, maskIdNumber } from '@ganxun/domain';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { USERS } from './env';
import { apiAs, createUnit, makeUnitLiaison, peopleRows, pick, screenshot, signIn } from './helpers';

/**
 * The directory by hand: an org admin of Hubei creates a unit and a person (the ID number fills in
 * birth date and gender), finds the person by pinyin initials, sees the ID number masked and
 * reveals it with a reason; the liaison of another unit cannot see that person at all.
 */

const UNIT = { name: '武汉市江岸区卫生健康局', region: '420102', regionName: '江岸区' };
const OTHER_UNIT = { name: '武汉市黄陂区教育局', type: 'party_government', regionCode: '420116' };
const first17 = '42010219850312013'; // 江岸区, 1985-03-12, odd sequence: male
const PERSON = {
  name: '欧阳明辉',
  initials: 'oymh',
  idNumber: first17 + idCheckChar(first17),
  birthDate: '1985-03-12',
  post: '副局长',
  mobile: '13912345678',
};

/** Types into an antd (Tree)Select's search box and picks the option whose title contains `text`. */
async function searchPeople(page: Page, q: string): Promise<void> {
  await page.getByTestId('people-search').locator('input').fill(q);
  await page.getByTestId('people-search').locator('.ant-input-search-btn').click();
  await expect(page).toHaveURL(new RegExp(`q=${q}`));
}

/** Signs in on a phone-sized page of its own and takes the two phone screenshots. */
async function phoneScreenshots(browser: Browser, baseURL: string, personId: string): Promise<void> {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 375, height: 812 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const phone = await context.newPage();
  await signIn(phone, USERS.dirOrgAdmin);
  await phone.goto(`/people?q=${PERSON.initials}`);
  await expect(peopleRows(phone)).toHaveCount(1);
  const overflow = () => phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(await overflow()).toBeLessThanOrEqual(1);
  await screenshot(phone, 'directory-phone-people');
  await phone.goto(`/people/${personId}`);
  await expect(phone.getByTestId('person-name')).toHaveText(PERSON.name);
  expect(await overflow()).toBeLessThanOrEqual(1);
  await screenshot(phone, 'directory-phone-person');
  await context.close();
}

test('an org admin keeps a unit and a person; a liaison of another unit does not see them', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  let personId = '';

  await test.step('the org admin creates a unit', async () => {
    await signIn(page, USERS.dirOrgAdmin);
    await page.getByTestId('side-menu').getByText('单位管理').click();
    await expect(page).toHaveURL(/\/units$/);
    await page.getByTestId('create-unit').click();
    await page.getByTestId('unit-form-name').fill(UNIT.name);
    await pick(page, page.getByTestId('unit-form-type'), '', '党政机关');
    await pick(page, page.getByTestId('unit-form-region'), UNIT.region, UNIT.regionName);
    await page.getByTestId('unit-form-submit').click();
    await expect(page.getByText('单位已创建')).toBeVisible();
    await expect(page.getByTestId('unit-details-name')).toHaveText(UNIT.name);
    await expect(page.getByTestId('unit-details')).toContainText(UNIT.regionName);
    await expect(page.getByTestId('unit-tree')).toContainText(UNIT.name);
    await screenshot(page, 'directory-units');
  });

  await test.step('the org admin adds a person; the ID number fills in birth date and gender', async () => {
    await page.getByTestId('side-menu').getByText('人员库').click();
    await expect(page).toHaveURL(/\/people$/);
    await page.getByTestId('create-person').click();
    await page.getByTestId('person-form-name').fill(PERSON.name);
    await page.getByTestId('person-form-id-number').fill(PERSON.idNumber);
    const form = page.getByTestId('person-form');
    await expect(form.locator('#birthDate')).toHaveValue(PERSON.birthDate);
    await expect(page.getByTestId('person-form-gender').locator('.ant-radio-wrapper-checked')).toHaveText(
      '男',
    );

    // A wrong check digit shows on the field before anything is sent.
    const wrong = PERSON.idNumber.slice(0, 17) + (PERSON.idNumber.endsWith('0') ? '1' : '0');
    await page.getByTestId('person-form-id-number').fill(wrong);
    await expect(form).toContainText('身份证号校验位不正确');
    await page.getByTestId('person-form-id-number').fill(PERSON.idNumber);
    await expect(form).not.toContainText('身份证号校验位不正确');

    await pick(page, page.getByTestId('person-form-unit'), '江岸区卫生', UNIT.name);
    await form.locator('#post').fill(PERSON.post);
    await page.getByTestId('person-form-mobile').fill(PERSON.mobile);
    await page.getByTestId('person-form-submit').click();
    await expect(page.getByText('人员已新增')).toBeVisible();
    // The drawer hands focus back to its button when it has closed; wait for that first.
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  });

  await test.step('found by pinyin initials, with the ID number masked', async () => {
    await searchPeople(page, PERSON.initials);
    await expect(peopleRows(page)).toHaveCount(1);
    const row = peopleRows(page).first();
    await expect(row).toContainText(PERSON.name);
    await expect(row).toContainText(maskIdNumber(PERSON.idNumber));
    await expect(row).not.toContainText(PERSON.idNumber);
    await screenshot(page, 'directory-people');

    // The export is the filtered list as xlsx.
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('people-export').click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  });

  await test.step('a login account is made from the person, its password shown once', async () => {
    await peopleRows(page).first().locator('.ant-checkbox-input').check();
    await page.getByTestId('create-accounts').click();
    await page.getByTestId('accounts-submit').click();
    const result = page.getByTestId('accounts-result');
    await expect(result).toContainText('ouyangminghui');
    await expect(result).toContainText('已创建');
    await expect(page.getByTestId('accounts-print')).toBeVisible();
    await page.getByTestId('accounts-done').click();
    await page.locator('.ant-modal-confirm .ant-btn-primary').click();
    await expect(peopleRows(page).first()).not.toHaveClass(/ant-table-row-selected/);
  });

  await test.step('the person page reveals the ID number for a stated reason', async () => {
    await peopleRows(page).first().getByTestId('person-link').click();
    await expect(page).toHaveURL(/\/people\/[0-9a-f-]{36}$/);
    personId = page.url().split('/').pop() ?? '';
    await expect(page.getByTestId('person-name')).toHaveText(PERSON.name);
    await expect(page.getByTestId('person-unit-path')).toContainText(UNIT.name);
    await expect(page.getByTestId('person-id-number')).toHaveText(maskIdNumber(PERSON.idNumber));
    await screenshot(page, 'directory-person');

    await page.getByTestId('reveal-open').first().click();
    await page.getByTestId('reveal-submit').click();
    await expect(page.getByRole('dialog', { name: '查看完整个人信息' })).toContainText('请填写此项');
    await page.getByTestId('reveal-reason').fill('核对培训报名信息');
    await page.getByTestId('reveal-submit').click();
    await expect(page.getByTestId('person-id-number')).toHaveText(PERSON.idNumber);
    await expect(page.getByTestId('reveal-notice')).toContainText('审计日志');
    await screenshot(page, 'directory-person-revealed');

    await page.getByRole('tab', { name: '培训档案' }).click();
    await expect(page.getByTestId('person-requirement')).toContainText('90 学时');
  });

  await test.step('the stored mobile number is removed on purpose, not by leaving the field empty', async () => {
    // Still revealed from the step before: after the edit the page must not go on showing it.
    await page.getByRole('tab', { name: '基本信息' }).click();
    await expect(page.getByTestId('person-mobile')).toHaveText(PERSON.mobile);
    await page.getByTestId('person-edit').click();
    await expect(page.getByTestId('person-form-mobile')).toHaveValue('');
    await page.getByTestId('person-form-clear-mobile').check();
    await expect(page.getByTestId('person-form-mobile')).toBeDisabled();
    await screenshot(page, 'directory-person-clear-mobile');
    await page.getByTestId('person-form-submit').click();
    await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
    await expect(page.getByTestId('person-mobile')).toHaveText('—');
  });

  await test.step('the person list and page at phone width', async () => {
    await phoneScreenshots(browser, String(baseURL), personId);
  });

  await test.step('a liaison of another unit sees neither the person nor their page', async () => {
    const orgAdmin = await apiAs(String(baseURL), USERS.dirOrgAdmin);
    const otherId = await createUnit(orgAdmin, OTHER_UNIT);
    await orgAdmin.ctx.dispose();
    await makeUnitLiaison(String(baseURL), USERS.dirLiaison, otherId);

    await page.context().clearCookies();
    await signIn(page, USERS.dirLiaison);
    await page.getByTestId('side-menu').getByText('人员库').click();
    await searchPeople(page, PERSON.initials);
    await expect(page.getByTestId('people-table')).toContainText('暂无数据');
    await expect(peopleRows(page)).toHaveCount(0);
    await page.goto(`/people/${personId}`);
    await expect(page.getByText('没有访问权限')).toBeVisible();
  });
});
