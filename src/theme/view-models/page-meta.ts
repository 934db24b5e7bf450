/**
 * What goes into a page's `<head>` besides the stylesheet: title, description, canonical
 * link, robots, Open Graph, pagination links and JSON-LD.
 */

/** One `<meta property="…" content="…">` of Open Graph (og:*, article:*). */
export interface OpenGraphTag {
  property: string;
  content: string;
}

/** Head metadata of a page. */
export interface PageMeta {
  /** The document title, e.g. "Tiêu đề bài – Trang thông tin điện tử Sở TTTT Lạng Sơn". */
  title: string;
  description: string | null;
  /** Absolute canonical URL, or null (error pages). */
  canonicalUrl: string | null;
  /** e.g. "noindex" for print views and error pages; null for the default. */
  robots: string | null;
  openGraph: OpenGraphTag[];
  prevUrl: string | null;
  nextUrl: string | null;
  /** A JSON-LD object; serialised safely by the document component. */
  jsonLd: unknown;
}

/**
 * Builds page metadata with defaults for everything not given.
 * @param title the document title
 */
export function pageMeta(title: string, rest: Partial<Omit<PageMeta, 'title'>> = {}): PageMeta {
  return {
    title,
    description: rest.description ?? null,
    canonicalUrl: rest.canonicalUrl ?? null,
    robots: rest.robots ?? null,
    openGraph: rest.openGraph ?? [],
    prevUrl: rest.prevUrl ?? null,
    nextUrl: rest.nextUrl ?? null,
    jsonLd: rest.jsonLd ?? null,
  };
}

/** "Page title – Site name"; the site name alone when the two are the same. */
export function documentTitle(pageTitle: string, siteName: string): string {
  return pageTitle === siteName ? siteName : `${pageTitle} – ${siteName}`;
}
