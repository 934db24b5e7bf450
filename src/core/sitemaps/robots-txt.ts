/**
 * `robots.txt` (RFC 9309, the Robots Exclusion Protocol): what crawlers may fetch and where
 * the sitemaps are. Everything public is allowed; the newsroom (`/admin`), the admin API
 * (`/api/admin/`) and search result pages (`tim-kiem`: endless combinations of queries, each a
 * copy of content listed elsewhere) are not. Print views are left crawlable on purpose: they
 * carry `noindex` and a canonical link to the article, which a crawler can only see if it may
 * fetch them (a disallowed URL can still be indexed, bare, from links to it).
 */

/** What a `robots.txt` is written from. */
export interface RobotsTxtInput {
  /** A comment naming whose file this is (one line, plain text). */
  title: string;
  /**
   * Path prefixes of search result pages to disallow, e.g. `['/tim-kiem']` on a site's own
   * host, or the network's and every site's (`/langson/tim-kiem`) on the default host.
   */
  searchPaths: readonly string[];
  /** Absolute URLs of the sitemaps (or sitemap indexes) to announce. */
  sitemapUrls: readonly string[];
}

/** Paths no crawler needs on any host: the newsroom and its API. */
export const PRIVATE_PATHS = ['/admin', '/api/admin/'] as const;

/**
 * Writes a `robots.txt`: one group for every crawler (`User-agent: *`) that allows `/` and
 * disallows {@link PRIVATE_PATHS} and the search paths, then one `Sitemap:` line per URL.
 * Rules match by path prefix (RFC 9309 §2.2.2), so `/tim-kiem` also covers `/tim-kiem?q=…`.
 * Line breaks and control characters in the comment are replaced by spaces, so no input can
 * add a rule.
 *
 * @returns the file, lines ending in LF, UTF-8 text
 * Sources: RFC 9309 §2.2 (groups, allow/disallow, longest match), §2.2.4 (other records such
 * as `Sitemap`, which must be absolute URLs: sitemaps.org "Specifying the Sitemap location in
 * your robots.txt file").
 */
export function buildRobotsTxt(input: RobotsTxtInput): string {
  const oneLine = (text: string) => text.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
  const lines = [
    `# ${oneLine(input.title)}`,
    'User-agent: *',
    'Allow: /',
    ...PRIVATE_PATHS.map((p) => `Disallow: ${p}`),
    ...input.searchPaths.map((p) => `Disallow: ${oneLine(p)}`),
    '',
    ...input.sitemapUrls.map((u) => `Sitemap: ${oneLine(u)}`),
  ];
  return `${lines.join('\n')}\n`;
}
