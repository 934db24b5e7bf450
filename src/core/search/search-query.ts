/**
 * A reader's query, as search understands it: normalised text and a list of terms. The terms
 * are tokens (search-text.ts), never query syntax: quotes, brackets, `*`, `-`, `NEAR`, `AND`,
 * `OR` and SQL are just text, so no input can change how the engines parse a query.
 */
import { ValidationError } from '../errors.ts';
import { normalizeWhitespace } from '../text/index.ts';
import { isMarked, searchTokens, tokenKeys } from './search-text.ts';

/** Longest query, in characters after normalisation; a longer one is refused (400), not cut. */
export const MAX_QUERY_LENGTH = 200;

/** Most terms used from one query; words after the twelfth are ignored (and said so). */
export const MAX_QUERY_TERMS = 12;

/** One term of a query. */
export interface SearchTerm {
  /** The token as typed, lower-case NFC ("lạng"). */
  token: string;
  /** Folded key: what matches ("lang"). */
  folded: string;
  /** Exact key: what ranks first ("lang5"); equal to `folded` for a token without diacritics. */
  exact: string;
  /** True when the token carries a diacritic or đ. */
  marked: boolean;
}

/** A parsed query. */
export interface ParsedQuery {
  /** The query as normalised for display: NFC, whitespace collapsed, trimmed. */
  text: string;
  /** Its terms in order (repeats kept: they matter for the phrase), at most {@link MAX_QUERY_TERMS}. */
  terms: SearchTerm[];
  /** True when words beyond {@link MAX_QUERY_TERMS} were left out. */
  truncated: boolean;
}

/**
 * Parses a query typed by a reader.
 *
 * - NFC/NFD-insensitive: the text is normalised first (`normalizeWhitespace`).
 * - Empty or blank → `terms: []` (callers show a prompt, not an error).
 * - Punctuation only (`!!!`, `"()"`, `*`) → `terms: []` (no results, not an error).
 * - Operators and SQL (`NEAR`, `OR`, `'; DROP TABLE`) are words like any other.
 *
 * @param raw the query as received (any Unicode form)
 * @param field the name of the input for error messages (default `q`)
 * @returns the parsed query
 * @throws {ValidationError} (400, naming `field`) when the text is longer than
 *   {@link MAX_QUERY_LENGTH} characters: a query that long is not something a reader typed, and
 *   cutting it silently would search for something else than what was asked.
 */
export function parseSearchQuery(raw: string, field = 'q'): ParsedQuery {
  const text = normalizeWhitespace(raw);
  if (text.length > MAX_QUERY_LENGTH) {
    throw new ValidationError([{ path: field, message: `Từ khoá tìm kiếm (tham số “${field}”) dài ${text.length} ký tự, vượt quá giới hạn ${MAX_QUERY_LENGTH} ký tự; hãy rút gọn từ khoá.` }]);
  }
  const tokens = searchTokens(text);
  const terms = tokens.slice(0, MAX_QUERY_TERMS).map((token) => {
    const keys = tokenKeys(token);
    return { token, folded: keys.folded, exact: keys.exact, marked: isMarked(keys) };
  });
  return { text, terms, truncated: tokens.length > MAX_QUERY_TERMS };
}
