/**
 * GET `/:site/bai-viet/:slug`: the article page. Only a publicly visible article is shown
 * (state and publish time, one rule in core/articles/visibility.ts); anything else — draft,
 * embargoed, withdrawn, another site's — answers the same 404.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { findPublicArticleBySlug, listCategoryTree, listRelatedArticles, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { ArticlePage } from '../../../theme/pages/article-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticlePageView } from '../../../theme/view-models/article-page.ts';
import { siteLinks, PATH_WORDS } from '../../../theme/view-models/links.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { findBySlug, slugCandidates, publicSiteContext, sendCanonicalRedirect, sendNotFound, sendPage, type SlugParams } from './page-support.ts';
import { sendNotFoundPage } from './error-pages.ts';
import { registerPageMethods } from './page-methods.ts';

/** How many related articles the page lists. */
const RELATED_LIMIT = 5;

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
    if (!article) return sendNotFound(reply);
    if (article.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.article(article.slug));

    const [related, tree] = await Promise.all([
      listRelatedArticles(core.db, site.id, article, now, RELATED_LIMIT),
      listCategoryTree(core.db, site.id),
    ]);
    const view = toArticlePageView(article, related, site, links);
    const chrome = toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now, { position: { activeCategoryIds: article.categories.map((c) => c.id) } });
    return sendPage(reply, renderDocument(h(ArticlePage, { chrome, view })));
  });
  registerPageMethods(app, core, route);
}
