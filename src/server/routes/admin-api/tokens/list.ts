/** GET /sites/:siteId/tokens: a site's API tokens (never the token or its hash). */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { listSiteApiTokens } from '../../../../core/users/list-api-tokens.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute } from '../route.ts';

/** `:siteId` path parameter. */
export const siteParams = z.object({ siteId: z.coerce.number({ error: 'Phải là số' }).int().positive() });

/** Registers the token list route. */
export function registerListTokensRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'GET', url: '/sites/:siteId/tokens', summary: 'Các khoá API của trang (không bao giờ trả lại khoá)', tag: 'tokens', params: siteParams, errorStatuses: [404] },
    async ({ actor, params }) => ({ items: await listSiteApiTokens(usersDepsOf(core), actor, params.siteId) }),
  );
}
