/**
 * Adding an editorial comment to an article (policy `article.comment`): one transaction with
 * its audit entry. Comments are internal and never public.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { normalizeText } from '../text/index.ts';
import type { CommentView } from './comment.ts';
import { commentActions } from './comment.policy.ts';
import { findCommentArticleFacts, insertComment } from './comment.repository.ts';
import { commentBodySchema } from './comment.schema.ts';
import { commentTarget, type CommentContext } from './comment-context.ts';

/**
 * Adds a comment to an article.
 * @param db the database (the command opens its own transaction)
 * @param input.body plain text, 1–5000 characters after trimming
 * @param context.now the core clock's instant; `address` the client's, for the audit log
 * @returns the new comment with the caller's allowed actions on it
 * @throws NotFoundError when the article does not exist or the actor may not see it
 * @throws ForbiddenError when the actor sees the article but may not comment on it
 * @throws ValidationError (`body`) when the text is empty, too long or holds control characters
 */
export async function addComment(db: Kysely<Database>, actor: Actor, articleId: number, input: { body: unknown }, context: CommentContext): Promise<CommentView> {
  return db.transaction().execute(async (trx) => {
    const article = await findCommentArticleFacts(trx, articleId);
    const what = `bài viết ${articleId}`;
    if (!article) throw new NotFoundError(what);
    const target = commentTarget(article);
    authorize(actor, 'article.comment', target, what);
    const parsed = commentBodySchema.safeParse(typeof input.body === 'string' ? normalizeText(input.body) : input.body);
    if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => ({ path: 'body', message: i.message })));
    const comment = await insertComment(trx, { articleId, authorUserId: actorUserId(actor), authorLabel: actorLabel(actor), body: parsed.data, at: context.now });
    await appendAudit(trx, {
      actor,
      action: 'article.comment.add',
      siteId: article.siteId,
      subjectType: 'article',
      subjectId: articleId,
      details: { commentId: comment.id, length: [...comment.body].length },
      address: context.address ?? null,
      at: context.now,
    });
    return { ...comment, allowedActions: commentActions(actor, target, comment) };
  });
}
