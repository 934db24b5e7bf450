/**
 * Listing an article's editorial comments (policy `article.comment`: the people who take part
 * in its discussion), open and resolved, oldest first. A read: not audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { allowedActions, authorize } from '../policy/policy.ts';
import type { CommentList } from './comment.ts';
import { commentActions } from './comment.policy.ts';
import { findCommentArticleFacts, listArticleComments } from './comment.repository.ts';
import { commentTarget } from './comment-context.ts';

/**
 * The comments of an article with their authors' labels and what the caller may do with each.
 * @throws NotFoundError when the article does not exist or the actor may not see it
 */
export async function listComments(db: Kysely<Database>, actor: Actor, articleId: number): Promise<CommentList> {
  const what = `bài viết ${articleId}`;
  const article = await findCommentArticleFacts(db, articleId);
  if (!article) throw new NotFoundError(what);
  const target = commentTarget(article);
  authorize(actor, 'article.comment', target, what);
  const comments = await listArticleComments(db, articleId);
  return {
    articleId,
    items: comments.map((c) => ({ ...c, allowedActions: commentActions(actor, target, c) })),
    openCount: comments.filter((c) => c.status === 'open').length,
    allowedActions: allowedActions(actor, target, ['article.comment']),
  };
}
