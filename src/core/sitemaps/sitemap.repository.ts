/**
 * What sitemaps read. Every article query applies the one visibility rule
 * ({@link publiclyVisible}, articles/visibility.ts) at the given `now`: scheduled, embargoed,
 * draft, returned, rejected and withdrawn articles are in no sitemap, and an embargoed or
 * scheduled one appears as soon as it is visible. Categories and tags are listed only when a
 * visible article is in them (a tag page without one is a 404, and its name alone could
 * announce an embargoed item).
 *
 * Article sitemaps are cut every `pageSize` visible articles in id order, a key that never
 * changes: a new article goes to the last page, so earlier pages stay as they are while the
 * site grows (only a withdrawal moves later URLs up by one).
 *
 * Cost at 100,000 articles in one site (measured on the author's machine; see README "Feeds
 * and sitemaps"): counting and finding a page's first id read only the
 * `articles_public_idx (site_id, state, published_at)` index (covering: SQLite and PostgreSQL
 * keep the row id in it); only the page's own rows are read from the table.
 *
 * Syndicated copies (core/network/syndication.ts, direction `down`) are in no sitemap: their
 * canonical page is the original, listed by its own site's sitemaps, so search engines never
 * index a copy as a duplicate. They are left out by probing `syndications` by copy id (an
 * index lookup per visible article on a page) and subtracted from the counts through the
 * receiving site's syndications.
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { PublishedPrecision } from '../articles/article.ts';
import { publiclyVisible } from '../articles/visibility.ts';
import type { Database } from '../db/database.ts';
import { LISTING_SITEMAP_TAG_LIMIT, NEWS_SITEMAP_LIMIT, NEWS_SITEMAP_WINDOW_MS, SITEMAP_PAGE_SIZE } from './sitemap.ts';

/** A URL of a sitemap, as read: the slug of the page and when it last changed. */
export interface SitemapRow {
  slug: string;
  /** ISO 8601 UTC. */
  lastModified: string;
}

/** An article of the news sitemap. */
export interface NewsSitemapRow extends SitemapRow {
  title: string;
  /** ISO 8601 UTC. */
  publishedAt: string;
  publishedPrecision: PublishedPrecision;
}

/** What a site's listing sitemap (home, categories, tags) needs. */
export interface ListingSitemapRows {
  /** When the newest visible article was published (ISO 8601 UTC), null when there is none. */
  newestPublishedAt: string | null;
  /** Categories with a visible article of their own; the caller adds their ancestors. */
  categoryIds: number[];
  /** Slugs of the tags that a visible article carries, in id order. */
  tagSlugs: string[];
}

/** Leaves out articles that are syndicated copies (direction `down`) of another site's original. */
function notSyndicatedCopy(eb: ExpressionBuilder<Database, 'articles'>) {
  return eb.not(
    eb.exists(
      eb
        .selectFrom('syndications')
        .select(sql.lit(1).as('one'))
        .whereRef('syndications.copy_article_id', '=', 'articles.id')
        .where('syndications.direction', '=', 'down'),
    ),
  );
}

/**
 * Checks a sitemap page size.
 * @throws {RangeError} for anything but an integer from 1 to 50,000 (the protocol's limit)
 */
export function checkSitemapPageSize(pageSize: number): number {
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 50_000) {
    throw new RangeError(`sitemap page size must be an integer from 1 to 50000, not ${pageSize}`);
  }
  return pageSize;
}

/**
 * How many articles each of these sites has that the public may see at `now` (for the
 * sitemap indexes: a site has `ceil(count / pageSize)` article sitemaps). One count per site,
 * each answered from the `(site_id, state, published_at)` index alone; a single `GROUP BY
 * site_id` over the network would make SQLite read every article row instead.
 *
 * @param siteIds the sites to count
 * @returns site id → count (0 for a site without visible articles)
 */
export async function countSitemapArticles(db: Kysely<Database>, siteIds: readonly number[], now: Date): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  for (const siteId of siteIds) {
    const row = await db
      .selectFrom('articles')
      .where('articles.site_id', '=', siteId)
      .where(publiclyVisible(now))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    const copies = await db
      .selectFrom('syndications')
      .innerJoin('articles', 'articles.id', 'syndications.copy_article_id')
      .where('syndications.target_site_id', '=', siteId)
      .where('syndications.direction', '=', 'down')
      .where('articles.site_id', '=', siteId)
      .where(publiclyVisible(now))
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    counts.set(siteId, Number(row.n) - Number(copies.n));
  }
  return counts;
}

