/**
 * The editor's document schema (TipTap 3), chosen so that its HTML is exactly what the
 * server's sanitiser keeps (src/core/articles/sanitize-body.ts): saving never changes the text
 * behind the author's back, and opening a stored body and saving it again changes nothing.
 *
 * - headings h2–h4 only (the title is the page's h1), paragraphs, bold/italic/underline/strike,
 *   lists, quotes, hard breaks, horizontal rules;
 * - links: `<a href>` with `rel="noopener"` on external http(s) links, nothing else;
 * - images as `<figure><img src alt [width height]><figcaption>…</figcaption></figure>` with
 *   alt text and caption attributes (alt is required by the editor's dialogs and checks);
 * - videos as `<figure><video src="/media/…" controls preload="metadata">Video: alt</video>
 *   <figcaption>…</figcaption></figure>` (bodies saved earlier with a link to the file are read);
 * - tables as `<table><tbody><tr><th|td colspan rowspan><p>…` without colgroup or styles.
 */
import { Node, mergeAttributes, type Extensions } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import Link from '@tiptap/extension-link';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import { Placeholder } from '@tiptap/extensions';
import { isAcceptedLink, isExternalLink } from './link-rules.ts';

/** Attributes of an image or video figure. */
export interface FigureAttrs {
  src: string;
  alt: string;
  caption: string;
  width: number | null;
  height: number | null;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    figures: {
      /** Inserts an image figure at the selection. */
      insertImageFigure: (attrs: FigureAttrs) => ReturnType;
      /** Inserts a video figure at the selection. */
      insertVideoFigure: (attrs: Pick<FigureAttrs, 'src' | 'alt' | 'caption'>) => ReturnType;
    };
  }
}

const VIDEO_PREFIX = 'Video: ';

function nfc(value: string | null | undefined): string {
  return (value ?? '').normalize('NFC').trim();
}

/** Width/height the sanitiser keeps (1–4 digits); anything else is left out. */
function smallInt(value: unknown): number | null {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 && n <= 9999 ? n : null;
}

/** An image with its alt text and caption, as a <figure>. */
export const ImageFigure = Node.create({
  name: 'imageFigure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return {
      src: { default: '' },
      alt: { default: '' },
      caption: { default: '' },
      width: { default: null },
      height: { default: null },
    };
  },
  parseHTML() {
    const fromImg = (img: HTMLImageElement, figure: HTMLElement | null) => ({
      src: img.getAttribute('src') ?? '',
      alt: img.getAttribute('alt') ?? '',
      caption: nfc(figure?.querySelector('figcaption')?.textContent),
      width: smallInt(img.getAttribute('width')),
      height: smallInt(img.getAttribute('height')),
    });
    return [
      {
        tag: 'figure',
        getAttrs: (el) => {
          const img = (el as HTMLElement).querySelector('img');
          return img ? fromImg(img, el as HTMLElement) : false;
        },
      },
      { tag: 'img[src]', getAttrs: (el) => fromImg(el as HTMLImageElement, null) },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as FigureAttrs;
    const img: Record<string, string> = { src: a.src, alt: a.alt };
    if (smallInt(a.width) && smallInt(a.height)) {
      img.width = String(a.width);
      img.height = String(a.height);
    }
    return a.caption ? ['figure', ['img', img], ['figcaption', a.caption]] : ['figure', ['img', img]];
  },
  addCommands() {
    return {
      insertImageFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { ...attrs, alt: nfc(attrs.alt), caption: nfc(attrs.caption) } }),
      insertVideoFigure:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: 'videoFigure', attrs: { src: attrs.src, alt: nfc(attrs.alt), caption: nfc(attrs.caption) } }),
    };
  },
});

/**
 * A video of the media library as a figure: `<video src controls preload="metadata">` with the
 * alt text as its fallback text, and the caption (the public sanitiser keeps exactly this for
 * our own `/media/…` files). Figures saved earlier as a link to the file are read too.
 */
