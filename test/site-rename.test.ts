/**
 * Renaming a site (issue "The network", item 5), on SQLite and PostgreSQL: after a new key,
 * `/<old>/<rest>` answers 301 to `/<new>/<rest>` and the old `<old>.localhost` hostname answers
 * 301 to `<new>.localhost`, each to a page that answers 200; a later merge of the renamed site
 * still answers old addresses in one hop; bad keys are refused naming the field and change
 * nothing; the admin API and `cong site rename` do the same.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { runCong } from './cli-process.ts';
import { databaseFingerprint, fetchUrl, followOnce } from './site-lifecycle-helpers.ts';
import { renameSite } from '../src/core/sites/rename-site.ts';
import { mergeSite } from '../src/core/sites/merge-sites.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { ValidationError } from '../src/core/errors.ts';

const SYSTEM = systemActor('test');

describe.each(ENGINES)('site rename on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let other: { id: number; key: string };
  const paths = ['/', '/bai-viet/thanh-pho-hue-chuyen-doi-so', '/bai-viet/thanh-pho-hue-chuyen-doi-so/in', '/chuyen-muc/tin-hoat-dong', '/chuyen-muc/tin-hoat-dong/rss.xml', '/rss.xml', '/sitemap.xml'];

  beforeAll(async () => {
    t = await createTestApp(engine);
    site = await buildSite(t.core.db, { key: 'thuathienhue', name: 'Trang thông tin điện tử Sở TTTT Thừa Thiên Huế', hostnames: ['thuathienhue.localhost'] });
    other = await buildSite(t.core.db, { key: 'quangtri', name: 'Trang thông tin điện tử Sở TTTT Quảng Trị', hostnames: ['quangtri.localhost'] });
    const cat = await buildCategory(t.core.db, site.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    await buildArticle(t.core.db, site.id, { title: 'Thành phố Huế đẩy mạnh chuyển đổi số', slug: 'thanh-pho-hue-chuyen-doi-so', categoryIds: [cat.id] });
    await t.core.sites.reload();
  });
  afterAll(async () => t.dispose());

  const refusal = async (input: Record<string, unknown>) => {
    const error = await renameSite(t.core, SYSTEM, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  };

  it('refuses bad keys, naming the field, changing nothing', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    expect((await refusal({ key: site.key, newKey: 'Huế' }))[0]!.path).toBe('newKey');
    expect((await refusal({ key: site.key, newKey: 'api' }))[0]!.path).toBe('newKey');
    expect(await refusal({ key: site.key, newKey: other.key })).toEqual([{ path: 'newKey', message: 'khoá “quangtri” đang là khoá của một trang khác' }]);
    expect(await refusal({ key: site.key, newKey: site.key })).toEqual([{ path: 'newKey', message: 'khoá mới trùng khoá hiện tại' }]);
    expect(await refusal({ key: site.key })).toEqual([{ path: 'newKey', message: 'cần khoá mới hoặc tên mới' }]);
    expect(await refusal({ key: 'khong-co', newKey: 'moi' })).toEqual([{ path: 'key', message: 'không có trang nào có khoá “khong-co”' }]);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('renames; old paths and the old hostname answer one 301 to pages answering 200', async () => {
    const before = new Map<string, number>();
    for (const p of paths) before.set(p, (await fetchUrl(t.app, { path: `/${site.key}${p}` })).status);
    expect([...before.values()].every((s) => s === 200)).toBe(true);

    const r = await renameSite(t.core, SYSTEM, { key: 'thuathienhue', newKey: 'hue', newName: 'Trang thông tin điện tử Sở TTTT thành phố Huế' });
    expect(r).toEqual({
      siteId: site.id,
      from: { key: 'thuathienhue', name: 'Trang thông tin điện tử Sở TTTT Thừa Thiên Huế' },
      to: { key: 'hue', name: 'Trang thông tin điện tử Sở TTTT thành phố Huế' },
      redirectingHostnames: ['thuathienhue.localhost'],
      addedHostnames: ['hue.localhost'],
    });
    const publicUrl = t.core.config.publicUrl;
    for (const p of paths) {
      const byPath = await followOnce(t.app, { path: `/thuathienhue${p}` }, publicUrl);
      expect(byPath.first.status, p).toBe(301);
      expect(byPath.first.location, p).toBe(`/hue${p}`);
      expect(byPath.second!.status, p).toBe(200);
      const byHost = await followOnce(t.app, { path: p, host: 'thuathienhue.localhost' }, publicUrl);
      expect(byHost.first.status, p).toBe(301);
      expect(byHost.first.location, p).toBe(`http://hue.localhost${p}`);
      expect(byHost.second!.status, p).toBe(200);
      expect((await fetchUrl(t.app, { path: p, host: 'hue.localhost' })).status, p).toBe(200);
    }
    // The query string goes along; the new name shows.
    const search = await fetchUrl(t.app, { path: '/thuathienhue/tim-kiem?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i' });
    expect(search.location).toBe('/hue/tim-kiem?q=chuy%E1%BB%83n+%C4%91%E1%BB%95i');
    expect((await fetchUrl(t.app, { path: '/hue/' })).body).toContain('Trang thông tin điện tử Sở TTTT thành phố Huế');
    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'site_id', 'details']).where('action', '=', 'site.rename').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ from: { key: 'thuathienhue' }, to: { key: 'hue' } });
  });

  it('refuses an old key of another site, and allows a site to take its own old key back', async () => {
    expect(await refusal({ key: other.key, newKey: 'thuathienhue' })).toEqual([
      { path: 'newKey', message: 'khoá “thuathienhue” là khoá cũ của một trang khác (địa chỉ cũ của trang đó vẫn dùng nó)' },
    ]);
    await renameSite(t.core, SYSTEM, { key: 'hue', newKey: 'thuathienhue' });
    expect((await fetchUrl(t.app, { path: '/thuathienhue/' })).status).toBe(200);
    expect((await fetchUrl(t.app, { path: '/', host: 'thuathienhue.localhost' })).status).toBe(200);
    expect((await fetchUrl(t.app, { path: '/hue/bai-viet/thanh-pho-hue-chuyen-doi-so' })).location).toBe('/thuathienhue/bai-viet/thanh-pho-hue-chuyen-doi-so');
    expect((await fetchUrl(t.app, { path: '/', host: 'hue.localhost' })).location).toBe('http://thuathienhue.localhost/');
    await renameSite(t.core, SYSTEM, { key: 'thuathienhue', newKey: 'hue' });
  });

  it('a renamed site merged later: its oldest addresses still answer one 301 to the final page', async () => {
    await mergeSite(t.core, SYSTEM, { from: 'hue', into: other.key });
    const publicUrl = t.core.config.publicUrl;
    for (const url of [{ path: '/thuathienhue/bai-viet/thanh-pho-hue-chuyen-doi-so' }, { path: '/bai-viet/thanh-pho-hue-chuyen-doi-so', host: 'thuathienhue.localhost' }, { path: '/bai-viet/thanh-pho-hue-chuyen-doi-so', host: 'hue.localhost' }]) {
      const { first, second } = await followOnce(t.app, url, publicUrl);
      expect(first.status).toBe(301);
      expect(first.location).toBe(url.host ? 'http://quangtri.localhost/bai-viet/thanh-pho-hue-chuyen-doi-so' : '/quangtri/bai-viet/thanh-pho-hue-chuyen-doi-so');
      expect(second!.status).toBe(200);
    }
    expect(await refusal({ key: 'hue', newName: 'Tên mới' })).toEqual([{ path: 'key', message: 'trang “hue” đã được sáp nhập vào trang khác, không đổi tên được' }]);
  });

  it('the admin API renames for network administrators only', async () => {
    const s = await buildSite(t.core.db, { key: 'bariavungtau', name: 'Trang thông tin điện tử Sở TTTT Bà Rịa - Vũng Tàu' });
    await t.core.sites.reload();
    const admin = await signIn(t, await createPerson(t.core.db, { role: 'network_admin' }));
    const siteAdmin = await signIn(t, await createPerson(t.core.db, { siteId: s.id, role: 'site_admin' }));
    const post = (headers: Record<string, string>, payload: unknown) =>
      t.app.inject({ method: 'POST', url: `/api/admin/v1/network/sites/${s.key}/rename`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    expect((await post(siteAdmin.headers, { newKey: 'vungtau' })).statusCode).toBe(404);
    const bad = await post(admin.headers, { newKey: 'Vũng Tàu' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('newKey');
    const ok = await post(admin.headers, { newKey: 'vungtau' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().rename).toMatchObject({ from: { key: 'bariavungtau' }, to: { key: 'vungtau' } });
    expect((await fetchUrl(t.app, { path: '/bariavungtau/' })).location).toBe('/vungtau/');
  });
});

describe('cong site rename (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await buildSite(t.core.db, { key: 'daknong', name: 'Trang thông tin điện tử Sở TTTT Đắk Nông', hostnames: ['daknong.localhost'] });
  });
  afterAll(async () => t.dispose());

  it('renames from the console, in Vietnamese, and names a bad option', async () => {
    const run = runCong(['site', 'rename', 'daknong', '--to', 'daknong-cu', '--name', 'Trang Sở TTTT Đắk Nông (cũ)'], t.database.env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('Đã đổi trang “daknong” (Trang thông tin điện tử Sở TTTT Đắk Nông) thành “daknong-cu” (Trang Sở TTTT Đắk Nông (cũ)).');
    expect(run.stdout).toContain('Tên miền cũ daknong.localhost chuyển hướng 301 về daknong-cu.localhost');
    const bad = runCong(['site', 'rename', 'daknong-cu', '--to', 'Đắk Nông'], t.database.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Lỗi: --to: khoá mới chỉ gồm chữ thường không dấu');
  });
});
