/**
 * Helpers for the feed, sitemap and robots tests: real Vietnamese news briefs from the demo
 * data (demo/news-briefs.jsonl), a feed reader's view of RSS and Atom (rss-parser, the parser
 * the import side uses) with the raw elements the tests check beside what it normalises, and
 * a stored cover image row.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import Parser from 'rss-parser';
import { DEMO_DIR } from '../src/core/paths.ts';
import type { Database } from '../src/core/db/database.ts';

/** A real news brief of the demo corpus (title and summary as published, NFC). */
export interface NewsBrief {
  id: string;
  title: string;
  summary: string;
}

/** The first `count` briefs of demo/news-briefs.jsonl whose title and summary are non-empty. */
export function readNewsBriefs(count: number): NewsBrief[] {
  const lines = fs.readFileSync(path.join(DEMO_DIR, 'news-briefs.jsonl'), 'utf8').split('\n');
  const briefs: NewsBrief[] = [];
  for (const line of lines) {
    if (briefs.length >= count) break;
    if (!line.trim()) continue;
    const record = JSON.parse(line) as Partial<NewsBrief>;
    if (record.id && record.title && record.summary) briefs.push({ id: record.id, title: record.title, summary: record.summary });
  }
  return briefs;
}

/** The raw elements of an RSS item or Atom entry the tests read beside rss-parser's own fields. */
export interface RawItemFields {
  /** Atom: the first author's name (rss-parser). */
  author?: string;
  updated?: string;
  published?: string;
  id?: string;
  /** The `<guid>` elements (one), with attributes. */
  guidRaw?: unknown[];
  categoryRaw?: unknown[];
  'dc:creator'?: string;
  'dc:source'?: string;
  /** The RSS `<source>` elements (one at most), with attributes. */
  sourceRaw?: unknown[];
  description?: string;
  'content:encoded'?: string;
}

/** The raw channel/feed elements the tests read. */
export interface RawFeedFields {
  updated?: string;
  id?: string;
  subtitle?: string;
  language?: string;
  lastBuildDate?: string;
  copyright?: string;
  rights?: string;
  generator?: string;
  authorRaw?: unknown;
  atomLinks?: unknown[];
  linkRaw?: unknown[];
}

const parser = new Parser<RawFeedFields, RawItemFields>({
  customFields: {
    feed: ['updated', 'id', 'subtitle', 'language', 'lastBuildDate', 'copyright', 'rights', 'generator', ['author', 'authorRaw'], ['atom:link', 'atomLinks', { keepArray: true }], ['link', 'linkRaw', { keepArray: true }]] as never,
    item: [
      'updated',
      'published',
      'id',
      'description',
      ['guid', 'guidRaw', { keepArray: true }],
      ['category', 'categoryRaw', { keepArray: true }],
      ['source', 'sourceRaw', { keepArray: true }],
    ] as never,
  },
});

/** Parses an RSS or Atom document as a feed reader would (throws on malformed XML). */
export function parseFeed(xml: string) {
  return parser.parseString(xml);
}

/** The text of an xml2js node (`"x"` or `{ _: "x", $: {…} }`). */
export function nodeText(node: unknown): string {
  if (typeof node === 'string') return node;
  if (node && typeof node === 'object' && '_' in node) return String((node as { _: unknown })._);
  return '';
}

/** The attributes of an xml2js node (`{ $: {…} }`), or {}. */
export function nodeAttributes(node: unknown): Record<string, string> {
  return node && typeof node === 'object' && '$' in node ? ((node as { $: Record<string, string> }).$ ?? {}) : {};
}

/** Decodes the HTML escapes of an Atom `type="html"` text or an RSS description (the ones feeds write). */
export function decodeHtmlText(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/** RFC 822 date-time in Vietnam time, as RSS dates must be written. */
export const RFC822_VIETNAM = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} \+0700$/;

/** RFC 3339 date-time with the +07:00 offset, as Atom and JSON Feed dates must be written. */
export const RFC3339_VIETNAM = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$/;

/** Every URL-looking attribute (`href`, `src`, `url`, `domain`, `scheme`) in an XML or HTML text. */
export function urlAttributes(text: string): string[] {
  return [...text.matchAll(/\b(?:href|src|url|domain|scheme)="([^"]*)"/g)].map((m) => m[1]!);
}

/** Stores a media row (as `cong media add` would) usable as an article cover; returns its id. */
export async function buildCoverMedia(db: Kysely<Database>, siteId: number, key: string): Promise<number> {
  const row = await db
    .insertInto('media')
    .values({
      site_id: siteId,
      original_name: 'anh.jpg',
      mime_type: 'image/jpeg',
      width: 2000,
      height: 1200,
      bytes: 512_000,
      sha256: key.padEnd(64, '0').slice(0, 64),
      storage_key: `${key}/anh.jpg`,
      variants: JSON.stringify([
        { width: 640, height: 384, format: 'jpeg', key: `${key}/anh-640.jpg`, bytes: 40_000 },
        { width: 1024, height: 614, format: 'jpeg', key: `${key}/anh-1024.jpg`, bytes: 90_000 },
        { width: 1024, height: 614, format: 'webp', key: `${key}/anh-1024.webp`, bytes: 60_000 },
      ]),
      alt: 'Ảnh minh hoạ',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
