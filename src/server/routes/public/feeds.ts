/**
 * Feeds: RSS 2.0, Atom 1.0 and JSON Feed 1.1 of the latest 50 articles the public may see.
 *
 * | route | feed |
 * |---|---|
 * | `/rss.xml`, `/atom.xml`, `/feed.json` | the whole network (default host; on a site's own host these are the site's) |
 * | `/:site/rss.xml`, `/:site/atom.xml`, `/:site/feed.json` | a site |
 * | `/:site/chuyen-muc/:slug/rss.xml` … | a category, its sub-categories included |
 * | `/:site/the/:slug/rss.xml` … | a tag |
 *
 * Unknown sites, categories and tags answer 404, as does a tag no visible article carries yet
 * (as its page does: the name could announce an embargoed item); a category or tag slug in
 * another spelling answers 301 to the canonical feed URL. Feeds are cached like pages
 * (`public, max-age=30`, capped by app.ts at the next scheduled publication) and carry an
 * ETag (app.ts). Every URL in them is absolute, from the site context's origin.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { findTagBySlug, listCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { FEED_CONTENT_TYPES, FEED_FILE_NAMES, FEED_FORMATS, feedPath, type FeedChannel, type FeedEntry, type FeedFormat } from '../../../core/feeds/feed.ts';
import { listFeedArticles, type FeedScope } from '../../../core/feeds/feed-article.repository.ts';
import { toFeedEntry, type FeedSiteUrls } from '../../../core/feeds/feed-entries.ts';
import { renderFeed } from '../../../core/feeds/render-feed.ts';
import type { Site } from '../../../core/sites/site.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { mediaUrl } from '../../../theme/view-models/image.ts';
import { PATH_WORDS, siteLinks, type LinkContext } from '../../../theme/view-models/links.ts';
import { categoryAndDescendantIds, findCategory } from '../../../theme/view-models/site-chrome.ts';
import type { SiteContext } from '../../plugins/site-resolver.ts';
import { findBySlug, PAGE_CACHE_CONTROL, publicSiteContext, sendCanonicalRedirect, sendNotFound, slugCandidates, type SiteParams, type SlugParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** Absolute URLs of a site's pages and media for feed entries, as seen from one request. */
export function feedSiteUrls(ctx: LinkContext): FeedSiteUrls {
  const links = siteLinks(ctx);
  return {
    origin: ctx.origin,
    article: (slug) => links.absolute(links.article(slug)),
    categoryScheme: links.absolute(`${ctx.basePath}/${PATH_WORDS.category}`),
    tagScheme: links.absolute(`${ctx.basePath}/${PATH_WORDS.tag}`),
    // Media is served under /media/ on every host (site-resolver's global prefixes).
    media: (key) => `${ctx.origin}${mediaUrl(key)}`,
  };
}

/** The path of what a feed follows, without trailing slash (`/langson`, `/langson/the/x`). */
function trimmedPath(path: string): string {
  return path.replace(/\/+$/, '');
}

/** The channel of a site's, category's or tag's feed. */
function siteChannel(ctx: SiteContext, pagePath: string, title: string, description: string, now: Date): FeedChannel {
  const links = siteLinks(ctx);
  const base = trimmedPath(pagePath);
  const site = ctx.site;
  return {
    title,
    description,
    pageUrl: links.absolute(pagePath),
    feedUrls: { rss: links.absolute(feedPath(base, 'rss')), atom: links.absolute(feedPath(base, 'atom')), json: links.absolute(feedPath(base, 'json')) },
    publisher: { name: site.organisationName ?? site.name, url: links.absolute(links.home) },
    rights: `Ghi rõ nguồn “${site.name}” khi phát hành lại thông tin.`,
    emptyUpdatedAt: now,
  };
}

function sendFeed(reply: FastifyReply, format: FeedFormat, channel: FeedChannel, entries: FeedEntry[]): FastifyReply {
  return reply.code(200).header('cache-control', PAGE_CACHE_CONTROL).type(FEED_CONTENT_TYPES[format]).send(renderFeed(channel, entries, format));
}

async function siteEntries(core: Core, ctx: SiteContext, scope: FeedScope, now: Date): Promise<FeedEntry[]> {
  const urls = feedSiteUrls(ctx);
  return (await listFeedArticles(core.db, scope, now)).map((a) => toFeedEntry(a, urls));
}

function siteDescription(site: Site): string {
  const tagline = typeof site.settings.tagline === 'string' ? site.settings.tagline.trim() : '';
  return tagline || `Tin, bài mới nhất của ${site.name}`;
}

