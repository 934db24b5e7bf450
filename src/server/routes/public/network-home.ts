/**
 * GET `/` on the default host: the network root (sites by kind, latest articles across the
 * network). Requests on a site's own hostname never reach it: the site resolver rewrites
 * their `/` to the site's home.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { listNetworkLatestArticles, summariseSitesPublication } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { formatWeekdayDate } from '../../../core/text/index.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { NetworkHomePage } from '../../../theme/pages/network-home-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticleCard } from '../../../theme/view-models/article-card.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { groupNetworkSites } from '../../../theme/view-models/network.ts';
import { networkFeedLinks, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { sendPage } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** How many articles the network root lists. */
const NETWORK_LATEST_LIMIT = 12;

/** Registers GET `/`. */
export function registerNetworkHomeRoute(app: FastifyInstance, core: Core): void {
  const route = '/';
  app.get(route, async (_request, reply) => {
    const now = core.clock();
    const [stats, recent] = await Promise.all([
      summariseSitesPublication(core.db, now),
      // Ask for more than shown: articles of merged or archived sites are left out below.
      listNetworkLatestArticles(core.db, now, NETWORK_LATEST_LIMIT * 2),
    ]);
    const networkUrl = `${core.config.publicUrl}/`;
    const latest = recent
      .map((summary) => ({ summary, site: core.sites.getById(summary.siteId) }))
      .filter((x) => x.site?.status === 'active')
      .slice(0, NETWORK_LATEST_LIMIT)
      .map(({ summary, site }) =>
        toArticleCard(summary, siteLinks({ basePath: `/${site!.key}`, origin: core.config.publicUrl, networkUrl }), site!.name),
      );
    const meta = pageMeta(NETWORK_NAME, {
      description: 'Cổng thông tin điện tử của Bộ, trang thông tin điện tử của các đơn vị thuộc Bộ và của các Sở, trên một hệ thống.',
      canonicalUrl: networkUrl,
      feeds: networkFeedLinks(),
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: NETWORK_NAME },
        { property: 'og:url', content: networkUrl },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    const html = renderDocument(
      h(NetworkHomePage, { meta, today: formatWeekdayDate(now), groups: groupNetworkSites(core.sites.list(), stats), latest }),
    );
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, route);
}
