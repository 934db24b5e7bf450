/**
 * Small pieces the history, proposals and network screens share: reading `allowedActions`,
 * a keyboard-reachable scroll box for wide tables, a polite status line, and the API shapes.
 */
import type { ReactNode } from 'react';

/**
 * Whether the API allows `action` (policy name, e.g. `article.restore_revision`). Article
 * answers list endpoint names (`restore_revision`), revision and comment answers policy names;
 * both are accepted.
 */
export function allows(actions: readonly string[] | undefined, action: string): boolean {
  if (!actions) return false;
  const short = action.replace(/^article\./, '');
  return actions.includes(action) || actions.includes(short) || (short === 'approve_publish' && actions.includes('approve'));
}

/** A wide table in a box that scrolls sideways on phones; focusable so the keyboard can scroll it. */
export function TableScroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}

/** A polite live region for "saved", "sent"… messages (always rendered, so it is announced). */
export function StatusLine({ message }: { message: string | null }) {
  return (
    <div role="status" className={message ? 'alert alert-ok' : 'visually-hidden'}>
      {message ?? ''}
    </div>
  );
}

/** Where a copy or a proposal came from (GET /articles/:id `origin`). */
export interface ArticleOrigin {
  articleId: number;
  siteId: number;
  siteName: string | null;
  url: string | null;
}

/** The article facts the side panels need (the editor passes its whole article). */
export interface PanelArticle {
  id: number;
  siteId: number;
  revision: number;
  state: string;
  allowedActions: string[];
  title?: string;
  origin?: ArticleOrigin | null;
  followsOrigin?: boolean;
}
