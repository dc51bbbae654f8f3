import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { signIn, switchLanguage } from './helpers';

test('the language switch changes the texts and survives a reload and a new device', async ({
  page,
  browser,
}) => {
  const user = USERS.polyglot;
  await signIn(page, user);
  await expect(page.getByText('当前角色')).toBeVisible();
  await expect(page.getByTestId('brand')).toHaveText('干训 · 干部教育培训与人才交流平台');

  await switchLanguage(page, 'en');
  await expect(page.getByText('Your roles')).toBeVisible();
  await expect(page.getByTestId('brand')).toHaveText('Ganxun · Cadre Training & Talent Exchange');
  await expect(page.getByTestId('side-menu').getByText('Home')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.reload();
  await expect(page.getByText('Your roles')).toBeVisible();

  await switchLanguage(page, 'zh-TW');
  await expect(page.getByText('目前角色')).toBeVisible();
  await expect(page.getByTestId('brand')).toHaveText('幹訓 · 幹部教育培訓與人才交流平台');
  await expect(page.getByTestId('welcome-card').getByText('講師')).toBeVisible();
  await page.reload();
  await expect(page.getByText('目前角色')).toBeVisible();

  // The choice was saved to the account: a fresh browser picks it up after signing in.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await signIn(fresh, user);
  await expect(fresh.getByText('目前角色')).toBeVisible();
  await other.close();
});

test('the login page has its own language switch', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('language-button').click();
  await page.getByTestId('lang-en').click();
  await expect(page.getByTestId('brand')).toContainText('Cadre Training & Talent Exchange');
  await expect(page.getByTestId('login-submit')).toHaveText(/Sign in/);
  await page.reload();
  await expect(page.getByTestId('login-submit')).toHaveText(/Sign in/);
});
