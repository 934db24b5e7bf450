/**
 * The queue's filters as the URL query (so a filtered queue can be shared, bookmarked and
 * reached with the back button) and as the admin API's query for GET /articles. Dates are
 * Vietnam calendar days (YYYY-MM-DD) in the URL and instants at +07:00 for the API.
 */
import type { ArticleState } from '../../api/types.ts';

/** The states in the order of the queue's tabs (after "all"). */
export const QUEUE_TABS: readonly ArticleState[] = ['submitted', 'pending_approval', 'scheduled', 'published', 'returned', 'draft', 'rejected', 'withdrawn'];

/** The article types, for the type filter. */
export const ARTICLE_TYPES = ['news', 'press_release', 'rebuttal', 'document', 'brief', 'page'] as const;

/** Rows per page. */
export const PAGE_SIZE = 20;

/** The queue's filters; empty strings mean "no filter". */
export interface QueueFilters {
  state: ArticleState | '';
  type: string;
  categoryId: string;
  authorId: string;
  organisationId: string;
  q: string;
  /** YYYY-MM-DD, Vietnam day. */
  from: string;
  to: string;
  mine: boolean;
  page: number;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^\d{1,12}$/;

/** Reads the filters from the URL query, dropping what is not valid. */
export function readFilters(params: URLSearchParams): QueueFilters {
  const state = params.get('state') ?? '';
  const page = Number(params.get('page'));
  const id = (key: string) => (ID.test(params.get(key) ?? '') ? params.get(key)! : '');
  const day = (key: string) => (DAY.test(params.get(key) ?? '') ? params.get(key)! : '');
  return {
    state: (QUEUE_TABS as readonly string[]).includes(state) ? (state as ArticleState) : '',
    type: (ARTICLE_TYPES as readonly string[]).includes(params.get('type') ?? '') ? params.get('type')! : '',
    categoryId: id('categoryId'),
    authorId: id('authorId'),
    organisationId: id('organisationId'),
    q: (params.get('q') ?? '').slice(0, 200),
    from: day('from'),
    to: day('to'),
    mine: params.get('mine') === '1',
    page: Number.isInteger(page) && page > 1 ? page : 1,
  };
}

/** The URL query of the filters (empty values left out; page 1 left out). */
export function filtersToSearch(filters: Partial<QueueFilters>): string {
  const params = new URLSearchParams();
  const put = (key: string, value: string | undefined) => {
    if (value) params.set(key, value);
  };
  put('state', filters.state);
  put('q', filters.q?.trim());
  put('categoryId', filters.categoryId);
  put('authorId', filters.authorId);
  put('organisationId', filters.organisationId);
  put('type', filters.type);
  put('from', filters.from);
  put('to', filters.to);
  if (filters.mine) params.set('mine', '1');
  if (filters.page && filters.page > 1) params.set('page', String(filters.page));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** The day after a YYYY-MM-DD day. */
function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The query of GET /articles for the filters on a site (dates as Vietnam midnights, `to` inclusive). */
export function filtersToApiQuery(siteId: number, f: QueueFilters): Record<string, string | number | undefined> {
  return {
    siteId,
    state: f.state || undefined,
    type: f.type || undefined,
    categoryId: f.categoryId || undefined,
    authorId: f.mine ? undefined : f.authorId || undefined,
    organisationId: f.organisationId || undefined,
    mine: f.mine ? '1' : undefined,
    q: f.q.trim() || undefined,
    updatedFrom: f.from ? `${f.from}T00:00:00+07:00` : undefined,
    updatedTo: f.to ? `${nextDay(f.to)}T00:00:00+07:00` : undefined,
    page: f.page,
    pageSize: PAGE_SIZE,
  };
}

/** How many filters besides the state tab and the page are set (the date range counts once). */
export function activeFilterCount(f: QueueFilters): number {
  return [f.type, f.categoryId, f.mine ? '' : f.authorId, f.organisationId, f.q.trim(), f.from || f.to, f.mine ? '1' : ''].filter(Boolean).length;
}

/** Whether any filter besides the state tab and the page is set. */
export function hasFilters(f: QueueFilters): boolean {
  return activeFilterCount(f) > 0;
}
