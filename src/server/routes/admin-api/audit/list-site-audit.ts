/**
 * `GET /api/admin/v1/sites/:siteId/audit`: a site's audit log, newest first, for its chief
 * editors and administrators (policy `site.read_audit`).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listAuditForSite } from '../../../../core/audit/audit.repository.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { authorize } from '../../../../core/policy/policy.ts';
import { adminRoute } from '../route.ts';
import { presentAuditPage } from './audit.presenter.ts';
import { siteAuditParams, siteAuditQuery } from './audit.schema.ts';

/** Registers the route. */
export function registerListSiteAudit(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/sites/:siteId/audit',
      summary: 'Nhật ký kiểm toán của một trang, mới nhất trước (lọc theo đối tượng; phân trang bằng before)',
      tag: 'audit',
      params: siteAuditParams,
      query: siteAuditQuery,
      errorStatuses: [404],
    },
    async ({ actor, params, query }) => {
      const what = `trang ${params.siteId}`;
      authorize(actor, 'site.read_audit', { siteId: params.siteId }, what);
      const site = await core.db.selectFrom('sites').select('id').where('id', '=', params.siteId).executeTakeFirst();
      if (!site) throw new NotFoundError(what);
      const page = await listAuditForSite(core.db, params.siteId, { subjectType: query.subjectType, subjectId: query.subjectId, before: query.before, limit: query.limit });
      return presentAuditPage(page);
    },
  );
}
