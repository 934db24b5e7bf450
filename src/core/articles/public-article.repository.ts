/**
 * Read side of articles for the public: every query here goes through the one visibility
 * rule ({@link publiclyVisible}) and is scoped by site. Rows in, domain objects out. Two
 * companions of the article page follow it too: correction notes are read only for an article
 * found visible, and a withdrawn article's notice only for one that was visible when withdrawn.
 * Ordering is `published_at desc, id desc` everywhere, so pages are stable.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ArticleType, PublishedPrecision } from './article.ts';
import { isPubliclyVisible, publiclyVisible } from './visibility.ts';

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
  return articleSummarySelection(db).where(publiclyVisible(now));
}

/**
 * The columns of an article summary (with its primary category and cover), with no visibility
 * rule: public lists add `publiclyVisible(now)` ({@link summaryQuery}); the preview of an
 * unpublished article (core/previews) reads through it too. Turn rows into summaries with
 * {@link toArticleSummary}.
 */
export function articleSummarySelection(db: Kysely<Database>) {
  return db
    .selectFrom('articles')
    .leftJoin('categories', 'categories.id', 'articles.primary_category_id')
    .leftJoin('media', 'media.id', 'articles.cover_media_id')
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

type SummaryRow = Awaited<ReturnType<ReturnType<typeof articleSummarySelection>['executeTakeFirstOrThrow']>>;

/** An article summary from a row of {@link articleSummarySelection} (its `published_at` set). */
export function toArticleSummary(r: SummaryRow): ArticleSummary {
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
  return rows.map(toArticleSummary);
}

/**
 * Latest visible articles across the whole network, with their site's id (for the root page).
 * Syndicated copies that follow their original are left out: the original is listed once, not
 * once per site that carries it.
 */
export async function listNetworkLatestArticles(db: Kysely<Database>, now: Date, limit: number): Promise<ArticleSummary[]> {
  const rows = await summaryQuery(db, now)
    .where('articles.follows_origin', '=', 0)
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 100))
    .execute();
  return rows.map(toArticleSummary);
}

/** Articles chosen by membership: in any of these categories, or with this tag. */
type Membership = { categoryIds: number[] } | { tagIds: number[] };

/**
 * The visible articles of a site that belong to a membership, as a query over `m` (the
 * distinct member article ids) cross-joined with `articles`. Starting from the membership
 * table makes the cost follow the size of the category or tag, not of the site; CROSS JOIN
 * keeps SQLite from reordering the join (on PostgreSQL it is an ordinary join).
 */
function membersQuery(db: Kysely<Database>, siteId: number, now: Date, membership: Membership) {
  return db
    .selectFrom((eb) => {
      if ('categoryIds' in membership) {
        const ids = membership.categoryIds.length ? membership.categoryIds : [-1];
        return eb.selectFrom('article_categories').select('article_categories.article_id').distinct().where('article_categories.category_id', 'in', ids).as('m');
      }
      const ids = membership.tagIds.length ? membership.tagIds : [-1];
      return eb.selectFrom('article_tags').select('article_tags.article_id').distinct().where('article_tags.tag_id', 'in', ids).as('m');
    })
    .crossJoin('articles')
    .whereRef('articles.id', '=', 'm.article_id')
    .where('articles.site_id', '=', siteId)
    .where(publiclyVisible(now));
}

/**
 * Loads the summaries of these article ids, in the order given, through the visibility rule (an
 * id the public may not see at `now` is left out). Shared with the content API repository.
 */
