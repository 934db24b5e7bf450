/**
 * The sitemap queries on both engines: article pages cut every N visible articles in id order
 * (a page boundary made with a small page size), stable as the site grows; counts; the news
 * window of two days; the listing rows (home, categories, tags with a visible article).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSitemapPageSize,
  countSitemapArticles,
  listArticleSitemapRows,
  listListingSitemapRows,
  listNewsSitemapRows,
} from '../src/core/sitemaps/sitemap.repository.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';

const NOW = new Date('2022-10-01T03:00:00.000Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000).toISOString();

describe.each(ENGINES)('sitemap repository on %s', (engine) => {
  let d: TestDatabase;
  let site: { id: number };
  let other: { id: number };
  const visibleSlugs: string[] = [];

  beforeAll(async () => {
    d = await createTestDatabase(engine);
    site = await buildSite(d.db);
    other = await buildSite(d.db);
    // Seven visible articles, with hidden ones and another site's between them in id order.
    for (let i = 1; i <= 7; i++) {
      const a = await buildArticle(d.db, site.id, { slug: `bai-${i}`, published_at: hoursAgo(100 + i) });
      visibleSlugs.push(a.slug);
      if (i === 2) await buildArticle(d.db, site.id, { slug: 'ban-nhap', state: 'draft', published_at: null });
      if (i === 4) await buildArticle(d.db, site.id, { slug: 'cam-dang', published_at: hoursAgo(-1) });
      if (i === 5) await buildArticle(d.db, other.id, { slug: 'trang-khac', published_at: hoursAgo(5) });
    }
  });

  afterAll(async () => {
    await d?.dispose();
  });

  it('counts only what the public may see, per site', async () => {
    const counts = await countSitemapArticles(d.db, [site.id, other.id], NOW);
    expect(counts.get(site.id)).toBe(7);
    expect(counts.get(other.id)).toBe(1);
    expect((await countSitemapArticles(d.db, [site.id], new Date('2020-01-01T00:00:00.000Z'))).get(site.id)).toBe(0);
  });

  it('cuts pages every N visible articles in id order; the pages together are every visible article once', async () => {
    const pages = [];
    for (let page = 1; page <= 4; page++) pages.push((await listArticleSitemapRows(d.db, site.id, NOW, page, 3)).map((r) => r.slug));
    expect(pages).toEqual([['bai-1', 'bai-2', 'bai-3'], ['bai-4', 'bai-5', 'bai-6'], ['bai-7'], []]);
    const rows = await listArticleSitemapRows(d.db, site.id, NOW, 1, 3);
    for (const row of rows) expect(new Date(row.lastModified).toISOString()).toBe(row.lastModified);
    expect(await listArticleSitemapRows(d.db, site.id, NOW, 0, 3)).toEqual([]);
    expect(await listArticleSitemapRows(d.db, site.id, NOW, 1.5, 3)).toEqual([]);
  });

  it('keeps earlier pages as they are when articles are added, even backdated ones', async () => {
    const before = [1, 2].map(async (page) => (await listArticleSitemapRows(d.db, site.id, NOW, page, 3)).map((r) => r.slug));
    const [p1, p2] = await Promise.all(before);
    // An old article imported today gets a new id: it goes to the last page.
    await buildArticle(d.db, site.id, { slug: 'bai-nhap-khau-cu', published_at: '2015-01-01T00:00:00.000Z' });
    expect((await listArticleSitemapRows(d.db, site.id, NOW, 1, 3)).map((r) => r.slug)).toEqual(p1);
    expect((await listArticleSitemapRows(d.db, site.id, NOW, 2, 3)).map((r) => r.slug)).toEqual(p2);
    expect((await listArticleSitemapRows(d.db, site.id, NOW, 3, 3)).map((r) => r.slug)).toEqual(['bai-7', 'bai-nhap-khau-cu']);
  });

  it('refuses a page size the protocol does not allow', () => {
    for (const size of [0, -1, 1.5, 50_001, Number.NaN]) expect(() => checkSitemapPageSize(size), String(size)).toThrow(RangeError);
    expect(checkSitemapPageSize(50_000)).toBe(50_000);
  });

  it('the news sitemap has the last two days only, newest first, nothing embargoed', async () => {
    const news = await buildSite(d.db);
    await buildArticle(d.db, news.id, { slug: 'mot-gio-truoc', published_at: hoursAgo(1) });
    await buildArticle(d.db, news.id, { slug: 'bon-muoi-bay-gio', published_at: hoursAgo(47) });
    await buildArticle(d.db, news.id, { slug: 'bon-muoi-chin-gio', published_at: hoursAgo(49) });
    await buildArticle(d.db, news.id, { slug: 'cam-dang-mot-gio', published_at: hoursAgo(-1) });
    await buildArticle(d.db, news.id, { slug: 'hen-gio', state: 'scheduled', published_at: hoursAgo(2) });
    // Known to the day only: 1/10/2022 00:00 in Vietnam, ten hours before NOW.
    await buildArticle(d.db, news.id, { slug: 'chi-biet-ngay', published_precision: 'day', published_at: '2022-09-30T17:00:00.000Z' });
    const rows = await listNewsSitemapRows(d.db, news.id, NOW);
    expect(rows.map((r) => r.slug)).toEqual(['mot-gio-truoc', 'chi-biet-ngay', 'bon-muoi-bay-gio']);
    expect(rows[1]).toMatchObject({ publishedPrecision: 'day', publishedAt: '2022-09-30T17:00:00.000Z' });
    // Two hours later the embargo has passed and the oldest has left the window.
    const later = await listNewsSitemapRows(d.db, news.id, new Date(NOW.getTime() + 2 * 3600_000));
    expect(later.map((r) => r.slug)).toEqual(['cam-dang-mot-gio', 'mot-gio-truoc', 'chi-biet-ngay']);
  });

  it('lists categories and tags only while a visible article is in them', async () => {
    const s = await buildSite(d.db);
    const withNews = await buildCategory(d.db, s.id, { slug: 'co-tin' });
    const onlyDraft = await buildCategory(d.db, s.id, { slug: 'chi-co-nhap' });
    const empty = await buildCategory(d.db, s.id, { slug: 'trong' });
    const tag = await buildTag(d.db, s.id, { slug: 'the-co-tin' });
    const embargoTag = await buildTag(d.db, s.id, { slug: 'the-cam-dang' });
    await buildArticle(d.db, s.id, { slug: 'tin', categoryIds: [withNews.id], tagIds: [tag.id], published_at: hoursAgo(3) });
    await buildArticle(d.db, s.id, { slug: 'nhap', state: 'draft', published_at: null, categoryIds: [onlyDraft.id], tagIds: [embargoTag.id] });
    await buildArticle(d.db, s.id, { slug: 'cam', published_at: hoursAgo(-2), categoryIds: [onlyDraft.id], tagIds: [embargoTag.id] });
    const rows = await listListingSitemapRows(d.db, s.id, NOW);
    expect(rows.newestPublishedAt).toBe(hoursAgo(3));
    expect(rows.categoryIds).toEqual([withNews.id]);
    expect(rows.categoryIds).not.toContain(empty.id);
    expect(rows.tagSlugs).toEqual(['the-co-tin']);
    const later = await listListingSitemapRows(d.db, s.id, new Date(NOW.getTime() + 3 * 3600_000));
    expect(later.categoryIds).toEqual([withNews.id, onlyDraft.id]);
    expect(later.tagSlugs).toEqual(['the-co-tin', 'the-cam-dang']);
    expect(later.newestPublishedAt).toBe(hoursAgo(-2));
    const none = await listListingSitemapRows(d.db, (await buildSite(d.db)).id, NOW);
    expect(none).toEqual({ newestPublishedAt: null, categoryIds: [], tagSlugs: [] });
  });
});
