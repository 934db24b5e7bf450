/**
 * What goes into a page's `<head>` besides the stylesheet: title, description, canonical
 * link, robots, Open Graph, pagination links, feed autodiscovery links and JSON-LD.
 */
import { FEED_FORMAT_LABELS, FEED_FORMATS, FEED_MEDIA_TYPES, feedPath } from '../../core/feeds/feed.ts';

/** One `<meta property="…" content="…">` of Open Graph (og:*, article:*). */
export interface OpenGraphTag {
  property: string;
  content: string;
}

/**
 * A feed announced in the head (`<link rel="alternate" type="application/rss+xml" title href>`),
 * so browsers and feed readers find it from the page (RSS Autodiscovery, RSS Advisory Board;
 * Atom: RFC 4287 §7 media type; JSON Feed 1.1 "Discovery").
 */
export interface FeedLinkView {
  /** Media type of the feed, e.g. `application/rss+xml`. */
  type: string;
  /** Vietnamese title readers see when choosing a feed, e.g. "Tin mới – Sở TTTT Lạng Sơn (RSS)". */
  title: string;
  /** Root-relative URL of the feed. */
  href: string;
}

/** Head metadata of a page. */
export interface PageMeta {
  /** The document title, e.g. "Tiêu đề bài – Trang thông tin điện tử Sở TTTT Lạng Sơn". */
  title: string;
  description: string | null;
  /** Absolute canonical URL, or null (error pages). */
  canonicalUrl: string | null;
  /** e.g. "noindex" for print views and error pages; null for the default. */
  robots: string | null;
  openGraph: OpenGraphTag[];
  prevUrl: string | null;
  nextUrl: string | null;
  /** Feeds of what the page shows, most specific first (a category's before its site's). */
  feeds: FeedLinkView[];
  /** A JSON-LD object, or a list of them (one block each); serialised safely by the document component. */
  jsonLd: unknown;
}

/**
 * Builds page metadata with defaults for everything not given.
 * @param title the document title
 */
export function pageMeta(title: string, rest: Partial<Omit<PageMeta, 'title'>> = {}): PageMeta {
  return {
    title,
    description: rest.description ?? null,
    canonicalUrl: rest.canonicalUrl ?? null,
    robots: rest.robots ?? null,
    openGraph: rest.openGraph ?? [],
    prevUrl: rest.prevUrl ?? null,
    nextUrl: rest.nextUrl ?? null,
    feeds: rest.feeds ?? [],
    jsonLd: rest.jsonLd ?? null,
  };
}

/**
 * The same metadata with another canonical URL (also `og:url`, which Open Graph defines as the
 * canonical URL, and the JSON-LD's `url` and `mainEntityOfPage`): a syndicated copy sends
 * search engines to its original, so the copy is not indexed as a duplicate (Google Search Central, "Consolidate duplicate URLs": rel=canonical
 * across domains for syndicated content).
 * @param url absolute URL of the original page
 */
export function withCanonicalUrl(meta: PageMeta, url: string): PageMeta {
  // The JSON-LD of an article names its page too (schema.org `url`, `mainEntityOfPage`).
  let jsonLd = meta.jsonLd;
  if (jsonLd && typeof jsonLd === 'object' && !Array.isArray(jsonLd)) {
    const record = jsonLd as Record<string, unknown>;
    jsonLd = {
      ...record,
      ...('url' in record ? { url } : {}),
      ...('mainEntityOfPage' in record ? { mainEntityOfPage: { '@type': 'WebPage', '@id': url } } : {}),
    };
  }
  return { ...meta, canonicalUrl: url, jsonLd, openGraph: meta.openGraph.map((tag) => (tag.property === 'og:url' ? { ...tag, content: url } : tag)) };
}

/** "Page title – Site name"; the site name alone when the two are the same. */
export function documentTitle(pageTitle: string, siteName: string): string {
  return pageTitle === siteName ? siteName : `${pageTitle} – ${siteName}`;
}

/**
 * The autodiscovery links of one feed in its three formats (RSS, Atom, JSON Feed).
 * @param pagePath root-relative path of what the feed follows, as page links give it: `/` or
 *   `/langson/` (a home page), `/langson/chuyen-muc/thoi-su` (a category); its feeds are
 *   `<path>/rss.xml`, `<path>/atom.xml`, `<path>/feed.json`
 * @param subject what the feed carries, in Vietnamese, e.g. "Tin mới – Sở TTTT Lạng Sơn"; the
 *   format's name is added in brackets
 */
export function feedLinks(pagePath: string, subject: string): FeedLinkView[] {
  return FEED_FORMATS.map((format) => ({
    type: FEED_MEDIA_TYPES[format],
    title: `${subject} (${FEED_FORMAT_LABELS[format]})`,
    href: feedPath(pagePath, format),
  }));
}

/** The autodiscovery links of a site's own feeds (its latest articles). */
export function siteFeedLinks(homePath: string, siteName: string): FeedLinkView[] {
  return feedLinks(homePath, `Tin mới – ${siteName}`);
}

/** The autodiscovery links of the whole network's feeds, on the network root. */
export function networkFeedLinks(): FeedLinkView[] {
  return feedLinks('/', 'Tin mới toàn mạng lưới');
}

/**
 * Page metadata with more feeds announced after the page's own (e.g. every site page also
 * announces its site's feeds). A feed already announced is not repeated.
 */
export function withFeeds(meta: PageMeta, feeds: readonly FeedLinkView[]): PageMeta {
  const known = new Set(meta.feeds.map((f) => f.href));
  return { ...meta, feeds: [...meta.feeds, ...feeds.filter((f) => !known.has(f.href))] };
}
