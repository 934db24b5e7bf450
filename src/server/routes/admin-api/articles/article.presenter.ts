/**
 * The article presenter of the admin API: an allowlist of fields, plus `allowedActions` — what
 * the caller may do with the article now, decided by the policy — so the newsroom UI never
 * re-implements the rules (STYLE.md, "How a request flows").
 */
import type { Core } from '../../../../core/create-core.ts';
import { ARTICLE_STATE_LABELS, ARTICLE_TYPE_LABELS } from '../../../../core/articles/article.ts';
import type { ArticleEvent, NewsroomArticle, NewsroomListItem } from '../../../../core/articles/newsroom-article.repository.ts';
import { policyTargetOf } from '../../../../core/articles/write-article.ts';
import type { Actor } from '../../../../core/policy/actor.ts';
import { ARTICLE_ACTIONS, allowedActions, type Action } from '../../../../core/policy/policy.ts';

/** The endpoint name of a policy action: `article.approve_publish` → `approve`. */
export function actionName(action: Action): string {
  const short = action.replace(/^article\./, '');
  return short === 'approve_publish' ? 'approve' : short;
}

/** What the caller may do with the article now (endpoint names: `edit`, `submit`, `approve`, `syndicate`, `detach`…). */
export function articleAllowedActions(core: Pick<Core, 'sites'>, actor: Actor, article: Pick<NewsroomArticle, 'siteId' | 'authorUserId' | 'state' | 'followsOrigin'>): string[] {
  return allowedActions(actor, policyTargetOf(core, article), ARTICLE_ACTIONS).map(actionName);
}

/** The public URL of an article on the default host (valid once it is published). */
export function articlePublicUrl(core: Pick<Core, 'sites' | 'config'>, article: Pick<NewsroomArticle, 'siteId' | 'slug'>): string | null {
  const site = core.sites.getById(article.siteId);
  return site ? `${core.config.publicUrl}/${site.key}/bai-viet/${article.slug}` : null;
}

/** One article in full, for the editor screen. */
export function presentArticle(
  core: Pick<Core, 'sites' | 'config'>,
  actor: Actor,
  article: NewsroomArticle,
  extra: { events?: ArticleEvent[]; corrections?: { id: number; note: string; revision: number; createdAt: string }[] } = {},
) {
  const lastReason = [...(extra.events ?? [])].reverse().find((e) => e.reason);
  return {
    id: article.id,
    siteId: article.siteId,
    siteKey: core.sites.getById(article.siteId)?.key ?? null,
    type: article.type,
    typeLabel: ARTICLE_TYPE_LABELS[article.type],
    state: article.state,
    stateLabel: ARTICLE_STATE_LABELS[article.state],
    revision: article.revision,
    title: article.title,
    lead: article.lead,
    body: article.body,
    byline: article.byline,
    sourceName: article.sourceName,
    sourceUrl: article.sourceUrl,
    sourceOrganisationId: article.sourceOrganisationId,
    slug: article.slug,
    publicUrl: articlePublicUrl(core, article),
    categoryIds: article.categoryIds,
    tagNames: article.tagNames,
    cover: { mediaId: article.coverMediaId, alt: article.coverAlt, caption: article.coverCaption },
    featured: article.featured,
    publishedAt: article.publishedAt,
    author: article.authorUserId !== null ? { id: article.authorUserId, name: article.authorName } : null,
    assignee: article.assigneeUserId !== null ? { id: article.assigneeUserId, name: article.assigneeName } : null,
    withdrawal: article.state === 'withdrawn' ? { reason: article.withdrawalReason, at: article.withdrawnAt, redirectUrl: article.withdrawalRedirectUrl } : null,
    scheduleError: article.scheduleError,
    stateChangedAt: article.stateChangedAt,
    createdAt: article.createdAt,
    updatedAt: article.updatedAt,
    // A syndicated copy or a proposal: where it came from; `followsOrigin` while a copy takes its original's changes.
    origin: article.origin
      ? {
          articleId: article.origin.articleId,
          siteId: article.origin.siteId,
          siteName: core.sites.getById(article.origin.siteId)?.name ?? null,
          url: articlePublicUrl(core, { siteId: article.origin.siteId, slug: article.origin.slug }),
        }
      : null,
    followsOrigin: article.followsOrigin,
    ...(extra.events ? { lastReason: lastReason ? { action: lastReason.action, reason: lastReason.reason, by: lastReason.actorLabel, at: lastReason.at } : null } : {}),
    ...(extra.events ? { events: extra.events } : {}),
    ...(extra.corrections ? { corrections: extra.corrections } : {}),
    allowedActions: articleAllowedActions(core, actor, article),
  };
}

/** One row of a queue. */
export function presentListItem(core: Pick<Core, 'sites'>, actor: Actor, item: NewsroomListItem) {
  return {
    id: item.id,
    siteId: item.siteId,
    type: item.type,
    state: item.state,
    stateLabel: ARTICLE_STATE_LABELS[item.state],
    title: item.title,
    slug: item.slug,
    author: item.authorUserId !== null ? { id: item.authorUserId, name: item.authorName } : null,
    assigneeUserId: item.assigneeUserId,
    publishedAt: item.publishedAt,
    revision: item.revision,
    scheduleError: item.scheduleError,
    updatedAt: item.updatedAt,
    followsOrigin: item.followsOrigin,
    allowedActions: articleAllowedActions(core, actor, item),
  };
}
