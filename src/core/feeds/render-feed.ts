/**
 * Writes a feed as RSS 2.0, Atom 1.0 or JSON Feed 1.1 with the `feed` library (never by
 * string concatenation). What the library leaves to its caller is done here, each in one
 * documented place:
 *
 * - Dates: entries and channel carry {@link VietnamTime} values, so the library's own date
 *   writing gives RFC 822 `+0700` (RSS) and RFC 3339 `+07:00` (Atom, JSON Feed).
 * - Text vs HTML: Atom `title`/`summary` are `type="html"` and RSS `description` is HTML by
 *   convention, so plain text goes there escaped ({@link textAsHtml}); RSS `title` and JSON
 *   Feed `title`/`summary` are plain text and go unescaped.
 * - RSS item titles: the library wraps them in one CDATA section whose writer (xml-js)
 *   escapes only the first `]]>`; a title is therefore written as CDATA pieces none of which
 *   contains `]]>` ({@link cdataPieces}), so any text survives. The other item texts we add
 *   (`dc:creator`, `dc:source`, `source`) are written the same way, because xml-js writes
 *   element text after turning any `&amp;` already in it back into `&`. Channel texts (title,
 *   description, rights) are the library's own elements and go through that writer: a site
 *   name that literally contains `&amp;` would lose its `amp;` (the XML stays well-formed).
 * - RSS `author` must be an e-mail address (RSS 2.0), so the byline goes in `dc:creator` and
 *   the credited source in `dc:source`; a network feed's item names its site in `<source>`.
 * - JSON Feed: the library writes version 1; the document is read back and given what 1.1
 *   adds (`version`, `language`, `authors`).
 */
import { Feed, type Extension, type Item } from 'feed';
import { textAsHtml } from './feed-html.ts';
import { VietnamTime } from './feed-dates.ts';
import type { FeedChannel, FeedEntry, FeedFormat } from './feed.ts';

/** The `generator` every feed names. */
export const FEED_GENERATOR = 'Cong';

/** JSON Feed version 1.1's version URL (https://www.jsonfeed.org/version/1.1/). */
export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

/**
 * Splits text into pieces none of which contains `]]>`, so that each can be its own CDATA
 * section and the concatenation reads back as the text: `a]]>b` → [`a]]`, `>b`].
 * @returns one piece for text without `]]>` (the common case)
 * Source: XML 1.0 §2.7 (a CDATA section ends at the first `]]>`).
 */
export function cdataPieces(text: string): string[] {
  return text.split(']]>').map((piece, i, all) => (i > 0 ? '>' : '') + piece + (i < all.length - 1 ? ']]' : ''));
}

/** When the feed last changed: its newest entry's update, else the channel's fallback. */
function feedUpdated(channel: FeedChannel, entries: readonly FeedEntry[]): VietnamTime {
  const newest = entries.reduce((max, e) => Math.max(max, e.updated.getTime()), Number.NEGATIVE_INFINITY);
  return new VietnamTime(Number.isFinite(newest) ? newest : channel.emptyUpdatedAt.getTime());
}

function createFeed(channel: FeedChannel, entries: readonly FeedEntry[]): Feed {
  return new Feed({
    id: channel.pageUrl,
    title: channel.title,
    description: channel.description,
    link: channel.pageUrl,
    language: 'vi',
    updated: feedUpdated(channel, entries),
    generator: FEED_GENERATOR,
    feedLinks: { rss: channel.feedUrls.rss, atom: channel.feedUrls.atom, json: channel.feedUrls.json },
    author: { name: channel.publisher.name, link: channel.publisher.url },
    copyright: channel.rights,
  });
}

