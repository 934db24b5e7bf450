/**
 * Search on SQLite: an FTS5 table without stored content (`search_fts`, migration
 * 2026-11-30T0200-create-search) whose columns hold tokens made by core/search, so FTS5's
 * `ascii` tokenizer only splits on the spaces we put. MATCH expressions are built here from
 * quoted tokens; no user text is ever passed as FTS5 syntax.
 *
 * Ranking: (1) articles holding every query word typed with diacritics in that exact form,
 * then the rest; (2) within each, those holding the query as a phrase first; (3) bm25 over the
 * folded keys, with column weights title 10, lead and tags 4, body 1; (4) newest first;
 * (5) highest id first (stable pages). Queries matching more than 600 visible articles are
 * ordered by tiers (exact forms, every word in the title) and recency instead (see
 * `sqliteRankedPage`), at a cost that does not grow with the number of matches.
 * Source: SQLite FTS5 documentation (sqlite.org/fts5.html: contentless-delete tables, column
 * filters, phrase and prefix queries, bm25).
 */
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { publiclyVisible } from '../articles/visibility.ts';
import type { SearchDocument } from './search-document.ts';
import { searchFilterExpression, type SearchFilters } from './search-filters.ts';
import { exactKeysOf, type RankedPage, type RankedQuery, type SuggestQuery } from './search-backend.ts';

/** bm25 column weights: title, lead (and tags), body (the exact-key columns are not ranked: their tier is). */
const BM25 = sql`bm25(search_fts, 10.0, 4.0, 1.0, 0.0, 0.0, 0.0)`;

const FOLDED = '{title lead body}';
const EXACT = '{exact_title exact_lead exact_body}';

/** A token as an FTS5 string (double quotes doubled, though tokens never hold any). */
function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Every folded key, anywhere in title, lead or body: the set of articles a query finds. */
function foldedMatch(query: RankedQuery): string {
  return `${FOLDED} : (${query.keys.map((k) => quote(k.folded)).join(' AND ')})`;
}

/**
 * Writes (inserts or replaces) the search documents of articles, one prepared statement per
 * document (the dialect keeps it prepared; a multi-row insert is no faster for FTS5, whose cost
 * is indexing the tokens, and the query builder would add its own cost per row).
 * @param entries article id and its document
 */
export async function sqliteWriteDocuments(db: Kysely<Database>, entries: Array<{ articleId: number; doc: SearchDocument }>): Promise<void> {
  for (const { articleId, doc } of entries) {
    await sql`INSERT OR REPLACE INTO search_fts (rowid, title, lead, body, exact_title, exact_lead, exact_body) VALUES (${articleId}, ${doc.title.join(' ')}, ${doc.lead.join(' ')}, ${doc.body.join(' ')}, ${doc.exactTitle.join(' ')}, ${doc.exactLead.join(' ')}, ${doc.exactBody.join(' ')})`.execute(db);
  }
}

/** Removes the search documents of these articles (absent ones are ignored). */
export async function sqliteRemoveDocuments(db: Kysely<Database>, articleIds: number[]): Promise<void> {
  if (articleIds.length) await db.deleteFrom('search_fts').where('rowid', 'in', articleIds).execute();
}

/** Empties the index (FTS5 `delete-all`, allowed on contentless tables). */
export async function sqliteClearDocuments(db: Kysely<Database>): Promise<void> {
  await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(db);
}

/** Removes documents whose article no longer exists (a virtual table has no foreign keys). */
export async function sqliteRemoveOrphans(db: Kysely<Database>): Promise<number> {
  const orphans = await db.selectFrom('search_fts').select('rowid').where('rowid', 'not in', db.selectFrom('articles').select('id')).execute();
  for (let i = 0; i < orphans.length; i += 500) await sqliteRemoveDocuments(db, orphans.slice(i, i + 500).map((r) => r.rowid));
  return orphans.length;
}

/** Bytes the index takes on disk: the FTS5 shadow tables, from `dbstat` when available. */
export async function sqliteIndexBytes(db: Kysely<Database>): Promise<number | null> {
  try {
    const row = await sql<{ bytes: number }>`SELECT sum(pgsize) AS bytes FROM dbstat WHERE name LIKE 'search_fts%'`.execute(db);
    return Number(row.rows[0]?.bytes ?? 0);
  } catch {
    return null; // dbstat is a compile-time option of SQLite
  }
}

/** The visible, filtered articles matching `match`, joined from the index (no ranking). */
function matching(db: Kysely<Database>, match: string, filters: SearchFilters, now: Date) {
  return db
    .selectFrom((eb) => eb.selectFrom('search_fts').select(sql<number>`search_fts.rowid`.as('article_id')).where(sql<boolean>`search_fts MATCH ${match}`).as('m'))
    .crossJoin('articles')
    .whereRef('articles.id', '=', 'm.article_id')
    .where(publiclyVisible(now))
    .where(searchFilterExpression(filters));
}

