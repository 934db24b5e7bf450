/**
 * The search page of a site (`/:site/tim-kiem`) or of the whole network (`/tim-kiem`): a GET
 * form (works without JavaScript; filters in a native disclosure), one sentence announcing
 * what was found, the results with the words found in `<mark>`, and the pagination.
 */
import { Breadcrumbs } from '../components/breadcrumbs.tsx';
import { NetworkLayout } from '../components/network-layout.tsx';
import { PaginationNav } from '../components/pagination-nav.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import { SEARCH_PARAMS, type SearchFormView, type SearchPageView, type SearchResultView } from '../view-models/search.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** Props of {@link SearchPage}: `chrome` for a site's search, `today` for the network's. */
export interface SearchPageProps {
  meta: PageMeta;
  view: SearchPageView;
  chrome: SiteChromeView | null;
  today: string;
  /** Home of the site or of the network, for the breadcrumbs. */
  homeUrl: string;
}

function SearchForm({ form }: { form: SearchFormView }) {
  return (
    <form class="search-form" role="search" aria-label="Tìm kiếm tin, bài" action={form.action} method="get">
      <div class="search-form__main">
        <label class="search-form__label" for="search-q">
          Từ khoá
        </label>
        <div class="search-form__row">
          <input
            class="search-form__input"
            id="search-q"
            type="search"
            name={SEARCH_PARAMS.query}
            value={form.query}
            maxLength={form.maxLength}
            aria-describedby="search-hint"
          />
          <button class="search-form__button" type="submit">
            Tìm kiếm
          </button>
        </div>
        <p class="search-form__hint" id="search-hint">
          Gõ có dấu hoặc không dấu đều được; bài có đúng từ như bạn gõ được xếp trước.
        </p>
      </div>
      <details class="search-form__filters" open={form.filtersOpen}>
        <summary>Lọc kết quả</summary>
        <div class="search-form__grid">
          {form.siteOptions ? (
            <p class="search-form__field">
              <label for="search-site">Cổng, trang</label>
              <select id="search-site" name={SEARCH_PARAMS.site}>
                <option value="" selected={form.site === ''}>
                  Tất cả
                </option>
                {form.siteOptions.map((o) => (
                  <option value={o.value} selected={form.site === o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <p class="search-form__field">
            <label for="search-type">Loại tin</label>
            <select id="search-type" name={SEARCH_PARAMS.type}>
              <option value="" selected={form.type === ''}>
                Tất cả
              </option>
              {form.typeOptions.map((o) => (
                <option value={o.value} selected={form.type === o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </p>
          {form.categoryOptions ? (
            <p class="search-form__field">
              <label for="search-category">Chuyên mục</label>
              <select id="search-category" name={SEARCH_PARAMS.category}>
                <option value="" selected={form.category === ''}>
                  Tất cả
                </option>
                {form.categoryOptions.map((o) => (
                  <option value={o.value} selected={form.category === o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </p>
          ) : null}
          <p class="search-form__field">
            <label for="search-from">Từ ngày</label>
            <input id="search-from" type="date" name={SEARCH_PARAMS.from} value={form.from} />
          </p>
          <p class="search-form__field">
            <label for="search-to">Đến ngày</label>
            <input id="search-to" type="date" name={SEARCH_PARAMS.to} value={form.to} />
          </p>
        </div>
      </details>
    </form>
  );
}

function SearchResult({ result }: { result: SearchResultView }) {
  return (
    <article class="search-result">
      <h2 class="search-result__title">
        <a href={result.url} dangerouslySetInnerHTML={{ __html: result.titleHtml }} />
      </h2>
      <p class="search-result__meta">
        {result.siteName ? <span class="search-result__site">{result.siteName}</span> : null}
        {result.siteName ? ' · ' : null}
        {result.typeLabel ? <span>{result.typeLabel}</span> : null}
        {result.typeLabel ? ' · ' : null}
        {result.category ? <a href={result.category.url}>{result.category.name}</a> : null}
        {result.category ? ' · ' : null}
        <time datetime={result.published.datetime}>{result.published.short}</time>
      </p>
      {result.snippetHtml ? <p class="search-result__snippet" dangerouslySetInnerHTML={{ __html: result.snippetHtml }} /> : null}
    </article>
  );
}

function SearchBody({ view, homeUrl }: { view: SearchPageView; homeUrl: string }) {
  return (
    <>
      <Breadcrumbs items={[{ name: 'Trang chủ', url: homeUrl }, { name: 'Tìm kiếm' }]} />
      <header class="page-header">
        <h1 class="page-header__title">{view.scope === 'site' ? 'Tìm kiếm' : 'Tìm kiếm trên toàn mạng lưới'}</h1>
      </header>
      <SearchForm form={view.form} />
      <div class="search-outcome">
        <p class={`search-summary search-summary--${view.state}`} role="status">
          {view.summary}
        </p>
        {view.notes.map((note) => (
          <p class="search-note">{note}</p>
        ))}
      </div>
      {view.results.length ? (
        <ol class="search-results" start={view.start} aria-label="Kết quả tìm kiếm">
          {view.results.map((result) => (
            <li key={result.id}>
              <SearchResult result={result} />
            </li>
          ))}
        </ol>
      ) : null}
      <PaginationNav pagination={view.pagination} />
    </>
  );
}

/** Renders the search page in the site's frame, or the network's. */
export function SearchPage({ meta, view, chrome, today, homeUrl }: SearchPageProps) {
  const body = <SearchBody view={view} homeUrl={homeUrl} />;
  if (chrome) {
    return (
      <SiteLayout chrome={chrome} meta={meta}>
        {body}
      </SiteLayout>
    );
  }
  return (
    <NetworkLayout meta={meta} today={today}>
      {body}
    </NetworkLayout>
  );
}
