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

const navListeners = new Set<() => void>();
let navVersion = 0;

/**
 * Tells the main navigation to compute its entries again: for entries whose `to()` depends on
 * something loaded after the navigation was drawn (e.g. whether the person has the desk).
 */
export function notifyNavChanged(): void {
  navVersion += 1;
  for (const listener of navListeners) listener();
}

/** For the Shell (useSyncExternalStore): subscribe to {@link notifyNavChanged}. */
export function subscribeNav(listener: () => void): () => void {
  navListeners.add(listener);
  return () => navListeners.delete(listener);
}

/** For the Shell (useSyncExternalStore): changes at every {@link notifyNavChanged}. */
export function navSnapshot(): number {
  return navVersion;
}
