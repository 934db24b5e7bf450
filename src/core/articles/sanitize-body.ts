/**
 * Sanitising article bodies on write (DESIGN.md §3, "Stored HTML is sanitised on write").
 * One allowlist for every way a body enters the system: the editor, imports, syndication.
 * The allowlist is the structure an official news item needs (paragraphs, headings, lists,
 * quotes, figures, tables, links) and nothing that can run code, load third-party content or
 * restyle the page.
 */
import sanitizeHtml from 'sanitize-html';

const ALLOWED_TAGS = [
  'p', 'h2', 'h3', 'h4', 'ul', 'ol', 'li', 'a', 'blockquote',
  'strong', 'em', 'b', 'i', 'u', 's', 'sub', 'sup', 'br', 'hr',
  'figure', 'figcaption', 'img', 'video',
  'table', 'caption', 'thead', 'tbody', 'tr', 'th', 'td',
  'code', 'pre',
];

/**
 * Disallowed tags whose content is dropped with them (for the others the tag goes and its
 * text stays). `iframe`/`object`/`noscript` hold fallback markup, `title`/`head` page chrome.
 */
const DROP_WITH_CONTENT = [
  'script', 'style', 'textarea', 'option', 'select', 'xmp', 'noscript', 'noembed', 'noframes',
  'iframe', 'object', 'embed', 'template', 'svg', 'math', 'head', 'title', 'button', 'canvas',
  'audio',
];

const TABLE_SCOPES = new Set(['row', 'col', 'rowgroup', 'colgroup']);
const SMALL_INTEGER = /^\d{1,4}$/;

/** True for `/…` paths on this site (not `//host` nor `/\host`, which browsers treat as hosts). */
function isSiteRelative(url: string): boolean {
  return url.startsWith('/') && url[1] !== '/' && url[1] !== '\\';
}

/** The protocol of an absolute URL (`https:`), or null when it is not one. */
function protocolOf(url: string): string | null {
  try {
    return new URL(url).protocol;
  } catch {
    return null;
  }
}

// Control characters and spaces inside a URL are how `java\tscript:` style tricks work; the
// URL parser removes tabs and newlines the way browsers do, the rest we refuse outright.
const URL_CONTROL = /[\u0000-\u001f\u007f]/;

/** `href` of a link: http(s), mailto or site-relative; anything else is dropped. */
function allowedHref(raw: string | undefined): { href: string; external: boolean } | null {
  if (raw === undefined) return null;
  const href = raw.trim();
  if (!href || URL_CONTROL.test(href.replace(/[\t\n\r]/g, ''))) return null;
  if (isSiteRelative(href)) return { href, external: false };
  const protocol = protocolOf(href);
  if (protocol === 'http:' || protocol === 'https:') return { href, external: true };
  if (protocol === 'mailto:') return { href, external: false };
  return null;
}

/**
 * `src` of an image: only this platform's own `/media/…`. An image on another host would make
 * every reader's browser call that host (a third-party request the portal promises not to
 * make, and one its Content-Security-Policy blocks); such images are dropped, and a figure
 * keeps its caption. Images are brought in through the media library instead.
 */
function allowedImageSrc(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  const src = raw.trim();
  if (!src || URL_CONTROL.test(src.replace(/[\t\n\r]/g, ''))) return null;
  return src.startsWith('/media/') && !src.includes('\\') && !src.includes('..') ? src : null;
}

type Attributes = sanitizeHtml.Attributes;

function transformLink(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const link = allowedHref(attribs.href);
  const out: Attributes = {};
  if (link) {
    out.href = link.href;
    if (link.external) out.rel = 'noopener';
  }
  return { tagName, attribs: out };
}

function transformImage(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const src = allowedImageSrc(attribs.src);
  const out: Attributes = {};
  if (src) out.src = src;
  out.alt = attribs.alt ?? '';
  if (attribs.width && SMALL_INTEGER.test(attribs.width.trim())) out.width = attribs.width.trim();
  if (attribs.height && SMALL_INTEGER.test(attribs.height.trim())) out.height = attribs.height.trim();
  return { tagName, attribs: out };
}

