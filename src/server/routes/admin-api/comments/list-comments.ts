/** GET /api/admin/v1/articles/:id/comments — an article's editorial comments, open and resolved. */
import type { FastifyInstance } from 'fastify';
import { listComments } from '../../../../core/comments/index.ts';
import type { Core } from '../../../../core/create-core.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the comment list endpoint. */
export function registerListCommentsRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/comments',
      summary: 'Bình luận nội bộ của bài viết (đang mở và đã xử lý, cũ nhất trước)',
      tag: 'comments',
      params: idParams,
      errorStatuses: [404],
    },
    async ({ actor, params }) => listComments(core.db, actor, params.id),
  );
}
