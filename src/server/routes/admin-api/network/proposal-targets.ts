/**
 * `GET /api/admin/v1/sites/:siteId/proposal-targets`: the sites this site may propose items to
 * (active, accepting proposals, allowed by the network settings), for a picker.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { listProposalTargets } from '../../../../core/network/proposals.ts';
import { adminRoute } from '../route.ts';

const params = z.object({ siteId: z.coerce.number().int().positive() });

/** Registers the route. */
export function registerProposalTargets(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'GET', url: '/sites/:siteId/proposal-targets', summary: 'Các trang mà trang này được đề xuất bài tới', tag: 'network', params, errorStatuses: [403, 404] },
    async ({ actor, params: p }) => ({ items: await listProposalTargets(core, actor, p.siteId) }),
  );
}
