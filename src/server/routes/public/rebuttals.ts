/**
 * "Thông tin phản bác" (rebuttals, issue "Rapid-response desk" item 4), public side:
 *
 * | route | page |
 * |---|---|
 * | `/thong-tin-phan-bac?trang=N` | every rebuttal of the network once (not its syndicated copies), newest first |
 * | `/:site/thong-tin-phan-bac?trang=N` | a site's rebuttals, the copies it carries included |
 * | `/thong-tin-phan-bac/rss.xml`, `/atom.xml`, `/feed.json` | the network list as feeds |
 * | `/:site/thong-tin-phan-bac/rss.xml` … | a site's list as feeds |
 *
 * Only what the one visibility rule lets the public see is listed (core/rapid-response/
 * rebuttal.repository.ts). A page past the last answers 404; a bad `trang` 400. Also the claim
 * review of a rebuttal's article page ({@link claimReviewOfArticle}), used by article.ts.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import type { ClaimReview, WithContext } from 'schema-dts';
import { listCategoryTree, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { FEED_CONTENT_TYPES, FEED_FILE_NAMES, FEED_FORMATS, feedPath, type FeedChannel, type FeedEntry, type FeedFormat } from '../../../core/feeds/feed.ts';
import { feedArticlesByIds } from '../../../core/feeds/feed-article.repository.ts';
import { toFeedEntry } from '../../../core/feeds/feed-entries.ts';
import { renderFeed } from '../../../core/feeds/render-feed.ts';
import { articleUrlOnNetwork } from '../../../core/network/syndication.ts';
import { findPublicClaimReview, listLatestRebuttalIds, listPublicRebuttals } from '../../../core/rapid-response/rebuttal.repository.ts';
import { formatWeekdayDate } from '../../../core/text/index.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { NetworkRebuttalsPage, SiteRebuttalsPage, type RebuttalsListingView } from '../../../theme/pages/rebuttals-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import type { ArticlePageView } from '../../../theme/view-models/article-page.ts';
import {
  REBUTTALS_PATH_WORD,
  REBUTTALS_TITLE,
  rebuttalsPath,
  toClaimReviewBox,
  toClaimReviewJsonLd,
  toRebuttalCard,
  type ClaimReviewBoxView,
} from '../../../theme/view-models/claim-review.ts';
import { siteLinks, type LinkContext } from '../../../theme/view-models/links.ts';
import { documentTitle, feedLinks, pageMeta, type PageMeta } from '../../../theme/view-models/page-meta.ts';
import { buildPagination } from '../../../theme/view-models/pagination.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import type { SiteContext } from '../../plugins/site-resolver.ts';
import { feedSiteUrls } from './feeds.ts';
import { PAGE_CACHE_CONTROL, publicSiteContext, readPageNumber, sendNotFound, sendPage, type SiteParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** Rebuttals per list page. */
export const REBUTTALS_PAGE_SIZE = 20;

/** How many rebuttals a feed carries. */
const REBUTTALS_FEED_LIMIT = 50;

/** The link context of a site as reached on the network's default host (`/<key>/…`). */
function networkSiteContext(core: Core, siteKey: string): LinkContext {
  return { basePath: `/${siteKey}`, origin: core.config.publicUrl, networkUrl: `${core.config.publicUrl}/` };
}

/**
 * The claim review of an article page: for a visible rebuttal linked to a case (or a
 * syndicated copy following one), the box shown before its body and the page's JSON-LD with
 * the `ClaimReview` beside the `NewsArticle`.
 * @param ctx the request's site context (for the rebuttal's own canonical URL and publisher)
 * @param articleId the article the page shows (already found visible)
 * @param view the page's view (its canonical URL — the original's for a copy — and source)
 * @returns null when the article is no rebuttal with a case
 */