/** As {@link matching}, with each article's bm25 score (`m.score`, lower is better). */
function candidates(db: Kysely<Database>, match: string, filters: SearchFilters, now: Date) {
  return db
    .selectFrom((eb) =>
      eb
        .selectFrom('search_fts')
        .select([sql<number>`search_fts.rowid`.as('article_id'), BM25.as('score')])
        .where(sql<boolean>`search_fts MATCH ${match}`)
        .as('m'),
    )
    .crossJoin('articles')
    .whereRef('articles.id', '=', 'm.article_id')
    .where(publiclyVisible(now))
    .where(searchFilterExpression(filters));
}

/**
 * Matches ranked in full (tiers, bm25, recency) when at most this many visible articles match;
 * past it, common words ("bão", "ha noi" over 100,000 articles) are ordered by tiers and
 * recency from the newest articles down, so that a query costs about the same however many
 * articles hold its words.
 */
const FULL_RANK_LIMIT = 600;

/** How many articles match at most, counted as the index answers (no visibility, no filters). */
async function ftsCount(db: Kysely<Database>, match: string): Promise<number> {
  const row = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${match}`.execute(db);
  return Number(row.rows[0]?.n ?? 0);
}

/** The visible, filtered articles matching `match`, counted up to `cap`. */
async function cappedCount(db: Kysely<Database>, match: string, filters: SearchFilters, now: Date, cap: number): Promise<number> {
  const row = await db
    .selectFrom(() => matching(db, match, filters, now).select(sql<number>`1`.as('one')).limit(cap).as('c'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * A tier: the articles matching `positive` (an FTS5 expression) and none of `negated`.
 */
interface Tier {
  positive: string;
  negated: string[];
}

/**
 * The tiers of a query in rank order, splitting the matches of `main`: every combination of
 * the criteria, satisfied ones first — exact forms of the words typed with diacritics, every
 * word in the title. (The phrase, which needs word positions, costs too much to check over tens
 * of thousands of articles; the title criterion stands in for it.) A criterion implying the
 * main match (every word in the title; every word typed with diacritics, when all were) makes
 * the main expression redundant in its tiers.
 */
function tiersOf(query: RankedQuery, main: string): Tier[] {
  const exact = exactKeysOf(query);
  const criteria: Array<{ match: string; impliesMain: boolean }> = [];
  if (exact.length) criteria.push({ match: `${EXACT} : (${exact.map(quote).join(' AND ')})`, impliesMain: query.keys.every((k) => k.exact.length > 0) });
  criteria.push({ match: `title : (${query.keys.map((k) => quote(k.folded)).join(' AND ')})`, impliesMain: true });
  let tiers: Array<{ positive: string[]; negated: string[]; main: boolean }> = [{ positive: [], negated: [], main: true }];
  for (const c of criteria) {
    tiers = tiers.flatMap((t) => [
      { positive: [...t.positive, c.match], negated: t.negated, main: t.main && !c.impliesMain },
      { positive: t.positive, negated: [...t.negated, c.match], main: t.main },
    ]);
  }
  return tiers.map((t) => ({ positive: [...(t.main ? [main] : []), ...t.positive].map((m) => `(${m})`).join(' AND '), negated: t.negated }));
}

/** `articles.id` in none of the sets matched by these expressions (each set read once per statement). */
function outside(negated: string[]) {
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and(negated.map((m) => eb('articles.id', 'not in', sql<number>`(SELECT rowid FROM search_fts WHERE search_fts MATCH ${m})`)));
}

/** The visible, filtered articles of a tier, counted up to `cap`. */
async function tierCount(db: Kysely<Database>, tier: Tier, filters: SearchFilters, now: Date, cap: number): Promise<number> {
  const row = await db
    .selectFrom(() => matching(db, tier.positive, filters, now).where(outside(tier.negated)).select(sql<number>`1`.as('one')).limit(cap).as('c'))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Up to `limit` visible, filtered articles of one tier, newest first, after skipping `skip`.
 * Two ways, whichever reads less: from the index (every article of the tier joined and
 * sorted), or from the newest articles down, keeping those whose id is in the tier's set of
 * ids (read from the index once into a temporary b-tree: cheap per id, and the scan stops as
 * soon as the page is full — the way for common words).
 */
async function tierPage(db: Kysely<Database>, tier: Tier, filters: SearchFilters, now: Date, limit: number, skip: number, articleCount: number): Promise<Array<{ id: number; site_id: number }>> {
  const inPositive = await ftsCount(db, tier.positive);
  if (inPositive === 0) return [];
  // Costs in microseconds, measured over 100,000 articles: an id read from the index into a set
  // ~0.3, an article of the newest-first scan ~0.15; an article read from the index, joined and
  // sorted ~4.5.
  const scanned = ((skip + limit) * Math.max(articleCount, inPositive)) / inPositive;
  const query =
    0.3 * inPositive + 0.15 * scanned < 4.5 * inPositive
      ? db
          .selectFrom('articles')
          .where(publiclyVisible(now))
          .where(searchFilterExpression(filters))
          // `+` keeps SQLite from driving the query by these ids: the newest-first index drives it.
          .where(sql<boolean>`+articles.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${tier.positive})`)
      : matching(db, tier.positive, filters, now);
  return query
    .where(outside(tier.negated))
    .select(['articles.id', 'articles.site_id'])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(skip)
    .execute();
}

/**
 * One page of the visible articles matching a query, best first, with the total.
 *
 * Up to {@link FULL_RANK_LIMIT} matches: tiers (exact forms, phrase), then bm25, then recency,
 * the total counted exactly. More: tiers (exact forms, all words in the title), then recency,
 * page by page from the best tier down; the total is counted up to `cap` (and said to be a
 * lower bound beyond it).
 * @param query folded keys (all must match), exact keys of the marked terms, the phrase
 * @param cap the most results counted (and so offered page by page)
 * @returns article and site ids of the page, how many match (up to `cap`), whether more do
 */
export async function sqliteRankedPage(db: Kysely<Database>, query: RankedQuery, filters: SearchFilters, now: Date, limit: number, offset: number, cap: number): Promise<RankedPage> {
  const main = foldedMatch(query);
  const counted = await cappedCount(db, main, filters, now, Math.max(cap, FULL_RANK_LIMIT) + 1);
  if (counted > FULL_RANK_LIMIT) return tieredPage(db, query, main, filters, now, limit, offset, cap, counted);
  if (offset >= counted) return { rows: [], total: counted, capped: false };
  const exact = exactKeysOf(query);
  const exactTier = exact.length
    ? sql<number>`(CASE WHEN m.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${`${EXACT} : (${exact.map(quote).join(' AND ')})`}) THEN 0 ELSE 2 END)`
    : sql<number>`0`;
  const phraseTier =
    query.phrase.length > 1
      ? sql<number>`(CASE WHEN m.article_id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${`${FOLDED} : ${quote(query.phrase.join(' '))}`}) THEN 0 ELSE 1 END)`
      : sql<number>`0`;
  const rows = await candidates(db, main, filters, now)
    .select(['articles.id', 'articles.site_id', sql<number>`${exactTier} + ${phraseTier}`.as('tier'), 'm.score'])
    .orderBy('tier')
    .orderBy('m.score')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows: rows.map((r) => ({ id: r.id, siteId: r.site_id })), total: counted, capped: false };
}

async function tieredPage(db: Kysely<Database>, query: RankedQuery, main: string, filters: SearchFilters, now: Date, limit: number, offset: number, cap: number, counted: number): Promise<RankedPage> {
  const total = Math.min(counted, cap);
  const rows: Array<{ id: number; siteId: number }> = [];
  if (offset >= total) return { rows, total, capped: counted > cap };
  const last = await db.selectFrom('articles').select((eb) => eb.fn.max('id').as('id')).executeTakeFirst();
  const articleCount = Number(last?.id ?? 0);
  let skip = offset;
  let need = Math.min(limit, total - offset);
  for (const tier of tiersOf(query, main)) {
    if (need <= 0) break;
    const page = await tierPage(db, tier, filters, now, need, skip, articleCount);
    if (page.length) {
      rows.push(...page.map((r) => ({ id: r.id, siteId: r.site_id })));
      need -= page.length;
      skip = 0;
    } else if (skip > 0) {
      skip -= await tierCount(db, tier, filters, now, skip);
    }
  }
  return { rows, total, capped: counted > cap };
}

/**
 * Titles for the search box: visible articles whose title holds every complete term and a word
 * starting with the last (prefix) term, newest first. The title matches are read from the index
 * once into a set, and the newest articles scanned until `limit` are found, so a short prefix
 * matching thousands of titles costs little more than a rare one.
 * @returns up to `limit` article and site ids
 */
export async function sqliteSuggest(db: Kysely<Database>, query: SuggestQuery, filters: SearchFilters, now: Date, limit: number): Promise<Array<{ id: number; siteId: number }>> {
  const parts = [...query.complete.map(quote), ...(query.prefix ? [`${quote(query.prefix)}*`] : [])];
  const match = `title : (${parts.join(' AND ')})`;
  const rows = await db
    .selectFrom('articles')
    .where(publiclyVisible(now))
    .where(searchFilterExpression(filters))
    .where(sql<boolean>`+articles.id IN (SELECT rowid FROM search_fts WHERE search_fts MATCH ${match})`)
    .select(['articles.id', 'articles.site_id'])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, siteId: r.site_id }));
}
