/**
 * "Nothing is public before its time" (DESIGN.md §3) on the public pages: an embargoed
 * article is on no list and its page is a 404 until the clock passes its publish time, then
 * it is everywhere; drafts and withdrawn articles are never shown. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { cardTitles, parseHtml, textOf } from './public-helpers.ts';

describe.each(ENGINES)('public visibility on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  const embargoed = 'Thông cáo báo chí về Nghị định mới (cấm đăng trước giờ)';
  const draft = 'Bản nháp chưa duyệt';
  const withdrawn = 'Bài đã gỡ';
  const visible = 'Tin đã đăng bình thường';

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Cổng Thông tin điện tử Bộ' });
    const cat = await buildCategory(db, site.id, { name: 'Thông cáo báo chí', slug: 'thong-cao-bao-chi' });
    const tag = await buildTag(db, site.id, { name: 'Nghị định', slug: 'nghi-dinh' });
    const embargoTag = await buildTag(db, site.id, { name: 'Chỉ có bài cấm đăng', slug: 'chi-co-bai-cam-dang' });
    await buildArticle(db, site.id, { title: visible, slug: 'tin-binh-thuong', categoryIds: [cat.id], tagIds: [tag.id], published_at: '2022-09-30T01:00:00.000Z' });
    await buildArticle(db, site.id, {
      title: embargoed,
      slug: 'thong-cao-nghi-dinh-moi',
      type: 'press_release',
      featured: 1,
      categoryIds: [cat.id],
      tagIds: [tag.id, embargoTag.id],
      // 12:00 on 1/10/2022 in Vietnam, two hours after the test clock.
      published_at: '2022-10-01T05:00:00.000Z',
    });
    await buildArticle(db, site.id, { title: draft, slug: 'ban-nhap', state: 'draft', categoryIds: [cat.id], tagIds: [tag.id], published_at: null });
    await buildArticle(db, site.id, { title: withdrawn, slug: 'bai-da-go', state: 'withdrawn', categoryIds: [cat.id], tagIds: [tag.id], published_at: '2022-09-29T01:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  async function titlesOn(url: string): Promise<string[]> {
    const res = await get(url);
    expect(res.statusCode, url).toBe(200);
    return cardTitles(parseHtml(res.body).querySelector('main'));
  }

  const lists = () => ['/', `/${site.key}/`, `/${site.key}/chuyen-muc/thong-cao-bao-chi`, `/${site.key}/the/nghi-dinh`];
  const pages = () => [`/${site.key}/bai-viet/thong-cao-nghi-dinh-moi`, `/${site.key}/bai-viet/thong-cao-nghi-dinh-moi/in`];

  it('before its time an embargoed article is on no list, its page and its only tag answer 404', async () => {
    t.now = new Date('2022-10-01T03:00:00.000Z');
    for (const url of lists()) {
      const titles = await titlesOn(url);
      expect(titles, url).toContain(visible);
      expect(titles, url).not.toContain(embargoed);
    }
    for (const url of pages()) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('Nghị định mới');
    }
    expect((await get(`/${site.key}/the/chi-co-bai-cam-dang`)).statusCode).toBe(404);
    // The network root counts only what is visible.
    const root = parseHtml((await get('/')).body);
    expect(textOf(root.querySelector('.site-card'))).toContain('1 tin, bài');
  });

  it('once the clock passes its publish time it is everywhere', async () => {
    t.now = new Date('2022-10-01T05:00:01.000Z');
    for (const url of lists()) {
      const titles = await titlesOn(url);
      expect(titles[0], url).toBe(embargoed);
    }
    const res = await get(pages()[0]!);
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('h1'))).toBe(embargoed);
    expect(textOf(doc.querySelector('.article__kicker'))).toBe('Thông cáo báo chí');
    expect(textOf(doc.querySelector('.article__meta time'))).toBe('Thứ Bảy, 1/10/2022 12:00');
    expect((await get(pages()[1]!)).statusCode).toBe(200);
    expect((await get(`/${site.key}/the/chi-co-bai-cam-dang`)).statusCode).toBe(200);
    // Featured now that it is visible.
    const home = parseHtml((await get(`/${site.key}/`)).body);
    expect(cardTitles(home.querySelector('.home-featured'))).toEqual([embargoed]);
  });

  it('drafts and withdrawn articles are never shown, at any time', async () => {
    for (const now of ['2022-10-01T03:00:00.000Z', '2030-01-01T00:00:00.000Z']) {
      t.now = new Date(now);
      for (const url of lists()) {
        const titles = await titlesOn(url);
        expect(titles, url).not.toContain(draft);
        expect(titles, url).not.toContain(withdrawn);
      }
      // A draft does not exist for readers; a withdrawn article answers 410 with its notice.
      for (const [slug, status] of [['ban-nhap', 404], ['bai-da-go', 410]] as const) {
        expect((await get(`/${site.key}/bai-viet/${slug}`)).statusCode, slug).toBe(status);
        expect((await get(`/${site.key}/bai-viet/${slug}/in`)).statusCode, slug).toBe(status);
      }
    }
  });
});
