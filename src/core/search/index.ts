/**
 * Vietnamese search (DESIGN.md §4): one interface over SQLite FTS5 and PostgreSQL full-text.
 * Read with `searchArticles` / `suggestArticles`; keep the index in step with
 * `refreshSearchDocument` (inside the transaction that saved content); rebuild with
 * `reindexSearch`.
 */
export { searchArticles, suggestArticles, SEARCH_PAGE_SIZE, SEARCH_RESULT_CAP, MAX_SEARCH_PAGE_SIZE, SUGGESTION_LIMIT, type SearchHit, type SearchRequest, type SearchResults, type SearchSuggestion } from './search.ts';
export { indexArticleContent, refreshSearchDocument, refreshSearchDocuments, reindexSearch, removeSearchDocument, type ReindexSummary } from './search-index.ts';
export { parseSearchQuery, MAX_QUERY_LENGTH, MAX_QUERY_TERMS, type ParsedQuery, type SearchTerm } from './search-query.ts';
export { engineOf, type SearchFilters } from './search-filters.ts';
export { buildSnippet, highlightText, type HighlightTerms } from './snippet.ts';
export { searchBackend } from './search-backend.ts';
