/**
 * HTML article pages (saved from another portal or a news site) into `ImportedArticle`s:
 * metadata from the page head, the article from @mozilla/readability over jsdom, the body
 * through the house sanitiser. jsdom runs no script and loads no resource (stylesheets,
 * images, iframes, scripts): it is only a parser here.
 */
import { JSDOM, VirtualConsole } from 'jsdom';
import { Readability } from '@mozilla/readability';
import type { ArticleType } from '../articles/article.ts';
import { sanitizeArticleHtml } from '../articles/sanitize-body.ts';
import { ValidationError } from '../errors.ts';
import { findFirstVietnameseDate, normalizeWhitespace, slugify, vietnamMidnightInstant } from '../text/index.ts';
import { findDateTime, resolvePublishedTime, SENTENCE_END, type PublishedTime } from './import.ts';
import { parseImportedArticle, type ImportedArticle } from './imported-article.schema.ts';
import { isFurniture, isRelatedHeading, takeSignature } from './parse-text-page.ts';

/** Options of {@link parseHtmlPage}. */
export interface HtmlPageOptions {
  /** The page's own address, used to resolve relative links when it has no canonical URL. */
  url?: string;
  /** Publication date overriding the page: see `resolvePublishedTime`. */
  date?: string | Date;
  /** Identity of the item; default `html:<canonical URL>` or `html:<slug of the title>`. */
  importKey?: string;
  /** Organisation credited, overriding what the page says. */
  sourceName?: string;
  /** Category names; default the page's `article:section`, if any. */
  categoryNames?: string[];
  /** Extra tags, added to the page's `article:tag` / `news_keywords`. */
  tags?: string[];
  type?: ArticleType;
}

const text = (node: { textContent: string | null } | null | undefined): string => normalizeWhitespace(node?.textContent ?? '');

