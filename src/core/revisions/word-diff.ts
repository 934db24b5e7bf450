/**
 * A word-level diff that is right for Vietnamese text (issue "Newsroom core", item 5).
 *
 * Vietnamese is written as syllables separated by spaces, and a syllable's tone mark may be a
 * combining character. A character diff (or a word diff whose idea of a "letter" stops at
 * Latin-1) splits "Lạng" → "Lang" into "L" + "ạ"/"a" + "ng", or cuts a combining mark off its
 * base letter. Here both texts are first put in NFC (so an NFD and an NFC spelling of the same
 * words compare equal), whitespace runs collapse to one space, and the text is cut into
 * tokens at Unicode word boundaries (UAX #29, through `Intl.Segmenter`): a token is a whole
 * syllable or word (letters, combining marks and digits stay together), or one punctuation
 * mark, never part of a grapheme. Tokens are then compared whole, so a changed tone mark or
 * đ/d shows the whole syllable deleted and the new one inserted.
 *
 * The diff is computed on the word and punctuation tokens only (spaces are carried as "space
 * before this token"), which avoids the perverse results of diffing spaces as tokens (jsdiff
 * issue #160), and the parts still rebuild both texts exactly: the `equal` and `delete` parts
 * give the old text, the `equal` and `insert` parts the new one (both normalised as above).
 */
import { diffArrays } from 'diff';
import { normalizeText } from '../text/index.ts';

/** What happened to a run of text between two versions. */
export type DiffOp = 'equal' | 'insert' | 'delete';

/** One run of text of a diff. */
export interface DiffPart {
  text: string;
  op: DiffOp;
}

/** One token: a word/syllable or a punctuation mark, and whether a space came before it. */
interface Token {
  text: string;
  spaceBefore: boolean;
}

/**
 * Beyond this many token edits the two texts are treated as replaced wholesale: the diff of
 * two long, unrelated texts would cost time (Myers' algorithm is O(N·D)) and say nothing.
 */
const MAX_EDIT_LENGTH = 1000;

const segmenter = new Intl.Segmenter('vi', { granularity: 'word' });

/**
 * Puts text in the form the diff compares: NFC, invisible characters removed, every
 * whitespace run (including line breaks and no-break spaces) collapsed to one space, trimmed.
 * @param text any text (null is treated as empty)
 * @returns the comparable single-line text
 * Source: Unicode Standard Annex #15 (NFC); core/text normalizeText.
 */
export function comparableText(text: string | null | undefined): string {
  return normalizeText(text ?? '')
    .replace(/\s+/gu, ' ')
    .trim();
}

/**
 * Cuts comparable text into word and punctuation tokens at Unicode word boundaries (UAX #29,
 * `Intl.Segmenter` with `granularity: 'word'`). Combining marks and joiners stay inside their
 * token, so no token ever starts with a mark.
 * @param text text already passed through {@link comparableText}
 * @returns the tokens in order, without whitespace tokens
 */
function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let spaceBefore = false;
  for (const { segment } of segmenter.segment(text)) {
    if (/^\s+$/u.test(segment)) {
      spaceBefore = true;
      continue;
    }
    tokens.push({ text: segment, spaceBefore });
    spaceBefore = false;
  }
  return tokens;
}

/**
 * The words and punctuation marks of a text, as the diff sees them (for tests and for
 * callers that want to count words).
 * @param text any text; normalised with {@link comparableText} first
 * @returns the token strings, in order
 */
export function wordTokens(text: string | null | undefined): string[] {
  return tokenize(comparableText(text)).map((t) => t.text);
}

/** Appends a part, merging it into the previous one when the operation is the same. */
function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

const sp = (t: Token): string => (t.spaceBefore ? ' ' : '');

/**
 * Word-level diff of two texts, right for Vietnamese (see the module comment).
 *
 * Within each changed stretch the deleted text comes first, then the inserted text, and a
 * space both share in front is kept as `equal`, so "Thành phố Lạng Sơn" → "Thành phố Lang Sơn"
 * gives `equal "Thành phố "`, `delete "Lạng"`, `insert "Lang"`, `equal " Sơn"`. A word only
 * removed or only added carries the space after it: "hội nghị trực tuyến" → "hội nghị" gives
 * `equal "hội nghị"`, `delete " trực tuyến"`; "a x b" → "a b" gives `equal "a "`,
 * `delete "x "`, `equal "b"`.
 *
 * @param oldText the earlier version (null: empty)
 * @param newText the later version (null: empty)
 * @returns the parts; `equal` + `delete` rebuild the old comparable text, `equal` + `insert`
 *   the new one. Two texts equal after normalisation give one `equal` part (or none when both
 *   are empty).
 */
