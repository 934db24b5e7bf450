/**
 * POST /network/sites/:key/rename `{ newKey?, newName? }`: renames a site
 * (core/sites/rename-site.ts); `/<old key>/…` and the old hostname answer 301 afterwards.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { renameSite } from '../../../../core/sites/rename-site.ts';
import { adminRoute } from '../route.ts';

const params = z.object({ key: z.string().min(1).max(60).meta({ description: 'Khoá hiện tại của trang' }) });
const body = z.strictObject({
  newKey: z.string({ error: 'cần khoá mới (chuỗi ký tự)' }).optional().meta({ description: 'Khoá mới' }),
  newName: z.string({ error: 'cần tên mới (chuỗi ký tự)' }).optional().meta({ description: 'Tên mới' }),
});

/** Registers the rename route. */
export function registerRenameSiteRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'POST', url: '/network/sites/:key/rename', summary: 'Đổi khoá và/hoặc tên trang (địa chỉ, tên miền cũ chuyển hướng 301)', tag: 'network', params, body, errorStatuses: [400, 403, 404] },
    async ({ actor, params: p, body: b, address }) => ({ rename: await renameSite(core, actor, { key: p.key, ...b }, address) }),
  );
}
