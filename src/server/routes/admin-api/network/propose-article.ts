/**
 * `POST /api/admin/v1/articles/:id/proposals` `{ targetSiteId, note? }`: proposes the article
 * (or draft) to another site's board (core/network/proposals.ts). 201 with the proposal.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { proposeArticle, proposeArticleInput } from '../../../../core/network/proposals.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the route. */
export function registerProposeArticle(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/proposals',
      summary: 'Đề xuất bài (hoặc bản nháp) cho trang khác, thường là Cổng thông tin của Bộ: bài vào hàng chờ biên tập của trang nhận',
      tag: 'network',
      params: idParams,
      body: proposeArticleInput,
      successStatus: 201,
      errorStatuses: [400, 403, 404, 409],
    },
    async ({ actor, params, body, address }) => ({ proposal: await proposeArticle(core, actor, params.id, body, address) }),
  );
}
