/**
 * Which link targets the editor accepts, the same rule as the server's body sanitiser
 * (src/core/articles/sanitize-body.ts): http, https, mailto, or a path on this site (`/…`, not
 * `//host` nor `/\host`). Anything else (javascript:, data:, tel:, ftp:, a bare word) is refused
 * with a message rather than silently dropped on save.
 */

// Control characters inside a URL are how `java\tscript:` style tricks work.
const URL_CONTROL = /[\u0000-\u001f\u007f]/;

/** Whether `raw` is an acceptable link target. */
export function isAcceptedLink(raw: string): boolean {
  const href = raw.trim();
  if (!href || URL_CONTROL.test(href)) return false;
  if (href.startsWith('/')) return href[1] !== '/' && href[1] !== '\\';
  let protocol: string;
  try {
    protocol = new URL(href).protocol;
  } catch {
    return false;
  }
  if (protocol === 'mailto:') return href.length > 'mailto:'.length;
  return protocol === 'http:' || protocol === 'https:';
}

/** Whether a link leaves the site (http/https): such links carry rel="noopener", as the sanitiser adds. */
export function isExternalLink(href: string): boolean {
  return /^https?:/i.test(href.trim());
}
