import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, signIn } from './helpers';

test('the system administrator creates a user from the console', async ({ page }) => {
  await signIn(page, USERS.admin);
  await expect(page.getByText('系统管理员').first()).toBeVisible();
  await screenshot(page, 'home');

  await page.getByTestId('side-menu').getByText('用户管理').click();
  await expect(page).toHaveURL(/\/users$/);
  // Every spec has its accounts: find one by the search box rather than on the first page.
  const search = page.getByTestId('user-search').locator('input');
  await search.fill(USERS.admin.username);
  await search.press('Enter');
  await expect(
    page.getByTestId('users-table').getByRole('cell', { name: USERS.admin.username, exact: true }).first(),
  ).toBeVisible();
  await screenshot(page, 'users');

  await page.getByTestId('create-user').click();
  // The contract's username rule is checked in the browser too.
  await page.getByTestId('user-form-username').fill('x');
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByText('用户名为 3–40 位字母、数字或 _ . -')).toBeVisible();

  await page.getByTestId('user-form-username').fill('e2e_created');
  await page.getByTestId('user-form-display-name').fill('张晓明');
  await page.getByTestId('user-form-password').fill('Init#Pass2024');
  await screenshot(page, 'users-create');
  await page.getByTestId('user-form-submit').click();
  await expect(page.getByText('用户已创建')).toBeVisible();

  const table = page.getByTestId('users-table');
  await search.fill('e2e_created');
  await search.press('Enter');
  await expect(table.getByRole('cell', { name: 'e2e_created', exact: true })).toBeVisible();
  await expect(table.getByRole('row', { name: /e2e_created/ })).toContainText('张晓明');

  // Creating the same username again is refused by the server and shown on the field or as a message.
  await page.getByTestId('create-user').click();
  await page.getByTestId('user-form-username').fill('e2e_created');
  await page.getByTestId('user-form-display-name').fill('重复');
  await page.getByTestId('user-form-password').fill('Init#Pass2024');
  await page.getByTestId('user-form-submit').click();
  await expect(page.locator('.ant-message-error, .ant-form-item-explain-error').first()).toBeVisible();
});
