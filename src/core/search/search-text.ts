/**
 * How search reads Vietnamese text: the tokens of a text (syllables, numbers), their folded
 * key (no diacritics, đ→d: what matches) and their exact key (diacritics kept, tone-mark
 * placement normalised: what ranks first), and the readable text of a stored body.
 *
 * The index and the query both go through {@link searchTokens}, so the two engines see the
 * same words and user text never reaches a full-text query language (DESIGN.md §4).
 */
import { foldText, normalizeText } from '../text/index.ts';
import { decodeEntities } from '../revisions/body-text.ts';

/** Longest token kept, in characters; longer runs of letters (URLs, base64) are cut here. */
export const MAX_TOKEN_LENGTH = 64;

/**
 * A token: a letter or digit followed by letters, digits and combining marks (Unicode L, N, M).
 * Marks with no letter before them (a stray accent, an emoji's variation selector) are not a
 * token: they would fold to nothing.
 */
const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}\p{M}]*/gu;

/** Soft hyphens split nothing a reader sees: they are removed before tokenising. */
const SOFT_HYPHEN = /\u00AD/g;

/**
 * Vietnamese tone marks (dấu thanh) as combining characters, with the digit of the VNI
 * convention: sắc 1, huyền 2, hỏi 3, ngã 4, nặng 5. The vowel marks (circumflex, breve, horn)
 * are not tones: they make other letters (â, ă, ơ) and stay in the base.
 */
const TONE_DIGITS: Record<string, string> = { '\u0301': '1', '\u0300': '2', '\u0309': '3', '\u0303': '4', '\u0323': '5' };

function cut(token: string): string {
  if (token.length <= MAX_TOKEN_LENGTH) return token;
  return Array.from(token).slice(0, MAX_TOKEN_LENGTH).join('');
}

/**
 * The tokens of a text, in order: `normalizeText` (NFC), soft hyphens removed, lower-cased,
 * then every run of letters, digits and combining marks that starts with a letter or digit,
 * each cut to {@link MAX_TOKEN_LENGTH} characters. Everything else (spaces, punctuation, symbols, quotes, `*`, `-`, `(`…) separates
 * tokens and is never kept, so no token can carry query syntax.
 *
 * "Số 42/2022/NĐ-CP" → ["số", "42", "2022", "nđ", "cp"]; an NFD "Lạng Sơn" gives the same
 * tokens as the NFC one.
 *
 * @param text any text
 * @returns the tokens (lower-case NFC); [] when the text has no letter or digit
 * Source: Unicode general categories (UAX #44); Vietnamese words are written as syllables
 * separated by spaces, so a syllable is the unit of matching.
 */
export function searchTokens(text: string): string[] {
  const out: string[] = [];
  const normal = normalizeText(text).replace(SOFT_HYPHEN, '').toLowerCase();
  for (const match of normal.matchAll(TOKEN)) out.push(cut(match[0]));
  return out;
}

/**
 * The token of one word already cut out of an NFC text (a run of letters, digits and marks,
 * possibly with soft hyphens): what {@link searchTokens} would make of it, without the cost of
 * normalising again. Used to mark words in snippets.
 * @param word one word of stored (NFC) text
 * @returns the lower-case token, cut to {@link MAX_TOKEN_LENGTH} characters
 */
export function wordToken(word: string): string {
  return cut(word.replace(SOFT_HYPHEN, '').toLowerCase());
}

/** Keys of the tokens of one whitespace-separated chunk of text ("Sơn,", "(TTTT)", "42/2022/NĐ-CP"). */
export interface ChunkKeys {
  folded: string[];
  /** Exact keys of the chunk's marked tokens. */
  exact: string[];
}

/** Most chunks remembered; past it the memory starts again. */
const CHUNK_CACHE_LIMIT = 100_000;
let chunkCache = new Map<string, ChunkKeys>();
const WHITESPACE = /\s+/;

/**
 * The folded and exact keys of the tokens of one chunk of text without spaces ("Sơn,",
 * "42/2022/NĐ-CP"), remembered: most chunks of Vietnamese text recur.
 * @param chunk text between two spaces, NFC
 */
export function chunkKeys(chunk: string): ChunkKeys {
  let keys = chunkCache.get(chunk);
  if (!keys) {
    keys = { folded: [], exact: [] };
    for (const token of searchTokens(chunk)) {
      const k = tokenKeys(token);
      keys.folded.push(k.folded);
      if (isMarked(k)) keys.exact.push(k.exact);
    }
    if (chunkCache.size >= CHUNK_CACHE_LIMIT) chunkCache = new Map();
    chunkCache.set(chunk, keys);
  }
  return keys;
}

