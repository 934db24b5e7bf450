/** GET /api/admin/v1/articles/:id/revisions — an article's revision history, newest first. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listArticleRevisions } from '../../../../core/revisions/index.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the revision history endpoint. */
export function registerListRevisionsRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/revisions',
      summary: 'Lịch sử phiên bản của bài viết (mới nhất trước; không kèm nội dung)',
      tag: 'revisions',
      params: idParams,
      errorStatuses: [404],
    },
    async ({ actor, params }) => listArticleRevisions(core.db, actor, params.id),
  );
}
