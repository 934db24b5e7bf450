/**
 * The rapid-response desk screens of the newsroom SPA in Chromium (SQLite): the queue with an
 * overdue case marked, the staff entry form, a case assigned and moved to verifying by the desk
 * editor, rated by the chief with the keyboard only, a draft rebuttal created (lands in the
 * editor), the figures with charts and their tables, and no desk for a provincial contributor.
 * axe on every screen (dialogs open) at 1280 and 390 px; screenshots rr-queue, rr-case,
 * rr-figures under test-results/admin/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { actorFor, createPerson, type TestPerson } from './auth-harness.ts';
import { buildSite } from './factories.ts';
import { submitPublicReport, submitStaffReport } from '../src/core/rapid-response/intake.ts';

const HOUR = 3_600_000;

describe('rapid-response desk screens in Chromium', () => {
  let h: AdminHarness;
  let desk: { id: number; key: string; organisationId: number };
  let langson: { id: number; key: string; organisationId: number };
  let editor: TestPerson;
  let chief: TestPerson;
  let contributor: TestPerson;
  let overdueCaseId: number;
  let overdueCode: string;
  let freshCaseId: number;
  let editorPage: Page;

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    desk = await buildSite(db, { kind: 'ministry_portal', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    langson = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    await h.testApp.core.sites.reload();
    editor = await createPerson(db, { displayName: 'Trần Minh Đức', roles: [{ siteId: desk.id, role: 'editor' }] });
    chief = await createPerson(db, { displayName: 'Nguyễn Thị Thu Hà', roles: [{ siteId: desk.id, role: 'chief_editor' }] });
    contributor = await createPerson(db, { displayName: 'Hoàng Văn Lâm', roles: [{ siteId: langson.id, role: 'contributor' }] });

    // A claim first reported 30 hours ago (normal priority: due 24 h later, so 6 h overdue),
    // reported again since with a screenshot; and a fresh one entered by the desk.
    const realNow = h.testApp.now;
    const screenshot = await sharp({ create: { width: 320, height: 200, channels: 3, background: '#d9e2ef' } }).png().toBuffer();
    h.testApp.now = new Date(realNow.getTime() - 30 * HOUR);
    const first = await submitPublicReport(h.testApp.core, {
      siteId: langson.id,
      url: 'https://www.facebook.com/groups/tin-nong/posts/98765?utm_source=zalo',
      whereSeen: 'Nhóm Facebook “Tin nóng Lạng Sơn”',
      description: 'Bài đăng nói từ tháng sau mọi thuê bao chưa chuẩn hoá sẽ bị thu hồi số và mất tiền trong tài khoản.',
      contactName: 'Lê Thị Mai',
      contactEmail: 'mai.le@example.vn',
      contactPhone: '0912 345 678',
      files: [],
      address: '203.0.113.7',
    });
    h.testApp.now = new Date(realNow.getTime() - 20 * HOUR);
    await submitPublicReport(h.testApp.core, {
      siteId: langson.id,
      url: 'http://facebook.com/groups/tin-nong/posts/98765/',
      description: 'Tôi thấy bài này được chia sẻ nhiều, có ảnh chụp kèm theo.',
      files: [{ fileName: 'anh-chup.png', data: screenshot }],
      address: '198.51.100.23',
    });
    h.testApp.now = new Date(realNow.getTime() - 2 * HOUR);
    const fresh = await submitStaffReport(h.testApp.core, await actorFor(db, editor), {
      description: 'Người dân gọi điện báo tin nhắn mạo danh Bộ yêu cầu cài ứng dụng để nhận hỗ trợ.',
      claimText: 'Bộ Thông tin và Truyền thông nhắn tin yêu cầu cài ứng dụng để nhận tiền hỗ trợ',
      channel: 'phone',
    });
    h.testApp.now = realNow;
    overdueCaseId = first.caseId;
    freshCaseId = fresh.caseId;
    expect(overdueCaseId).not.toBe(freshCaseId);
    overdueCode = (await db.selectFrom('rr_cases').select('code').where('id', '=', overdueCaseId).executeTakeFirstOrThrow()).code;
  }, 60_000);

  afterAll(async () => {
    await h?.dispose();
  });

  it('shows the desk editor the queue by deadline with the overdue case marked, and the entry form', async () => {
    editorPage = await h.newPage();
    const page = editorPage;
    await signInThroughUi(h, page, editor);
    const navEntry = page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Phản bác tin sai' });
    await navEntry.waitFor();
    await navEntry.click();
    await page.getByRole('heading', { level: 1, name: 'Phản bác tin sai' }).waitFor();
    const rows = page.locator('table.rr-queue tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(2);
    // Soonest deadline first: the overdue case, with its badge and how long it is overdue.
    const overdueRow = rows.nth(0);
    expect(await overdueRow.locator('th').textContent()).toContain(overdueCode);
    expect(await overdueRow.getAttribute('class')).toContain('rr-row-overdue');
    expect(await overdueRow.getByText('Quá hạn', { exact: true }).count()).toBe(1);
    expect(await overdueRow.textContent()).toMatch(/đã quá 6 giờ/);
    expect(await overdueRow.locator('td').nth(2).textContent()).toBe('2');
    const freshRow = rows.nth(1);
    expect(await freshRow.getByText('Quá hạn', { exact: true }).count()).toBe(0);
    expect(await freshRow.textContent()).toMatch(/còn 2[12] giờ( \d+ phút)?/);
    expect(await page.getByText('1 vụ việc đã quá hạn trả lời.').count()).toBe(1);
    expect(await page.getByRole('link', { name: /Mới tiếp nhận\s*2/ }).count()).toBe(1);

    // Filters: overdue only keeps the one case; search by its code finds it.
    await page.getByLabel('Chỉ vụ việc quá hạn').check();
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL(/overdue=true/);
    await page.getByText('Có 1 vụ việc.').waitFor();
    await page.getByRole('link', { name: 'Xoá bộ lọc' }).click();
    await page.getByText('Có 2 vụ việc.').waitFor();

    await expectAxeClean(page, 'queue 1280');
    await saveScreenshot(page, 'rr-queue');

    // The staff entry form: a phone call, the tracking code shown.
    await page.getByRole('button', { name: 'Nhập phản ánh' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nhập phản ánh' });
    await dialog.waitFor();
    await dialog.getByLabel('Nguồn tiếp nhận').selectOption({ label: 'Điện thoại' });
    await dialog.getByLabel('Mô tả').fill('Một người gọi báo có trang giả mạo Cổng thông tin của Bộ đang thu thập số căn cước.');
    await dialog.getByLabel('Nội dung cần phản bác').fill('Cổng thông tin của Bộ yêu cầu nhập số căn cước để nhận quà');
    await dialog.getByLabel('Số điện thoại').fill('0987 654 321');
    await expectAxeClean(page, 'queue with the entry dialog');
    await dialog.getByRole('button', { name: 'Lưu phản ánh' }).click();
    const saved = dialog.getByRole('status');
    await saved.getByText(/Mã theo dõi/).waitFor();
    const code = (await saved.locator('.rr-code').textContent()) ?? '';
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const stored = await h.testApp.core.db.selectFrom('rr_reports').select(['channel', 'contact_phone']).where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(stored).toEqual({ channel: 'phone', contact_phone: '0987 654 321' });
    await page.keyboard.press('Escape');
    await page.getByText('Có 3 vụ việc.').waitFor();

    await page.setViewportSize({ width: 390, height: 844 });
    await expectAxeClean(page, 'queue 390');
    await saveScreenshot(page, 'rr-queue-390');
    await page.setViewportSize({ width: 1280, height: 900 });

    // In English, the desk's vocabulary (states, categories, priorities) is English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('link', { name: /^New/ }).first().waitFor();
    expect(await page.locator('main').textContent()).toContain('Normal');
    expect(await page.locator('main').textContent()).not.toContain('Mới tiếp nhận');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
  }, 60_000);

  it('lets the desk editor open the case, assign it and move it to verifying', async () => {
    const page = editorPage;
    await page.locator('table.rr-queue tbody tr').first().locator('th a').click();
    await page.waitForURL(new RegExp(`/admin/rapid-response/cases/${overdueCaseId}$`));
    await page.getByRole('heading', { level: 1, name: new RegExp(`Vụ việc ${overdueCode}`) }).waitFor();

    // Both reports, their links, contact details (desk only) and the screenshot.
    const reports = page.locator('.rr-report');
    expect(await reports.count()).toBe(2);
    expect(await page.getByText('Lê Thị Mai · mai.le@example.vn · 0912 345 678').count()).toBe(1);
    expect(await page.getByRole('link', { name: 'https://www.facebook.com/groups/tin-nong/posts/98765?utm_source=zalo' }).count()).toBe(1);
    const secondCode = (await reports.nth(1).locator('h3 .rr-code').textContent()) ?? '';
    const thumb = page.getByRole('img', { name: `Ảnh chụp màn hình kèm phản ánh ${secondCode}` });
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img) => (img as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    // The editor cannot rate.
    expect(await page.getByRole('button', { name: 'Kết luận', exact: true }).count()).toBe(0);

    // Assign and name the organisation responsible.
    await page.getByLabel('Người phụ trách').selectOption({ label: 'Trần Minh Đức' });
    await page.getByLabel('Cơ quan chịu trách nhiệm').selectOption({ label: 'Bộ Thông tin và Truyền thông' });
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('.rr-edit').getByRole('status').getByText('Đã lưu.').waitFor();
    const assigned = await h.testApp.core.db.selectFrom('rr_cases').select(['assignee_user_id', 'organisation_id']).where('id', '=', overdueCaseId).executeTakeFirstOrThrow();
    expect(assigned).toEqual({ assignee_user_id: editor.userId, organisation_id: desk.organisationId });

    // "Not within our remit" asks for the agency (dialog checked with axe), then cancel.
    await page.getByRole('button', { name: /Không thuộc thẩm quyền/ }).click();
    const remit = page.getByRole('dialog', { name: /Không thuộc thẩm quyền/ });
    await remit.waitFor();
    expect(await remit.getByLabel(/Cơ quan được chuyển tới/).count()).toBe(1);
    await expectAxeClean(page, 'case with the move dialog');
    await remit.getByRole('button', { name: 'Huỷ' }).click();

    await page.getByRole('button', { name: 'Chuyển sang “Đang xác minh”' }).click();
    const move = page.getByRole('dialog', { name: 'Chuyển sang “Đang xác minh”' });
    await move.getByLabel('Ghi chú').fill('Đã liên hệ Cục Viễn thông để đối chiếu.');
    await move.getByRole('button', { name: 'Chuyển trạng thái' }).click();
    await page.getByText('Đã chuyển sang “Đang xác minh”.').waitFor();
    await page.locator('.rr-facts').getByText('Đang xác minh', { exact: true }).waitFor();
    expect(await page.locator('.rr-history').textContent()).toContain('Đã liên hệ Cục Viễn thông để đối chiếu.');

    await page.setViewportSize({ width: 390, height: 844 });
    await expectAxeClean(page, 'case 390');
    await page.setViewportSize({ width: 1280, height: 900 });
  }, 60_000);

  it('lets the chief rate with the keyboard only and create the rebuttal draft', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, chief);
    await page.goto(`${h.baseUrl}/admin/rapid-response/cases/${overdueCaseId}`);
    const rate = page.getByRole('button', { name: 'Kết luận', exact: true });
    await rate.waitFor();
    await rate.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Kết luận vụ việc ${overdueCode}` });
    await dialog.waitFor();
    // The scale: labels and descriptions, one radio group moved with the arrow keys.
    const radios = dialog.getByRole('radio');
    expect(await radios.count()).toBe(5);
    expect(await dialog.getByRole('radio', { name: /Tin giả/ }).evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await dialog.getByText('Thông tin sai với sự thật đã được xác minh.').count()).toBe(1);
    await expectAxeClean(page, 'case with the rating dialog');
    await page.keyboard.press('ArrowDown');
    expect(await dialog.getByRole('radio', { name: /Tin sai sự thật/ }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type('Cục Viễn thông xác nhận không có quy định thu hồi số hay tiền trong tài khoản.');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Lưu kết luận');
    await page.keyboard.press('Enter');
    await page.getByText('Đã lưu kết luận.').waitFor();
    await page.locator('.rr-facts').getByText('Tin sai sự thật', { exact: true }).waitFor();
    const rated = await h.testApp.core.db.selectFrom('rr_cases').select(['state', 'rating', 'rated_by_user_id']).where('id', '=', overdueCaseId).executeTakeFirstOrThrow();
    expect(rated).toEqual({ state: 'rated', rating: 'false', rated_by_user_id: chief.userId });
    await saveScreenshot(page, 'rr-case');

    await page.getByRole('button', { name: 'Tạo bản nháp bài phản bác' }).click();
    await page.waitForURL(/\/admin\/articles\/\d+$/);
    const articleId = Number(/articles\/(\d+)$/.exec(page.url())![1]);
    const linked = await h.testApp.core.db.selectFrom('rr_cases').select('rebuttal_article_id').where('id', '=', overdueCaseId).executeTakeFirstOrThrow();
    expect(linked.rebuttal_article_id).toBe(articleId);
    const article = await h.testApp.core.db.selectFrom('articles').select(['type', 'state', 'site_id', 'title']).where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(article).toMatchObject({ type: 'rebuttal', state: 'draft', site_id: desk.id });
    expect(article.title.startsWith('Thông tin phản bác:')).toBe(true);
    await page.getByRole('heading', { level: 1 }).waitFor();

    // Back on the case: the rebuttal is linked, with its editor link.
    await page.goto(`${h.baseUrl}/admin/rapid-response/cases/${overdueCaseId}`);
    const rebuttal = page.getByRole('region', { name: 'Thông tin phản bác' });
    await rebuttal.getByRole('link', { name: article.title }).waitFor();
    expect(await rebuttal.getByRole('link', { name: article.title }).getAttribute('href')).toBe(`/admin/articles/${articleId}`);

    // The figures: the rated case gives a time to rating; charts with their tables.
    await page.goto(`${h.baseUrl}/admin/rapid-response/figures`);
    await page.getByRole('heading', { level: 1, name: 'Số liệu xử lý' }).waitFor();
    await page.locator('.totals').waitFor();
    // Time to rating: overall, per organisation, per month; nothing is published yet, so the
    // three "to the rebuttal" charts give way to a note (their tables still list every row).
    const charts = page.locator('svg[role="img"]');
    expect(await charts.count()).toBe(3);
    expect(await page.locator('.rr-chart-empty').count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const labelled = await charts.nth(i).evaluate((svg) => ({ title: svg.querySelector('title')?.textContent ?? '', desc: svg.querySelector('desc')?.textContent ?? '' }));
      expect(labelled.title.length).toBeGreaterThan(5);
      expect(labelled.desc).toMatch(/Trung vị/);
    }
    // First report 30 h ago, rated now: 30 hours (give or take the minutes the test took).
    const overall = page.getByRole('table', { name: /Toàn bộ/ });
    const cells = await overall.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('1');
    expect(cells[2]).toMatch(/^30 giờ( \d+ phút)?$/);
    expect(await page.getByRole('img', { name: /Toàn bộ: Thời gian tới khi kết luận/ }).locator('desc').textContent()).toContain(cells[2]!);
    const byOrg = page.getByRole('table', { name: /Theo cơ quan/ });
    expect(await byOrg.getByRole('rowheader', { name: 'Bộ Thông tin và Truyền thông' }).count()).toBe(1);
    await expectAxeClean(page, 'figures 1280');
    await saveScreenshot(page, 'rr-figures');
    await page.setViewportSize({ width: 390, height: 844 });
    await expectAxeClean(page, 'figures 390');
    await saveScreenshot(page, 'rr-figures-390');
  }, 60_000);

  it('gives a provincial contributor no desk: no menu entry, the forbidden screen on the route', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, contributor);
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Bài viết' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await nav.getByRole('link', { name: 'Phản bác tin sai' }).count()).toBe(0);
    await page.goto(`${h.baseUrl}/admin/rapid-response`);
    await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền xem trang này.' }).waitFor();
    await page.goto(`${h.baseUrl}/admin/rapid-response/cases/${overdueCaseId}`);
    await page.getByRole('heading', { level: 1, name: 'Bạn không có quyền xem trang này.' }).waitFor();
    expect(await page.getByText('Lê Thị Mai').count()).toBe(0);
  }, 60_000);
});
