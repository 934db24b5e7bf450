/**
 * The text of a stored article body, block by block, for comparing revisions: paragraphs,
 * headings, list items, quotes, captions and table cells each become one line, so a diff
 * compares what readers read and never the markup (tags are not words).
 *
 * Works on stored bodies, which are sanitised on write (core/articles/sanitize-body.ts): the
 * sanitiser escapes `<` and `>` in text and attribute values, so every `<…>` is a tag and a
 * simple scanner reads them reliably. On any other input the result is still only text
 * (callers escape it when they render it), never markup.
 */

/** One block of a body: its kind (the element it came from) and its text. */
export interface BodyBlock {
  /** `p`, `h2`, `li`, `blockquote`, `figcaption`, `td`, `img`… */
  kind: string;
  text: string;
}

/** Elements that start and end a block of text. */
const BLOCK_ELEMENTS = new Set([
  'p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'pre', 'figure', 'figcaption',
  'caption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'ul', 'ol', 'dl', 'dt', 'dd',
  'div', 'section', 'article', 'aside', 'header', 'footer', 'hr', 'br',
]);

/** Elements whose content is never text a reader sees. */
const HIDDEN_ELEMENTS = new Set(['script', 'style', 'template', 'noscript']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', ndash: '–', mdash: '—',
  hellip: '…', laquo: '«', raquo: '»', ldquo: '“', rdquo: '”', lsquo: '‘', rsquo: '’', deg: '°',
  middot: '·', times: '×', copy: '©', reg: '®', shy: '\u00ad',
};

function codePoint(n: number): string | null {
  return Number.isInteger(n) && n > 0 && n <= 0x10ffff && !(n >= 0xd800 && n <= 0xdfff) ? String.fromCodePoint(n) : null;
}

/**
 * Decodes character references: numeric ones (`&#7841;`, `&#x1EA1;`) and the named ones a
 * sanitised body can hold; an unknown name stays as written.
 * Source: HTML Living Standard §13.2.5.72 (character reference state).
 */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z][a-z0-9]*);/gi, (whole, ref: string) => {
    if (ref[0] === '#') {
      const n = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return codePoint(n) ?? whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

function attribute(tag: string, name: string): string | null {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? decodeEntities(match[1] ?? match[2] ?? match[3] ?? '') : null;
}

/**
 * Splits a stored body into its blocks of text, in reading order. Whitespace inside a block
 * collapses to one space; empty blocks are dropped. An image becomes its own block
 * `[Ảnh: <alt>]` so that adding or removing one shows in a comparison.
 * @param html the stored (sanitised) body HTML
 * @returns the blocks; [] for an empty body
 */
export function bodyBlocks(html: string): BodyBlock[] {
  const blocks: BodyBlock[] = [];
  let text = '';
  let kind = 'p';
  let hiddenDepth = 0;
  const end = (): void => {
    const clean = text.replace(/\s+/gu, ' ').trim();
    if (clean) blocks.push({ kind, text: clean });
    text = '';
  };
  const pattern = /<!--[\s\S]*?-->|<\/?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>|[^<]+|</g;
  for (const match of html.matchAll(pattern)) {
    const token = match[0];
    const name = match[1]?.toLowerCase();
    if (token.startsWith('<!--')) continue;
    if (!name) {
      if (hiddenDepth === 0) text += decodeEntities(token);
      continue;
    }
    const closing = token.startsWith('</');
    if (HIDDEN_ELEMENTS.has(name)) {
      hiddenDepth = Math.max(0, hiddenDepth + (closing ? -1 : 1));
      continue;
    }
    if (hiddenDepth > 0) continue;
    if (name === 'img') {
      end();
      const alt = attribute(token, 'alt')?.trim();
      blocks.push({ kind: 'img', text: `[Ảnh: ${alt || attribute(token, 'src') || 'không có mô tả'}]` });
      continue;
    }
    if (BLOCK_ELEMENTS.has(name)) {
      end();
      if (!closing) kind = name;
    }
  }
  end();
  return blocks;
}
