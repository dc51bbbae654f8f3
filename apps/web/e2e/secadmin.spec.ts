import { expect, request, test } from '@playwright/test';
import { USERS } from './env';
import { pick, screenshot, signIn } from './helpers';

/** The unit the security admin scopes a liaison to: added by Hangzhou's org admin through the API. */
const UNIT = { name: '杭州市上城区卫生健康局', type: 'party_government', regionCode: '330102' };

async function addUnit(baseURL: string): Promise<void> {
  const ctx = await request.newContext({ baseURL });
  const { username, password } = USERS.scopeOrgAdmin;
  const login = await ctx.post('/api/v1/auth/login', { data: { username, password } });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const res = await ctx.post('/api/v1/units', { data: UNIT, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), await res.text()).toBe(201);
  await ctx.dispose();
}

test('the security administrator edits settings, sees sessions and assigns roles with scopes', async ({
  page,
  baseURL,
}) => {
  await addUnit(String(baseURL));
  await signIn(page, USERS.secadmin);
  const menu = page.getByTestId('side-menu');
  for (const item of ['用户管理', '数据字典', '安全设置', '在线会话'])
    await expect(menu.getByText(item)).toBeVisible();
  await expect(menu.getByText('审计日志')).toHaveCount(0);
  await expect(menu.getByText('人员库')).toHaveCount(0);

  await menu.getByText('安全设置').click();
  const idle = page.getByRole('spinbutton', { name: '空闲超时（分钟）' });
  await expect(idle).toHaveValue('30');
  await idle.fill('45');
  await page.getByRole('button', { name: /保\s?存/ }).click();
  await expect(page.getByText('安全设置已保存')).toBeVisible();
  await screenshot(page, 'security-settings');

  await menu.getByText('在线会话').click();
  await expect(page.getByText('当前会话').first()).toBeVisible();
  await screenshot(page, 'online-sessions');

  await menu.getByText('用户管理').click();
  // The security admin assigns roles but does not create accounts.
  await expect(page.getByTestId('create-user')).toHaveCount(0);
  const search = page.getByPlaceholder('用户名或姓名');
  await search.fill(USERS.roleTarget.username);
  await search.press('Enter');
  const row = page
    .getByTestId('users-table')
    .getByRole('row', { name: new RegExp(USERS.roleTarget.username) });
  await expect(row).toHaveCount(1);
  await row.getByRole('button', { name: /分配角色/ }).click();

  const dialog = page.getByRole('dialog');
  const chooseRole = async (label: string) => {
    await dialog.getByRole('button', { name: /添加角色/ }).click();
    await dialog.locator('.ant-select').filter({ hasText: '角色' }).last().click();
    await page.locator('.ant-select-dropdown:visible').getByText(label, { exact: true }).click();
  };
  // A scoped role without its scope is refused before anything is sent.
  await chooseRole('组织部管理员');
  await dialog.getByRole('button', { name: /保\s?存/ }).click();
  await expect(dialog.getByText('该角色必须指定范围')).toBeVisible();
  // The org admin's region is picked from the division tree, by name …
  await pick(page, dialog.getByTestId('role-scope-1'), '杭州', '杭州市');
  // … and the liaison's unit from the unit tree, searched by name.
  await chooseRole('单位联络员');
  const unitField = dialog.getByTestId('role-scope-2');
  await unitField.click();
  await unitField.locator('input').fill('上城区卫生');
  const option = page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
    .locator('.ant-select-tree-title')
    .filter({ hasText: UNIT.name });
  await expect(option).toHaveCount(1);
  await screenshot(page, 'roles-editor-unit-picker');
  await option.click();
  await expect(unitField).toContainText(UNIT.name);
  await expect(dialog.getByText('该角色必须指定范围')).toHaveCount(0);
  await screenshot(page, 'roles-editor');

  await dialog.getByRole('button', { name: /保\s?存/ }).click();
  await expect(page.getByText('角色已保存')).toBeVisible();
  // The list names the scopes: no region code, no unit id.
  await expect(row).toContainText('组织部管理员 · 杭州市');
  await expect(row).toContainText(`单位联络员 · ${UNIT.name}`);
  await expect(row).toContainText('学员');
  await expect(row).not.toContainText('330100');
  await screenshot(page, 'users-scopes');
});

test('the system administrator sees national-standard dictionaries as read-only', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByTestId('side-menu').getByText('数据字典').click();
  await expect(page.locator('.ant-list-item').first()).toBeVisible();
  const standard = page
    .locator('.ant-list-item', { has: page.locator('.ant-tag', { hasText: /GB\/T/ }) })
    .first();
  if ((await standard.count()) > 0) {
    await standard.click();
    await expect(page.getByText(/该字典依据国家标准 GB\/T/)).toBeVisible();
  }
  await screenshot(page, 'dictionaries');
});
