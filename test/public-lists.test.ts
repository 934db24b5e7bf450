/**
 * Category and tag pages through HTTP: stable pagination (20 per page), sub-categories'
 * articles included, rel=prev/next and the pagination landmark, 404 past the last page and a
 * clear 400 for a bad page number; card labels that do not repeat themselves. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { cardTitles, parseHtml, textOf } from './public-helpers.ts';

describe.each(ENGINES)('category and tag pages on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let parent: { id: number; slug: string };
  let tag: { id: number; slug: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    parent = await buildCategory(db, site.id, { name: 'Tin tức – Sự kiện', slug: 'tin-tuc-su-kien' });
    const child = await buildCategory(db, site.id, { name: 'Tin trong tỉnh', slug: 'tin-trong-tinh', parentId: parent.id });
    const other = await buildCategory(db, site.id, { name: 'Văn bản', slug: 'van-ban' });
    tag = await buildTag(db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    // 25 articles: 15 in the category, 10 in its sub-category; several share a publication
    // time so that order must fall back to id to stay stable.
    for (let i = 1; i <= 25; i++) {
      const day = String(1 + Math.floor(i / 3)).padStart(2, '0');
      await buildArticle(db, site.id, {
        title: `Tin số ${String(i).padStart(2, '0')}`,
        slug: `tin-so-${i}`,
        categoryIds: [i % 5 < 2 ? child.id : parent.id],
        tagIds: i <= 21 ? [tag.id] : [],
        published_at: `2022-09-${day}T02:00:00.000Z`,
      });
    }
    await buildArticle(db, site.id, { title: 'Bài chuyên mục khác', categoryIds: [other.id] });
    // Another site's article in a same-named category is not listed.
    const elsewhere = await buildSite(db);
    const elsewhereCat = await buildCategory(db, elsewhere.id, { slug: 'tin-tuc-su-kien' });
    await buildArticle(db, elsewhere.id, { title: 'Bài của trang khác', categoryIds: [elsewhereCat.id] });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('page 1 has 20 articles, page 2 the other 5, with no article twice, newest first', async () => {
    const p1 = parseHtml((await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien`)).body);
    const p2res = await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`);
    expect(p2res.statusCode).toBe(200);
    const p2 = parseHtml(p2res.body);
    const first = cardTitles(p1.querySelector('main'));
    const second = cardTitles(p2.querySelector('main'));
    expect(first).toHaveLength(20);
    expect(second).toHaveLength(5);
    const all = [...first, ...second];
    expect(new Set(all).size).toBe(25);
    expect(all).not.toContain('Bài chuyên mục khác');
    expect(all).not.toContain('Bài của trang khác');
    expect(first[0]).toBe('Tin số 25');
    expect(second[second.length - 1]).toBe('Tin số 01');
    // Stable: the same request gives the same order.
    expect(cardTitles(parseHtml((await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`)).body).querySelector('main'))).toEqual(second);
    expect(textOf(p1.querySelector('h1'))).toBe('Tin tức – Sự kiện');
    expect(textOf(p1.querySelector('.page-header'))).toContain('25 tin, bài');
    expect(p2.title).toContain('Trang 2');
  });

  it('links pages with rel=prev/next and an accessible pagination nav', async () => {
    const p1 = parseHtml((await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien`)).body);
    expect(p1.querySelector('link[rel="prev"]')).toBeNull();
    expect(p1.querySelector('link[rel="next"]')!.getAttribute('href')).toBe(`http://127.0.0.1:3000/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`);
    const nav = p1.querySelector('nav[aria-label="Phân trang"]')!;
    expect(textOf(nav.querySelector('[aria-current="page"]'))).toBe('Trang 1');
    expect(nav.querySelector('a[rel="next"]')!.getAttribute('href')).toBe(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`);

    const p2 = parseHtml((await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`)).body);
    expect(p2.querySelector('link[rel="prev"]')!.getAttribute('href')).toBe(`http://127.0.0.1:3000/${site.key}/chuyen-muc/tin-tuc-su-kien`);
    expect(p2.querySelector('link[rel="next"]')).toBeNull();
    expect(p2.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`http://127.0.0.1:3000/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=2`);
    expect(textOf(p2.querySelector('nav[aria-label="Phân trang"] [aria-current="page"]'))).toBe('Trang 2');
  });

  it('a page beyond the last is a 404', async () => {
    const res = await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=3`);
    expect(res.statusCode).toBe(404);
    expect(textOf(parseHtml(res.body).querySelector('h1'))).toBe('Không tìm thấy trang');
  });

  it('a page number that is not a positive integer is a 400 with a Vietnamese message', async () => {
    for (const value of ['abc', '0', '-1', '1.5', '2e3', '', '%F0%9F%98%80', '99999999999999999999', '2&trang=3']) {
      const res = await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien?trang=${value}`);
      expect(res.statusCode, value).toBe(400);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      const doc = parseHtml(res.body);
      expect(doc.documentElement.getAttribute('lang')).toBe('vi');
      expect(textOf(doc.querySelector('h1'))).toBe('Yêu cầu không hợp lệ');
      expect(textOf(doc.querySelector('main'))).toContain('phải là một số nguyên dương');
    }
    const tagRes = await get(`/${site.key}/the/chuyen-doi-so?trang=abc`);
    expect(tagRes.statusCode).toBe(400);
  });

  it('a sub-category page lists only its own articles, with the parent in the breadcrumb and menu', async () => {
    const doc = parseHtml((await get(`/${site.key}/chuyen-muc/tin-trong-tinh`)).body);
    expect(cardTitles(doc.querySelector('main'))).toHaveLength(10);
    expect(textOf(doc.querySelector('nav[aria-label="Đường dẫn"]'))).toContain('Tin tức – Sự kiện');
    expect(textOf(doc.querySelector('nav[aria-label="Chuyên mục"] a.is-active'))).toBe('Tin tức – Sự kiện');
  });

  it('the parent category page links to its sub-categories', async () => {
    const doc = parseHtml((await get(`/${site.key}/chuyen-muc/tin-tuc-su-kien`)).body);
    const menu = doc.querySelector('nav[aria-label="Chuyên mục"] [aria-current="page"]');
    expect(textOf(menu)).toBe('Tin tức – Sự kiện');
    expect(textOf(doc.querySelector('.page-header .chips'))).toBe('Tin trong tỉnh');
  });

  it('a tag page paginates the same way', async () => {
    const p1 = parseHtml((await get(`/${site.key}/the/chuyen-doi-so`)).body);
    expect(textOf(p1.querySelector('h1'))).toBe('Chuyển đổi số');
    expect(cardTitles(p1.querySelector('main'))).toHaveLength(20);
    const p2 = parseHtml((await get(`/${site.key}/the/chuyen-doi-so?trang=2`)).body);
    expect(cardTitles(p2.querySelector('main'))).toEqual(['Tin số 01']);
    expect((await get(`/${site.key}/the/chuyen-doi-so?trang=3`)).statusCode).toBe(404);
  });

  describe('card labels', () => {
    let digest: { id: number; key: string };
    beforeAll(async () => {
      const db = t.core.db;
      digest = await buildSite(db, { name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông' });
      const pressDigest = await buildCategory(db, digest.id, { name: 'Điểm báo', slug: 'diem-bao' });
      const activities = await buildCategory(db, digest.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
      const directives = await buildCategory(db, digest.id, { name: 'Văn bản chỉ đạo điều hành', slug: 'van-ban-chi-dao' });
      const all = await buildTag(db, digest.id, { name: 'Tổng hợp', slug: 'tong-hop' });
      await buildArticle(db, digest.id, { title: 'Báo Nhân Dân: Chuyển đổi số quốc gia', type: 'brief', categoryIds: [pressDigest.id], tagIds: [all.id], published_at: '2022-09-30T02:00:00.000Z' });
      await buildArticle(db, digest.id, { title: 'Thông cáo báo chí về Hội nghị', type: 'press_release', categoryIds: [activities.id], tagIds: [all.id], published_at: '2022-09-29T02:00:00.000Z' });
      await buildArticle(db, digest.id, { title: 'Chỉ thị về chuyển đổi số', type: 'document', categoryIds: [directives.id], tagIds: [all.id], published_at: '2022-09-28T02:00:00.000Z' });
      await buildArticle(db, digest.id, { title: 'Tin thường', categoryIds: [activities.id], tagIds: [all.id], published_at: '2022-09-27T02:00:00.000Z' });
      await t.core.sites.reload();
    });

    const kickers = (doc: Document) =>
      Object.fromEntries([...doc.querySelectorAll('main .card')].map((card) => [textOf(card.querySelector('.card__title')), textOf(card.querySelector('.card__kicker'))]));

    it('show only the category when it repeats the type (“Điểm báo”, not “Điểm tin · Điểm báo”), else type · category', async () => {
      const doc = parseHtml((await get(`/${digest.key}/the/tong-hop`)).body);
      expect(kickers(doc)).toEqual({
        'Báo Nhân Dân: Chuyển đổi số quốc gia': 'Điểm báo',
        'Thông cáo báo chí về Hội nghị': 'Thông cáo báo chí · Tin hoạt động',
        'Chỉ thị về chuyển đổi số': 'Văn bản chỉ đạo điều hành',
        'Tin thường': 'Tin hoạt động',
      });
      expect(doc.querySelector('main')!.textContent).not.toContain('Điểm tin');
    });

    it('keep the type label where the category is not shown', async () => {
      // A category page without sub-categories does not repeat its own name on every card.
      const doc = parseHtml((await get(`/${digest.key}/chuyen-muc/diem-bao`)).body);
      expect(textOf(doc.querySelector('main .card__kicker'))).toBe('Điểm tin');
    });
  });
});
