/**
 * All SQL of the newsroom dashboard and of the queue filters' choices: counts per state,
 * overdue and today's scheduled items, recent workflow events, the person's own items that
 * need them, the site's writers and the organisations. Every article query takes the site id
 * and the policy's list scope (policy.ts `articleListScope`), so nobody sees through the
 * dashboard what the queues would not show them.
 */
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ArticleState, ArticleType } from '../articles/article.ts';
import type { articleListScope } from '../policy/policy.ts';

type Db = Kysely<Database>;

/** The list constraint of policy.ts `articleListScope`. */
export type ArticleListScope = ReturnType<typeof articleListScope>;

/**
 * The scope as a where-condition on `articles` (the same rule as the queues in
 * newsroom-article.repository.ts `listNewsroomArticles`): `all` hides other people's drafts,
 * `own_or_published` shows the person's own items and published ones, `none` shows nothing.
 */
function inScope(scope: ArticleListScope) {
  return (eb: ExpressionBuilder<Database, 'articles'>) => {
    if (scope.kind === 'everything') return eb.lit(true);
    if (scope.kind === 'none') return eb.lit(false);
    const own = scope.userId === null ? eb.lit(false) : eb('articles.author_user_id', '=', scope.userId);
    if (scope.kind === 'all') return eb.or([eb('articles.state', '!=', 'draft'), own]);
    return eb.or([eb('articles.state', '=', 'published'), own]);
  };
}

/** Number of the site's articles in each state, within the scope (states with none are absent). */
export async function countArticlesByState(db: Db, siteId: number, scope: ArticleListScope): Promise<Partial<Record<ArticleState, number>>> {
  if (scope.kind === 'none') return {};
  const rows = await db
    .selectFrom('articles')
    .select(['articles.state', (eb) => eb.fn.countAll<string | number>().as('n')])
    .where('articles.site_id', '=', siteId)
    .where(inScope(scope))
    .groupBy('articles.state')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
}

/** A scheduled article on the dashboard. Instants are ISO UTC. */
export interface ScheduledItem {
  id: number;
  title: string;
  type: ArticleType;
  authorName: string | null;
  scheduledFor: string;
  /** The scheduler's last failure on it, or null. */
  error: string | null;
}

function scheduledQuery(db: Db, siteId: number, scope: ArticleListScope) {
  return db
    .selectFrom('articles')
    .leftJoin('users as author', 'author.id', 'articles.author_user_id')
    .select(['articles.id', 'articles.title', 'articles.type', 'articles.published_at', 'articles.schedule_error', 'author.display_name as author_name'])
    .where('articles.site_id', '=', siteId)
    .where('articles.state', '=', 'scheduled')
    .where(inScope(scope));
}

function toScheduled(r: { id: number; title: string; type: string; published_at: string | null; schedule_error: string | null; author_name: string | null }): ScheduledItem {
  return { id: r.id, title: r.title, type: r.type as ArticleType, authorName: r.author_name, scheduledFor: r.published_at ?? '', error: r.schedule_error };
}

/**
 * Scheduled articles still not published although their time passed more than `lateAfterMs`
 * ago, or on which the scheduler failed (the rule of scheduler.ts `listScheduleProblems`),
 * oldest due first, at most `limit`.
 */
export async function listOverdueScheduled(db: Db, siteId: number, scope: ArticleListScope, now: Date, lateAfterMs: number, limit: number): Promise<ScheduledItem[]> {
  if (scope.kind === 'none') return [];
  const rows = await scheduledQuery(db, siteId, scope)
    .where((eb) => eb.or([eb('articles.published_at', '<=', new Date(now.getTime() - lateAfterMs).toISOString()), eb('articles.schedule_error', 'is not', null)]))
    .orderBy('articles.published_at')
    .orderBy('articles.id')
    .limit(limit)
    .execute();
  return rows.map(toScheduled);
}

/** Scheduled articles whose time lies in [from, to) (ISO UTC), soonest first, at most `limit`. */
export async function listScheduledBetween(db: Db, siteId: number, scope: ArticleListScope, from: string, to: string, limit: number): Promise<ScheduledItem[]> {
  if (scope.kind === 'none') return [];
  const rows = await scheduledQuery(db, siteId, scope).where('articles.published_at', '>=', from).where('articles.published_at', '<', to).orderBy('articles.published_at').orderBy('articles.id').limit(limit).execute();
  return rows.map(toScheduled);
}

/** One workflow event on the dashboard. */
export interface ActivityItem {
  id: number;
  articleId: number;
  articleTitle: string;
  /** The article's state now. */
  articleState: ArticleState;
  /** The transition: `submit`, `return`, `approve`, `publish_scheduled`… */
  action: string;
  fromState: ArticleState;
  toState: ArticleState;
  actorLabel: string;
  reason: string | null;
  at: string;
}

