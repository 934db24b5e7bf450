/**
 * The content API as HTTP, on SQLite and PostgreSQL: conditional GET (weak ETag, 304 on a
 * match, compressed or not; never for an error), caching headers, HEAD; CORS open for reading
 * on `/api/content/` only (preflight answered; no CORS header on the admin API or the pages);
 * the OpenAPI document describing every content endpoint; and a table of bad input — SQL
 * fragments, huge numbers, NFD keys, empty and repeated parameters, broken dates — each
 * answering a clear 400 naming the parameter or a 404, never a 500, and changing nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { API, getJson } from './content-api-helpers.ts';

const READER_SITE = 'https://bao-dien-tu.example';

describe.each(ENGINES)('content API over HTTP on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    const site = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    const cat = await buildCategory(db, site.id, { name: 'Tin tức', slug: 'tin-tuc' });
    const tag = await buildTag(db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    // A long body, so that compression applies to the answer.
    const body = Array.from({ length: 40 }, (_, i) => `<p>Đoạn ${i + 1}: Lạng Sơn triển khai chuyển đổi số trong các cơ quan nhà nước, hướng tới chính quyền số.</p>`).join('');
    for (let i = 0; i < 3; i++) {
      await buildArticle(db, site.id, { title: `Lạng Sơn đẩy mạnh chuyển đổi số, bài ${i + 1}`, slug: `chuyen-doi-so-${i + 1}`, body, categoryIds: [cat.id], tagIds: [tag.id], published_at: `2022-09-2${i + 1}T07:05:00.000Z` });
    }
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  describe('conditional GET and caching', () => {
    const urls = [`${API}/articles?site=langson`, `${API}/articles/langson/chuyen-doi-so-1`, `${API}/sites`, `${API}/sites/langson`, `${API}/categories?site=langson`, `${API}/tags?site=langson`];

    it('every answer carries a weak ETag and public, max-age=30; If-None-Match with it answers 304 without a body', async () => {
      for (const url of urls) {
        const first = await getJson(t, url);
        expect(first.status, url).toBe(200);
        expect(first.headers['cache-control'], url).toBe('public, max-age=30');
        const etag = String(first.headers['etag']);
        expect(etag, url).toMatch(/^W\/".+"$/);
        for (const inm of [etag, etag.slice(2), `"autre", ${etag}`]) {
          const again = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': inm } });
          expect(again.statusCode, `${url} ${inm}`).toBe(304);
          expect(again.body).toBe('');
          expect(again.headers['etag']).toBe(etag);
        }
        // Compressed, the answer keeps the same (weak) validator.
        const gzip = await t.app.inject({ method: 'GET', url, headers: { 'accept-encoding': 'gzip', 'if-none-match': etag } });
        expect(gzip.statusCode, url).toBe(304);
        expect((await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': 'W/"khac"' } })).statusCode).toBe(200);
      }
      const long = await t.app.inject({ method: 'GET', url: `${API}/articles/langson/chuyen-doi-so-1`, headers: { 'accept-encoding': 'gzip' } });
      expect(long.headers['content-encoding']).toBe('gzip');
      expect(long.headers['etag']).toMatch(/^W\//);
    });

    it('the ETag changes when the answer does (a newly published article)', async () => {
      const url = `${API}/articles?site=langson`;
      const before = String((await getJson(t, url)).headers['etag']);
      const site = t.core.sites.getByKey('langson')!;
      await buildArticle(t.core.db, site.id, { title: 'Tin mới đăng', slug: 'tin-moi', published_at: '2022-09-30T01:00:00.000Z' });
      const after = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': before } });
      expect(after.statusCode).toBe(200);
      expect(after.headers['etag']).not.toBe(before);
      expect(JSON.parse(after.body).items[0].title).toBe('Tin mới đăng');
    });

    it('errors carry no ETag, are not stored by caches, and never answer 304', async () => {
      for (const url of [`${API}/articles/langson/khong-co`, `${API}/articles?page=0`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { 'if-none-match': '*' } });
        expect([400, 404], url).toContain(res.statusCode);
        expect(res.headers['etag'], url).toBeUndefined();
        expect(res.headers['cache-control'], url).toBe('no-store');
      }
    });

    it('HEAD answers the headers of GET without a body', async () => {
      const get = await t.app.inject({ method: 'GET', url: `${API}/articles/langson/chuyen-doi-so-1` });
      const head = await t.app.inject({ method: 'HEAD', url: `${API}/articles/langson/chuyen-doi-so-1` });
      expect(head.statusCode).toBe(200);
      expect(head.body).toBe('');
      expect(head.headers['etag']).toBe(get.headers['etag']);
      expect(head.headers['content-type']).toBe('application/json; charset=utf-8');
    });
  });

  describe('CORS', () => {
    it('any origin may read the content API, without credentials, and read its ETag and Link headers', async () => {
      for (const url of [`${API}/articles?site=langson`, `${API}/articles/langson/chuyen-doi-so-1`, `${API}/articles/langson/khong-co`, `${API}/khong-co-dia-chi-nay`]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { origin: READER_SITE } });
        expect(res.headers['access-control-allow-origin'], url).toBe('*');
        expect(res.headers['access-control-allow-credentials'], url).toBeUndefined();
        expect(String(res.headers['access-control-expose-headers']), url).toBe('ETag, Link');
      }
    });

    it('answers a preflight with the reading methods and headers only', async () => {
      const res = await t.app.inject({
        method: 'OPTIONS',
        url: `${API}/articles?site=langson`,
        headers: { origin: READER_SITE, 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      });
      expect(res.statusCode).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-methods']).toBe('GET, HEAD, OPTIONS');
      expect(res.headers['access-control-allow-headers']).toBe('Accept, Accept-Language, If-None-Match');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
      expect(res.headers['access-control-max-age']).toBe('86400');
    });

    it('the admin API, the API description and the pages get no CORS header, nor a preflight answer', async () => {
      const targets = ['/api/admin/v1/sites', '/api/admin/v1/auth/session', '/api/docs', '/langson/', '/'];
      for (const url of targets) {
        const get = await t.app.inject({ method: 'GET', url, headers: { origin: READER_SITE } });
        expect(get.headers['access-control-allow-origin'], url).toBeUndefined();
        const preflight = await t.app.inject({ method: 'OPTIONS', url, headers: { origin: READER_SITE, 'access-control-request-method': 'POST' } });
        expect(preflight.headers['access-control-allow-origin'], url).toBeUndefined();
        expect(preflight.headers['access-control-allow-methods'], url).toBeUndefined();
      }
      const post = await t.app.inject({ method: 'POST', url: '/api/admin/v1/auth/sign-in', headers: { origin: READER_SITE }, payload: {} });
      expect(post.headers['access-control-allow-origin']).toBeUndefined();
    });

    it('the content API refuses writes', async () => {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) {
        const res = await t.app.inject({ method, url: `${API}/articles`, headers: { origin: READER_SITE }, payload: { title: 'x' } });
        expect(res.statusCode, method).toBe(405);
        expect(res.headers.allow).toBe('GET, HEAD, OPTIONS');
        expect(JSON.parse(res.body).errors[0].code).toBe('CONG_ERR_METHOD_NOT_ALLOWED');
      }
      expect((await t.app.inject({ method: 'GET', url: `${API}/khong-co` })).statusCode).toBe(404);
    });
  });

  describe('OpenAPI description', () => {
    it('describes every content endpoint with its parameters, open to anyone', async () => {
      const doc = (await getJson(t, '/api/docs')).json;
      const paths = doc.paths as Record<string, Record<string, { tags: string[]; security: unknown[]; parameters?: { name: string; in: string; required: boolean }[]; summary: string }>>;
      const content = Object.keys(paths).filter((p) => p.startsWith(API)).sort();
      const ours = [`${API}/articles`, `${API}/articles/{site}/{slug}`, `${API}/categories`, `${API}/sites`, `${API}/sites/{key}`, `${API}/tags`];
      // (Search endpoints may sit beside these.)
      expect(content).toEqual(expect.arrayContaining(ours));
      for (const p of ours) {
        const op = paths[p]!.get!;
        expect(op.tags, p).toEqual(['content']);
        expect(op.security, p).toEqual([]);
        expect(op.summary, p).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêềếểễệôồốổỗộơờớởỡợưừứửữựìíịỉĩòóọỏõùúụủũỳýỵỷỹ]/);
      }
      const list = paths[`${API}/articles`]!.get!.parameters!.map((p) => `${p.in}:${p.name}:${p.required}`);
      expect(list).toEqual(['query:site:false', 'query:category:false', 'query:tag:false', 'query:type:false', 'query:from:false', 'query:to:false', 'query:page:false', 'query:pageSize:false']);
      expect(paths[`${API}/articles/{site}/{slug}`]!.get!.parameters!.map((p) => `${p.in}:${p.name}`)).toEqual(['path:site', 'path:slug']);
      expect(paths[`${API}/tags`]!.get!.parameters!.find((p) => p.name === 'site')!.required).toBe(true);
      expect(Object.keys(paths[`${API}/articles/{site}/{slug}`]!.get! as object)).toContain('responses');
      expect(Object.keys((paths[`${API}/articles/{site}/{slug}`]!.get! as unknown as { responses: object }).responses).sort()).toEqual(['200', '400', '404', '410']);
    });
  });

  describe('bad input', () => {
    const longText = 'a'.repeat(5000);
    const nfdKey = 'lạng-sơn'.normalize('NFD');
    /** [url, status, field named (for 400)] */
    const table: [string, 400 | 404 | 200, string?][] = [
      ['/articles?page=0', 400, 'query.page'],
      ['/articles?page=-1', 400, 'query.page'],
      ['/articles?page=1.5', 400, 'query.page'],
      ['/articles?page=1e3', 400, 'query.page'],
      ['/articles?page=abc', 400, 'query.page'],
      ['/articles?page=', 400, 'query.page'],
      ['/articles?page=99999999999999999999999', 400, 'query.page'],
      ['/articles?page=1000001', 400, 'query.page'],
      ['/articles?page=1&page=2', 400, 'query.page'],
      ['/articles?pageSize=0', 400, 'query.pageSize'],
      ['/articles?pageSize=101', 400, 'query.pageSize'],
      ['/articles?pageSize=1000000', 400, 'query.pageSize'],
      ['/articles?type=blog', 400, 'query.type'],
      ['/articles?type=', 400, 'query.type'],
      ['/articles?type=news%27%20OR%20%271%27=%271', 400, 'query.type'],
      ['/articles?from=2022-13-01', 400, 'query.from'],
      ['/articles?from=2022-02-30', 400, 'query.from'],
      ['/articles?from=h%C3%B4m%20qua', 400, 'query.from'],
      ['/articles?from=2022-09-27T25:00:00%2B07:00', 400, 'query.from'],
      ['/articles?from=2022-09-27T10:00:00', 400, 'query.from'],
      ['/articles?from=99999-01-01', 400, 'query.from'],
      ['/articles?to=0000-01-01', 400, 'query.to'],
      ['/articles?from=2022-09-28&to=2022-09-27', 400, 'query.to'],
      ['/articles?from=', 400, 'query.from'],
      ['/articles?site=', 400, 'query.site'],
      [`/articles?site=${longText}`, 400, 'query.site'],
      ['/articles?category=tin-tuc', 400, 'query.category'],
      ['/articles?tag=chuyen-doi-so', 400, 'query.tag'],
      ['/articles?state=draft', 400, 'query.state'],
      ['/articles?includeDrafts=1&site=langson', 400, 'query.includeDrafts'],
      ['/articles?site=%27%20OR%201=1%20--', 404],
      ['/articles?site=langson%27;%20DROP%20TABLE%20articles;--', 404],
      [`/articles?site=${encodeURIComponent(nfdKey)}`, 404],
      ['/articles?site=LANGSON', 404],
      ['/articles?site=langson&category=%27;%20DROP%20TABLE%20categories;--', 404],
      // A NUL is dropped at the HTTP boundary, leaving an empty parameter.
      ['/articles?site=langson&category=%00', 400, 'query.category'],
      ['/articles?site=langson&tag=%22)%20OR%20(1=1', 404],
      ['/articles?site=langson&tag=*', 404],
      [`/articles?site=langson&category=${encodeURIComponent('Tin tức'.normalize('NFD'))}`, 200],
      ['/articles/langson/%27%20OR%20%271%27=%271', 404],
      ['/articles/langson/%F0%9F%98%80', 404],
      [`/articles/langson/${longText}`, 404],
      [`/articles/${encodeURIComponent(nfdKey)}/chuyen-doi-so-1`, 404],
      ['/articles/langson/chuyen-doi-so-1?preview=1', 400, 'query.preview'],
      ['/sites/%20', 404],
      ['/sites/langson%00', 404],
      ['/sites?include=archived', 400, 'query.include'],
      ['/categories', 400, 'query.site'],
      ['/categories?site=khong-co', 404],
      ['/tags', 400, 'query.site'],
      ['/tags?site=langson&page=abc', 400, 'query.page'],
      ['/tags?site=langson&pageSize=500', 400, 'query.pageSize'],
      ['/tags?site=%27%3B--', 404],
    ];

    it.each(table)('%s → %i', async (path, status, field) => {
      const res = await getJson(t, `${API}${path}`);
      expect(res.status, res.body).toBe(status);
      if (status === 200) return;
      expect(Array.isArray(res.json.errors)).toBe(true);
      for (const error of res.json.errors) {
        expect(error.code).toBe(status === 400 ? 'CONG_ERR_VALIDATION' : 'CONG_ERR_NOT_FOUND');
        // Vietnamese: a word with a Vietnamese letter in every message.
        expect(error.message).toMatch(/[ảạãâấầẩẫậăắằẳẵặđêếềểễệôốồổỗộơớờởỡợưứừửữựíìỉĩịúùủũụýỳỷỹỵ]/);
      }
      if (field) {
        expect(res.json.errors.map((e: { field: string }) => e.field)).toContain(field);
        const named = field.split('.').pop()!;
        if (!['query', 'state', 'includeDrafts', 'preview', 'include'].includes(named)) expect(res.json.errors.find((e: { field: string }) => e.field === field).message).toContain(`“${named}”`);
      }
    });

    it('changed nothing: the articles and categories are all still there', async () => {
      const res = await getJson(t, `${API}/articles?site=langson&category=tin-tuc`);
      expect(res.json.total).toBe(3);
      const count = await t.core.db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      expect(Number(count.n)).toBe(4);
    });
  });
});
