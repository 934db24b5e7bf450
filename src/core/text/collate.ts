/**
 * Vietnamese alphabetical order, for lists readers scan: provinces, agencies, people, tags.
 * Node's ICU has the CLDR "vi" tailoring, which gives the dictionary order (checked in
 * collate.test.ts, which fails if the runtime falls back to the root order).
 */

// A Collator is immutable, so one per process holds no state.
const COLLATOR = new Intl.Collator('vi', { sensitivity: 'variant', numeric: true });

/**
 * Compares two strings in Vietnamese alphabetical order: a ă â b c d đ e ê g h i k l m n o ô ơ
 * p q r s t u ư v x y, word by word (a space sorts before any letter, so "Bà Rịa" comes before
 * "Bạc Liêu"); tones only break ties between otherwise equal words, in dictionary order
 * (ngang, huyền, hỏi, ngã, sắc, nặng); runs of digits compare as numbers ("2" before "10").
 * Digraphs (ch, kh, ng, nh, ph, th, tr…) are sequences of letters ("Khánh" before "Kiên").
 * NFC and NFD spellings compare equal; zero-width characters are ignored.
 *
 * @param a first string
 * @param b second string
 * @returns a negative number when `a` sorts first, positive when `b` does, 0 when equal
 * Source: CLDR collation tailoring for "vi" (via ICU in Node's `Intl.Collator`), which follows
 * the 29-letter Vietnamese alphabet.
 */
export function compareVietnamese(a: string, b: string): number {
  return COLLATOR.compare(a, b);
}

/**
 * Returns a new array of `items` sorted by `key` in Vietnamese order (see
 * `compareVietnamese`). The sort is stable and calls `key` once per item; `items` is not changed.
 *
 * @param items the items to sort
 * @param key gives the text to sort an item by (e.g. `(p) => p.name`)
 * @returns a new, sorted array holding the same item references
 * Source: as `compareVietnamese`.
 */
export function sortVietnamese<T>(items: readonly T[], key: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, sortKey: key(item) }))
    .sort((x, y) => COLLATOR.compare(x.sortKey, y.sortKey))
    .map((entry) => entry.item);
}
