/**
 * Turns feed articles (feed-article.repository.ts) into feed entries (feed.ts): absolute
 * URLs, Vietnam-time dates, the body with absolute links and its source credit, the cover as
 * an enclosure. URLs are built by the caller (the HTTP edge knows the site's host and path
 * scheme), so this module stays free of HTTP.
 */
import { absolutizeBodyUrls, sourceCreditHtml, textAsHtml } from './feed-html.ts';
import type { FeedArticle, FeedCover } from './feed-article.repository.ts';
import { publicationInstant, VietnamTime } from './feed-dates.ts';
import type { FeedEntry, FeedImage } from './feed.ts';

/** Absolute URLs of one site as seen from the request the feed answers. */
export interface FeedSiteUrls {
  /** Origin used to resolve the body's site-relative URLs, e.g. `https://langson.example.vn`. */
  origin: string;
  /** Absolute URL of an article page (its canonical URL). */
  article(slug: string): string;
  /** Absolute URL of the site's categories, as a taxonomy (`…/chuyen-muc`). */
  categoryScheme: string;
  /** Absolute URL of the site's tags, as a taxonomy (`…/the`). */
  tagScheme: string;
  /** Absolute URL of a stored media file. */
  media(storageKey: string): string;
}

/** Widest JPEG derivative to offer as a feed image: big enough for any reader, not huge. */
const PREFERRED_IMAGE_WIDTH = 1024;

/**
 * The image offered with an entry: a JPEG derivative about 1024 px wide when there is one
 * (every reader understands JPEG), else the largest JPEG, else the stored original.
 */
export function feedImageOf(cover: FeedCover, media: (storageKey: string) => string): FeedImage {
  const jpegs = cover.variants.filter((v) => v.format === 'jpeg' && v.width > 0).sort((a, b) => a.width - b.width);
  const pick = jpegs.find((v) => v.width >= PREFERRED_IMAGE_WIDTH) ?? jpegs[jpegs.length - 1];
  if (pick) return { url: media(pick.key), type: 'image/jpeg', bytes: Number(pick.bytes ?? 0) };
  return { url: media(cover.storageKey), type: cover.mimeType, bytes: cover.bytes };
}

/**
 * Builds the feed entry of an article.
 *
 * @param article a visible article (from {@link listFeedArticles})
 * @param urls the URLs of the article's site for this request
 * @param origin for network feeds, the site it comes from (name and its RSS feed URL); null otherwise
 * @returns the entry: guid/id = the canonical article URL; `published` at Vietnam midnight for
 *   a date-only article; `updated` never before `published`; content = body (or the lead, or
 *   the title, when the body is empty) with absolute URLs, then "Nguồn: …" when a source is credited
 */
export function toFeedEntry(article: FeedArticle, urls: FeedSiteUrls, origin: FeedEntry['origin'] = null): FeedEntry {
  const published = publicationInstant(article.publishedAt, article.publishedPrecision);
  const updatedAt = new Date(article.updatedAt).getTime();
  const updated = new VietnamTime(Number.isNaN(updatedAt) ? published.getTime() : Math.max(updatedAt, published.getTime()));
  const source = article.sourceName ? { name: article.sourceName, url: article.sourceUrl } : null;
  const body = article.body.trim()
    ? absolutizeBodyUrls(article.body, urls.origin)
    : `<p>${textAsHtml(article.lead?.trim() || article.title)}</p>`;
  return {
    url: urls.article(article.slug),
    title: article.title,
    summary: article.lead?.trim() ? article.lead.trim() : null,
    contentHtml: source ? `${body}\n${sourceCreditHtml(source)}` : body,
    published,
    updated,
    author: article.byline?.trim() ? article.byline.trim() : null,
    source,
    categories: article.categories.map((c) => ({ name: c.name, slug: c.slug, scheme: urls.categoryScheme })),
    tags: article.tags.map((t) => ({ name: t.name, slug: t.slug, scheme: urls.tagScheme })),
    image: article.cover ? feedImageOf(article.cover, urls.media) : null,
    origin,
  };
}