/**
 * The articles of one page of a site's article sitemap: visible at `now`, in id order,
 * `pageSize` per page. The page's first id is found on the index alone (offset over the
 * visible ids), then the page is read as an id range, so a late page costs little more than
 * the first.
 *
 * @param page 1-based; a page past the last returns []
 * @param pageSize URLs per page (1–50,000; default {@link SITEMAP_PAGE_SIZE})
 * @returns slug and `updated_at` of each article
 * @throws {RangeError} for a page size outside 1–50,000
 */
export async function listArticleSitemapRows(
  db: Kysely<Database>,
  siteId: number,
  now: Date,
  page: number,
  pageSize: number = SITEMAP_PAGE_SIZE,
): Promise<SitemapRow[]> {
  const size = checkSitemapPageSize(pageSize);
  if (!Number.isSafeInteger(page) || page < 1) return [];
  const visible = () => db.selectFrom('articles').where('articles.site_id', '=', siteId).where(publiclyVisible(now)).where(notSyndicatedCopy);
  const first = await visible()
    .select('articles.id')
    .orderBy('articles.id')
    .limit(1)
    .offset((page - 1) * size)
    .executeTakeFirst();
  if (!first) return [];
  const rows = await visible()
    .where('articles.id', '>=', first.id)
    .select(['articles.slug', 'articles.updated_at'])
    .orderBy('articles.id')
    .limit(size)
    .execute();
  return rows.map((r) => ({ slug: r.slug, lastModified: r.updated_at }));
}

/**
 * The articles of a site's Google News sitemap: visible at `now` and published within the
 * last two days (`published_at` in `[now − window, now]`), newest first, at most 1,000.
 *
 * @param windowMs how far back (default {@link NEWS_SITEMAP_WINDOW_MS}, two days)
 * Source: Google News sitemap guidelines (articles of the last two days, up to 1,000 URLs).
 */
export async function listNewsSitemapRows(
  db: Kysely<Database>,
  siteId: number,
  now: Date,
  windowMs: number = NEWS_SITEMAP_WINDOW_MS,
): Promise<NewsSitemapRow[]> {
  const since = new Date(now.getTime() - windowMs).toISOString();
  const rows = await db
    .selectFrom('articles')
    .where('articles.site_id', '=', siteId)
    .where(publiclyVisible(now))
    .where('articles.published_at', '>=', since)
    .where(notSyndicatedCopy)
    .select(['articles.slug', 'articles.title', 'articles.published_at', 'articles.published_precision', 'articles.updated_at'])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(NEWS_SITEMAP_LIMIT)
    .execute();
  return rows.map((r) => ({
    slug: r.slug,
    title: r.title,
    publishedAt: r.published_at!,
    publishedPrecision: r.published_precision as PublishedPrecision,
    lastModified: r.updated_at,
  }));
}

/**
 * What a site's listing sitemap needs: when its newest visible article was published (the
 * home page's lastmod: a listing changes when something is published into it), the categories
 * holding a visible article of their own, and the tags a visible article carries (at most
 * {@link LISTING_SITEMAP_TAG_LIMIT}, oldest tags first). Categories and tags are probed with
 * `EXISTS … LIMIT 1` from their membership rows, so the cost follows the number of terms,
 * not of articles.
 */
export async function listListingSitemapRows(db: Kysely<Database>, siteId: number, now: Date): Promise<ListingSitemapRows> {
  const [newest, categories, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .where('articles.site_id', '=', siteId)
      .where(publiclyVisible(now))
      .select((eb) => eb.fn.max('articles.published_at').as('newest'))
      .executeTakeFirst(),
    db
      .selectFrom('categories')
      .where('categories.site_id', '=', siteId)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_categories')
            .crossJoin('articles')
            .whereRef('article_categories.category_id', '=', 'categories.id')
            .whereRef('articles.id', '=', 'article_categories.article_id')
            .where('articles.site_id', '=', siteId)
            .where(publiclyVisible(now))
            .select(sql.lit(1).as('one'))
            .limit(1),
        ),
      )
      .select('categories.id')
      .orderBy('categories.id')
      .execute(),
    db
      .selectFrom('tags')
      .where('tags.site_id', '=', siteId)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('article_tags')
            .crossJoin('articles')
            .whereRef('article_tags.tag_id', '=', 'tags.id')
            .whereRef('articles.id', '=', 'article_tags.article_id')
            .where('articles.site_id', '=', siteId)
            .where(publiclyVisible(now))
            .select(sql.lit(1).as('one'))
            .limit(1),
        ),
      )
      .select('tags.slug')
      .orderBy('tags.id')
      .limit(LISTING_SITEMAP_TAG_LIMIT)
      .execute(),
  ]);
  return {
    newestPublishedAt: (newest?.newest as string | null | undefined) ?? null,
    categoryIds: categories.map((c) => c.id),
    tagSlugs: tags.map((t) => t.slug),
  };
}
