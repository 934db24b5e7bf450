/**
 * Search on PostgreSQL: `search_documents` (migration 2026-11-30T0200-create-search) holds per
 * article a `tsvector` of folded tokens with positions and weights (A title, B lead and tags,
 * D body), a `tsvector` of the exact keys of its words with diacritics (once per section, same
 * weights) and a small one of the folded title, each GIN-indexed. All are
 * written as `tsvector` literals built here from core/search tokens, and queries are
 * `tsquery` literals built from quoted keys: PostgreSQL's parser never sees user text (its
 * default parser would read "42/2022/NĐ-CP" as a file path), and no configuration or locale
 * (lower() in the C locale leaves "Đ" alone) changes what matches.
 *
 * Ranking: (1) exact forms of every term typed with diacritics, (2) the query as a phrase
 * (`<->`), (3) where the exact forms are (ts_rank_cd over the exact keys, weights
 * {D 0.1, C 0.2, B 0.4, A 1.0}: a title before a body), (4) ts_rank_cd over the folded keys,
 * same weights, normalised by log length, (5) newest first, (6) highest id first. Step 3 keeps
 * a long text full of look-alikes ("bảo" hundreds of times in a law) from outranking a short
 * one with the very word typed ("bão" in a title): ts_rank_cd, unlike bm25, barely discounts
 * length. Queries matching more than 800 visible articles are ordered by tiers (exact forms,
 * every word in the title, both answered by GIN indexes) and recency instead (see
 * `pgRankedPage`).
 * Source: PostgreSQL 15 manual §8.11 (tsvector/tsquery literals: positions 1–16383, at most
 * 256 positions per lexeme), §12.3.3 (ranking), §12.9 (GIN indexes).
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { publiclyVisible } from '../articles/visibility.ts';
import type { SearchDocument } from './search-document.ts';
import { searchFilterExpression, type SearchFilters } from './search-filters.ts';
import { exactKeysOf, type RankedPage, type RankedQuery, type SuggestQuery } from './search-backend.ts';

/** Highest position a tsvector can hold; later words share it. */
const MAX_POSITION = 16383;
/** Most positions kept per lexeme (PostgreSQL keeps 256 at most). */
const MAX_POSITIONS_PER_LEXEME = 255;
/** Rows per multi-row INSERT. */
const WRITE_CHUNK = 100;

/** A lexeme as a quoted tsvector/tsquery literal. */
function lexeme(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

/**
 * The folded `tsvector` literal of a document: each section's tokens with their positions and
 * the section's weight; one position is skipped between sections so that a phrase never runs
 * from the title into the lead.
 */
export function foldedVectorLiteral(doc: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  const add = (tokens: string[], weight: string): void => {
    for (const token of tokens) {
      position++;
      const entry = `${Math.min(position, MAX_POSITION)}${weight}`;
      let list = positions.get(token);
      if (!list) positions.set(token, (list = []));
      if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== entry) list.push(entry);
    }
    position++;
  };
  add(doc.title, 'A');
  add(doc.lead, 'B');
  add(doc.body, '');
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}

/**
 * The exact-keys `tsvector` literal of a document: each section's keys (already distinct per
 * section) at consecutive positions with the section's weight, so ranking can tell a title
 * from a body.
 */
export function exactVectorLiteral(doc: SearchDocument): string {
  const positions = new Map<string, string[]>();
  let position = 0;
  for (const [keys, weight] of [[doc.exactTitle, 'A'], [doc.exactLead, 'B'], [doc.exactBody, '']] as const) {
    for (const key of keys) {
      position++;
      let list = positions.get(key);
      if (!list) positions.set(key, (list = []));
      const entry = `${Math.min(position, MAX_POSITION)}${weight}`;
      if (list.length < MAX_POSITIONS_PER_LEXEME && list[list.length - 1] !== entry) list.push(entry);
    }
  }
  return [...positions].map(([key, list]) => `${lexeme(key)}:${list.join(',')}`).join(' ');
}

/** The title's folded `tsvector` literal: a small vector of its own, GIN-indexed, for the title tier. */
export function titleVectorLiteral(doc: SearchDocument): string {
  const positions = new Map<string, string[]>();
  doc.title.forEach((token, i) => {
    let list = positions.get(token);
    if (!list) positions.set(token, (list = []));
    if (list.length < MAX_POSITIONS_PER_LEXEME) list.push(String(Math.min(i + 1, MAX_POSITION)));
  });
  return [...positions].map(([token, list]) => `${lexeme(token)}:${list.join(',')}`).join(' ');
}

/**
 * Writes (inserts or replaces) the search documents of articles: one statement for one
 * document (the newsroom's and the importer's case), multi-row statements of 100 for more (a
 * rebuild), to save round trips.
 */