/**
 * The tokens of texts for the index: exactly what {@link searchTokens} and {@link tokenKeys}
 * give token by token, computed chunk by chunk (text between spaces) with the chunks'
 * results remembered — the same few thousand words with the same punctuation make up most
 * Vietnamese text, and an import indexes over a thousand articles a second.
 * @param texts the texts of one section (title; lead and tag names; body text)
 * @returns the folded tokens in order, and the distinct exact keys of the marked tokens in
 *   first-seen order
 */
export function indexTokens(texts: string[]): { folded: string[]; exact: string[] } {
  const folded: string[] = [];
  const exact = new Set<string>();
  for (const text of texts) {
    for (const chunk of normalizeText(text).split(WHITESPACE)) {
      if (!chunk) continue;
      const keys = chunkKeys(chunk);
      for (const f of keys.folded) folded.push(f);
      for (const e of keys.exact) exact.add(e);
    }
  }
  return { folded, exact: [...exact] };
}

/** Keys of a token, remembered: the same few thousand syllables make up most Vietnamese text. */
interface TokenKeys {
  folded: string;
  exact: string;
}

/** Most tokens whose keys are remembered; past it the memory starts again (no eviction bookkeeping). */
const KEY_CACHE_LIMIT = 50_000;
let keyCache = new Map<string, TokenKeys>();

function computeExactKey(token: string): string {
  let base = '';
  let tones = '';
  for (const ch of token.normalize('NFD')) {
    const tone = TONE_DIGITS[ch];
    if (tone) tones += tone;
    else base += ch;
  }
  return base.normalize('NFC') + tones;
}

/**
 * The folded and exact keys of a token from {@link searchTokens}.
 *
 * - `folded`: `foldText` (diacritics removed, đ→d): "Lạng", "lăng", "lang" all give "lang".
 *   Matching is done on folded keys, so a query with or without diacritics finds the same
 *   articles.
 * - `exact`: the token with its tone mark moved to the end as a VNI digit and its other marks
 *   kept: "lạng" → "lang5", "lăng" → "lăng", "sơn" → "sơn", "đà" → "đa2". The old and new tone
 *   placements ("hoà"/"hòa", "thuỷ"/"thủy") give the same key, since both are correct
 *   Vietnamese; different letters or tones do not. Ranking puts articles holding every
 *   marked query token in exact form first.
 *
 * @param token a token as {@link searchTokens} returns it (lower-case NFC)
 * @returns both keys; `exact === folded` exactly when the token has no diacritic and no đ
 * Source: Vietnamese orthography (five tone marks on the main vowel; the 1980s "old" and
 * "new" placements in oa, oe, uy are both in use); VNI input convention for the tone digits.
 */
export function tokenKeys(token: string): TokenKeys {
  let keys = keyCache.get(token);
  if (!keys) {
    keys = { folded: foldText(token), exact: computeExactKey(token) };
    if (keyCache.size >= KEY_CACHE_LIMIT) keyCache = new Map();
    keyCache.set(token, keys);
  }
  return keys;
}

/** True when a token has a diacritic or đ, i.e. an exact form that differs from its folded one. */
export function isMarked(keys: TokenKeys): boolean {
  return keys.exact !== keys.folded;
}

/**
 * One pass over a stored body's markup: comments and hidden elements become a space, inline
 * tags (links, emphasis: they do not separate words, "tại <a>vnexpress.net</a>." reads
 * "tại vnexpress.net.") nothing, any other tag a space.
 */
const MARKUP = /<!--[\s\S]*?-->|<(script|style|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>|<(\/?)(a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)\b[^>]*>|<\/?[a-zA-Z][^>]*>/gi;

/**
 * The readable text of a stored (sanitised) body: comments and hidden elements removed, inline
 * tags (links, emphasis) removed, every other tag replaced by a space, character references
 * decoded, whitespace collapsed.
 * Image `alt` texts are not included (a caption, when there is one, is text and is).
 *
 * @param html stored body HTML (sanitised on write, so every `<…>` is a tag)
 * @returns plain text, one line; "" for an empty body
 * Source: core/articles/sanitize-body.ts (the allowlist that makes a tag scanner reliable).
 */
export function bodyText(html: string): string {
  if (!html) return '';
  const stripped = html.replace(MARKUP, (_whole, _hidden, _slash, inline) => (inline ? '' : ' '));
  return decodeEntities(stripped).replace(/\s+/gu, ' ').trim();
}