function meta(doc: Document, ...keys: string[]): string | undefined {
  for (const key of keys) {
    for (const el of doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`)) {
      const value = normalizeWhitespace(el.getAttribute('content') ?? '');
      if (value) return value;
    }
  }
  return undefined;
}

function metaAll(doc: Document, key: string): string[] {
  return [...doc.querySelectorAll(`meta[property="${key}"], meta[name="${key}"]`)]
    .map((el) => normalizeWhitespace(el.getAttribute('content') ?? ''))
    .filter(Boolean);
}

function absoluteHttpUrl(value: string | null | undefined, base: string | undefined): string | undefined {
  if (!value) return undefined;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Cuts a site name suffix or prefix from a `<title>`: "Tin - Sở TTTT" → "Tin". */
function stripSiteName(title: string, siteName: string | undefined): string {
  if (siteName) {
    for (const sep of [' - ', ' – ', ' | ', ' :: ', ' — ']) {
      if (title.endsWith(sep + siteName)) return title.slice(0, -(sep + siteName).length).trim();
      if (title.startsWith(siteName + sep)) return title.slice((siteName + sep).length).trim();
    }
    return title;
  }
  const parts = title.split(/\s+[|–—]\s+|\s+-\s+/u);
  return parts.length > 1 ? parts.reduce((a, b) => (b.length > a.length ? b : a)).trim() : title;
}

/** A publication time written in meta data or `<time datetime>`; local ISO times are read as Vietnam time. */
function readMachineTime(value: string | undefined | null): PublishedTime | null {
  if (!value) return null;
  const v = value.trim();
  try {
    if (/^\d{4}-\d{2}-\d{2}$/.test(v)) return resolvePublishedTime(v);
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(v)) return resolvePublishedTime(`${v.replace(' ', 'T')}+07:00`);
    if (/^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/.test(v)) return resolvePublishedTime(v.replace(' ', 'T'));
  } catch {
    return null;
  }
  return null;
}

const SAPO_SELECTOR = '.sapo, .lead, .chapeau, .summary, .article-sapo, .news-sapo, .detail-sapo, .description, [class*="sapo"], [itemprop="description"]';
const DATE_SELECTOR = '[class*="date"], [class*="time"], [class*="publish"], [class*="posted"], [id*="date"], [class*="ngay"], [class*="meta"]';

/** Paragraph-like elements without block children: where text lives. */
function leafBlocks(root: Element, selector = 'p, div'): Element[] {
  return [...root.querySelectorAll(selector)].filter((el) => el.querySelector('p, div, ul, ol, table, figure') === null);
}

/** The sapo of the page, when its template marks it or writes it as a bold first paragraph. */
function findSapo(root: Element): string | undefined {
  for (const el of root.querySelectorAll(SAPO_SELECTOR)) {
    if (el.closest('header, nav, footer, aside') || el.tagName === 'META') continue;
    const t = text(el);
    if (t.split(' ').length >= 8) return t;
  }
  const first = leafBlocks(root, 'p').find((p) => text(p) !== '' && !p.closest('header, nav, footer, aside'));
  if (first) {
    const t = text(first);
    const bold = [...first.querySelectorAll('strong, b')].map(text).join(' ');
    if (t.length >= 40 && normalizeWhitespace(bold) === t) return t;
  }
  return undefined;
}

/**
 * The dateline of the page: a date-and-time in a short element whose class says "date". The
 * element is removed, so it does not end up in the body.
 */
function takeDateline(root: Element): PublishedTime | null {
  for (const el of root.querySelectorAll(DATE_SELECTOR)) {
    const t = text(el);
    if (t.length > 80 || el.querySelector('p, div, article, section')) continue;
    const found = findDateTime(t);
    if (found) {
      el.remove();
      return found;
    }
  }
  return null;
}

/** Removes related-news boxes ("Tin liên quan", "Các tin khác" and their link lists). */
function removeRelated(root: Element): void {
  for (const heading of [...root.querySelectorAll('h2, h3, h4, h5, p, div, span, strong, b')]) {
    if (!heading.isConnected || text(heading).length > 40 || !isRelatedHeading(text(heading))) continue;
    const box = heading.parentElement;
    if (box && box !== root && box.tagName !== 'BODY' && box.tagName !== 'ARTICLE' && box.tagName !== 'MAIN') {
      const all = text(box).length - text(heading).length;
      const linked = [...box.querySelectorAll('a')].map(text).join('').length;
      if (all <= 0 || linked / all > 0.5) {
        box.remove();
        continue;
      }
    }
    let next = heading.nextElementSibling;
    heading.remove();
    while (next && (next.tagName === 'UL' || next.tagName === 'OL')) {
      const after = next.nextElementSibling;
      next.remove();
      next = after;
    }
  }
}

/** `<img>` followed by a short italic paragraph, as older portals write a caption: make it a figure. */
function promoteCaptions(content: Element): void {
  const doc = content.ownerDocument;
  for (const p of [...content.querySelectorAll('p')]) {
    const t = text(p);
    const italic = [...p.querySelectorAll('em, i')].map(text).join(' ');
    if (!t || normalizeWhitespace(italic) !== t || t.split(' ').length > 40 || SENTENCE_END.test(t)) continue;
    const prev = p.previousElementSibling;
    const img = prev?.tagName === 'IMG' ? prev : prev?.querySelector('img');
    if (!prev || !img || text(prev) !== '') continue;
    const figure = doc.createElement('figure');
    const caption = doc.createElement('figcaption');
    caption.textContent = t;
    figure.append(img, caption);
    prev.replaceWith(figure);
    p.remove();
  }
}

/** Removes the first block whose text equals `wanted` (title or lead repeated in the body). */
function removeRepeated(content: Element, wanted: string | undefined, selector: string): void {
  if (!wanted) return;
  for (const el of leafBlocks(content, selector)) {
    const t = text(el);
    if (!t) continue;
    if (t === wanted) el.remove();
    return; // only the first block with text is a candidate
  }
}

/** How many times a character occurs in a string. */
function countChar(text: string, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch); i !== -1; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

/** How many U+FFFD characters the bytes spell in UTF-8 (EF BF BD): those were in the source. */
function countUtf8Replacement(bytes: Uint8Array): number {
  let n = 0;
  for (let i = 0; i + 2 < bytes.length; i++) if (bytes[i] === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd) n++;
  return n;
}

/**
 * Parses one HTML article page into an {@link ImportedArticle}. Pure apart from parsing: no
 * script runs, nothing is fetched.
 *
 * - title: `og:title` (site name suffix removed), else the first `<h1>`, else Readability's
 *   title, else `<title>` without its site-name part;
 * - lead: the template's sapo (`.sapo`, `.lead`, a bold first paragraph), else
 *   `og:description`/`description`; a sapo repeated as the first paragraph is removed from
 *   the body;
 * - body: Readability's article, images followed by an italic line made figures, then
 *   `sanitizeArticleHtml`; a trailing author / unit paragraph becomes byline / sourceName
 *   (as on text pages);
 * - date: `options.date`, else `article:published_time` (or `datePublished`, `<time
 *   datetime>`; a time without offset is read as Vietnam time) with precision `minute` (`day`
 *   for a date only), else a dateline element with date and time, else the first Vietnamese
 *   date in the article text (precision `day`);
 * - sourceUrl: `<link rel=canonical>`, `og:url` or `options.url`; importKey `html:<that URL>`
 *   or `html:<slug of title>`; sourceName: the signature's unit, else `og:site_name`;
 *   categories from `article:section`, tags from `article:tag` / `news_keywords`.
 *
 * @param html the page (a whole document; a fragment works too). Bytes are decoded by the
 *   page's BOM or `<meta charset>` (UTF-8 by default); a string is taken as it is.
 * @throws {ValidationError} on `publishedAt` when no date is found nor given, on `title` when
 *   there is none, on `bodyHtml` when Readability finds no article and there is no lead, on
 *   `encoding` when bytes are invalid in the page's charset. NUL characters are dropped.
 */
export function parseHtmlPage(html: string | Uint8Array, options: HtmlPageOptions = {}): ImportedArticle {
  // NUL is never content, and the HTML parser would turn it into U+FFFD (which the charset check
  // below would then blame on the encoding): drop NUL bytes first, unless the page is UTF-16,
  // where zero bytes are part of the characters.
  let input = html;
  if (typeof input === 'string') input = input.replace(/\u0000/g, '');
  else if (!(input[0] === 0xff && input[1] === 0xfe) && !(input[0] === 0xfe && input[1] === 0xff)) input = Buffer.from(input).filter((b) => b !== 0);
  const replacementsInSource = typeof input === 'string' ? 0 : countUtf8Replacement(input);
  // No `runScripts`, no `resources`: jsdom then neither executes scripts nor fetches anything.
  const dom = new JSDOM(input, {
    contentType: 'text/html',
    virtualConsole: new VirtualConsole(),
    ...(options.url ? { url: options.url } : {}),
  });
  try {
    const doc = dom.window.document;
    // Bytes that are not valid in the page's declared (or sniffed) charset decode to U+FFFD:
    // importing them would store mojibake under a wrong slug, so the page is refused instead.
    if (typeof input !== 'string' && countChar(doc.documentElement?.textContent ?? '', '\uFFFD') > replacementsInSource) {
      throw new ValidationError([
        {
          path: 'encoding',
          message: `Trang có byte không hợp lệ với bảng mã ${doc.characterSet} mà nó khai báo (invalid ${doc.characterSet} bytes); hãy khai báo đúng bảng mã hoặc chuyển tệp sang UTF-8`,
        },
      ]);
    }
    const pageUrl = options.url;
    const canonical =
      absoluteHttpUrl(doc.querySelector('link[rel~="canonical"]')?.getAttribute('href'), pageUrl) ??
      absoluteHttpUrl(meta(doc, 'og:url'), pageUrl) ??
      absoluteHttpUrl(pageUrl, undefined);
    if (canonical && !options.url && !doc.querySelector('base[href]')) {
      // Readability resolves relative links against the document's base URL.
      const base = doc.createElement('base');
      base.setAttribute('href', canonical);
      doc.head.prepend(base);
    }

    const siteName = meta(doc, 'og:site_name');
    const ogTitle = meta(doc, 'og:title', 'twitter:title');
    const articleRoot = doc.querySelector('article') ?? doc.querySelector('main') ?? doc.body;
    const h1 = text(articleRoot?.querySelector('h1') ?? doc.querySelector('h1'));
    const dateline = articleRoot ? takeDateline(articleRoot) : null;
    if (articleRoot) removeRelated(articleRoot);
    const sapo = articleRoot ? findSapo(articleRoot) : undefined;
    const description = meta(doc, 'og:description', 'description', 'twitter:description');
    const published =
      (options.date !== undefined ? resolvePublishedTime(options.date) : null) ??
      readMachineTime(meta(doc, 'article:published_time', 'datePublished', 'pubdate', 'publishdate', 'dc.date.issued')) ??
      readMachineTime(doc.querySelector('time[datetime]')?.getAttribute('datetime')) ??
      dateline;
    const section = meta(doc, 'article:section');
    const pageTags = [...metaAll(doc, 'article:tag'), ...(meta(doc, 'news_keywords')?.split(/\s*,\s*/) ?? [])];
    const docTitle = text(doc.querySelector('title'));

    const reader = new Readability<Element>(doc, { serializer: (node) => node as Element, charThreshold: 200 });
    const article = reader.parse();
    const title =
      (ogTitle ? stripSiteName(ogTitle, siteName) : '') ||
      h1 ||
      normalizeWhitespace(article?.title ?? '') ||
      stripSiteName(docTitle, siteName);
    if (!title) throw new ValidationError([{ path: 'title', message: 'Tiêu đề (title): trang không có tiêu đề' }]);

    const content = article?.content ?? null;
    let byline = normalizeWhitespace(article?.byline ?? '') || undefined;
    let sourceName: string | undefined;
    const tags = [...pageTags];
    const lead = sapo ?? description;
    if (content) {
      promoteCaptions(content);
      removeRepeated(content, title, 'h1, h2, h3, p');
      removeRepeated(content, lead, 'p, div');
      // A signature in the last paragraphs: "Trần Thu Trang", "Phòng Nghiệp vụ Y", "Nguồn: …".
      const tail = leafBlocks(content).filter((el) => text(el) !== '').slice(-3);
      // The leading sentinel stands for the article above, which takeSignature never takes.
      const lines = ['(bài)', ...tail.map(text)];
      const sig = takeSignature(lines);
      const consumed = tail.length + 1 - lines.length;
      if (consumed > 0) {
        for (const el of tail.slice(-consumed)) el.remove();
        byline ??= sig.byline;
        sourceName = sig.sourceName;
        tags.push(...sig.tags);
      }
      // Trailing share/print tools that Readability kept.
      for (const el of [...content.querySelectorAll('p, div, ul')].reverse()) {
        if (text(el) && !isFurniture(text(el))) break;
        if (text(el)) el.remove();
      }
    }
    let bodyHtml = content ? sanitizeArticleHtml(content.innerHTML) : '';
    // Source indentation between blocks is noise; inside <pre> it is content.
    if (!bodyHtml.includes('<pre')) bodyHtml = bodyHtml.replace(/>\s+</g, '>\n<');

    let time = published;
    if (!time) {
      const day = findFirstVietnameseDate(`${title}\n${article?.textContent ?? ''}`);
      if (day) time = { publishedAt: vietnamMidnightInstant(day).toISOString(), publishedPrecision: 'day' };
    }
    if (!time) {
      throw new ValidationError([
        { path: 'publishedAt', message: 'Thời điểm đăng (publishedAt): trang không ghi ngày đăng, hãy cho ngày đăng (--date)' },
      ]);
    }

    const figures = [...JSDOM.fragment(bodyHtml).querySelectorAll('figure')].flatMap((f) => {
      const caption = text(f.querySelector('figcaption'));
      const alt = normalizeWhitespace(f.querySelector('img')?.getAttribute('alt') ?? '') || undefined;
      return caption ? [{ caption, alt }] : [];
    });

    return parseImportedArticle({
      importKey: options.importKey ?? (canonical ? `html:${canonical}` : `html:${slugify(title, 200) || 'bai-viet'}`),
      title,
      lead,
      bodyHtml,
      byline,
      sourceName: options.sourceName ?? sourceName ?? siteName,
      sourceUrl: canonical,
      ...time,
      categoryNames: options.categoryNames ?? (section ? [section] : []),
      tags: [...(options.tags ?? []), ...tags],
      type: options.type ?? 'news',
      figures,
    });
  } finally {
    dom.window.close();
  }
}
