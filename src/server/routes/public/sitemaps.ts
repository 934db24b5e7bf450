/**
 * Sitemaps (sitemaps.org 0.9) and the Google News sitemap.
 *
 * | route | file |
 * |---|---|
 * | `/:site/sitemap.xml` | a site's sitemap index: its listing sitemap, its article sitemaps, its news sitemap |
 * | `/:site/sitemap-danh-muc.xml` | home page, categories and tags with visible articles |
 * | `/:site/sitemap-bai-viet-N.xml` | articles, 10,000 per file in id order (N from 1) |
 * | `/:site/sitemap-news.xml` | Google News: articles published in the last two days |
 * | `/sitemap.xml` | the network's index (default host): the network's pages and every active site's sitemaps |
 * | `/sitemap-mang-luoi.xml` | the network's own pages (root, about the demo data) |
 *
 * On a site's own host the same files answer at the root (`/sitemap.xml` is then the site's
 * index). Every file sits at the root of what it lists (sitemaps.org, "Sitemap file
 * location"), and indexes list sitemaps only, never other indexes. Only what the public may
 * see at the core clock's `now` is listed. A file with nothing to list (an article page past
 * the last, a news sitemap with no article in two days) answers 404 instead of an empty
 * `<urlset>`, which the protocol's schema does not allow; indexes list only files that exist.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { listCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { categoriesWithContent, renderSitemapIndex, renderUrlSet, type SitemapIndexEntry } from '../../../core/sitemaps/render-sitemap.ts';
import { ARTICLE_SITEMAP_PREFIX, newsPublicationDate, parseSitemapPage, SITEMAP_FILES, SITEMAP_PAGE_SIZE } from '../../../core/sitemaps/sitemap.ts';
import {
  countSitemapArticles,
  listArticleSitemapRows,
  listListingSitemapRows,
  listNewsSitemapRows,
} from '../../../core/sitemaps/sitemap.repository.ts';
import type { Site } from '../../../core/sites/site.ts';
import { networkLinks, siteLinks, type LinkContext } from '../../../theme/view-models/links.ts';
import { PAGE_CACHE_CONTROL, publicSiteContext, sendNotFound, type SiteParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** `Content-Type` of sitemaps (sitemaps.org: UTF-8 XML). */
const SITEMAP_CONTENT_TYPE = 'application/xml; charset=utf-8';

function sendXml(reply: FastifyReply, xml: string): FastifyReply {
  return reply.code(200).header('cache-control', PAGE_CACHE_CONTROL).type(SITEMAP_CONTENT_TYPE).send(xml);
}

/** Absolute URL of a file at a site's root, as seen from one request. */
function siteFileUrl(ctx: LinkContext, file: string): string {
  return `${ctx.origin}${ctx.basePath}/${file}`;
}

/**
 * The sitemaps of one site for an index: the listing sitemap, one article sitemap per
 * `pageSize` visible articles, and the news sitemap when it has something to list.
 */
async function siteSitemapEntries(core: Core, ctx: LinkContext, site: Site, articleCount: number, now: Date): Promise<SitemapIndexEntry[]> {
  const entries: SitemapIndexEntry[] = [{ url: siteFileUrl(ctx, SITEMAP_FILES.listings), lastModified: null }];
  const pages = Math.ceil(articleCount / SITEMAP_PAGE_SIZE);
  for (let page = 1; page <= pages; page++) entries.push({ url: siteFileUrl(ctx, SITEMAP_FILES.articles(page)), lastModified: null });
  const news = await listNewsSitemapRows(core.db, site.id, now);
  if (news.length) entries.push({ url: siteFileUrl(ctx, SITEMAP_FILES.news), lastModified: news.reduce((max, n) => (n.lastModified > max ? n.lastModified : max), news[0]!.lastModified) });
  return entries;
}

