/**
 * `robots.txt` (RFC 9309). Crawlers read it only at the root of a host, so:
 *
 * | route | for |
 * |---|---|
 * | `/robots.txt` on the default host | the network: every site under its `/<key>/` prefix |
 * | `/robots.txt` on a site's own host | that site (rewritten to `/:site/robots.txt` by the site resolver) |
 * | `/:site/robots.txt` | that site, with the paths as seen from the request |
 *
 * Everything public is allowed; the newsroom, its API and search result pages are not (see
 * core/sitemaps/robots-txt.ts); the `Sitemap:` lines give the absolute URL of the sitemap
 * index of the host.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { buildRobotsTxt } from '../../../core/sitemaps/robots-txt.ts';
import { SITEMAP_FILES } from '../../../core/sitemaps/sitemap.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { PAGE_CACHE_CONTROL, publicSiteContext, sendNotFound, type SiteParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** Path word of the search page, on the network root and on every site (`/tim-kiem`, `/langson/tim-kiem`). */
export const SEARCH_PATH_WORD = 'tim-kiem';

function sendText(reply: FastifyReply, text: string): FastifyReply {
  return reply.code(200).header('cache-control', PAGE_CACHE_CONTROL).type('text/plain; charset=utf-8').send(text);
}

/** Registers the network's and the sites' `robots.txt`. */
export function registerRobotsRoutes(app: FastifyInstance, core: Core): void {
  const networkRoute = '/robots.txt';
  app.get(networkRoute, async (_request, reply) => {
    const origin = core.config.publicUrl;
    const sites = core.sites.list().filter((s) => s.status === 'active');
    return sendText(
      reply,
      buildRobotsTxt({
        title: `robots.txt – ${NETWORK_NAME}`,
        searchPaths: [`/${SEARCH_PATH_WORD}`, ...sites.map((s) => `/${s.key}/${SEARCH_PATH_WORD}`)],
        sitemapUrls: [`${origin}/${SITEMAP_FILES.index}`],
      }),
    );
  });
  registerPageMethods(app, core, networkRoute);

  const siteRoute = '/:site/robots.txt';
  app.get<{ Params: SiteParams }>(siteRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    return sendText(
      reply,
      buildRobotsTxt({
        title: `robots.txt – ${ctx.site.name}`,
        searchPaths: [`${ctx.basePath}/${SEARCH_PATH_WORD}`],
        sitemapUrls: [`${ctx.origin}${ctx.basePath}/${SITEMAP_FILES.index}`],
      }),
    );
  });
  registerPageMethods(app, core, siteRoute);
}
