/**
 * Read side of articles for the public: every query here goes through the one visibility
 * rule ({@link publiclyVisible}) and is scoped by site. Rows in, domain objects out.
 * Ordering is `published_at desc, id desc` everywhere, so pages are stable.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ArticleType, PublishedPrecision } from './article.ts';
import { publiclyVisible } from './visibility.ts';

/** A responsive variant of an image (see core/media). */
export interface ImageVariant {
  width: number;
  height: number;
  format: 'webp' | 'jpeg';
  key: string;
  bytes?: number;
}

/** An article's cover image as pages need it. */
export interface CoverImage {
  mediaId: number;
  storageKey: string;
  width: number;
  height: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  variants: ImageVariant[];
}

/** What a list of articles shows. */
export interface ArticleSummary {
  id: number;
  siteId: number;
  type: ArticleType;
  title: string;
  lead: string | null;
  slug: string;
  publishedAt: string;
  publishedPrecision: PublishedPrecision;
  featured: boolean;
  categoryName: string | null;
  categorySlug: string | null;
  cover: CoverImage | null;
}

/** A category or tag reference. */
export interface TermRef {
  id: number;
  name: string;
  slug: string;
}

/** Everything the article page shows. */
export interface PublicArticle extends ArticleSummary {
  body: string;
  byline: string | null;
  sourceName: string | null;
  sourceOrganisationName: string | null;
  sourceUrl: string | null;
  revision: number;
  updatedAt: string;
  categories: TermRef[];
  tags: TermRef[];
}

/** A category with its children, for menus. */
export interface CategoryNode extends TermRef {
  parentId: number | null;
  description: string | null;
  position: number;
  children: CategoryNode[];
}

/** One page of a list plus the total count (for pagination). */
export interface ArticlePage {
  items: ArticleSummary[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
}

function parseVariants(json: string | null): ImageVariant[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as ImageVariant[]) : [];
  } catch {
    return [];
  }
}

function summaryQuery(db: Kysely<Database>, now: Date) {
  return db
    .selectFrom('articles')
    .leftJoin('categories', 'categories.id', 'articles.primary_category_id')
    .leftJoin('media', 'media.id', 'articles.cover_media_id')
    .where(publiclyVisible(now))
    .select([
      'articles.id',
      'articles.site_id',
      'articles.type',
      'articles.title',
      'articles.lead',
      'articles.slug',
      'articles.published_at',
      'articles.published_precision',
      'articles.featured',
      'articles.cover_alt',
      'articles.cover_caption',
      'categories.name as category_name',
      'categories.slug as category_slug',
      'media.id as media_id',
      'media.storage_key as media_key',
      'media.width as media_width',
      'media.height as media_height',
      'media.alt as media_alt',
      'media.caption as media_caption',
      'media.credit as media_credit',
      'media.variants as media_variants',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id,
    siteId: r.site_id,
    type: r.type as ArticleType,
    title: r.title,
    lead: r.lead,
    slug: r.slug,
    publishedAt: r.published_at!,
    publishedPrecision: r.published_precision as PublishedPrecision,
    featured: Number(r.featured) === 1,
    categoryName: r.category_name,
    categorySlug: r.category_slug,
    cover:
      r.media_id != null
        ? {
            mediaId: r.media_id,
            storageKey: r.media_key!,
            width: r.media_width!,
            height: r.media_height!,
            alt: r.cover_alt ?? r.media_alt ?? '',
            caption: r.cover_caption ?? r.media_caption,
            credit: r.media_credit,
            variants: parseVariants(r.media_variants),
          }
        : null,
  };
}

function clampPage(page: number): number {
  return Number.isSafeInteger(page) && page >= 1 ? page : 1;
}

/**
 * Latest visible articles of a site, newest first.
 * @param options.limit at most this many (1–100); `excludeIds` are left out; `featuredOnly`.
 */
export async function listLatestArticles(
  db: Kysely<Database>,
  siteId: number,
  now: Date,
  options: { limit: number; excludeIds?: number[]; featuredOnly?: boolean; types?: ArticleType[] },
): Promise<ArticleSummary[]> {
  let q = summaryQuery(db, now).where('articles.site_id', '=', siteId);
  if (options.excludeIds?.length) q = q.where('articles.id', 'not in', options.excludeIds);
  if (options.featuredOnly) q = q.where('articles.featured', '=', 1);
  if (options.types?.length) q = q.where('articles.type', 'in', options.types);
  const rows = await q
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(Math.min(Math.max(options.limit, 1), 100))
    .execute();
  return rows.map(toSummary);
}

/** Latest visible articles across the whole network, with their site's id (for the root page). */
export async function listNetworkLatestArticles(db: Kysely<Database>, now: Date, limit: number): Promise<ArticleSummary[]> {
  const rows = await summaryQuery(db, now)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 100))
    .execute();
  return rows.map(toSummary);
}

