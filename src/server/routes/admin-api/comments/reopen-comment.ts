/** POST /api/admin/v1/comments/:id/reopen — opens a resolved editorial comment again (409 when it is open). */
import type { FastifyInstance } from 'fastify';
import { reopenComment } from '../../../../core/comments/index.ts';
import type { Core } from '../../../../core/create-core.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers POST /comments/:id/reopen. */
export function registerReopenCommentRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/comments/:id/reopen',
      summary: 'Mở lại bình luận đã xử lý (người viết bình luận hoặc biên tập viên của trang)',
      tag: 'comments',
      params: idParams,
      errorStatuses: [404, 409],
    },
    async ({ actor, params, address }) => reopenComment(core.db, actor, params.id, { now: core.clock(), address }),
  );
}
