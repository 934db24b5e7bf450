/**
 * What every comment command shares: the request context and the policy target of the
 * commented article.
 */
import type { PolicyTarget } from '../policy/policy.ts';
import type { CommentArticleFacts } from './comment.repository.ts';

/** When and from where a comment command runs. */
export interface CommentContext {
  /** The core clock's instant (never `new Date()` in a command). */
  now: Date;
  /** Client network address for the audit log, when the act came over HTTP. */
  address?: string | null;
}

/** The policy target of a commented article. */
export function commentTarget(article: CommentArticleFacts): PolicyTarget {
  return { siteId: article.siteId, article: { authorUserId: article.authorUserId, state: article.state } };
}
