/**
 * Feeds over HTTP, as a feed reader sees them: every kind (site, category, tag, network) in
 * every format (RSS 2.0, Atom 1.0, JSON Feed 1.1) parsed back and checked element by element —
 * absolute URLs, dates in Vietnam time with +07:00, Vietnamese text intact, escaping of `<`,
 * `&`, quotes and `]]>`, credits, categories, covers — plus content types, caching, 404s, and
 * a site served on its own hostname. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import {
  buildCoverMedia,
  decodeHtmlText,
  nodeAttributes,
  nodeText,
  parseFeed,
  readNewsBriefs,
  RFC3339_VIETNAM,
  RFC822_VIETNAM,
  urlAttributes,
} from './feeds-helpers.ts';

const ORIGIN = 'http://127.0.0.1:3000';
/** A title a careless feed breaks: markup characters, both quote kinds, `]]>` twice. */
const TRICKY_TITLE = 'Giá cước <5 triệu đồng & “rẻ” hơn "AT&T" ]]> lần 1 ]]> lần 2';
const TRICKY_LEAD = 'Sở TT&TT Lạng Sơn: tốc độ <100 Mb/s & "miễn phí" ]]> thử.';

describe.each(ENGINES)('feeds over HTTP on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let hostSite: { id: number; key: string };
  const briefs = readNewsBriefs(4);
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TT&TT Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    const news = await buildCategory(db, site.id, { name: 'Thời sự', slug: 'thoi-su' });
    const local = await buildCategory(db, site.id, { name: 'Trong tỉnh', slug: 'trong-tinh', parentId: news.id });
    const docs = await buildCategory(db, site.id, { name: 'Văn bản', slug: 'van-ban' });
    const digital = await buildTag(db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    const draftOnly = await buildTag(db, site.id, { name: 'Chỉ có bản nháp', slug: 'chi-co-ban-nhap' });
    const cover = await buildCoverMedia(db, site.id, '2022/09/cap-quang');
    await buildArticle(db, site.id, {
      title: TRICKY_TITLE,
      slug: 'gia-cuoc-cap-quang',
      lead: TRICKY_LEAD,
      body: '<p>Xem <a href="/' + site.key + '/bai-viet/tin-cu">tin cũ</a> và ảnh:</p><figure><img src="/media/2022/09/cap-quang/anh-1024.jpg" alt="Cáp quang ]]> trạm"><figcaption>Trạm BTS</figcaption></figure><p>Điều 1 &lt;khoản 2&gt; &amp; phụ lục.</p>',
      byline: 'Hoàng Minh',
      source_name: 'Báo Lạng Sơn',
      source_url: 'https://baolangson.vn/cap-quang?trang=1&muc=2',
      cover_media_id: cover,
      categoryIds: [local.id],
      tagIds: [digital.id],
      published_at: '2022-09-30T01:30:00.000Z', // 8:30 on 30/9 in Vietnam
    });
    for (const [i, brief] of briefs.entries()) {
      await buildArticle(db, site.id, {
        title: brief.title,
        lead: brief.summary,
        slug: `ban-tin-${i + 1}`,
        body: `<p>${brief.summary.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</p>`,
        categoryIds: [i % 2 === 0 ? news.id : docs.id],
        published_at: `2022-09-2${8 - i}T0${i}:00:00.000Z`,
      });
    }
    // Only the day is known: published "22/9/2022", stored as 00:00 Vietnam time.
    await buildArticle(db, site.id, { title: 'Công văn chỉ rõ ngày', slug: 'cong-van-chi-ro-ngay', published_precision: 'day', published_at: '2022-09-21T17:00:00.000Z', categoryIds: [docs.id] });
    await buildArticle(db, site.id, { title: 'Bản nháp không được lộ', slug: 'ban-nhap', state: 'draft', published_at: null, tagIds: [draftOnly.id], categoryIds: [news.id] });

    hostSite = await buildSite(db, { name: 'Cổng thông tin Sở TTTT Cao Bằng', hostnames: ['caobang.example.vn'] });
    await buildArticle(db, hostSite.id, { title: 'Cao Bằng phủ sóng 4G đến mọi xã', slug: 'phu-song-4g', published_at: '2022-09-30T02:00:00.000Z' });
    const archived = await buildSite(db, { name: 'Trang đã lưu trữ' });
    await buildArticle(db, archived.id, { title: 'Tin của trang đã lưu trữ', slug: 'tin-luu-tru', published_at: '2022-09-30T03:00:00.000Z' });
    await db.updateTable('sites').set({ status: 'archived' }).where('id', '=', archived.id).execute();
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('RSS 2.0: a reader finds every required element, in Vietnam time, with absolute URLs', async () => {
    const res = await get(`/${site.key}/rss.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const feed = await parseFeed(res.body);
    expect(feed.title).toBe('Trang thông tin điện tử Sở TT&TT Lạng Sơn');
    expect(feed.link).toBe(`${ORIGIN}/${site.key}/`);
    expect(feed.description).toBe('Tin, bài mới nhất của Trang thông tin điện tử Sở TT&TT Lạng Sơn');
    expect(feed.language).toBe('vi');
    expect(feed.lastBuildDate).toMatch(RFC822_VIETNAM);
    expect(feed.feedUrl).toBe(`${ORIGIN}/${site.key}/rss.xml`);

    // Newest first; the draft is not there.
    expect(feed.items.map((i) => i.title)).toEqual([TRICKY_TITLE, ...briefs.map((b) => b.title), 'Công văn chỉ rõ ngày']);
    for (const item of feed.items) {
      expect(item.link).toMatch(new RegExp(`^${ORIGIN}/${site.key}/bai-viet/`));
      expect(nodeText(item.guidRaw?.[0])).toBe(item.link);
      expect(nodeAttributes(item.guidRaw?.[0]).isPermaLink).toBe('true');
      expect(item.pubDate).toMatch(RFC822_VIETNAM);
      expect(item.title).toBe(item.title!.normalize('NFC'));
    }

    const tricky = feed.items[0]!;
    expect(tricky.pubDate).toBe('Fri, 30 Sep 2022 08:30:00 +0700');
    // The description is HTML: the lead comes back exactly once its escapes are read.
    expect(decodeHtmlText(tricky.description!)).toBe(TRICKY_LEAD);
    expect(tricky['dc:creator']).toBe('Hoàng Minh');
    expect((tricky as { source?: string }).source).toBe('https://baolangson.vn/cap-quang?trang=1&muc=2');
    expect((tricky.categoryRaw ?? []).map((c) => [nodeText(c), nodeAttributes(c).domain])).toEqual([
      ['Trong tỉnh', `${ORIGIN}/${site.key}/chuyen-muc`],
      ['Chuyển đổi số', `${ORIGIN}/${site.key}/the`],
    ]);
    expect(tricky.enclosure).toEqual({ url: `${ORIGIN}/media/2022/09/cap-quang/anh-1024.jpg`, type: 'image/jpeg', length: '90000' });
    const content = tricky['content:encoded']!;
    expect(content).toContain(`<a href="${ORIGIN}/${site.key}/bai-viet/tin-cu">tin cũ</a>`);
    expect(content).toContain(`src="${ORIGIN}/media/2022/09/cap-quang/anh-1024.jpg"`);
    expect(content).toContain('Điều 1 &lt;khoản 2&gt; &amp; phụ lục.');
    expect(content).toContain('<p>Nguồn: <a href="https://baolangson.vn/cap-quang?trang=1&amp;muc=2">Báo Lạng Sơn</a></p>');

    // A real brief keeps its Vietnamese text as published.
    expect(decodeHtmlText(feed.items[1]!.description!)).toBe(briefs[0]!.summary);
    // A date-only article: midnight of its own date in Vietnam, never a made-up time.
    expect(feed.items.at(-1)!.pubDate).toBe('Thu, 22 Sep 2022 00:00:00 +0700');

    for (const url of urlAttributes(res.body)) expect(url).toMatch(/^https?:\/\//);
  });

  it('Atom 1.0: id, title, updated, author, self link and entries as RFC 4287 requires', async () => {
    const res = await get(`/${site.key}/atom.xml`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
    const feed = await parseFeed(res.body);
    expect(feed.id).toBe(`${ORIGIN}/${site.key}/`);
    expect(feed.title).toBe('Trang thông tin điện tử Sở TT&TT Lạng Sơn');
    expect(feed.updated).toMatch(RFC3339_VIETNAM);
    expect(feed.link).toBe(`${ORIGIN}/${site.key}/`);
    expect(feed.feedUrl).toBe(`${ORIGIN}/${site.key}/atom.xml`);
    expect(nodeText((feed.authorRaw as { name: unknown[] }).name[0])).toBe('Sở Thông tin và Truyền thông Lạng Sơn');

    // type="html" titles: the text comes back exactly once the HTML escapes are read.
    expect(feed.items.map((i) => decodeHtmlText(i.title!))).toEqual([TRICKY_TITLE, ...briefs.map((b) => b.title), 'Công văn chỉ rõ ngày']);
    for (const entry of feed.items) {
      expect(entry.id).toBe(entry.link);
      expect(entry.link).toMatch(new RegExp(`^${ORIGIN}/${site.key}/bai-viet/`));
      expect(entry.updated).toMatch(RFC3339_VIETNAM);
      expect(entry.published).toMatch(RFC3339_VIETNAM);
      expect(entry.updated! >= entry.published!).toBe(true);
    }
    const tricky = feed.items[0]!;
    expect(tricky.published).toBe('2022-09-30T08:30:00+07:00');
    expect(decodeHtmlText(tricky.summary!)).toBe(TRICKY_LEAD);
    expect(tricky.author).toBe('Hoàng Minh');
    expect(tricky.content).toContain(`src="${ORIGIN}/media/2022/09/cap-quang/anh-1024.jpg"`);
    expect((tricky.categoryRaw ?? []).map((c) => nodeAttributes(c))).toEqual([
      { label: 'Trong tỉnh', scheme: `${ORIGIN}/${site.key}/chuyen-muc`, term: 'trong-tinh' },
      { label: 'Chuyển đổi số', scheme: `${ORIGIN}/${site.key}/the`, term: 'chuyen-doi-so' },
    ]);
    expect(feed.items.at(-1)!.published).toBe('2022-09-22T00:00:00+07:00');
    for (const url of urlAttributes(res.body)) expect(url).toMatch(/^https?:\/\//);
  });

  it('JSON Feed 1.1: version, title, items with id, url, title, content_html and +07:00 dates', async () => {
    const res = await get(`/${site.key}/feed.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/feed+json; charset=utf-8');
    const feed = JSON.parse(res.body) as {
      version: string;
      title: string;
      home_page_url: string;
      feed_url: string;
      language: string;
      authors: { name: string; url: string }[];
      items: { id: string; url: string; title: string; summary?: string; content_html: string; date_published: string; date_modified: string; authors?: { name: string }[]; tags: string[]; image?: string }[];
    };
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.title).toBe('Trang thông tin điện tử Sở TT&TT Lạng Sơn');
    expect(feed.home_page_url).toBe(`${ORIGIN}/${site.key}/`);
    expect(feed.feed_url).toBe(`${ORIGIN}/${site.key}/feed.json`);
    expect(feed.language).toBe('vi');
    expect(feed.authors).toEqual([{ name: 'Sở Thông tin và Truyền thông Lạng Sơn', url: `${ORIGIN}/${site.key}/` }]);
    expect(feed.items.map((i) => i.title)).toEqual([TRICKY_TITLE, ...briefs.map((b) => b.title), 'Công văn chỉ rõ ngày']);
    for (const item of feed.items) {
      expect(typeof item.id).toBe('string');
      expect(item.id).toBe(item.url);
      expect(item.url).toMatch(new RegExp(`^${ORIGIN}/${site.key}/bai-viet/`));
      expect(item.content_html.length).toBeGreaterThan(0);
      expect(item.date_published).toMatch(RFC3339_VIETNAM);
      expect(item.date_modified).toMatch(RFC3339_VIETNAM);
    }
    const tricky = feed.items[0]!;
    expect(tricky.summary).toBe(TRICKY_LEAD);
    expect(tricky.authors).toEqual([{ name: 'Hoàng Minh' }]);
    expect(tricky.tags).toEqual(['Trong tỉnh', 'Chuyển đổi số']);
    expect(tricky.image).toBe(`${ORIGIN}/media/2022/09/cap-quang/anh-1024.jpg`);
    expect(tricky.content_html).toContain(`href="${ORIGIN}/${site.key}/bai-viet/tin-cu"`);
    expect(feed.items.at(-1)!.date_published).toBe('2022-09-22T00:00:00+07:00');
  });

  it('a category feed carries its sub-categories’ articles and nothing else', async () => {
    for (const file of ['rss.xml', 'atom.xml']) {
      const res = await get(`/${site.key}/chuyen-muc/thoi-su/${file}`);
      expect(res.statusCode, file).toBe(200);
      const feed = await parseFeed(res.body);
      expect(feed.title).toBe('Thời sự – Trang thông tin điện tử Sở TT&TT Lạng Sơn');
      expect(feed.items.map((i) => decodeHtmlText(i.title!))).toEqual([TRICKY_TITLE, briefs[0]!.title, briefs[2]!.title]);
      expect(feed.link).toBe(`${ORIGIN}/${site.key}/chuyen-muc/thoi-su`);
    }
    const json = JSON.parse((await get(`/${site.key}/chuyen-muc/van-ban/feed.json`)).body) as { feed_url: string; items: { title: string }[] };
    expect(json.feed_url).toBe(`${ORIGIN}/${site.key}/chuyen-muc/van-ban/feed.json`);
    expect(json.items.map((i) => i.title)).toEqual([briefs[1]!.title, briefs[3]!.title, 'Công văn chỉ rõ ngày']);
  });

  it('a tag feed carries the tagged articles only', async () => {
    const feed = await parseFeed((await get(`/${site.key}/the/chuyen-doi-so/rss.xml`)).body);
    expect(feed.title).toBe('Thẻ “Chuyển đổi số” – Trang thông tin điện tử Sở TT&TT Lạng Sơn');
    expect(feed.items.map((i) => i.title)).toEqual([TRICKY_TITLE]);
    const json = JSON.parse((await get(`/${site.key}/the/chuyen-doi-so/feed.json`)).body) as { items: { id: string }[] };
    expect(json.items.map((i) => i.id)).toEqual([`${ORIGIN}/${site.key}/bai-viet/gia-cuoc-cap-quang`]);
  });

  it('the network feed carries every active site’s articles, each naming its site', async () => {
    const res = await get('/rss.xml');
    expect(res.statusCode).toBe(200);
    const feed = await parseFeed(res.body);
    expect(feed.title).toBe('Mạng lưới Cổng/Trang thông tin điện tử');
    expect(feed.link).toBe(`${ORIGIN}/`);
    const titles = feed.items.map((i) => i.title);
    expect(titles.slice(0, 2)).toEqual(['Cao Bằng phủ sóng 4G đến mọi xã', TRICKY_TITLE]);
    expect(titles).not.toContain('Tin của trang đã lưu trữ');
    expect(titles).not.toContain('Bản nháp không được lộ');
    const caoBang = feed.items[0]!;
    expect(caoBang.link).toBe(`${ORIGIN}/${hostSite.key}/bai-viet/phu-song-4g`);
    expect(nodeText(caoBang.sourceRaw?.[0])).toBe('Cổng thông tin Sở TTTT Cao Bằng');
    expect(nodeAttributes(caoBang.sourceRaw?.[0]).url).toBe(`${ORIGIN}/${hostSite.key}/rss.xml`);
    const atom = await parseFeed((await get('/atom.xml')).body);
    expect(atom.items).toHaveLength(feed.items.length);
    const json = JSON.parse((await get('/feed.json')).body) as { version: string; items: unknown[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items).toHaveLength(feed.items.length);
  });

  it('a site on its own hostname gets its feeds at the root, with its own origin and no key prefix', async () => {
    const res = await get('/rss.xml', { host: 'caobang.example.vn' });
    expect(res.statusCode).toBe(200);
    const feed = await parseFeed(res.body);
    expect(feed.title).toBe('Cổng thông tin Sở TTTT Cao Bằng');
    expect(feed.link).toBe('http://caobang.example.vn/');
    expect(feed.feedUrl).toBe('http://caobang.example.vn/rss.xml');
    expect(feed.items.map((i) => i.link)).toEqual(['http://caobang.example.vn/bai-viet/phu-song-4g']);
    const json = JSON.parse((await get('/feed.json', { host: 'caobang.example.vn' })).body) as { feed_url: string };
    expect(json.feed_url).toBe('http://caobang.example.vn/feed.json');
  });

  it('answers If-None-Match with 304, like pages', async () => {
    const first = await get(`/${site.key}/atom.xml`);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await get(`/${site.key}/atom.xml`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  it('unknown sites, categories and tags, and tags without a visible article, answer 404', async () => {
    for (const url of [
      '/khong-co-trang-nay/rss.xml',
      `/${site.key}/chuyen-muc/khong-co/rss.xml`,
      `/${site.key}/chuyen-muc/khong-co/feed.json`,
      `/${site.key}/the/khong-co/atom.xml`,
      `/${site.key}/the/chi-co-ban-nhap/rss.xml`,
      `/${site.key}/the/chi-co-ban-nhap/feed.json`,
      `/${site.key}/rss.json`,
    ]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('Bản nháp không được lộ');
      expect(res.body, url).not.toContain('Chỉ có bản nháp');
    }
    // Another spelling of a category's slug is sent to the canonical feed.
    const moved = await get(`/${site.key}/chuyen-muc/${encodeURIComponent('Thời-sự')}/rss.xml`);
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe(`/${site.key}/chuyen-muc/thoi-su/rss.xml`);
  });
});
