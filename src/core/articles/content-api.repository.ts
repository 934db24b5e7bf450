/**
 * Public reads of the content API (`/api/content/v1`) that the page repository
 * (public-article.repository.ts) has no equivalent of: articles filtered by site or the whole
 * network, category, tag, type and publication period, with their total; a site's tags with
 * how many visible articles carry each; visible counts of a category and of a site.
 *
 * Every query applies the one visibility rule ({@link publiclyVisible}) at the caller's `now`,
 * counts included, so no filter or total can reveal a draft, a scheduled or an embargoed item,
 * or how many there are (DESIGN.md §3, "Nothing is public before its time"). Ordering of
 * articles is `published_at desc, id desc`, as on the pages, so pages are stable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ArticleType } from './article.ts';
import { summariesInOrder, type ArticlePage, type TermRef } from './public-article.repository.ts';
import { publiclyVisible } from './visibility.ts';

/** Which visible articles a list holds. Every field narrows the list; none widens it. */
export interface PublicArticleFilter {
  /** The sites read: one site, or every active site of the network. An empty list matches nothing. */
  siteIds: readonly number[];
  /** Only articles in any of these categories (a category and its sub-categories). */
  categoryIds?: readonly number[];
  /** Only articles carrying this tag. */
  tagId?: number;
  /** Only articles of this type. */
  type?: ArticleType;
  /** Only articles published at or after this instant. */
  publishedFrom?: Date;
  /** Only articles published strictly before this instant. */
  publishedBefore?: Date;
}

/**
 * The visible articles matching a filter at `now`, as a query over `articles`. Across several
 * sites, syndicated copies that follow their original are left out (the original is listed once).
 */
function filteredArticles(db: Kysely<Database>, now: Date, filter: PublicArticleFilter) {
  let query = db
    .selectFrom('articles')
    .where(publiclyVisible(now))
    .where('articles.site_id', 'in', filter.siteIds.length ? [...filter.siteIds] : [-1]);
  if (filter.siteIds.length > 1) query = query.where('articles.follows_origin', '=', 0);
  if (filter.categoryIds) {
    const ids = filter.categoryIds.length ? [...filter.categoryIds] : [-1];
    query = query.where('articles.id', 'in', (eb) =>
      eb.selectFrom('article_categories').select('article_categories.article_id').where('article_categories.category_id', 'in', ids),
    );
  }
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where('articles.id', 'in', (eb) => eb.selectFrom('article_tags').select('article_tags.article_id').where('article_tags.tag_id', '=', tagId));
  }
  if (filter.type) query = query.where('articles.type', '=', filter.type);
  if (filter.publishedFrom) query = query.where('articles.published_at', '>=', filter.publishedFrom.toISOString());
  if (filter.publishedBefore) query = query.where('articles.published_at', '<', filter.publishedBefore.toISOString());
  return query;
}

/**
 * One page of the visible articles matching a filter, newest first (`published_at desc, id
 * desc`), with the total count of matching visible articles.
 * @param page 1-based page number (an integer ≥ 1; a page past the last has no items)
 * @param pageSize articles per page, 1–100
 * @returns the page's summaries (cover, primary category) and `total`, `pageCount` (≥ 1)
 * @throws {RangeError} when `page` or `pageSize` is out of range (callers validate input first)
 */
export async function listPublicArticles(
  db: Kysely<Database>,
  now: Date,
  filter: PublicArticleFilter,
  page: number,
  pageSize: number,
): Promise<ArticlePage> {
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError(`listPublicArticles: page ${page}`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new RangeError(`listPublicArticles: pageSize ${pageSize}`);
  const countRow = await filteredArticles(db, now, filter)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const offset = (page - 1) * pageSize;
  const idRows =
    offset < total
      ? await filteredArticles(db, now, filter)
          .select('articles.id')
          .orderBy('articles.published_at', 'desc')
          .orderBy('articles.id', 'desc')
          .limit(pageSize)
          .offset(offset)
          .execute()
      : [];
  const items = await summariesInOrder(db, now, idRows.map((r) => r.id));
  return { items, total, page, perPage: pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A tag as the public may know it: only tags that at least one visible article carries. */
export interface PublicTag extends TermRef {
  /** How many visible articles of the site carry it. */
  articleCount: number;
}

/** The site's tags joined to the visible articles carrying them. */
function visibleTagMemberships(db: Kysely<Database>, siteId: number, now: Date) {
  return db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where('tags.site_id', '=', siteId)
    .where('articles.site_id', '=', siteId)
    .where(publiclyVisible(now));
}

/**
 * One page of a site's tags that visible articles carry, ordered by slug then id (slugs are
 * the folded names, so this is close to alphabetical order and stable), with the total.
 *
 * A tag carried only by drafts, scheduled or embargoed articles is not listed: its name alone
 * could announce an item before its time (the tag page answers 404 for the same reason).
 * @param page 1-based page number; `pageSize` 1–100
 * @throws {RangeError} when `page` or `pageSize` is out of range
 */
export async function listPublicTags(
  db: Kysely<Database>,
  siteId: number,
  now: Date,
  page: number,
  pageSize: number,
): Promise<{ items: PublicTag[]; total: number }> {
  if (!Number.isSafeInteger(page) || page < 1) throw new RangeError(`listPublicTags: page ${page}`);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > 100) throw new RangeError(`listPublicTags: pageSize ${pageSize}`);
  const countRow = await visibleTagMemberships(db, siteId, now)
    .select((eb) => eb.fn.count<string | number>('tags.id').distinct().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const offset = (page - 1) * pageSize;
  if (offset >= total) return { items: [], total };
  const rows = await visibleTagMemberships(db, siteId, now)
    .select((eb) => ['tags.id', 'tags.name', 'tags.slug', eb.fn.countAll<string | number>().as('n')])
    .groupBy(['tags.id', 'tags.name', 'tags.slug'])
    .orderBy('tags.slug')
    .orderBy('tags.id')
    .limit(pageSize)
    .offset(offset)
    .execute();
  return { items: rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, articleCount: Number(r.n) })), total };
}

/**
 * The site's tag with this slug, only if at least one visible article carries it; otherwise
 * null, exactly as for a tag that does not exist (so a filter cannot probe for tags of items
 * not yet public).
 */
export async function findPublicTagBySlug(db: Kysely<Database>, siteId: number, slug: string, now: Date): Promise<TermRef | null> {
  const row = await visibleTagMemberships(db, siteId, now).select(['tags.id', 'tags.name', 'tags.slug']).where('tags.slug', '=', slug).limit(1).executeTakeFirst();
  return row ?? null;
}

/**
 * How many distinct visible articles of a site are in any of these categories (a category
 * with its sub-categories gives the total its article list shows).
 */
export async function countPublicArticlesInCategories(db: Kysely<Database>, siteId: number, categoryIds: readonly number[], now: Date): Promise<number> {
  if (!categoryIds.length) return 0;
  const row = await filteredArticles(db, now, { siteIds: [siteId], categoryIds })
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** How many articles of one site are visible at `now`, and when the latest was published (ISO UTC), or null. */
export async function summarisePublicSite(db: Kysely<Database>, siteId: number, now: Date): Promise<{ articleCount: number; lastPublishedAt: string | null }> {
  const row = await filteredArticles(db, now, { siteIds: [siteId] })
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.max('articles.published_at').as('last')])
    .executeTakeFirstOrThrow();
  return { articleCount: Number(row.n), lastPublishedAt: (row.last as string | null) ?? null };
}
