/**
 * The newsroom SPA's frame in Chromium: sign-in (with and without TOTP), site switcher, language
 * switch, sign-out, skip link, and axe on the sign-in and account screens.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAdminHarness, signInThroughUi, expectAxeClean, saveScreenshot, type AdminHarness } from './admin-browser.ts';
import { createPerson, totpCodeFor, TEST_PASSWORD } from './auth-harness.ts';
import { buildSite } from './factories.ts';

describe('newsroom SPA shell in Chromium', () => {
  let h: AdminHarness;
  let langson: { id: number; key: string };
  let hagiang: { id: number; key: string };

  beforeAll(async () => {
    h = await startAdminHarness();
    langson = await buildSite(h.testApp.core.db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    hagiang = await buildSite(h.testApp.core.db, { key: 'hagiang', name: 'Sở Thông tin và Truyền thông Hà Giang' });
    await h.testApp.core.sites.reload();
  });
  afterAll(async () => {
    await h?.dispose();
  });

  it('serves the app under /admin with no-cache HTML and immutable hashed assets', async () => {
    const index = await fetch(h.baseUrl + '/admin/articles/42');
    expect(index.status).toBe(200);
    expect(index.headers.get('cache-control')).toBe('no-cache');
    expect(index.headers.get('x-robots-tag')).toContain('noindex');
    const html = await index.text();
    const asset = /src="(\/admin\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeTruthy();
    const js = await fetch(h.baseUrl + asset);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(h.baseUrl + '/admin/assets/missing-123.js')).status).toBe(404);
    const redirect = await fetch(h.baseUrl + '/admin', { redirect: 'manual' });
    expect(redirect.status).toBe(301);
    expect(redirect.headers.get('location')).toBe('/admin/');
  });

  it('signs a contributor in, switches site and language, and signs out', async () => {
    const person = await createPerson(h.testApp.core.db, {
      displayName: 'Hoàng Thị Tố Loan',
      roles: [
        { siteId: langson.id, role: 'contributor' },
        { siteId: hagiang.id, role: 'contributor' },
      ],
    });
    const page = await h.newPage();
    await page.goto(h.baseUrl + '/admin/');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Đăng nhập tòa soạn');
    await expectAxeClean(page, 'sign-in');
    await saveScreenshot(page, 'sign-in');
    // The language can be chosen before signing in.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in to the newsroom' }).waitFor();
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập tòa soạn' }).waitFor();

    // A wrong password: the message is shown, nothing else happens.
    await page.getByLabel('Địa chỉ e-mail').fill(person.email);
    await page.getByLabel('Mật khẩu').fill('sai mật khẩu hoàn toàn');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/Sai e-mail hoặc mật khẩu/);

    await signInThroughUi(h, page, person);
    expect(await page.getByText('Đăng nhập: Hoàng Thị Tố Loan').count()).toBe(1);
    const switcher = page.getByLabel('Trang đang làm việc');
    const options = await switcher.locator('option').allTextContents();
    expect(options.sort()).toEqual(['Sở Thông tin và Truyền thông Hà Giang', 'Sở Thông tin và Truyền thông Lạng Sơn']);
    await switcher.selectOption({ label: 'Sở Thông tin và Truyền thông Hà Giang' });
    expect(await page.getByRole('link', { name: 'Xem trang công khai' }).getAttribute('href')).toBe('/hagiang/');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('navigation', { name: 'Main navigation' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();

    await page.getByRole('link', { name: 'Tài khoản' }).click();
    await page.getByRole('heading', { name: 'Tài khoản của tôi' }).waitFor();
    await expectAxeClean(page, 'account');
    await saveScreenshot(page, 'account');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { name: 'Đăng nhập tòa soạn' }).waitFor();
    // The session is gone on the server too.
    const me = await page.evaluate(async () => (await fetch('/api/admin/v1/auth/me')).status);
    expect(me).toBe(401);
  });

  it('asks a chief editor for the TOTP code, and the skip link reaches the main content by keyboard', async () => {
    const chief = await createPerson(h.testApp.core.db, { role: 'chief_editor', siteId: langson.id });
    expect(chief.totpSecret).not.toBeNull();
    const page = await h.newPage({ width: 390, height: 844 });
    await signInThroughUi(h, page, chief);
    // After a fresh load the first Tab reaches the skip link.
    await page.reload();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement?.textContent);
    expect(focused).toBe('Bỏ qua, đến nội dung chính');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id || document.activeElement?.closest('main')?.id)).toBe('main');
    await saveScreenshot(page, 'signed-in-phone');
  });

  it('walks a new site admin through the password change and TOTP enrolment before the newsroom opens', async () => {
    const admin = await createPerson(h.testApp.core.db, { role: 'site_admin', siteId: langson.id, totp: false, mustChangePassword: true });
    const page = await h.newPage();
    await page.goto(h.baseUrl + '/admin/');
    await page.getByLabel('Địa chỉ e-mail').fill(admin.email);
    await page.getByLabel('Mật khẩu').fill(TEST_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();

    await page.getByRole('heading', { name: 'Đổi mật khẩu trước khi làm việc' }).waitFor();
    await expectAxeClean(page, 'password change');
    await page.getByLabel('Mật khẩu hiện tại').fill(TEST_PASSWORD);
    // Too short: the server's message is shown and nothing changes.
    await page.getByLabel('Mật khẩu mới').fill('ngắn');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('12');
    await page.getByLabel('Mật khẩu mới').fill('mật khẩu mới của quản trị Lạng Sơn');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    await page.getByRole('heading', { name: 'Bật xác thực hai lớp' }).waitFor();
    await page.getByRole('button', { name: 'Tạo khoá' }).click();
    await page.getByRole('img', { name: /Mã QR/ }).waitFor();
    await expectAxeClean(page, 'totp enrolment');
    await saveScreenshot(page, 'totp-enrolment');
    const secret = (await page.locator('.totp-setup code').first().textContent())!.trim();
    await page.getByLabel('Mã xác thực 6 chữ số').fill(await totpCodeFor(secret, h.testApp.now));
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).waitFor();
    const me = await page.evaluate(async () => (await (await fetch('/api/admin/v1/auth/me')).json()) as { stage: string; user: { totpEnabled: boolean } });
    expect(me.stage).toBe('full');
    expect(me.user.totpEnabled).toBe(true);
  });
});