export async function pgWriteDocuments(db: Kysely<Database>, entries: Array<{ articleId: number; doc: SearchDocument }>): Promise<void> {
  if (entries.length === 1) {
    const { articleId, doc } = entries[0]!;
    await sql`INSERT INTO search_documents (article_id, folded, exact, title)
      VALUES (${articleId}, cast(${foldedVectorLiteral(doc)} as tsvector), cast(${exactVectorLiteral(doc)} as tsvector), cast(${titleVectorLiteral(doc)} as tsvector))
      ON CONFLICT (article_id) DO UPDATE SET folded = excluded.folded, exact = excluded.exact, title = excluded.title`.execute(db);
    return;
  }
  for (let i = 0; i < entries.length; i += WRITE_CHUNK) {
    const rows = entries.slice(i, i + WRITE_CHUNK).map(({ articleId, doc }) => ({
      article_id: articleId,
      folded: sql<string>`cast(${foldedVectorLiteral(doc)} as tsvector)`,
      exact: sql<string>`cast(${exactVectorLiteral(doc)} as tsvector)`,
      title: sql<string>`cast(${titleVectorLiteral(doc)} as tsvector)`,
    }));
    await db
      .insertInto('search_documents')
      .values(rows)
      .onConflict((oc) => oc.column('article_id').doUpdateSet({ folded: sql`excluded.folded`, exact: sql`excluded.exact`, title: sql`excluded.title` }))
      .execute();
  }
}

/** Removes the search documents of these articles. */
export async function pgRemoveDocuments(db: Kysely<Database>, articleIds: number[]): Promise<void> {
  if (articleIds.length) await db.deleteFrom('search_documents').where('article_id', 'in', articleIds).execute();
}

/** Empties the index. */
export async function pgClearDocuments(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('search_documents').execute();
}

