/**
 * Highlighted snippets of search results: the text around the words found, HTML-escaped,
 * with each word that matched the query wrapped in `<mark>`. A word matches when its folded
 * key equals a query term's, so "lang son" marks "Lạng Sơn" in the text as written.
 */
import { chunkKeys, tokenKeys, wordToken } from './search-text.ts';

/** Default length of a snippet, in characters of text (before markup). */
export const SNIPPET_LENGTH = 240;

/** What to mark and where to look: the query's keys. */
export interface HighlightTerms {
  /** Folded keys: every word with one of them is marked. */
  folded: ReadonlySet<string>;
  /** Exact keys of the words typed with diacritics: windows holding them are preferred. */
  exact?: ReadonlySet<string>;
  /** Folded keys in the order typed: a window holding them as a phrase is preferred. */
  phrase?: readonly string[];
}

const WORD = /[\p{L}\p{N}\p{M}\u00AD]+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** A word of the text that matched: where it is, its folded key, whether it is in exact form. */
interface Hit {
  start: number;
  end: number;
  key: string;
  exact: boolean;
}

const CHUNK = /\S+/g;

/**
 * The words of `text` matching the terms. The text is read chunk by chunk (between spaces),
 * each chunk's keys remembered (chunkKeys), and only a chunk holding a match is looked at word
 * by word for the positions: a long body costs little more than splitting it at its spaces.
 * @param stopWhen called after each chunk with a hit; returning an index stops the reading
 *   once chunks start past it (the snippet's window is found)
 */
function findHits(text: string, terms: HighlightTerms, stopWhen?: (hits: Hit[]) => number | null): Hit[] {
  const hits: Hit[] = [];
  if (terms.folded.size === 0) return hits;
  let stopAt = Infinity;
  for (const chunk of text.matchAll(CHUNK)) {
    if (chunk.index > stopAt) break;
    if (!chunkKeys(chunk[0]).folded.some((key) => terms.folded.has(key))) continue;
    for (const match of chunk[0].matchAll(WORD)) {
      const keys = tokenKeys(wordToken(match[0]));
      if (!terms.folded.has(keys.folded)) continue;
      const start = chunk.index + match.index;
      hits.push({ start, end: start + match[0].length, key: keys.folded, exact: terms.exact?.has(keys.exact) ?? false });
    }
    if (stopWhen && stopAt === Infinity) stopAt = stopWhen(hits) ?? Infinity;
  }
  return hits;
}

/**
 * Whether the hits ending with the last one, within `length` characters, are as good as a
 * window gets: every query key, each in its exact form where one was typed, and the phrase.
 */
function perfectWindowEnds(text: string, hits: Hit[], terms: HighlightTerms, length: number): boolean {
  const last = hits[hits.length - 1]!;
  const keys = new Set<string>();
  let exactOk = true;
  const seenExact = new Set<string>();
  for (let i = hits.length - 1; i >= 0 && last.end - hits[i]!.start <= length; i--) {
    keys.add(hits[i]!.key);
    if (hits[i]!.exact) seenExact.add(hits[i]!.key);
  }
  if (keys.size < terms.folded.size) return false;
  if (terms.exact?.size) exactOk = seenExact.size >= Math.min(terms.exact.size, keys.size);
  const phrase = terms.phrase ?? [];
  if (phrase.length > 1) {
    const tail = hits.slice(-phrase.length);
    if (tail.length < phrase.length || !phraseStarts(text, tail, phrase).has(0)) return false;
  }
  return exactOk;
}

/** Indexes of hits that begin the phrase (its words in order, only spaces or punctuation between). */
function phraseStarts(text: string, hits: Hit[], phrase: readonly string[] | undefined): Set<number> {
  const starts = new Set<number>();
  if (!phrase || phrase.length < 2) return starts;
  for (let i = 0; i + phrase.length <= hits.length; i++) {
    let ok = true;
    for (let j = 0; j < phrase.length && ok; j++) {
      ok = hits[i + j]!.key === phrase[j] && (j === 0 || !LETTER_OR_DIGIT.test(text.slice(hits[i + j - 1]!.end, hits[i + j]!.start)));
    }
    if (ok) starts.add(i);
  }
  return starts;
}

