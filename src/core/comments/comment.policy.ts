/**
 * Who may do what with editorial comments, asked of the one policy module (policy.ts):
 * taking part in an article's discussion is `article.comment`; resolving or reopening a
 * comment is `comment.settle` (the comment's author or an editor of the site).
 */
import type { Actor } from '../policy/actor.ts';
import { can, type PolicyTarget } from '../policy/policy.ts';
import type { Comment, CommentAction } from './comment.ts';

/**
 * Whether `actor` may resolve (or reopen) `comment` on the article described by `target`:
 * the policy's `comment.settle` (its author or an editor of the site, among those who may
 * read the article).
 * @param target the article's policy facts (site, author, state)
 * @param comment the comment's author
 */
export function canSettleComment(actor: Actor, target: PolicyTarget, comment: Pick<Comment, 'authorUserId'>): boolean {
  return can(actor, 'comment.settle', { ...target, comment: { authorUserId: comment.authorUserId } });
}

/** The actions `actor` may take on `comment` now: resolve an open one, reopen a resolved one. */
export function commentActions(actor: Actor, target: PolicyTarget, comment: Pick<Comment, 'authorUserId' | 'status'>): CommentAction[] {
  if (!canSettleComment(actor, target, comment)) return [];
  return [comment.status === 'open' ? 'comment.resolve' : 'comment.reopen'];
}