/** Removes documents whose article no longer exists (none should: the foreign key cascades). */
export async function pgRemoveOrphans(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('search_documents').where('article_id', 'not in', db.selectFrom('articles').select('id')).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Bytes the index takes: the table, its TOAST data and its indexes. */
export async function pgIndexBytes(db: Kysely<Database>): Promise<number | null> {
  const row = await sql<{ bytes: string }>`SELECT pg_total_relation_size(to_regclass('search_documents')) AS bytes`.execute(db);
  return Number(row.rows[0]?.bytes ?? 0);
}

function tsquery(text: string) {
  return sql`cast(${text} as tsquery)`;
}

/**
 * Matches ranked in full (tiers, ts_rank_cd, recency) when at most this many visible articles
 * match. Ranking reads every matching document's tsvector out of TOAST storage, tens of
 * microseconds each; past this, queries are ordered by tiers and recency using the GIN indexes
 * alone (see {@link pgRankedPage}).
 */
const FULL_RANK_LIMIT = 800;

/** The visible, filtered articles whose document meets `where`. */
function matching(db: Kysely<Database>, where: ReturnType<typeof sql<boolean>>, filters: SearchFilters, now: Date) {
  return db
    .selectFrom('search_documents')
    .innerJoin('articles', 'articles.id', 'search_documents.article_id')
    .where(where)
    .where(publiclyVisible(now))
    .where(searchFilterExpression(filters));
}

/** The visible, filtered articles meeting `where`, counted up to `cap`. */
async function cappedCount(db: Kysely<Database>, where: ReturnType<typeof sql<boolean>>, filters: SearchFilters, now: Date, cap: number): Promise<number> {
  const row = await db
    .selectFrom(() => matching(db, where, filters, now).select(sql<number>`1`.as('one')).limit(cap).as('c'))
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of the visible articles matching a query, best first, with the total.
 *
 * Up to {@link FULL_RANK_LIMIT} matches: tiers (exact forms, phrase), where the exact forms
 * are, ts_rank_cd, recency; the total counted exactly. More: tiers (exact forms, all words in
 * the title — both answered by GIN indexes, `exact` and `title`), then recency, page by page
 * from the best tier down; the total is counted up to `cap` (a lower bound beyond it).
 * @returns article and site ids of the page, how many match (up to `cap`), whether more do
 */
export async function pgRankedPage(db: Kysely<Database>, query: RankedQuery, filters: SearchFilters, now: Date, limit: number, offset: number, cap: number): Promise<RankedPage> {
  const main = tsquery(query.keys.map((k) => lexeme(k.folded)).join(' & '));
  const inMain = sql<boolean>`search_documents.folded @@ ${main}`;
  const countCap = Math.max(cap, FULL_RANK_LIMIT) + 1;
  // Every word in a title implies a match, and the title index is small: when the titles alone
  // reach the cap, the costly count over the main index is not needed.
  const inTitle = sql<boolean>`search_documents.title @@ ${main}`;
  if ((await cappedCount(db, inTitle, filters, now, countCap)) >= countCap) return tieredPage(db, query, inMain, filters, now, limit, offset, cap, countCap);
  const counted = await cappedCount(db, inMain, filters, now, countCap);
  if (counted > FULL_RANK_LIMIT) return tieredPage(db, query, inMain, filters, now, limit, offset, cap, counted);
  if (offset >= counted) return { rows: [], total: counted, capped: false };
  const exact = exactKeysOf(query);
  const exactTier = exact.length
    ? sql<number>`(CASE WHEN search_documents.exact @@ ${tsquery(exact.map(lexeme).join(' & '))} THEN 0 ELSE 2 END)`
    : sql<number>`0`;
  const exactScore = exact.length
    ? sql<number>`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_documents.exact, ${tsquery(exact.map(lexeme).join(' | '))}, 0)`
    : sql<number>`0`;
  const phraseTier =
    query.phrase.length > 1
      ? sql<number>`(CASE WHEN search_documents.folded @@ ${tsquery(query.phrase.map(lexeme).join(' <-> '))} THEN 0 ELSE 1 END)`
      : sql<number>`0`;
  const rows = await matching(db, inMain, filters, now)
    .select([
      'articles.id',
      'articles.site_id',
      sql<number>`${exactTier} + ${phraseTier}`.as('tier'),
      exactScore.as('exact_score'),
      sql<number>`ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', search_documents.folded, ${main}, 1)`.as('score'),
    ])
    .orderBy('tier')
    .orderBy('exact_score', 'desc')
    .orderBy('score', 'desc')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return { rows: rows.map((r) => ({ id: r.id, siteId: r.site_id })), total: counted, capped: false };
}

async function tieredPage(
  db: Kysely<Database>,
  query: RankedQuery,
  inMain: ReturnType<typeof sql<boolean>>,
  filters: SearchFilters,
  now: Date,
  limit: number,
  offset: number,
  cap: number,
  counted: number,
): Promise<RankedPage> {
  const total = Math.min(counted, cap);
  const rows: Array<{ id: number; siteId: number }> = [];
  if (offset >= total) return { rows, total, capped: counted > cap };
  const exact = exactKeysOf(query);
  // A criterion that implies the main match (every word in the title; every word typed with
  // diacritics, when all were) lets the tier do without the costly main GIN scan.
  const everyKeyExact = query.keys.every((k) => k.exact.length > 0);
  const criteria = [
    ...(exact.length ? [{ where: sql<boolean>`search_documents.exact @@ ${tsquery(exact.map(lexeme).join(' & '))}`, impliesMain: everyKeyExact }] : []),
    { where: sql<boolean>`search_documents.title @@ ${tsquery(query.keys.map((k) => lexeme(k.folded)).join(' & '))}`, impliesMain: true },
  ];
  let tiers: Array<{ parts: Array<ReturnType<typeof sql<boolean>>>; main: boolean }> = [{ parts: [], main: true }];
  for (const c of criteria) {
    tiers = tiers.flatMap((t) => [
      { parts: [...t.parts, c.where], main: t.main && !c.impliesMain },
      { parts: [...t.parts, sql<boolean>`NOT (${c.where})`], main: t.main },
    ]);
  }
  let skip = offset;
  let need = Math.min(limit, total - offset);
  for (const tier of tiers) {
    if (need <= 0) break;
    const where = sql<boolean>`${sql.join(tier.main ? [inMain, ...tier.parts] : tier.parts, sql` AND `)}`;
    const page = await matching(db, where, filters, now)
      .select(['articles.id', 'articles.site_id'])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(need)
      .offset(skip)
      .execute();
    if (page.length) {
      rows.push(...page.map((r) => ({ id: r.id, siteId: r.site_id })));
      need -= page.length;
      skip = 0;
    } else if (skip > 0) {
      skip -= await cappedCount(db, where, filters, now, skip);
    }
  }
  return { rows, total, capped: counted > cap };
}

/**
 * Titles for the search box: visible articles whose title holds every complete term and a word
 * starting with the prefix term (the small `title` vector and its GIN index), newest first.
 */
export async function pgSuggest(db: Kysely<Database>, query: SuggestQuery, filters: SearchFilters, now: Date, limit: number): Promise<Array<{ id: number; siteId: number }>> {
  const parts = [...query.complete.map(lexeme), ...(query.prefix ? [`${lexeme(query.prefix)}:*`] : [])];
  const rows = await matching(db, sql<boolean>`search_documents.title @@ ${tsquery(parts.join(' & '))}`, filters, now)
    .select(['articles.id', 'articles.site_id'])
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ id: r.id, siteId: r.site_id }));
}
