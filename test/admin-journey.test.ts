/**
 * End-to-end journeys of the article editor in Chromium against the real server (SQLite):
 * a contributor writes an article with an image by keyboard alone (the picker refuses an image
 * without alt text, a missing category blocks the submit with a message) and submits; an
 * editor edits while a second editor's stale save is refused and shown with the word diff; the
 * article is sent for approval; a chief editor (with TOTP) makes a preview link that a person
 * without an account opens, then schedules it for a Vietnam time; when the clock passes it the
 * scheduler publishes it on the public site. A contributor sees no approve button (the API
 * refuses too) and no other site. Every body the editor saves survives the server's sanitiser
 * unchanged. axe runs on the editor, its dialogs and the preview page; screenshots are kept in
 * test-results/admin/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { createPerson, signIn, type TestPerson } from './auth-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { createMedia } from '../src/core/media/create-media.ts';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { sanitizeArticleHtml } from '../src/core/articles/sanitize-body.ts';

const TITLE = 'Lạng Sơn đưa 120 dịch vụ công trực tuyến toàn trình vào vận hành';

/** Presses Tab (at most `max` times) until the focused element's name contains `name`. */
async function tabTo(page: Page, name: string, options: { tag?: string; max?: number; shift?: boolean } = {}): Promise<void> {
  for (let i = 0; i < (options.max ?? 80); i += 1) {
    await page.keyboard.press(options.shift ? 'Shift+Tab' : 'Tab');
    const found = await page.evaluate(
      ([wanted, tag]) => {
        const el = document.activeElement as HTMLElement | null;
        if (!el || (tag && el.tagName.toLowerCase() !== tag)) return false;
        const labels = (el as HTMLInputElement).labels;
        const text = [el.getAttribute('aria-label'), labels && labels[0] ? labels[0].textContent : null, el.textContent].filter(Boolean).join(' ');
        return text.includes(wanted!);
      },
      [name, options.tag ?? ''] as const,
    );
    if (found) return;
  }
  throw new Error(`tabTo: no focusable element named “${name}”`);
}

async function activeName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return el?.getAttribute('aria-label') ?? el?.textContent ?? '';
  });
}

