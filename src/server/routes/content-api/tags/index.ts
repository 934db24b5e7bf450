/**
 * Content API: `GET /tags?site=&page=&pageSize=` — a site's tags that visible articles carry,
 * by slug, each with its visible article count, one page at a time. A tag carried only by
 * items not yet public is not listed (its name could announce them).
 */
import type { FastifyInstance } from 'fastify';
import { listPublicTags } from '../../../../core/articles/content-api.repository.ts';
import { DEFAULT_TAG_PAGE_SIZE, tagListQuery } from '../../../../core/content-api/content-query.schema.ts';
import type { Core } from '../../../../core/create-core.ts';
import { contentRoute, requirePublicSite } from '../content-route.ts';
import { contentUrls, linkHeader, presentListPage, presentTag } from '../content.presenter.ts';

/** Registers `GET /tags`. */
export function registerContentTagRoutes(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    { url: '/tags', summary: 'Các thẻ của một trang có tin, bài đã đăng, kèm số tin, bài; theo trang', query: tagListQuery, errorStatuses: [404] },
    async ({ query, reply }) => {
      const site = requirePublicSite(core, query.site);
      const urls = contentUrls(core);
      const result = await listPublicTags(core.db, site.id, core.clock(), query.page, query.pageSize);
      const page = presentListPage(
        urls,
        '/tags',
        { site: site.key },
        result.items.map((tag) => presentTag(urls, site, tag)),
        { page: query.page, pageSize: query.pageSize, total: result.total, defaultPageSize: DEFAULT_TAG_PAGE_SIZE },
      );
      reply.header('link', linkHeader(page.links));
      return { site: { key: site.key, name: site.name }, ...page };
    },
  );
}
