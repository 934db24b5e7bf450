/**
 * Sitemaps (sitemaps.org protocol 0.9) and the Google News sitemap: file names, limits and
 * the small pure rules. Reading is sitemap.repository.ts, writing render-sitemap.ts.
 *
 * Where the files live: a sitemap may only list URLs at or below its own directory
 * (sitemaps.org, "Sitemap file location"), so every sitemap of a site sits at the site's root
 * (`/langson/sitemap-bai-viet-1.xml`, or `/sitemap-bai-viet-1.xml` on the site's own host), next
 * to its index `sitemap.xml`, never in a sub-folder that could not list `/langson/bai-viet/…`.
 */
import type { PublishedPrecision } from '../articles/article.ts';
import { toOffsetIso } from '../text/index.ts';

/**
 * Article URLs per sitemap file. The protocol allows 50,000; 10,000 keeps each file small
 * (about 1.5 MB) and quick to build, and 100,000 articles still take only 10 files.
 */
export const SITEMAP_PAGE_SIZE = 10_000;

/** How far back the news sitemap reaches: two days (Google News sitemap guidelines). */
export const NEWS_SITEMAP_WINDOW_MS = 2 * 24 * 60 * 60 * 1000;

/** At most this many articles in a news sitemap (Google News sitemap guidelines). */
export const NEWS_SITEMAP_LIMIT = 1000;

/**
 * At most this many tag pages in a site's listing sitemap (with the home page and the
 * categories it stays under the protocol's 50,000 URLs); the tags most recently updated win.
 */
export const LISTING_SITEMAP_TAG_LIMIT = 45_000;

/** Start of an article sitemap's file name; the page number and `.xml` follow. */
export const ARTICLE_SITEMAP_PREFIX = 'sitemap-bai-viet-';

/** File names, relative to a site's root (or the network root). */
export const SITEMAP_FILES = {
  /** The sitemap index of a site, or of the whole network on the default host. */
  index: 'sitemap.xml',
  /** The home page, category pages and tag pages of a site. */
  listings: 'sitemap-danh-muc.xml',
  /** The network's own pages (default host only). */
  network: 'sitemap-mang-luoi.xml',
  /** The Google News sitemap of a site. */
  news: 'sitemap-news.xml',
  /** Page N (from 1) of a site's article sitemap. */
  articles: (page: number): string => `${ARTICLE_SITEMAP_PREFIX}${page}.xml`,
} as const;

/**
 * Reads the page number of an article sitemap from its file name's number part
 * (`sitemap-bai-viet-3.xml` → `"3"` → 3).
 * @returns the page (1–999999), or null for anything else (`0`, `01`, `x`, signs, empty)
 */
export function parseSitemapPage(text: string): number | null {
  return /^[1-9]\d{0,5}$/.test(text) ? Number(text) : null;
}

/**
 * The date a Google News sitemap gives as an article's publication date: RFC 3339 in Vietnam
 * time (`2022-09-27T14:05:00+07:00`), or only the Vietnam date (`2022-09-27`, a valid W3C
 * Datetime) for a date-only article, whose time of day is not known and must not be made up.
 *
 * @param publishedAt the stored instant (ISO 8601 with `Z` or an offset)
 * @throws {RangeError} when `publishedAt` is not a valid instant
 * Source: Google News sitemap `<news:publication_date>` (W3C Datetime); DESIGN.md §3 (dates
 * in Asia/Ho_Chi_Minh).
 */
export function newsPublicationDate(publishedAt: string, precision: PublishedPrecision): string {
  const iso = toOffsetIso(publishedAt);
  return precision === 'day' ? iso.slice(0, 10) : iso;
}
