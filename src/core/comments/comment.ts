/**
 * Editorial comments (issue "Newsroom core", item 6): internal notes on an article between the
 * people working on it, open until someone resolves them. Never public: no public route,
 * feed or page reads `article_comments`.
 */
import type { Action } from '../policy/policy.ts';

/** Longest comment, in characters (Unicode code points, after NFC). */
export const MAX_COMMENT_LENGTH = 5000;

/** What may be done with a comment besides reading it. */
export type CommentAction = 'comment.resolve' | 'comment.reopen';

/** A comment as the newsroom shows it. */
export interface Comment {
  id: number;
  articleId: number;
  authorUserId: number | null;
  /** Who wrote it: a person's name, `API: …`, `Hệ thống (…)`. */
  authorLabel: string;
  /** Plain text (never rendered as HTML). */
  body: string;
  /** ISO 8601 UTC instant. */
  createdAt: string;
  /** `open` until resolved. */
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  resolvedByUserId: number | null;
}

/** A comment with what the caller may do with it (presenter output, STYLE.md §Presenter). */
export interface CommentView extends Comment {
  allowedActions: CommentAction[];
}

/** The comments of an article, oldest first, with what the caller may do on the article. */
export interface CommentList {
  articleId: number;
  items: CommentView[];
  openCount: number;
  /** `article.comment` when the caller may add a comment. */
  allowedActions: Action[];
}
