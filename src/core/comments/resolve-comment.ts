/**
 * Resolving an editorial comment, and reopening a resolved one: allowed to the comment's author
 * and to the site's editors (comment.policy.ts). Each is one transaction with its audit entry.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../audit/audit.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError } from '../errors.ts';
import { type Actor, actorUserId } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import type { CommentView } from './comment.ts';
import { canSettleComment, commentActions } from './comment.policy.ts';
import { findCommentWithArticle, setCommentResolution } from './comment.repository.ts';
import { commentTarget, type CommentContext } from './comment-context.ts';

async function settle(db: Kysely<Database>, actor: Actor, commentId: number, resolve: boolean, context: CommentContext): Promise<CommentView> {
  return db.transaction().execute(async (trx) => {
    const what = `bình luận ${commentId}`;
    const found = await findCommentWithArticle(trx, commentId);
    if (!found) throw new NotFoundError(what);
    const target = commentTarget(found.article);
    // Outsiders (no right to the article's discussion) learn nothing: "not found".
    authorize(actor, 'article.comment', target, what);
    if (!canSettleComment(actor, target, found.comment)) {
      throw new ForbiddenError(
        resolve
          ? 'Chỉ người viết bình luận hoặc biên tập viên của trang mới được đánh dấu bình luận đã xử lý'
          : 'Chỉ người viết bình luận hoặc biên tập viên của trang mới được mở lại bình luận',
      );
    }
    const updated = await setCommentResolution(trx, commentId, resolve ? { at: context.now, byUserId: actorUserId(actor) } : null);
    if (!updated) {
      throw new InvalidTransitionError(
        resolve ? `Bình luận ${commentId} đã được đánh dấu là đã xử lý` : `Bình luận ${commentId} đang mở, không cần mở lại`,
        found.comment.status,
      );
    }
    await appendAudit(trx, {
      actor,
      action: resolve ? 'article.comment.resolve' : 'article.comment.reopen',
      siteId: found.article.siteId,
      subjectType: 'article',
      subjectId: found.article.articleId,
      details: { commentId },
      address: context.address ?? null,
      at: context.now,
    });
    return { ...updated, allowedActions: commentActions(actor, target, updated) };
  });
}

/**
 * Marks an open comment resolved, recording who and when.
 * @returns the comment as resolved, with the caller's allowed actions
 * @throws NotFoundError when the comment does not exist or the actor may not see its article
 * @throws ForbiddenError when the actor is neither its author nor an editor of the site
 * @throws InvalidTransitionError (409) when it is already resolved; nothing changes
 */
export async function resolveComment(db: Kysely<Database>, actor: Actor, commentId: number, context: CommentContext): Promise<CommentView> {
  return settle(db, actor, commentId, true, context);
}

/**
 * Reopens a resolved comment (clears who resolved it and when).
 * @returns the comment, open again, with the caller's allowed actions
 * @throws NotFoundError when the comment does not exist or the actor may not see its article
 * @throws ForbiddenError when the actor is neither its author nor an editor of the site
 * @throws InvalidTransitionError (409) when it is open; nothing changes
 */
export async function reopenComment(db: Kysely<Database>, actor: Actor, commentId: number, context: CommentContext): Promise<CommentView> {
  return settle(db, actor, commentId, false, context);
}
