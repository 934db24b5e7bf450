/**
 * POST /network/reorganise `{ mapping, dryRun?, effectiveDate? }`: replays a reorganisation of
 * the provinces (core/network/reorganise-network.ts; `mapping` in the shape of
 * demo/provinces-2025.json) in one atomic, audited step; with `dryRun` answers the plan.
 * Errors name the path inside the mapping (`mapping.provinces.2.merged_from.0`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { ValidationError } from '../../../../core/errors.ts';
import { reorganiseNetwork } from '../../../../core/network/reorganise-network.ts';
import { adminRoute } from '../route.ts';

const body = z.strictObject({
  mapping: z.unknown().meta({ description: 'Tệp sáp nhập tỉnh: { effective, provinces: [{ code, name, short_name, merged_from: [{ code, name }] }] }' }),
  dryRun: z.boolean({ error: 'cần true hoặc false' }).optional().meta({ description: 'Chạy thử: trả kế hoạch, không thay đổi gì' }),
  effectiveDate: z.string().optional().meta({ description: 'Ngày có hiệu lực YYYY-MM-DD (mặc định: trường effective của tệp)' }),
});

/** Registers the reorganisation route. */
export function registerReorganiseRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'POST', url: '/network/reorganise', summary: 'Sắp xếp lại các trang Sở theo tệp sáp nhập tỉnh (một bước, ghi nhật ký)', tag: 'network', body, errorStatuses: [400, 403, 404] },
    async ({ actor, body: b, address }) => {
      try {
        return { report: await reorganiseNetwork(core, actor, b.mapping, { dryRun: b.dryRun, effectiveDate: b.effectiveDate, address }) };
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
        const pathOf = (p: string) => (p === 'effectiveDate' ? p : p === 'input' ? 'mapping' : `mapping.${p}`);
        throw new ValidationError(error.issues.map((i) => ({ path: pathOf(i.path), message: i.message })));
      }
    },
  );
}
