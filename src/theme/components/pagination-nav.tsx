/**
 * The pagination navigation of a list: previous/next links and page numbers, with the
 * current page marked for assistive technology.
 */
import type { PaginationView } from '../view-models/pagination.ts';

/** Renders the pagination landmark ("Phân trang"), or nothing for a single page. */
export function PaginationNav({ pagination }: { pagination: PaginationView | null }) {
  if (!pagination) return null;
  return (
    <nav class="pagination" aria-label="Phân trang">
      <p class="pagination__status">
        Trang {pagination.page} / {pagination.pageCount}
      </p>
      <ul>
        {pagination.prevUrl ? (
          <li>
            <a href={pagination.prevUrl} rel="prev">
              <span aria-hidden="true">‹ </span>Trang trước
            </a>
          </li>
        ) : null}
        {pagination.pages.map((p, i) =>
          p.kind === 'gap' ? (
            <li key={`gap-${i}`} class="pagination__gap" aria-hidden="true">
              …
            </li>
          ) : (
            <li key={p.number}>
              <a href={p.url} aria-current={p.current ? 'page' : undefined}>
                <span class="visually-hidden">Trang </span>
                {p.number}
              </a>
            </li>
          ),
        )}
        {pagination.nextUrl ? (
          <li>
            <a href={pagination.nextUrl} rel="next">
              Trang sau<span aria-hidden="true"> ›</span>
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
