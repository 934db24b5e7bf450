/**
 * How a feature plugs into the newsroom app: its routes (paths under /admin) and its entries in
 * the main navigation. Each feature folder exports one {@link AdminFeature}; app/features.ts
 * lists them.
 */
import type { ReactNode } from 'react';
import type { SessionValue } from '../session/session.tsx';

/** One entry of the main navigation. */
export interface NavEntry {
  /** i18n key of the label, e.g. `common.nav.articles`. */
  labelKey: string;
  /** Where it leads, for the current session (current site…); null hides it. */
  to(session: SessionValue): string | null;
  /** Position in the menu (lower first). */
  order: number;
}

/** A feature of the newsroom UI. */
export interface AdminFeature {
  id: string;
  /** Route paths relative to /admin (e.g. `articles/:id`), with their screens. */
  routes: { path: string; element: ReactNode }[];
  nav?: NavEntry[];
}
