/**
 * The search page (`/:site/tim-kiem` and `/tim-kiem` on the network root): its GET form's
 * parameters, its URLs and what it shows — the form with the reader's values, one sentence
 * saying what was found ("Tìm thấy 12 kết quả cho “chuyển đổi số”"), the results with their
 * highlighted titles and snippets, the pagination.
 */
import { ARTICLE_TYPES, ARTICLE_TYPE_LABELS, type ArticleType } from '../../core/articles/article.ts';
import type { CategoryNode } from '../../core/articles/public-article.repository.ts';
import { dateRange, readDateParam, readTextParam, readTypeParam } from '../../core/search/search-params.ts';
import { MAX_QUERY_LENGTH, MAX_QUERY_TERMS } from '../../core/search/search-query.ts';
import type { SearchHit, SearchResults } from '../../core/search/search.ts';
import { formatDateOnly } from '../../core/text/index.ts';
import { buildPagination, type PaginationView } from './pagination.ts';
import { toPublicationTime, type PublicationTimeView } from './publication.ts';

/** Path word of the search page (`/langson/tim-kiem`, `/tim-kiem`). */
export const SEARCH_PATH = 'tim-kiem';

/** Names of the search form's fields, as they appear in the URL (Vietnamese, ASCII). */
export const SEARCH_PARAMS = {
  query: 'q',
  type: 'loai',
  category: 'chuyen-muc',
  site: 'cong',
  from: 'tu-ngay',
  to: 'den-ngay',
  page: 'trang',
} as const;

/** The search form's values, read from the URL. */
export interface SearchPageParams {
  /** The query as typed (NFC at the HTTP boundary), "" when absent. */
  query: string;
  type: ArticleType | null;
  /** A category slug (site search only). */
  category: string | null;
  /** A site key (network search only). */
  site: string | null;
  /** "YYYY-MM-DD" */
  from: string | null;
  /** "YYYY-MM-DD" */
  to: string | null;
}

/**
 * Reads the search form's fields from a parsed query string (the page number is read by the
 * route, as on every list page). Blank fields count as absent.
 * @throws {ValidationError} (400) naming the field: a repeated field, a query longer than 200
 *   characters, an unknown type, an invalid date, an end date before the start date
 */
export function readSearchPageParams(query: unknown): SearchPageParams & { fromInstant: Date | null; toInstant: Date | null } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const text = readTextParam(q[SEARCH_PARAMS.query], SEARCH_PARAMS.query);
  const from = readDateParam(q[SEARCH_PARAMS.from], SEARCH_PARAMS.from);
  const to = readDateParam(q[SEARCH_PARAMS.to], SEARCH_PARAMS.to);
  const range = dateRange(from, to, SEARCH_PARAMS.to);
  return {
    query: text,
    type: readTypeParam(q[SEARCH_PARAMS.type], SEARCH_PARAMS.type),
    category: readTextParam(q[SEARCH_PARAMS.category], SEARCH_PARAMS.category) || null,
    site: readTextParam(q[SEARCH_PARAMS.site], SEARCH_PARAMS.site) || null,
    from,
    to,
    fromInstant: range.from,
    toInstant: range.to,
  };
}

/**
 * The URL of a search page with these values: blank ones are left out, page 1 has no
 * `trang`. Stable order, so a page's links are the same whatever the request's order.
 * @param action the page's path (`/langson/tim-kiem`)
 */
export function searchUrl(action: string, params: SearchPageParams, page = 1): string {
  const out = new URLSearchParams();
  if (params.query) out.set(SEARCH_PARAMS.query, params.query);
  if (params.site) out.set(SEARCH_PARAMS.site, params.site);
  if (params.type) out.set(SEARCH_PARAMS.type, params.type);
  if (params.category) out.set(SEARCH_PARAMS.category, params.category);
  if (params.from) out.set(SEARCH_PARAMS.from, params.from);
  if (params.to) out.set(SEARCH_PARAMS.to, params.to);
  if (page > 1) out.set(SEARCH_PARAMS.page, String(page));
  const qs = out.toString();
  return qs ? `${action}?${qs}` : action;
}

