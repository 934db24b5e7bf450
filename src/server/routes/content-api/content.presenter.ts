/**
 * What the content API answers, field by field: explicit allowlists, built from the public
 * read models (which hold only what the visibility rule let through). Nothing is spread from
 * a row or a domain object, so a column added later cannot leak: no user ids, e-mails,
 * revision numbers, internal notes, workflow states or withdrawal internals, and no database
 * ids either (sequential ids would let anyone count what is not yet public). Items are named
 * by site key and slug instead.
 *
 * URLs are absolute and use the default host (`CONG_PUBLIC_URL`): an article's `url` is its
 * canonical page `…/<site key>/bai-viet/<slug>`; media are served there too. Instants are
 * RFC 3339 in Vietnam time (`2022-09-27T14:05:00+07:00`).
 */
import { ARTICLE_TYPE_LABELS, type ArticleType } from '../../../core/articles/article.ts';
import type { PublicTag } from '../../../core/articles/content-api.repository.ts';
import type {
  ArticleSummary,
  CategoryNode,
  CoverImage,
  PublicArticle,
  PublicCorrection,
  TermRef,
  WithdrawnArticleNotice,
} from '../../../core/articles/public-article.repository.ts';
import { absoluteBodyHtml } from '../../../core/content-api/absolute-body-urls.ts';
import type { WithdrawalNotice } from '../../../core/content-api/withdrawn-article-error.ts';
import type { Core } from '../../../core/create-core.ts';
import type { Site, SiteKind } from '../../../core/sites/site.ts';
import { toOffsetIso } from '../../../core/text/index.ts';
import { mediaUrl } from '../../../theme/view-models/image.ts';
import { siteLinks, type SiteLinks } from '../../../theme/view-models/links.ts';
import { withdrawalRedirectTarget } from '../public/article.ts';
import { CONTENT_API_PREFIX } from './content-route.ts';

/** Absolute URL builders of the content API's answers. */
export interface ContentUrls {
  /** The default host's origin, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** An absolute content API URL; query values that are undefined are left out. */
  api(path: string, query?: Record<string, string | number | undefined>): string;
  /** Link builders of a site's public pages on the default host. */
  pages(site: Site): SiteLinks;
}

/** The URL builders for a core's configuration. */
export function contentUrls(core: Core): ContentUrls {
  const origin = core.config.publicUrl;
  return {
    origin,
    api(path, query = {}) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, String(value));
      const search = params.toString();
      return `${origin}${CONTENT_API_PREFIX}${path}${search ? `?${search}` : ''}`;
    },
    pages: (site) => siteLinks({ basePath: `/${site.key}`, origin, networkUrl: `${origin}/` }),
  };
}

/** A site as the API shows it. */
export interface SiteResource {
  key: string;
  name: string;
  kind: SiteKind;
  /** The key of the site it belongs under (a unit page under the ministry portal), or null. */
  parentKey: string | null;
  organisation: { name: string; shortName: string | null } | null;
  tagline: string | null;
  urls: {
    /** The home page on the network's default host. */
    home: string;
    /** The home page on each of the site's own host names (same scheme and port as the default host). */
    hosts: string[];
  };
  links: { self: string; articles: string; categories: string; tags: string };
}

/**
 * Presents a site.
 * @param site an active site (callers filter by status)
 */
export function presentSite(core: Core, urls: ContentUrls, site: Site): SiteResource {
  const parent = site.parentId !== null ? core.sites.getById(site.parentId) : undefined;
  const base = new URL(urls.origin);
  const tagline = site.settings.tagline;
  return {
    key: site.key,
    name: site.name,
    kind: site.kind,
    parentKey: parent && parent.status === 'active' ? parent.key : null,
    organisation: site.organisationName ? { name: site.organisationName, shortName: site.organisationShortName } : null,
    tagline: typeof tagline === 'string' && tagline.trim() ? tagline.trim() : null,
    urls: {
      home: urls.pages(site).absolute(urls.pages(site).home),
      hosts: site.hostnames.map((hostname) => `${base.protocol}//${hostname}${base.port ? `:${base.port}` : ''}/`),
    },
    links: {
      self: urls.api(`/sites/${encodeURIComponent(site.key)}`),
      articles: urls.api('/articles', { site: site.key }),
      categories: urls.api('/categories', { site: site.key }),
      tags: urls.api('/tags', { site: site.key }),
    },
  };
}

/** An image with its responsive variants. */
export interface ImageResource {
  /** The original file (re-encoded on upload, metadata stripped). */
  url: string;
  width: number;
  height: number;
  /** Text alternative; '' only for a decorative image. */
  alt: string;
  caption: string | null;
  credit: string | null;
  /** WebP and JPEG derivatives, narrowest first. */
  variants: { url: string; width: number; height: number; format: 'webp' | 'jpeg' }[];
}

