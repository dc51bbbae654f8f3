import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import type { E2EUser } from './env';

const screenshotDir = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../test-results/screenshots',
);

/** Saves a full-page screenshot under apps/web/test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  // Let antd's motion settle so that the picture shows the final state.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** Fills the login form and submits it (does not wait for any particular outcome). */
export async function submitLogin(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
}

/** Signs in from the login page and waits for the console's home page. */
export async function signIn(
  page: Page,
  user: Pick<E2EUser, 'username' | 'password'>,
  password = user.password,
) {
  await page.goto('/login');
  await submitLogin(page, user.username, password);
  await expect(page.getByTestId('welcome-card')).toBeVisible();
}

/** Opens the user menu in the header and picks a language from its submenu. */
export async function switchLanguage(page: Page, language: 'zh-CN' | 'zh-TW' | 'en'): Promise<void> {
  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-language').click();
  await page.getByTestId(`lang-${language}`).click();
}
