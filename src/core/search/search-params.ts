/**
 * Reading search parameters from untrusted input (the search page's GET form, the content
 * API's query string): text, content type, dates. Each reader names the parameter in its
 * Vietnamese error, so a bad value answers 400 with a message the reader can act on; an empty
 * value (a form field left blank) counts as absent.
 */
import { ARTICLE_TYPES, ARTICLE_TYPE_LABELS, type ArticleType } from '../articles/article.ts';
import { ValidationError } from '../errors.ts';
import { formatDateOnly, parseDateOnly, vietnamMidnightInstant } from '../text/index.ts';

/** Longest value shown back in an error message. */
const SHOWN = 40;

function shown(raw: string): string {
  return `“${raw.length > SHOWN ? `${raw.slice(0, SHOWN)}…` : raw}”`;
}

/**
 * A single text parameter.
 * @param raw the parsed query value (string, array when repeated, undefined when absent)
 * @param field the parameter's name, for the error
 * @returns the text (trimmed), or "" when absent or blank
 * @throws {ValidationError} when the parameter is repeated or is not text
 */
export function readTextParam(raw: unknown, field: string): string {
  if (raw === undefined || raw === null) return '';
  if (typeof raw !== 'string') throw new ValidationError([{ path: field, message: `Tham số “${field}” chỉ được có một giá trị.` }]);
  return raw.trim();
}

/**
 * A content type parameter (`news`, `document`…).
 * @returns the type, or null when absent or blank
 * @throws {ValidationError} naming `field` for an unknown type
 */
export function readTypeParam(raw: unknown, field: string): ArticleType | null {
  const value = readTextParam(raw, field);
  if (!value) return null;
  if ((ARTICLE_TYPES as readonly string[]).includes(value)) return value as ArticleType;
  const known = ARTICLE_TYPES.map((t) => `${t} (${ARTICLE_TYPE_LABELS[t]})`).join(', ');
  throw new ValidationError([{ path: field, message: `Loại tin ${shown(value)} (tham số “${field}”) không có; hãy chọn một trong: ${known}.` }]);
}

/**
 * A date parameter: `2022-09-27` (what `<input type="date">` sends) or `27/9/2022`.
 * @returns the date as "YYYY-MM-DD", or null when absent or blank
 * @throws {ValidationError} naming `field` for anything else, or a day that does not exist
 */
export function readDateParam(raw: unknown, field: string): string | null {
  const value = readTextParam(raw, field);
  if (!value) return null;
  try {
    return parseDateOnly(value);
  } catch {
    throw new ValidationError([{ path: field, message: `Ngày ${shown(value)} trong “${field}” không hợp lệ: hãy dùng dạng ngày/tháng/năm (27/9/2022) hoặc 2022-09-27.` }]);
  }
}

/**
 * The instants of a date range in Vietnam time: from the start of `from` to the end of `to`
 * (both days included).
 * @param from "YYYY-MM-DD" or null
 * @param to "YYYY-MM-DD" or null
 * @param toField the name of the `to` parameter, for the error
 * @returns `from` at 00:00 UTC+7, and the instant after `to` ends (exclusive)
 * @throws {ValidationError} naming `toField` when `to` is before `from`
 * Source: time zone Asia/Ho_Chi_Minh (DESIGN.md §3).
 */
export function dateRange(from: string | null, to: string | null, toField: string): { from: Date | null; to: Date | null } {
  if (from && to && to < from) {
    throw new ValidationError([{ path: toField, message: `Ngày kết thúc (tham số “${toField}”, ${formatDateOnly(to)}) ở trước ngày bắt đầu (${formatDateOnly(from)}).` }]);
  }
  return {
    from: from ? vietnamMidnightInstant(from) : null,
    to: to ? new Date(vietnamMidnightInstant(to).getTime() + 24 * 3600_000) : null,
  };
}
