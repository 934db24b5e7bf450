/**
 * Harness for the newsroom SPA in a real Chromium against a real server: a test app listening
 * on a free port (serving the built admin/dist), a browser, sign-in through the UI (with the
 * TOTP code computed at the app's clock), axe checks and screenshots kept under
 * test-results/admin/ (not committed; look at them).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';
import { totpCodeFor, type TestPerson } from './auth-harness.ts';
import type { Engine } from '../src/core/db/dialect.ts';
import { ADMIN_DIST_DIR } from '../src/core/paths.ts';

/** Where screenshots go. */
export const SCREENSHOT_DIR = path.resolve('test-results/admin');

/** A running server and browser for SPA tests. */
export interface AdminHarness {
  testApp: TestApp;
  baseUrl: string;
  browser: Browser;
  /** A new page (own cookies) with a phone or desktop viewport. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  dispose(): Promise<void>;
}

/**
 * Starts the server (engine default SQLite) and Chromium. The app's clock stands still at
 * `now` (default: the real time at start — the browser drops session cookies whose expiry,
 * computed from the app's clock, lies in its past).
 * @throws Error when admin/dist has not been built (npm run build:admin).
 */
export async function startAdminHarness(engine: Engine = 'sqlite', now = new Date()): Promise<AdminHarness> {
  if (!fs.existsSync(path.join(ADMIN_DIST_DIR, 'index.html'))) throw new Error('admin/dist is missing: run `npm run build:admin` (npm test does it)');
  const testApp = await createTestApp(engine, now);
  const address = await testApp.app.listen({ host: '127.0.0.1', port: 0 });
  const browser = await launchChromium();
  return {
    testApp,
    baseUrl: address,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: options.height ?? 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
      return context.newPage();
    },
    async dispose() {
      await browser.close();
      await testApp.dispose();
    },
  };
}

/**
 * Signs `person` in through the sign-in screen (typing e-mail, password and, when the person
 * has TOTP, the code at the app's clock) and waits for the main navigation.
 */
export async function signInThroughUi(harness: AdminHarness, page: Page, person: TestPerson, at = '/admin/'): Promise<void> {
  await page.goto(harness.baseUrl + at);
  await page.getByLabel('Địa chỉ e-mail').fill(person.email);
  await page.getByLabel('Mật khẩu').fill(person.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  if (person.totpSecret) {
    const code = page.getByLabel('Mã xác thực 6 chữ số');
    await code.waitFor();
    await code.fill(await totpCodeFor(person.totpSecret, harness.testApp.now));
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
  }
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
}

/** Asserts axe-core finds no serious or critical violation on the page as it is now. */
export async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Saves a full-page screenshot as test-results/admin/<name>.png. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}
