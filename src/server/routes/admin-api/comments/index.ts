/** The editorial comment endpoints of the admin API (issue "Newsroom core", item 6). Comments are never public. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerAddCommentRoute } from './add-comment.ts';
import { registerListCommentsRoute } from './list-comments.ts';
import { registerReopenCommentRoute } from './reopen-comment.ts';
import { registerResolveCommentRoute } from './resolve-comment.ts';

/** Registers GET/POST …/articles/:id/comments and POST …/comments/:id/resolve|reopen. */
export function registerCommentRoutes(app: FastifyInstance, core: Core): void {
  registerListCommentsRoute(app, core);
  registerAddCommentRoute(app, core);
  registerResolveCommentRoute(app, core);
  registerReopenCommentRoute(app, core);
}
