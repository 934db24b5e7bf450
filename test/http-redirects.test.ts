/**
 * Old URLs and malformed requests over HTTP, on SQLite and PostgreSQL: a stored redirect
 * answers 301 before any 404; broken URLs get a themed Vietnamese 400 or 404, never a 500;
 * a file server's refusal is a themed Vietnamese page too (`..` paths: http-methods.test.ts).
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { parseHtml, textOf } from './public-helpers.ts';
import { upsertRedirect } from '../src/core/redirects/redirect.repository.ts';

describe.each(ENGINES)('redirects and bad URLs on %s', (engine) => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    const site = await buildSite(t.core.db);
    key = site.key;
    await t.core.sites.reload();
    await upsertRedirect(t.core.db, { siteId: site.id, fromPath: '/tin-tuc/hội-nghị-2022.html', toUrl: `/${key}/bai-viet/hoi-nghi-2022` }, t.now);
  });
  afterAll(async () => t.dispose());

  it('answers an old URL with 301 to its new home, with or without percent-encoding', async () => {
    const res = await t.app.inject({ url: `/${key}/tin-tuc/h%E1%BB%99i-ngh%E1%BB%8B-2022.html` });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/${key}/bai-viet/hoi-nghi-2022`);
    const res2 = await t.app.inject({ url: encodeURI(`/${key}/tin-tuc/hội-nghị-2022.html`.normalize('NFD')) });
    expect(res2.statusCode).toBe(301);
  });

  it('answers unknown paths with the Vietnamese 404 page', async () => {
    const res = await t.app.inject({ url: `/${key}/tin-tuc/khong-co.html` });
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('lang="vi"');
    expect(res.body).toContain('Không tìm thấy');
  });

  it('never answers 500 to malformed URLs', async () => {
    for (const url of [`/${key}/x%00y`, `/${key}/%E0%A4%A`, `/%E0%A4%A`, `/${key}/chuyen-muc/%00`, `/${key}/${'a'.repeat(5000)}`, '/_assets/../package.json', '/media/../../etc/passwd']) {
      const res = await t.app.inject({ url });
      expect(res.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, url).toBeLessThan(500);
      expect(res.body, url).not.toContain('"name": "cong"');
    }
    const bad = await t.app.inject({ url: '/%E0%A4%A' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('lang="vi"');
  });

  it('any other refusal of a file server (a dotfile under /media/: 403) reads in Vietnamese', async () => {
    const res = await t.app.inject({ url: '/media/.an' });
    expect(res.statusCode).toBe(403);
    const doc = parseHtml(res.body);
    expect(doc.documentElement.getAttribute('lang')).toBe('vi');
    expect(textOf(doc.querySelector('h1'))).toBe('Không có quyền truy cập');
    expect(textOf(doc.querySelector('.error-page__message'))).toBe('Bạn không có quyền xem địa chỉ này.');
  });
});
