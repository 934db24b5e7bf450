/**
 * Accessibility in a real browser: the demo network's root, a site home, a category page and
 * the source article, checked by axe-core in Debian's Chromium, on a phone and a desktop
 * viewport. No serious or critical violation is allowed. Also checks that pages make no
 * request to any other host (self-hosted fonts, no CDNs).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';

describe('public pages in Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let dir: string;
  let articlePath: string;

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-browser-'));
    server = await startServerProcess({ CONG_DATA_DIR: dir, CONG_DEMO: '1' });
    browser = await launchChromium();
    const home = await (await fetch(`${server.url}/langson/`)).text();
    articlePath = /href="(\/langson\/bai-viet\/hoi-nghi-tap-huan[^"]*)"/.exec(home)![1]!;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pages: Array<[string, () => string]> = [
    ['network root', () => '/'],
    ['site home', () => '/langson/'],
    ['category page', () => '/bo-tttt/chuyen-muc/diem-bao'],
    ['article page', () => articlePath],
  ];

  for (const [name, pathOf] of pages) {
    for (const viewport of [{ width: 375, height: 800 }, { width: 1280, height: 900 }]) {
      it(`${name} at ${viewport.width}px has no serious or critical axe violations and loads nothing from elsewhere`, async () => {
        const context = await browser.newContext({ viewport, bypassCSP: true, locale: 'vi-VN' });
        const page = await context.newPage();
        const foreign: string[] = [];
        page.on('request', (req) => {
          if (!req.url().startsWith(server.url) && !req.url().startsWith('data:')) foreign.push(req.url());
        });
        const response = await page.goto(server.url + pathOf(), { waitUntil: 'load' });
        expect(response?.status()).toBe(200);
        expect(await page.getAttribute('html', 'lang')).toBe('vi');
        expect(await page.locator('h1').count()).toBe(1);
        const violations = await seriousAxeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(foreign).toEqual([]);
        // the skip link is the first thing a keyboard reaches, and it leads to the main content
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => (document.activeElement as HTMLAnchorElement | null)?.getAttribute('href'));
        expect(focused).toBe('#noi-dung');
        if (process.env.CONG_SCREENSHOTS) {
          await page.screenshot({ path: path.join(process.env.CONG_SCREENSHOTS, `${name.replace(/\W+/g, '-')}-${viewport.width}.png`), fullPage: true });
        }
        await context.close();
      });
    }
  }
});
