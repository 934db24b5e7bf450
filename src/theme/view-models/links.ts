/**
 * URLs of the public pages, in one place. A site's links depend on how the request reached it
 * (its own hostname, no prefix; or the default host, `/<key>` prefix — see
 * server/plugins/site-resolver.ts), so pages never build paths by hand.
 */

/** What link building needs from a request's site context. */
export interface LinkContext {
  /** '' when the site is served on its own host, `/<key>` on the default host. */
  basePath: string;
  /** Absolute origin of the site's URLs, without trailing slash. */
  origin: string;
  /** Absolute URL of the network root page (ends with `/`). */
  networkUrl: string;
}

/** Path words of the public routes (Vietnamese, ASCII). */
export const PATH_WORDS = {
  category: 'chuyen-muc',
  article: 'bai-viet',
  tag: 'the',
  print: 'in',
  aboutDemoData: 've-du-lieu-mau',
  /** Query parameter of the page number in paginated lists. */
  page: 'trang',
} as const;

/** Link builders for one site as seen from one request. Paths are root-relative. */
export interface SiteLinks {
  /** The site's home page path (`/langson/` or `/`). */
  home: string;
  /** A category page; `page` > 1 adds `?trang=N`. */
  category(slug: string, page?: number): string;
  /** A tag page; `page` > 1 adds `?trang=N`. */
  tag(slug: string, page?: number): string;
  /** An article page. */
  article(slug: string): string;
  /** An article's print view. */
  articlePrint(slug: string): string;
  /** Turns a root-relative path of this site into an absolute URL (canonical, Open Graph). */
  absolute(path: string): string;
  /** The network root page, absolute. */
  network: string;
  /** The network's "about the demo data" page, absolute. */
  aboutDemoData: string;
}

function withPage(path: string, page: number | undefined): string {
  return page !== undefined && page > 1 ? `${path}?${PATH_WORDS.page}=${page}` : path;
}

/** Slugs are stored ASCII, but anything else is percent-encoded so a link is always a valid URL. */
function segment(slug: string): string {
  return encodeURIComponent(slug);
}

/**
 * Builds the link set of a site for a request.
 * @param ctx the site context (`basePath`, `origin`, `networkUrl`) from the site resolver
 * @returns link builders; every path starts with `/`
 */
export function siteLinks(ctx: LinkContext): SiteLinks {
  const base = ctx.basePath;
  return {
    home: `${base}/`,
    category: (slug, page) => withPage(`${base}/${PATH_WORDS.category}/${segment(slug)}`, page),
    tag: (slug, page) => withPage(`${base}/${PATH_WORDS.tag}/${segment(slug)}`, page),
    article: (slug) => `${base}/${PATH_WORDS.article}/${segment(slug)}`,
    articlePrint: (slug) => `${base}/${PATH_WORDS.article}/${segment(slug)}/${PATH_WORDS.print}`,
    absolute: (path) => `${ctx.origin}${path}`,
    network: ctx.networkUrl,
    aboutDemoData: `${ctx.networkUrl}${PATH_WORDS.aboutDemoData}`,
  };
}

/**
 * Links on the network root (default host), where every site is reached by its key prefix.
 */
export const networkLinks = {
  /** The network root. */
  home: '/',
  /** The "about the demo data" page. */
  aboutDemoData: `/${PATH_WORDS.aboutDemoData}`,
  /** A site's home page on the default host. */
  siteHome: (siteKey: string): string => `/${siteKey}/`,
  /** An article of a site on the default host. */
  article: (siteKey: string, slug: string): string => `/${siteKey}/${PATH_WORDS.article}/${segment(slug)}`,
};
