/**
 * The newsroom dashboard of one site (issue "Newsroom web UI", item 9) and the choices of the
 * queue filters (item 2): read-only queries, so no audit entry and no transaction. What an
 * actor sees follows the policy's list scope (policy.ts `articleListScope`): editors see every
 * article except other people's drafts; contributors and focal points see their own and
 * published ones; people with no role on the site get "not found" (existence does not leak).
 */
import type { Core } from '../create-core.ts';
import { ARTICLE_STATES, type ArticleState } from '../articles/article.ts';
import { type Actor, rolesOn } from '../policy/actor.ts';
import type { Role } from '../policy/roles.ts';
import { articleListScope } from '../policy/policy.ts';
import { NotFoundError } from '../errors.ts';
import { toOffsetIso, vietnamMidnightInstant } from '../text/index.ts';
import { LATE_AFTER_MS } from '../workflow/scheduler.ts';
import {
  countArticlesByState,
  listCategoryIdsOf,
  listLastReasons,
  listOrganisationChoices,
  listOverdueScheduled,
  listOwnInStates,
  listRecentActivity,
  listScheduledBetween,
  listSiteMembersWithRoles,
  type ActivityItem,
  type LastReason,
  type OrganisationChoice,
  type OwnItem,
  type ScheduledItem,
  type SiteWriter,
} from './dashboard.repository.ts';
import { compareVietnamese } from '../text/index.ts';

type Deps = Pick<Core, 'db' | 'sites' | 'clock'>;

/** How many recent workflow events the dashboard shows. */
export const RECENT_ACTIVITY_LIMIT = 20;
/** How many items each other dashboard list shows at most. */
export const DASHBOARD_LIST_LIMIT = 20;

/** Roles whose holders write articles (policy.ts WRITERS): the author filter lists them. */
const WRITER_ROLES: readonly Role[] = ['contributor', 'focal_point', 'editor', 'chief_editor'];

/** The dashboard of one site for one actor. Instants are ISO UTC strings. */
export interface SiteDashboard {
  siteId: number;
  /** The actor's roles on the site. */
  roles: Role[];
  /** Which articles the figures cover: `all` (editors), `own_or_published` (writers), `none`. */
  scope: 'everything' | 'all' | 'own_or_published' | 'none';
  /** The Vietnam calendar day the dashboard is for: `date` YYYY-MM-DD, [from, to) as instants. */
  today: { date: string; from: string; to: string };
  /** Articles per state (every state present, 0 when none) and their total. */
  countsByState: Record<ArticleState, number>;
  total: number;
  /** Scheduled items past due and not published (or failed), oldest first. */
  overdue: ScheduledItem[];
  /** Scheduled items due today (Vietnam day), soonest first; may include overdue ones. */
  scheduledToday: ScheduledItem[];
  /** The actor's own items that wait for them: returned (with the reason) and drafts. */
  mine: { returned: (OwnItem & { lastReason: Omit<LastReason, 'articleId'> | null })[]; drafts: OwnItem[] };
  /** The latest workflow events on articles the actor may read, newest first. */
  recentActivity: ActivityItem[];
}

/**
 * Throws "not found" unless the site exists (and is not merged away) and the actor holds a
 * role on it (the system actor always may).
 * @throws NotFoundError naming `trang <id>`.
 */
function requireMember(deps: Deps, actor: Actor, siteId: number): void {
  const site = deps.sites.getById(siteId);
  if (!site || (actor.kind !== 'system' && rolesOn(actor, siteId).length === 0)) throw new NotFoundError(`trang ${siteId}`);
}

/**
 * The Vietnam calendar day containing `now`.
 * @returns `date` YYYY-MM-DD and its bounds [from, to) as ISO UTC instants (00:00 and the
 *   next 00:00 at UTC+7; Vietnam has no daylight saving, so every day is 24 h).
 */
export function vietnamDayOf(now: Date): { date: string; from: string; to: string } {
  const date = toOffsetIso(now).slice(0, 10);
  const from = vietnamMidnightInstant(date);
  return { date, from: from.toISOString(), to: new Date(from.getTime() + 24 * 3600 * 1000).toISOString() };
}

/**
 * Loads the dashboard of `siteId` for `actor`.
 * @throws NotFoundError when the site does not exist or the actor has no role on it.
 */
