/**
 * URL slugs from Vietnamese titles: ASCII, lowercase, hyphen-separated, without tones
 * ("Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau"), the form Vietnamese government portals use.
 */

import { foldText } from './fold.ts';

/** The default longest slug, in characters (UTF-16 code units; slugs are ASCII). */
const DEFAULT_MAX_LENGTH = 80;

/** How many suffixes `uniqueSlug` tries before deciding `taken` must be wrong. */
const MAX_ATTEMPTS = 1000;

/**
 * Makes a URL slug: `foldText`, then every run of characters other than a–z and 0–9 becomes
 * one hyphen, hyphens at both ends are removed, and the result is cut to `maxLength` at a
 * word (hyphen) boundary. A single word longer than `maxLength` is cut mid-word.
 *
 * Returns "" for empty input and for input without letters or digits; callers choose their
 * own fallback (e.g. the record's id). Letters outside Latin that have no ASCII form are dropped.
 *
 * @param s the title or name, any Unicode form
 * @param maxLength the longest result in characters, an integer ≥ 1 (default 80)
 * @returns the slug, matching /^([a-z0-9]+(-[a-z0-9]+)*)?$/
 * @throws {RangeError} when `maxLength` is not an integer ≥ 1
 * Source: house URL rule; RFC 3986 unreserved characters (only a–z, 0–9 and "-" are used).
 */
export function slugify(s: string, maxLength: number = DEFAULT_MAX_LENGTH): string {
  assertMaxLength(maxLength);
  const slug = foldText(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return cutAtWordBoundary(slug, maxLength);
}

/**
 * Finds the first free slug among `base`, `base-2`, `base-3`… by asking `taken`. When a suffix
 * would make the slug longer than `maxLength`, `base` is first cut at a word boundary so the
 * result still fits.
 *
 * This only avoids the likely collision; two writers can still pick the same slug at once, so
 * the database's unique index stays the real guard (retry on its conflict).
 *
 * @param base a slug, usually from `slugify`; must not be empty
 * @param taken answers whether a candidate slug is already used (sync or async)
 * @param maxLength the longest result in characters (default 80, as `slugify`); pass the same
 *   value you gave `slugify`
 * @returns the first candidate for which `taken` answered false
 * @throws {RangeError} when `base` is empty, longer than `maxLength`, or `maxLength` is not an
 *   integer ≥ 1
 * @throws {Error} when 1000 candidates in a row are taken (a sign that `taken` is wrong)
 * Source: house URL rule (numbered suffixes, as WordPress and Ghost do).
 */
export async function uniqueSlug(
  base: string,
  taken: (candidate: string) => boolean | Promise<boolean>,
  maxLength: number = DEFAULT_MAX_LENGTH,
): Promise<string> {
  assertMaxLength(maxLength);
  if (base === '') throw new RangeError('uniqueSlug: base slug is empty');
  if (base.length > maxLength) {
    throw new RangeError(`uniqueSlug: base slug is longer than ${maxLength} characters`);
  }
  if (!(await taken(base))) return base;
  for (let n = 2; n <= MAX_ATTEMPTS; n++) {
    const suffix = `-${n}`;
    const room = maxLength - suffix.length;
    const stem = base.length <= room ? base : cutAtWordBoundary(base, room);
    const candidate = `${stem}${suffix}`;
    if (!(await taken(candidate))) return candidate;
  }
  throw new Error(`uniqueSlug: ${MAX_ATTEMPTS} candidates for "${base}" were all taken`);
}

function assertMaxLength(maxLength: number): void {
  if (!Number.isInteger(maxLength) || maxLength < 1) {
    throw new RangeError(`slug maxLength must be an integer ≥ 1, got ${maxLength}`);
  }
}

/** Cuts a slug to at most `max` characters, preferring the last hyphen; never ends in "-". */
function cutAtWordBoundary(slug: string, max: number): string {
  if (slug.length <= max) return slug;
  if (max < 1) return '';
  const head = slug.slice(0, max);
  if (slug[max] === '-') return head.replace(/-+$/, '');
  const lastHyphen = head.lastIndexOf('-');
  const cut = lastHyphen > 0 ? head.slice(0, lastHyphen) : head;
  return cut.replace(/-+$/, '');
}
