/**
 * All SQL for editorial comments (`article_comments`), with the facts of the commented
 * article the policy needs. Rows in, domain objects out; no policy here (the commands ask).
 */
import type { Kysely } from 'kysely';
import type { ArticleState } from '../articles/article.ts';
import type { ArticleCommentRow, Database } from '../db/database.ts';
import type { Comment } from './comment.ts';

/** The commented article's policy facts. */
export interface CommentArticleFacts {
  articleId: number;
  siteId: number;
  authorUserId: number | null;
  state: ArticleState;
}

function toComment(row: ArticleCommentRow): Comment {
  return {
    id: row.id,
    articleId: row.article_id,
    authorUserId: row.author_user_id,
    authorLabel: row.author_label,
    body: row.body,
    createdAt: row.created_at,
    status: row.resolved_at ? 'resolved' : 'open',
    resolvedAt: row.resolved_at,
    resolvedByUserId: row.resolved_by_user_id,
  };
}

/** Loads an article's policy facts; null when there is no such article. */
export async function findCommentArticleFacts(db: Kysely<Database>, articleId: number): Promise<CommentArticleFacts | null> {
  const row = await db.selectFrom('articles').select(['id', 'site_id', 'author_user_id', 'state']).where('id', '=', articleId).executeTakeFirst();
  return row ? { articleId: row.id, siteId: row.site_id, authorUserId: row.author_user_id, state: row.state as ArticleState } : null;
}

/** Loads a comment with its article's policy facts; null when there is no such comment. */
export async function findCommentWithArticle(db: Kysely<Database>, commentId: number): Promise<{ comment: Comment; article: CommentArticleFacts } | null> {
  const row = await db
    .selectFrom('article_comments')
    .innerJoin('articles', 'articles.id', 'article_comments.article_id')
    .selectAll('article_comments')
    .select(['articles.site_id as a_site_id', 'articles.author_user_id as a_author_user_id', 'articles.state as a_state'])
    .where('article_comments.id', '=', commentId)
    .executeTakeFirst();
  if (!row) return null;
  const { a_site_id, a_author_user_id, a_state, ...comment } = row;
  return {
    comment: toComment(comment),
    article: { articleId: comment.article_id, siteId: a_site_id, authorUserId: a_author_user_id, state: a_state as ArticleState },
  };
}

/** The comments of an article, oldest first. */
export async function listArticleComments(db: Kysely<Database>, articleId: number): Promise<Comment[]> {
  const rows = await db.selectFrom('article_comments').selectAll().where('article_id', '=', articleId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toComment);
}

/** Inserts a comment. */
export async function insertComment(
  db: Kysely<Database>,
  values: { articleId: number; authorUserId: number | null; authorLabel: string; body: string; at: Date },
): Promise<Comment> {
  const row = await db
    .insertInto('article_comments')
    .values({ article_id: values.articleId, author_user_id: values.authorUserId, author_label: values.authorLabel, body: values.body, created_at: values.at.toISOString() })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toComment(row);
}

/**
 * Marks a comment resolved (with who and when) or open again, only if it is in the expected
 * state, so two people settling it at once cannot both succeed.
 * @param resolved `{ at, byUserId }` to resolve; null to reopen
 * @returns the comment after the change, or null when it was not in the expected state
 */
export async function setCommentResolution(db: Kysely<Database>, commentId: number, resolved: { at: Date; byUserId: number | null } | null): Promise<Comment | null> {
  const update = db
    .updateTable('article_comments')
    .set(resolved ? { resolved_at: resolved.at.toISOString(), resolved_by_user_id: resolved.byUserId } : { resolved_at: null, resolved_by_user_id: null })
    .where('id', '=', commentId)
    .where('resolved_at', resolved ? 'is' : 'is not', null);
  const row = await update.returningAll().executeTakeFirst();
  return row ? toComment(row) : null;
}
