/**
 * GET `/:site/the/:slug?trang=N`: the visible articles carrying a tag, 20 per page.
 * A tag without visible articles, or a page beyond the last, answers 404; a `trang` that is not a positive integer answers 400.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { findTagBySlug, listCategoryTree, listTagArticles, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { TagPage } from '../../../theme/pages/tag-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticleCard } from '../../../theme/view-models/article-card.ts';
import { siteLinks, PATH_WORDS } from '../../../theme/view-models/links.ts';
import { documentTitle, feedLinks, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { buildPagination } from '../../../theme/view-models/pagination.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
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

/** Articles per tag page. */
export const TAG_PAGE_SIZE = 20;

/** Registers GET `/:site/the/:slug`. */
export function registerTagRoute(app: FastifyInstance, core: Core): void {
  const route = `/:site/${PATH_WORDS.tag}/:slug`;
  app.get<{ Params: SlugParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const page = readPageNumber(request.query);
    const { site } = ctx;
    const links = siteLinks(ctx);
    const now = core.clock();
    if (!slugCandidates(request.params.slug).length) return sendNotFoundPage(core, request, reply);

    const tag = await findBySlug(request.params.slug, (slug) => findTagBySlug(core.db, site.id, slug));
    if (!tag) return sendNotFound(reply);
    if (tag.slug !== request.params.slug) return sendCanonicalRedirect(reply, links.tag(tag.slug, page));

    const result = await listTagArticles(core.db, site.id, tag.id, now, page, TAG_PAGE_SIZE);
    // A tag that no visible article carries yet answers like an unknown one: its name alone
    // could announce an embargoed item (DESIGN.md §3, nothing is public before its time).
    if (result.total === 0 || page > result.pageCount) return sendNotFound(reply);
    const tree = await listCategoryTree(core.db, site.id);

    const pagination = buildPagination(page, result.pageCount, (n) => links.tag(tag.slug, n));
    const pageTitle = page > 1 ? `${tag.name} – Trang ${page}` : tag.name;
    const canonicalUrl = links.absolute(links.tag(tag.slug, page));
    const description = `Tin, bài gắn thẻ “${tag.name}” – ${site.name}`;
    const meta = pageMeta(documentTitle(pageTitle, site.name), {
      description,
      canonicalUrl,
      prevUrl: pagination?.prevUrl ? links.absolute(pagination.prevUrl) : null,
      nextUrl: pagination?.nextUrl ? links.absolute(pagination.nextUrl) : null,
      feeds: feedLinks(links.tag(tag.slug), `Thẻ “${tag.name}” – ${site.name}`),
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
      h(TagPage, {
        chrome: toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now),
        meta,
        listing: {
          kicker: 'Thẻ',
          title: tag.name,
          description: null,
          breadcrumbs: [{ name: 'Trang chủ', url: links.home }, { name: `Thẻ: ${tag.name}` }],
          children: [],
          articles: result.items.map((a) => toArticleCard(a, links)),
          total: result.total,
          pagination,
          emptyText: 'Chưa có tin, bài nào mang thẻ này.',
          showCategory: true,
        },
      }),
    );
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, route);
}
