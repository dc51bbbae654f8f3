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
