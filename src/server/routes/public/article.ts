/**
 * GET `/:site/bai-viet/:slug`: the article page. Only a publicly visible article is shown
 * (state and publish time, one rule in core/articles/visibility.ts), with its correction notes.
 * A withdrawn article that was once public answers 410 Gone with a Vietnamese notice of when
 * and why (never its content), or 301 to the address its chief editor chose instead; anything
 * else — draft, rejected, embargoed, another site's — answers the same 404.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import {
  findPublicArticleBySlug,
  findWithdrawnArticleBySlug,
  listCategoryTree,
  listMenuCategoryTree,
  listPublicCorrections,
  listRelatedArticles,
  type WithdrawnArticleNotice,
} from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { ArticlePage } from '../../../theme/pages/article-page.tsx';
import { WithdrawnArticlePage } from '../../../theme/pages/withdrawn-article-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticlePageView } from '../../../theme/view-models/article-page.ts';
import { siteLinks, PATH_WORDS } from '../../../theme/view-models/links.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { toWithdrawnArticleView } from '../../../theme/view-models/withdrawn-article.ts';
import { withCanonicalUrl } from '../../../theme/view-models/page-meta.ts';
import { findCopyOrigin } from '../../../core/network/syndication.ts';
import type { SiteContext } from '../../plugins/site-resolver.ts';
import { findBySlug, slugCandidates, publicSiteContext, sendCanonicalRedirect, sendNotFound, sendPage, PAGE_CACHE_CONTROL, type SlugParams } from './page-support.ts';
import { sendNotFoundPage } from './error-pages.ts';
import { registerPageMethods } from './page-methods.ts';
import { claimReviewOfArticle } from './rebuttals.ts';

/** How many related articles the page lists. */
const RELATED_LIMIT = 5;

/**
 * Where a withdrawn article's URL may send readers: a path of the same site
 * (`/bai-viet/bai-moi`, resolved against the site's base path: `/langson/bai-viet/bai-moi` on
 * the default host), or an absolute http(s) URL on a host of this network (the default host or
 * a site's own hostname). Anything else — another host, `//host`, `javascript:`, control
 * characters — is refused (an open redirect would let anyone borrow the portal's name), and the
 * 410 notice is shown instead.
 * @param stored `articles.withdrawal_redirect_url`
 * @param ctx the request's site context (base path)
 * @returns the URL to send in `Location`, or null
 * Source: OWASP Unvalidated Redirects and Forwards Cheat Sheet (allow-list of destinations).
 */
export function withdrawalRedirectTarget(core: Core, ctx: SiteContext, stored: string | null): string | null {
  const url = stored?.trim();
  if (!url || /[\u0000-\u001f\u007f\\\s]/.test(url)) return null;
  if (url.startsWith('/')) {
    if (url.startsWith('//')) return null;
    return `${ctx.basePath}${url}`;
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null;
  if (parsed.username || parsed.password) return null;
  const networkHost = new URL(core.config.publicUrl).host;
  const siteHosts = new Set(core.sites.list().flatMap((s) => s.hostnames.map((h) => h.toLowerCase())));
  return parsed.host === networkHost || siteHosts.has(parsed.hostname) ? parsed.toString() : null;
}

/**
 * Answers for a withdrawn article: 301 to its chosen redirect when that is allowed (see
 * {@link withdrawalRedirectTarget}), else 410 Gone with the themed notice in the site's frame
 * (`noindex`). Both are cached like pages (30 s), so a republished article shows soon after.
 * @param currentPath the path this request asked for (a redirect to itself is not sent)
 */
export async function sendWithdrawnArticle(core: Core, ctx: SiteContext, reply: FastifyReply, notice: WithdrawnArticleNotice, currentPath: string): Promise<FastifyReply> {
  const target = withdrawalRedirectTarget(core, ctx, notice.redirectUrl);
  if (target && target !== currentPath && target !== ctx.origin + currentPath) {
    return reply.code(301).header('cache-control', PAGE_CACHE_CONTROL).redirect(target, 301);
  }
  const { site } = ctx;
  const links = siteLinks(ctx);
  const now = core.clock();
  const menu = await listMenuCategoryTree(core.db, site.id, now, await listCategoryTree(core.db, site.id));
  const chrome = toSiteChrome(site, menu, links, now);
  const html = renderDocument(h(WithdrawnArticlePage, { chrome, view: toWithdrawnArticleView(notice, site, links) }));
  return reply.code(410).header('cache-control', PAGE_CACHE_CONTROL).type('text/html; charset=utf-8').send(html);
}

/** Registers GET `/:site/bai-viet/:slug`. */
export function registerArticleRoute(app: FastifyInstance, core: Core): void {
  const route = `/:site/${PATH_WORDS.article}/:slug`;
  app.get<{ Params: SlugParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const { site } = ctx;
    const links = siteLinks(ctx);
    const now = core.clock();
    if (!slugCandidates(request.params.slug).length) return sendNotFoundPage(core, request, reply);

    const article = await findBySlug(request.params.slug, (slug) => findPublicArticleBySlug(core.db, site.id, slug, now));
    if (!article) {
      const withdrawn = await findBySlug(request.params.slug, (slug) => findWithdrawnArticleBySlug(core.db, site.id, slug, now));
      if (!withdrawn) return sendNotFound(reply);
      if (withdrawn.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.article(withdrawn.slug));
      return sendWithdrawnArticle(core, ctx, reply, withdrawn, links.article(withdrawn.slug));
    }
    if (article.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.article(article.slug));

    const [related, tree, corrections, origin] = await Promise.all([
      listRelatedArticles(core.db, site.id, article, now, RELATED_LIMIT),
      listCategoryTree(core.db, site.id),
      listPublicCorrections(core.db, article.id, now),
      // Only a syndicated copy (which always carries its original's URL as source) has one.
      article.sourceUrl ? findCopyOrigin(core, article.id) : null,
    ]);
    const own = toArticlePageView(article, related, site, links, corrections);
    // A copy credits its original ("Nguồn: …" linking to it) and names it as canonical.
    const view = origin ? { ...own, source: { name: origin.sourceName, url: origin.url }, meta: withCanonicalUrl(own.meta, origin.url) } : own;
    const chrome = toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now, { position: { activeCategoryIds: article.categories.map((c) => c.id) } });
    // A rebuttal (or a copy of one) states the claim and verdict and carries ClaimReview JSON-LD.
    const claim = article.type === 'rebuttal' ? await claimReviewOfArticle(core, ctx, article.id, view) : null;
    if (claim) return sendPage(reply, renderDocument(h(ArticlePage, { chrome, view: { ...view, meta: claim.meta }, claimReview: claim.box })));
    return sendPage(reply, renderDocument(h(ArticlePage, { chrome, view })));
  });
  registerPageMethods(app, core, route);
}
