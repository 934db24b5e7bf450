/**
 * The body of a paginated list page (category, tag): title, description, sub-sections, the
 * articles and the pagination navigation.
 */
import type { ArticleCardView } from '../view-models/article-card.ts';
import type { PaginationView } from '../view-models/pagination.ts';
import { ArticleList } from './article-list.tsx';
import { Breadcrumbs, type Crumb } from './breadcrumbs.tsx';
import { PaginationNav } from './pagination-nav.tsx';

/** What a list page shows. */
export interface ListingView {
  /** A word above the title ("Chuyên mục", "Thẻ"). */
  kicker: string;
  title: string;
  description: string | null;
  breadcrumbs: Crumb[];
  /** Links to sub-categories, shown under the title. */
  children: { name: string; url: string }[];
  articles: ArticleCardView[];
  total: number;
  pagination: PaginationView | null;
  /** Shown when there are no articles at all. */
  emptyText: string;
  /** Show each article's category (off on a category page of its own category). */
  showCategory: boolean;
}

/** Renders a list page's main content. */
export function Listing({ view }: { view: ListingView }) {
  return (
    <>
      <Breadcrumbs items={view.breadcrumbs} />
      <header class="page-header">
        <p class="page-header__kicker">{view.kicker}</p>
        <h1 class="page-header__title">{view.title}</h1>
        {view.description ? <p class="page-header__description">{view.description}</p> : null}
        {view.children.length ? (
          <ul class="chips" aria-label="Chuyên mục con">
            {view.children.map((c) => (
              <li>
                <a href={c.url}>{c.name}</a>
              </li>
            ))}
          </ul>
        ) : null}
        {view.total > 0 ? <p class="page-header__count">{view.total} tin, bài</p> : null}
      </header>
      {view.articles.length ? (
        <ArticleList articles={view.articles} headingLevel={2} showImage showLead showCategory={view.showCategory} class="article-list--rows" />
      ) : (
        <p class="empty">{view.emptyText}</p>
      )}
      <PaginationNav pagination={view.pagination} />
    </>
  );
}