/** Registers the site and network sitemaps. */
export function registerSitemapRoutes(app: FastifyInstance, core: Core): void {
  const siteIndexRoute = `/:site/${SITEMAP_FILES.index}`;
  app.get<{ Params: SiteParams }>(siteIndexRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const now = core.clock();
    const count = (await countSitemapArticles(core.db, [ctx.site.id], now)).get(ctx.site.id) ?? 0;
    return sendXml(reply, await renderSitemapIndex(await siteSitemapEntries(core, ctx, ctx.site, count, now)));
  });
  registerPageMethods(app, core, siteIndexRoute);

  const listingRoute = `/:site/${SITEMAP_FILES.listings}`;
  app.get<{ Params: SiteParams }>(listingRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const now = core.clock();
    const links = siteLinks(ctx);
    const [rows, tree] = await Promise.all([listListingSitemapRows(core.db, ctx.site.id, now), listCategoryTree(core.db, ctx.site.id)]);
    const categories = categoriesWithContent(tree, new Set(rows.categoryIds));
    return sendXml(
      reply,
      await renderUrlSet([
        { url: links.absolute(links.home), lastModified: rows.newestPublishedAt },
        ...categories.map((c) => ({ url: links.absolute(links.category(c.slug)), lastModified: null })),
        ...rows.tagSlugs.map((slug) => ({ url: links.absolute(links.tag(slug)), lastModified: null })),
      ]),
    );
  });
  registerPageMethods(app, core, listingRoute);

  const newsRoute = `/:site/${SITEMAP_FILES.news}`;
  app.get<{ Params: SiteParams }>(newsRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const links = siteLinks(ctx);
    const rows = await listNewsSitemapRows(core.db, ctx.site.id, core.clock());
    if (!rows.length) return sendNotFound(reply);
    return sendXml(
      reply,
      await renderUrlSet(
        rows.map((r) => ({
          url: links.absolute(links.article(r.slug)),
          lastModified: r.lastModified,
          news: { publicationName: ctx.site.name, title: r.title, publicationDate: newsPublicationDate(r.publishedAt, r.publishedPrecision) },
        })),
      ),
    );
  });
  registerPageMethods(app, core, newsRoute);

  const articlesRoute = `/:site/${ARTICLE_SITEMAP_PREFIX}:page.xml`;
  app.get<{ Params: SiteParams & { page: string } }>(articlesRoute, async (request, reply) => {
    const page = parseSitemapPage(request.params.page);
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx || page === null) return sendNotFound(reply);
    const links = siteLinks(ctx);
    const rows = await listArticleSitemapRows(core.db, ctx.site.id, core.clock(), page);
    if (!rows.length) return sendNotFound(reply);
    return sendXml(reply, await renderUrlSet(rows.map((r) => ({ url: links.absolute(links.article(r.slug)), lastModified: r.lastModified }))));
  });
  registerPageMethods(app, core, articlesRoute);

  const networkPagesRoute = `/${SITEMAP_FILES.network}`;
  app.get(networkPagesRoute, async (_request, reply) => {
    const origin = core.config.publicUrl;
    return sendXml(
      reply,
      await renderUrlSet([
        { url: `${origin}${networkLinks.home}`, lastModified: null },
        { url: `${origin}${networkLinks.aboutDemoData}`, lastModified: null },
      ]),
    );
  });
  registerPageMethods(app, core, networkPagesRoute);

  const networkIndexRoute = `/${SITEMAP_FILES.index}`;
  app.get(networkIndexRoute, async (_request, reply) => {
    const now = core.clock();
    const origin = core.config.publicUrl;
    const sites = core.sites.list().filter((s) => s.status === 'active');
    const counts = await countSitemapArticles(core.db, sites.map((s) => s.id), now);
    const entries: SitemapIndexEntry[] = [{ url: `${origin}/${SITEMAP_FILES.network}`, lastModified: null }];
    for (const site of sites) {
      const ctx = { basePath: `/${site.key}`, origin, networkUrl: `${origin}/` };
      entries.push(...(await siteSitemapEntries(core, ctx, site, counts.get(site.id) ?? 0, now)));
    }
    return sendXml(reply, await renderSitemapIndex(entries));
  });
  registerPageMethods(app, core, networkIndexRoute);
}
