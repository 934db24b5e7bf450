/**
 * `GET /search?q=…&site=…&type=…&category=…&from=…&to=…&page=…&pageSize=…`: full-text search
 * of the visible articles of a site or of the whole network (core/search: diacritic-insensitive,
 * exact forms and phrases first, then relevance and recency), one page at a time with the total,
 * highlighted titles and snippets, and links to the other pages (body and `Link` header).
 *
 * An empty or punctuation-only `q` finds nothing (200, `total: 0`); FTS syntax and SQL in `q`
 * are plain words. Only what the visibility rule lets through is found or counted.
 */
import type { FastifyInstance } from 'fastify';
import { listCategoryTree } from '../../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { searchApiQuery } from '../../../../core/search/search-api.schema.ts';
import { searchArticles, SEARCH_PAGE_SIZE } from '../../../../core/search/search.ts';
import { categoryAndDescendantIds, findCategory } from '../../../../theme/view-models/site-chrome.ts';
import { findBySlug } from '../../public/page-support.ts';
import { contentRoute, requirePublicSite, shorten } from '../content-route.ts';
import { contentUrls, linkHeader, presentListPage } from '../content.presenter.ts';
import { presentQuery, presentSearchHit } from './search.presenter.ts';

/** Registers `GET /search`. */
export function registerSearchArticlesRoute(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    {
      url: '/search',
      summary: 'Tìm kiếm tin, bài đã đăng (có dấu hoặc không dấu) trên một trang hoặc cả mạng lưới, lọc theo loại, chuyên mục, thời gian; kết quả có đoạn trích đánh dấu từ tìm thấy',
      query: searchApiQuery,
      errorStatuses: [404],
    },
    async ({ query, request, reply }) => {
      const now = core.clock();
      const urls = contentUrls(core);
      const site = query.site !== undefined ? requirePublicSite(core, query.site) : null;
      let categoryIds: number[] | null = null;
      let categorySlug: string | undefined;
      if (site && query.category !== undefined) {
        const tree = await listCategoryTree(core.db, site.id);
        const match = await findBySlug(query.category, (slug) => findCategory(tree, slug));
        if (!match) throw new NotFoundError(`chuyên mục “${shorten(query.category)}” trên trang ${site.key}`);
        categoryIds = categoryAndDescendantIds(match.node);
        categorySlug = match.node.slug;
      }
      const results = await searchArticles(
        core.db,
        core.database.engine,
        {
          query: query.q,
          siteIds: site ? [site.id] : core.sites.list().filter((s) => s.status === 'active').map((s) => s.id),
          type: query.type ?? null,
          categoryIds,
          from: query.from ?? null,
          to: query.to ?? null,
          page: query.page,
          pageSize: query.pageSize,
        },
        now,
      );
      const items = results.items.flatMap((hit) => {
        const hitSite = core.sites.getById(hit.siteId);
        return hitSite ? [presentSearchHit(urls, hitSite, hit)] : [];
      });
      const given = (name: 'from' | 'to'): string | undefined => {
        const value = (request.query as Record<string, unknown> | undefined)?.[name];
        return typeof value === 'string' ? value.trim() : undefined;
      };
      const page = presentListPage(
        urls,
        '/search',
        { q: results.query.text || undefined, site: site?.key, type: query.type, category: categorySlug, from: given('from'), to: given('to') },
        items,
        { page: query.page, pageSize: query.pageSize, total: results.total, defaultPageSize: SEARCH_PAGE_SIZE },
      );
      reply.header('link', linkHeader(page.links));
      // Past 1,000 matches the count stops: `total` is then a lower bound ("more than 1,000").
      return { query: presentQuery(results.query), totalIsLowerBound: results.capped, ...page };
    },
  );
}
