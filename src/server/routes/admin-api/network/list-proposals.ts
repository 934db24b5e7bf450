/**
 * `GET /api/admin/v1/sites/:siteId/proposals?direction=outgoing|incoming&status=&page=`: the
 * proposals a site sent (for its members) or received (for its editors), newest first, each
 * with its outcome derived from the receiving site's copy.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { PROPOSAL_OUTCOMES, listProposals } from '../../../../core/network/proposals.ts';
import { adminRoute } from '../route.ts';

const params = z.object({ siteId: z.coerce.number().int().positive() });
const query = z.strictObject({
  direction: z.enum(['outgoing', 'incoming'], 'phải là outgoing (bài trang này đề xuất) hoặc incoming (bài trang khác đề xuất)').default('outgoing'),
  status: z.enum(PROPOSAL_OUTCOMES, `phải là một trong: ${PROPOSAL_OUTCOMES.join(', ')}`).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Registers the route. */
export function registerListProposals(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/sites/:siteId/proposals',
      summary: 'Bài đề xuất của trang: đã gửi (outgoing) hoặc nhận được (incoming), kèm kết quả (chờ xử lý, được sử dụng kèm địa chỉ, trả lại/không sử dụng kèm lý do)',
      tag: 'network',
      params,
      query,
      errorStatuses: [403, 404],
    },
    async ({ actor, params: p, query: q }) => listProposals(core, actor, p.siteId, q),
  );
}