describe('article editor journeys in Chromium', () => {
  let h: AdminHarness;
  let langson: { id: number; key: string };
  let hagiang: { id: number; key: string };
  let contributor: TestPerson;
  let editor: TestPerson;
  let secondEditor: TestPerson;
  let chief: TestPerson;
  let articleId = 0;
  const savedBodies: string[] = [];

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    langson = await buildSite(db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    hagiang = await buildSite(db, { key: 'hagiang', name: 'Sở Thông tin và Truyền thông Hà Giang' });
    await h.testApp.core.sites.reload();
    await buildCategory(db, langson.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    await buildCategory(db, langson.id, { name: 'Tin tức', slug: 'tin-tuc' });
    // An image in the library without alt text: the picker must refuse it until one is given.
    await createMedia(
      { db, storage: h.testApp.core.mediaStorage, clock: () => h.testApp.now },
      { siteId: langson.id, siteKey: 'langson', fileName: 'canh-dong-lua.jpg', data: fs.readFileSync(path.resolve('test/fixtures/media/canh-dong-lua.jpg')), alt: '', allowMissingAlt: true },
    );
    contributor = await createPerson(db, { siteId: langson.id, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    editor = await createPerson(db, { siteId: langson.id, role: 'editor', displayName: 'Nguyễn Văn Biên' });
    secondEditor = await createPerson(db, { siteId: langson.id, role: 'editor', displayName: 'Trần Thị Tập' });
    chief = await createPerson(db, { siteId: langson.id, role: 'chief_editor', displayName: 'Lê Minh Duyệt' });
  }, 60_000);

  afterAll(async () => {
    await h?.dispose();
  });

  function recordSaves(page: Page) {
    page.on('request', (request) => {
      if (request.method() === 'PUT' && /\/api\/admin\/v1\/articles\/\d+$/.test(new URL(request.url()).pathname)) {
        const body = request.postDataJSON() as { body?: string };
        if (typeof body.body === 'string') savedBodies.push(body.body);
      }
    });
  }

  it('a contributor writes an article with an image and submits it, by keyboard alone', async () => {
    const page = await h.newPage();
    recordSaves(page);
    await signInThroughUi(h, page, contributor, `/admin/`);
    await page.goto(`${h.baseUrl}/admin/articles/new?siteId=${langson.id}`);
    await page.getByRole('heading', { name: 'Viết bài mới' }).waitFor();
    await tabTo(page, 'Tiêu đề', { tag: 'input' });
    await page.keyboard.type(TITLE);
    await tabTo(page, 'Tạo bản nháp', { tag: 'button' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Bài viết #\d+$/ }).waitFor();
    articleId = Number(/articles\/(\d+)/.exec(page.url())![1]);

    await tabTo(page, 'Sapo', { tag: 'textarea' });
    await page.keyboard.type('Từ ngày 1/12, người dân Lạng Sơn làm thủ tục trực tuyến toàn trình cho 120 dịch vụ công.');
    // The toolbar: one Tab stop, arrows between buttons, aria-pressed on blocks and marks.
    await tabTo(page, 'Đoạn văn thường', { tag: 'button' });
    const toolbarTabStops = await page.locator('[role=toolbar] button[tabindex="0"]').count();
    expect(toolbarTabStops).toBe(1);
    await page.keyboard.press('ArrowRight');
    expect(await activeName(page)).toContain('tiêu đề mục cấp 2');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Bối cảnh');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Tỉnh đã hoàn thành kết nối với Cổng Dịch vụ công quốc gia. ');
    await page.keyboard.press('Control+b');
    await page.keyboard.type('Người dân không phải đến cơ quan.');
    expect(await page.getByRole('button', { name: 'Chữ đậm (Ctrl+B)' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+b');
    await page.keyboard.press('Enter');

    // A link to a javascript: address is refused with a message; a site path is accepted.
    await page.keyboard.press('Control+k');
    const linkDialog = page.getByRole('dialog', { name: 'Thêm liên kết' });
    await linkDialog.waitFor();
    await page.keyboard.type('javascript:alert(1)');
    await tabTo(page, 'Chữ hiển thị', { tag: 'input' });
    await page.keyboard.type('Hướng dẫn');
    await tabTo(page, 'Áp dụng', { tag: 'button' });
    await page.keyboard.press('Enter');
    await linkDialog.getByText('Không nhận địa chỉ này').waitFor();
    await expectAxeClean(page, 'link dialog');
    await tabTo(page, 'Địa chỉ liên kết', { tag: 'input', shift: true });
    await page.keyboard.press('Control+a');
    await page.keyboard.type('/langson/bai-viet/huong-dan-nop-ho-so');
    await page.keyboard.press('Enter');
    await linkDialog.waitFor({ state: 'hidden' });

    // The image: from the toolbar by keyboard; the picker refuses it without alt text.
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.closest('[role=toolbar]') !== null)).toBe(true);
    for (let i = 0; i < 20 && !(await activeName(page)).includes('Chèn ảnh, video'); i += 1) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    const picker = page.getByRole('dialog', { name: 'Chọn ảnh hoặc video từ thư viện' });
    await picker.waitFor();
    await picker.locator('.media-tile').first().waitFor();
    await tabTo(page, 'canh-dong-lua', { tag: 'button' });
    await page.keyboard.press('Space');
    await expectAxeClean(page, 'media picker');
    await tabTo(page, 'Dùng tệp này', { tag: 'button' });
    await page.keyboard.press('Enter');
    await picker.getByText('Cần nhập văn bản thay thế trước khi dùng ảnh.').waitFor();
    // Focus went to the alt text field.
    await page.keyboard.type('Cánh đồng lúa chín ở huyện Bắc Sơn');
    await tabTo(page, 'Chú thích', { tag: 'textarea' });
    await page.keyboard.type('Bắc Sơn mùa lúa chín.');
    await tabTo(page, 'Dùng tệp này', { tag: 'button' });
    await page.keyboard.press('Enter');
    await picker.waitFor({ state: 'hidden' });
    await page.locator('.body-editor-content figure img[alt="Cánh đồng lúa chín ở huyện Bắc Sơn"]').waitFor();

    // Submitting without a category is blocked with a message.
    await tabTo(page, 'Gửi biên tập', { tag: 'button', shift: true });
    await page.keyboard.press('Enter');
    await page.getByText('Chưa gửi được: còn lỗi phải sửa').waitFor();
    expect(await page.locator('.check-block').textContent()).toContain('Chưa chọn chuyên mục.');
    expect((await h.testApp.core.db.selectFrom('articles').select('state').where('id', '=', articleId).executeTakeFirstOrThrow()).state).toBe('draft');

    await tabTo(page, 'Tin tức', { tag: 'input' });
    await page.keyboard.press('Space');
    await page.getByRole('status').filter({ hasText: /Đã lưu lúc \d{2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    await expectAxeClean(page, 'editor');
    await saveScreenshot(page, 'editor');

    await tabTo(page, 'Gửi biên tập', { tag: 'button', shift: true });
    await page.keyboard.press('Enter');
    await page.getByText('Đã gửi biên tập.').waitFor();
    // The button is gone (a contributor cannot act on a submitted item): focus went to the message,
    // not to the top of the page.
    await page.waitForFunction(() => (document.activeElement?.textContent ?? '').includes('Đã gửi biên tập.'));
    const stored = await h.testApp.core.db.selectFrom('articles').select(['state', 'body', 'lead']).where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(stored.state).toBe('submitted');
    expect(stored.body).toContain('<h2>Bối cảnh</h2>');
    expect(stored.body).toContain('<strong>Người dân không phải đến cơ quan.</strong>');
    expect(stored.body).toContain('<a href="/langson/bai-viet/huong-dan-nop-ho-so">Hướng dẫn</a>');
    expect(stored.body).toMatch(/<figure><img src="\/media\/langson\/[^"]+" alt="Cánh đồng lúa chín ở huyện Bắc Sơn"[^>]*\/><figcaption>Bắc Sơn mùa lúa chín.<\/figcaption><\/figure>/);
    expect(stored.body).not.toContain('javascript:');
    // What the editor sent is exactly what the server keeps.
    expect(savedBodies.length).toBeGreaterThan(0);
    for (const body of savedBodies) expect(sanitizeArticleHtml(body)).toBe(body);
    expect(savedBodies[savedBodies.length - 1]).toBe(stored.body);
  }, 90_000);

  it('an editor edits and sends for approval; a second editor’s stale save is refused and shown with the diff', async () => {
    expect(articleId).toBeGreaterThan(0);
    const first = await h.newPage();
    const second = await h.newPage();
    recordSaves(first);
    await signInThroughUi(h, first, editor, `/admin/articles/${articleId}`);
    await signInThroughUi(h, second, secondEditor, `/admin/articles/${articleId}`);
    for (const p of [first, second]) await p.getByRole('heading', { name: `Bài viết #${articleId}` }).waitFor();

    await first.getByLabel('Sapo (tóm tắt)').fill('Từ ngày 1/12/2026, người dân và doanh nghiệp Lạng Sơn nộp hồ sơ trực tuyến toàn trình cho 120 dịch vụ công.');
    await first.getByRole('status').filter({ hasText: /Đã lưu lúc/ }).waitFor({ timeout: 10_000 });

    await second.locator('input.title-input').fill(`${TITLE} từ tháng 12`);
    await second.getByRole('heading', { name: 'Có người vừa lưu bài này' }).waitFor({ timeout: 10_000 });
    expect(await second.locator('.conflict [role=alert]').textContent()).toContain('Nguyễn Văn Biên đã lưu phiên bản');
    await second.getByRole('button', { name: 'Xem họ đã sửa gì' }).click();
    await second.locator('.diff ins').first().waitFor();
    expect(await second.locator('.diff-list').textContent()).toContain('doanh nghiệp');
    await expectAxeClean(second, 'conflict');
    await saveScreenshot(second, 'conflict');
    // Nothing of the second editor's reached the server.
    expect((await h.testApp.core.db.selectFrom('articles').select('title').where('id', '=', articleId).executeTakeFirstOrThrow()).title).toBe(TITLE);
    await second.getByRole('button', { name: 'Bỏ bản của tôi, tải phiên bản mới' }).click();
    await second.getByText('Đã tải phiên bản mới nhất').waitFor();
    expect(await second.getByLabel('Sapo (tóm tắt)').inputValue()).toContain('doanh nghiệp');

    await first.getByRole('button', { name: 'Trình duyệt' }).click();
    await first.getByText('Đã trình duyệt.').waitFor();
    expect((await h.testApp.core.db.selectFrom('articles').select('state').where('id', '=', articleId).executeTakeFirstOrThrow()).state).toBe('pending_approval');
    for (const body of savedBodies) expect(sanitizeArticleHtml(body)).toBe(body);
  }, 60_000);

  it('a chief editor previews, then schedules it in Vietnam time; it appears on the public site at its time', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, chief, `/admin/articles/${articleId}`);
    await page.getByRole('heading', { name: `Bài viết #${articleId}` }).waitFor();

    // A private preview link, opened by someone without an account.
    await page.getByRole('button', { name: 'Tạo đường dẫn xem trước' }).click();
    const url = await page.getByLabel('Đường dẫn xem trước').inputValue();
    expect(url).toMatch(/\/xem-truoc\/[A-Za-z0-9_-]{43}$/);
    const outsider = await h.newPage();
    const answer = await outsider.goto(url.replace(/^https?:\/\/[^/]+/, h.baseUrl));
    expect(answer?.status()).toBe(200);
    expect(answer?.headers()['x-robots-tag']).toBe('noindex, nofollow');
    await outsider.getByText('Bản xem trước — chưa đăng').waitFor();
    await outsider.getByRole('heading', { level: 1, name: TITLE }).waitFor();
    await expectAxeClean(outsider, 'preview page');
    await saveScreenshot(outsider, 'preview');

    // Schedule for tomorrow 08:00 Vietnam time.
    const tomorrow = new Date(h.testApp.now.getTime() + 7 * 3600_000 + 24 * 3600_000).toISOString().slice(0, 10);
    const instant = new Date(`${tomorrow}T01:00:00.000Z`);
    await page.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hẹn giờ đăng bài' });
    await dialog.waitFor();
    await dialog.getByLabel('Ngày giờ đăng (giờ Việt Nam)').fill(`${tomorrow}T08:00`);
    await expectAxeClean(page, 'schedule dialog');
    await saveScreenshot(page, 'schedule-dialog');
    await dialog.getByRole('button', { name: 'Hẹn giờ đăng' }).click();
    const [y, m, d] = tomorrow.split('-').map(Number);
    await page.getByText(`Đã hẹn giờ đăng lúc ${d}/${m}/${y} 08:00 (giờ Việt Nam).`).waitFor();
    const row = await h.testApp.core.db.selectFrom('articles').select(['state', 'published_at', 'slug']).where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(row.state).toBe('scheduled');
    expect(new Date(row.published_at!).toISOString()).toBe(instant.toISOString());

    const publicUrl = `${h.baseUrl}/langson/bai-viet/${row.slug}`;
    expect((await fetch(publicUrl)).status).toBe(404);
    const saved = h.testApp.now;
    h.testApp.now = new Date(instant.getTime() + 30_000);
    try {
      const run = await publishDueArticles(h.testApp.core);
      expect(run.published.map((p) => p.id)).toContain(articleId);
      const published = await fetch(publicUrl);
      expect(published.status).toBe(200);
      const html = await published.text();
      expect(html).toContain(TITLE);
      expect(html).toContain('alt="Cánh đồng lúa chín ở huyện Bắc Sơn"');
    } finally {
      h.testApp.now = saved;
    }
  }, 60_000);

  it('a contributor cannot approve (no button; the API refuses) and cannot see other sites', async () => {
    const db = h.testApp.core.db;
    const own = await buildArticle(db, langson.id, { state: 'submitted', published_at: null, author_user_id: contributor.userId, title: 'Bài chờ biên tập của cộng tác viên' });
    const elsewhere = await buildArticle(db, hagiang.id, { state: 'submitted', published_at: null, title: 'Bài của Hà Giang' });
    const page = await h.newPage({ width: 390, height: 844 });
    await signInThroughUi(h, page, contributor, `/admin/articles/${own.id}`);
    await page.getByRole('heading', { name: `Bài viết #${own.id}` }).waitFor();
    expect(await page.getByRole('button', { name: /Duyệt|Hẹn giờ/ }).count()).toBe(0);
    expect(await page.getByLabel('Trang đang làm việc').locator('option').allTextContents()).toEqual(['Sở Thông tin và Truyền thông Lạng Sơn']);
    const session = await signIn(h.testApp, contributor);
    const refused = await h.testApp.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${own.id}/approve`, headers: { ...session.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ revision: 1 }) });
    expect([403, 404]).toContain(refused.statusCode);
    await page.goto(`${h.baseUrl}/admin/articles/${own.id}`);
    await page.getByRole('heading', { name: `Bài viết #${own.id}` }).waitFor();
    await saveScreenshot(page, 'editor-phone');
    await expectAxeClean(page, 'editor on a phone');

    await page.goto(`${h.baseUrl}/admin/articles/${elsewhere.id}`);
    await page.getByRole('heading', { name: 'Không tìm thấy trang này.' }).waitFor();
    expect(await page.getByText('Bài của Hà Giang').count()).toBe(0);
  }, 60_000);
});
