/**
 * The public report form in a real Chromium (SQLite), with the keyboard only: Tab and Shift+Tab
 * to move, typing, arrow keys in the select, Space to open the file chooser for a screenshot,
 * Enter to send; the tracking code is read from the page and the tracking page opened from its
 * link. The honeypot is never reached. axe-core finds no serious or critical violation on the
 * form (empty and with errors), the page after sending and the tracking page, at 1280 and
 * 390 px. Screenshots go to test-results/rapid-response/ (not committed; look at them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from './app-harness.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';
import { buildSite } from './factories.ts';

const SCREENSHOT_DIR = path.resolve('test-results/rapid-response');
const PNG_PATH = path.resolve('test/fixtures/media/bieu-do.png');

async function expectAxeClean(page: Page, label: string): Promise<void> {
  const violations = await seriousAxeViolations(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function screenshot(page: Page, name: string): Promise<void> {
  // Nothing scrolls sideways: the page fits the viewport's width.
  const widths = await page.evaluate(() => ({ page: document.documentElement.scrollWidth, viewport: window.innerWidth }));
  expect(widths.page, `${name} is wider than the viewport`).toBeLessThanOrEqual(widths.viewport);
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** What has the focus: its id, name, tag and text, for assertions and failure messages. */
async function focused(page: Page): Promise<{ id: string; name: string; tag: string; text: string }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { id: el?.id ?? '', name: el?.getAttribute('name') ?? '', tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim().slice(0, 60) };
  });
}

