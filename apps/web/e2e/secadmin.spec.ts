import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, signIn } from './helpers';

test('the security administrator edits settings, sees sessions and assigns roles with scopes', async ({
  page,
}) => {
  await signIn(page, USERS.secadmin);
  const menu = page.getByTestId('side-menu');
  for (const item of ['用户管理', '数据字典', '安全设置', '在线会话'])
    await expect(menu.getByText(item)).toBeVisible();
  await expect(menu.getByText('审计日志')).toHaveCount(0);

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
  await dialog.getByRole('button', { name: /添加角色/ }).click();
  await dialog.locator('.ant-select').last().click();
  await page.locator('.ant-select-dropdown:visible').getByText('组织部管理员', { exact: true }).click();
  const scope = dialog.getByPlaceholder('行政区划代码（6 位）');
  await scope.fill('12');
  await dialog.getByRole('button', { name: /保\s?存/ }).click();
  await expect(dialog.getByText('请输入 6 位行政区划代码')).toBeVisible();
  await scope.fill('330100');
  await screenshot(page, 'roles-editor');
  await dialog.getByRole('button', { name: /保\s?存/ }).click();
  await expect(page.getByText('角色已保存')).toBeVisible();
  await expect(row).toContainText('组织部管理员 · 330100');
  await expect(row).toContainText('学员');
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
