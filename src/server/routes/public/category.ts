/**
 * GET `/:site/chuyen-muc/:slug?trang=N`: a category's visible articles, its sub-categories'
 * included, 20 per page, newest first (stable order: publication time, then id).
 * A page beyond the last answers 404; a `trang` that is not a positive integer answers 400.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { listCategoryArticles, listCategoryTree, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { CategoryPage } from '../../../theme/pages/category-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticleCard } from '../../../theme/view-models/article-card.ts';
import { siteLinks, PATH_WORDS } from '../../../theme/view-models/links.ts';
import { documentTitle, feedLinks, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { buildPagination } from '../../../theme/view-models/pagination.ts';
import { categoryAndDescendantIds, findCategory, toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import {
  findBySlug,
  slugCandidates,
  publicSiteContext,
  readPageNumber,
  sendCanonicalRedirect,
  sendNotFound,
  sendPage,
  type SlugParams,
} from './page-support.ts';
import { sendNotFoundPage } from './error-pages.ts';
import { registerPageMethods } from './page-methods.ts';

/** Articles per category page. */
export const CATEGORY_PAGE_SIZE = 20;

/** Registers GET `/:site/chuyen-muc/:slug`. */
export function registerCategoryRoute(app: FastifyInstance, core: Core): void {
  const route = `/:site/${PATH_WORDS.category}/:slug`;
  app.get<{ Params: SlugParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const page = readPageNumber(request.query);
    const { site } = ctx;
    const links = siteLinks(ctx);
    const now = core.clock();
    if (!slugCandidates(request.params.slug).length) return sendNotFoundPage(core, request, reply);

    const tree = await listCategoryTree(core.db, site.id);
    const match = await findBySlug(request.params.slug, (slug) => findCategory(tree, slug));
    if (!match) return sendNotFound(reply);
    const { node, ancestors } = match;
    if (node.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.category(node.slug, page));

    const result = await listCategoryArticles(core.db, site.id, categoryAndDescendantIds(node), now, page, CATEGORY_PAGE_SIZE);
    if (page > result.pageCount) return sendNotFound(reply);

    const pagination = buildPagination(page, result.pageCount, (n) => links.category(node.slug, n));
    const pageTitle = page > 1 ? `${node.name} – Trang ${page}` : node.name;
    const canonicalUrl = links.absolute(links.category(node.slug, page));
    const description = node.description ?? `Tin, bài chuyên mục ${node.name} – ${site.name}`;
    const meta = pageMeta(documentTitle(pageTitle, site.name), {
      description,
      canonicalUrl,
      prevUrl: pagination?.prevUrl ? links.absolute(pagination.prevUrl) : null,
      nextUrl: pagination?.nextUrl ? links.absolute(pagination.nextUrl) : null,
      feeds: feedLinks(links.category(node.slug), `Chuyên mục ${node.name} – ${site.name}`),
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: pageTitle },
        { property: 'og:description', content: description },
        { property: 'og:url', content: canonicalUrl },
        { property: 'og:site_name', content: site.name },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    const html = renderDocument(
      h(CategoryPage, {
        chrome: toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now, {
          position: { currentCategoryId: node.id, activeCategoryIds: ancestors.map((a) => a.id) },
        }),
        meta,
        listing: {
          kicker: 'Chuyên mục',
          title: node.name,
          description: node.description,
          breadcrumbs: [
            { name: 'Trang chủ', url: links.home },
            ...ancestors.map((a) => ({ name: a.name, url: links.category(a.slug) })),
            { name: node.name },
          ],
          children: node.children.map((c) => ({ name: c.name, url: links.category(c.slug) })),
          articles: result.items.map((a) => toArticleCard(a, links)),
          total: result.total,
          pagination,
          emptyText: 'Chuyên mục này chưa có tin, bài nào được đăng.',
          showCategory: node.children.length > 0,
        },
      }),
    );
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, route);
}
