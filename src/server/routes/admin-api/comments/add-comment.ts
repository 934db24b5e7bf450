/** POST /api/admin/v1/articles/:id/comments — adds an editorial comment (plain text, 1–5000 characters). */
import type { FastifyInstance } from 'fastify';
import { addComment, addCommentSchema } from '../../../../core/comments/index.ts';
import type { Core } from '../../../../core/create-core.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the endpoint adding a comment. */
export function registerAddCommentRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/comments',
      summary: 'Thêm bình luận nội bộ vào bài viết',
      tag: 'comments',
      params: idParams,
      body: addCommentSchema,
      successStatus: 201,
      errorStatuses: [404],
    },
    async ({ actor, params, body, address }) => addComment(core.db, actor, params.id, body, { now: core.clock(), address }),
  );
}
