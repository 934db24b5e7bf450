/**
 * Layout in a real browser (Debian's Chromium), on SQLite and PostgreSQL: on a phone a site
 * with many categories keeps its menu to one row that scrolls sideways and that a keyboard
 * can walk through, every link seen whole when focused; on a desktop the menu wraps. A body
 * figure whose photo was not supplied reads as a photo caption, not as a quotation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createTestApp, type TestApp } from './app-harness.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';

/** Category names of a provincial department's site, as imports create them. */
const CATEGORY_NAMES = [
  'Tin hoạt động',
  'Chuyển đổi số',
  'Điểm báo',
  'Thông cáo báo chí',
  'Văn bản chỉ đạo điều hành',
  'Báo chí - Xuất bản',
  'Bưu chính',
  'Viễn thông - Internet',
  'Công nghệ thông tin',
  'An toàn thông tin',
  'Thông tin cơ sở',
  'Thông tin đối ngoại',
  'Cải cách hành chính',
  'Thanh tra',
  'Hỏi đáp',
];

const CAPTION = 'Quang cảnh Hội nghị tại điểm cầu Lạng Sơn (Ảnh: Hoàng Loan)';

describe.each(ENGINES)('layout in Chromium on %s', (engine) => {
  let t: TestApp;
  let browser: Browser;
  let origin: string;
  let site: { id: number; key: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    const categories = [];
    for (const [i, name] of CATEGORY_NAMES.entries()) categories.push(await buildCategory(db, site.id, { name, slug: `chuyen-muc-${i}` }));
    // the menu lists only categories with something to read: give each one an article
    for (const [i, c] of categories.entries()) if (i > 0) await buildArticle(db, site.id, { categoryIds: [c.id] });
    await buildArticle(db, site.id, {
      title: 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền năm 2022',
      slug: 'hoi-nghi',
      categoryIds: [categories[0]!.id],
      body: `<p>Tại điểm cầu Sở TTTT Lạng Sơn, dự Hội nghị có đồng chí Lê Hải Yến, Phó Giám đốc Sở.</p><figure><figcaption>${CAPTION}</figcaption></figure><blockquote><p>Một câu trích dẫn.</p></blockquote>`,
    });
    await t.core.sites.reload();
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  async function open(width: number, path: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width, height: 800 }, locale: 'vi-VN' });
    const page = await context.newPage();
    const res = await page.goto(origin + path, { waitUntil: 'load' });
    expect(res?.status()).toBe(200);
    return page;
  }

  /** Height, overflow and the links' boxes of the category menu. */
  const measureMenu = (page: Page) =>
    page.evaluate(() => {
      const list = document.querySelector('nav.menu .menu__list') as HTMLElement;
      const links = [...list.querySelectorAll('a')].map((a) => a.getBoundingClientRect());
      return {
        height: list.getBoundingClientRect().height,
        rows: new Set(links.map((r) => Math.round(r.top))).size,
        scrollWidth: list.scrollWidth,
        clientWidth: list.clientWidth,
        overflowX: getComputedStyle(list).overflowX,
        scrollbarWidth: getComputedStyle(list).scrollbarWidth,
        pageScrollWidth: document.documentElement.scrollWidth,
      };
    });

  it('at 375 px the menu is one row that scrolls sideways, its scrollbar not hidden', async () => {
    const page = await open(375, `/${site.key}/`);
    const menu = await measureMenu(page);
    expect(menu.rows).toBe(1);
    expect(menu.height).toBeLessThan(60);
    expect(menu.scrollWidth).toBeGreaterThan(menu.clientWidth);
    expect(menu.overflowX).toBe('auto');
    expect(menu.scrollbarWidth).not.toBe('none');
    // The row scrolls inside the menu; the page itself does not become wider than the screen.
    expect(menu.pageScrollWidth).toBe(375);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('at 375 px Tab reaches every menu link, each seen whole with a visible focus ring', async () => {
    const page = await open(375, `/${site.key}/`);
    const seen: string[] = [];
    for (let i = 0; i < 40 && seen.length < CATEGORY_NAMES.length + 1; i++) {
      await page.keyboard.press('Tab');
      const focus = await page.evaluate(() => {
        const a = document.activeElement as HTMLElement;
        if (!a.closest('nav.menu')) return null;
        const r = a.getBoundingClientRect();
        const style = getComputedStyle(a);
        return { text: a.textContent ?? '', left: r.left, right: r.right, outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) };
      });
      if (!focus) continue;
      seen.push(focus.text);
      expect(focus.left, focus.text).toBeGreaterThanOrEqual(0);
      expect(focus.right, focus.text).toBeLessThanOrEqual(375);
      expect(focus.outline, focus.text).toBe('solid');
      expect(focus.outlineWidth, focus.text).toBeGreaterThanOrEqual(2);
    }
    expect(seen).toEqual(['Trang chủ', ...CATEGORY_NAMES]);
    // Once focus has left the menu it is one row again.
    await page.keyboard.press('Tab');
    expect((await measureMenu(page)).rows).toBe(1);
    await page.context().close();
  });

  it('at 1280 px the menu wraps, every link on screen, nothing to scroll', async () => {
    const page = await open(1280, `/${site.key}/`);
    const menu = await measureMenu(page);
    expect(menu.rows).toBeGreaterThan(1);
    expect(menu.scrollWidth).toBeLessThanOrEqual(menu.clientWidth);
    await page.context().close();
  });

  it('a figure with a caption and no photo is a bordered caption box with a photo icon, not a quotation', async () => {
    const page = await open(375, `/${site.key}/bai-viet/hoi-nghi`);
    const figure = await page.evaluate(() => {
      const fig = document.querySelector('.article__body figure') as HTMLElement;
      const caption = fig.querySelector('figcaption') as HTMLElement;
      const paragraph = document.querySelector('.article__body p') as HTMLElement;
      const quote = document.querySelector('.article__body blockquote') as HTMLElement;
      const box = getComputedStyle(fig);
      const icon = getComputedStyle(fig, '::before');
      return {
        captionHtml: caption.innerHTML,
        captionStyle: getComputedStyle(caption).fontStyle,
        captionSize: parseFloat(getComputedStyle(caption).fontSize),
        bodySize: parseFloat(getComputedStyle(paragraph).fontSize),
        borders: [box.borderTopStyle, box.borderRightStyle, box.borderBottomStyle, box.borderLeftStyle],
        borderWidths: [box.borderTopWidth, box.borderLeftWidth],
        quoteBar: getComputedStyle(quote).borderLeftWidth,
        iconImage: icon.backgroundImage,
        iconWidth: parseFloat(icon.width),
        textIndent: caption.getBoundingClientRect().left - fig.getBoundingClientRect().left,
      };
    });
    // The caption is exactly as stored.
    expect(figure.captionHtml).toBe(CAPTION);
    // Caption style: smaller than the body text, upright (not a quotation's italics).
    expect(figure.captionStyle).toBe('normal');
    expect(figure.captionSize).toBeLessThan(figure.bodySize);
    // A box with the same border all round — no quotation bar on the left …
    expect(new Set(figure.borders)).toEqual(new Set(['dashed']));
    expect(figure.borderWidths[0]).toBe(figure.borderWidths[1]);
    // … unlike a real quotation, which keeps its bar.
    expect(parseFloat(figure.quoteBar)).toBeGreaterThanOrEqual(3);
    // A decorative photo icon before the text (a background image: nothing for screen readers).
    expect(figure.iconImage).toContain('data:image/svg+xml');
    expect(figure.iconWidth).toBeGreaterThan(10);
    expect(figure.textIndent).toBeGreaterThan(figure.iconWidth);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await page.context().close();
  });
});