describe('the public report form in Chromium, keyboard only (sqlite)', () => {
  let t: TestApp;
  let baseUrl: string;
  let browser: Browser;
  let siteKey: string;
  /** Every element that had the focus, across the whole test (the honeypot must never be one). */
  const visited: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite', new Date());
    await buildSite(t.core.db, { kind: 'ministry_portal', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    siteKey = (await buildSite(t.core.db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn', settings: { phone: '0205 3812 345' } })).key;
    await t.core.sites.reload();
    baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  async function newPage(width: number): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    // Intercept file choosers from the start (Playwright turns interception on when a listener is
    // added, asynchronously: added only just before the key press, it can miss the chooser).
    page.on('filechooser', () => undefined);
    return page;
  }

  /** Opens the focused file input's chooser with the keyboard (Space; Enter as browsers also allow). */
  async function openChooserByKeyboard(page: Page) {
    for (const key of ['Space', 'Enter']) {
      try {
        const [chooser] = await Promise.all([page.waitForEvent('filechooser', { timeout: 10_000 }), page.keyboard.press(key)]);
        return chooser;
      } catch {
        // try the other key
      }
    }
    throw new Error('no file chooser opened from the keyboard');
  }

  /** Presses Tab (or Shift+Tab) until the focused element has this id; fails after 80 presses. */
  async function tabTo(page: Page, id: string, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> {
    for (let i = 0; i < 80; i++) {
      await page.keyboard.press(key);
      const f = await focused(page);
      visited.push(f.id || f.name || `${f.tag}:${f.text}`);
      if (f.id === id) return;
    }
    throw new Error(`${id} was never reached with ${key}`);
  }

  /** Presses Tab until the send button has the focus. */
  async function tabToSend(page: Page): Promise<void> {
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      visited.push(f.id || f.name || `${f.tag}:${f.text}`);
      if (f.tag === 'button' && f.text === 'Gửi phản ánh') return;
    }
    throw new Error('the send button was never reached');
  }

  for (const width of [1280, 390]) {
    it(`at ${width} px: fill in and send with the keyboard, read the code, open the tracking page; axe clean throughout`, async () => {
      const page = await newPage(width);
      const formUrl = `${baseUrl}/${siteKey}/phan-anh-thong-tin-sai`;
      const response = await page.goto(formUrl);
      expect(response?.status()).toBe(200);
      await expectAxeClean(page, `empty form ${width}`);
      await screenshot(page, `form-empty-${width}`);

      // Sending it empty: the form comes back with the error summary focused.
      await page.keyboard.press('Tab'); // the skip link is first
      expect((await focused(page)).text).toBe('Bỏ qua để đến nội dung chính');
      await page.keyboard.press('Enter');
      await tabTo(page, 'pa-duong-dan');
      // From the first field to the button: the honeypot is skipped (`visited` is checked at the end).
      await tabToSend(page);
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(await page.title()).toMatch(/^Lỗi: /);
      expect((await focused(page)).id).toBe('tom-tat-loi');
      expect(await page.locator('.error-summary__list li').count()).toBe(2);
      await expectAxeClean(page, `form with errors ${width}`);
      await screenshot(page, `form-errors-${width}`);
      // The summary's first link leads to the URL field.
      await page.keyboard.press('Tab');
      await page.keyboard.press('Enter');
      await tabTo(page, 'pa-duong-dan');

      // Now fill it in.
      await page.keyboard.type('https://www.facebook.com/tin-nong-lang-son/posts/123456789?fbclid=xyz');
      await tabTo(page, 'pa-noi-thay');
      await page.keyboard.press('ArrowDown'); // "Facebook"
      expect(await page.locator('#pa-noi-thay').inputValue()).toBe('facebook');
      await tabTo(page, 'pa-noi-thay-khac');
      await page.keyboard.type('Nhóm “Tin nóng Lạng Sơn”');
      await tabTo(page, 'pa-mo-ta');
      await page.keyboard.type(`Bài đăng nói rằng mọi thuê bao chưa chuẩn hoá sẽ bị khoá vĩnh viễn từ tuần sau (${width}). Sở chưa hề thông báo như vậy.`);
      await tabTo(page, 'pa-anh');
      const chooser = await openChooserByKeyboard(page);
      await chooser.setFiles(PNG_PATH);
      await tabTo(page, 'pa-ho-ten');
      await page.keyboard.type('Nguyễn Thị Hoa');
      await tabTo(page, 'pa-email');
      await page.keyboard.type('hoa@example.vn');
      await tabTo(page, 'pa-dien-thoai');
      await page.keyboard.type('0912 345 678');
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'button', text: 'Gửi phản ánh' });
      // Back and forth: Shift+Tab returns to the phone field, not to a hidden one.
      await page.keyboard.press('Shift+Tab');
      expect((await focused(page)).id).toBe('pa-dien-thoai');
      await page.keyboard.press('Tab');
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);

      expect(await page.locator('h1').innerText()).toBe('Đã nhận phản ánh của bạn');
      const code = (await page.locator('#ma-theo-doi').innerText()).trim();
      expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
      expect(await page.content()).not.toContain('hoa@example.vn');
      await expectAxeClean(page, `sent ${width}`);
      await screenshot(page, `sent-${width}`);
      const stored = await t.core.db.selectFrom('rr_reports').select(['id', 'contact_name']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
      expect(stored.contact_name).toBe('Nguyễn Thị Hoa');
      expect(await t.core.db.selectFrom('rr_report_files').select('id').where('report_id', '=', stored.id).execute()).toHaveLength(1);

      // The tracking link, reached by keyboard.
      await page.locator('body').focus();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f.text.startsWith('Xem tình trạng xử lý phản ánh')) break;
      }
      await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
      expect(page.url()).toBe(`${formUrl}/theo-doi?ma=${code}`);
      expect(await page.locator('.tracking-result').innerText()).toContain('Mới tiếp nhận');
      expect(await page.locator('.tracking-result').innerText()).toMatch(/Tiếp nhận lúc\s+\d{1,2}\/\d{1,2}\/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)/);
      await expectAxeClean(page, `tracking ${width}`);
      await screenshot(page, `tracking-${width}`);

      // An unknown code: a clear message (404), still accessible.
      const unknown = await page.goto(`${formUrl}/theo-doi?ma=ZZZZZZZZZZ`);
      expect(unknown?.status()).toBe(404);
      expect(await page.locator('.tracking-result').innerText()).toContain('Không tìm thấy phản ánh');
      await expectAxeClean(page, `tracking unknown ${width}`);
      await screenshot(page, `tracking-unknown-${width}`);

      expect(visited).not.toContain('pa-trang-ca-nhan');
      expect(visited).not.toContain('trang-ca-nhan');
      await page.context().close();
    }, 120_000);
  }
});
