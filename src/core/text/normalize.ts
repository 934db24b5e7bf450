/**
 * Unicode clean-up for text that enters the portal. Vietnamese arrives in every shape: NFD from
 * macOS and some IMEs, zero-width characters and BOMs pasted from Word and web pages, no-break
 * spaces from HTML. Everything stored or compared goes through `normalizeText` first, so that
 * two spellings a reader sees as identical are identical bytes.
 */

import { ValidationError } from '../errors.ts';

// U+200B zero-width space, U+200C ZWNJ, U+200D ZWJ, U+200E LRM, U+200F RLM, U+2060 word joiner,
// U+FEFF BOM / zero-width no-break space. None of them belongs in Vietnamese text, and all of
// them make equal-looking strings compare unequal.
const INVISIBLE = /[\u200B-\u200F\u2060\uFEFF]/g;

// C0 control characters other than tab, line feed and carriage return, and DEL. NUL cannot
// even be stored in PostgreSQL text; none of them is ever part of a document.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

// U+00A0 no-break space, U+2007 figure space, U+202F narrow no-break space.
const NO_BREAK_SPACE = /[\u00A0\u2007\u202F]/g;

/**
 * Normalises a string to the form the portal stores and compares: Unicode NFC, with the
 * invisible characters U+200B–U+200F (zero-width space, ZWNJ, ZWJ, LRM, RLM), U+2060 (word
 * joiner) and U+FEFF (BOM) removed, C0 control characters other than tab and line breaks
 * (NUL, bell, backspace… and DEL) removed, and no-break spaces (U+00A0, U+2007, U+202F) turned
 * into ordinary spaces.
 *
 * It does not trim, collapse whitespace, change case, fix typos or change the tone-mark
 * placement style: "hoà" and "hòa" are both valid spellings and stay as given (use `foldText`
 * to compare them).
 *
 * Invisible characters are removed before composing, so a zero-width space between a letter
 * and its combining mark does not stop them from composing.
 *
 * @param s any string
 * @returns the normalised string (never longer than `s`)
 * Source: Unicode Standard Annex #15 (normalisation forms); W3C "Character Model for the World
 * Wide Web: String Matching" recommends NFC for content.
 */
export function normalizeText(s: string): string {
  return s.replace(INVISIBLE, '').replace(CONTROL, '').replace(NO_BREAK_SPACE, ' ').normalize('NFC');
}

/**
 * Collapses every run of whitespace (spaces, tabs, line breaks, no-break spaces) to one space
 * and trims both ends, after applying `normalizeText`. Meant for single-line fields such as
 * titles, names and labels; do not use it on body text, where line breaks matter.
 *
 * @param s any string
 * @returns the normalised single-line string; "" when `s` holds only whitespace
 * Source: house rule for single-line fields (titles are shown and compared without stray spaces).
 */
export function normalizeWhitespace(s: string): string {
  return normalizeText(s).replace(/\s+/gu, ' ').trim();
}

/**
 * Applies `normalizeText` to every string inside a value built from plain objects and arrays
 * (a parsed JSON body, CLI arguments, an imported record), including object keys, so a CSV
 * header that starts with a BOM becomes the key it looks like.
 *
 * Returns new arrays and objects; the input is never mutated (frozen input is fine). Values
 * that are not strings, arrays or plain objects (numbers, booleans, null, undefined, Dates,
 * Buffers, Maps, class instances…) are returned as the same reference, untouched. Symbol keys
 * are copied as they are. A `__proto__` key from `JSON.parse` stays an own property and never
 * changes the result's prototype.
 *
 * @param value the value to normalise
 * @returns a copy of `value` with every string normalised, of the same shape
 * @throws {ValidationError} when two keys of one object become equal after normalising (e.g.
 *   "title" and "\uFEFFtitle"); the path is the key
 * @throws {TypeError} when the value contains a cycle
 * Source: house rule "everything from outside is normalised at the edge" (STYLE.md, errors and
 * validation).
 */
export function normalizeInput<T>(value: T): T {
  return normalizeValue(value, new Set<object>(), '') as T;
}

function normalizeValue(value: unknown, ancestors: Set<object>, path: string): unknown {
  if (typeof value === 'string') return normalizeText(value);
  if (Array.isArray(value)) {
    enter(value, ancestors);
    const out = value.map((item, i) => normalizeValue(item, ancestors, `${path}[${i}]`));
    ancestors.delete(value);
    return out;
  }
  if (isPlainObject(value)) {
    enter(value, ancestors);
    const out: Record<PropertyKey, unknown> = Object.create(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      if (!Object.prototype.propertyIsEnumerable.call(value, key)) continue;
      const newKey = typeof key === 'string' ? normalizeText(key) : key;
      const childPath = typeof newKey === 'string' ? joinPath(path, newKey) : path;
      if (Object.prototype.hasOwnProperty.call(out, newKey)) {
        throw new ValidationError([
          {
            path: childPath,
            message: 'Hai trường trùng tên sau khi chuẩn hoá (duplicate key after normalisation)',
          },
        ]);
      }
      // defineProperty, not assignment: assigning to "__proto__" would change the prototype.
      Object.defineProperty(out, newKey, {
        value: normalizeValue((value as Record<PropertyKey, unknown>)[key], ancestors, childPath),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    ancestors.delete(value);
    return out;
  }
  return value;
}

function enter(container: object, ancestors: Set<object>): void {
  if (ancestors.has(container)) throw new TypeError('normalizeInput: the value contains a cycle');
  ancestors.add(container);
}

function isPlainObject(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function joinPath(parent: string, key: string): string {
  return parent === '' ? key : `${parent}.${key}`;
}