export async function loadSiteDashboard(deps: Deps, actor: Actor, siteId: number): Promise<SiteDashboard> {
  requireMember(deps, actor, siteId);
  const scope = articleListScope(actor, siteId);
  const now = deps.clock();
  const today = vietnamDayOf(now);
  const counts = await countArticlesByState(deps.db, siteId, scope);
  const countsByState = Object.fromEntries(ARTICLE_STATES.map((s) => [s, counts[s] ?? 0])) as Record<ArticleState, number>;
  const userId = actor.kind === 'member' ? actor.userId : null;
  const returned = userId === null ? [] : await listOwnInStates(deps.db, siteId, userId, ['returned'], DASHBOARD_LIST_LIMIT);
  const reasons = new Map((await listLastReasons(deps.db, siteId, scope, returned.map((r) => r.id))).map((r) => [r.articleId, r]));
  return {
    siteId,
    roles: rolesOn(actor, siteId),
    scope: scope.kind,
    today,
    countsByState,
    total: Object.values(countsByState).reduce((a, b) => a + b, 0),
    overdue: await listOverdueScheduled(deps.db, siteId, scope, now, LATE_AFTER_MS, DASHBOARD_LIST_LIMIT),
    scheduledToday: await listScheduledBetween(deps.db, siteId, scope, today.from, today.to, DASHBOARD_LIST_LIMIT),
    mine: {
      returned: returned.map((r) => {
        const reason = reasons.get(r.id);
        return { ...r, lastReason: reason ? { action: reason.action, reason: reason.reason, by: reason.by, at: reason.at } : null };
      }),
      drafts: userId === null ? [] : await listOwnInStates(deps.db, siteId, userId, ['draft'], DASHBOARD_LIST_LIMIT),
    },
    recentActivity: await listRecentActivity(deps.db, siteId, scope, RECENT_ACTIVITY_LIMIT),
  };
}

/**
 * The people who hold a writing role (contributor, focal point, editor, chief editor) on the
 * site itself, sorted by name in Vietnamese order, for the queue's author filter. Disabled
 * people stay listed (their articles remain).
 * @throws NotFoundError when the site does not exist or the actor has no role on it.
 */
export async function listSiteAuthors(deps: Deps, actor: Actor, siteId: number): Promise<SiteWriter[]> {
  requireMember(deps, actor, siteId);
  const people = await listSiteMembersWithRoles(deps.db, siteId, WRITER_ROLES);
  return people.sort((a, b) => compareVietnamese(a.displayName, b.displayName) || a.id - b.id);
}

/**
 * Every organisation (id, name, short name), sorted by name in Vietnamese order, for the
 * queue's organisation filter. Organisations are public facts (they sign published content),
 * so any authenticated caller may list them.
 */
export async function listOrganisations(deps: Pick<Core, 'db'>): Promise<OrganisationChoice[]> {
  const items = await listOrganisationChoices(deps.db);
  return items.sort((a, b) => compareVietnamese(a.name, b.name) || a.id - b.id);
}

/** What the queue table shows of an article beyond its list row. */
export interface QueueRowDetails {
  articleId: number;
  /** Its categories, primary first. */
  categoryIds: number[];
  /** Its latest event with a reason (return, rejection, withdrawal…), or null. */
  lastReason: Omit<LastReason, 'articleId'> | null;
}

/**
 * The categories and latest reason of each of `articleIds` that the actor may see on the site,
 * for the queue table's "category" and "reason" columns (articles of another site or out of
 * the actor's scope are left out).
 * @throws NotFoundError when the site does not exist or the actor has no role on it.
 */
export async function listQueueRowDetails(deps: Deps, actor: Actor, siteId: number, articleIds: readonly number[]): Promise<QueueRowDetails[]> {
  requireMember(deps, actor, siteId);
  const scope = articleListScope(actor, siteId);
  const categories = await listCategoryIdsOf(deps.db, siteId, scope, articleIds);
  const reasons = new Map((await listLastReasons(deps.db, siteId, scope, articleIds)).map((r) => [r.articleId, r]));
  return [...categories.entries()].map(([articleId, categoryIds]) => {
    const r = reasons.get(articleId);
    return { articleId, categoryIds, lastReason: r ? { action: r.action, reason: r.reason, by: r.by, at: r.at } : null };
  });
}
