/**
 * What the two search engines (sqlite-search.ts, postgres-search.ts) are asked, and the
 * switch between them. Callers use search.ts and search-index.ts; this file only dispatches.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Engine } from '../db/dialect.ts';
import type { SearchDocument } from './search-document.ts';
import type { SearchFilters } from './search-filters.ts';
import * as pgSearch from './postgres-search.ts';
import * as sqliteSearch from './sqlite-search.ts';

/** A query as the engines run it: keys only, never the reader's text. */
export interface RankedQuery {
  /**
   * The distinct folded keys, each with the distinct exact keys of the terms with diacritics
   * that fold to it ("Lạng Sơn" → lang: [lang5], son: [sơn]; "lang son" → no exact keys). An
   * article must hold every folded key; those holding every exact key rank first.
   */
  keys: Array<{ folded: string; exact: string[] }>;
  /** Folded keys in the order typed: articles holding them as a phrase rank next (when ≥ 2). */
  phrase: string[];
}

/** Every exact key of a query. */
export function exactKeysOf(query: RankedQuery): string[] {
  return query.keys.flatMap((k) => k.exact);
}

/** A suggestion query: complete words, and the word being typed (matched as a prefix). */
export interface SuggestQuery {
  complete: string[];
  prefix: string | null;
}

/** One page of ranked article ids, and how many articles match in all. */
export interface RankedPage {
  rows: Array<{ id: number; siteId: number }>;
  /** How many articles match, counted up to the cap given. */
  total: number;
  /** True when more than `total` match (the count stopped at the cap). */
  capped: boolean;
}

/** The engine-specific operations, one implementation per engine. */
export interface SearchBackend {
  writeDocuments(db: Kysely<Database>, entries: Array<{ articleId: number; doc: SearchDocument }>): Promise<void>;
  removeDocuments(db: Kysely<Database>, articleIds: number[]): Promise<void>;
  clearDocuments(db: Kysely<Database>): Promise<void>;
  /** Removes documents whose article no longer exists; returns how many. */
  removeOrphans(db: Kysely<Database>): Promise<number>;
  indexBytes(db: Kysely<Database>): Promise<number | null>;
  rankedPage(db: Kysely<Database>, query: RankedQuery, filters: SearchFilters, now: Date, limit: number, offset: number, cap: number): Promise<RankedPage>;
  suggest(db: Kysely<Database>, query: SuggestQuery, filters: SearchFilters, now: Date, limit: number): Promise<Array<{ id: number; siteId: number }>>;
}

const BACKENDS: Record<Engine, SearchBackend> = {
  sqlite: {
    writeDocuments: sqliteSearch.sqliteWriteDocuments,
    removeDocuments: sqliteSearch.sqliteRemoveDocuments,
    clearDocuments: sqliteSearch.sqliteClearDocuments,
    removeOrphans: sqliteSearch.sqliteRemoveOrphans,
    indexBytes: sqliteSearch.sqliteIndexBytes,
    rankedPage: sqliteSearch.sqliteRankedPage,
    suggest: sqliteSearch.sqliteSuggest,
  },
  postgres: {
    writeDocuments: pgSearch.pgWriteDocuments,
    removeDocuments: pgSearch.pgRemoveDocuments,
    clearDocuments: pgSearch.pgClearDocuments,
    removeOrphans: pgSearch.pgRemoveOrphans,
    indexBytes: pgSearch.pgIndexBytes,
    rankedPage: pgSearch.pgRankedPage,
    suggest: pgSearch.pgSuggest,
  },
};

/** The implementation for an engine. */
export function searchBackend(engine: Engine): SearchBackend {
  return BACKENDS[engine];
}
