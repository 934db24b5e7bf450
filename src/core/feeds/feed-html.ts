/**
 * The HTML of a feed entry. A feed is read away from the site, so every link and image in it
 * must be an absolute URL (a reader resolves `/media/…` against nothing, or against the feed
 * reader's own host); and a reader should see whom the information comes from ("Nguồn: …"),
 * as the article page shows it.
 */
import sanitizeHtml from 'sanitize-html';
import { escapeHtml, sanitizeArticleHtml } from '../articles/sanitize-body.ts';

/** True for `/…` paths on the site (not `//host`, not `/\host`, which browsers read as hosts). */
function isSiteRelative(url: string): boolean {
  return url.startsWith('/') && url[1] !== '/' && url[1] !== '\\';
}

/**
 * Resolves one URL of the body against the site's origin when it is site-relative; anything
 * else (absolute http(s), mailto) is kept as it is.
 */
function absoluteUrl(url: string, origin: string): string {
  const trimmed = url.trim();
  if (!isSiteRelative(trimmed)) return trimmed;
  try {
    return new URL(trimmed, `${origin}/`).toString();
  } catch {
    return trimmed;
  }
}

/**
 * Makes every `a[href]` and `img[src]` of an article body absolute, against the origin of
 * the site the feed is served for. The body is first passed through the body allowlist again
 * (core/articles/sanitize-body.ts; idempotent on what was sanitised on write), because a feed
 * carries it into other people's software; then only the URL attributes change. The HTML is
 * re-serialised by the same parser, so text stays escaped: no `]]>` or `<` of the text can
 * come out as markup.
 *
 * @param html a stored article body
 * @param origin the site's absolute origin without trailing slash, e.g. `https://langson.example.vn`
 *   or `http://127.0.0.1:3000` (a site under `/<key>` on the default host stores site-relative
 *   paths that already start with its key)
 * @returns the body with absolute URLs
 * Source: RSS Best Practices Profile ("relative URLs … should not be used"), RFC 4287 §4.1.3.3.
 */
export function absolutizeBodyUrls(html: string, origin: string): string {
  return sanitizeHtml(sanitizeArticleHtml(html), {
    // Everything the allowlist just let through is kept as it is (and the library's warning
    // about `allowedTags: false` possibly allowing <script> does not apply: none is left).
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      a: (tagName, attribs) => ({ tagName, attribs: attribs.href === undefined ? attribs : { ...attribs, href: absoluteUrl(attribs.href, origin) } }),
      img: (tagName, attribs) => ({ tagName, attribs: attribs.src === undefined ? attribs : { ...attribs, src: absoluteUrl(attribs.src, origin) } }),
    },
  }).trim();
}

/**
 * The HTML paragraph crediting the source, as the article page shows it: `Nguồn: <name>`,
 * linked when the source has an http(s) URL. Text is escaped.
 *
 * @param source the credited organisation or name, and its URL if any
 * @returns e.g. `<p>Nguồn: <a href="https://…">Sở TTTT Lạng Sơn</a></p>`
 */
export function sourceCreditHtml(source: { name: string; url: string | null }): string {
  const name = escapeHtml(source.name);
  const url = source.url && /^https?:\/\//i.test(source.url.trim()) ? source.url.trim() : null;
  return url ? `<p>Nguồn: <a href="${escapeHtml(url)}">${name}</a></p>` : `<p>Nguồn: ${name}</p>`;
}

/**
 * Plain text as an HTML fragment (escaped), for the places where a feed format says "HTML"
 * (RSS `description`, Atom `type="html"` text constructs): `Giá <5 triệu & “rẻ”` →
 * `Giá &lt;5 triệu &amp; “rẻ”`, so a reader shows the same text instead of reading markup.
 * Source: RFC 4287 §3.1.1.2 (type="html": escaped markup).
 */
export function textAsHtml(text: string): string {
  return escapeHtml(text);
}
