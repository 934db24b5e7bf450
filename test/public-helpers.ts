/**
 * Helpers for the public page tests: parse an HTML response into a DOM and read it the way a
 * reader (or a screen reader) would.
 */
import { JSDOM } from 'jsdom';

/** Parses an HTML document (no scripts run, no resources load). */
export function parseHtml(html: string): Document {
  return new JSDOM(html).window.document;
}

/** The visible text of an element with whitespace collapsed, or '' when it is missing. */
export function textOf(el: Element | null | undefined): string {
  return (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The `content` of `<meta property="…">` (Open Graph) or `<meta name="…">`. */
export function metaContent(doc: Document, key: string): string | null {
  const el = doc.querySelector(`meta[property="${key}"]`) ?? doc.querySelector(`meta[name="${key}"]`);
  return el?.getAttribute('content') ?? null;
}

/** Every JSON-LD block of the document, parsed. */
export function jsonLdBlocks(doc: Document): Record<string, unknown>[] {
  return [...doc.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent ?? 'null') as Record<string, unknown>);
}

/** The titles of the article cards in an element, in order. */
export function cardTitles(root: ParentNode | null): string[] {
  return root ? [...root.querySelectorAll('.card__title')].map((el) => textOf(el)) : [];
}

/** The `href`s of the links in an element. */
export function hrefs(root: ParentNode | null): string[] {
  return root ? [...root.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!) : [];
}
