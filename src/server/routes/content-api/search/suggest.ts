/**
 * `GET /search/suggest?q=…&site=…&limit=…`: titles for a search box as the reader types —
 * visible articles whose title holds every word typed, the last one as a prefix ("chuyen doi s"
 * → "… chuyển đổi số …"), with or without diacritics. One letter alone suggests nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { suggestApiQuery } from '../../../../core/search/search-api.schema.ts';
import { parseSearchQuery } from '../../../../core/search/search-query.ts';
import { suggestArticles } from '../../../../core/search/search.ts';
import { contentRoute, requirePublicSite } from '../content-route.ts';
import { contentUrls } from '../content.presenter.ts';
import { presentQuery, presentSuggestion } from './search.presenter.ts';

/** Registers `GET /search/suggest`. */
export function registerSuggestRoute(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    {
      url: '/search/suggest',
      summary: 'Gợi ý tiêu đề tin, bài cho ô tìm kiếm khi đang gõ (từ cuối được coi là phần đầu của một từ)',
      query: suggestApiQuery,
      errorStatuses: [404],
    },
    async ({ query }) => {
      const now = core.clock();
      const urls = contentUrls(core);
      const site = query.site !== undefined ? requirePublicSite(core, query.site) : null;
      const siteIds = site ? [site.id] : core.sites.list().filter((s) => s.status === 'active').map((s) => s.id);
      const suggestions = await suggestArticles(core.db, core.database.engine, { query: query.q, siteIds, limit: query.limit }, now);
      return {
        query: presentQuery(parseSearchQuery(query.q)),
        suggestions: suggestions.flatMap((s) => {
          const hitSite = core.sites.getById(s.siteId);
          return hitSite ? [presentSuggestion(urls, hitSite, s)] : [];
        }),
      };
    },
  );
}
