/** Editorial comments on articles: internal, per article, resolvable (issue "Newsroom core", item 6). */

export { MAX_COMMENT_LENGTH, type Comment, type CommentAction, type CommentList, type CommentView } from './comment.ts';
export { addCommentSchema, commentBodySchema, type AddCommentInput } from './comment.schema.ts';
export { canSettleComment, commentActions } from './comment.policy.ts';
export { addComment } from './add-comment.ts';
export { listComments } from './list-comments.ts';
export { reopenComment, resolveComment } from './resolve-comment.ts';
export type { CommentContext } from './comment-context.ts';
