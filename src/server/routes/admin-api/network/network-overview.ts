/**
 * `GET /api/admin/v1/network/overview?staleDays=30`: the network view for network admins —
 * sites by kind with their last publication and 30-day activity, the sites that have not
 * published in `staleDays` days, and the items flowing up and down.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { getNetworkOverview, networkOverviewInput } from '../../../../core/network/network-overview.ts';
import { adminRoute } from '../route.ts';

/** Registers the route. */
export function registerNetworkOverview(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/network/overview',
      summary: 'Tổng quan mạng lưới: các trang theo loại, lần đăng gần nhất, bài lên/xuống trong 30 ngày, trang lâu không đăng bài',
      tag: 'network',
      query: networkOverviewInput,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, query }) => getNetworkOverview(core, actor, query),
  );
}
