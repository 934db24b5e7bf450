/**
 * Turns a page component into the HTML document sent to readers.
 */
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/**
 * Renders a page (whose root is the `<html>` element, see components/document.tsx) to a
 * complete HTML document with the `<!doctype html>` line. Text and attributes are escaped by
 * the renderer; only explicitly trusted HTML (`dangerouslySetInnerHTML`: sanitised article
 * bodies, safely serialised JSON-LD) goes out as is.
 * @param vnode the page element
 * @returns the document as a string
 */
export function renderDocument<P>(vnode: VNode<P>): string {
  return `<!doctype html>${renderToString(vnode)}`;
}
