import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, signIn, submitLogin } from './helpers';

// The auditor test reads the failed logins that the lockout test leaves in the audit trail.
test.describe.configure({ mode: 'serial' });

test('five wrong passwords lock the account; the sixth attempt says until when', async ({ page }) => {
  const user = USERS.victim;
  await page.goto('/login');
  const alert = page.getByTestId('login-alert');
  for (let attempt = 1; attempt <= 4; attempt++) {
    await submitLogin(page, user.username, `Wrong#Pass${attempt}x`);
    await expect(alert).toContainText('用户名或密码错误');
    await expect(alert).toContainText(String(5 - attempt));
  }
  await submitLogin(page, user.username, 'Wrong#Pass5x');
  await expect(alert).toBeVisible();
  // Even the right password is refused now, with the end of the lockout in local time.
  await submitLogin(page, user.username, user.password);
  await expect(alert).toContainText('账号已被锁定');
  await expect(alert).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await screenshot(page, 'login-locked');
});

test('the auditor sees the failed logins in the audit log', async ({ page }) => {
  await signIn(page, USERS.auditor);
  await page.getByTestId('side-menu').getByText('审计日志').click();
  await expect(page).toHaveURL(/\/audit$/);

  await page.getByTestId('audit-action').fill('auth.login');
  await page.getByTestId('audit-outcome').click();
  await page.locator('.ant-select-dropdown').getByText('失败', { exact: true }).click();
  await page.getByTestId('audit-search').click();

  const rows = page.getByTestId('audit-table').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThanOrEqual(5);
  for (const row of await rows.all()) {
    await expect(row).toContainText('auth.login');
    await expect(row).toContainText('失败');
  }
  // The detail of a row opens below it.
  await rows.first().locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('.ant-table-expanded-row').first()).toBeVisible();
  await screenshot(page, 'audit');

  // The auditor has no user management.
  await expect(page.getByTestId('side-menu').getByText('用户管理')).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByText('没有访问权限')).toBeVisible();
});
