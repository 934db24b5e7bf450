/**
 * GET `/:site/tim-kiem?q=…&loai=…&chuyen-muc=…&tu-ngay=…&den-ngay=…&trang=N`: search a site;
 * GET `/tim-kiem?q=…&cong=…&loai=…&tu-ngay=…&den-ngay=…&trang=N` on the default host: search
 * every active site of the network (each result names its site). Thin: reads the form
 * (theme/view-models/search.ts), calls `searchArticles` (core/search), renders the page.
 *
 * An empty query shows the form and a prompt (200); bad parameters answer the themed 400
 * naming the parameter; a page past the last shows the count and a note (200). Result pages
 * are `noindex`: search results are not content of their own.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { listCategoryTree, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { ValidationError } from '../../../core/errors.ts';
import { searchArticles, SEARCH_PAGE_SIZE, type SearchResults } from '../../../core/search/search.ts';
import type { Site } from '../../../core/sites/site.ts';
import { formatWeekdayDate } from '../../../core/text/index.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { SearchPage } from '../../../theme/pages/search-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { networkLinks, PATH_WORDS, siteLinks } from '../../../theme/view-models/links.ts';
import { documentTitle, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { buildSearchPageView, categoryOptions, readSearchPageParams, SEARCH_PARAMS, SEARCH_PATH, type SearchPageParams } from '../../../theme/view-models/search.ts';
import { categoryAndDescendantIds, findCategory, toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { publicSiteContext, readPageNumber, sendNotFound, sendPage, type SiteParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** The document title of a search page. */
function searchTitle(params: SearchPageParams): string {
  return params.query ? `Tìm kiếm “${params.query}”` : 'Tìm kiếm';
}

/** Registers GET `/:site/tim-kiem` and GET `/tim-kiem`. */
export function registerSearchRoutes(app: FastifyInstance, core: Core): void {
  const siteRoute = `/:site/${SEARCH_PATH}`;
  app.get<{ Params: SiteParams }>(siteRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const page = readPageNumber(request.query);
    const params = { ...readSearchPageParams(request.query), site: null };
    const { site } = ctx;
    const links = siteLinks(ctx);
    const now = core.clock();
    const tree = await listCategoryTree(core.db, site.id);
    const category = params.category ? findCategory(tree, params.category) : null;
    if (params.category && !category) {
      throw new ValidationError([{ path: SEARCH_PARAMS.category, message: `Trang này không có chuyên mục “${params.category.slice(0, 80)}” (tham số “${SEARCH_PARAMS.category}”).` }]);
    }
    const results: SearchResults | null = params.query
      ? await searchArticles(
          core.db,
          core.database.engine,
          {
            query: params.query,
            siteIds: [site.id],
            type: params.type,
            categoryIds: category ? categoryAndDescendantIds(category.node) : null,
            from: params.fromInstant,
            to: params.toInstant,
            page,
            pageSize: SEARCH_PAGE_SIZE,
          },
          now,
        )
      : null;
    const action = `${links.home}${SEARCH_PATH}`;
    const view = buildSearchPageView({
      scope: 'site',
      action,
      params,
      page,
      results,
      links: {
        article: (hit) => links.article(hit.slug),
        category: (hit) => (hit.categorySlug ? links.category(hit.categorySlug) : null),
        siteName: () => null,
      },
      categoryOptions: categoryOptions(tree),
      siteOptions: null,
      names: { category: category?.node.name ?? null, site: null },
    });
    const meta = pageMeta(documentTitle(searchTitle(params), site.name), {
      description: `Tìm kiếm tin, bài trên ${site.name}`,
      robots: 'noindex, follow',
    });
    const html = renderDocument(
      h(SearchPage, {
        meta,
        view,
        chrome: toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now),
        today: formatWeekdayDate(now),
        homeUrl: links.home,
      }),
    );
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, siteRoute);

  const networkRoute = `/${SEARCH_PATH}`;
  app.get(networkRoute, async (request, reply) => {
    const page = readPageNumber(request.query);
    const given = readSearchPageParams(request.query);
    // Categories belong to one site: filtering by one is the site search's (its form offers it).
    if (given.category) {
      throw new ValidationError([
        { path: SEARCH_PARAMS.category, message: `Tìm theo chuyên mục trên trang tìm kiếm của từng cổng, trang (ví dụ /<khoá trang>/${SEARCH_PATH}); tìm kiếm toàn mạng lưới không có tham số “${SEARCH_PARAMS.category}”.` },
      ]);
    }
    const params = { ...given, category: null };
    const now = core.clock();
    const sites = core.sites.list().filter((s) => s.status === 'active');
    const byId = new Map<number, Site>(sites.map((s) => [s.id, s]));
    const chosen = params.site ? sites.find((s) => s.key === params.site) : undefined;
    if (params.site && !chosen) {
      throw new ValidationError([{ path: SEARCH_PARAMS.site, message: `Không có cổng, trang nào có khoá “${params.site.slice(0, 80)}” (tham số “${SEARCH_PARAMS.site}”) trong mạng lưới.` }]);
    }
    const results: SearchResults | null = params.query
      ? await searchArticles(
          core.db,
          core.database.engine,
          {
            query: params.query,
            siteIds: chosen ? [chosen.id] : sites.map((s) => s.id),
            type: params.type,
            from: params.fromInstant,
            to: params.toInstant,
            page,
            pageSize: SEARCH_PAGE_SIZE,
          },
          now,
        )
      : null;
    const keyOf = (siteId: number): string => byId.get(siteId)?.key ?? '';
    const view = buildSearchPageView({
      scope: 'network',
      action: networkRoute,
      params,
      page,
      results,
      links: {
        article: (hit) => networkLinks.article(keyOf(hit.siteId), hit.slug),
        category: (hit) => (hit.categorySlug ? `/${keyOf(hit.siteId)}/${PATH_WORDS.category}/${encodeURIComponent(hit.categorySlug)}` : null),
        siteName: (hit) => byId.get(hit.siteId)?.name ?? null,
      },
      categoryOptions: null,
      siteOptions: sites.map((s) => ({ value: s.key, label: s.name })),
      names: { category: null, site: chosen?.name ?? null },
    });
    const meta = pageMeta(documentTitle(searchTitle(params), NETWORK_NAME), {
      description: 'Tìm kiếm tin, bài trên mọi cổng, trang thông tin điện tử của mạng lưới',
      robots: 'noindex, follow',
    });
    const html = renderDocument(h(SearchPage, { meta, view, chrome: null, today: formatWeekdayDate(now), homeUrl: networkLinks.home }));
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, networkRoute);
}