async function pageOf(
  db: Kysely<Database>,
  now: Date,
  siteId: number,
  filter: { categoryIds?: number[]; tagId?: number },
  page: number,
  perPage: number,
): Promise<ArticlePage> {
  page = clampPage(page);
  const apply = <Q extends { where: any }>(q: Q): Q => {
    let out: any = q.where('articles.site_id', '=', siteId);
    if (filter.categoryIds) {
      const ids = filter.categoryIds.length ? filter.categoryIds : [-1];
      out = out.where((eb: any) =>
        eb.exists(
          eb
            .selectFrom('article_categories')
            .select(sql`1`.as('one'))
            .whereRef('article_categories.article_id', '=', 'articles.id')
            .where('article_categories.category_id', 'in', ids),
        ),
      );
    }
    if (filter.tagId !== undefined) {
      out = out.where((eb: any) =>
        eb.exists(
          eb
            .selectFrom('article_tags')
            .select(sql`1`.as('one'))
            .whereRef('article_tags.article_id', '=', 'articles.id')
            .where('article_tags.tag_id', '=', filter.tagId),
        ),
      );
    }
    return out as Q;
  };
  const countRow = await apply(db.selectFrom('articles').where(publiclyVisible(now)))
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const rows = await apply(summaryQuery(db, now))
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  return { items: rows.map(toSummary), total, page, perPage, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/**
 * One page of a category's visible articles, including those of its sub-categories.
 * @param page 1-based; out-of-range pages return no items (callers answer 404).
 */
export async function listCategoryArticles(
  db: Kysely<Database>,
  siteId: number,
  categoryIds: number[],
  now: Date,
  page: number,
  perPage = 20,
): Promise<ArticlePage> {
  return pageOf(db, now, siteId, { categoryIds }, page, perPage);
}

/** One page of a tag's visible articles on a site. */
export async function listTagArticles(
  db: Kysely<Database>,
  siteId: number,
  tagId: number,
  now: Date,
  page: number,
  perPage = 20,
): Promise<ArticlePage> {
  return pageOf(db, now, siteId, { tagId }, page, perPage);
}

/**
 * The visible article with this slug on this site, with categories, tags and cover; or null
 * when there is none or the public may not see it (the two answer the same).
 */
export async function findPublicArticleBySlug(
  db: Kysely<Database>,
  siteId: number,
  slug: string,
  now: Date,
): Promise<PublicArticle | null> {
  const row = await summaryQuery(db, now)
    .leftJoin('organisations', 'organisations.id', 'articles.source_organisation_id')
    .where('articles.site_id', '=', siteId)
    .where('articles.slug', '=', slug)
    .select([
      'articles.body',
      'articles.byline',
      'articles.source_name',
      'articles.source_url',
      'articles.revision',
      'articles.updated_at',
      'organisations.name as source_org_name',
    ])
    .executeTakeFirst();
  if (!row) return null;
  const [categories, tags] = await Promise.all([
    db
      .selectFrom('article_categories')
      .innerJoin('categories', 'categories.id', 'article_categories.category_id')
      .where('article_categories.article_id', '=', row.id)
      .select(['categories.id', 'categories.name', 'categories.slug'])
      .orderBy('categories.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .where('article_tags.article_id', '=', row.id)
      .select(['tags.id', 'tags.name', 'tags.slug'])
      .orderBy('tags.name')
      .execute(),
  ]);
  return {
    ...toSummary(row),
    body: row.body,
    byline: row.byline,
    sourceName: row.source_name,
    sourceOrganisationName: row.source_org_name,
    sourceUrl: row.source_url,
    revision: row.revision,
    updatedAt: row.updated_at,
    categories,
    tags,
  };
}

/**
 * Visible articles related to one article: sharing a tag first, then its categories, newest
 * first, never the article itself.
 */
export async function listRelatedArticles(
  db: Kysely<Database>,
  siteId: number,
  article: { id: number; tags: TermRef[]; categories: TermRef[] },
  now: Date,
  limit = 5,
): Promise<ArticleSummary[]> {
  const found: ArticleSummary[] = [];
  const seen = new Set<number>([article.id]);
  if (article.tags.length) {
    const rows = await summaryQuery(db, now)
      .where('articles.site_id', '=', siteId)
      .where('articles.id', '!=', article.id)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_tags')
            .select(sql`1`.as('one'))
            .whereRef('article_tags.article_id', '=', 'articles.id')
            .where('article_tags.tag_id', 'in', article.tags.map((t) => t.id)),
        ),
      )
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute();
    for (const r of rows) if (!seen.has(r.id)) (seen.add(r.id), found.push(toSummary(r)));
  }
  if (found.length < limit && article.categories.length) {
    const rows = await summaryQuery(db, now)
      .where('articles.site_id', '=', siteId)
      .where('articles.id', 'not in', [...seen])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('article_categories')
            .select(sql`1`.as('one'))
            .whereRef('article_categories.article_id', '=', 'articles.id')
            .where('article_categories.category_id', 'in', article.categories.map((c) => c.id)),
        ),
      )
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit - found.length)
      .execute();
    for (const r of rows) found.push(toSummary(r));
  }
  return found;
}

