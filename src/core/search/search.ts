/**
 * Vietnamese search over published content: one interface, two engines (SQLite FTS5 and
 * PostgreSQL full-text, DESIGN.md §4). Matching is diacritic-insensitive (folded keys, đ→d,
 * any Unicode form); exact forms rank first, then the query as a phrase, then the engine's
 * relevance (title over lead and tags over body), then recency; pages are stable.
 *
 * Only what the public may see is ever found: every query applies the one visibility rule
 * (`publiclyVisible(now)`, articles/visibility.ts) at query time, so a scheduled or embargoed
 * article appears the moment its time comes and a withdrawn one is gone at once.
 */
import type { Kysely } from 'kysely';
import type { ArticleType, PublishedPrecision } from '../articles/article.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../db/dialect.ts';
import { foldText } from '../text/index.ts';
import { exactKeysOf, searchBackend, type RankedQuery, type SuggestQuery } from './search-backend.ts';
import type { SearchFilters } from './search-filters.ts';
import { parseSearchQuery, type ParsedQuery } from './search-query.ts';
import { bodyText } from './search-text.ts';
import { buildSnippet, highlightText, type HighlightTerms } from './snippet.ts';

/** Results per page unless asked otherwise. */
export const SEARCH_PAGE_SIZE = 20;
/** Most results per page. */
export const MAX_SEARCH_PAGE_SIZE = 50;
/**
 * Most results counted and offered page by page (50 pages of 20). A query matching more says
 * "more than 1,000" and shows the best 1,000: counting every article that holds a common word
 * would cost as much as reading them all, and no reader pages that far.
 */
export const SEARCH_RESULT_CAP = 1000;
/** Suggestions given unless asked otherwise, and the most. */
export const SUGGESTION_LIMIT = 8;

/** A search: the reader's text, the filters and the page. */
export interface SearchRequest extends SearchFilters {
  /** The query as typed (any Unicode form; normalised here). */
  query: string;
  /** 1-based page number. */
  page: number;
  /** Results per page, 1–{@link MAX_SEARCH_PAGE_SIZE} (default {@link SEARCH_PAGE_SIZE}). */
  pageSize?: number;
}

/** One result. `titleHtml` and `snippetHtml` are safe HTML: escaped text and `<mark>` only. */
export interface SearchHit {
  articleId: number;
  siteId: number;
  type: ArticleType;
  title: string;
  titleHtml: string;
  /** Text around the words found (lead and body), with them in `<mark>`. */
  snippetHtml: string;
  slug: string;
  /** ISO 8601 UTC instant. */
  publishedAt: string;
  publishedPrecision: PublishedPrecision;
  /** The article's primary category, for the result's line of facts. */
  categoryName: string | null;
  categorySlug: string | null;
}

/** A page of results. */
export interface SearchResults {
  query: ParsedQuery;
  items: SearchHit[];
  /** How many visible articles match (with the filters), counted up to {@link SEARCH_RESULT_CAP}. */
  total: number;
  /** True when more than `total` match: "more than 1,000 results". */
  capped: boolean;
  page: number;
  pageSize: number;
  /** Pages of results (at least 1). */
  pageCount: number;
}

/**
 * Characters of a body read for its snippet. News bodies are shorter; a long legal text is
 * searched whole, but its snippet is taken from its beginning, so that a page of results costs
 * about the same whatever was found (reading 90 KB of a law takes about 10 ms).
 */
export const SNIPPET_BODY_CHARS = 20_000;

/** The first {@link SNIPPET_BODY_CHARS} characters of a body, cut after a tag so none is left half. */
function bodyHead(html: string): string {
  if (html.length <= SNIPPET_BODY_CHARS) return html;
  const cut = html.lastIndexOf('>', SNIPPET_BODY_CHARS);
  return html.slice(0, cut > 0 ? cut + 1 : SNIPPET_BODY_CHARS);
}

/** The engine form of a parsed query. */
function rankedQuery(query: ParsedQuery): RankedQuery {
  const keys = new Map<string, Set<string>>();
  for (const term of query.terms) {
    const exact = keys.get(term.folded) ?? new Set<string>();
    if (term.marked) exact.add(term.exact);
    keys.set(term.folded, exact);
  }
  return { keys: [...keys].map(([folded, exact]) => ({ folded, exact: [...exact] })), phrase: query.terms.map((t) => t.folded) };
}

/**
 * The display fields of the ranked articles, in rank order. Read by primary key, then held to
 * the visibility rule once more in its loaded-row form (`isPubliclyVisible`): an article
 * withdrawn between the two reads is dropped. (With `publiclyVisible` in the WHERE clause,
 * SQLite without statistics scans the (state, published_at) index instead of reading 20 rows.)
 */
async function loadHits(db: Kysely<Database>, ids: number[], now: Date, terms: HighlightTerms): Promise<SearchHit[]> {
  if (!ids.length) return [];
  const rows = await db
    .selectFrom('articles')
    .leftJoin('categories', 'categories.id', 'articles.primary_category_id')
    .where('articles.id', 'in', ids)
    .select([
      'articles.id',
      'articles.site_id',
      'articles.type',
      'articles.state',
      'articles.title',
      'articles.lead',
      'articles.body',
      'articles.slug',
      'articles.published_at',
      'articles.published_precision',
      'categories.name as category_name',
      'categories.slug as category_slug',
    ])
    .execute();
  const byId = new Map(rows.filter((r) => isPubliclyVisible({ state: r.state, publishedAt: r.published_at }, now)).map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    if (!r) return [];
    const text = [r.lead ?? '', bodyText(bodyHead(r.body))].filter(Boolean).join(' ');
    return [
      {
        articleId: r.id,
        siteId: r.site_id,
        type: r.type as ArticleType,
        title: r.title,
        titleHtml: highlightText(r.title, terms),
        snippetHtml: buildSnippet(text, terms),
        slug: r.slug,
        publishedAt: r.published_at!,
        publishedPrecision: r.published_precision as PublishedPrecision,
        categoryName: r.category_name,
        categorySlug: r.category_slug,
      },
    ];
  });
}

