import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type APIRequestContext, expect, type Locator, type Page, request } from '@playwright/test';
import { type E2EUser, USERS } from './env';

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
  user: { username: string; password: string },
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

/** An API session of its own: the request context (dispose it when done) and a checked JSON call. */
export interface Api {
  ctx: APIRequestContext;
  call: <T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown) => Promise<T>;
}

/** An API session of its own (cookie jar and CSRF token), for the setup the UI does not cover. */
export async function apiAs(baseURL: string, user: { username: string; password: string }): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  const login = await ctx.post('/api/v1/auth/login', {
    data: { username: user.username, password: user.password },
  });
  expect(login.status(), await login.text()).toBe(200);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call = async <T>(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    data?: unknown,
  ): Promise<T> => {
    const res = await ctx.fetch(`/api/v1${path}`, { method, data, headers: { 'x-csrf-token': csrfToken } });
    expect(res.ok(), `${method} ${path}: ${res.status()} ${await res.text()}`).toBe(true);
    return (await res.json()) as T;
  };
  return { ctx, call };
}

/** Creates a unit through the API and returns its id. */
export async function createUnit(
  api: Api,
  unit: { name: string; type: string; regionCode: string },
): Promise<string> {
  const created = await api.call<{ id: string }>('POST', '/units', {
    name: unit.name,
    type: unit.type,
    regionCode: unit.regionCode,
  });
  return created.id;
}

/** Makes `user` the liaison of one unit (and nothing else), as the security admin through the API. */
export async function makeUnitLiaison(
  baseURL: string,
  user: Pick<E2EUser, 'username'>,
  unitId: string | undefined,
): Promise<void> {
  const secadmin = await apiAs(baseURL, USERS.secadmin);
  const users = await secadmin.call<{ items: { id: string; username: string }[] }>(
    'GET',
    `/users?q=${user.username}`,
  );
  const liaison = users.items.find((u) => u.username === user.username);
  expect(liaison).toBeTruthy();
  await secadmin.call('PUT', `/users/${liaison?.id}/roles`, {
    roles: [{ role: 'unit_liaison', scopeId: unitId }],
  });
  await secadmin.ctx.dispose();
}

/** Gives `user` exactly these roles, as the security admin through the API. */
export async function assignRoles(
  baseURL: string,
  user: Pick<E2EUser, 'username'>,
  roles: { role: string; scopeId: string | null }[],
): Promise<void> {
  const secadmin = await apiAs(baseURL, USERS.secadmin);
  const users = await secadmin.call<{ items: { id: string; username: string }[] }>(
    'GET',
    `/users?q=${user.username}`,
  );
  const found = users.items.find((u) => u.username === user.username);
  expect(found).toBeTruthy();
  await secadmin.call('PUT', `/users/${found?.id}/roles`, { roles });
  await secadmin.ctx.dispose();
}

/** The rows of the people list on screen. */
export const peopleRows = (page: Page) => page.getByTestId('people-table').locator('tr.ant-table-row');

/**
 * Picks an option of an antd Select or TreeSelect: opens it, types `search` (if any), clicks `text`.
 * Retries when a click lands while the dropdown is still animating in or its options are re-rendered
 * (seen under CI load: the click is swallowed and the field stays empty); a field that already shows
 * `text` is never clicked again, so a multiple select is not toggled back off.
 */
export async function pick(page: Page, field: Locator, search: string, text: string): Promise<void> {
  const dropdown = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  const option = dropdown
    .locator('.ant-select-tree-title, .ant-select-item-option-content')
    .filter({ hasText: text })
    .first();
  await expect(async () => {
    if (((await field.textContent()) ?? '').includes(text)) return;
    if (!(await dropdown.isVisible())) await field.click();
    if (search) {
      const input = field.locator('input');
      if ((await input.inputValue()) !== search) await input.fill(search);
    }
    await option.click({ timeout: 3_000 });
    await expect(field).toContainText(text, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
}

/** Types a date (`2030-01-13`, or `2030-01-13 18:00` for a date-time picker) into an antd DatePicker. */
export async function fillDate(page: Page, testId: string, value: string): Promise<void> {
  const field = page.getByTestId(testId);
  const input = (await field.evaluate((e) => e.tagName)) === 'INPUT' ? field : field.locator('input');
  await input.click();
  await input.fill(value);
  await input.press('Enter');
  await expect(input).toHaveValue(value);
}
