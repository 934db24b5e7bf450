/**
 * Two editors on one draft in Chromium (SQLite): the second one's stale save is refused, and
 * "keep mine" saves only the fields they changed onto the newer version — the first editor's
 * change to another field stays.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHarness, signInThroughUi, type AdminHarness } from './admin-browser.ts';
import { createPerson, type TestPerson } from './auth-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';

describe('keeping one’s own changes after a conflict', () => {
  let h: AdminHarness;
  let articleId = 0;
  let first: TestPerson;
  let second: TestPerson;

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    const site = await buildSite(db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    await h.testApp.core.sites.reload();
    const category = await buildCategory(db, site.id, { name: 'Tin tức', slug: 'tin-tuc' });
    first = await createPerson(db, { siteId: site.id, role: 'editor', displayName: 'Nguyễn Văn Biên' });
    second = await createPerson(db, { siteId: site.id, role: 'editor', displayName: 'Trần Thị Tập' });
    const article = await buildArticle(db, site.id, {
      title: 'Lạng Sơn khai trương trung tâm điều hành thông minh',
      lead: 'Sapo ban đầu.',
      state: 'submitted',
      published_at: null,
      categoryIds: [category.id],
    });
    articleId = article.id;
  }, 60_000);
  afterAll(async () => {
    await h?.dispose();
  });

  it('saves only the second editor’s field onto the newer version and loads the merged article', async () => {
    const a = await h.newPage();
    const b = await h.newPage();
    await signInThroughUi(h, a, first, `/admin/articles/${articleId}`);
    await signInThroughUi(h, b, second, `/admin/articles/${articleId}`);
    for (const p of [a, b]) await p.getByRole('heading', { name: `Bài viết #${articleId}` }).waitFor();

    await a.locator('input.title-input').fill('Lạng Sơn khai trương Trung tâm điều hành thông minh IOC');
    await a.getByRole('status').filter({ hasText: /Đã lưu lúc/ }).waitFor({ timeout: 10_000 });

    await b.getByLabel('Sapo (tóm tắt)').fill('Trung tâm kết nối camera, phản ánh hiện trường và dữ liệu của 20 sở, ngành.');
    await b.getByRole('heading', { name: 'Có người vừa lưu bài này' }).waitFor({ timeout: 10_000 });
    await b.getByRole('button', { name: /Lưu phần tôi đã sửa lên phiên bản mới/ }).click();
    await b.getByText('phần người khác sửa ở các mục bạn không động đến vẫn được giữ').waitFor();

    const stored = await h.testApp.core.db.selectFrom('articles').select(['title', 'lead']).where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(stored.title).toBe('Lạng Sơn khai trương Trung tâm điều hành thông minh IOC');
    expect(stored.lead).toBe('Trung tâm kết nối camera, phản ánh hiện trường và dữ liệu của 20 sở, ngành.');
    // The second editor's screen now shows the merged article.
    expect(await b.locator('input.title-input').inputValue()).toBe('Lạng Sơn khai trương Trung tâm điều hành thông minh IOC');
  }, 60_000);
});
