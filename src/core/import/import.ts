/**
 * Import (DESIGN.md §2.9, "Migration in"): the types every importer shares and the pure rules
 * they share — how an item is identified and hashed, how a publication date given on the
 * command line is read, how errors are reported.
 */
import crypto from 'node:crypto';
import type { PublishedPrecision } from '../articles/article.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { parseDateOnly, parseVietnamDateTime, vietnamMidnightInstant } from '../text/index.ts';
import type { ImportedArticle } from './imported-article.schema.ts';

/** One problem with one source item: which field, and a Vietnamese message naming it. */
export interface ImportItemError {
  /** The field at fault (`published`, `title`, `json` for a line that is not JSON…). */
  field: string;
  message: string;
}

/** One item handed to `importArticles`: where it came from and what it is (or why it is not). */
export interface ImportItem {
  /** Where the item came from, `file:line` for JSON Lines, the file path for pages. */
  source: string;
  item: ImportedArticle | { error: ImportItemError };
}

/** One failed item in an import summary. */
export interface ImportErrorEntry {
  source: string;
  field: string;
  message: string;
}

/** What an import run did. Every item is counted exactly once in one of the four counters. */
export interface ImportSummary {
  /** New articles created. */
  imported: number;
  /** Existing articles (same import key) whose content changed and were updated. */
  updated: number;
  /** Existing articles whose content hash was unchanged: nothing written. */
  skipped: number;
  /** Items reported in `errors` and not written at all. */
  failed: number;
  errors: ImportErrorEntry[];
}

/** A publication time with how much of it is known. */
export interface PublishedTime {
  /** ISO 8601 UTC instant as stored (`toISOString()`). */
  publishedAt: string;
  publishedPrecision: PublishedPrecision;
}

/**
 * Serialises a JSON-like value with object keys sorted at every level and `undefined`
 * properties left out, so equal content always gives equal text whatever the key order.
 *
 * @param value plain objects, arrays, strings, finite numbers, booleans, null.
 * @returns compact JSON text.
 * @throws {TypeError} for values JSON cannot represent (functions, bigint, cycles).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/**
 * The content hash stored in `articles.import_hash`: SHA-256 (hex, 64 characters) of the
 * canonical JSON of the item. Equal hashes mean a re-import would change nothing.
 */
export function importHash(item: ImportedArticle): string {
  return crypto.createHash('sha256').update(canonicalJson(item)).digest('hex');
}

const ISO_WITH_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/;

/**
 * Reads a publication date given by a person (CLI option, importer option):
 * - a `Date` or an ISO 8601 instant with a time and an offset (`2022-09-27T14:05:00+07:00`)
 *   → that instant, precision `minute`;
 * - a date `2022-09-27` or `27/9/2022` (any form `parseDateOnly` accepts) → 00:00 of that day
 *   in Vietnam, precision `day`;
 * - a date and a Vietnam wall time `27/9/2022 14:05` → that instant, precision `minute`.
 *
 * @param value the date as given.
 * @param field the field name to report on failure (default `publishedAt`).
 * @throws {ValidationError} naming `field` when the value cannot be read (an ISO time without
 *   an offset is refused: its time zone would be a guess).
 */
export function resolvePublishedTime(value: string | Date, field = 'publishedAt'): PublishedTime {
  const fail = (why: string): never => {
    throw new ValidationError([{ path: field, message: `Ngày đăng không hợp lệ (${field}): ${why}` }]);
  };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) fail('Date không hợp lệ');
    return { publishedAt: value.toISOString(), publishedPrecision: 'minute' };
  }
  const text = value.trim();
  if (ISO_WITH_TIME.test(text)) {
    if (!/(?:[Zz]|[+-]\d{2}:?\d{2})$/.test(text)) fail(`"${text}" thiếu múi giờ (thêm Z hoặc +07:00)`);
    const ms = Date.parse(text);
    if (Number.isNaN(ms)) fail(`"${text}" không phải thời điểm ISO 8601`);
    return { publishedAt: new Date(ms).toISOString(), publishedPrecision: 'minute' };
  }
  const withTime = /^(\S+)\s+(\d{1,2}:\d{2})$/.exec(text);
  try {
    if (withTime) {
      return {
        publishedAt: parseVietnamDateTime(withTime[1]!, withTime[2]!).toISOString(),
        publishedPrecision: 'minute',
      };
    }
    return { publishedAt: vietnamMidnightInstant(parseDateOnly(text)).toISOString(), publishedPrecision: 'day' };
  } catch (error) {
    return fail(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Turns whatever a parser threw into the error of one item: the first issue of a
 * `ValidationError` (its path is the field), otherwise the message under `fallbackField`.
 * Anything that is not an `Error` is reported as text.
 */
export function toItemError(error: unknown, fallbackField = '(bài)'): ImportItemError {
  if (error instanceof ValidationError) {
    const issue: FieldIssue | undefined = error.issues[0];
    if (issue) {
      const more = error.issues.length > 1 ? ` (và ${error.issues.length - 1} lỗi khác: ${error.issues.slice(1).map((i) => i.path).join(', ')})` : '';
      return { field: issue.path, message: issue.message + more };
    }
  }
  return { field: fallbackField, message: error instanceof Error ? error.message : String(error) };
}

/**
 * One line for people: `tệp.jsonl:12 — published: Thiếu ngày đăng…`. The CLI prints these.
 */
export function formatImportError(entry: ImportErrorEntry): string {
  return `${entry.source} — ${entry.field}: ${entry.message}`;
}

const DATE_TIME =
  /(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})\D{0,24}?\b(\d{1,2})\s*(?:[:h]|giờ)\s*(\d{2})\b|\b(\d{1,2})\s*(?:[:h]|giờ)\s*(\d{2})\b\D{0,24}?(\d{1,2}[/.-]\d{1,2}[/.-]\d{4})/u;

/**
 * Finds a date with a time of day in a short text such as a page's dateline
 * ("Thứ Tư, 15/03/2023 - 08:30", "Cập nhật lúc 14:30, ngày 20/11/2023", "20/11/2023 | 14h30"),
 * read as Vietnam wall time.
 *
 * @returns the instant with precision `minute`, or null when the text has no valid date and time.
 */
export function findDateTime(text: string): PublishedTime | null {
  const m = DATE_TIME.exec(text);
  if (!m) return null;
  const [date, hour, minute] = m[1] !== undefined ? [m[1], m[2]!, m[3]!] : [m[6]!, m[4]!, m[5]!];
  try {
    const instant = parseVietnamDateTime(date.replace(/[.-]/g, '/'), `${hour}:${minute}`);
    return { publishedAt: instant.toISOString(), publishedPrecision: 'minute' };
  } catch {
    return null; // not a real date or time
  }
}

/** Ends a sentence: . ! ? … ; : possibly followed by closing quotes or brackets. */
export const SENTENCE_END = /[.!?…;:]["'”’»)\]]*$/u;
