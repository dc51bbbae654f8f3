import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, signIn } from './helpers';

test.use({ viewport: { width: 375, height: 812 }, isMobile: true, hasTouch: true });

test('the console works at phone width', async ({ page }) => {
  await page.goto('/login');
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await screenshot(page, 'phone-login');

  await signIn(page, USERS.phone);
  await expect(page.getByTestId('menu-toggle')).toBeVisible();
  // No horizontal scrolling of the page itself.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await screenshot(page, 'phone-home');

  await page.getByTestId('menu-toggle').click();
  await expect(page.locator('.ant-drawer').getByText('工作台')).toBeVisible();
  await screenshot(page, 'phone-menu');
});

test('tables scroll inside their card at phone width', async ({ page }) => {
  await signIn(page, USERS.admin);
  await page.getByTestId('menu-toggle').click();
  await page.locator('.ant-drawer').getByText('用户管理').click();
  await expect(page).toHaveURL(/\/users$/);
  await expect(page.locator('.ant-drawer-open')).toHaveCount(0);
  await expect(page.getByTestId('users-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await screenshot(page, 'phone-users');
});
