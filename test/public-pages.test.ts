/**
 * The public site through HTTP: network root, site home, about page, headers and caching,
 * the themed 404, escaping, and sites served on their own hostname. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { cardTitles, hrefs, jsonLdBlocks, metaContent, parseHtml, textOf } from './public-helpers.ts';

describe.each(ENGINES)('public pages on %s', (engine) => {
  let t: TestApp;
  let langson: { id: number; key: string };
  let ministry: { id: number; key: string };
  let hostSite: { id: number; key: string };
  let category: { id: number; slug: string; name: string };
  let featuredTitle: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    ministry = await buildSite(db, { kind: 'ministry_portal', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    await buildSite(db, { kind: 'unit_page', name: 'Trang thông tin điện tử Cục Báo chí', orgName: 'Cục Báo chí' });
    langson = await buildSite(db, {
      name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn',
      orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn',
      settings: { address: 'Số 2 đường Hùng Vương, thành phố Lạng Sơn', phone: '0205 3812 345', email: 'stttt@langson.gov.vn' },
    });
    // Provinces in a deliberately wrong insertion order.
    for (const p of ['thành phố Hà Nội', 'tỉnh Đắk Lắk', 'tỉnh Bắc Giang', 'tỉnh An Giang', 'tỉnh Cà Mau']) {
      await buildSite(db, { name: `Trang thông tin điện tử Sở TTTT ${p}` });
    }
    hostSite = await buildSite(db, { name: 'Trang TTĐT trên tên miền riêng', hostnames: ['langson.example.vn'] });

    category = await buildCategory(db, langson.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    await buildCategory(db, langson.id, { name: 'Chuyên mục trống', slug: 'chuyen-muc-trong' });
    featuredTitle = 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền năm 2022';
    await buildArticle(db, langson.id, { title: featuredTitle, slug: 'hoi-nghi-tap-huan', featured: 1, categoryIds: [category.id], published_at: '2022-09-27T07:05:00.000Z' });
    await buildArticle(db, langson.id, { title: 'Tin mới về chuyển đổi số', slug: 'tin-moi', categoryIds: [category.id], published_at: '2022-09-30T02:00:00.000Z' });
    await buildArticle(db, langson.id, { title: 'Tiêu đề <script>alert("x")</script> & “ngoặc”', slug: 'tieu-de-nguy-hiem', published_at: '2022-09-20T02:00:00.000Z' });
    await buildArticle(db, ministry.id, { title: 'Bộ TTTT công bố kế hoạch năm 2023', slug: 'ke-hoach-2023', published_at: '2022-09-29T01:00:00.000Z' });
    await buildArticle(db, hostSite.id, { title: 'Bài trên tên miền riêng', slug: 'bai-ten-mien-rieng', published_at: '2022-09-28T01:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  describe('network root', () => {
    it('groups the sites by kind, provinces in Vietnamese alphabetical order', async () => {
      const res = await get('/');
      expect(res.statusCode).toBe(200);
      const doc = parseHtml(res.body);
      const groups = [...doc.querySelectorAll('.site-group')];
      expect(groups.map((g) => textOf(g.querySelector('h2')))).toEqual([
        'Cổng thông tin điện tử Bộ (1)',
        'Trang thông tin điện tử các đơn vị thuộc Bộ (1)',
        'Trang thông tin điện tử các Sở (7)',
      ]);
      const provinces = [...groups[2]!.querySelectorAll('.site-card__name')].map((el) => textOf(el));
      expect(provinces.slice(0, 5)).toEqual([
        'Trang thông tin điện tử Sở TTTT tỉnh An Giang',
        'Trang thông tin điện tử Sở TTTT tỉnh Bắc Giang',
        'Trang thông tin điện tử Sở TTTT tỉnh Cà Mau',
        'Trang thông tin điện tử Sở TTTT tỉnh Đắk Lắk',
        'Trang thông tin điện tử Sở TTTT thành phố Hà Nội',
      ]);
    });

    it('shows each site with its organisation, article count and last publication date', async () => {
      const doc = parseHtml((await get('/')).body);
      const card = [...doc.querySelectorAll('.site-card')].find((c) => textOf(c.querySelector('h3')) === 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn')!;
      expect(card.querySelector('a')!.getAttribute('href')).toBe(`/${langson.key}/`);
      expect(textOf(card)).toContain('Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
      expect(textOf(card)).toContain('3 tin, bài');
      expect(textOf(card)).toContain('Cập nhật 30/9/2022');
    });

    it('lists the latest articles across the network, with their site, and links to the demo data credits', async () => {
      const doc = parseHtml((await get('/')).body);
      const latest = doc.querySelector('.network__latest');
      expect(cardTitles(latest).slice(0, 3)).toEqual(['Tin mới về chuyển đổi số', 'Bộ TTTT công bố kế hoạch năm 2023', 'Bài trên tên miền riêng']);
      expect(hrefs(latest)).toContain(`/${ministry.key}/bai-viet/ke-hoach-2023`);
      expect(textOf(latest)).toContain('Cổng Thông tin điện tử Bộ Thông tin và Truyền thông');
      expect(hrefs(doc.body)).toContain('/ve-du-lieu-mau');
    });
  });

  it('the demo data page credits the seed article, legal texts, DANeS and dvhcvn', async () => {
    const res = await get('/ve-du-lieu-mau');
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('h1'))).toBe('Về dữ liệu mẫu');
    const text = textOf(doc.querySelector('main'));
    for (const needle of ['Hoàng Thị Tố Loan', 'Trung tâm Công nghệ số', '27/9/2022', '50/2005/QH11', 'Điều 15', 'vbpl.vn', 'DANeS', 'CC BY 4.0', 'DATASET JSC', 'AIV Group', 'dvhcvn', 'MIT']) {
      expect(text).toContain(needle);
    }
    expect(hrefs(doc)).toContain('https://github.com/dvhcvn/20250701');
  });

  describe('site home', () => {
    it('shows the site name as the one h1, featured first, then latest and category blocks', async () => {
      const res = await get(`/${langson.key}/`);
      expect(res.statusCode).toBe(200);
      const doc = parseHtml(res.body);
      expect(doc.querySelectorAll('h1')).toHaveLength(1);
      expect(textOf(doc.querySelector('h1'))).toContain('Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn');
      expect(cardTitles(doc.querySelector('.home-featured'))).toEqual([featuredTitle]);
      expect(cardTitles(doc.querySelector('.home-latest'))).toEqual(['Tin mới về chuyển đổi số', 'Tiêu đề <script>alert("x")</script> & “ngoặc”']);
      const blocks = [...doc.querySelectorAll('.block')];
      // The empty category gets no block.
      expect(blocks.map((b) => textOf(b.querySelector('h2')))).toEqual(['Chuyển đổi số']);
      expect(cardTitles(blocks[0]!)).toEqual(['Tin mới về chuyển đổi số', featuredTitle]);
    });

    it('falls back to the latest articles when none is featured', async () => {
      const doc = parseHtml((await get(`/${ministry.key}/`)).body);
      expect(cardTitles(doc.querySelector('.home-featured'))).toEqual(['Bộ TTTT công bố kế hoạch năm 2023']);
    });

    it('has a header with organisation and category menu, and a footer with contact details', async () => {
      const doc = parseHtml((await get(`/${langson.key}/`)).body);
      const header = doc.querySelector('header.site-header')!;
      expect(textOf(header)).toContain('Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
      expect(textOf(header)).toContain('Thứ Bảy, 1/10/2022');
      const menu = doc.querySelector('nav[aria-label="Chuyên mục"]')!;
      // an empty category has no menu entry (its page still answers)
      expect(hrefs(menu)).toEqual([`/${langson.key}/`, `/${langson.key}/chuyen-muc/chuyen-doi-so`]);
      const footer = textOf(doc.querySelector('footer.site-footer'));
      expect(footer).toContain('Cơ quan chủ quản: Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
      expect(footer).toContain('Địa chỉ: Số 2 đường Hùng Vương, thành phố Lạng Sơn');
      expect(footer).toContain('Điện thoại: 0205 3812 345');
      expect(footer).toContain('stttt@langson.gov.vn');
      expect(hrefs(doc.querySelector('footer'))).toContain('http://127.0.0.1:3000/');
    });
  });

  describe('every page', () => {
    const pages = () => ['/', '/ve-du-lieu-mau', `/${langson.key}/`, `/${langson.key}/chuyen-muc/chuyen-doi-so`, `/${langson.key}/bai-viet/hoi-nghi-tap-huan`, `/${langson.key}/bai-viet/hoi-nghi-tap-huan/in`, `/${langson.key}/khong-co`];

    it('is Vietnamese HTML with a skip link, landmarks, one h1 and headings in order', async () => {
      for (const url of pages()) {
        const res = await get(url);
        expect(res.headers['content-type'], url).toBe('text/html; charset=utf-8');
        expect(res.body.startsWith('<!doctype html>'), url).toBe(true);
        const doc = parseHtml(res.body);
        expect(doc.documentElement.getAttribute('lang'), url).toBe('vi');
        const firstLink = doc.querySelector('a');
        expect(textOf(firstLink), url).toBe('Bỏ qua để đến nội dung chính');
        expect(firstLink!.getAttribute('href')).toBe('#noi-dung');
        expect(doc.querySelector('main#noi-dung'), url).not.toBeNull();
        expect(doc.querySelectorAll('h1'), url).toHaveLength(1);
        for (const nav of doc.querySelectorAll('nav')) expect(nav.getAttribute('aria-label'), url).toBeTruthy();
        const levels = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((el) => Number(el.tagName[1]));
        levels.forEach((level, i) => {
          if (i > 0) expect(level - levels[i - 1]!, `${url}: heading levels ${levels.join(',')}`).toBeLessThanOrEqual(1);
        });
        for (const img of doc.querySelectorAll('img')) expect(img.hasAttribute('alt'), url).toBe(true);
        // No client script and nothing from another origin.
        expect(doc.querySelectorAll('script:not([type="application/ld+json"])'), url).toHaveLength(0);
        for (const el of doc.querySelectorAll('link[href], img[src], source[srcset]')) {
          if (el.getAttribute('rel') === 'canonical') continue;
          const ref = el.getAttribute('href') ?? el.getAttribute('src') ?? '';
          expect(ref.startsWith('/'), `${url}: ${ref}`).toBe(true);
        }
      }
    });

    it('pages are cacheable for 30 s and a repeat with If-None-Match gets 304', async () => {
      const url = `/${langson.key}/bai-viet/hoi-nghi-tap-huan`;
      const first = await get(url);
      expect(first.statusCode).toBe(200);
      expect(first.headers['cache-control']).toBe('public, max-age=30');
      const etag = first.headers['etag'];
      expect(typeof etag).toBe('string');
      const second = await get(url, { 'if-none-match': String(etag) });
      expect(second.statusCode).toBe(304);
      expect(second.body).toBe('');
      // Also when the client accepts compression (the ETag is computed before compressing).
      const gz = await get(url, { 'accept-encoding': 'gzip', 'if-none-match': String(etag) });
      expect(gz.statusCode).toBe(304);
    });

    it('serves the stylesheet and fonts from this server', async () => {
      const doc = parseHtml((await get('/')).body);
      const css = doc.querySelector('link[rel="stylesheet"]')!.getAttribute('href')!;
      const res = await get(css);
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('@font-face');
      expect(res.body).toContain('@media print');
      for (const [, file] of res.body.matchAll(/url\((fonts\/[^)]+)\)/g)) {
        expect((await get(`/_assets/${file}`)).statusCode, file).toBe(200);
      }
    });
  });

  describe('not found', () => {
    it('an unknown site key gets the network-themed Vietnamese 404', async () => {
      const res = await get('/khong-co-trang-nay/');
      expect(res.statusCode).toBe(404);
      const doc = parseHtml(res.body);
      expect(doc.documentElement.getAttribute('lang')).toBe('vi');
      expect(textOf(doc.querySelector('h1'))).toBe('Không tìm thấy trang');
      expect(doc.title).toContain('Không tìm thấy trang');
      expect(hrefs(doc.querySelector('main'))).toContain('http://127.0.0.1:3000/');
    });

    it('an unknown article gets the site-themed 404 with a link to the site home', async () => {
      for (const url of [`/${langson.key}/bai-viet/khong-co-bai-nay`, `/${langson.key}/chuyen-muc/khong-co`, `/${langson.key}/the/khong-co`, `/${langson.key}/mot/hai/ba`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        const doc = parseHtml(res.body);
        expect(textOf(doc.querySelector('h1')), url).toBe('Không tìm thấy trang');
        expect(textOf(doc.querySelector('.brand')), url).toContain('Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn');
        expect(hrefs(doc.querySelector('main')), url).toContain(`/${langson.key}/`);
        expect(doc.querySelector('meta[name="robots"]')?.getAttribute('content')).toBe('noindex');
      }
    });

    it('bad slugs answer 404 or 400, never 500', async () => {
      const urls = [
        `/${langson.key}/bai-viet/${'a'.repeat(290)}`,
        `/${langson.key}/bai-viet/${'a'.repeat(1000)}`,
        `/${langson.key}/bai-viet/%00`,
        `/${langson.key}/bai-viet/a%00b`,
        `/${langson.key}/bai-viet/%F0%9F%98%80`,
        `/${langson.key}/the/..%2F..%2Fetc`,
        `/${langson.key}/bai-viet/'%20OR%201=1--`,
        `/%E1%BB%99/`,
        `/${'x'.repeat(400)}/`,
      ];
      for (const url of urls) {
        const res = await get(url);
        expect([400, 404], `${url} → ${res.statusCode}`).toContain(res.statusCode);
        expect(res.headers['content-type'], url).toContain('text/html');
        expect(parseHtml(res.body).documentElement.getAttribute('lang'), url).toBe('vi');
      }
      // Broken percent-encoding is refused by Fastify's router itself (FST_ERR_BAD_URL), before
      // any route runs: a 400, themed by app.ts's `frameworkErrors`.
      for (const url of [`/${langson.key}/bai-viet/%E0%A4%A`, `/${langson.key}/bai-viet/%ED%A0%80`, `/${langson.key}/chuyen-muc/%FF`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(400);
        expect(textOf(parseHtml(res.body).querySelector('h1')), url).toBe('Yêu cầu không hợp lệ');
      }
    });

    it('a Vietnamese, percent-encoded or NFD spelling of a slug redirects to the canonical URL', async () => {
      const nfc = encodeURIComponent('Hội-nghị-tập-huấn');
      const nfd = encodeURIComponent('Hội-nghị-tập-huấn'.normalize('NFD'));
      for (const slug of [nfc, nfd, 'HOI-NGHI-TAP-HUAN']) {
        const res = await get(`/${langson.key}/bai-viet/${slug}`);
        expect(res.statusCode, slug).toBe(301);
        expect(res.headers['location']).toBe(`/${langson.key}/bai-viet/hoi-nghi-tap-huan`);
      }
      const cat = await get(`/${langson.key}/chuyen-muc/${encodeURIComponent('Chuyển-đổi-số')}`);
      expect(cat.statusCode).toBe(301);
      expect(cat.headers['location']).toBe(`/${langson.key}/chuyen-muc/chuyen-doi-so`);
    });
  });

  it('escapes HTML in titles on every surface', async () => {
    for (const url of [`/${langson.key}/bai-viet/tieu-de-nguy-hiem`, `/${langson.key}/`, '/']) {
      const res = await get(url);
      expect(res.body, url).not.toContain('<script>alert');
      const doc = parseHtml(res.body);
      expect(doc.querySelectorAll('script:not([type="application/ld+json"])'), url).toHaveLength(0);
    }
    const res = await get(`/${langson.key}/bai-viet/tieu-de-nguy-hiem`);
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('h1'))).toBe('Tiêu đề <script>alert("x")</script> & “ngoặc”');
    expect(doc.title).toContain('Tiêu đề <script>alert("x")</script>');
    // JSON-LD cannot be closed early: "<" is written as \u003c, and it still parses to the title.
    expect(res.body).toContain('\\u003cscript\\u003e');
    expect(jsonLdBlocks(doc)[0]!['headline']).toBe('Tiêu đề <script>alert("x")</script> & “ngoặc”');
  });

  describe('a site on its own hostname', () => {
    const host = { host: 'langson.example.vn' };

    it('serves its home at / with links without the key prefix', async () => {
      const res = await get('/', host);
      expect(res.statusCode).toBe(200);
      const doc = parseHtml(res.body);
      expect(textOf(doc.querySelector('h1'))).toContain('Trang TTĐT trên tên miền riêng');
      const links = hrefs(doc.querySelector('main'));
      expect(links).toContain('/bai-viet/bai-ten-mien-rieng');
      expect(links.some((h) => h.startsWith(`/${hostSite.key}/`))).toBe(false);
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe('http://langson.example.vn/');
      // The way back to the network is absolute: "/" here is the site's own home.
      expect(hrefs(doc.querySelector('footer'))).toContain('http://127.0.0.1:3000/');
    });

    it('serves its article pages without the prefix, canonical on its own host', async () => {
      const res = await get('/bai-viet/bai-ten-mien-rieng', host);
      expect(res.statusCode).toBe(200);
      const doc = parseHtml(res.body);
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe('http://langson.example.vn/bai-viet/bai-ten-mien-rieng');
    });

    it('builds canonical and Open Graph URLs from the configured hostname, with the port only when it is a valid one', async () => {
      const cases: Array<[string, string]> = [
        ['langson.example.vn:99999', 'http://langson.example.vn/'],
        ['langson.example.vn:0', 'http://langson.example.vn/'],
        ['langson.example.vn:80', 'http://langson.example.vn/'],
        ['LANGSON.Example.VN.:8080', 'http://langson.example.vn:8080/'],
        ['langson.example.vn:08080', 'http://langson.example.vn:8080/'],
        ['langson.example.vn:3000', 'http://langson.example.vn:3000/'],
      ];
      for (const [hostHeader, canonical] of cases) {
        const res = await get('/', { host: hostHeader });
        expect(res.statusCode, hostHeader).toBe(200);
        const doc = parseHtml(res.body);
        expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href'), hostHeader).toBe(canonical);
        expect(metaContent(doc, 'og:url'), hostHeader).toBe(canonical);
      }
      const article = await get('/bai-viet/bai-ten-mien-rieng', { host: 'langson.example.vn:99999' });
      const doc = parseHtml(article.body);
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe('http://langson.example.vn/bai-viet/bai-ten-mien-rieng');
      expect(article.body).not.toContain('99999');
    });

    it("does not serve another site's pages under its hostname", async () => {
      for (const url of [`/${langson.key}/`, `/${langson.key}/bai-viet/hoi-nghi-tap-huan`, '/bai-viet/hoi-nghi-tap-huan']) {
        const res = await get(url, host);
        expect(res.statusCode, url).toBe(404);
        expect(textOf(parseHtml(res.body).querySelector('h1')), url).toBe('Không tìm thấy trang');
      }
    });

    it('is still reachable by key on the default host', async () => {
      const res = await get(`/${hostSite.key}/bai-viet/bai-ten-mien-rieng`);
      expect(res.statusCode).toBe(200);
    });
  });
});
