/**
 * GET `/:site/bai-viet/:slug/in`: the print view of an article — the same content (correction
 * notes included) with minimal chrome, `noindex`, canonical pointing to the article page. Same
 * visibility as the article page; a withdrawn article answers as its page does (410 notice or
 * its chosen 301), never with its content.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { findPublicArticleBySlug, findWithdrawnArticleBySlug, listPublicCorrections } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { ArticlePrintPage } from '../../../theme/pages/article-print-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticlePageView } from '../../../theme/view-models/article-page.ts';
import { siteLinks, PATH_WORDS } from '../../../theme/view-models/links.ts';
import { findBySlug, slugCandidates, publicSiteContext, sendCanonicalRedirect, sendNotFound, sendPage, type SlugParams } from './page-support.ts';
import { sendNotFoundPage } from './error-pages.ts';
import { registerPageMethods } from './page-methods.ts';
import { sendWithdrawnArticle } from './article.ts';

/** Registers GET `/:site/bai-viet/:slug/in`. */
export function registerArticlePrintRoute(app: FastifyInstance, core: Core): void {
  const route = `/:site/${PATH_WORDS.article}/:slug/${PATH_WORDS.print}`;
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
      if (withdrawn.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.articlePrint(withdrawn.slug));
      return sendWithdrawnArticle(core, ctx, reply, withdrawn, links.articlePrint(withdrawn.slug));
    }
    if (article.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.articlePrint(article.slug));

    const corrections = await listPublicCorrections(core.db, article.id, now);
    const view = toArticlePageView(article, [], site, links, corrections);
    const html = renderDocument(h(ArticlePrintPage, { siteName: site.name, organisationName: site.organisationName, view }));
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, route);
}