/** The latest workflow events on the site's articles within the scope, newest first. */
export async function listRecentActivity(db: Db, siteId: number, scope: ArticleListScope, limit: number): Promise<ActivityItem[]> {
  if (scope.kind === 'none') return [];
  const rows = await db
    .selectFrom('article_events')
    .innerJoin('articles', 'articles.id', 'article_events.article_id')
    .select([
      'article_events.id',
      'article_events.article_id',
      'articles.title',
      'articles.state',
      'article_events.action',
      'article_events.from_state',
      'article_events.to_state',
      'article_events.actor_label',
      'article_events.reason',
      'article_events.at',
    ])
    .where('articles.site_id', '=', siteId)
    .where(inScope(scope))
    .orderBy('article_events.at', 'desc')
    .orderBy('article_events.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    articleId: r.article_id,
    articleTitle: r.title,
    articleState: r.state as ArticleState,
    action: r.action,
    fromState: r.from_state as ArticleState,
    toState: r.to_state as ArticleState,
    actorLabel: r.actor_label,
    reason: r.reason,
    at: r.at,
  }));
}

/** One of the person's own articles that waits for them. */
export interface OwnItem {
  id: number;
  title: string;
  state: ArticleState;
  updatedAt: string;
}

/** The person's own articles on the site in the given states, latest change first, at most `limit`. */
export async function listOwnInStates(db: Db, siteId: number, userId: number, states: readonly ArticleState[], limit: number): Promise<OwnItem[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'state', 'updated_at'])
    .where('site_id', '=', siteId)
    .where('author_user_id', '=', userId)
    .where('state', 'in', [...states])
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, state: r.state as ArticleState, updatedAt: r.updated_at }));
}

/** The latest event with a reason of an article (a return, rejection, withdrawal…). */
export interface LastReason {
  articleId: number;
  action: string;
  reason: string;
  by: string;
  at: string;
}

/**
 * For each of `articleIds` on the site and within the scope, its latest event that carries a
 * reason (articles with none, of another site or out of scope are absent).
 */
export async function listLastReasons(db: Db, siteId: number, scope: ArticleListScope, articleIds: readonly number[]): Promise<LastReason[]> {
  if (scope.kind === 'none' || articleIds.length === 0) return [];
  const rows = await db
    .selectFrom('article_events')
    .innerJoin('articles', 'articles.id', 'article_events.article_id')
    .select(['article_events.id', 'article_events.article_id', 'article_events.action', 'article_events.reason', 'article_events.actor_label', 'article_events.at'])
    .where('articles.site_id', '=', siteId)
    .where('articles.id', 'in', [...articleIds])
    .where(inScope(scope))
    .where('article_events.reason', 'is not', null)
    .orderBy('article_events.id', 'desc')
    .execute();
  const latest = new Map<number, LastReason>();
  for (const r of rows) {
    if (!latest.has(r.article_id)) latest.set(r.article_id, { articleId: r.article_id, action: r.action, reason: r.reason!, by: r.actor_label, at: r.at });
  }
  return [...latest.values()];
}

/** Category ids of each of `articleIds` on the site and within the scope (primary first), by article id. */
export async function listCategoryIdsOf(db: Db, siteId: number, scope: ArticleListScope, articleIds: readonly number[]): Promise<Map<number, number[]>> {
  const result = new Map<number, number[]>();
  if (scope.kind === 'none' || articleIds.length === 0) return result;
  const articles = await db.selectFrom('articles').select(['articles.id', 'articles.primary_category_id']).where('articles.site_id', '=', siteId).where('articles.id', 'in', [...articleIds]).where(inScope(scope)).execute();
  if (articles.length === 0) return result;
  const links = await db
    .selectFrom('article_categories')
    .select(['article_id', 'category_id'])
    .where('article_id', 'in', articles.map((a) => a.id))
    .orderBy('article_id')
    .orderBy('category_id')
    .execute();
  for (const a of articles) {
    const ids = links.filter((l) => l.article_id === a.id).map((l) => l.category_id);
    const primary = a.primary_category_id;
    result.set(a.id, primary !== null && ids.includes(primary) ? [primary, ...ids.filter((c) => c !== primary)] : ids);
  }
  return result;
}

/** A person who may write on the site, for the author filter. */
export interface SiteWriter {
  id: number;
  displayName: string;
  /** `active` | `disabled`: disabled people stay listed, their articles remain. */
  status: string;
}

/** People holding one of `roles` on the site itself (not network-wide grants), by name. */
export async function listSiteMembersWithRoles(db: Db, siteId: number, roles: readonly string[]): Promise<SiteWriter[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.display_name', 'users.status'])
    .distinct()
    .where('memberships.site_id', '=', siteId)
    .where('memberships.role', 'in', [...roles])
    .execute();
  return rows.map((r) => ({ id: r.id, displayName: r.display_name, status: r.status }));
}

/** An organisation, for the organisation filter. */
export interface OrganisationChoice {
  id: number;
  name: string;
  shortName: string | null;
}

/** Every organisation. */
export async function listOrganisationChoices(db: Db): Promise<OrganisationChoice[]> {
  const rows = await db.selectFrom('organisations').select(['id', 'name', 'short_name']).execute();
  return rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name }));
}
