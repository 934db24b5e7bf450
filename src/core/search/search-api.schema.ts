/**
 * Query-string shapes of the content API's search endpoints (zod; also their OpenAPI
 * description): `GET /api/content/v1/search` and `GET /api/content/v1/search/suggest`.
 * Values arrive as NFC text; a repeated or unknown parameter is refused with a Vietnamese
 * message naming it, like the other content endpoints (core/content-api/content-query.schema.ts,
 * whose period bounds `from`/`to` these share).
 */
import { z } from 'zod';
import { ARTICLE_TYPES } from '../articles/article.ts';
import { MAX_PAGE, countParam, periodParam, repeated, textParam as requiredTextParam, unknownParameters } from '../content-api/content-query.schema.ts';
import { MAX_QUERY_LENGTH } from './search-query.ts';
import { MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, SUGGESTION_LIMIT } from './search.ts';

/** An optional text parameter (site key, category slug). */
const textParam = (name: string, description: string) => requiredTextParam(name, description).optional();

/** The search text: may be empty (no results), at most {@link MAX_QUERY_LENGTH} characters. */
function queryParam() {
  return z
    .string({ error: repeated('q') })
    .max(MAX_QUERY_LENGTH, `Từ khoá tìm kiếm (tham số “q”) dài quá ${MAX_QUERY_LENGTH} ký tự; hãy rút gọn từ khoá.`)
    .optional()
    .transform((v) => v ?? '')
    .meta({ description: `Từ khoá, có dấu hoặc không dấu (tối đa ${MAX_QUERY_LENGTH} ký tự); để trống: không có kết quả` });
}

const SEARCH_PARAMETERS = ['q', 'site', 'type', 'category', 'from', 'to', 'page', 'pageSize'];

/**
 * `GET /search` query: `q`, `site` (a site key; without it, the whole network), `type`,
 * `category` (a slug, only with `site`, sub-categories included), the period `from`/`to`
 * (inclusive), `page`, `pageSize` (≤ 50). Output: `from` is the start instant, `to` the
 * exclusive end instant.
 */
export const searchApiQuery = z
  .strictObject(
    {
      q: queryParam(),
      site: textParam('site', 'Khoá của trang (ví dụ langson); bỏ trống: cả mạng lưới'),
      type: z.enum(ARTICLE_TYPES, { error: `Tham số “type” phải là một trong: ${ARTICLE_TYPES.join(', ')}.` }).optional().meta({ description: 'Loại tin, bài' }),
      category: textParam('category', 'Đường dẫn (slug) chuyên mục của trang, gồm cả chuyên mục con; cần có site'),
      from: periodParam('from', 'start', 'Đăng từ ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm RFC 3339, tính cả mốc này'),
      to: periodParam('to', 'end', 'Đăng đến ngày (YYYY-MM-DD, giờ Việt Nam) hoặc thời điểm RFC 3339, tính cả mốc này'),
      page: countParam('page', MAX_PAGE, 1, 'Số trang kết quả'),
      pageSize: countParam('pageSize', MAX_SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, 'Số kết quả mỗi trang'),
    },
    { error: unknownParameters(SEARCH_PARAMETERS) },
  )
  .superRefine((q, ctx) => {
    if (q.category !== undefined && q.site === undefined) {
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'Tham số “category” chỉ dùng được cùng tham số “site” (mỗi trang có chuyên mục riêng).' });
    }
    if (q.from && q.to && q.to.getTime() <= q.from.getTime()) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Tham số “to” phải là mốc sau “from”.' });
    }
  });
export type SearchApiQuery = z.output<typeof searchApiQuery>;

/** `GET /search/suggest` query: `q` (what is typed so far), `site`, `limit` (≤ 8). */
export const suggestApiQuery = z.strictObject(
  {
    q: queryParam(),
    site: textParam('site', 'Khoá của trang (ví dụ langson); bỏ trống: cả mạng lưới'),
    limit: countParam('limit', SUGGESTION_LIMIT, SUGGESTION_LIMIT, 'Số gợi ý'),
  },
  { error: unknownParameters(['q', 'site', 'limit']) },
);
export type SuggestApiQuery = z.output<typeof suggestApiQuery>;