/** One choice of a select. */
export interface OptionView {
  value: string;
  label: string;
}

/** The search form as shown. */
export interface SearchFormView {
  action: string;
  query: string;
  maxLength: number;
  type: string;
  typeOptions: OptionView[];
  /** Categories of the site (site search), sub-categories indented; null on the network. */
  categoryOptions: OptionView[] | null;
  category: string;
  /** Sites (network search); null on a site. */
  siteOptions: OptionView[] | null;
  site: string;
  from: string;
  to: string;
  /** Some filter is set: the filters are shown open. */
  filtersOpen: boolean;
}

/** One result as shown. `titleHtml` and `snippetHtml` are safe HTML (escaped text and `<mark>`). */
export interface SearchResultView {
  id: number;
  url: string;
  titleHtml: string;
  snippetHtml: string;
  published: PublicationTimeView;
  typeLabel: string | null;
  category: { name: string; url: string } | null;
  /** The site's name, on the network's search (results come from every site). */
  siteName: string | null;
}

/** What the page says about the search. */
export type SearchState = 'prompt' | 'no-words' | 'no-results' | 'results';

/** Everything the search page shows. */
export interface SearchPageView {
  scope: 'site' | 'network';
  form: SearchFormView;
  state: SearchState;
  /** The sentence announcing the outcome ("Tìm thấy 12 kết quả cho “chuyển đổi số”"). */
  summary: string;
  /** Further notes (words ignored, a page past the last). */
  notes: string[];
  results: SearchResultView[];
  /** Number of the first result on this page (for `<ol start>`). */
  start: number;
  pagination: PaginationView | null;
}

/** How to link a hit: its article and category URLs and, on the network, its site's name. */
export interface HitLinks {
  article(hit: SearchHit): string;
  category(hit: SearchHit): string | null;
  siteName(hit: SearchHit): string | null;
}

/** Builds a result's view from a hit. */
export function toSearchResult(hit: SearchHit, links: HitLinks): SearchResultView {
  const url = links.category(hit);
  return {
    id: hit.articleId,
    url: links.article(hit),
    titleHtml: hit.titleHtml,
    snippetHtml: hit.snippetHtml,
    published: toPublicationTime(hit.publishedAt, hit.publishedPrecision),
    typeLabel: hit.type === 'news' ? null : ARTICLE_TYPE_LABELS[hit.type] ?? null,
    category: hit.categoryName && url ? { name: hit.categoryName, url } : null,
    siteName: links.siteName(hit),
  };
}

/** The categories of a site as select options, depth shown by "— " per level. */
export function categoryOptions(tree: CategoryNode[]): OptionView[] {
  const out: OptionView[] = [];
  const walk = (nodes: CategoryNode[], depth: number): void => {
    for (const node of nodes) {
      out.push({ value: node.slug, label: `${'— '.repeat(depth)}${node.name}` });
      walk(node.children, depth + 1);
    }
  };
  walk(tree, 0);
  return out;
}

/** Type options: every content type, labelled in Vietnamese. */
export function typeOptions(): OptionView[] {
  return ARTICLE_TYPES.map((t) => ({ value: t, label: ARTICLE_TYPE_LABELS[t] }));
}

const NUMBER = new Intl.NumberFormat('vi-VN');

/** What the filters limit the search to, in words ("loại Văn bản, từ 1/9/2022"), or "". */
function filterWords(params: SearchPageParams, names: { category: string | null; site: string | null }): string {
  const parts: string[] = [];
  if (names.site) parts.push(`trên ${names.site}`);
  if (params.type) parts.push(`loại ${ARTICLE_TYPE_LABELS[params.type]}`);
  if (names.category) parts.push(`chuyên mục ${names.category}`);
  if (params.from && params.to) parts.push(`từ ${formatDateOnly(params.from)} đến ${formatDateOnly(params.to)}`);
  else if (params.from) parts.push(`từ ${formatDateOnly(params.from)}`);
  else if (params.to) parts.push(`đến ${formatDateOnly(params.to)}`);
  return parts.join(', ');
}