export async function claimReviewOfArticle(
  core: Core,
  ctx: SiteContext,
  articleId: number,
  view: ArticlePageView,
): Promise<{ box: ClaimReviewBoxView; meta: PageMeta } | null> {
  const review = await findPublicClaimReview(core.db, articleId, core.clock());
  if (!review) return null;
  let url = view.canonicalUrl;
  const links = siteLinks(ctx);
  let author = { name: ctx.site.organisationName ?? ctx.site.name, url: links.absolute(links.home) };
  if (review.viaCopy) {
    // A copy reviews nothing of its own: the original's URL and organisation are named.
    const origin = core.sites.getById(review.rebuttal.siteId);
    if (!origin) return null;
    url = articleUrlOnNetwork(core.config.publicUrl, origin.key, review.rebuttal.slug);
    author = { name: origin.organisationName ?? origin.name, url: `${core.config.publicUrl}/${origin.key}/` };
  }
  const jsonLd: WithContext<ClaimReview> | null = toClaimReviewJsonLd(review, { url, author });
  const meta = jsonLd ? { ...view.meta, jsonLd: [view.meta.jsonLd, jsonLd].filter((x) => x) } : view.meta;
  return { box: toClaimReviewBox(review, view.source), meta };
}

function sendFeed(reply: FastifyReply, format: FeedFormat, channel: FeedChannel, entries: FeedEntry[]): FastifyReply {
  return reply.code(200).header('cache-control', PAGE_CACHE_CONTROL).type(FEED_CONTENT_TYPES[format]).send(renderFeed(channel, entries, format));
}