export async function summariesInOrder(db: Kysely<Database>, now: Date, ids: number[]): Promise<ArticleSummary[]> {
  if (!ids.length) return [];
  const rows = await summaryQuery(db, now).where('articles.id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, toArticleSummary(r)]));
  return ids.map((id) => byId.get(id)).filter((a): a is ArticleSummary => a !== undefined);
}

/** One page of the visible articles of a membership, newest first, with the total count. */
async function pageOf(
  db: Kysely<Database>,
  now: Date,
  siteId: number,
  membership: Membership,
  page: number,
  perPage: number,
): Promise<ArticlePage> {
  page = clampPage(page);
  const countRow = await membersQuery(db, siteId, now, membership)
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(countRow.n);
  const idRows = await membersQuery(db, siteId, now, membership)
    .select('articles.id')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(perPage)
    .offset((page - 1) * perPage)
    .execute();
  const items = await summariesInOrder(db, now, idRows.map((r) => r.id));
  return { items, total, page, perPage, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/**
 * The latest visible articles in any of these categories (e.g. a category and its
 * sub-categories), newest first, without counting them — for home page blocks.
 * @param limit at most this many (1–100).
 */
export async function listLatestInCategories(
  db: Kysely<Database>,
  siteId: number,
  categoryIds: number[],
  now: Date,
  limit: number,
): Promise<ArticleSummary[]> {
  const rows = await membersQuery(db, siteId, now, { categoryIds })
    .select('articles.id')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(Math.min(Math.max(limit, 1), 100))
    .execute();
  return summariesInOrder(db, now, rows.map((r) => r.id));
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
  return pageOf(db, now, siteId, { tagIds: [tagId] }, page, perPage);
}

/**
 * An article's categories (in menu order) and tags (by name), as article pages show them.
 * Reads no visibility: callers decide whether the article may be shown.
 */
export async function articleTermsOf(
  db: Kysely<Database>,
  articleId: number,
): Promise<{ categories: { id: number; name: string; slug: string }[]; tags: { id: number; name: string; slug: string }[] }> {
  const [categories, tags] = await Promise.all([
    db
      .selectFrom('article_categories')
      .innerJoin('categories', 'categories.id', 'article_categories.category_id')
      .where('article_categories.article_id', '=', articleId)
      .select(['categories.id', 'categories.name', 'categories.slug'])
      .orderBy('categories.position')
      .execute(),
    db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .where('article_tags.article_id', '=', articleId)
      .select(['tags.id', 'tags.name', 'tags.slug'])
      .orderBy('tags.name')
      .execute(),
  ]);
  return { categories, tags };
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
  const { categories, tags } = await articleTermsOf(db, row.id);
  return {
    ...toArticleSummary(row),
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
  const ids: number[] = [];
  const memberships: Membership[] = [];
  if (article.tags.length) memberships.push({ tagIds: article.tags.map((t) => t.id) });
  if (article.categories.length) memberships.push({ categoryIds: article.categories.map((c) => c.id) });
  for (const membership of memberships) {
    if (ids.length >= limit) break;
    const rows = await membersQuery(db, siteId, now, membership)
      .select('articles.id')
      .where('articles.id', 'not in', [article.id, ...ids])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit - ids.length)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return summariesInOrder(db, now, ids);
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

/**
 * The category tree for a site's menu: only categories with at least one visible article
 * (in themselves or a sub-category), so readers are not sent to empty sections. A category
 * page itself still answers for an empty category. One `LIMIT 1` probe per category.
 */
export async function listMenuCategoryTree(db: Kysely<Database>, siteId: number, now: Date, tree?: CategoryNode[]): Promise<CategoryNode[]> {
  const full = tree ?? (await listCategoryTree(db, siteId));
  const prune = async (nodes: CategoryNode[]): Promise<CategoryNode[]> => {
    const kept: CategoryNode[] = [];
    for (const node of nodes) {
      const children = await prune(node.children);
      const own = await membersQuery(db, siteId, now, { categoryIds: [node.id] }).select('articles.id').limit(1).executeTakeFirst();
      if (own || children.length) kept.push({ ...node, children });
    }
    return kept;
  };
  return prune(full);
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

/** A correction (đính chính) as readers see it: a dated public note on the article. */
export interface PublicCorrection {
  note: string;
  /** When the correction was made: ISO 8601 UTC instant. */
  createdAt: string;
  /** The article revision the correction produced. */
  revision: number;
}

/**
 * The correction notes of an article, oldest first, as of `now` (a note dated later than the
 * clock is not shown yet). Call only for an article the public may see (found through
 * {@link findPublicArticleBySlug}): this query does not apply the visibility rule itself.
 * Source: DESIGN.md §2.1 ("a correction carries a public note shown on the page with its time").
 */
export async function listPublicCorrections(db: Kysely<Database>, articleId: number, now: Date): Promise<PublicCorrection[]> {
  const rows = await db
    .selectFrom('article_corrections')
    .select(['note', 'created_at', 'revision'])
    .where('article_id', '=', articleId)
    .where('created_at', '<=', now.toISOString())
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ note: r.note, createdAt: r.created_at, revision: r.revision }));
}

/** What the public may know about a withdrawn article: the notice, never the content. */
export interface WithdrawnArticleNotice {
  id: number;
  slug: string;
  title: string;
  /** When it was withdrawn (ISO 8601 UTC), null for rows withdrawn before this was recorded. */
  withdrawnAt: string | null;
  reason: string | null;
  /** Where readers are sent instead of the notice, as stored (the route checks it). */
  redirectUrl: string | null;
}

/**
 * The withdrawal notice of a withdrawn article with this slug on this site, or null.
 *
 * Only an article that the public could once see gets a notice: the visibility rule
 * ({@link isPubliclyVisible}) must have held for it as published at the moment it was
 * withdrawn (or now, if that is earlier). An article withdrawn before its embargo ended, or
 * never published, stays "not found", so a withdrawal never reveals what was not yet public.
 */
export async function findWithdrawnArticleBySlug(db: Kysely<Database>, siteId: number, slug: string, now: Date): Promise<WithdrawnArticleNotice | null> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'published_at', 'withdrawn_at', 'withdrawal_reason', 'withdrawal_redirect_url'])
    .where('site_id', '=', siteId)
    .where('slug', '=', slug)
    .where('state', '=', 'withdrawn')
    .executeTakeFirst();
  if (!row) return null;
  const withdrawnAt = row.withdrawn_at ? new Date(row.withdrawn_at) : null;
  const lastPublicMoment = withdrawnAt && !Number.isNaN(withdrawnAt.getTime()) && withdrawnAt < now ? withdrawnAt : now;
  if (!isPubliclyVisible({ state: 'published', publishedAt: row.published_at }, lastPublicMoment)) return null;
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    withdrawnAt: row.withdrawn_at,
    reason: row.withdrawal_reason,
    redirectUrl: row.withdrawal_redirect_url,
  };
}
