/**
 * The article's history panels and the network screens of the newsroom SPA in Chromium
 * (issue "Newsroom web UI" item 6; issue "The network" items 1–3 and 7 as the newsroom sees
 * them): revisions compared side by side and restored (and a restore meeting a newer save),
 * internal comments added and resolved, the audit trail, an item sent down to chosen sites
 * with the per-site status list (the fan-out runs in this process), a copy detached from its
 * original, a proposal made from the panel arriving in the target's incoming list and its
 * outcome shown to the proposer, and the network screen for a network admin (overview,
 * settings with the server's field errors, a merge with its dry run, a rename) that an editor
 * does not see. axe on every panel, screen and open dialog at 1280 and 390 px; screenshots.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { actorFor, createPerson, signIn, type TestPerson } from './auth-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { createArticle, updateArticle } from '../src/core/articles/write-article.ts';
import { approveArticle, returnArticle, submitArticle } from '../src/core/workflow/workflow-commands.ts';

const OLD_TITLE = 'Lạng Sơn đẩy mạnh chuyển đổi số trong cơ quan nhà nước';
const NEW_TITLE = 'Lạng Sơn tăng tốc chuyển đổi số trong cơ quan nhà nước năm 2026';

describe('article history panels and network screens in Chromium', () => {
  let h: AdminHarness;
  let ministry: { id: number; key: string };
  let langson: { id: number; key: string };
  let caobang: { id: number; key: string };
  let hagiang: { id: number; key: string };
  let retired: { id: number; key: string };
  const people: Record<string, TestPerson> = {};
  let draftId: number;
  let publishedId: number;

  const revisionOf = async (id: number) => (await h.testApp.core.db.selectFrom('articles').select(['revision', 'title', 'state']).where('id', '=', id).executeTakeFirstOrThrow());

  async function openTab(page: Page, name: string) {
    await page.getByRole('tab', { name }).click();
    await page.getByRole('tabpanel', { name }).waitFor();
  }

  /** A desktop page whose waits give up well before the test's own timeout, so failures name the step. */
  async function newPage(): Promise<Page> {
    const page = await h.newPage();
    page.setDefaultTimeout(8_000);
    return page;
  }

  /** A page signed in as `person` with a session made directly (a TOTP code is usable once per step at the fixed clock). */
  async function openAs(person: TestPerson, path: string): Promise<Page> {
    const session = await signIn(h.testApp, person);
    const page = await newPage();
    await page.context().addCookies([{ name: 'cong_session', value: session.cookie.slice('cong_session='.length), url: h.baseUrl }]);
    await page.goto(h.baseUrl + path);
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    return page;
  }

  async function atPhoneWidth(page: Page, label: string, check?: () => Promise<void>, screenshot?: string) {
    await page.setViewportSize({ width: 390, height: 844 });
    await check?.();
    // Nothing but the table boxes scrolls sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth), `${label}: page width at 390 px`).toBeLessThanOrEqual(390);
    await expectAxeClean(page, `${label} at 390 px`);
    if (screenshot) await saveScreenshot(page, screenshot);
    await page.setViewportSize({ width: 1280, height: 900 });
  }

  beforeAll(async () => {
    h = await startAdminHarness();
    const db = h.testApp.core.db;
    ministry = await buildSite(db, { key: 'bo-tttt', kind: 'ministry_portal', name: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    langson = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    caobang = await buildSite(db, { key: 'caobang', name: 'Trang thông tin điện tử Sở TTTT Cao Bằng', settings: { syndication: 'review' } });
    hagiang = await buildSite(db, { key: 'hagiang', name: 'Trang thông tin điện tử Sở TTTT Hà Giang' });
    retired = await buildSite(db, { key: 'so-cu', name: 'Trang thông tin điện tử Sở cũ', kind: 'unit_page' });
    await db.updateTable('sites').set({ parent_id: ministry.id }).where('id', 'in', [langson.id, caobang.id, hagiang.id]).execute();
    await buildArticle(db, hagiang.id, { title: 'Hà Giang khai trương cổng dịch vụ công', published_at: new Date(Date.now() - 3 * 86400_000).toISOString() });
    await buildArticle(db, retired.id, { title: 'Bài của trang sắp sáp nhập', slug: 'bai-trang-cu' });
    await h.testApp.core.sites.reload();
    people.langsonEditor = await createPerson(db, { siteId: langson.id, role: 'editor', displayName: 'Nguyễn Văn Bình', organisationId: null });
    people.ministryEditor = await createPerson(db, { siteId: ministry.id, role: 'editor', displayName: 'Lê Thu Trang' });
    people.ministryChief = await createPerson(db, { siteId: ministry.id, role: 'chief_editor', displayName: 'Phạm Minh Đức' });
    people.admin = await createPerson(db, { role: 'network_admin', displayName: 'Quản trị mạng lưới' });

    // A draft with three revisions, submitted: the Lạng Sơn editor may restore and propose it.
    const core = h.testApp.core;
    const editor = await actorFor(db, people.langsonEditor);
    let a = await createArticle(core, editor, { siteId: langson.id, title: OLD_TITLE, lead: 'Tỉnh đặt mục tiêu số hoá hồ sơ.', body: '<p>Đoạn mở đầu.</p><p>Số liệu quý I.</p>' });
    a = await updateArticle(core, editor, a.id, { revision: a.revision, body: '<p>Đoạn mở đầu.</p><p>Số liệu quý II đã được cập nhật.</p>' });
    a = await updateArticle(core, editor, a.id, { revision: a.revision, title: NEW_TITLE, body: '<p>Đoạn mở đầu.</p><p>Số liệu quý II đã được cập nhật.</p><p>Đoạn mới thêm.</p>' });
    a = await submitArticle(core, editor, a.id, { revision: a.revision });
    draftId = a.id;

    // A published ministry item, for sending down the network.
    const mEditor = await actorFor(db, people.ministryEditor);
    const chief = await actorFor(db, people.ministryChief);
    let p = await createArticle(core, mEditor, { siteId: ministry.id, title: 'Bộ TTTT hướng dẫn triển khai nền tảng số năm 2026', lead: 'Hướng dẫn gửi các Sở.', body: '<p>Nội dung hướng dẫn.</p>' });
    p = await submitArticle(core, mEditor, p.id, { revision: p.revision });
    p = await approveArticle(core, chief, p.id, { revision: p.revision });
    publishedId = p.id;
  }, 60_000);

  afterAll(async () => {
    await h?.dispose();
  });

  it('compares revisions side by side, restores one, and explains a restore that met a newer save', async () => {
    const page = await newPage();
    await signInThroughUi(h, page, people.langsonEditor!, `/admin/articles/${draftId}/history`);
    await page.getByRole('heading', { level: 1, name: `Lịch sử bài: ${NEW_TITLE}` }).waitFor();
    const rows = page.getByRole('region', { name: 'Lịch sử phiên bản' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(3);

    await page.getByLabel('Bản cũ').selectOption('1');
    await page.getByLabel('Bản mới').selectOption('3');
    await page.getByRole('button', { name: 'So sánh' }).click();
    const diff = page.getByTestId('revision-diff');
    await diff.getByText('2 trường thay đổi giữa phiên bản 1 và phiên bản 3.').waitFor();
    const title = diff.getByRole('region', { name: 'Tiêu đề' });
    expect(await title.locator('.diff-old del').allTextContents()).toEqual([expect.stringContaining('đẩy mạnh')]);
    expect((await title.locator('.diff-new ins').allTextContents()).join(' ')).toMatch(/tăng tốc.*năm 2026/);
    // Old on the left, new on the right: side by side at desktop width.
    const [oldBox, newBox] = [await title.locator('.diff-old').boundingBox(), await title.locator('.diff-new').boundingBox()];
    expect(newBox!.x).toBeGreaterThan(oldBox!.x + oldBox!.width - 1);
    expect(Math.abs(newBox!.y - oldBox!.y)).toBeLessThan(2);
    const body = diff.getByRole('region', { name: 'Nội dung' });
    await expect.poll(() => body.locator('.diff-row-insert .diff-new').textContent()).toContain('Đoạn mới thêm.');
    await expectAxeClean(page, 'revisions panel with diff');
    await saveScreenshot(page, 'history-diff');
    await atPhoneWidth(page, 'revisions panel with diff', async () => {
      const [o, n] = [await title.locator('.diff-old').boundingBox(), await title.locator('.diff-new').boundingBox()];
      expect(n!.y).toBeGreaterThan(o!.y); // stacked on a phone
    }, 'history-diff-phone');

    // Restore revision 1: it becomes revision 4 (submitting made no revision).
    await page.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
    const dialog = page.getByRole('dialog', { name: 'Khôi phục phiên bản 1?' });
    await dialog.waitFor();
    await expectAxeClean(page, 'restore dialog');
    await dialog.getByRole('button', { name: 'Khôi phục thành phiên bản mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã khôi phục phiên bản 1 thành phiên bản 4.' }).waitFor();
    expect(await revisionOf(draftId)).toMatchObject({ revision: 4, title: OLD_TITLE });
    await expect.poll(() => rows.count()).toBe(4);
    // Focus went back to where the person was.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Khôi phục');

    // Someone else saves meanwhile: the restore is refused, explained, and the history reloaded.
    const editor = await actorFor(h.testApp.core.db, people.langsonEditor!);
    await updateArticle(h.testApp.core, editor, draftId, { revision: 4, lead: 'Sapo do người khác sửa.' });
    await page.getByRole('button', { name: 'Khôi phục phiên bản 2' }).click();
    await page.getByRole('dialog', { name: 'Khôi phục phiên bản 2?' }).getByRole('button', { name: 'Khôi phục thành phiên bản mới' }).click();
    await page.getByRole('alert').filter({ hasText: 'Bài vừa được Nguyễn Văn Bình lưu (hiện là phiên bản 5)' }).waitFor();
    expect(await revisionOf(draftId)).toMatchObject({ revision: 5 });
    await expect.poll(() => rows.count()).toBe(5);
    await page.getByText('Trạng thái: Chờ biên tập · phiên bản 5').waitFor();
    await page.context().close();
  });

  it('adds and resolves an internal comment, shows the audit trail, and proposes the item to the ministry', async () => {
    const page = await openAs(people.langsonEditor!, `/admin/articles/${draftId}/history`);
    // Arrow keys move between the tabs.
    await page.getByRole('tab', { name: 'Phiên bản' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'Bình luận nội bộ' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bình luận nội bộ');
    await page.getByRole('tabpanel', { name: 'Bình luận nội bộ' }).getByText('Chưa có bình luận nào.').waitFor();
    await page.getByRole('button', { name: 'Gửi bình luận' }).click();
    // An empty comment: the server's message is shown with the field.
    await page.getByRole('tabpanel', { name: 'Bình luận nội bộ' }).locator('.field-error').waitFor();
    expect(await page.getByLabel('Bình luận mới').getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('Bình luận mới').fill('Đề nghị kiểm tra lại số liệu quý II trước khi trình duyệt.');
    await page.getByRole('button', { name: 'Gửi bình luận' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã thêm bình luận.' }).waitFor();
    const comment = page.locator('.comment').filter({ hasText: 'Đề nghị kiểm tra lại số liệu quý II' });
    await comment.getByText('Đang mở').waitFor();
    await expectAxeClean(page, 'comments panel');
    await comment.getByRole('button', { name: 'Đánh dấu đã xử lý' }).click();
    await comment.getByText('Đã xử lý', { exact: true }).waitFor();
    await comment.getByRole('button', { name: 'Mở lại' }).waitFor();
    const stored = await h.testApp.core.db.selectFrom('article_comments').select(['resolved_at', 'body']).where('article_id', '=', draftId).execute();
    expect(stored).toEqual([{ resolved_at: expect.any(String), body: 'Đề nghị kiểm tra lại số liệu quý II trước khi trình duyệt.' }]);
    await atPhoneWidth(page, 'comments panel');

    await openTab(page, 'Nhật ký');
    const events = page.getByRole('region', { name: 'Quy trình biên tập' });
    await events.getByRole('cell', { name: 'Gửi biên tập' }).waitFor();
    expect(await events.locator('tbody tr').first().textContent()).toContain('Nháp → Chờ biên tập');
    const audit = page.getByRole('region', { name: 'Nhật ký kiểm toán' });
    await audit.getByRole('cell', { name: 'Khôi phục phiên bản' }).first().waitFor();
    for (const label of ['Tạo bài', 'Lưu thay đổi', 'Thêm bình luận', 'Xử lý bình luận']) await audit.getByRole('cell', { name: label }).first().waitFor();
    expect(await audit.getByRole('cell', { name: 'Nguyễn Văn Bình' }).count()).toBeGreaterThanOrEqual(5);
    await expectAxeClean(page, 'audit panel');
    await atPhoneWidth(page, 'audit panel');

    await openTab(page, 'Mạng lưới');
    // An editor of a draft may propose it, not send it down (that is a chief editor's, once published).
    expect(await page.getByRole('button', { name: 'Gửi xuống mạng lưới' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Đề xuất lên trang khác' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đề xuất bài lên trang khác' });
    const target = dialog.getByLabel('Trang nhận đề xuất');
    await target.waitFor();
    expect(await target.locator('option').allTextContents()).toEqual(['— Chọn trang —', 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông']);
    await expectAxeClean(page, 'propose dialog');
    await atPhoneWidth(page, 'propose dialog');
    await target.selectOption({ label: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông' });
    await dialog.getByLabel('Lời nhắn cho ban biên tập trang nhận (không bắt buộc)').fill('Đề nghị Cổng đăng tải.');
    await dialog.getByRole('button', { name: 'Gửi đề xuất' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đề xuất bài tới Cổng thông tin điện tử Bộ Thông tin và Truyền thông.' }).waitFor();
    await expectAxeClean(page, 'network panel of a draft');

    // The ministry's editor finds it in the incoming list, linked to the editor.
    const copy = await h.testApp.core.db.selectFrom('syndications').select('copy_article_id').where('source_article_id', '=', draftId).where('direction', '=', 'up').executeTakeFirstOrThrow();
    const ministryPage = await openAs(people.ministryEditor!, '/admin/');
    await ministryPage.getByRole('link', { name: 'Đề xuất' }).click();
    await ministryPage.getByRole('heading', { level: 1, name: 'Bài đề xuất — Cổng thông tin điện tử Bộ Thông tin và Truyền thông' }).waitFor();
    await ministryPage.getByRole('tab', { name: 'Trang khác đề xuất tới' }).click();
    const incoming = ministryPage.getByTestId('proposals-incoming');
    const link = incoming.getByRole('link', { name: OLD_TITLE });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/admin/articles/${copy.copy_article_id}`);
    expect(await incoming.locator('tbody tr').first().textContent()).toMatch(/Trang thông tin điện tử Sở TTTT Lạng Sơn.*Đang chờ xử lý/);
    await expectAxeClean(ministryPage, 'incoming proposals');
    await saveScreenshot(ministryPage, 'proposals');
    await atPhoneWidth(ministryPage, 'incoming proposals', undefined, 'proposals-phone');

    // The ministry returns it with a reason; the proposer sees the outcome and the reason.
    const mEditor = await actorFor(h.testApp.core.db, people.ministryEditor!);
    const copyRevision = (await revisionOf(copy.copy_article_id!)).revision;
    await returnArticle(h.testApp.core, mEditor, copy.copy_article_id!, { revision: copyRevision, reason: 'Cần bổ sung nguồn số liệu.' });
    await page.goto(`${h.baseUrl}/admin/sites/${langson.id}/proposals`);
    const outgoing = page.getByTestId('proposals-outgoing');
    await outgoing.getByText('Bị trả lại').waitFor();
    expect(await outgoing.locator('tbody tr').first().textContent()).toContain('Lý do: Cần bổ sung nguồn số liệu.');
    await page.getByLabel('Lọc theo kết quả').selectOption('accepted');
    await page.getByText('Không có bài đề xuất nào.').waitFor();
    await expectAxeClean(page, 'outgoing proposals');
    // The editor has no network screen.
    expect(await page.getByRole('link', { name: 'Mạng lưới' }).count()).toBe(0);
    await page.goto(`${h.baseUrl}/admin/network`);
    await page.getByText('Bạn không có quyền xem trang này.').waitFor();
    await ministryPage.context().close();
    await page.context().close();
  });

  it('sends a published item to chosen sites, shows each site’s status, and lets a local board detach its copy', async () => {
    const page = await newPage();
    await signInThroughUi(h, page, people.ministryChief!, `/admin/articles/${publishedId}/history`);
    await openTab(page, 'Mạng lưới');
    await page.getByText('Bài chưa được chia sẻ tới trang nào.').waitFor();
    await page.getByRole('button', { name: 'Gửi xuống mạng lưới' }).click();
    const dialog = page.getByRole('dialog', { name: 'Gửi bài xuống mạng lưới' });
    await dialog.getByRole('radio', { name: 'Các trang chọn' }).check();
    await expectAxeClean(page, 'syndicate dialog');
    await atPhoneWidth(page, 'syndicate dialog');
    await dialog.getByRole('button', { name: 'Gửi đi' }).click();
    await dialog.getByText('Hãy chọn ít nhất một trang.').waitFor();
    await dialog.getByRole('checkbox', { name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn' }).check();
    await dialog.getByRole('checkbox', { name: 'Trang thông tin điện tử Sở TTTT Cao Bằng' }).check();
    await dialog.getByLabel('Lời nhắn cho các trang nhận (không bắt buộc)').fill('Đề nghị các Sở đăng lại.');
    await dialog.getByRole('button', { name: 'Gửi đi' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã gửi tới 2 trang mới; 0 trang đã có bài từ trước.' }).waitFor();
    const list = page.getByTestId('syndication-list');
    const langsonRow = list.getByRole('row', { name: /Lạng Sơn/ });
    const caobangRow = list.getByRole('row', { name: /Cao Bằng/ });
    // The fan-out runs in this process; the list looks again until the copies are made.
    await langsonRow.getByText('Đã hiển thị').waitFor({ timeout: 15_000 });
    await caobangRow.getByText('Chờ trang nhận duyệt').waitFor({ timeout: 15_000 });
    expect(await langsonRow.textContent()).toMatch(/Tạo bản sao: xong, 1 lần thử/);
    expect(await langsonRow.getByRole('link', { name: /Xem bản sao/ }).getAttribute('href')).toMatch(/\/langson\/bai-viet\//);
    expect(await list.getByRole('row', { name: /Hà Giang/ }).count()).toBe(0);
    await expectAxeClean(page, 'network panel of an original');
    await atPhoneWidth(page, 'network panel of an original', undefined, 'history-network-phone');
    await page.context().close();

    // The Lạng Sơn editor sees where the copy came from and detaches it.
    const copy = await h.testApp.core.db.selectFrom('syndications').select('copy_article_id').where('source_article_id', '=', publishedId).where('target_site_id', '=', langson.id).executeTakeFirstOrThrow();
    const local = await openAs(people.langsonEditor!, `/admin/articles/${copy.copy_article_id}/history`);
    await openTab(local, 'Mạng lưới');
    await local.getByText('Bài này đến từ Cổng thông tin điện tử Bộ Thông tin và Truyền thông.').waitFor();
    await local.getByText(/Bản sao đang theo bài gốc/).waitFor();
    await local.getByRole('button', { name: 'Tách khỏi bài gốc' }).click();
    const confirm = local.getByRole('dialog', { name: 'Tách bản sao khỏi bài gốc?' });
    await confirm.getByText(/KHÔNG nhận các đính chính/).waitFor();
    await expectAxeClean(local, 'detach dialog');
    await confirm.getByLabel('Lý do tách (không bắt buộc)').fill('Cần bổ sung thông tin địa phương.');
    await confirm.getByRole('button', { name: 'Tách khỏi bài gốc' }).click();
    await local.getByText(/Bài không theo bài gốc nữa/).waitFor();
    const row = await h.testApp.core.db.selectFrom('syndications').select(['following', 'status']).where('copy_article_id', '=', copy.copy_article_id).executeTakeFirstOrThrow();
    expect(Number(row.following)).toBe(0);
    expect(await local.getByRole('button', { name: 'Tách khỏi bài gốc' }).count()).toBe(0);
    await local.context().close();
  });

  it('shows the network screen to a network admin: overview, settings with field errors, merge with a dry run, rename', async () => {
    const page = await newPage();
    await signInThroughUi(h, page, people.admin!);
    await page.getByRole('link', { name: 'Mạng lưới' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mạng lưới' }).waitFor();
    await page.getByRole('heading', { name: 'Trang thông tin điện tử các Sở (3)' }).waitFor();
    const provinces = page.getByRole('region', { name: 'Trang thông tin điện tử các Sở' }).locator('table');
    expect(await provinces.getByRole('row', { name: /Lạng Sơn/ }).textContent()).toMatch(/1 \/ 0.*0 \/ 1/);
    // Stale sites over 7 days: Cao Bằng never published; Hà Giang published 3 days ago.
    await page.getByLabel('Không đăng bài trong').selectOption('7');
    const stale = page.getByTestId('stale-sites');
    await stale.waitFor();
    expect(await stale.getByRole('row', { name: /Hà Giang/ }).count()).toBe(0);
    expect(await stale.getByRole('row', { name: /Cao Bằng/ }).count()).toBe(1);
    await expectAxeClean(page, 'network screen');

    // Settings: the server's message is shown beside the field it names.
    const syndication = page.getByTestId('syndicationRoutes');
    await syndication.getByRole('button', { name: 'Thêm quy tắc' }).click();
    const to3 = syndication.getByLabel('Tới (quy tắc 3)');
    await to3.fill('tinh-bat-ky');
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByRole('alert').filter({ hasText: 'Cài đặt chưa lưu' }).waitFor();
    expect(await to3.getAttribute('aria-invalid')).toBe('true');
    await syndication.locator('.field-error').filter({ hasText: 'parent, children' }).waitFor();
    await expectAxeClean(page, 'network settings with errors');
    await to3.fill(`site:${hagiang.key}`);
    await syndication.getByLabel('Từ (quy tắc 3)').fill(`site:${langson.key}`);
    await page.getByRole('button', { name: 'Lưu cài đặt' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu cài đặt mạng lưới.' }).waitFor();
    const stored = await h.testApp.core.db.selectFrom('network_settings').select('value').where('key', '=', 'syndicationRoutes').executeTakeFirstOrThrow();
    expect(JSON.parse(stored.value)).toContainEqual({ from: 'site:langson', to: 'site:hagiang' });
    await saveScreenshot(page, 'network');
    await atPhoneWidth(page, 'network screen', undefined, 'network-phone');

    // Merge: a dry run shows the plan and changes nothing; the confirmation merges.
    await page.getByRole('group', { name: 'Thao tác với Trang thông tin điện tử Sở cũ' }).getByRole('button', { name: 'Hợp nhất trang' }).click();
    const merge = page.getByRole('dialog', { name: 'Hợp nhất Trang thông tin điện tử Sở cũ vào trang khác' });
    await merge.getByLabel('Trang nhận').selectOption({ label: 'Trang thông tin điện tử Sở TTTT Hà Giang' });
    await merge.getByRole('button', { name: 'Chạy thử' }).click();
    const plan = merge.getByTestId('merge-plan');
    await plan.getByText('Bài viết chuyển: 1 (đang đăng 1, đã gỡ 0)').waitFor();
    expect((await h.testApp.core.db.selectFrom('sites').select('status').where('id', '=', retired.id).executeTakeFirstOrThrow()).status).toBe('active');
    await expectAxeClean(page, 'merge dialog with plan');
    await atPhoneWidth(page, 'merge dialog with plan');
    await merge.getByRole('button', { name: 'Xác nhận hợp nhất' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã hợp nhất Trang thông tin điện tử Sở cũ vào Trang thông tin điện tử Sở TTTT Hà Giang.' }).waitFor();
    expect((await h.testApp.core.db.selectFrom('sites').select('status').where('id', '=', retired.id).executeTakeFirstOrThrow()).status).toBe('merged');
    await page.getByRole('row', { name: /Sở cũ/ }).getByText('Đã sáp nhập').waitFor();

    // Rename: reviewed first, then confirmed.
    await page.getByRole('group', { name: 'Thao tác với Trang thông tin điện tử Sở TTTT Cao Bằng' }).getByRole('button', { name: 'Đổi tên trang' }).click();
    const rename = page.getByRole('dialog', { name: 'Đổi tên Trang thông tin điện tử Sở TTTT Cao Bằng' });
    await rename.getByLabel('Tên trang mới (để trống nếu giữ nguyên)').fill('Trang thông tin điện tử Sở KH&CN Cao Bằng');
    await rename.getByRole('button', { name: 'Xem trước thay đổi' }).click();
    await rename.getByText('Tên: Trang thông tin điện tử Sở TTTT Cao Bằng → Trang thông tin điện tử Sở KH&CN Cao Bằng').waitFor();
    await expectAxeClean(page, 'rename dialog');
    await rename.getByRole('button', { name: 'Xác nhận đổi tên' }).click();
    await page.getByRole('status').filter({ hasText: /Đã đổi .* thành Trang thông tin điện tử Sở KH&CN Cao Bằng/ }).waitFor();
    expect((await h.testApp.core.db.selectFrom('sites').select('name').where('id', '=', caobang.id).executeTakeFirstOrThrow()).name).toBe('Trang thông tin điện tử Sở KH&CN Cao Bằng');
    await page.context().close();
  });
});