/** Registers the network and site rebuttal lists and their feeds. */
export function registerRebuttalRoutes(app: FastifyInstance, core: Core): void {
  const networkRoute = `/${REBUTTALS_PATH_WORD}`;
  app.get(networkRoute, async (request, reply) => {
    const page = readPageNumber(request.query);
    const now = core.clock();
    const result = await listPublicRebuttals(core.db, now, { page, perPage: REBUTTALS_PAGE_SIZE });
    if (page > result.pageCount) return sendNotFound(reply);
    const origin = core.config.publicUrl;
    const items = result.items.flatMap((item) => {
      const site = core.sites.getById(item.summary.siteId);
      return site ? [toRebuttalCard(item, siteLinks(networkSiteContext(core, site.key)), site.name)] : [];
    });
    const pagination = buildPagination(page, result.pageCount, (n) => rebuttalsPath('/', n));
    const description = 'Thông tin chính thức phản bác, cải chính thông tin sai sự thật, đã được các cổng và trang thông tin điện tử trong mạng lưới kiểm chứng.';
    const canonicalUrl = `${origin}${rebuttalsPath('/', page)}`;
    const title = page > 1 ? `${REBUTTALS_TITLE} – Trang ${page}` : REBUTTALS_TITLE;
    const meta = pageMeta(documentTitle(title, NETWORK_NAME), {
      description,
      canonicalUrl,
      prevUrl: pagination?.prevUrl ? `${origin}${pagination.prevUrl}` : null,
      nextUrl: pagination?.nextUrl ? `${origin}${pagination.nextUrl}` : null,
      feeds: feedLinks(rebuttalsPath('/'), `${REBUTTALS_TITLE} – toàn mạng lưới`),
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: title },
        { property: 'og:description', content: description },
        { property: 'og:url', content: canonicalUrl },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    const view: RebuttalsListingView = {
      description,
      breadcrumbs: [{ name: 'Mạng lưới', url: '/' }, { name: REBUTTALS_TITLE }],
      items,
      total: result.total,
      pagination,
      networkSectionUrl: null,
    };
    return sendPage(reply, renderDocument(h(NetworkRebuttalsPage, { meta, today: formatWeekdayDate(now), view })));
  });
  registerPageMethods(app, core, networkRoute);

  const siteRoute = `/:site/${REBUTTALS_PATH_WORD}`;
  app.get<{ Params: SiteParams }>(siteRoute, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const page = readPageNumber(request.query);
    const { site } = ctx;
    const links = siteLinks(ctx);
    const now = core.clock();
    const result = await listPublicRebuttals(core.db, now, { siteId: site.id, page, perPage: REBUTTALS_PAGE_SIZE });
    if (page > result.pageCount) return sendNotFound(reply);
    const pagination = buildPagination(page, result.pageCount, (n) => rebuttalsPath(links.home, n));
    const description = `Thông tin chính thức phản bác, cải chính thông tin sai sự thật đăng trên ${site.name}.`;
    const canonicalUrl = links.absolute(rebuttalsPath(links.home, page));
    const title = page > 1 ? `${REBUTTALS_TITLE} – Trang ${page}` : REBUTTALS_TITLE;
    const meta = pageMeta(documentTitle(title, site.name), {
      description,
      canonicalUrl,
      prevUrl: pagination?.prevUrl ? links.absolute(pagination.prevUrl) : null,
      nextUrl: pagination?.nextUrl ? links.absolute(pagination.nextUrl) : null,
      feeds: feedLinks(rebuttalsPath(links.home), `${REBUTTALS_TITLE} – ${site.name}`),
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: title },
        { property: 'og:description', content: description },
        { property: 'og:url', content: canonicalUrl },
        { property: 'og:site_name', content: site.name },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    const view: RebuttalsListingView = {
      description,
      breadcrumbs: [{ name: 'Trang chủ', url: links.home }, { name: REBUTTALS_TITLE }],
      items: result.items.map((item) => toRebuttalCard(item, links, null)),
      total: result.total,
      pagination,
      networkSectionUrl: `${ctx.networkUrl}${REBUTTALS_PATH_WORD}`,
    };
    const chrome = toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, await listCategoryTree(core.db, site.id)), links, now);
    return sendPage(reply, renderDocument(h(SiteRebuttalsPage, { chrome, meta, view })));
  });
  registerPageMethods(app, core, siteRoute);

  for (const format of FEED_FORMATS) {
    const file = FEED_FILE_NAMES[format];

    const networkFeed = `/${REBUTTALS_PATH_WORD}/${file}`;
    app.get(networkFeed, async (_request, reply) => {
      const now = core.clock();
      const origin = core.config.publicUrl;
      const ids = await listLatestRebuttalIds(core.db, now, { limit: REBUTTALS_FEED_LIMIT });
      const entries: FeedEntry[] = [];
      for (const article of await feedArticlesByIds(core.db, ids, now)) {
        const site = core.sites.getById(article.siteId);
        if (!site || site.status !== 'active') continue;
        const ctx = networkSiteContext(core, site.key);
        entries.push(toFeedEntry(article, feedSiteUrls(ctx), { name: site.name, feedUrl: `${origin}${feedPath(ctx.basePath, 'rss')}` }));
      }
      const base = rebuttalsPath('/');
      const channel: FeedChannel = {
        title: `${REBUTTALS_TITLE} – ${NETWORK_NAME}`,
        description: 'Thông tin chính thức phản bác thông tin sai sự thật, trên mọi cổng và trang thông tin điện tử của mạng lưới.',
        pageUrl: `${origin}${base}`,
        feedUrls: { rss: `${origin}${feedPath(base, 'rss')}`, atom: `${origin}${feedPath(base, 'atom')}`, json: `${origin}${feedPath(base, 'json')}` },
        publisher: { name: NETWORK_NAME, url: `${origin}/` },
        rights: 'Ghi rõ nguồn (tên cổng, trang thông tin điện tử đăng tin) khi phát hành lại thông tin.',
        emptyUpdatedAt: now,
      };
      return sendFeed(reply, format, channel, entries);
    });
    registerPageMethods(app, core, networkFeed);

    const siteFeed = `/:site/${REBUTTALS_PATH_WORD}/${file}`;
    app.get<{ Params: SiteParams }>(siteFeed, async (request, reply) => {
      const ctx = publicSiteContext(core, request, request.params.site);
      if (!ctx) return sendNotFound(reply);
      const now = core.clock();
      const { site } = ctx;
      const links = siteLinks(ctx);
      const ids = await listLatestRebuttalIds(core.db, now, { siteId: site.id, limit: REBUTTALS_FEED_LIMIT });
      const urls = feedSiteUrls(ctx);
      const entries = (await feedArticlesByIds(core.db, ids, now)).map((a) => toFeedEntry(a, urls));
      const base = rebuttalsPath(links.home);
      const channel: FeedChannel = {
        title: `${REBUTTALS_TITLE} – ${site.name}`,
        description: `Thông tin chính thức phản bác thông tin sai sự thật đăng trên ${site.name}.`,
        pageUrl: links.absolute(base),
        feedUrls: { rss: links.absolute(feedPath(base, 'rss')), atom: links.absolute(feedPath(base, 'atom')), json: links.absolute(feedPath(base, 'json')) },
        publisher: { name: site.organisationName ?? site.name, url: links.absolute(links.home) },
        rights: `Ghi rõ nguồn “${site.name}” khi phát hành lại thông tin.`,
        emptyUpdatedAt: now,
      };
      return sendFeed(reply, format, channel, entries);
    });
    registerPageMethods(app, core, siteFeed);
  }
}
