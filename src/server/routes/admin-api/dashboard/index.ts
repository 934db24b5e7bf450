/**
 * Admin API: the newsroom dashboard of a site and the choices of the queue filters (authors of
 * the site, organisations, the categories and latest reasons of the listed articles). Read-only; what each caller
 * sees follows the policy's list scope (core/dashboard/site-dashboard.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { listQueueRowDetails, listOrganisations, listSiteAuthors, loadSiteDashboard } from '../../../../core/dashboard/site-dashboard.ts';
import { adminRoute } from '../route.ts';

const siteParams = z.object({ siteId: z.coerce.number().int().positive() });
const reasonsQuery = z.strictObject({
  articleIds: z
    .string({ error: 'cần danh sách mã bài, cách nhau bởi dấu phẩy' })
    .regex(/^\d{1,12}(,\d{1,12}){0,99}$/, 'phải là tối đa 100 mã bài (số nguyên dương) cách nhau bởi dấu phẩy')
    .transform((s) => [...new Set(s.split(',').map(Number))]),
});

/** Registers the dashboard endpoints. */
export function registerDashboardRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/sites/:siteId/dashboard',
      summary: 'Tổng quan của trang: số bài mỗi trạng thái, bài hẹn giờ quá hạn và trong hôm nay (giờ Việt Nam), bài của tôi cần xử lý, hoạt động gần đây — trong phạm vi người gọi được xem',
      tag: 'dashboard',
      params: siteParams,
      errorStatuses: [404],
    },
    async ({ actor, params }) => loadSiteDashboard(core, actor, params.siteId),
  );

  adminRoute(
    app,
    { method: 'GET', url: '/sites/:siteId/authors', summary: 'Những người có vai trò viết bài trên trang (cho bộ lọc tác giả); chỉ thành viên của trang', tag: 'dashboard', params: siteParams, errorStatuses: [404] },
    async ({ actor, params }) => ({ items: await listSiteAuthors(core, actor, params.siteId) }),
  );

  adminRoute(app, { method: 'GET', url: '/organisations', summary: 'Các cơ quan, đơn vị (mã, tên, tên viết tắt) cho bộ lọc nguồn tin', tag: 'dashboard' }, async () => ({ items: await listOrganisations(core) }));

  adminRoute(
    app,
    {
      method: 'GET',
      url: '/sites/:siteId/queue-details',
      summary: 'Chuyên mục và lý do gần nhất (trả lại, không sử dụng, gỡ…) của các bài đã cho, trong phạm vi người gọi được xem (cột “chuyên mục” và “lý do” của hàng đợi)',
      tag: 'dashboard',
      params: siteParams,
      query: reasonsQuery,
      errorStatuses: [400, 404],
    },
    async ({ actor, params, query }) => ({ items: await listQueueRowDetails(core, actor, params.siteId, query.articleIds) }),
  );
}
