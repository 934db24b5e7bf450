/** POST /sites/:siteId/tokens: a new API token for a site and role; the token is answered once. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { createApiToken } from '../../../../core/users/create-api-token.ts';
import { createApiTokenSchema } from '../../../../core/users/user.schema.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute } from '../route.ts';
import { siteParams } from './list.ts';

/** Registers the token creation route. */
export function registerCreateTokenRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/sites/:siteId/tokens',
      summary: 'Tạo khoá API cho trang với một vai trò (và thời hạn nếu muốn); khoá chỉ hiện một lần trong câu trả lời',
      tag: 'tokens',
      params: siteParams,
      body: createApiTokenSchema,
      successStatus: 201,
      errorStatuses: [404],
    },
    async ({ actor, params, body, address }) => {
      const created = await createApiToken(usersDepsOf(core), actor, params.siteId, body, { address });
      return { ...created.token, token: created.secret };
    },
  );
}
