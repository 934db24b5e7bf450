/**
 * Admin API: a site's navigation menu — read by every member, replaced as a whole by its
 * administrators (policy `site.update_settings`). The public header shows it instead of the
 * category menu when it has entries.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { getMenu, menuInput, replaceMenu } from '../../../../core/menus/menus.ts';
import { adminRoute } from '../route.ts';

const siteParams = z.object({ siteId: z.coerce.number().int().positive() });

/** Registers the menu endpoints. */
export function registerMenuRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(app, { method: 'GET', url: '/sites/:siteId/menu', summary: 'Trình đơn điều hướng của trang (rỗng: trang dùng trình đơn chuyên mục)', tag: 'menus', params: siteParams, errorStatuses: [404] }, async ({ actor, params }) => {
    if (!core.sites.getById(params.siteId)) throw new NotFoundError(`trang ${params.siteId}`);
    return { items: await getMenu(core.db, actor, params.siteId) };
  });
  adminRoute(
    app,
    {
      method: 'PUT',
      url: '/sites/:siteId/menu',
      summary: 'Thay cả trình đơn: nhãn bắt buộc, địa chỉ /… trong trang, http(s) hoặc mailto, lồng một cấp; danh sách rỗng trở về trình đơn chuyên mục',
      tag: 'menus',
      params: siteParams,
      body: menuInput,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, params, body, address }) => ({ items: await replaceMenu(core, actor, params.siteId, body, address) }),
  );
}
