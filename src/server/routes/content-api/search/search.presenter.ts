/**
 * What the search endpoints answer, field by field (an allowlist, as in content.presenter.ts):
 * no database ids, items named by site key and slug, instants in RFC 3339 with +07:00,
 * absolute URLs on the default host. `titleHtml` and `snippetHtml` are safe HTML: escaped text
 * with the words found in `<mark>`.
 */
import { ARTICLE_TYPE_LABELS, type ArticleType } from '../../../../core/articles/article.ts';
import type { ParsedQuery } from '../../../../core/search/search-query.ts';
import type { SearchHit, SearchSuggestion } from '../../../../core/search/search.ts';
import type { Site } from '../../../../core/sites/site.ts';
import { toOffsetIso } from '../../../../core/text/index.ts';
import type { ContentUrls } from '../content.presenter.ts';

/** One search result. */
export interface SearchHitResource {
  site: { key: string; name: string };
  type: ArticleType;
  typeLabel: string;
  title: string;
  /** The title with the words found in `<mark>`. */
  titleHtml: string;
  /** Text around the words found (lead and body), with them in `<mark>`. */
  snippetHtml: string;
  slug: string;
  /** RFC 3339 with +07:00; with `publishedPrecision: "day"` only the date is meaningful. */
  publishedAt: string;
  publishedPrecision: 'minute' | 'day';
  category: { name: string; slug: string; url: string } | null;
  /** The canonical public page. */
  url: string;
  /** The article in this API. */
  self: string;
}

/** Presents a hit. @param site the hit's site (the caller resolved `hit.siteId`) */
export function presentSearchHit(urls: ContentUrls, site: Site, hit: SearchHit): SearchHitResource {
  const pages = urls.pages(site);
  return {
    site: { key: site.key, name: site.name },
    type: hit.type,
    typeLabel: ARTICLE_TYPE_LABELS[hit.type] ?? hit.type,
    title: hit.title,
    titleHtml: hit.titleHtml,
    snippetHtml: hit.snippetHtml,
    slug: hit.slug,
    publishedAt: toOffsetIso(hit.publishedAt),
    publishedPrecision: hit.publishedPrecision === 'day' ? 'day' : 'minute',
    category: hit.categoryName && hit.categorySlug ? { name: hit.categoryName, slug: hit.categorySlug, url: pages.absolute(pages.category(hit.categorySlug)) } : null,
    url: pages.absolute(pages.article(hit.slug)),
    self: urls.api(`/articles/${encodeURIComponent(site.key)}/${encodeURIComponent(hit.slug)}`),
  };
}

/** How the query was understood: the normalised text and the words searched for. */
export interface QueryResource {
  q: string;
  /** The words searched for (lower-case); empty when the text has no letter or digit. */
  terms: string[];
  /** True when words beyond the twelfth were ignored. */
  truncated: boolean;
}

/** Presents a parsed query. */
export function presentQuery(query: ParsedQuery): QueryResource {
  return { q: query.text, terms: query.terms.map((t) => t.token), truncated: query.truncated };
}

/** One suggestion for a search box. */
export interface SuggestionResource {
  title: string;
  titleHtml: string;
  site: { key: string; name: string };
  url: string;
}

/** Presents a suggestion. */
export function presentSuggestion(urls: ContentUrls, site: Site, suggestion: SearchSuggestion): SuggestionResource {
  const pages = urls.pages(site);
  return { title: suggestion.title, titleHtml: suggestion.titleHtml, site: { key: site.key, name: site.name }, url: pages.absolute(pages.article(suggestion.slug)) };
}