/** Registers the network, site, category and tag feeds in every format. */
export function registerFeedRoutes(app: FastifyInstance, core: Core): void {
  for (const format of FEED_FORMATS) {
    const file = FEED_FILE_NAMES[format];

    const networkRoute = `/${file}`;
    app.get(networkRoute, async (_request, reply) => {
      const now = core.clock();
      const origin = core.config.publicUrl;
      const networkUrl = `${origin}/`;
      const entries: FeedEntry[] = [];
      for (const article of await listFeedArticles(core.db, { kind: 'network' }, now)) {
        const site = core.sites.getById(article.siteId);
        if (!site || site.status !== 'active') continue;
        const ctx = { basePath: `/${site.key}`, origin, networkUrl };
        entries.push(toFeedEntry(article, feedSiteUrls(ctx), { name: site.name, feedUrl: `${origin}${feedPath(ctx.basePath, 'rss')}` }));
      }
      const channel: FeedChannel = {
        title: NETWORK_NAME,
        description: 'Tin, bài mới nhất của các cổng và trang thông tin điện tử trong mạng lưới.',
        pageUrl: networkUrl,
        feedUrls: { rss: `${origin}${feedPath('', 'rss')}`, atom: `${origin}${feedPath('', 'atom')}`, json: `${origin}${feedPath('', 'json')}` },
        publisher: { name: NETWORK_NAME, url: networkUrl },
        rights: 'Ghi rõ nguồn (tên cổng, trang thông tin điện tử đăng tin) khi phát hành lại thông tin.',
        emptyUpdatedAt: now,
      };
      return sendFeed(reply, format, channel, entries);
    });
    registerPageMethods(app, core, networkRoute);

    const siteRoute = `/:site/${file}`;
    app.get<{ Params: SiteParams }>(siteRoute, async (request, reply) => {
      const ctx = publicSiteContext(core, request, request.params.site);
      if (!ctx) return sendNotFound(reply);
      const now = core.clock();
      const { site } = ctx;
      const channel = siteChannel(ctx, siteLinks(ctx).home, site.name, siteDescription(site), now);
      return sendFeed(reply, format, channel, await siteEntries(core, ctx, { kind: 'site', siteId: site.id }, now));
    });
    registerPageMethods(app, core, siteRoute);

    const categoryRoute = `/:site/${PATH_WORDS.category}/:slug/${file}`;
    app.get<{ Params: SlugParams }>(categoryRoute, async (request, reply) => {
      const ctx = publicSiteContext(core, request, request.params.site);
      if (!ctx || !slugCandidates(request.params.slug).length) return sendNotFound(reply);
      const { site } = ctx;
      const links = siteLinks(ctx);
      const tree = await listCategoryTree(core.db, site.id);
      const match = await findBySlug(request.params.slug, (slug) => findCategory(tree, slug));
      if (!match) return sendNotFound(reply);
      const { node } = match;
      if (node.slug !== request.params.slug) return sendCanonicalRedirect(reply, feedPath(links.category(node.slug), format));
      const now = core.clock();
      const title = `${node.name} – ${site.name}`;
      const channel = siteChannel(ctx, links.category(node.slug), title, node.description ?? `Tin, bài chuyên mục ${node.name} – ${site.name}`, now);
      const scope: FeedScope = { kind: 'categories', siteId: site.id, categoryIds: categoryAndDescendantIds(node) };
      return sendFeed(reply, format, channel, await siteEntries(core, ctx, scope, now));
    });
    registerPageMethods(app, core, categoryRoute);

    const tagRoute = `/:site/${PATH_WORDS.tag}/:slug/${file}`;
    app.get<{ Params: SlugParams }>(tagRoute, async (request, reply) => {
      const ctx = publicSiteContext(core, request, request.params.site);
      if (!ctx || !slugCandidates(request.params.slug).length) return sendNotFound(reply);
      const { site } = ctx;
      const links = siteLinks(ctx);
      const tag = await findBySlug(request.params.slug, (slug) => findTagBySlug(core.db, site.id, slug));
      if (!tag) return sendNotFound(reply);
      const now = core.clock();
      const entries = await siteEntries(core, ctx, { kind: 'tag', siteId: site.id, tagId: tag.id }, now);
      // Like the tag page: a tag no visible article carries is unknown to readers.
      if (!entries.length) return sendNotFound(reply);
      if (tag.slug !== request.params.slug) return sendCanonicalRedirect(reply, feedPath(links.tag(tag.slug), format));
      const channel = siteChannel(ctx, links.tag(tag.slug), `Thẻ “${tag.name}” – ${site.name}`, `Tin, bài gắn thẻ “${tag.name}” – ${site.name}`, now);
      return sendFeed(reply, format, channel, entries);
    });
    registerPageMethods(app, core, tagRoute);
  }
}
