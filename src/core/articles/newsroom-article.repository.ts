/**
 * All SQL for articles as the newsroom sees them (every state, not only public ones). Every
 * function takes the site id or loads it, so no query forgets its site. Rows in, domain
 * objects out. Public reading lives in public-article.repository.ts (the visibility rule).
 */
import { sql, type Kysely } from 'kysely';
import type { ArticleRowUpdate, Database } from '../db/database.ts';
import type { ArticleState, ArticleType, PublishedPrecision } from './article.ts';
import type { articleListScope } from '../policy/policy.ts';

/** An article with everything an editor works on. Instants are ISO UTC strings. */
export interface NewsroomArticle {
  id: number;
  siteId: number;
  type: ArticleType;
  state: ArticleState;
  title: string;
  lead: string | null;
  body: string;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  sourceOrganisationId: number | null;
  slug: string;
  primaryCategoryId: number | null;
  categoryIds: number[];
  tagNames: string[];
  coverMediaId: number | null;
  coverAlt: string | null;
  coverCaption: string | null;
  featured: boolean;
  publishedAt: string | null;
  publishedPrecision: PublishedPrecision;
  revision: number;
  authorUserId: number | null;
  authorName: string | null;
  assigneeUserId: number | null;
  assigneeName: string | null;
  withdrawalReason: string | null;
  withdrawnAt: string | null;
  withdrawalRedirectUrl: string | null;
  scheduleError: string | null;
  stateChangedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** For a syndicated copy or a proposal: the original article, its site and slug; null otherwise. */
  origin: { articleId: number; siteId: number; slug: string } | null;
  /** True while a syndicated copy follows its original: its text changes only through it (policy). */
  followsOrigin: boolean;
}

/** One workflow event as editors (and the author) see it. */
export interface ArticleEvent {
  id: number;
  action: string;
  fromState: ArticleState;
  toState: ArticleState;
  actorUserId: number | null;
  actorLabel: string;
  reason: string | null;
  details: Record<string, unknown>;
  at: string;
}

type Db = Kysely<Database>;

