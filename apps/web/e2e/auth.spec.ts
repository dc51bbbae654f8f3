import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, submitLogin } from './helpers';

test('signed-out visitors land on the login page', async ({ page }) => {
  await page.goto('/users');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByTestId('brand')).toContainText('干部教育培训与人才交流平台');
  await expect(
    page.getByRole('button', { name: '登 录' }).or(page.getByRole('button', { name: '登录' })),
  ).toBeVisible();
  await screenshot(page, 'login');
});

test('a new account must change its password before it sees the console', async ({ page }) => {
  const user = USERS.newcomer;
  await page.goto('/login');
  await submitLogin(page, user.username, user.password);

  await expect(page.getByTestId('forced-password-alert')).toBeVisible();
  await expect(page.getByTestId('side-menu')).toHaveCount(0);
  await screenshot(page, 'forced-password-change');

  // Mismatched confirmation is caught before anything is sent.
  await page.getByTestId('current-password').fill(user.password);
  await page.getByTestId('new-password').fill('Fresh#Pass2025');
  await page.getByTestId('confirm-password').fill('Fresh#Pass2026');
  await page.getByTestId('password-submit').click();
  await expect(page.getByText('两次输入的新密码不一致')).toBeVisible();

  await page.getByTestId('confirm-password').fill('Fresh#Pass2025');
  await page.getByTestId('password-submit').click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
  await expect(page.getByTestId('side-menu')).toBeVisible();

  // The new password works after signing out; the old one does not.
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await expect(page).toHaveURL(/\/login$/);
  await submitLogin(page, user.username, user.password);
  await expect(page.getByTestId('login-alert')).toContainText('用户名或密码错误');
  await submitLogin(page, user.username, 'Fresh#Pass2025');
  await expect(page.getByTestId('welcome-card')).toBeVisible();
});
