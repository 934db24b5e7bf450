/**
 * Content API: sites — `GET /sites`, the network's active sites in network order, and
 * `GET /sites/:key`, one of them with how many articles it has published (visible ones only)
 * and when it last did. Merged and archived sites are not listed and answer 404.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { summarisePublicSite } from '../../../../core/articles/content-api.repository.ts';
import { noQuery } from '../../../../core/content-api/content-query.schema.ts';
import type { Core } from '../../../../core/create-core.ts';
import { toOffsetIso } from '../../../../core/text/index.ts';
import { contentRoute, requirePublicSite } from '../content-route.ts';
import { contentUrls, presentSite } from '../content.presenter.ts';

const siteParams = z.object({ key: z.string().meta({ description: 'Khoá của trang, ví dụ langson' }) });

/** Registers the site endpoints. */
export function registerContentSiteRoutes(app: FastifyInstance, core: Core): void {
  contentRoute(app, { url: '/sites', summary: 'Các trang đang hoạt động của mạng lưới (khoá, tên, loại, cơ quan, địa chỉ)', query: noQuery }, async () => {
    const urls = contentUrls(core);
    const items = core.sites
      .list()
      .filter((s) => s.status === 'active')
      .map((s) => presentSite(core, urls, s));
    return { items, total: items.length };
  });

  contentRoute(
    app,
    { url: '/sites/:key', summary: 'Một trang: thông tin, số tin, bài đã đăng và lần đăng gần nhất', params: siteParams, query: noQuery, errorStatuses: [404] },
    async ({ params }) => {
      const site = requirePublicSite(core, params.key);
      const { articleCount, lastPublishedAt } = await summarisePublicSite(core.db, site.id, core.clock());
      return { ...presentSite(core, contentUrls(core), site), articleCount, lastPublishedAt: lastPublishedAt ? toOffsetIso(lastPublishedAt) : null };
    },
  );
}
