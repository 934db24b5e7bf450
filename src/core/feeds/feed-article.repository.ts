/**
 * What feeds read: the latest articles the public may see, of a site, of categories, of a tag
 * or of the whole network, with everything a feed entry shows (body, byline, source,
 * categories, tags, cover). Every query applies the one visibility rule
 * ({@link publiclyVisible}, articles/visibility.ts) at the given `now`, so scheduled,
 * embargoed, draft, returned, rejected and withdrawn articles never reach a feed, and an
 * embargoed one appears as soon as its time has passed. Newest first, ties by id.
 */
import type { Kysely } from 'kysely';
import type { ArticleType, PublishedPrecision } from '../articles/article.ts';
import { listLatestArticles, listLatestInCategories, type ImageVariant, type TermRef } from '../articles/public-article.repository.ts';
import { publiclyVisible } from '../articles/visibility.ts';
import type { Database } from '../db/database.ts';
import { FEED_ITEM_LIMIT } from './feed.ts';

/** What a feed follows. Category feeds include the sub-categories' articles (pass their ids). */
export type FeedScope =
  | { kind: 'site'; siteId: number }
  | { kind: 'categories'; siteId: number; categoryIds: number[] }
  | { kind: 'tag'; siteId: number; tagId: number }
  /** Every active site of the network. */
  | { kind: 'network' };

/** The cover of a feed article: the stored original and its derivatives. */
export interface FeedCover {
  storageKey: string;
  mimeType: string;
  bytes: number;
  variants: ImageVariant[];
}

/** An article as feeds need it. */
export interface FeedArticle {
  id: number;
  siteId: number;
  type: ArticleType;
  slug: string;
  title: string;
  lead: string | null;
  /** Sanitised body HTML as stored (site-relative URLs). */
  body: string;
  byline: string | null;
  /** Source organisation's name, else the free-text source name; null when neither. */
  sourceName: string | null;
  sourceUrl: string | null;
  /** ISO 8601 UTC instant (always set: the article is visible). */
  publishedAt: string;
  publishedPrecision: PublishedPrecision;
  /** ISO 8601 UTC instant. */
  updatedAt: string;
  categories: TermRef[];
  tags: TermRef[];
  cover: FeedCover | null;
}

function parseVariants(json: string | null): ImageVariant[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? (value as ImageVariant[]) : [];
  } catch {
    return [];
  }
}

/**
 * The ids of the latest visible articles of a scope, newest first, without counting them.
 * Site and category lists reuse the public read repository; the tag list starts, as that
 * repository's lists do, from the membership table (so its cost follows the size of the tag,
 * and CROSS JOIN keeps SQLite from reordering the join); the network list leaves out sites
 * that are not active (merged, archived), as the network root does.
 */
async function latestIds(db: Kysely<Database>, scope: FeedScope, now: Date, limit: number): Promise<number[]> {
  switch (scope.kind) {
    case 'site':
      return (await listLatestArticles(db, scope.siteId, now, { limit })).map((a) => a.id);
    case 'categories':
      return (await listLatestInCategories(db, scope.siteId, scope.categoryIds, now, limit)).map((a) => a.id);
    case 'tag': {
      const rows = await db
        .selectFrom((eb) => eb.selectFrom('article_tags').select('article_tags.article_id').where('article_tags.tag_id', '=', scope.tagId).as('m'))
        .crossJoin('articles')
        .whereRef('articles.id', '=', 'm.article_id')
        .where('articles.site_id', '=', scope.siteId)
        .where(publiclyVisible(now))
        .select('articles.id')
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    }
    case 'network': {
      // Syndicated copies that follow their original are the original's, listed once.
      const rows = await db
        .selectFrom('articles')
        .innerJoin('sites', 'sites.id', 'articles.site_id')
        .where('sites.status', '=', 'active')
        .where('articles.follows_origin', '=', 0)
        .where(publiclyVisible(now))
        .select('articles.id')
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    }
  }
}

