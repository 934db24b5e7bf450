/**
 * Search in a real browser (Debian's Chromium) on the demo network, served by `cong serve`:
 * a reader types "chuyen doi so" or "Lang Son" in a site's header box — with JavaScript turned
 * off — and lands on the search page with the source article first; the search pages (site and
 * network, with results, filters open, and empty) have no serious or critical axe violations
 * on a phone and a desktop.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';

const SEED_TITLE = 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ Thông tin và Truyền thông năm 2022';

describe('search in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-search-browser-'));
    server = await startServerProcess({ CONG_DATA_DIR: dir, CONG_DEMO: '1' });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const typed of ['chuyen doi so', 'Lang Son']) {
    it(`typing “${typed}” in the Lạng Sơn site's header box finds the source article first, without JavaScript`, async () => {
      const context = await browser.newContext({ javaScriptEnabled: false, locale: 'vi-VN' });
      const page = await context.newPage();
      await page.goto(`${server.url}/langson/`);
      await page.getByRole('searchbox', { name: 'Từ khoá tìm kiếm' }).fill(typed);
      await Promise.all([page.waitForURL(/\/langson\/tim-kiem\?q=/), page.getByRole('searchbox', { name: 'Từ khoá tìm kiếm' }).press('Enter')]);
      expect(await page.locator('.search-summary').innerText()).toMatch(new RegExp(`^Tìm thấy \\d+ kết quả cho “${typed}”`));
      expect((await page.locator('.search-result__title').first().innerText()).trim()).toBe(SEED_TITLE);
      expect(await page.locator('.search-result').first().locator('mark').count()).toBeGreaterThan(0);
      await context.close();
    });
  }

  const pages: Array<[string, string]> = [
    ['site search with results', `/langson/tim-kiem?q=${encodeURIComponent('chuyển đổi số')}`],
    ['site search with filters and pagination', `/bo-tttt/tim-kiem?q=covid&loai=brief&tu-ngay=2022-09-01`],
    ['empty site search', '/bo-tttt/tim-kiem'],
    ['network search', `/tim-kiem?q=${encodeURIComponent('Lạng Sơn')}`],
  ];
  for (const [name, url] of pages) {
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      it(`${name} at ${viewport.width}px has no serious or critical axe violations`, async () => {
        const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'vi-VN' });
        const page = await context.newPage();
        const response = await page.goto(server.url + url, { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.getByRole('search').count()).toBe(2);
        const violations = await seriousAxeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        await context.close();
      });
    }
  }
});
