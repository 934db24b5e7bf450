/**
 * Admin API: a site's categories — the nested list every member reads (editor pickers, the
 * site administration screen) and its management (policy `category.manage`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { createCategory, createCategoryInput, deleteCategory, listCategories, updateCategory, updateCategoryInput } from '../../../../core/categories/categories.ts';
import { adminRoute, idParams } from '../route.ts';

const siteParams = z.object({ siteId: z.coerce.number().int().positive() });

/** Registers the category endpoints. */
export function registerCategoryAdminRoutes(app: FastifyInstance, core: Core): void {
  const siteExists = (siteId: number) => {
    if (!core.sites.getById(siteId)) throw new NotFoundError(`trang ${siteId}`);
  };

  adminRoute(
    app,
    { method: 'GET', url: '/sites/:siteId/categories', summary: 'Chuyên mục của trang, theo thứ tự cây (cha trước con), kèm số bài viết', tag: 'categories', params: siteParams, errorStatuses: [404] },
    async ({ actor, params }) => {
      siteExists(params.siteId);
      return { items: await listCategories(core.db, actor, params.siteId) };
    },
  );

  adminRoute(
    app,
    {
      method: 'POST',
      url: '/sites/:siteId/categories',
      summary: 'Thêm chuyên mục (đường dẫn để trống: tạo từ tên, bỏ dấu); lồng tối đa 3 cấp',
      tag: 'categories',
      params: siteParams,
      body: createCategoryInput,
      successStatus: 201,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, params, body, address }) => {
      siteExists(params.siteId);
      return createCategory(core, actor, params.siteId, body, address);
    },
  );

  adminRoute(
    app,
    {
      method: 'PATCH',
      url: '/categories/:id',
      summary: 'Đổi tên, đường dẫn, chuyển sang chuyên mục cha khác (không tạo vòng, tối đa 3 cấp) hoặc đổi thứ tự',
      tag: 'categories',
      params: idParams,
      body: updateCategoryInput,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, params, body, address }) => updateCategory(core, actor, params.id, body, address),
  );

  adminRoute(
    app,
    { method: 'DELETE', url: '/categories/:id', summary: 'Xoá chuyên mục không còn bài viết và chuyên mục con', tag: 'categories', params: idParams, errorStatuses: [403, 404, 409] },
    async ({ actor, params, address }) => {
      await deleteCategory(core, actor, params.id, address);
      return undefined;
    },
  );
}