/** Presents a cover image with absolute URLs. */
export function presentImage(urls: ContentUrls, cover: CoverImage): ImageResource {
  return {
    url: urls.origin + mediaUrl(cover.storageKey),
    width: cover.width,
    height: cover.height,
    alt: cover.alt,
    caption: cover.caption,
    credit: cover.credit,
    variants: [...cover.variants]
      .filter((v) => v.width > 0 && (v.format === 'webp' || v.format === 'jpeg'))
      .sort((a, b) => a.width - b.width || a.format.localeCompare(b.format))
      .map((v) => ({ url: urls.origin + mediaUrl(v.key), width: v.width, height: v.height, format: v.format })),
  };
}

/** A category or tag named on an article. */
export interface TermResource {
  name: string;
  slug: string;
  /** Its public page. */
  url: string;
  /** Its articles in this API. */
  articles: string;
}

function presentTerm(urls: ContentUrls, site: Site, term: Pick<TermRef, 'name' | 'slug'>, kind: 'category' | 'tag'): TermResource {
  const pages = urls.pages(site);
  return {
    name: term.name,
    slug: term.slug,
    url: pages.absolute(kind === 'category' ? pages.category(term.slug) : pages.tag(term.slug)),
    articles: urls.api('/articles', { site: site.key, [kind]: term.slug }),
  };
}

/** An article in a list. */
export interface ArticleSummaryResource {
  site: { key: string; name: string };
  type: ArticleType;
  /** Vietnamese name of the type ("Thông cáo báo chí"). */
  typeLabel: string;
  title: string;
  lead: string | null;
  slug: string;
  /** RFC 3339 with +07:00. With `publishedPrecision: "day"` only the date part is meaningful. */
  publishedAt: string;
  /** `minute`: the time of publication is known; `day`: only the date is. */
  publishedPrecision: 'minute' | 'day';
  featured: boolean;
  /** The primary category, or null. */
  category: TermResource | null;
  cover: ImageResource | null;
  /** The canonical public page. */
  url: string;
  /** This article's detail in the API. */
  self: string;
}

/**
 * Presents an article of a list.
 * @param site the article's site (the caller resolved `summary.siteId`)
 * @throws {RangeError} when a stored instant is invalid (a data error: a logged 500)
 */
export function presentArticleSummary(urls: ContentUrls, site: Site, summary: ArticleSummary): ArticleSummaryResource {
  const pages = urls.pages(site);
  return {
    site: { key: site.key, name: site.name },
    type: summary.type,
    typeLabel: ARTICLE_TYPE_LABELS[summary.type] ?? summary.type,
    title: summary.title,
    lead: summary.lead?.trim() || null,
    slug: summary.slug,
    publishedAt: toOffsetIso(summary.publishedAt),
    publishedPrecision: summary.publishedPrecision === 'day' ? 'day' : 'minute',
    featured: summary.featured,
    category: summary.categorySlug && summary.categoryName ? presentTerm(urls, site, { name: summary.categoryName, slug: summary.categorySlug }, 'category') : null,
    cover: summary.cover ? presentImage(urls, summary.cover) : null,
    url: pages.absolute(pages.article(summary.slug)),
    self: urls.api(`/articles/${encodeURIComponent(site.key)}/${encodeURIComponent(summary.slug)}`),
  };
}

/** An article's full public form. */
export interface ArticleResource extends ArticleSummaryResource {
  /** Sanitised body HTML with absolute image and link URLs. */
  body: string;
  byline: string | null;
  /** "Nguồn": the credited organisation or name and the original URL (http/https only), or null. */
  source: { name: string; url: string | null } | null;
  /** The body the item comes from: its source organisation, else the site's organisation. */
  organisation: { name: string } | null;
  categories: TermResource[];
  tags: TermResource[];
  /** Public correction notes (đính chính), oldest first. */
  corrections: { note: string; correctedAt: string }[];
  /** The latest of publication, last edit and last correction, RFC 3339 with +07:00. */
  modifiedAt: string;
  /** The canonical URL of the public page (same as `url`). */
  canonicalUrl: string;
}

/** Only http(s) URLs are given out as links. */
function safeHttpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function latest(...instants: string[]): string {
  return instants.reduce((a, b) => (Date.parse(b) > Date.parse(a) ? b : a));
}

/**
 * Presents a visible article in full.
 * @param article the article found through the visibility rule
 * @param corrections its public correction notes, oldest first
 * @throws {RangeError} when a stored instant is invalid (a data error: a logged 500)
 * Source: DESIGN.md §2.1 (corrections carry a dated public note; "Nguồn" credits the source).
 */
