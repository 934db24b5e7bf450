/**
 * Query-string shapes of the public content API (zod; the one source of each shape, also
 * used for the OpenAPI description). Query values arrive as text, NFC-normalised at the HTTP
 * boundary; a repeated parameter arrives as a list and is refused. Every message is
 * Vietnamese and names the parameter, so a 400 says what to fix. Unknown parameters are
 * refused too: a misspelt `pagesize` or a hopeful `state=draft` gets a clear answer instead of
 * being silently ignored.
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../articles/article.ts';
import { parseDateOnly, vietnamMidnightInstant } from '../text/index.ts';

/** Largest `pageSize` of a list. */
export const MAX_PAGE_SIZE = 100;
/** Default `pageSize` of the article list. */
export const DEFAULT_ARTICLE_PAGE_SIZE = 20;
/** Default `pageSize` of the tag list. */
export const DEFAULT_TAG_PAGE_SIZE = 50;
/** Largest page number accepted (100,000 articles at one per page still fit). */
export const MAX_PAGE = 1_000_000;
/** Longest site key, slug or date accepted in a query before it is refused unread. */
export const MAX_VALUE_LENGTH = 200;

const DAY_MS = 24 * 60 * 60 * 1000;
/** The last instant stored instants can name (24-character ISO text ends with year 9999). */
const LAST_INSTANT_MS = Date.parse('9999-12-31T23:59:59.999Z');

/** Keeps a bound within what stored ISO text can be compared with (year 10000 is "+010000-…"). */
function storable(ms: number): Date {
  return new Date(Math.min(ms, LAST_INSTANT_MS));
}

/** The message for a parameter given more than once (`?page=1&page=2` arrives as a list). */
export function repeated(name: string): string {
  return `Tham số “${name}” chỉ được cho một lần, với một giá trị.`;
}

/**
 * One text value of the query parameter `name`: not repeated, not empty, not over-long.
 * @param missing the message when a required parameter is absent
 */
export function textParam(name: string, description: string, missing = `Thiếu tham số “${name}”.`) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? missing : repeated(name)) })
    .trim()
    .min(1, `Tham số “${name}” không được để trống.`)
    .max(MAX_VALUE_LENGTH, `Tham số “${name}” dài quá ${MAX_VALUE_LENGTH} ký tự.`)
    .meta({ description });
}