export function diffWords(oldText: string | null | undefined, newText: string | null | undefined): DiffPart[] {
  const oldTokens = tokenize(comparableText(oldText));
  const newTokens = tokenize(comparableText(newText));
  const changes = diffArrays(
    oldTokens.map((t) => t.text),
    newTokens.map((t) => t.text),
    { maxEditLength: MAX_EDIT_LENGTH },
  );
  const parts: DiffPart[] = [];
  if (!changes) {
    push(parts, 'delete', oldTokens.map((t, i) => (i === 0 ? '' : sp(t)) + t.text).join(''));
    push(parts, 'insert', newTokens.map((t, i) => (i === 0 ? '' : sp(t)) + t.text).join(''));
    return parts;
  }

  let oi = 0;
  let ni = 0;
  // The deletes and inserts of the current changed stretch, emitted together at its end.
  let deleted: Token[] = [];
  let inserted: Token[] = [];
  /**
   * Emits the changed stretch. `next` is the equal token that follows it (null at the end).
   * @returns true when the space in front of `next` was emitted here (as part of a one-sided
   *   change: "a x b" → "a b" reads `a `, `<del>x </del>`, `b`).
   */
  const flush = (next: { o: Token; n: Token } | null): boolean => {
    if (!deleted.length && !inserted.length) return false;
    const text = (tokens: Token[]): string => tokens.map((t, i) => (i === 0 ? '' : sp(t)) + t.text).join('');
    const lead = (tokens: Token[]): string => (tokens[0]?.spaceBefore ? ' ' : '');
    let consumed = false;
    if (deleted.length && inserted.length) {
      // A replacement: a space in front of both sides is common text.
      const dl = lead(deleted);
      const il = lead(inserted);
      if (dl && il) push(parts, 'equal', ' ');
      else {
        push(parts, 'delete', dl);
        push(parts, 'insert', il);
      }
      push(parts, 'delete', text(deleted));
      push(parts, 'insert', text(inserted));
    } else {
      const op: DiffOp = deleted.length ? 'delete' : 'insert';
      const run = deleted.length ? deleted : inserted;
      if (lead(run) && next && next.o.spaceBefore && next.n.spaceBefore) {
        // Keep the space before the run as common text and take the one after it instead.
        push(parts, 'equal', ' ');
        push(parts, op, `${text(run)} `);
        consumed = true;
      } else {
        push(parts, op, lead(run) + text(run));
      }
    }
    deleted = [];
    inserted = [];
    return consumed;
  };

  for (const change of changes) {
    for (let k = 0; k < change.count; k++) {
      if (change.removed) {
        deleted.push(oldTokens[oi++]!);
      } else if (change.added) {
        inserted.push(newTokens[ni++]!);
      } else {
        const o = oldTokens[oi++]!;
        const n = newTokens[ni++]!;
        const consumed = k === 0 && flush({ o, n });
        // The same token; its leading space may differ between the versions ("a ,b" → "a, b").
        if (!consumed) {
          if (o.spaceBefore && n.spaceBefore) push(parts, 'equal', ' ');
          else if (o.spaceBefore) push(parts, 'delete', ' ');
          else if (n.spaceBefore) push(parts, 'insert', ' ');
        }
        push(parts, 'equal', n.text);
      }
    }
  }
  flush(null);
  return parts;
}

/**
 * The text of one side of a diff.
 * @param side `old`: equal + delete parts; `new`: equal + insert parts
 */
export function sideText(parts: readonly DiffPart[], side: 'old' | 'new'): string {
  const skip: DiffOp = side === 'old' ? 'insert' : 'delete';
  return parts
    .filter((p) => p.op !== skip)
    .map((p) => p.text)
    .join('');
}

/** True when a diff has any insert or delete. */
export function hasChanges(parts: readonly DiffPart[]): boolean {
  return parts.some((p) => p.op !== 'equal');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values (`& < > " '`).
 * Source: HTML Living Standard §13.1.2.6 (restrictions on text content) and OWASP XSS
 * prevention rule #1.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Renders diff parts as HTML: inserted runs in `<ins>`, deleted runs in `<del>`, equal runs as
 * text. Every run is escaped, so article text can never inject markup.
 * @returns an HTML fragment (inline content, no block elements)
 * Source: HTML Living Standard §4.7 (`ins` and `del` elements).
 */
export function renderDiffHtml(parts: readonly DiffPart[]): string {
  return parts
    .map((p) => (p.op === 'insert' ? `<ins>${escapeHtml(p.text)}</ins>` : p.op === 'delete' ? `<del>${escapeHtml(p.text)}</del>` : escapeHtml(p.text)))
    .join('');
}