export function presentArticle(urls: ContentUrls, site: Site, article: PublicArticle, corrections: readonly PublicCorrection[]): ArticleResource {
  const summary = presentArticleSummary(urls, site, article);
  const sourceUrl = safeHttpUrl(article.sourceUrl);
  const sourceName = article.sourceOrganisationName ?? article.sourceName;
  const organisationName = article.sourceOrganisationName ?? site.organisationName;
  return {
    ...summary,
    body: absoluteBodyHtml(article.body, urls.origin),
    byline: article.byline?.trim() || null,
    source: sourceName ? { name: sourceName, url: sourceUrl } : sourceUrl ? { name: new URL(sourceUrl).hostname, url: sourceUrl } : null,
    organisation: organisationName ? { name: organisationName } : null,
    categories: article.categories.map((c) => presentTerm(urls, site, c, 'category')),
    tags: article.tags.map((t) => presentTerm(urls, site, t, 'tag')),
    corrections: corrections.map((c) => ({ note: c.note.trim(), correctedAt: toOffsetIso(c.createdAt) })),
    modifiedAt: toOffsetIso(latest(article.publishedAt, article.updatedAt, ...corrections.map((c) => c.createdAt))),
    canonicalUrl: summary.url,
  };
}

/** A category in the tree. */
export interface CategoryResource extends TermResource {
  description: string | null;
  /** Visible articles in it and its sub-categories (what its article list counts). */
  articleCount: number;
  children: CategoryResource[];
}

/**
 * Presents a category tree.
 * @param counts visible article counts by category id (including sub-categories)
 */
export function presentCategoryTree(urls: ContentUrls, site: Site, nodes: readonly CategoryNode[], counts: ReadonlyMap<number, number>): CategoryResource[] {
  return nodes.map((node) => ({
    ...presentTerm(urls, site, node, 'category'),
    description: node.description?.trim() || null,
    articleCount: counts.get(node.id) ?? 0,
    children: presentCategoryTree(urls, site, node.children, counts),
  }));
}

/** A tag with its visible article count. */
export interface TagResource extends TermResource {
  articleCount: number;
}

/** Presents a tag of the tag list. */
export function presentTag(urls: ContentUrls, site: Site, tag: PublicTag): TagResource {
  return { ...presentTerm(urls, site, tag, 'tag'), articleCount: tag.articleCount };
}

/**
 * The public notice of a withdrawn article: title, when (RFC 3339, +07:00) and why, and the
 * page readers are sent to instead when its chief editor chose one the public pages would
 * redirect to (routes/public/article.ts, withdrawalRedirectTarget), made absolute.
 * @throws {RangeError} when the stored withdrawal instant is invalid (a data error)
 */
export function presentWithdrawalNotice(core: Core, urls: ContentUrls, site: Site, notice: WithdrawnArticleNotice): WithdrawalNotice {
  const ctx = { site, basePath: `/${site.key}`, origin: urls.origin, networkUrl: `${urls.origin}/` };
  const target = withdrawalRedirectTarget(core, ctx, notice.redirectUrl);
  return {
    title: notice.title,
    withdrawnAt: notice.withdrawnAt ? toOffsetIso(notice.withdrawnAt) : null,
    reason: notice.reason?.trim() || null,
    replacementUrl: target === null ? null : target.startsWith('/') ? `${urls.origin}${target}` : target,
  };
}

/** Links between the pages of a list (absolute; `prev`/`next` null at the ends). */
export interface PageLinks {
  self: string;
  first: string;
  last: string;
  prev: string | null;
  next: string | null;
}

/** A page of a list with its place in the whole. */
export interface ListPage<T> {
  items: T[];
  /** How many items the whole list has (visible ones only). */
  total: number;
  page: number;
  pageSize: number;
  /** Number of pages (≥ 1, also for an empty list). */
  pageCount: number;
  links: PageLinks;
}

/**
 * Builds the links of one page of a list.
 * @param filters the list's other query parameters as given (page and pageSize are set here)
 * @param page the current page (may lie past the last: then `prev` leads to the last page)
 */
export function presentListPage<T>(
  urls: ContentUrls,
  path: string,
  filters: Record<string, string | undefined>,
  items: T[],
  paging: { page: number; pageSize: number; total: number; defaultPageSize: number },
): ListPage<T> {
  const { page, pageSize, total } = paging;
  const pageCount = Math.max(1, Math.ceil(total / pageSize));
  const at = (n: number) => urls.api(path, { ...filters, page: n > 1 ? n : undefined, pageSize: pageSize !== paging.defaultPageSize ? pageSize : undefined });
  return {
    items,
    total,
    page,
    pageSize,
    pageCount,
    links: {
      self: at(page),
      first: at(1),
      last: at(pageCount),
      prev: page > 1 ? at(Math.min(page - 1, pageCount)) : null,
      next: page < pageCount ? at(page + 1) : null,
    },
  };
}

/**
 * The `Link` header of a list page (RFC 8288): `first`, `prev`, `next` and `last`, for clients
 * that follow pages without reading the body.
 */
export function linkHeader(links: PageLinks): string {
  const entries: [string, string | null][] = [['first', links.first], ['prev', links.prev], ['next', links.next], ['last', links.last]];
  return entries.filter((e): e is [string, string] => e[1] !== null).map(([rel, url]) => `<${url}>; rel="${rel}"`).join(', ');
}
