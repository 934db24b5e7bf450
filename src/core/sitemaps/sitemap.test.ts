/**
 * Sitemap rules and writing: file names and page numbers, news publication dates in Vietnam
 * time, escaping by the sitemap library, and which categories are worth listing.
 */
import { describe, expect, it } from 'vitest';
import type { CategoryNode } from '../articles/public-article.repository.ts';
import { categoriesWithContent, renderSitemapIndex, renderUrlSet } from './render-sitemap.ts';
import { newsPublicationDate, parseSitemapPage, SITEMAP_FILES } from './sitemap.ts';

describe('article sitemap file names', () => {
  it('round-trip the page number and refuse anything else', () => {
    expect(SITEMAP_FILES.articles(12)).toBe('sitemap-bai-viet-12.xml');
    expect(parseSitemapPage('12')).toBe(12);
    for (const bad of ['0', '01', '-1', '1.5', 'x', '', '1234567', ' 1']) expect(parseSitemapPage(bad), bad).toBeNull();
  });
});

describe('newsPublicationDate', () => {
  it('is RFC 3339 with +07:00, or the Vietnam date alone when only the day is known', () => {
    expect(newsPublicationDate('2022-09-30T07:05:00.000Z', 'minute')).toBe('2022-09-30T14:05:00+07:00');
    expect(newsPublicationDate('2022-09-30T17:00:00.000Z', 'day')).toBe('2022-10-01');
  });
});

describe('renderUrlSet and renderSitemapIndex', () => {
  it('escape every value and declare only the namespaces used', async () => {
    const plain = await renderUrlSet([{ url: 'https://thu.example.vn/tim?a=1&b=<2>', lastModified: '2022-09-30T07:05:00.000Z' }]);
    expect(plain).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(plain).toContain('<loc>https://thu.example.vn/tim?a=1&amp;b=%3C2%3E</loc><lastmod>2022-09-30T07:05:00.000Z</lastmod>');
    const news = await renderUrlSet([
      { url: 'https://thu.example.vn/bai-viet/a', lastModified: null, news: { publicationName: 'Sở TT&TT', title: 'Giá <5 triệu & "rẻ"', publicationDate: '2022-09-30T14:05:00+07:00' } },
    ]);
    expect(news).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(news).toContain('<news:name>Sở TT&amp;TT</news:name><news:language>vi</news:language>');
    expect(news).toContain('<news:title>Giá &lt;5 triệu &amp; "rẻ"</news:title>');
    expect(news).not.toContain('<lastmod>');
    const index = await renderSitemapIndex([{ url: 'https://thu.example.vn/sitemap-bai-viet-1.xml', lastModified: null }]);
    expect(index).toBe('<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://thu.example.vn/sitemap-bai-viet-1.xml</loc></sitemap></sitemapindex>');
  });

  it('refuse to write an empty sitemap, which the protocol does not allow', async () => {
    await expect(renderUrlSet([])).rejects.toThrow();
  });
});

describe('categoriesWithContent', () => {
  const node = (id: number, children: CategoryNode[] = []): CategoryNode => ({ id, name: `C${id}`, slug: `c${id}`, parentId: null, description: null, position: id, children });

  it('keeps a category with articles and every ancestor of one, in tree order', () => {
    const tree = [node(1, [node(2, [node(3)]), node(4)]), node(5), node(6, [node(7)])];
    expect(categoriesWithContent(tree, new Set([3, 6])).map((c) => c.id)).toEqual([1, 2, 3, 6]);
    expect(categoriesWithContent(tree, new Set())).toEqual([]);
  });
});
