/**
 * POST /network/sites/:key/merge `{ into, categoryMapping?, dryRun? }`: merges the site into
 * another (core/sites/merge-sites.ts) and answers the report; with `dryRun` the same report,
 * nothing changed. 400 naming the field for an unknown key, a site into itself, a merged site,
 * a conflicting category (`categoryMapping.<slug>`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { mergeSite } from '../../../../core/sites/merge-sites.ts';
import { adminRoute } from '../route.ts';

const params = z.object({ key: z.string().min(1).max(60).meta({ description: 'Khoá của trang được sáp nhập' }) });
const body = z.strictObject({
  into: z.string({ error: 'cần khoá của trang nhận' }).meta({ description: 'Khoá của trang nhận' }),
  categoryMapping: z.record(z.string(), z.string()).optional().meta({ description: 'Ánh xạ chuyên mục: { đường dẫn ở trang cũ: đường dẫn ở trang nhận }' }),
  dryRun: z.boolean({ error: 'cần true hoặc false' }).optional().meta({ description: 'Chạy thử: trả kế hoạch, không thay đổi gì' }),
});

/** Registers the merge route. */
export function registerMergeSiteRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'POST', url: '/network/sites/:key/merge', summary: 'Sáp nhập trang vào trang khác (chuyển nội dung, người; địa chỉ cũ chuyển hướng 301)', tag: 'network', params, body, errorStatuses: [400, 403, 404] },
    async ({ actor, params: p, body: b, address }) => ({ report: await mergeSite(core, actor, { from: p.key, ...b }, address) }),
  );
}
