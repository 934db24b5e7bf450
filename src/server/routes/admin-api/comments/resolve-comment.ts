/** POST /api/admin/v1/comments/:id/resolve — marks an editorial comment resolved (409 when it already is). */
import type { FastifyInstance } from 'fastify';
import { resolveComment } from '../../../../core/comments/index.ts';
import type { Core } from '../../../../core/create-core.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers POST /comments/:id/resolve. */
export function registerResolveCommentRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/comments/:id/resolve',
      summary: 'Đánh dấu bình luận đã xử lý (người viết bình luận hoặc biên tập viên của trang)',
      tag: 'comments',
      params: idParams,
      errorStatuses: [404, 409],
    },
    async ({ actor, params, address }) => resolveComment(core.db, actor, params.id, { now: core.clock(), address }),
  );
}
