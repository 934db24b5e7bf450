/**
 * The dashboard and the article queues of the newsroom SPA in Chromium (SQLite): an editor sees
 * the counts, switches tabs, filters by author and title, shows "my items", pages through a
 * long queue, and the back button restores the previous filter; a contributor sees only their
 * own items and published ones; axe on both screens at desktop and phone widths; screenshots
 * dashboard.png, queue.png and queue-phone.png.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { createPerson, type TestPerson } from './auth-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { insertArticleEvent } from '../src/core/articles/newsroom-article.repository.ts';
import { vietnamDayOf } from '../src/core/dashboard/site-dashboard.ts';

describe('dashboard and article queues in Chromium', () => {
  let h: AdminHarness;
  let siteId: number;
  let editor: TestPerson;
  let loan: TestPerson;

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    const now = h.testApp.now;
    siteId = (await buildSite(db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' })).id;
    await h.testApp.core.sites.reload();
    const digital = await buildCategory(db, siteId, { name: 'Chuyển đổi số' });
    const local = await buildCategory(db, siteId, { name: 'Tin địa phương' });
    editor = await createPerson(db, { siteId, role: 'editor', displayName: 'Bùi Thu Hà' });
    loan = await createPerson(db, { siteId, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    const minh = await createPerson(db, { siteId, role: 'focal_point', displayName: 'Đặng Văn Minh' });

    const at = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString();
    for (let i = 1; i <= 22; i++) {
      await buildArticle(db, siteId, { title: `Tin đã đăng số ${i} về nông thôn mới`, author_user_id: minh.userId, updated_at: at(10_000 + i), categoryIds: [local.id] });
    }
    await buildArticle(db, siteId, { state: 'draft', published_at: null, title: 'Nháp của Loan về cửa khẩu', author_user_id: loan.userId, updated_at: at(30) });
    const returned = await buildArticle(db, siteId, { state: 'returned', published_at: null, title: 'Hội nghị chuyển đổi số tỉnh Lạng Sơn', author_user_id: loan.userId, updated_at: at(20), categoryIds: [digital.id] });
    await insertArticleEvent(db, { articleId: returned.id, siteId, action: 'return', fromState: 'submitted', toState: 'returned', actorUserId: editor.userId, actorLabel: 'Bùi Thu Hà', reason: 'Thiếu nguồn trích dẫn ở đoạn hai.', at: at(20) });
    await buildArticle(db, siteId, { state: 'submitted', published_at: null, title: 'Lễ hội hoa đào Mẫu Sơn', author_user_id: loan.userId, updated_at: at(15), categoryIds: [local.id] });
    await buildArticle(db, siteId, { state: 'submitted', published_at: null, title: 'Khai trương bưu cục Đồng Đăng', author_user_id: loan.userId, updated_at: at(14) });
    await buildArticle(db, siteId, { state: 'submitted', published_at: null, title: 'Đầu mối gửi: thống kê dịch vụ công', author_user_id: minh.userId, updated_at: at(13) });
    await buildArticle(db, siteId, { state: 'scheduled', published_at: at(120), title: 'Bài hẹn giờ bị lỡ', author_user_id: minh.userId, updated_at: at(200) });
    const dayEnd = Date.parse(vietnamDayOf(now).to);
    await buildArticle(db, siteId, { state: 'scheduled', published_at: new Date(now.getTime() + (dayEnd - now.getTime()) / 2).toISOString(), title: 'Bài hẹn đăng trong ngày', author_user_id: minh.userId, updated_at: at(100) });
  });
  afterAll(async () => {
    await h?.dispose();
  });

  const tabs = (page: Page) => page.getByRole('navigation', { name: 'Hàng đợi theo trạng thái' });
  const rows = (page: Page) => page.locator('table.queue-table tbody tr');
  const rowTitles = async (page: Page) => (await page.locator('table.queue-table tbody th a').allTextContents()).sort();
  const waitForStatus = async (page: Page, text: RegExp) => {
    await expect.poll(async () => (await page.getByRole('status').first().textContent()) ?? '').toMatch(text);
  };

  it('gives an editor the dashboard and a queue with tabs, filters, "my items" and pages', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, editor);
    await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
    const counts = page.locator('.state-counts');
    await counts.waitFor();
    expect(await counts.getByRole('link', { name: '3 Chờ biên tập' }).count()).toBe(1);
    expect(await counts.getByRole('link', { name: '2 Hẹn giờ' }).count()).toBe(1);
    expect(await counts.getByRole('link', { name: '22 Đã đăng' }).count()).toBe(1);
    // The editor never sees Loan's draft.
    expect(await counts.getByRole('link', { name: '0 Nháp' }).count()).toBe(1);
    const overdue = page.getByRole('region', { name: /Quá hạn đăng/ });
    expect(await overdue.getByRole('link').allTextContents()).toEqual(['Bài hẹn giờ bị lỡ']);
    const today = page.getByRole('region', { name: 'Hẹn đăng hôm nay' });
    expect(await today.getByRole('link').allTextContents()).toEqual(['Bài hẹn đăng trong ngày']);
    const activity = page.getByRole('region', { name: 'Hoạt động gần đây' });
    expect(await activity.textContent()).toContain('Bùi Thu Hà — trả lại');
    await expectAxeClean(page, 'dashboard');
    await saveScreenshot(page, 'dashboard');

    // From a count into its queue.
    await counts.getByRole('link', { name: '3 Chờ biên tập' }).click();
    await page.getByRole('heading', { level: 1, name: 'Bài viết' }).waitFor();
    await waitForStatus(page, /Tìm thấy 3 bài/);
    expect(new URL(page.url()).search).toBe('?state=submitted');
    expect(await tabs(page).getByRole('link', { name: 'Chờ biên tập 3' }).getAttribute('aria-current')).toBe('page');
    expect(await tabs(page).getByRole('link', { name: 'Tất cả 28' }).count()).toBe(1);
    expect(await rowTitles(page)).toEqual(['Khai trương bưu cục Đồng Đăng', 'Lễ hội hoa đào Mẫu Sơn', 'Đầu mối gửi: thống kê dịch vụ công'].sort());
    expect(await page.locator('table.queue-table caption').textContent()).toBe('Chờ biên tập: 3 bài, trang 1/1');

    // Filter by author, then by title; the URL carries the filters.
    await page.getByLabel('Tác giả').selectOption({ label: 'Hoàng Thị Tố Loan' });
    await page.getByRole('button', { name: 'Lọc' }).click();
    await waitForStatus(page, /Tìm thấy 2 bài khớp bộ lọc/);
    expect(new URL(page.url()).searchParams.get('authorId')).toBe(String(loan.userId));
    await page.getByLabel('Tìm theo tiêu đề').fill('hoa đào');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await waitForStatus(page, /Tìm thấy 1 bài khớp bộ lọc/);
    expect(await rowTitles(page)).toEqual(['Lễ hội hoa đào Mẫu Sơn']);
    expect(await rows(page).first().textContent()).toContain('Tin địa phương');
    // The back button restores the previous filter.
    await page.goBack();
    await waitForStatus(page, /Tìm thấy 2 bài khớp bộ lọc/);
    expect(await page.getByLabel('Tìm theo tiêu đề').inputValue()).toBe('');

    // "My items": the editor wrote nothing.
    await page.getByRole('link', { name: 'Xoá bộ lọc' }).first().click();
    await waitForStatus(page, /Tìm thấy 3 bài\./);
    await page.getByLabel('Chỉ bài của tôi').check();
    await page.getByRole('button', { name: 'Lọc' }).click();
    await waitForStatus(page, /Tìm thấy 0 bài khớp bộ lọc/);
    expect(await page.getByText('Không có bài nào khớp bộ lọc.').count()).toBe(1);

    // The returned tab shows the reason; the published tab pages 20 at a time.
    await tabs(page).getByRole('link', { name: /^Trả lại/ }).click();
    await page.getByLabel('Chỉ bài của tôi').uncheck();
    await page.getByRole('button', { name: 'Lọc' }).click();
    await waitForStatus(page, /Tìm thấy 1 bài\./);
    expect(await rows(page).first().textContent()).toContain('Lý do (Bùi Thu Hà): Thiếu nguồn trích dẫn ở đoạn hai.');
    await tabs(page).getByRole('link', { name: 'Đã đăng 22' }).click();
    await waitForStatus(page, /Tìm thấy 22 bài\./);
    expect(await rows(page).count()).toBe(20);
    await expectAxeClean(page, 'queue');
    await saveScreenshot(page, 'queue');
    await page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: 'Trang sau' }).click();
    await expect.poll(() => rows(page).count()).toBe(2);
    expect(new URL(page.url()).searchParams.get('page')).toBe('2');
    expect(await page.getByRole('navigation', { name: 'Phân trang' }).textContent()).toContain('Trang 2/2');
    // Editors may write: the queue offers a new article on this site.
    expect(await page.getByRole('main').getByRole('link', { name: 'Viết bài mới' }).getAttribute('href')).toBe(`/admin/articles/new?siteId=${siteId}`);
    await page.context().close();
  });

  it('shows a contributor only their own items and published ones, on a phone too', async () => {
    const page = await h.newPage({ width: 390, height: 844 });
    await signInThroughUi(h, page, loan);
    const mine = page.getByRole('region', { name: 'Bài của tôi cần xử lý' });
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Lý do (Bùi Thu Hà): Thiếu nguồn trích dẫn ở đoạn hai.');
    expect(await mine.getByRole('link', { name: 'Nháp của Loan về cửa khẩu' }).count()).toBe(1);
    expect(await page.getByRole('region', { name: /Quá hạn đăng/ }).getByRole('link').count()).toBe(0);
    await expectAxeClean(page, 'dashboard (phone)');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Bài viết' }).click();
    await waitForStatus(page, /Tìm thấy 26 bài\./);
    expect(await tabs(page).getByRole('link', { name: 'Chờ biên tập 2' }).count()).toBe(1);
    expect(await tabs(page).getByRole('link', { name: 'Hẹn giờ 0' }).count()).toBe(1);
    await tabs(page).getByRole('link', { name: 'Chờ biên tập 2' }).click();
    await waitForStatus(page, /Tìm thấy 2 bài\./);
    expect(await rowTitles(page)).toEqual(['Khai trương bưu cục Đồng Đăng', 'Lễ hội hoa đào Mẫu Sơn'].sort());
    await tabs(page).getByRole('link', { name: /^Tất cả/ }).click();
    await waitForStatus(page, /Tìm thấy 26 bài\./);
    await expectAxeClean(page, 'queue (phone)');
    await saveScreenshot(page, 'queue-phone');
    // On a phone the filters are folded under their summary; someone else's item cannot be found by title.
    expect(await page.getByLabel('Tìm theo tiêu đề').isVisible()).toBe(false);
    await page.getByText('Bộ lọc', { exact: true }).click();
    await page.getByLabel('Tìm theo tiêu đề').fill('thống kê dịch vụ công');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await waitForStatus(page, /Tìm thấy 0 bài khớp bộ lọc/);
    expect(await page.getByText('Bộ lọc (1 đang dùng)').count()).toBe(1);
    await page.context().close();
  });
});