function rssItem(entry: FeedEntry): Item {
  const extensions: Extension[] = [{ name: 'title', objects: { _cdata: cdataPieces(entry.title) } }];
  if (entry.author) extensions.push({ name: 'dc:creator', objects: { _cdata: cdataPieces(entry.author) } });
  if (entry.source) extensions.push({ name: 'dc:source', objects: { _cdata: cdataPieces(entry.source.url ?? entry.source.name) } });
  if (entry.origin) extensions.push({ name: 'source', objects: { _attributes: { url: entry.origin.feedUrl }, _cdata: cdataPieces(entry.origin.name) } });
  return {
    // Written by the `title` extension above (an empty title is left out by the library).
    title: '',
    link: entry.url,
    date: entry.published,
    ...(entry.summary ? { description: textAsHtml(entry.summary) } : {}),
    // Never empty (see toFeedEntry), which also makes the library declare the dc namespace.
    content: entry.contentHtml,
    category: [...entry.categories, ...entry.tags].map((t) => ({ name: t.name, domain: t.scheme })),
    ...(entry.image ? { enclosure: { url: entry.image.url, type: entry.image.type, length: entry.image.bytes } } : {}),
    extensions,
  };
}

function atomItem(entry: FeedEntry): Item {
  return {
    title: textAsHtml(entry.title),
    id: entry.url,
    link: entry.url,
    date: entry.updated,
    published: entry.published,
    ...(entry.summary ? { description: textAsHtml(entry.summary) } : {}),
    content: entry.contentHtml,
    ...(entry.author ? { author: [{ name: entry.author }] } : {}),
    // The library escapes `&` and `"` in attributes but not `<`: a name with `<` keeps only its
    // term (the slug), rather than making the document ill-formed.
    category: [...entry.categories, ...entry.tags].map((t) => ({ term: t.slug, scheme: t.scheme, ...(t.name.includes('<') ? {} : { name: t.name }) })),
  };
}

function jsonItem(entry: FeedEntry): Item {
  return {
    title: entry.title,
    id: entry.url,
    link: entry.url,
    date: entry.updated,
    published: entry.published,
    ...(entry.summary ? { description: entry.summary } : {}),
    content: entry.contentHtml,
    ...(entry.author ? { author: [{ name: entry.author }] } : {}),
    category: [...entry.categories, ...entry.tags].map((t) => ({ name: t.name })),
    ...(entry.image ? { image: entry.image.url } : {}),
  };
}

/**
 * Upgrades the library's JSON Feed (version 1) to version 1.1: `version`, `language: "vi"`,
 * and `authors` arrays beside the deprecated `author` objects (kept for version 1 readers).
 * Source: JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/), "Changes since 1.0".
 */
function toJsonFeed11(json: string): string {
  const doc = JSON.parse(json) as Record<string, unknown> & { items: Record<string, unknown>[] };
  // `version` keeps its place (first) with the new value.
  const upgraded: Record<string, unknown> = { ...doc, version: JSON_FEED_VERSION, language: 'vi' };
  if (doc.author) upgraded.authors = [doc.author];
  upgraded.items = doc.items.map((item) => (item.author ? { ...item, authors: [item.author] } : item));
  return JSON.stringify(upgraded, null, 2);
}

/**
 * Writes a feed in one format.
 *
 * @param channel the feed's title, description, page and self URLs, publisher, rights
 * @param entries the entries, newest first (already limited and filtered by visibility)
 * @param format `rss` (RSS 2.0 with content:encoded), `atom` (RFC 4287) or `json` (JSON Feed 1.1)
 * @returns the document text (UTF-8 when encoded), XML with its declaration or JSON
 * Sources: RSS 2.0 specification (rssboard.org/rss-specification), RFC 4287, JSON Feed 1.1.
 */
export function renderFeed(channel: FeedChannel, entries: readonly FeedEntry[], format: FeedFormat): string {
  const feed = createFeed(channel, entries);
  switch (format) {
    case 'rss':
      for (const entry of entries) feed.addItem(rssItem(entry));
      return feed.rss2();
    case 'atom':
      for (const entry of entries) feed.addItem(atomItem(entry));
      return feed.atom1();
    case 'json':
      for (const entry of entries) feed.addItem(jsonItem(entry));
      return toJsonFeed11(feed.json1());
  }
}
