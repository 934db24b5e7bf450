/**
 * Article body HTML for readers elsewhere: the content API's clients show a body on another
 * site or in an app, where a root-relative `/media/…` image or `/…` link would point at the
 * wrong host. The body is sanitised again with the one body allowlist (sanitize-body.ts:
 * stored bodies are sanitised on write, and this keeps the API safe even for a row written
 * before that rule) and its root-relative URLs are made absolute.
 */
import sanitizeHtml from 'sanitize-html';
import { sanitizeArticleHtml } from '../articles/sanitize-body.ts';

/** True for `/…` paths (not `//host` or `/\host`, which browsers read as another host). */
function isRootRelative(url: string): boolean {
  return url.startsWith('/') && url[1] !== '/' && url[1] !== '\\';
}

function absolute(url: string | undefined, origin: string): string | undefined {
  if (url === undefined) return undefined;
  const trimmed = url.trim();
  return isRootRelative(trimmed) ? `${origin}${trimmed}` : trimmed;
}

/**
 * Sanitises a body against the body allowlist and makes its root-relative URLs absolute:
 * `img[src]` (always `/media/…` after sanitising) and `a[href]` beginning with one `/` get
 * `origin` in front. Absolute and `mailto:` links are left as they are. Pure.
 * @param html stored body HTML
 * @param origin the origin the body's root-relative URLs belong to, without trailing slash
 *   (`http://127.0.0.1:3000`): the default host, where media files and the canonical
 *   article pages are served
 * @returns the safe fragment with absolute URLs ('' for an empty body)
 * Source: RFC 3986 §5 (resolving a relative reference against a base URI).
 */
export function absoluteBodyHtml(html: string, origin: string): string {
  const safe = sanitizeArticleHtml(html);
  if (!safe.includes('/')) return safe;
  return sanitizeHtml(safe, {
    // The body allowlist was applied just above (no script, no style can be left): this pass
    // keeps every tag and attribute it let through and only rewrites two attributes.
    allowedTags: false,
    allowedAttributes: false,
    allowVulnerableTags: true,
    transformTags: {
      img: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.src !== undefined ? { src: absolute(attribs.src, origin)! } : {}) } }),
      a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, ...(attribs.href !== undefined ? { href: absolute(attribs.href, origin)! } : {}) } }),
    },
  });
}
