/**
 * Sitemaps over HTTP, read back with the `sitemap` library's own parsers as a crawler would:
 * a site's index and the files it points to (listing pages, article pages, Google News),
 * absolute URLs on the site's origin and path scheme (its own hostname: no key prefix), the
 * news data (publication name and language, +07:00 dates, escaped titles), 404s for what does
 * not exist, and the network's index of every active site's sitemaps. Both engines.
 */
import { Readable } from 'node:stream';
import { parseSitemap, parseSitemapIndex } from 'sitemap';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';

const ORIGIN = 'http://127.0.0.1:3000';
const NEWS_TITLE = 'Sở TT&TT: cước <5 triệu đồng & “miễn phí” cho "xã khó khăn"';

describe.each(ENGINES)('sitemaps over HTTP on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let hostSite: { id: number; key: string };
  let archived: { id: number; key: string };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });
  const readIndex = async (xml: string) => (await parseSitemapIndex(Readable.from([xml]))).map((e) => e.url);
  const readUrlSet = (xml: string) => parseSitemap(Readable.from([xml]));

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở Thông tin và Truyền thông Hà Giang' });
    const parent = await buildCategory(db, site.id, { name: 'Tin tức', slug: 'tin-tuc' });
    const child = await buildCategory(db, site.id, { name: 'Tin trong tỉnh', slug: 'tin-trong-tinh', parentId: parent.id });
    await buildCategory(db, site.id, { name: 'Chuyên mục trống', slug: 'chuyen-muc-trong' });
    const tag = await buildTag(db, site.id, { name: 'Viễn thông', slug: 'vien-thong' });
    await buildArticle(db, site.id, { title: 'Tin cũ tuần trước', slug: 'tin-cu', categoryIds: [child.id], published_at: '2022-09-24T01:00:00.000Z' });
    await buildArticle(db, site.id, { title: NEWS_TITLE, slug: 'cuoc-vien-thong', categoryIds: [child.id], tagIds: [tag.id], published_at: '2022-09-30T07:05:00.000Z' });
    await buildArticle(db, site.id, { title: 'Thông báo chỉ rõ ngày', slug: 'thong-bao-ngay', published_precision: 'day', published_at: '2022-09-30T17:00:00.000Z' });
    await buildArticle(db, site.id, { title: 'Bản nháp', slug: 'ban-nhap', state: 'draft', published_at: null });
    hostSite = await buildSite(db, { name: 'Cổng thông tin Sở TTTT Tuyên Quang', hostnames: ['tuyenquang.example.vn'] });
    await buildArticle(db, hostSite.id, { title: 'Tuyên Quang số hoá hồ sơ', slug: 'so-hoa-ho-so', published_at: '2022-09-30T02:00:00.000Z' });
    archived = await buildSite(db, { name: 'Trang đã sáp nhập' });
    await buildArticle(db, archived.id, { slug: 'tin-trang-cu', published_at: '2022-09-30T02:00:00.000Z' });
    await db.updateTable('sites').set({ status: 'merged' }).where('id', '=', archived.id).execute();
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('a site’s index points to its listing, article and news sitemaps, absolute, beside it', async () => {
    const res = await get(`/${site.key}/sitemap.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    expect(res.body).toContain('<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(await readIndex(res.body)).toEqual([
      `${ORIGIN}/${site.key}/sitemap-danh-muc.xml`,
      `${ORIGIN}/${site.key}/sitemap-bai-viet-1.xml`,
      `${ORIGIN}/${site.key}/sitemap-news.xml`,
    ]);
    // Every file it names answers 200.
    for (const url of await readIndex(res.body)) expect((await get(url.slice(ORIGIN.length))).statusCode, url).toBe(200);
  });

  it('the article sitemap lists every visible article in id order with its last change', async () => {
    const res = await get(`/${site.key}/sitemap-bai-viet-1.xml`);
    expect(res.statusCode).toBe(200);
    const items = await readUrlSet(res.body);
    expect(items.map((i) => i.url)).toEqual([
      `${ORIGIN}/${site.key}/bai-viet/tin-cu`,
      `${ORIGIN}/${site.key}/bai-viet/cuoc-vien-thong`,
      `${ORIGIN}/${site.key}/bai-viet/thong-bao-ngay`,
    ]);
    for (const item of items) expect(item.lastmod).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    for (const url of [`/${site.key}/sitemap-bai-viet-2.xml`, `/${site.key}/sitemap-bai-viet-0.xml`, `/${site.key}/sitemap-bai-viet-01.xml`, `/${site.key}/sitemap-bai-viet-x.xml`]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });

  it('the listing sitemap has the home page and the categories and tags with something to read', async () => {
    const items = await readUrlSet((await get(`/${site.key}/sitemap-danh-muc.xml`)).body);
    expect(items.map((i) => i.url)).toEqual([
      `${ORIGIN}/${site.key}/`,
      `${ORIGIN}/${site.key}/chuyen-muc/tin-tuc`,
      `${ORIGIN}/${site.key}/chuyen-muc/tin-trong-tinh`,
      `${ORIGIN}/${site.key}/the/vien-thong`,
    ]);
    // The home page changed when the newest article was published.
    expect(items[0]!.lastmod).toBe('2022-09-30T17:00:00.000Z');
  });

  it('the news sitemap names the publication and dates each article in Vietnam time', async () => {
    const res = await get(`/${site.key}/sitemap-news.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    const items = await readUrlSet(res.body);
    expect(items.map((i) => i.url)).toEqual([`${ORIGIN}/${site.key}/bai-viet/thong-bao-ngay`, `${ORIGIN}/${site.key}/bai-viet/cuoc-vien-thong`]);
    expect(items.map((i) => i.news)).toEqual([
      expect.objectContaining({ publication: { name: 'Trang thông tin điện tử Sở Thông tin và Truyền thông Hà Giang', language: 'vi' }, publication_date: '2022-10-01', title: 'Thông báo chỉ rõ ngày' }),
      expect.objectContaining({ publication_date: '2022-09-30T14:05:00+07:00', title: NEWS_TITLE }),
    ]);
    expect(res.body).toContain('<news:publication_date>2022-09-30T14:05:00+07:00</news:publication_date>');
    expect(res.body).not.toContain('tin-cu'); // a week old
  });

  it('a site on its own hostname has its sitemaps at its root, on its origin', async () => {
    const host = { host: 'tuyenquang.example.vn' };
    const index = await get('/sitemap.xml', host);
    expect(index.statusCode).toBe(200);
    expect(await readIndex(index.body)).toEqual([
      'http://tuyenquang.example.vn/sitemap-danh-muc.xml',
      'http://tuyenquang.example.vn/sitemap-bai-viet-1.xml',
      'http://tuyenquang.example.vn/sitemap-news.xml',
    ]);
    const items = await readUrlSet((await get('/sitemap-bai-viet-1.xml', host)).body);
    expect(items.map((i) => i.url)).toEqual(['http://tuyenquang.example.vn/bai-viet/so-hoa-ho-so']);
    const listing = await readUrlSet((await get('/sitemap-danh-muc.xml', host)).body);
    expect(listing.map((i) => i.url)).toEqual(['http://tuyenquang.example.vn/']);
  });

  it('the network index lists the network’s pages and every active site’s sitemaps, never another index', async () => {
    const res = await get('/sitemap.xml');
    expect(res.statusCode).toBe(200);
    const urls = await readIndex(res.body);
    expect(urls[0]).toBe(`${ORIGIN}/sitemap-mang-luoi.xml`);
    expect(urls).toEqual(expect.arrayContaining([
      `${ORIGIN}/${site.key}/sitemap-danh-muc.xml`,
      `${ORIGIN}/${site.key}/sitemap-bai-viet-1.xml`,
      `${ORIGIN}/${site.key}/sitemap-news.xml`,
      `${ORIGIN}/${hostSite.key}/sitemap-bai-viet-1.xml`,
    ]));
    expect(urls.filter((u) => u.endsWith('/sitemap.xml'))).toEqual([]);
    expect(urls.some((u) => u.includes(archived.key))).toBe(false);
    const pages = await readUrlSet((await get('/sitemap-mang-luoi.xml')).body);
    expect(pages.map((p) => p.url)).toEqual([`${ORIGIN}/`, `${ORIGIN}/ve-du-lieu-mau`]);
  });

  it('unknown and merged sites have no sitemaps', async () => {
    for (const url of ['/khong-co-trang/sitemap.xml', `/${archived.key}/sitemap.xml`, `/${archived.key}/sitemap-bai-viet-1.xml`, `/${archived.key}/sitemap-news.xml`]) {
      expect((await get(url)).statusCode, url).toBe(404);
    }
  });
});