/**
 * The latest articles of a scope the public may see at `now`, newest first (publication
 * time, then id), with body, credits, categories, tags and cover.
 *
 * @param scope a site, categories of a site, a tag of a site, or the whole network
 * @param now the core clock's instant: the visibility rule is applied at it
 * @param limit at most this many (1–100; default {@link FEED_ITEM_LIMIT})
 * @returns the articles; [] when there are none
 */
export async function listFeedArticles(db: Kysely<Database>, scope: FeedScope, now: Date, limit: number = FEED_ITEM_LIMIT): Promise<FeedArticle[]> {
  return feedArticlesByIds(db, await latestIds(db, scope, now, Math.min(Math.max(Math.trunc(limit), 1), 100)), now);
}

/**
 * The feed articles of these ids, in the order given, through the visibility rule (an id the
 * public may not see at `now` is left out). For lists chosen elsewhere (e.g. the rebuttals of
 * core/rapid-response/rebuttal.repository.ts).
 * @param ids article ids, newest first as the feed shows them
 */
export async function feedArticlesByIds(db: Kysely<Database>, ids: number[], now: Date): Promise<FeedArticle[]> {
  if (!ids.length) return [];
  const [rows, categories, tags] = await Promise.all([
    db
      .selectFrom('articles')
      .leftJoin('organisations', 'organisations.id', 'articles.source_organisation_id')
      .leftJoin('media', 'media.id', 'articles.cover_media_id')
      .where('articles.id', 'in', ids)
      // Applied again on the full rows: nothing reaches a feed without passing the rule here.
      .where(publiclyVisible(now))
      .select([
        'articles.id',
        'articles.site_id',
        'articles.type',
        'articles.slug',
        'articles.title',
        'articles.lead',
        'articles.body',
        'articles.byline',
        'articles.source_name',
        'articles.source_url',
        'articles.published_at',
        'articles.published_precision',
        'articles.updated_at',
        'organisations.name as source_org_name',
        'media.storage_key as media_key',
        'media.mime_type as media_mime_type',
        'media.bytes as media_bytes',
        'media.variants as media_variants',
      ])
      .execute(),
    db
      .selectFrom('article_categories')
      .innerJoin('categories', 'categories.id', 'article_categories.category_id')
      .where('article_categories.article_id', 'in', ids)
      .select(['article_categories.article_id', 'categories.id', 'categories.name', 'categories.slug'])
      .orderBy('categories.position')
      .orderBy('categories.id')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .where('article_tags.article_id', 'in', ids)
      .select(['article_tags.article_id', 'tags.id', 'tags.name', 'tags.slug'])
      .orderBy('tags.name')
      .orderBy('tags.id')
      .execute(),
  ]);
  const termsOf = (list: { article_id: number; id: number; name: string; slug: string }[]) => {
    const byArticle = new Map<number, TermRef[]>();
    for (const t of list) {
      const terms = byArticle.get(t.article_id) ?? [];
      terms.push({ id: t.id, name: t.name, slug: t.slug });
      byArticle.set(t.article_id, terms);
    }
    return byArticle;
  };
  const categoriesOf = termsOf(categories);
  const tagsOf = termsOf(tags);
  const byId = new Map(
    rows.map((r): [number, FeedArticle] => [
      r.id,
      {
        id: r.id,
        siteId: r.site_id,
        type: r.type as ArticleType,
        slug: r.slug,
        title: r.title,
        lead: r.lead,
        body: r.body,
        byline: r.byline,
        sourceName: r.source_org_name ?? r.source_name,
        sourceUrl: r.source_url,
        publishedAt: r.published_at!,
        publishedPrecision: r.published_precision as PublishedPrecision,
        updatedAt: r.updated_at,
        categories: categoriesOf.get(r.id) ?? [],
        tags: tagsOf.get(r.id) ?? [],
        cover:
          r.media_key != null
            ? { storageKey: r.media_key, mimeType: r.media_mime_type!, bytes: Number(r.media_bytes ?? 0), variants: parseVariants(r.media_variants) }
            : null,
      },
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((a): a is FeedArticle => a !== undefined);
}
