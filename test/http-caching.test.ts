/**
 * Validators and cache lifetimes over HTTP, on SQLite and PostgreSQL: ETags and 304 only for
 * pages that answer 200 (never for a 404, 400 or 405 page, RFC 9110 §13.1.2); the versioned
 * stylesheet, the icon and the fonts cached for a year as immutable; an SVG icon on every page
 * and `/favicon.ico` redirected to it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { parseHtml } from './public-helpers.ts';

const IMMUTABLE = 'public, max-age=31536000, immutable';

describe.each(ENGINES)('validators and caching on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    site = await buildSite(t.core.db, { hostnames: ['langson.example.vn'] });
    await buildArticle(t.core.db, site.id, { slug: 'hoi-nghi' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  describe('ETag and 304', () => {
    it('a 200 page has a weak ETag; If-None-Match with it, in a list, or * gets 304 without a body', async () => {
      const url = `/${site.key}/bai-viet/hoi-nghi`;
      const first = await get(url);
      const etag = String(first.headers['etag']);
      expect(etag).toMatch(/^W\/".+"$/);
      for (const inm of [etag, etag.slice(2), `"other", ${etag}`, '*']) {
        const res = await get(url, { 'if-none-match': inm });
        expect(res.statusCode, inm).toBe(304);
        expect(res.body, inm).toBe('');
        expect(res.headers['etag']).toBe(etag);
      }
      expect((await get(url, { 'if-none-match': '"other"' })).statusCode).toBe(200);
      // Compressed or not, the page has the same (weak) validator.
      expect((await get(url, { 'accept-encoding': 'gzip', 'if-none-match': etag })).statusCode).toBe(304);
    });

    it('a 404 page has no ETag and answers 404 with its page whatever If-None-Match says', async () => {
      const url = `/${site.key}/bai-viet/khong-co`;
      const first = await get(url);
      expect(first.statusCode).toBe(404);
      expect(first.headers['etag']).toBeUndefined();
      const pageEtag = String((await get(`/${site.key}/bai-viet/hoi-nghi`)).headers['etag']);
      for (const inm of ['*', pageEtag, 'W/"abc"']) {
        const res = await get(url, { 'if-none-match': inm });
        expect(res.statusCode, inm).toBe(404);
        expect(res.body, inm).toContain('Không tìm thấy trang');
      }
    });

    it('a 400 page and a 405 page never answer 304 either', async () => {
      for (const url of [`/${site.key}/the/tap-huan?trang=abc`, `/${site.key}/chuyen-muc/tin?trang=0`]) {
        const res = await get(url, { 'if-none-match': '*' });
        expect(res.statusCode, url).toBe(400);
        expect(res.headers['etag'], url).toBeUndefined();
        expect(res.body, url).toContain('Yêu cầu không hợp lệ');
      }
      const post = await t.app.inject({ method: 'POST', url: `/${site.key}/`, headers: { 'if-none-match': '*' } });
      expect(post.statusCode).toBe(405);
      expect(post.headers['etag']).toBeUndefined();
      expect(post.body).toContain('Phương thức không được hỗ trợ');
    });
  });

  describe('theme files', () => {
    it('the stylesheet a page links (versioned) and its fonts are cached for a year as immutable', async () => {
      const doc = parseHtml((await get(`/${site.key}/`)).body);
      const cssUrl = doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
      expect(cssUrl).toMatch(/^\/_assets\/cong\.css\?v=[0-9a-f]{10}$/);
      const css = await get(cssUrl);
      expect(css.statusCode).toBe(200);
      expect(css.headers['cache-control']).toBe(IMMUTABLE);
      const fonts = [...css.body.matchAll(/url\((fonts\/[^)]+)\)/g)].map((m) => `/_assets/${m[1]}`);
      const preload = doc.querySelector('link[rel="preload"][as="font"]')!.getAttribute('href')!;
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of [...fonts, preload]) {
        const res = await get(font);
        expect(res.statusCode, font).toBe(200);
        expect(res.headers['cache-control'], font).toBe(IMMUTABLE);
      }
    });

    it('an unversioned or stale URL of a theme file is not cached as immutable', async () => {
      for (const url of ['/_assets/cong.css', '/_assets/cong.css?v=0000000000', '/_assets/favicon.svg']) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        expect(res.headers['cache-control'], url).not.toContain('immutable');
      }
    });

    it('every kind of page links an SVG icon, served immutable', async () => {
      const urls = ['/', '/ve-du-lieu-mau', `/${site.key}/`, `/${site.key}/bai-viet/hoi-nghi`, `/${site.key}/bai-viet/hoi-nghi/in`, `/${site.key}/khong-co`, '/khong-co/'];
      const icons = new Set<string>();
      for (const url of urls) {
        const links = parseHtml((await get(url)).body).querySelectorAll('link[rel="icon"]');
        expect(links, url).toHaveLength(1);
        expect(links[0]!.getAttribute('type'), url).toBe('image/svg+xml');
        icons.add(links[0]!.getAttribute('href')!);
      }
      expect(icons.size).toBe(1);
      const [href] = [...icons];
      expect(href).toMatch(/^\/_assets\/favicon\.svg\?v=[0-9a-f]{10}$/);
      const icon = await get(href!);
      expect(icon.statusCode).toBe(200);
      expect(icon.headers['content-type']).toContain('image/svg+xml');
      expect(icon.headers['cache-control']).toBe(IMMUTABLE);
      expect(icon.body).toContain('<svg');
    });

    it('/favicon.ico redirects permanently to the SVG icon, on the default host and on a site’s own host', async () => {
      for (const headers of [{}, { host: 'langson.example.vn' }] as Record<string, string>[]) {
        const res = await get('/favicon.ico', headers);
        expect(res.statusCode).toBe(301);
        expect(res.headers['location']).toBe('/_assets/favicon.svg');
        expect((await get(String(res.headers['location']), headers)).statusCode).toBe(200);
      }
    });
  });
});
