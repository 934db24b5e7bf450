/**
 * The media library and site administration in Chromium against the real server (SQLite):
 * upload by file chooser and by a dropped file with progress reaching 100 %, missing alt text
 * flagged then fixed, an SVG refused with its name in the alert; categories added, nested and
 * reordered with the keyboard; a saved menu in the public header; four-eyes turned off through
 * its warning; contact details in the public footer; axe on every screen and dialog at 1280
 * and 390 px; screenshots under test-results/admin/.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { createPerson, type TestPerson } from './auth-harness.ts';
import { buildSite } from './factories.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'media');

describe('media library and site administration in Chromium', () => {
  let h: AdminHarness;
  let site: { id: number; key: string };
  let admin: TestPerson;

  beforeAll(async () => {
    h = await startAdminHarness();
    site = await buildSite(h.testApp.core.db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    admin = await createPerson(h.testApp.core.db, {
      displayName: 'Lê Quang Minh',
      roles: [
        { siteId: site.id, role: 'site_admin' },
        { siteId: site.id, role: 'chief_editor' },
      ],
    });
    await h.testApp.core.sites.reload();
  }, 60_000);
  afterAll(async () => {
    await h?.dispose();
  });

  async function chooseFile(page: Page, name: string) {
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Chọn tệp từ máy' }).click();
    await (await chooser).setFiles(path.join(FIXTURES, name));
  }

  it('uploads by chooser and by drop, flags then fixes missing alt text, refuses an SVG', async () => {
    const page = await h.newPage();
    await signInThroughUi(h, page, admin);
    await page.getByRole('link', { name: 'Thư viện ảnh' }).click();
    await page.getByRole('heading', { level: 1, name: 'Thư viện ảnh' }).waitFor();
    await expectAxeClean(page, 'media (empty)');

    await chooseFile(page, 'canh-dong-lua.jpg');
    await page.locator('[role=progressbar][aria-label="Đang tải lên canh-dong-lua.jpg"][aria-valuenow="100"]').waitFor();
    const card = page.locator('.media-card', { hasText: 'canh-dong-lua.jpg' });
    await card.getByText('Thiếu văn bản thay thế').waitFor();

    // A file dropped on the zone (a DataTransfer built in the page).
    const png = fs.readFileSync(path.join(FIXTURES, 'bieu-do.png')).toString('base64');
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([bytes], 'bieu-do.png', { type: 'image/png' }));
      const zone = document.querySelector('[data-testid="drop-zone"]')!;
      zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, png);
    await page.locator('[role=progressbar][aria-label="Đang tải lên bieu-do.png"][aria-valuenow="100"]').waitFor();
    await page.locator('.media-card', { hasText: 'bieu-do.png' }).waitFor();

    // An SVG is refused: the alert names the file.
    await chooseFile(page, 'logo.svg');
    const alert = page.getByRole('alert').filter({ hasText: 'logo.svg' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/logo\.svg.*SVG/);
    expect(await page.locator('.media-card', { hasText: 'logo.svg' }).count()).toBe(0);

    // Fix the missing alt text in the details dialog (keyboard: the button opens it, focus goes in).
    await card.getByRole('button', { name: 'Sửa thông tin: canh-dong-lua.jpg' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Thông tin tệp' });
    await dialog.getByText('Chưa được dùng trong bài viết nào.').waitFor();
    await expectAxeClean(page, 'media details dialog');
    await dialog.getByLabel(/Văn bản thay thế/).fill('Ruộng lúa chín dưới trời xanh ở Bắc Sơn');
    await dialog.getByLabel('Nguồn / tác giả ảnh').fill('Ảnh: Quang Minh');
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await dialog.getByText('Đã lưu thông tin tệp.').waitFor();
    await page.keyboard.press('Escape');
    await card.getByText('Ruộng lúa chín dưới trời xanh ở Bắc Sơn').waitFor();
    expect(await card.getByText('Thiếu văn bản thay thế').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Sửa thông tin: canh-dong-lua.jpg');
    await expectAxeClean(page, 'media');
    await saveScreenshot(page, 'media');

    // Phone width, same session (a TOTP code is good once per 30-second step).
    const phone = page;
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${h.baseUrl}/admin/sites/${site.id}/media`);
    await phone.locator('.media-card', { hasText: 'bieu-do.png' }).waitFor();
    await expectAxeClean(phone, 'media at 390 px');
    await saveScreenshot(phone, 'media-phone');
  }, 60_000);

  it('manages categories with the keyboard, saves a menu shown on the public site, changes settings with the four-eyes warning', async () => {
    // A new sign-in 31 s later on the app's clock: each TOTP code is accepted once.
    h.testApp.now = new Date(h.testApp.now.getTime() + 31_000);
    const page = await h.newPage();
    await signInThroughUi(h, page, admin);
    await page.getByRole('link', { name: 'Quản trị trang' }).click();
    await page.getByRole('heading', { name: 'Chuyên mục', level: 2 }).waitFor();

    const addCategory = async (name: string, parent?: string) => {
      await page.getByRole('button', { name: 'Thêm chuyên mục' }).click();
      const dialog = page.getByRole('dialog', { name: 'Thêm chuyên mục' });
      await dialog.getByLabel('Tên chuyên mục').fill(name);
      if (parent) await dialog.getByLabel('Thuộc chuyên mục').selectOption({ label: parent });
      await dialog.getByRole('button', { name: 'Lưu' }).click();
      await page.getByRole('status').filter({ hasText: `Đã lưu chuyên mục “${name}”.` }).waitFor();
    };
    await addCategory('Tin tức');
    await addCategory('Sự kiện');
    await page.getByRole('button', { name: 'Thêm chuyên mục' }).click();
    await expectAxeClean(page, 'add category dialog');
    await page.keyboard.press('Escape');
    await addCategory('Văn hoá – Thể thao', 'Tin tức');
    const topLevel = () => page.locator('ul.tree > li > .tree-row strong').allTextContents();
    expect(await topLevel()).toEqual(['Tin tức', 'Sự kiện']);
    expect(await page.locator('ul.tree-sub strong').allTextContents()).toEqual(['Văn hoá – Thể thao']);
    // Keyboard ordering: focus "move up" of "Sự kiện" and press Enter.
    await page.getByRole('button', { name: 'Đưa “Sự kiện” lên' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Đã chuyển “Sự kiện” tới vị trí 1.' }).waitFor();
    expect(await topLevel()).toEqual(['Sự kiện', 'Tin tức']);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Đưa “Sự kiện” xuống');
    await expectAxeClean(page, 'site admin: categories');
    await saveScreenshot(page, 'site-admin-categories');

    // Menu: one entry, saved, then visible in the public header.
    await page.getByRole('link', { name: 'Trình đơn' }).click();
    await page.getByRole('heading', { name: 'Trình đơn điều hướng' }).waitFor();
    await page.getByRole('button', { name: 'Thêm mục', exact: true }).click();
    await page.getByRole('group', { name: 'Mục 1', exact: true }).getByLabel('Nhãn', { exact: true }).fill('Giới thiệu');
    await page.getByRole('group', { name: 'Mục 1', exact: true }).getByLabel('Địa chỉ', { exact: true }).fill('/gioi-thieu');
    await page.getByRole('button', { name: 'Thêm mục', exact: true }).click();
    await page.getByRole('group', { name: 'Mục 2', exact: true }).getByLabel('Nhãn', { exact: true }).fill('Dịch vụ công');
    await page.getByRole('group', { name: 'Mục 2', exact: true }).getByLabel('Địa chỉ', { exact: true }).fill('javascript:alert(1)');
    await page.getByRole('button', { name: 'Lưu trình đơn' }).click();
    await page.getByText('Địa chỉ phải bắt đầu bằng /').first().waitFor();
    await page.getByRole('group', { name: 'Mục 2', exact: true }).getByLabel('Địa chỉ', { exact: true }).fill('https://dichvucong.gov.vn/');
    await page.getByRole('button', { name: 'Lưu trình đơn' }).click();
    await page.getByText('Đã lưu trình đơn.').waitFor();
    await expectAxeClean(page, 'site admin: menu');
    const publicHome = await (await fetch(`${h.baseUrl}/${site.key}/`)).text();
    const nav = publicHome.slice(publicHome.indexOf('<nav class="menu"'));
    expect(nav.slice(0, nav.indexOf('</nav>'))).toContain('<a href="/langson/gioi-thieu">Giới thiệu</a>');

    // People.
    await page.getByRole('link', { name: 'Người dùng và vai trò' }).click();
    await page.getByRole('cell', { name: /Lê Quang Minh/ }).waitFor();
    await page.getByRole('button', { name: 'Thêm người' }).click();
    const addPerson = page.getByRole('dialog', { name: 'Thêm người vào trang' });
    await addPerson.getByLabel('Địa chỉ e-mail').fill('tran.thu.ha@langson.gov.vn');
    await addPerson.getByLabel('Họ và tên').fill('Trần Thu Hà');
    await addPerson.getByLabel('Vai trò').selectOption({ label: 'Biên tập viên' });
    await expectAxeClean(page, 'add person dialog');
    await addPerson.getByRole('button', { name: 'Thêm người' }).click();
    await page.getByRole('status').filter({ hasText: 'Mật khẩu tạm của Trần Thu Hà' }).waitFor();
    await page.getByRole('row', { name: /Trần Thu Hà/ }).getByText('Biên tập viên').waitFor();
    await page.getByRole('button', { name: 'Đổi vai trò: Trần Thu Hà' }).click();
    const roles = page.getByRole('dialog', { name: 'Vai trò của Trần Thu Hà' });
    await roles.getByLabel('Trưởng/Phó ban biên tập').check();
    await expectAxeClean(page, 'roles dialog');
    await roles.getByRole('button', { name: 'Lưu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã cập nhật Trần Thu Hà.' }).waitFor();
    expect(await page.getByRole('row', { name: /Trần Thu Hà/ }).locator('td').first().textContent()).toMatch(/^(Biên tập viên, Trưởng\/Phó ban biên tập|Trưởng\/Phó ban biên tập, Biên tập viên)$/);
    await expectAxeClean(page, 'site admin: people');
    await saveScreenshot(page, 'site-admin-people');

    // Settings: four-eyes off through the warning; contact details reach the public footer.
    await page.getByRole('link', { name: 'Cài đặt trang' }).click();
    const fourEyes = page.getByLabel('Nguyên tắc bốn mắt: người duyệt không được là tác giả của bài');
    await fourEyes.waitFor();
    expect(await fourEyes.isChecked()).toBe(true);
    await fourEyes.uncheck();
    await page.getByText('Tắt nguyên tắc bốn mắt cho phép tác giả tự duyệt').first().waitFor();
    await page.getByLabel('Địa chỉ', { exact: true }).fill('Số 1 đường Hùng Vương, TP Lạng Sơn');
    await page.getByLabel('Điện thoại').fill('0205 3812 345');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    const confirm = page.getByRole('dialog', { name: 'Tắt nguyên tắc bốn mắt?' });
    await confirm.waitFor();
    await expectAxeClean(page, 'four-eyes confirmation');
    await confirm.getByRole('button', { name: 'Tắt và lưu' }).click();
    await page.getByText('Đã lưu cài đặt.').waitFor();
    await expectAxeClean(page, 'site admin: settings');
    await saveScreenshot(page, 'site-admin-settings');
    const stored = await h.testApp.core.db.selectFrom('sites').select('settings').where('id', '=', site.id).executeTakeFirstOrThrow();
    expect(JSON.parse(stored.settings)).toMatchObject({ fourEyes: false, address: 'Số 1 đường Hùng Vương, TP Lạng Sơn', phone: '0205 3812 345' });
    const audit = await h.testApp.core.db.selectFrom('audit_log').select('details').where('action', '=', 'site.settings.update').execute();
    expect(audit.some((a) => JSON.parse(a.details).changed?.fourEyes?.to === false)).toBe(true);
    const footer = await (await fetch(`${h.baseUrl}/${site.key}/`)).text();
    expect(footer.slice(footer.indexOf('<footer'))).toContain('Số 1 đường Hùng Vương, TP Lạng Sơn');

    // Every tab at phone width.
    const phone = page;
    await phone.setViewportSize({ width: 390, height: 844 });
    for (const [tab, heading] of [['categories', 'Chuyên mục'], ['menu', 'Trình đơn điều hướng'], ['people', 'Người dùng và vai trò trên trang'], ['settings', 'Cài đặt trang']] as const) {
      await phone.goto(`${h.baseUrl}/admin/sites/${site.id}/admin/${tab}`);
      await phone.getByRole('heading', { level: 2, name: heading }).waitFor();
      await expectAxeClean(phone, `site admin ${tab} at 390 px`);
    }
  }, 90_000);
});
