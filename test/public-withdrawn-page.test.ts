/**
 * A withdrawn article's URL (DESIGN.md §2.1, issue "Newsroom core" item 5): 410 Gone with a
 * Vietnamese notice of when and why in the site's frame, never the article's content; 301 to
 * the chosen address instead when one was set (a path of the site or a URL of this network
 * only). What was never public stays 404. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { metaContent, parseHtml, textOf } from './public-helpers.ts';

describe.each(ENGINES)('withdrawn articles on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let other: { id: number; key: string };
  const secretBody = 'Danh sách thí sinh trúng tuyển kèm số căn cước công dân';
  const secretLead = 'Sapo của bài đã gỡ không được hiện';
  const reason = 'Thông tin tuyển dụng có sai sót về chỉ tiêu; Sở sẽ đăng thông báo mới.';

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', hostnames: ['langson.localhost'] });
    other = await buildSite(db, { name: 'Cổng Thông tin điện tử Bộ' });
    const cat = await buildCategory(db, site.id, { name: 'Thông báo', slug: 'thong-bao' });
    await buildArticle(db, site.id, { title: 'Bài còn đăng trong chuyên mục', categoryIds: [cat.id] });
    const withdrawn = { state: 'withdrawn', published_at: '2022-09-27T07:05:00.000Z', body: `<p>${secretBody}</p>`, lead: secretLead, byline: 'Phóng viên Nguyễn Văn A' };
    await buildArticle(db, site.id, {
      ...withdrawn,
      title: 'Thông báo tuyển dụng viên chức năm 2022',
      slug: 'thong-bao-tuyen-dung',
      categoryIds: [cat.id],
      // 09:30 on 28/9/2022 in Vietnam.
      withdrawn_at: '2022-09-28T02:30:00.000Z',
      withdrawal_reason: reason,
    });
    await buildArticle(db, site.id, { ...withdrawn, title: 'Bài gỡ không ghi giờ', slug: 'go-khong-ghi-gio' });
    await buildArticle(db, site.id, { ...withdrawn, title: 'Bài gỡ chuyển sang bài mới', slug: 'go-chuyen-bai-moi', withdrawn_at: '2022-09-28T02:30:00.000Z', withdrawal_redirect_url: '/bai-viet/thong-bao-moi' });
    await buildArticle(db, site.id, {
      ...withdrawn,
      title: 'Bài gỡ chuyển sang cổng Bộ',
      slug: 'go-chuyen-cong-bo',
      withdrawn_at: '2022-09-28T02:30:00.000Z',
      withdrawal_redirect_url: `http://127.0.0.1:3000/${other.key}/bai-viet/thong-bao-cua-bo`,
    });
    await buildArticle(db, site.id, { ...withdrawn, title: 'Bài gỡ với địa chỉ lạ', slug: 'go-dia-chi-la', withdrawn_at: '2022-09-28T02:30:00.000Z', withdrawal_redirect_url: 'https://tin-gia.example/lua-dao' });
    await buildArticle(db, site.id, { ...withdrawn, title: 'Bài gỡ với địa chỉ //', slug: 'go-dia-chi-hai-gach', withdrawn_at: '2022-09-28T02:30:00.000Z', withdrawal_redirect_url: '//tin-gia.example/lua-dao' });
    // Withdrawn before its embargo ended: it was never public, so its URL stays 404.
    await buildArticle(db, site.id, { ...withdrawn, title: 'Thông cáo cấm đăng đã huỷ', slug: 'thong-cao-da-huy', published_at: '2022-09-29T00:00:00.000Z', withdrawn_at: '2022-09-28T00:00:00.000Z' });
    await buildArticle(db, site.id, { ...withdrawn, title: 'Thông cáo hẹn giờ tương lai đã gỡ', slug: 'thong-cao-tuong-lai', published_at: '2022-10-05T00:00:00.000Z', withdrawn_at: null });
    await buildArticle(db, site.id, { title: 'Bài không sử dụng', slug: 'bai-khong-su-dung', state: 'rejected', published_at: null, withdrawal_reason: 'không dùng' });
    await buildArticle(db, site.id, { title: 'Bản nháp', slug: 'ban-nhap', state: 'draft', published_at: null });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string, host?: string) => t.app.inject({ method: 'GET', url, headers: host ? { host } : {} });

  it('answers 410 with the title, the time and the reason, in the site’s frame and noindex', async () => {
    const res = await get(`/${site.key}/bai-viet/thong-bao-tuyen-dung`);
    expect(res.statusCode).toBe(410);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('main h1'))).toBe('Thông báo tuyển dụng viên chức năm 2022');
    expect(textOf(doc.querySelector('.withdrawn__statement'))).toBe('Bài viết đã được gỡ lúc 09:30 ngày 28/9/2022.');
    expect(doc.querySelector('.withdrawn__statement time')?.getAttribute('datetime')).toBe('2022-09-28T09:30:00+07:00');
    expect(textOf(doc.querySelector('.withdrawn__reason'))).toBe(`Lý do: ${reason}`);
    expect(metaContent(doc, 'robots')).toBe('noindex');
    expect(doc.title).toBe('Bài viết đã được gỡ: Thông báo tuyển dụng viên chức năm 2022 – Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn');
    // The site's chrome: its name, its menu, its footer, a way home.
    expect(textOf(doc.querySelector('.brand__name'))).toBe('Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn');
    expect([...doc.querySelectorAll('.menu a')].map((a) => textOf(a))).toEqual(['Trang chủ', 'Thông báo']);
    expect(doc.querySelector('.site-footer')).not.toBeNull();
    expect(doc.querySelector('.withdrawn__links a')?.getAttribute('href')).toBe(`/${site.key}/`);
  });

  it('never shows the withdrawn article’s content, in the page or its metadata', async () => {
    for (const url of [`/${site.key}/bai-viet/thong-bao-tuyen-dung`, `/${site.key}/bai-viet/thong-bao-tuyen-dung/in`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(410);
      expect(res.body, url).not.toContain(secretBody);
      expect(res.body, url).not.toContain(secretLead);
      expect(res.body, url).not.toContain('Phóng viên Nguyễn Văn A');
      const doc = parseHtml(res.body);
      expect(doc.querySelector('.article__body'), url).toBeNull();
      expect(doc.querySelector('script[type="application/ld+json"]'), url).toBeNull();
      expect(doc.querySelector('meta[property="og:type"]'), url).toBeNull();
      expect(doc.querySelector('link[rel="canonical"]'), url).toBeNull();
    }
  });

  it('answers the print view of a withdrawn article with the same 410 notice', async () => {
    const doc = parseHtml((await get(`/${site.key}/bai-viet/thong-bao-tuyen-dung/in`)).body);
    expect(textOf(doc.querySelector('.withdrawn__statement'))).toBe('Bài viết đã được gỡ lúc 09:30 ngày 28/9/2022.');
    expect(textOf(doc.querySelector('.withdrawn__reason'))).toBe(`Lý do: ${reason}`);
  });

  it('says only that it was withdrawn when no time and no reason were recorded', async () => {
    const res = await get(`/${site.key}/bai-viet/go-khong-ghi-gio`);
    expect(res.statusCode).toBe(410);
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('.withdrawn__statement'))).toBe('Bài viết đã được gỡ.');
    expect(doc.querySelector('.withdrawn__reason')).toBeNull();
  });

  it('sends readers with 301 to the chosen path of the site, on the default host and on the site’s own host', async () => {
    const res = await get(`/${site.key}/bai-viet/go-chuyen-bai-moi`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`/${site.key}/bai-viet/thong-bao-moi`);
    const own = await get('/bai-viet/go-chuyen-bai-moi', 'langson.localhost');
    expect(own.statusCode).toBe(301);
    expect(own.headers.location).toBe('/bai-viet/thong-bao-moi');
    const print = await get(`/${site.key}/bai-viet/go-chuyen-bai-moi/in`);
    expect(print.statusCode).toBe(301);
    expect(print.headers.location).toBe(`/${site.key}/bai-viet/thong-bao-moi`);
  });

  it('sends readers with 301 to a chosen address elsewhere in the network', async () => {
    const res = await get(`/${site.key}/bai-viet/go-chuyen-cong-bo`);
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe(`http://127.0.0.1:3000/${other.key}/bai-viet/thong-bao-cua-bo`);
  });

  it('never redirects outside the network: such an address gives the 410 notice instead', async () => {
    for (const slug of ['go-dia-chi-la', 'go-dia-chi-hai-gach']) {
      const res = await get(`/${site.key}/bai-viet/${slug}`);
      expect(res.statusCode, slug).toBe(410);
      expect(res.headers.location, slug).toBeUndefined();
      expect(res.body, slug).not.toContain('tin-gia.example');
    }
  });

  it('keeps 404 for what was never public: withdrawn before its embargo ended, rejected, drafts', async () => {
    for (const [slug, title] of [
      ['thong-cao-da-huy', 'Thông cáo cấm đăng đã huỷ'],
      ['thong-cao-tuong-lai', 'Thông cáo hẹn giờ tương lai đã gỡ'],
      ['bai-khong-su-dung', 'Bài không sử dụng'],
      ['ban-nhap', 'Bản nháp'],
    ]) {
      for (const url of [`/${site.key}/bai-viet/${slug}`, `/${site.key}/bai-viet/${slug}/in`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(404);
        expect(res.body, url).not.toContain(title!);
      }
    }
  });

  it('keeps the notice to its own site: the same slug under another site is 404', async () => {
    expect((await get(`/${other.key}/bai-viet/thong-bao-tuyen-dung`)).statusCode).toBe(404);
  });
});