/** Inputs of {@link buildSearchPageView}. */
export interface SearchPageInput {
  scope: 'site' | 'network';
  action: string;
  params: SearchPageParams;
  page: number;
  /** The search's outcome; null when there was nothing to search for (empty query). */
  results: SearchResults | null;
  links: HitLinks;
  categoryOptions: OptionView[] | null;
  siteOptions: OptionView[] | null;
  /** Display names of the chosen category and site, for the summary. */
  names: { category: string | null; site: string | null };
}

/**
 * Builds the search page's view.
 * @returns the form, the outcome sentence and notes, the results and the pagination
 */
export function buildSearchPageView(input: SearchPageInput): SearchPageView {
  const { params, results, scope } = input;
  const form: SearchFormView = {
    action: input.action,
    query: params.query,
    maxLength: MAX_QUERY_LENGTH,
    type: params.type ?? '',
    typeOptions: typeOptions(),
    categoryOptions: input.categoryOptions,
    category: params.category ?? '',
    siteOptions: input.siteOptions,
    site: params.site ?? '',
    from: params.from ?? '',
    to: params.to ?? '',
    filtersOpen: Boolean(params.type || params.category || params.site || params.from || params.to),
  };
  const where = filterWords(params, input.names);
  const within = where ? ` (${where})` : '';
  const base = { scope, form, notes: [] as string[], results: [] as SearchResultView[], start: 1, pagination: null };
  if (!results) {
    const summary = scope === 'site' ? 'Nhập từ khoá để tìm tin, bài trên trang này.' : 'Nhập từ khoá để tìm tin, bài trên mọi cổng, trang của mạng lưới.';
    return { ...base, state: 'prompt', summary };
  }
  const quoted = `“${results.query.text}”`;
  if (!results.query.terms.length) {
    return { ...base, state: 'no-words', summary: `Từ khoá ${quoted} không có chữ hay số nào để tìm. Hãy nhập từ khoá khác.` };
  }
  const notes: string[] = [];
  if (results.query.truncated) notes.push(`Chỉ ${MAX_QUERY_TERMS} từ đầu tiên của từ khoá được dùng để tìm.`);
  if (results.total === 0) {
    return {
      ...base,
      notes,
      state: 'no-results',
      summary: `Không tìm thấy kết quả nào cho ${quoted}${within}. Hãy thử từ khoá khác, ít từ hơn, hoặc bỏ bớt điều kiện lọc.`,
    };
  }
  if (input.page > results.pageCount) notes.push(`Trang ${input.page} không có kết quả: chỉ có ${results.pageCount} trang.`);
  if (results.capped) notes.push(`Chỉ ${NUMBER.format(results.total)} kết quả phù hợp nhất được liệt kê; hãy thêm từ khoá hoặc điều kiện lọc để thu hẹp.`);
  const pageNote = results.pageCount > 1 && input.page <= results.pageCount ? `, trang ${input.page}/${results.pageCount}` : '';
  return {
    ...base,
    notes,
    state: 'results',
    summary: `Tìm thấy ${results.capped ? 'hơn ' : ''}${NUMBER.format(results.total)} kết quả cho ${quoted}${within}${pageNote}.`,
    results: results.items.map((hit) => toSearchResult(hit, input.links)),
    start: (Math.min(input.page, results.pageCount) - 1) * results.pageSize + 1,
    pagination: buildPagination(Math.min(input.page, results.pageCount), results.pageCount, (n) => searchUrl(input.action, params, n)),
  };
}
