/**
 * Methods other than GET on public pages, and requests Node's HTTP parser refuses, over HTTP on
 * SQLite and PostgreSQL: a page answers POST, PUT, DELETE, PATCH with 405 and `Allow`, and
 * OPTIONS with 204, while paths that are no page keep their 404 and stay free for later routes;
 * an unknown method or an over-long request line gets the themed Vietnamese page, not JSON,
 * and a `..` path under the file servers the themed 404, not an English 403.
 */
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { parseHtml, textOf } from './public-helpers.ts';

/** Sends raw bytes to the server and returns everything it answers until it closes. */
function rawRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => resolve(Buffer.concat(chunks).toString('utf8'));
    socket.on('data', (chunk) => chunks.push(chunk));
    // The server may reset the connection while the client is still sending; what it wrote
    // before that has been read.
    socket.on('error', done);
    socket.on('close', done);
    socket.write(request);
  });
}

/** Splits a raw HTTP response into status, headers (lower-cased names) and body. */
function parseRawResponse(raw: string): { status: number; headers: Record<string, string>; body: string } {
  const end = raw.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = raw.slice(0, end).split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine!.split(' ')[1]), headers, body: raw.slice(end + 4) };
}

describe.each(ENGINES)('methods and refused requests on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let pages: string[];

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    const category = await buildCategory(db, site.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const tag = await buildTag(db, site.id, { name: 'Tập huấn', slug: 'tap-huan' });
    await buildArticle(db, site.id, { slug: 'hoi-nghi', categoryIds: [category.id], tagIds: [tag.id] });
    await t.core.sites.reload();
    pages = [
      '/',
      '/ve-du-lieu-mau',
      `/${site.key}/`,
      `/${site.key}/chuyen-muc/tin-hoat-dong`,
      `/${site.key}/the/tap-huan`,
      `/${site.key}/bai-viet/hoi-nghi`,
      `/${site.key}/bai-viet/hoi-nghi/in`,
    ];
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('every page answers POST, PUT, DELETE and PATCH with 405, Allow: GET, HEAD and the themed Vietnamese page', async () => {
    for (const url of pages) {
      expect((await t.app.inject({ method: 'GET', url })).statusCode, url).toBe(200);
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH'] as const) {
        const res = await t.app.inject({ method, url, payload: { q: 'x' } });
        expect(res.statusCode, `${method} ${url}`).toBe(405);
        expect(res.headers['allow'], `${method} ${url}`).toBe('GET, HEAD');
        expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
        const doc = parseHtml(res.body);
        expect(doc.documentElement.getAttribute('lang')).toBe('vi');
        expect(textOf(doc.querySelector('h1')), `${method} ${url}`).toBe('Phương thức không được hỗ trợ');
        expect(textOf(doc.querySelector('.error-page__code'))).toBe('Lỗi 405');
      }
    }
    // A page of a site is answered in the site's frame.
    const doc = parseHtml((await t.app.inject({ method: 'POST', url: `/${site.key}/bai-viet/hoi-nghi` })).body);
    expect(textOf(doc.querySelector('.brand'))).toContain('Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn');
  });

  it('the 405 does not depend on the body: no 415 for an unknown type, no 400 for broken JSON', async () => {
    const url = `/${site.key}/`;
    const xml = await t.app.inject({ method: 'POST', url, payload: '<a/>', headers: { 'content-type': 'application/xml' } });
    expect(xml.statusCode).toBe(405);
    const json = await t.app.inject({ method: 'PUT', url, payload: '{"broken', headers: { 'content-type': 'application/json' } });
    expect(json.statusCode).toBe(405);
    expect(json.headers['allow']).toBe('GET, HEAD');
  });

  it('OPTIONS on a page answers 204 with Allow: GET, HEAD, OPTIONS', async () => {
    for (const url of pages) {
      const res = await t.app.inject({ method: 'OPTIONS', url });
      expect(res.statusCode, url).toBe(204);
      expect(res.headers['allow'], url).toBe('GET, HEAD, OPTIONS');
      expect(res.body).toBe('');
    }
  });

  it('HEAD still answers like GET, without a body', async () => {
    const res = await t.app.inject({ method: 'HEAD', url: `/${site.key}/` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('');
  });

  it('paths that are no page keep their 404: unknown sites, /api/…, /admin', async () => {
    for (const url of ['/khong-co-trang/', '/khong-co-trang/bai-viet/x', '/admin', '/admin/']) {
      for (const method of ['POST', 'DELETE', 'OPTIONS'] as const) {
        const res = await t.app.inject({ method, url });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
        expect(res.headers['allow'], `${method} ${url}`).toBeUndefined();
        expect(textOf(parseHtml(res.body).querySelector('h1'))).toBe('Không tìm thấy trang');
      }
    }
    const api = await t.app.inject({ method: 'POST', url: '/api/', payload: {} });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toEqual({ errors: [{ code: 'CONG_ERR_NOT_FOUND', message: 'Không tìm thấy' }] });
  });

  it('routes registered later for /api/…, /admin or a new path under a site still win', async () => {
    const app = await buildApp(t.core, { logLevel: 'silent' });
    app.post('/api/', async () => ({ ok: 'api' }));
    app.post('/admin', async () => ({ ok: 'admin' }));
    app.post('/:site/binh-luan/:slug', async () => ({ ok: 'comment' }));
    await app.ready();
    try {
      expect((await app.inject({ method: 'POST', url: '/api/' })).json()).toEqual({ ok: 'api' });
      expect((await app.inject({ method: 'POST', url: '/admin' })).json()).toEqual({ ok: 'admin' });
      expect((await app.inject({ method: 'POST', url: `/${site.key}/binh-luan/hoi-nghi` })).json()).toEqual({ ok: 'comment' });
      expect((await app.inject({ method: 'POST', url: `/${site.key}/bai-viet/hoi-nghi` })).statusCode).toBe(405);
    } finally {
      await app.close();
    }
  });

  describe('over a real connection', () => {
    let port: number;
    beforeAll(async () => {
      const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
      port = Number(new URL(address).port);
    });

    it('an unknown method (refused by Node’s HTTP parser) gets a themed Vietnamese 400 page, not JSON', async () => {
      const res = parseRawResponse(await rawRequest(port, `FOO /${site.key}/ HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.body));
      const doc = parseHtml(res.body);
      expect(doc.documentElement.getAttribute('lang')).toBe('vi');
      expect(textOf(doc.querySelector('h1'))).toBe('Yêu cầu không hợp lệ');
      expect(textOf(doc.querySelector('.error-page__message'))).toContain('phương thức');
      expect(res.body).not.toContain('Client Error');
    });

    it('a 100 KB path (over Node’s header size limit: 431 from its parser) gets a themed Vietnamese page', async () => {
      const res = parseRawResponse(await rawRequest(port, `GET /${site.key}/the/${'a'.repeat(100_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`));
      expect(res.status).toBe(431);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const doc = parseHtml(res.body);
      expect(doc.documentElement.getAttribute('lang')).toBe('vi');
      expect(textOf(doc.querySelector('h1'))).toBe('Địa chỉ hoặc phần đầu yêu cầu quá dài');
      expect(res.body).not.toContain('Exceeded maximum');
    });

    // Over a socket: `inject` and `fetch` resolve `..` in the URL before it is sent.
    it('a `..` path under /_assets/ or /media/ is the themed Vietnamese 404, never the file server’s English 403', async () => {
      for (const path of ['/_assets/../package.json', '/_assets/%2e%2e/package.json', '/_assets/fonts/../../../package.json', '/media/../package.json', '/media/%2E%2E/%2E%2E/package.json']) {
        const res = parseRawResponse(await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        expect(res.status, path).toBe(404);
        expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
        const doc = parseHtml(res.body);
        expect(doc.documentElement.getAttribute('lang'), path).toBe('vi');
        expect(textOf(doc.querySelector('h1')), path).toBe('Không tìm thấy trang');
        expect(res.body, path).not.toContain('Forbidden');
        expect(res.body, path).not.toContain('"name": "cong"');
      }
    });

    it('a long path within Node’s limit (over the router’s 300-character parameters) is the themed 404', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/${site.key}/the/${'a'.repeat(5000)}`);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(textOf(parseHtml(await res.text()).querySelector('h1'))).toBe('Không tìm thấy trang');
    });
  });
});
