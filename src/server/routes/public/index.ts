/**
 * The public, server-rendered site: registers every public page route and provides the
 * themed error pages app.ts sends. One route file per page.
 *
 * | route | page |
 * |---|---|
 * | `/` | network root (default host) |
 * | `/ve-du-lieu-mau` | about the demo data |
 * | `/:site/` | site home |
 * | `/:site/chuyen-muc/:slug?trang=N` | category |
 * | `/:site/the/:slug?trang=N` | tag |
 * | `/:site/tim-kiem?q=…`, `/tim-kiem?q=…` | search (site, network) |
 * | `/:site/bai-viet/:slug` | article |
 * | `/:site/bai-viet/:slug/in` | article, print view |
 * | `/xem-truoc/:token` | private preview of an article's current text (preview.ts) |
 * | `/thong-tin-phan-bac`, `/:site/thong-tin-phan-bac` (+ `/rss.xml`, `/atom.xml`, `/feed.json`) | rebuttals, network-wide and per site (rebuttals.ts) |
 * | `/:site/phan-anh-thong-tin-sai` (GET, POST) | the public report form for false information (report-form.ts) |
 * | `/:site/phan-anh-thong-tin-sai/theo-doi?ma=…` | the reporter's tracking page (report-tracking.ts) |
 * | `/rss.xml`, `/:site/rss.xml`, `/:site/chuyen-muc/:slug/atom.xml`, `/:site/the/:slug/feed.json` … | feeds (feeds.ts) |
 * | `/sitemap.xml`, `/:site/sitemap.xml`, `/:site/sitemap-bai-viet-N.xml`, `/:site/sitemap-news.xml` … | sitemaps (sitemaps.ts) |
 * | `/robots.txt`, `/:site/robots.txt` | robots.txt (robots.ts) |
 * | `/favicon.ico` | 301 to the theme's SVG icon |
 *
 * Pages are read-only: on each page URL, OPTIONS answers 204 and POST, PUT, DELETE, PATCH
 * answer 405 with `Allow` (page-methods.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { FAVICON_PLAIN_HREF } from '../../../theme/assets.ts';
import { registerAboutDemoDataRoute } from './about-demo-data.ts';
import { registerArticlePrintRoute } from './article-print.ts';
import { registerArticleRoute } from './article.ts';
import { registerCategoryRoute } from './category.ts';
import { registerFeedRoutes } from './feeds.ts';
import { registerNetworkHomeRoute } from './network-home.ts';
import { registerRobotsRoutes } from './robots.ts';
import { registerSiteHomeRoute } from './site-home.ts';
import { registerSitemapRoutes } from './sitemaps.ts';
import { registerTagRoute } from './tag.ts';
import { registerSearchRoutes } from './search.ts';
import { registerPreviewRoute } from './preview.ts';
import { registerRebuttalRoutes } from './rebuttals.ts';
import { registerReportFormRoutes } from './report-form.ts';
import { registerReportTrackingRoute } from './report-tracking.ts';

export { errorMessage, renderNetworkErrorPage, renderNotFound, renderServerError } from './error-pages.ts';

/**
 * Registers the public page routes on the app. Media (`/media/*`) is registered separately
 * by app.ts (media.ts).
 */
export async function registerPublicRoutes(app: FastifyInstance, core: Core): Promise<void> {
  registerNetworkHomeRoute(app, core);
  registerAboutDemoDataRoute(app, core);
  registerSiteHomeRoute(app, core);
  registerCategoryRoute(app, core);
  registerTagRoute(app, core);
  registerSearchRoutes(app, core);
  registerArticleRoute(app, core);
  registerArticlePrintRoute(app, core);
  registerPreviewRoute(app, core);
  registerRebuttalRoutes(app, core);
  registerReportFormRoutes(app, core);
  registerReportTrackingRoute(app, core);
  registerFeedRoutes(app, core);
  registerSitemapRoutes(app, core);
  registerRobotsRoutes(app, core);
  // Browsers ask for /favicon.ico on a first visit whatever the page links; point them to the
  // SVG icon instead of a 404. On a site's own hostname too (site-resolver.ts never prefixes it).
  app.get('/favicon.ico', async (_request, reply) =>
    reply.code(301).header('cache-control', 'public, max-age=86400').redirect(FAVICON_PLAIN_HREF, 301),
  );
}