function baseQuery(db: Db) {
  return db
    .selectFrom('articles')
    .leftJoin('users as author', 'author.id', 'articles.author_user_id')
    .leftJoin('users as assignee', 'assignee.id', 'articles.assignee_user_id')
    .leftJoin('articles as origin', 'origin.id', 'articles.origin_article_id')
    .selectAll('articles')
    .select(['author.display_name as author_name', 'assignee.display_name as assignee_name', 'origin.site_id as origin_site_id', 'origin.slug as origin_slug']);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toArticle(row: BaseRow, categoryIds: number[], tagNames: string[]): NewsroomArticle {
  return {
    id: row.id,
    siteId: row.site_id,
    type: row.type as ArticleType,
    state: row.state as ArticleState,
    title: row.title,
    lead: row.lead,
    body: row.body,
    byline: row.byline,
    sourceName: row.source_name,
    sourceUrl: row.source_url,
    sourceOrganisationId: row.source_organisation_id,
    slug: row.slug,
    primaryCategoryId: row.primary_category_id,
    categoryIds,
    tagNames,
    coverMediaId: row.cover_media_id,
    coverAlt: row.cover_alt,
    coverCaption: row.cover_caption,
    featured: row.featured === 1,
    publishedAt: row.published_at,
    publishedPrecision: row.published_precision as PublishedPrecision,
    revision: row.revision,
    authorUserId: row.author_user_id,
    authorName: row.author_name,
    assigneeUserId: row.assignee_user_id,
    assigneeName: row.assignee_name,
    withdrawalReason: row.withdrawal_reason,
    withdrawnAt: row.withdrawn_at,
    withdrawalRedirectUrl: row.withdrawal_redirect_url,
    scheduleError: row.schedule_error,
    stateChangedAt: row.state_changed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    origin: row.origin_article_id !== null && row.origin_site_id !== null ? { articleId: row.origin_article_id, siteId: row.origin_site_id, slug: row.origin_slug! } : null,
    followsOrigin: row.follows_origin === 1,
  };
}

/**
 * Loads one article with its categories (primary first) and tag names.
 * @param forUpdate inside a transaction on PostgreSQL, lock the row until commit so that two
 *   writers are serialised (SQLite serialises writers itself).
 * @returns undefined when there is no such article.
 */
export async function findNewsroomArticle(db: Db, id: number, options: { forUpdate?: boolean } = {}): Promise<NewsroomArticle | undefined> {
  let query = baseQuery(db).where('articles.id', '=', id);
  if (options.forUpdate && db.getExecutor().adapter.constructor.name === 'PostgresAdapter') query = query.forUpdate('articles');
  const row = await query.executeTakeFirst();
  if (!row) return undefined;
  const categories = await db.selectFrom('article_categories').select('category_id').where('article_id', '=', id).orderBy('category_id').execute();
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select('tags.name')
    .where('article_tags.article_id', '=', id)
    .orderBy('tags.name')
    .execute();
  const ids = categories.map((c) => c.category_id);
  const primary = row.primary_category_id;
  const ordered = primary !== null && ids.includes(primary) ? [primary, ...ids.filter((c) => c !== primary)] : ids;
  return toArticle(row, ordered, tags.map((t) => t.name));
}

/** Whether a slug is already used by an article of the site. */
export async function isSlugTaken(db: Db, siteId: number, slug: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/** Of `categoryIds`, those that are not categories of `siteId` (to refuse them). */
export async function foreignCategoryIds(db: Db, siteId: number, categoryIds: number[]): Promise<number[]> {
  if (categoryIds.length === 0) return [];
  const rows = await db.selectFrom('categories').select('id').where('site_id', '=', siteId).where('id', 'in', categoryIds).execute();
  const own = new Set(rows.map((r) => r.id));
  return categoryIds.filter((id) => !own.has(id));
}

/** Whether a media item belongs to the site. */
export async function isSiteMedia(db: Db, siteId: number, mediaId: number): Promise<boolean> {
  const row = await db.selectFrom('media').select('id').where('site_id', '=', siteId).where('id', '=', mediaId).executeTakeFirst();
  return row !== undefined;
}

/** Whether an organisation exists. */
export async function organisationExists(db: Db, organisationId: number): Promise<boolean> {
  const row = await db.selectFrom('organisations').select('id').where('id', '=', organisationId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Applies a change to an article only if it is still at `expected.revision` (and, when given,
 * in `expected.state`): the optimistic check that makes lost updates impossible.
 * @returns true when the row was updated, false when someone else changed it first.
 */
export async function updateArticleIf(db: Db, id: number, expected: { revision: number; state?: ArticleState }, changes: ArticleRowUpdate): Promise<boolean> {
  let query = db.updateTable('articles').set(changes).where('id', '=', id).where('revision', '=', expected.revision);
  if (expected.state) query = query.where('state', '=', expected.state);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Records one workflow event.
 * @returns the event id.
 */
export async function insertArticleEvent(
  db: Db,
  event: { articleId: number; siteId: number; action: string; fromState: ArticleState; toState: ArticleState; actorUserId: number | null; actorLabel: string; reason: string | null; details?: Record<string, unknown>; at: string },
): Promise<number> {
  const row = await db
    .insertInto('article_events')
    .values({
      article_id: event.articleId,
      site_id: event.siteId,
      action: event.action,
      from_state: event.fromState,
      to_state: event.toState,
      actor_user_id: event.actorUserId,
      actor_label: event.actorLabel,
      reason: event.reason,
      details: JSON.stringify(event.details ?? {}),
      at: event.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The workflow events of an article, oldest first. */
export async function listArticleEvents(db: Db, articleId: number): Promise<ArticleEvent[]> {
  const rows = await db.selectFrom('article_events').selectAll().where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromState: r.from_state as ArticleState,
    toState: r.to_state as ArticleState,
    actorUserId: r.actor_user_id,
    actorLabel: r.actor_label,
    reason: r.reason,
    details: JSON.parse(r.details) as Record<string, unknown>,
    at: r.at,
  }));
}

/** The public corrections of an article, oldest first. */
export async function listArticleCorrections(db: Db, articleId: number): Promise<{ id: number; note: string; revision: number; createdAt: string }[]> {
  const rows = await db.selectFrom('article_corrections').select(['id', 'note', 'revision', 'created_at']).where('article_id', '=', articleId).orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, note: r.note, revision: r.revision, createdAt: r.created_at }));
}

/** Filters of the newsroom's article lists. */
export interface NewsroomListFilters {
  state?: ArticleState | undefined;
  type?: ArticleType | undefined;
  authorUserId?: number | undefined;
  categoryId?: number | undefined;
  organisationId?: number | undefined;
  /** Title contains (case- and diacritic-sensitive substring; search proper is its own issue). */
  titleContains?: string | undefined;
  /** Updated at or after / before (ISO UTC). */
  updatedFrom?: string | undefined;
  updatedTo?: string | undefined;
}

/** One row of a newsroom list. */
export interface NewsroomListItem {
  id: number;
  siteId: number;
  type: ArticleType;
  state: ArticleState;
  title: string;
  slug: string;
  authorUserId: number | null;
  authorName: string | null;
  assigneeUserId: number | null;
  publishedAt: string | null;
  revision: number;
  scheduleError: string | null;
  updatedAt: string;
  /** True for a syndicated copy that follows its original (see {@link NewsroomArticle.followsOrigin}). */
  followsOrigin: boolean;
}

/**
 * Lists a site's articles for the newsroom, newest change first, within the policy's list
 * scope (other people's drafts are never listed; contributors see their own and published
 * items), with counts per state under the same scope so queues and counts agree.
 * @param page 1-based; `pageSize` rows per page (max 100).
 */
export async function listNewsroomArticles(
  db: Db,
  siteId: number,
  scope: ReturnType<typeof articleListScope>,
  filters: NewsroomListFilters,
  page: number,
  pageSize: number,
): Promise<{ items: NewsroomListItem[]; total: number; countsByState: Partial<Record<ArticleState, number>> }> {
  if (scope.kind === 'none') return { items: [], total: 0, countsByState: {} };
  const scoped = db
    .selectFrom('articles')
    .where('articles.site_id', '=', siteId)
    .where((eb) => {
      if (scope.kind === 'everything') return eb.lit(true);
      const own = scope.userId === null ? eb.lit(false) : eb('articles.author_user_id', '=', scope.userId);
      if (scope.kind === 'all') return eb.or([eb('articles.state', '!=', 'draft'), own]);
      return eb.or([eb('articles.state', '=', 'published'), own]);
    });
  const counts = await scoped.select(['articles.state', (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy('articles.state').execute();
  let filtered = scoped;
  if (filters.state) filtered = filtered.where('articles.state', '=', filters.state);
  if (filters.type) filtered = filtered.where('articles.type', '=', filters.type);
  if (filters.authorUserId) filtered = filtered.where('articles.author_user_id', '=', filters.authorUserId);
  if (filters.organisationId) filtered = filtered.where('articles.source_organisation_id', '=', filters.organisationId);
  if (filters.categoryId) {
    const categoryId = filters.categoryId;
    filtered = filtered.where((eb) => eb.exists(eb.selectFrom('article_categories').select('article_id').whereRef('article_categories.article_id', '=', 'articles.id').where('article_categories.category_id', '=', categoryId)));
  }
  if (filters.titleContains) filtered = filtered.where(sql<boolean>`lower(articles.title) like ${'%' + filters.titleContains.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c) + '%'} escape '\\'`);
  if (filters.updatedFrom) filtered = filtered.where('articles.updated_at', '>=', filters.updatedFrom);
  if (filters.updatedTo) filtered = filtered.where('articles.updated_at', '<', filters.updatedTo);
  const totalRow = await filtered.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst();
  const rows = await filtered
    .leftJoin('users as author', 'author.id', 'articles.author_user_id')
    .select([
      'articles.id',
      'articles.site_id',
      'articles.type',
      'articles.state',
      'articles.title',
      'articles.slug',
      'articles.author_user_id',
      'author.display_name as author_name',
      'articles.assignee_user_id',
      'articles.published_at',
      'articles.revision',
      'articles.schedule_error',
      'articles.updated_at',
      'articles.follows_origin',
    ])
    .orderBy('articles.updated_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      siteId: r.site_id,
      type: r.type as ArticleType,
      state: r.state as ArticleState,
      title: r.title,
      slug: r.slug,
      authorUserId: r.author_user_id,
      authorName: r.author_name,
      assigneeUserId: r.assignee_user_id,
      publishedAt: r.published_at,
      revision: r.revision,
      scheduleError: r.schedule_error,
      updatedAt: r.updated_at,
      followsOrigin: Number(r.follows_origin) === 1,
    })),
    total: Number(totalRow?.n ?? 0),
    countsByState: Object.fromEntries(counts.map((c) => [c.state, Number(c.n)])),
  };
}