/** A site's categories as a tree, ordered by position then name. */
export async function listCategoryTree(db: Kysely<Database>, siteId: number): Promise<CategoryNode[]> {
  const rows = await db
    .selectFrom('categories')
    .select(['id', 'name', 'slug', 'parent_id', 'description', 'position'])
    .where('site_id', '=', siteId)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const nodes = new Map<number, CategoryNode>();
  for (const r of rows) {
    nodes.set(r.id, { id: r.id, name: r.name, slug: r.slug, parentId: r.parent_id, description: r.description, position: r.position, children: [] });
  }
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) {
    const parent = n.parentId !== null ? nodes.get(n.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
}

/** Finds a site's tag by slug, or null. */
export async function findTagBySlug(db: Kysely<Database>, siteId: number, slug: string): Promise<TermRef | null> {
  const row = await db.selectFrom('tags').select(['id', 'name', 'slug']).where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  return row ?? null;
}

/** Per site: how many articles are visible and when the latest was published (network root). */
export async function summariseSitesPublication(
  db: Kysely<Database>,
  now: Date,
): Promise<Map<number, { count: number; lastPublishedAt: string | null }>> {
  const rows = await db
    .selectFrom('articles')
    .where(publiclyVisible(now))
    .select((eb) => ['articles.site_id', eb.fn.countAll<string | number>().as('n'), eb.fn.max('articles.published_at').as('last')])
    .groupBy('articles.site_id')
    .execute();
  return new Map(rows.map((r) => [r.site_id, { count: Number(r.n), lastPublishedAt: (r.last as string | null) ?? null }]));
}
