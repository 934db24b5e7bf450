/**
 * Folding for matching: the key under which "Lạng Sơn", "LẠNG SƠN", "lang son" and "lăng sơn"
 * are the same. Used by search, slugs and duplicate detection; never shown to readers.
 */

import { normalizeText } from './normalize.ts';

/**
 * Folds a string for matching: `normalizeText`, soft hyphens (U+00AD) removed, lowercased,
 * every combining mark removed after canonical decomposition (tones, breve, circumflex, horn),
 * đ/Đ mapped to d, then recomposed to NFC. "Đắk Lắk" → "dak lak", "Thừa Thiên Huế" →
 * "thua thien hue"; "Thanh Hoá" and "Thanh Hóa" fold equal.
 *
 * It does not trim or collapse whitespace, and does not touch punctuation or digits. Letters
 * that have no decomposition other than đ (e.g. ø, ł, ß) are kept as they are.
 * Lowercasing is locale-independent (`toLowerCase`), so the result does not depend on the
 * host's locale (a Turkish locale would otherwise turn "I" into a dotless ı).
 *
 * Folding loses information ("lăng" and "lang", "ma" and "mả" fold equal), which is what
 * matching wants; never store folded text in place of the original.
 *
 * @param s any string
 * @returns the folded string
 * Source: Unicode Standard Annex #15 (NFD) and the Vietnamese alphabet, in which đ is the only
 * letter whose mark is not a combining character.
 */
export function foldText(s: string): string {
  return normalizeText(s)
    .replace(/\u00AD/g, '')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}
