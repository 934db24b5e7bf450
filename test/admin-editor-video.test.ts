/**
 * A video from the media library in the article editor (Chromium, SQLite): inserted as a
 * figure with its alt text and caption, saved as the `<video controls>` the server's sanitiser
 * keeps unchanged, and played on the public page with the browser's controls.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHarness, signInThroughUi, expectAxeClean, type AdminHarness } from './admin-browser.ts';
import { actorFor, createPerson, type TestPerson } from './auth-harness.ts';
import { buildCategory, buildSite } from './factories.ts';
import { uploadToLibrary } from '../src/core/media/media-library.ts';
import { mediaUrl } from '../src/core/media/media.ts';
import { sanitizeArticleHtml } from '../src/core/articles/sanitize-body.ts';
import { parseHtml } from './public-helpers.ts';

describe('a library video in the article editor', () => {
  let h: AdminHarness;
  let site: { id: number; key: string };
  let chief: TestPerson;
  let videoSrc = '';

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    site = await buildSite(db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    await h.testApp.core.sites.reload();
    await buildCategory(db, site.id, { name: 'Tin tức', slug: 'tin-tuc' });
    chief = await createPerson(db, { siteId: site.id, role: 'chief_editor', displayName: 'Lê Minh Duyệt' });
    const video = await uploadToLibrary(
      { db, mediaStorage: h.testApp.core.mediaStorage, clock: () => h.testApp.now },
      await actorFor(db, chief),
      { siteId: site.id, siteKey: site.key, fileName: 'phong-su.mp4', data: fs.readFileSync(path.resolve('test/fixtures/media/phong-su.mp4')), alt: '' },
    );
    videoSrc = mediaUrl(video.storageKey);
  }, 60_000);
  afterAll(async () => {
    await h?.dispose();
  });

  it('inserts it as <figure><video controls>, which the sanitiser keeps and the public page plays', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, chief, `/admin/articles/new?siteId=${site.id}`);
    await page.getByLabel('Tiêu đề').first().fill('Phóng sự: chuyển đổi số ở Lạng Sơn');
    await page.getByRole('button', { name: /Tạo bản nháp|Tạo bài/ }).click();
    await page.locator('.body-editor-content').waitFor();
    await page.locator('.body-editor-content').click();
    await page.keyboard.type('Phóng sự của Trung tâm Công nghệ số.');
    await page.getByRole('button', { name: /Chèn ảnh, video/ }).click();
    const picker = page.getByRole('dialog', { name: 'Chọn ảnh hoặc video từ thư viện' });
    await picker.locator('.media-tile').first().click();
    await picker.getByRole('button', { name: 'Dùng tệp này' }).click();
    await picker.getByText('Cần nhập mô tả nội dung video trước khi dùng video.').waitFor();
    await picker.getByLabel(/Văn bản thay thế/).fill('Phóng sự về dịch vụ công trực tuyến');
    await picker.getByLabel(/Chú thích/).fill('Ảnh động: Trung tâm Công nghệ số Lạng Sơn.');
    await picker.getByRole('button', { name: 'Dùng tệp này' }).click();
    await picker.waitFor({ state: 'hidden' });
    await page.locator('.body-editor-content figure').waitFor();
    await page.getByRole('status').filter({ hasText: /Đã lưu lúc \d{2}:\d{2}/ }).waitFor({ timeout: 15_000 });
    await expectAxeClean(page, 'editor with a video');

    // The chief editor wrote it: after sending it on, the four-eyes rule is explained and there
    // is no approve button for them.
    await page.getByLabel('Tin tức').check();
    await page.getByRole('button', { name: 'Gửi biên tập' }).click();
    await page.getByText('Nguyên tắc bốn mắt').waitFor();
    expect(await page.getByRole('button', { name: 'Duyệt và đăng ngay' }).count()).toBe(0);

    const stored = await h.testApp.core.db.selectFrom('articles').select(['id', 'body', 'slug']).where('site_id', '=', site.id).executeTakeFirstOrThrow();
    expect(stored.body).toContain(`<figure><video src="${videoSrc}" controls preload="metadata">Video: Phóng sự về dịch vụ công trực tuyến</video><figcaption>Ảnh động: Trung tâm Công nghệ số Lạng Sơn.</figcaption></figure>`);
    expect(sanitizeArticleHtml(stored.body)).toBe(stored.body);

    // Published, the public page plays it.
    await h.testApp.core.db.updateTable('articles').set({ state: 'published', published_at: new Date(h.testApp.now.getTime() - 60_000).toISOString() }).where('id', '=', stored.id).execute();
    const html = await (await fetch(`${h.baseUrl}/${site.key}/bai-viet/${stored.slug}`)).text();
    const video = parseHtml(html).querySelector('figure video')!;
    expect(video.getAttribute('src')).toBe(videoSrc);
    expect(video.hasAttribute('controls')).toBe(true);
    expect((await fetch(h.baseUrl + videoSrc)).status).toBe(200);
  });
});