/**
 * Searches the visible articles.
 *
 * An empty or punctuation-only query finds nothing (`query.terms` is empty: show a prompt).
 * A page past the last one has no items but the right `total`. Every term must match
 * (folded, anywhere in title, lead, tags or body); at most 12 terms are used. Past
 * {@link SEARCH_RESULT_CAP} matches, `total` stops there with `capped` set.
 *
 * @param db the database handle
 * @param engine `core.database.engine`
 * @param request the query text, filters (site or sites, type, categories, date range) and page
 * @param now `core.clock()`: what is visible is decided at this instant
 * @returns the page of results with highlighted titles and snippets, and the total
 * @throws {ValidationError} (field `q`) when the query is longer than 200 characters
 */
export async function searchArticles(db: Kysely<Database>, engine: Engine, request: SearchRequest, now: Date): Promise<SearchResults> {
  const query = parseSearchQuery(request.query);
  const pageSize = Math.min(Math.max(Math.trunc(request.pageSize ?? SEARCH_PAGE_SIZE), 1), MAX_SEARCH_PAGE_SIZE);
  const page = Number.isSafeInteger(request.page) && request.page >= 1 ? request.page : 1;
  if (!query.terms.length) return { query, items: [], total: 0, capped: false, page, pageSize, pageCount: 1 };
  const ranked = rankedQuery(query);
  const { rows, total, capped } = await searchBackend(engine).rankedPage(db, ranked, request, now, pageSize, (page - 1) * pageSize, SEARCH_RESULT_CAP);
  const terms = { folded: new Set(ranked.keys.map((k) => k.folded)), exact: new Set(exactKeysOf(ranked)), phrase: ranked.phrase };
  const items = await loadHits(db, rows.map((r) => r.id), now, terms);
  return { query, items, total, capped, page, pageSize, pageCount: Math.max(1, Math.ceil(total / pageSize)) };
}

/** A suggestion for the search box: an article title. */
export interface SearchSuggestion {
  articleId: number;
  siteId: number;
  title: string;
  /** The title with the words typed so far in `<mark>` (safe HTML). */
  titleHtml: string;
  slug: string;
}

/** The suggestion form of a query: the last word is still being typed unless followed by a space or mark. */
function suggestQuery(query: ParsedQuery): SuggestQuery | null {
  const terms = query.terms.map((t) => t.folded);
  const typing = /[\p{L}\p{N}\p{M}]$/u.test(query.text);
  let prefix = typing ? terms.pop() ?? null : null;
  // One letter matches a large part of the vocabulary: wait for the second.
  if (prefix !== null && prefix.length < 2) prefix = null;
  const complete = [...new Set(terms)];
  if (!complete.length && prefix === null) return null;
  return { complete, prefix };
}

/**
 * Suggestions for the search box: titles of visible articles holding every word typed (the
 * last as a prefix: "chuyen doi s" finds "Chuyển đổi số…"), folded, newest first; one per
 * distinct title.
 *
 * @param db the database handle
 * @param engine `core.database.engine`
 * @param request the text typed so far, the sites (null: network), how many (1–8)
 * @param now `core.clock()`
 * @returns up to `limit` suggestions; [] for empty or one-letter input
 * @throws {ValidationError} (field `q`) when the text is longer than 200 characters
 */
export async function suggestArticles(
  db: Kysely<Database>,
  engine: Engine,
  request: { query: string; siteIds?: number[] | null; limit?: number },
  now: Date,
): Promise<SearchSuggestion[]> {
  const query = parseSearchQuery(request.query);
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? SUGGESTION_LIMIT), 1), SUGGESTION_LIMIT);
  const sq = suggestQuery(query);
  if (!sq) return [];
  // Ask for more than needed: copies of one title (syndicated, re-imported) collapse below.
  const rows = await searchBackend(engine).suggest(db, sq, { siteIds: request.siteIds ?? null }, now, limit * 4);
  if (!rows.length) return [];
  // By primary key, then the visibility rule on the loaded rows (see loadHits).
  const found = await db.selectFrom('articles').select(['id', 'site_id', 'state', 'published_at', 'title', 'slug']).where('id', 'in', rows.map((r) => r.id)).execute();
  const byId = new Map(found.filter((r) => isPubliclyVisible({ state: r.state, publishedAt: r.published_at }, now)).map((r) => [r.id, r]));
  const terms = { folded: new Set([...sq.complete, ...(sq.prefix ? [sq.prefix] : [])]) };
  const seen = new Set<string>();
  const out: SearchSuggestion[] = [];
  for (const { id } of rows) {
    const r = byId.get(id);
    if (!r) continue;
    const key = foldText(r.title).trim();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ articleId: r.id, siteId: r.site_id, title: r.title, titleHtml: highlightText(r.title, terms), slug: r.slug });
    if (out.length >= limit) break;
  }
  return out;
}