/** A whole number from 1 to `max` written in decimal digits (no sign, fraction or exponent). */
export function countParam(name: string, max: number, defaultValue: number, description: string) {
  const message = `Tham số “${name}” phải là số nguyên từ 1 đến ${max}, ví dụ ${name}=${Math.min(2, max)}.`;
  return z
    .string({ error: (issue) => (Array.isArray(issue.input) ? repeated(name) : message) })
    .trim()
    .regex(/^[1-9]\d{0,9}$/, message)
    .transform(Number)
    .pipe(z.number().max(max, message))
    .optional()
    .transform((v) => v ?? defaultValue)
    .meta({ description: `${description} (1–${max}, mặc định ${defaultValue})` });
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
// RFC 3339 §5.6 date-time with a required offset; fractional seconds allowed.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * A period bound as the client meant it: trimmed, and with the `+` of an offset restored where
 * an unencoded `+` in the query string arrived as a space ("…T14:05:00 07:00" → "…+07:00").
 * Source: WHATWG URL Standard, application/x-www-form-urlencoded parsing (`+` is a space).
 */
export function normalisePeriodText(text: string): string {
  return text.trim().replace(/ (\d{2}:\d{2})$/, '+$1');
}

/**
 * Reads a period bound: a calendar date in Vietnam ("2022-09-27", the whole day in
 * Asia/Ho_Chi_Minh) or an instant written as an RFC 3339 date-time with its offset
 * ("2022-09-27T14:05:00+07:00" or "…Z"). A `+` left unencoded in a query string arrives as a
 * space; " 07:00" at the end is read as "+07:00".
 * @param bound `start`: the instant the period starts at (a date gives its 00:00 in Vietnam);
 *   `end`: the exclusive instant after the period (a date gives 00:00 of the next day, an
 *   instant gives the next millisecond, so the given instant itself is included)
 * @returns the instant, or null when the text is neither form or names no real date or time
 * Source: RFC 3339 §5.6; DESIGN.md §3 (dates in Asia/Ho_Chi_Minh, UTC+7 without daylight saving).
 */
export function readPeriodBound(text: string, bound: 'start' | 'end'): Date | null {
  const value = normalisePeriodText(text);
  if (DATE_ONLY.test(value)) {
    let stored: string;
    try {
      stored = parseDateOnly(value);
    } catch {
      return null;
    }
    if (stored !== value || value < '1000') return null;
    const start = vietnamMidnightInstant(stored);
    return storable(bound === 'start' ? start.getTime() : start.getTime() + DAY_MS);
  }
  const m = DATE_TIME.exec(value);
  if (!m) return null;
  const [, year, month, day, hour, minute, second = '00', offset] = m;
  const at = new Date(value.toUpperCase());
  if (Number.isNaN(at.getTime()) || Number(year) < 1000) return null;
  // The parser rolls 31/2 over into March and accepts 24:00; refuse what is no real wall time.
  const offsetMinutes = offset!.toUpperCase() === 'Z' ? 0 : (offset!.startsWith('-') ? -1 : 1) * (Number(offset!.slice(1, 3)) * 60 + Number(offset!.slice(4, 6)));
  const wall = new Date(at.getTime() + offsetMinutes * 60_000);
  const same =
    wall.getUTCFullYear() === Number(year) &&
    wall.getUTCMonth() + 1 === Number(month) &&
    wall.getUTCDate() === Number(day) &&
    wall.getUTCHours() === Number(hour) &&
    wall.getUTCMinutes() === Number(minute) &&
    wall.getUTCSeconds() === Number(second);
  if (!same || Math.abs(offsetMinutes) > 14 * 60) return null;
  return storable(bound === 'start' ? at.getTime() : at.getTime() + 1);
}

/**
 * An optional period bound (`from` / `to`): a Vietnam date (the whole day) or an RFC 3339
 * instant, read by {@link readPeriodBound}; anything else is refused naming the parameter.
 */
export function periodParam(name: 'from' | 'to', bound: 'start' | 'end', description: string) {
  const message = `Tham số “${name}” phải là một ngày dạng 2022-09-27 (giờ Việt Nam) hoặc một thời điểm RFC 3339 có múi giờ, ví dụ 2022-09-27T14:05:00+07:00.`;
  return z
    .string({ error: repeated(name) })
    .max(MAX_VALUE_LENGTH, message)
    .transform((text, ctx) => {
      const at = readPeriodBound(text, bound);
      if (at === null) {
        ctx.addIssue(message);
        return z.NEVER;
      }
      return at;
    })
    .optional()
    .meta({ description });
}

const TYPE_MESSAGE = `Tham số “type” phải là một trong: ${ARTICLE_TYPES.join(', ')}.`;

/** The message for parameters the endpoint does not know, listing those it does. */
export function unknownParameters(allowed: string[]) {
  return (issue: { code?: string; keys?: string[] }) => {
    if (issue.code !== 'unrecognized_keys') return undefined;
    const given = `Không có tham số ${(issue.keys ?? []).map((k) => `“${k}”`).join(', ')}.`;
    return allowed.length ? `${given} Các tham số dùng được: ${allowed.join(', ')}.` : `${given} Địa chỉ này không nhận tham số nào.`;
  };
}

const ARTICLE_LIST_PARAMETERS = ['site', 'category', 'tag', 'type', 'from', 'to', 'page', 'pageSize'];

/**
 * `GET /articles` query: `site` (a site key; without it, the whole network), `category` and
 * `tag` (slugs, only with `site`), `type`, the period `from`/`to` (inclusive, see
 * {@link readPeriodBound}), `page`, `pageSize` (≤ {@link MAX_PAGE_SIZE}).
 * Output: `from` is the start instant, `to` the exclusive end instant.
 */
export const articleListQuery = z
  .strictObject(
    {
      site: textParam('site', 'Khoá của trang (ví dụ langson); bỏ trống: cả mạng lưới').optional(),
      category: textParam('category', 'Đường dẫn (slug) chuyên mục của trang, gồm cả chuyên mục con; cần có site').optional(),
      tag: textParam('tag', 'Đường dẫn (slug) thẻ của trang; cần có site').optional(),
      type: z.enum(ARTICLE_TYPES, { error: TYPE_MESSAGE }).optional().meta({ description: 'Loại tin, bài' }),
      from: periodParam('from', 'start', 'Đăng từ ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm RFC 3339, tính cả mốc này'),
      to: periodParam('to', 'end', 'Đăng đến ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm RFC 3339, tính cả mốc này'),
      page: countParam('page', MAX_PAGE, 1, 'Số trang'),
      pageSize: countParam('pageSize', MAX_PAGE_SIZE, DEFAULT_ARTICLE_PAGE_SIZE, 'Số tin, bài mỗi trang'),
    },
    { error: unknownParameters(ARTICLE_LIST_PARAMETERS) },
  )
  .superRefine((q, ctx) => {
    for (const name of ['category', 'tag'] as const) {
      if (q[name] !== undefined && q.site === undefined) {
        ctx.addIssue({ code: 'custom', path: [name], message: `Tham số “${name}” chỉ dùng được cùng tham số “site” (mỗi trang có ${name === 'tag' ? 'thẻ' : 'chuyên mục'} riêng).` });
      }
    }
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Tham số “to” phải là mốc sau “from”.' });
    }
  });
export type ArticleListQuery = z.output<typeof articleListQuery>;

const SITE_REQUIRED = 'Thiếu tham số “site”: chuyên mục và thẻ thuộc từng trang, hãy cho khoá của trang (ví dụ site=langson).';

/** `GET /categories` query: the site (required). */
export const categoryListQuery = z.strictObject(
  { site: textParam('site', 'Khoá của trang (ví dụ langson)', SITE_REQUIRED) },
  { error: unknownParameters(['site']) },
);
export type CategoryListQuery = z.output<typeof categoryListQuery>;

/** `GET /tags` query: the site (required), `page`, `pageSize`. */
export const tagListQuery = z.strictObject(
  {
    site: textParam('site', 'Khoá của trang (ví dụ langson)', SITE_REQUIRED),
    page: countParam('page', MAX_PAGE, 1, 'Số trang'),
    pageSize: countParam('pageSize', MAX_PAGE_SIZE, DEFAULT_TAG_PAGE_SIZE, 'Số thẻ mỗi trang'),
  },
  { error: unknownParameters(['site', 'page', 'pageSize']) },
);
export type TagListQuery = z.output<typeof tagListQuery>;

/** An empty query: endpoints without parameters still refuse unknown ones. */
export const noQuery = z.strictObject({}, { error: unknownParameters([]) });