export const VideoFigure = Node.create({
  name: 'videoFigure',
  group: 'block',
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes() {
    return { src: { default: '' }, alt: { default: '' }, caption: { default: '' } };
  },
  parseHTML() {
    const textOf = (text: string) => (text.startsWith(VIDEO_PREFIX) ? text.slice(VIDEO_PREFIX.length) : text);
    return [
      {
        tag: 'figure',
        priority: 40,
        getAttrs: (el) => {
          const figure = el as HTMLElement;
          if (figure.querySelector('img')) return false;
          const caption = nfc(figure.querySelector('figcaption')?.textContent);
          const video = figure.querySelector('video[src^="/media/"]');
          if (video) return { src: video.getAttribute('src'), alt: textOf(nfc(video.textContent)), caption };
          const link = figure.querySelector('a[href^="/media/"]');
          if (!link) return false;
          return { src: link.getAttribute('href'), alt: textOf(nfc(link.textContent)), caption };
        },
      },
    ];
  },
  renderHTML({ node }) {
    const a = node.attrs as FigureAttrs;
    const video = ['video', { src: a.src, controls: '', preload: 'metadata' }, `${VIDEO_PREFIX}${a.alt}`];
    return a.caption ? ['figure', video, ['figcaption', a.caption]] : ['figure', video];
  },
});

/** Links: only accepted targets; `rel="noopener"` on external ones, as the sanitiser writes them. */
export const SafeLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (el: HTMLElement) => el.getAttribute('href') } };
  },
  renderHTML({ HTMLAttributes }) {
    const href = String(HTMLAttributes.href ?? '');
    return ['a', isExternalLink(href) ? { href, rel: 'noopener' } : { href }, 0];
  },
}).configure({
  openOnClick: false,
  autolink: false,
  linkOnPaste: true,
  isAllowedUri: (url) => isAcceptedLink(url),
});

/** Tables without colgroup, widths or wrapper. */
const PlainTable = Table.extend({
  renderHTML({ HTMLAttributes }) {
    void HTMLAttributes;
    return ['table', ['tbody', 0]];
  },
}).configure({ resizable: false });

const plainCell = <T extends typeof TableCell | typeof TableHeader>(ext: T) =>
  ext.extend({
    addAttributes() {
      return {
        colspan: { default: 1, parseHTML: (el: HTMLElement) => Number(el.getAttribute('colspan') || 1) },
        rowspan: { default: 1, parseHTML: (el: HTMLElement) => Number(el.getAttribute('rowspan') || 1) },
        colwidth: { default: null, rendered: false },
      };
    },
    renderHTML({ HTMLAttributes }) {
      return [this.name === 'tableHeader' ? 'th' : 'td', mergeAttributes({ colspan: HTMLAttributes.colspan, rowspan: HTMLAttributes.rowspan }), 0];
    },
  });

/**
 * The extensions of the body editor.
 * @param placeholder text shown in an empty body (not part of the document).
 */
export function bodyExtensions(placeholder: string): Extensions {
  return [
    StarterKit.configure({ heading: { levels: [2, 3, 4] }, link: false, code: false, codeBlock: false }),
    SafeLink,
    ImageFigure,
    VideoFigure,
    PlainTable,
    TableRow,
    plainCell(TableHeader),
    plainCell(TableCell),
    Placeholder.configure({ placeholder }),
  ];
}

/**
 * The body HTML of a document, written as the sanitiser writes it: void elements self-closed
 * (`<br />`, `<img … />`, `<hr />`) and `controls` written bare, so a saved body is
 * byte-for-byte what the server stores.
 * @param html the editor's HTML (`editor.getHTML()`)
 */
export function toStoredHtml(html: string): string {
  return html
    .replace(/<(img|br|hr)((?:\s+[a-zA-Z-]+(?:="[^"]*")?)*)\s*\/?>/g, (_m, tag: string, attrs: string) => `<${tag}${attrs} />`)
    .replace(/(<video\b[^>]*?) controls=""/g, '$1 controls');
}
