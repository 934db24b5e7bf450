/**
 * Pagination of lists: which page links to show, and the `rel=prev/next` targets.
 */

/** One entry of the page list: a page link or a gap ("…"). */
export type PageLinkView = { kind: 'page'; number: number; url: string; current: boolean } | { kind: 'gap' };

/** Everything the pagination nav and the document head need. */
export interface PaginationView {
  page: number;
  pageCount: number;
  prevUrl: string | null;
  nextUrl: string | null;
  pages: PageLinkView[];
}

/**
 * Builds the pagination of a list.
 * @param page the current page, 1-based, within 1..pageCount
 * @param pageCount the number of pages, ≥ 1
 * @param urlFor URL of page N (page 1 without a query string)
 * @param window how many pages to show on each side of the current one (default 2)
 * @returns null when there is only one page (no navigation to show)
 */
export function buildPagination(
  page: number,
  pageCount: number,
  urlFor: (page: number) => string,
  window = 2,
): PaginationView | null {
  if (pageCount <= 1) return null;
  const shown = new Set<number>([1, pageCount]);
  for (let n = page - window; n <= page + window; n++) if (n >= 1 && n <= pageCount) shown.add(n);
  const numbers = [...shown].sort((a, b) => a - b);
  const pages: PageLinkView[] = [];
  let previous = 0;
  for (const n of numbers) {
    if (n - previous === 2) pages.push({ kind: 'page', number: n - 1, url: urlFor(n - 1), current: false });
    else if (n - previous > 2) pages.push({ kind: 'gap' });
    pages.push({ kind: 'page', number: n, url: urlFor(n), current: n === page });
    previous = n;
  }
  return {
    page,
    pageCount,
    prevUrl: page > 1 ? urlFor(page - 1) : null,
    nextUrl: page < pageCount ? urlFor(page + 1) : null,
    pages,
  };
}
