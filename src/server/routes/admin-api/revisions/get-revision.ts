/** GET /api/admin/v1/articles/:id/revisions/:revision — one revision with its content. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { showArticleRevision } from '../../../../core/revisions/index.ts';
import { adminRoute } from '../route.ts';

const params = z.object({
  id: z.coerce.number({ error: 'Mã bài viết phải là số nguyên dương' }).int({ error: 'Mã bài viết phải là số nguyên dương' }).positive({ error: 'Mã bài viết phải là số nguyên dương' }),
  revision: z.coerce.number({ error: 'Số phiên bản phải là số nguyên dương' }).int({ error: 'Số phiên bản phải là số nguyên dương' }).positive({ error: 'Số phiên bản phải là số nguyên dương' }),
});

/** Registers the endpoint showing one revision. */
export function registerGetRevisionRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/revisions/:revision',
      summary: 'Một phiên bản của bài viết, kèm tiêu đề, sapo, nội dung và các trường khác',
      tag: 'revisions',
      params,
      errorStatuses: [404],
    },
    async ({ actor, params: p }) => showArticleRevision(core.db, actor, p.id, p.revision),
  );
}
