import { expect, test } from '@playwright/test';
import { USERS } from './env';
import { screenshot, signIn, submitLogin } from './helpers';
import { totpCode } from './totp';

test('two-factor set-up from the user menu, then sign-in asks for the code', async ({ page }) => {
  const user = USERS.twoFactor;
  await signIn(page, user);
  await page.getByTestId('user-menu').click();
  await page.getByText('双因素认证', { exact: true }).click();
  await expect(page).toHaveURL(/\/account\/totp$/);
  await page.getByTestId('totp-start').click();
  await expect(page.getByTestId('totp-qr')).toBeVisible();
  const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
  expect(secret).toMatch(/^[A-Z2-7]+=*$/);
  await screenshot(page, 'totp-setup');

  await page.getByPlaceholder('000000').fill(await totpCode(secret));
  await page.getByRole('button', { name: '验证并启用' }).click();
  await expect(page.getByText('双因素认证已启用')).toBeVisible();

  await page.getByTestId('user-menu').click();
  await page.getByTestId('menu-logout').click();
  await submitLogin(page, user.username, user.password);
  await expect(page.getByTestId('login-totp')).toBeVisible();
  await expect(page.getByTestId('login-alert')).toContainText('6 位动态验证码');
  // The enabling code's time step is used up (no replay): enter the next code, accepted within ±30 s.
  await page.getByTestId('login-totp').fill(await totpCode(secret, Date.now() + 30_000));
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('welcome-card')).toBeVisible();
  await expect(page.getByText('双因素认证：已开启')).toBeVisible();
});