/** Escapes `text[from, to)` and wraps the hits inside it in `<mark>`. */
function markRange(text: string, hits: Hit[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const hit of hits) {
    if (hit.start < from || hit.end > to) continue;
    out += escapeHtml(text.slice(at, hit.start)) + '<mark>' + escapeHtml(text.slice(hit.start, hit.end)) + '</mark>';
    at = hit.end;
  }
  return out + escapeHtml(text.slice(at, to));
}

/**
 * The whole text, HTML-escaped, with every word matching one of the folded keys in `<mark>`
 * (for result titles and suggestions).
 * @param text plain text (not HTML)
 * @param terms the query's keys (only `folded` is used here)
 * @returns safe HTML: only `<mark>` elements and escaped text
 */
export function highlightText(text: string, terms: HighlightTerms): string {
  return markRange(text, findHits(text, terms), 0, text.length);
}

/** Moves `index` back to the start of the word it falls in (a space or the text's start). */
function wordStart(text: string, index: number): number {
  if (index <= 0) return 0;
  const space = text.lastIndexOf(' ', index);
  return space < 0 ? 0 : space + 1;
}

/** Moves `index` forward to the end of the word it falls in. */
function wordEnd(text: string, index: number): number {
  if (index >= text.length) return text.length;
  const space = text.indexOf(' ', index);
  return space < 0 ? text.length : space;
}

/** Most windows weighed; enough for any page of text a reader would scroll. */
const MAX_WINDOWS = 500;

/**
 * A snippet of about `length` characters of `text`, HTML-escaped, matches in `<mark>`, cut at
 * word boundaries with "…" where text was left out. The window is chosen where the most
 * distinct query words are found close together; among those, one holding the query as a
 * phrase, then the one with most words in their exact form, then the earliest. When nothing
 * matches (the article was found by its title or tags), the snippet is the start of the text.
 *
 * @param text plain text, one line (see `bodyText`)
 * @param terms the query's keys
 * @param length target length in characters (default {@link SNIPPET_LENGTH})
 * @returns safe HTML; "" for empty text
 */
export function buildSnippet(text: string, terms: HighlightTerms, length = SNIPPET_LENGTH): string {
  if (!text) return '';
  const hits = findHits(text, terms, (found) => (perfectWindowEnds(text, found, terms, length) ? found[found.length - 1]!.end + length : null));
  let from = 0;
  if (hits.length) {
    const phrases = phraseStarts(text, hits, terms.phrase);
    const before = Math.min(40, Math.floor(length / 5));
    let best = { score: -1, start: 0 };
    for (let i = 0; i < Math.min(hits.length, MAX_WINDOWS); i++) {
      const start = Math.max(0, hits[i]!.start - before);
      const seen = new Set<string>();
      let exact = 0;
      let phrase = false;
      for (let j = i; j < hits.length && hits[j]!.end <= start + length; j++) {
        seen.add(hits[j]!.key);
        if (hits[j]!.exact) exact++;
        if (phrases.has(j) && hits[j + (terms.phrase?.length ?? 1) - 1]!.end <= start + length) phrase = true;
      }
      const score = seen.size * 10_000 + (phrase ? 1_000 : 0) + Math.min(exact, 999);
      if (score > best.score) best = { score, start };
    }
    from = best.start;
  }
  from = wordStart(text, from);
  let to = wordEnd(text, Math.min(text.length, from + length));
  if (to - from > length * 1.5) to = Math.min(text.length, from + length);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < text.length ? '…' : '';
  return prefix + markRange(text, hits, from, to).trim() + suffix;
}
