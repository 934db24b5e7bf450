/**
 * Writes sitemaps and sitemap indexes with the `sitemap` library (9.0.1), which escapes
 * every value, percent-encodes what a URL may not hold and checks each entry (the
 * `ErrorLevel.THROW` level makes a bad entry an error, not a silently broken file).
 *
 * Dates: `<lastmod>` is written by the library as UTC (`2022-09-27T07:05:00.000Z`), a valid W3C
 * Datetime for the same instant; `<news:publication_date>` is written as given, so callers pass
 * it in Vietnam time ({@link newsPublicationDate}).
 */
import { ErrorLevel, SitemapIndexStream, SitemapStream, streamToPromise, type SitemapItemLoose } from 'sitemap';
import type { CategoryNode } from '../articles/public-article.repository.ts';

/** One `<url>` of a sitemap. URLs are absolute. */
export interface SitemapUrl {
  url: string;
  /** ISO 8601 instant of the last change, or null to leave `<lastmod>` out. */
  lastModified: string | null;
  /** Google News data; the file then declares the news namespace. */
  news?: {
    /** The publication's name (`<news:name>`): the site's name. */
    publicationName: string;
    title: string;
    /** W3C Datetime, e.g. from {@link newsPublicationDate}. */
    publicationDate: string;
  };
}

/** One `<sitemap>` of a sitemap index. */
export interface SitemapIndexEntry {
  url: string;
  lastModified: string | null;
}

function toItem(entry: SitemapUrl): SitemapItemLoose {
  return {
    url: entry.url,
    ...(entry.lastModified ? { lastmod: entry.lastModified } : {}),
    ...(entry.news
      ? {
          news: {
            publication: { name: entry.news.publicationName, language: 'vi' },
            publication_date: entry.news.publicationDate,
            title: entry.news.title,
          },
        }
      : {}),
  };
}

/**
 * Writes a sitemap (`<urlset>`, sitemaps.org 0.9), with the Google News namespace when an
 * entry carries news data and no other extension namespace.
 *
 * @param entries at least one URL (the protocol's schema requires one; callers answer 404
 *   for an empty sitemap rather than serve an invalid file)
 * @returns the XML document
 * @throws the library's `EmptySitemap` error for no entries, and its validation errors for a
 *   bad entry (e.g. a news entry without a title)
 * Sources: sitemaps.org protocol 0.9; Google News sitemap format (news namespace 0.9).
 */
export async function renderUrlSet(entries: readonly SitemapUrl[]): Promise<string> {
  const news = entries.some((e) => e.news);
  const stream = new SitemapStream({ level: ErrorLevel.THROW, xmlns: { news, xhtml: false, image: false, video: false } });
  const done = streamToPromise(stream);
  for (const entry of entries) stream.write(toItem(entry));
  stream.end();
  return (await done).toString('utf8');
}

/**
 * Writes a sitemap index (`<sitemapindex>`).
 * @param entries the sitemaps it lists (sitemaps only: an index never lists another index,
 *   which the protocol does not allow)
 * @returns the XML document
 * Source: sitemaps.org protocol 0.9, "Using Sitemap index files".
 */
export async function renderSitemapIndex(entries: readonly SitemapIndexEntry[]): Promise<string> {
  const stream = new SitemapIndexStream({ level: ErrorLevel.THROW });
  const done = streamToPromise(stream);
  for (const entry of entries) stream.write(entry.lastModified ? { url: entry.url, lastmod: entry.lastModified } : { url: entry.url });
  stream.end();
  return (await done).toString('utf8');
}

/**
 * The categories worth listing in a sitemap: those with a visible article in themselves or in
 * a sub-category (a category page lists its sub-categories' articles too), in tree order.
 *
 * @param tree the site's category tree (core/articles `listCategoryTree`)
 * @param withArticles ids of the categories holding a visible article of their own
 */
export function categoriesWithContent(tree: readonly CategoryNode[], withArticles: ReadonlySet<number>): CategoryNode[] {
  const kept: CategoryNode[] = [];
  const walk = (node: CategoryNode): boolean => {
    const index = kept.length;
    let any = withArticles.has(node.id);
    for (const child of node.children) any = walk(child) || any;
    if (any) kept.splice(index, 0, node);
    return any;
  };
  for (const node of tree) walk(node);
  return kept;
}