/**
 * A video: only the platform's own `/media/…` file (same rule as images), always with the
 * browser's controls and `preload="metadata"`; no autoplay, loop, poster or other attribute.
 * Its text content (fallback for browsers without video) is kept.
 */
function transformVideo(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const src = allowedImageSrc(attribs.src);
  const out: Attributes = {};
  if (src) out.src = src;
  out.controls = '';
  out.preload = 'metadata';
  return { tagName, attribs: out };
}

function transformCell(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const out: Attributes = {};
  for (const name of ['colspan', 'rowspan'] as const) {
    const value = attribs[name]?.trim();
    if (value && SMALL_INTEGER.test(value)) out[name] = value;
  }
  const scope = attribs.scope?.trim().toLowerCase();
  if (tagName === 'th' && scope && TABLE_SCOPES.has(scope)) out.scope = scope;
  return { tagName, attribs: out };
}

/** NFC for every attribute value that survives (alt texts, link targets). */
function normaliseAttributes(tagName: string, attribs: Attributes): sanitizeHtml.Tag {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(attribs)) out[name] = value.normalize('NFC');
  return { tagName, attribs: out };
}

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'height'],
    video: ['src', 'controls', 'preload'],
    th: ['colspan', 'rowspan', 'scope'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: [], video: [] },
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  nonTextTags: DROP_WITH_CONTENT,
  transformTags: {
    h1: 'h2',
    h5: 'h4',
    h6: 'h4',
    a: transformLink,
    img: transformImage,
    video: transformVideo,
    th: transformCell,
    td: transformCell,
    '*': normaliseAttributes,
  },
  // An image whose source was refused is worthless: drop it. A link whose target was refused
  // keeps its text but loses the `<a>`, so no dead link is left behind.
  exclusiveFilter: (frame) => {
    if (frame.tag === 'img' || frame.tag === 'video') return !frame.attribs.src;
    if (frame.tag === 'a' && !frame.attribs.href) return 'excludeTag';
    return false;
  },
  // Applied to already-escaped text, so composing characters never touches markup.
  textFilter: (text) => text.normalize('NFC'),
};

/**
 * Sanitises the HTML of an article body against the body allowlist: p, h2–h4, ul/ol/li,
 * a, blockquote, strong/em/b/i/u/s, sub/sup, br, hr, figure/figcaption, img, video, tables (table,
 * caption, thead, tbody, tr, th, td), code, pre. h1 becomes h2 (the page title is the only h1)
 * and h5/h6 become h4. Every other tag is removed; its text is kept, except for script, style,
 * iframe, object, svg, template and similar, whose content goes with them.
 *
 * Attributes: `a[href]` only http, https, mailto or site-relative `/…` (protocol-relative
 * `//host` refused); external http(s) links get `rel="noopener"`. `img[src]` only the
 * platform's own `/media/…` (an image on another host, or without an acceptable source, is
 * dropped; its figure keeps the caption), plus `alt`, numeric `width`
 * and `height`. `video[src]` likewise only `/media/…` (else dropped), always `controls` and
 * `preload="metadata"`, nothing else (no autoplay, poster or third-party source). `th`/`td` keep numeric `colspan`/`rowspan`, `th` keeps a valid `scope`. No
 * `style`, `class`, `id` or event handler survives. Text and attribute values come out in
 * Unicode NFC.
 *
 * Idempotent: sanitising its own output returns it unchanged. Pure; never throws on any
 * string input (malformed markup is repaired or dropped).
 *
 * @param html untrusted HTML fragment (or a whole document: head and title are dropped).
 * @returns the safe fragment, possibly empty.
 */
export function sanitizeArticleHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/**
 * Turns plain-text paragraphs into body HTML: one `<p>` each, text NFC-normalised and
 * escaped (so `<`, `&` in the text stay text), joined by newlines. Blank paragraphs
 * (empty or whitespace only) are skipped; the text is not otherwise changed (no trimming of
 * inner whitespace, no typography).
 *
 * @param paragraphs paragraph texts in reading order.
 * @returns HTML such as `<p>Một.</p>\n<p>Hai.</p>`; empty string for no paragraphs.
 */
export function paragraphsToHtml(paragraphs: readonly string[]): string {
  return paragraphs
    .map((p) => p.normalize('NFC').trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}
