/**
 * A heading whose level is chosen by the caller, so a component keeps the page's heading
 * order whatever section it is placed in.
 */
import { h, type ComponentChildren } from 'preact';

/** Heading levels a component may be asked to use. */
export type HeadingLevel = 1 | 2 | 3 | 4;

/** Renders `<h1>`…`<h4>`. */
export function Heading({ level, class: className, id, children }: { level: HeadingLevel; class?: string; id?: string; children: ComponentChildren }) {
  return h(`h${level}`, { class: className, id }, children);
}
