/**
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) of a site, a category, a tag or the whole network:
 * the formats, their file names and media types, and the format-neutral shape a feed is built
 * from. Everything here is plain data; building the documents is render-feed.ts, reading the
 * articles feed-article.repository.ts, and turning an article into an entry feed-entries.ts.
 */

/** The feed formats served for every feed. */
export const FEED_FORMATS = ['rss', 'atom', 'json'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/**
 * The file name of each format, appended to the path of what the feed follows
 * (`/langson/rss.xml`, `/langson/chuyen-muc/thoi-su/atom.xml`, `/feed.json`).
 */
export const FEED_FILE_NAMES: Readonly<Record<FeedFormat, string>> = {
  rss: 'rss.xml',
  atom: 'atom.xml',
  json: 'feed.json',
};

/**
 * `Content-Type` of each format. Sources: RSS Advisory Board (application/rss+xml), RFC 4287
 * §7 (application/atom+xml), JSON Feed 1.1 (application/feed+json).
 */
export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** The bare media type of each format, as `<link rel="alternate" type="…">` names it. */
export const FEED_MEDIA_TYPES: Readonly<Record<FeedFormat, string>> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  json: 'application/feed+json',
};

/** How readers know each format ("RSS", "Atom", "JSON Feed"). */
export const FEED_FORMAT_LABELS: Readonly<Record<FeedFormat, string>> = {
  rss: 'RSS',
  atom: 'Atom',
  json: 'JSON Feed',
};

/** How many articles a feed carries: the latest ones the public may see. */
export const FEED_ITEM_LIMIT = 50;

/**
 * The path of a feed file under a base path.
 * @param basePath path of what the feed follows, without trailing slash: `''` for the root of a
 *   host, `/langson`, `/langson/chuyen-muc/thoi-su`
 * @returns e.g. `/langson/rss.xml`
 */
export function feedPath(basePath: string, format: FeedFormat): string {
  return `${basePath.replace(/\/+$/, '')}/${FEED_FILE_NAMES[format]}`;
}

/** The feed as a whole (channel). Every URL is absolute. */
export interface FeedChannel {
  /** Plain text, e.g. "Trang thông tin điện tử Sở TTTT Lạng Sơn". */
  title: string;
  /** Plain text. */
  description: string;
  /** The HTML page the feed follows (home, category or tag page); also the Atom feed id. */
  pageUrl: string;
  /** Absolute URL of each format of this feed (self links). */
  feedUrls: Record<FeedFormat, string>;
  /** Who publishes it (Atom feed author, JSON Feed authors). */
  publisher: { name: string; url: string };
  /** Rights statement, plain text (RSS copyright, Atom rights). */
  rights: string;
  /** When the feed last changed; used when it has no entries (otherwise the newest entry's). */
  emptyUpdatedAt: Date;
}

/** A category or tag of an entry. */
export interface FeedTerm {
  /** Shown name, plain text. */
  name: string;
  /** Slug (Atom `term`). */
  slug: string;
  /** Absolute URL of the taxonomy the term belongs to (the site's categories or tags). */
  scheme: string;
}

/** An image that goes with an entry (RSS enclosure, JSON Feed image). */
export interface FeedImage {
  url: string;
  /** Media type, e.g. `image/jpeg`. */
  type: string;
  /** Size in bytes; 0 when unknown. */
  bytes: number;
}

/** One entry of a feed: an article as a feed reader shows it. Every URL is absolute. */
export interface FeedEntry {
  /** The canonical article URL; also the RSS guid, Atom id and JSON Feed id. */
  url: string;
  /** Plain text (NFC), unescaped. */
  title: string;
  /** The lead (sapo), plain text; null when the article has none. */
  summary: string | null;
  /** The body as HTML (sanitised on write, URLs made absolute, source credited). */
  contentHtml: string;
  /** When it was published: the real instant, or Vietnam midnight for a date-only article. */
  published: Date;
  /** When it last changed (never before `published`). */
  updated: Date;
  /** The byline, or null. */
  author: string | null;
  /** The organisation (or name) credited as source ("Nguồn"), or null. */
  source: { name: string; url: string | null } | null;
  categories: FeedTerm[];
  tags: FeedTerm[];
  image: FeedImage | null;
  /** For network feeds: the site the entry comes from (RSS `<source>`). */
  origin: { name: string; feedUrl: string } | null;
}
