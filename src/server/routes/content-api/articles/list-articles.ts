/**
 * `GET /articles`: the visible articles of a site or of the whole network, newest first
 * (publication time, then id: a stable order), filtered by category (with its sub-categories),
 * tag, type and publication period, one page at a time with the total and links to the other
 * pages (in the body and in a `Link` header).
 *
 * Only what the visibility rule lets through is listed or counted. A tag that no visible
 * article carries answers 404 like an unknown one, so a filter cannot probe for the tags of
 * items not yet public; a page past the last is an empty page, not an error.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { findPublicTagBySlug, listPublicArticles, type PublicArticleFilter } from '../../../../core/articles/content-api.repository.ts';
import { listCategoryTree } from '../../../../core/articles/public-article.repository.ts';
import { articleListQuery, DEFAULT_ARTICLE_PAGE_SIZE, normalisePeriodText } from '../../../../core/content-api/content-query.schema.ts';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { categoryAndDescendantIds, findCategory } from '../../../../theme/view-models/site-chrome.ts';
import { findBySlug } from '../../public/page-support.ts';
import { contentRoute, requirePublicSite, shorten } from '../content-route.ts';
import { contentUrls, linkHeader, presentArticleSummary, presentListPage } from '../content.presenter.ts';

/** A period bound as the client wrote it (NFC, see normalisePeriodText), to carry over into page links. */
function givenPeriod(request: FastifyRequest, name: 'from' | 'to'): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? normalisePeriodText(value) : undefined;
}

/** Registers `GET /articles`. */
export function registerListArticlesRoute(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    {
      url: '/articles',
      summary: 'Danh sách tin, bài đã đăng (mới nhất trước) của một trang hoặc cả mạng lưới, lọc theo chuyên mục, thẻ, loại, thời gian; có tổng số và liên kết trang trước/sau',
      query: articleListQuery,
      errorStatuses: [404],
    },
    async ({ query, request, reply }) => {
      const now = core.clock();
      const urls = contentUrls(core);
      const site = query.site !== undefined ? requirePublicSite(core, query.site) : null;
      const filter: PublicArticleFilter = {
        siteIds: site ? [site.id] : core.sites.list().filter((s) => s.status === 'active').map((s) => s.id),
        ...(query.type ? { type: query.type } : {}),
        ...(query.from ? { publishedFrom: query.from } : {}),
        ...(query.to ? { publishedBefore: query.to } : {}),
      };
      let categorySlug: string | undefined;
      let tagSlug: string | undefined;
      if (site && query.category !== undefined) {
        const tree = await listCategoryTree(core.db, site.id);
        const match = await findBySlug(query.category, (slug) => findCategory(tree, slug));
        if (!match) throw new NotFoundError(`chuyên mục “${shorten(query.category)}” trên trang ${site.key}`);
        filter.categoryIds = categoryAndDescendantIds(match.node);
        categorySlug = match.node.slug;
      }
      if (site && query.tag !== undefined) {
        const tag = await findBySlug(query.tag, (slug) => findPublicTagBySlug(core.db, site.id, slug, now));
        if (!tag) throw new NotFoundError(`thẻ “${shorten(query.tag)}” trên trang ${site.key}`);
        filter.tagId = tag.id;
        tagSlug = tag.slug;
      }

      const result = await listPublicArticles(core.db, now, filter, query.page, query.pageSize);
      const items = result.items.map((summary) => presentArticleSummary(urls, core.sites.getById(summary.siteId)!, summary));
      const page = presentListPage(
        urls,
        '/articles',
        { site: site?.key, category: categorySlug, tag: tagSlug, type: query.type, from: givenPeriod(request, 'from'), to: givenPeriod(request, 'to') },
        items,
        { page: query.page, pageSize: query.pageSize, total: result.total, defaultPageSize: DEFAULT_ARTICLE_PAGE_SIZE },
      );
      reply.header('link', linkHeader(page.links));
      return page;
    },
  );
}
