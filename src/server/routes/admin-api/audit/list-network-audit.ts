/**
 * `GET /api/admin/v1/audit`: the whole network's audit log, newest first, for network
 * administrators (policy `network.read_audit`).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listAuditForNetwork } from '../../../../core/audit/audit.repository.ts';
import { authorize } from '../../../../core/policy/policy.ts';
import { adminRoute } from '../route.ts';
import { presentAuditPage } from './audit.presenter.ts';
import { networkAuditQuery } from './audit.schema.ts';

/** Registers the route. */
export function registerListNetworkAudit(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/audit',
      summary: 'Nhật ký kiểm toán của toàn hệ thống, mới nhất trước (lọc theo trang, hành động; phân trang bằng before)',
      tag: 'audit',
      query: networkAuditQuery,
    },
    async ({ actor, query }) => {
      authorize(actor, 'network.read_audit', { siteId: null }, 'nhật ký hệ thống');
      const page = await listAuditForNetwork(core.db, { siteId: query.siteId, action: query.action, before: query.before, limit: query.limit });
      return presentAuditPage(page);
    },
  );
}
