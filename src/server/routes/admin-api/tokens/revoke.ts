/** DELETE /tokens/:id: revoke an API token; it stops working at once. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { revokeApiToken } from '../../../../core/users/revoke-api-token.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the token revocation route. */
export function registerRevokeTokenRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'DELETE', url: '/tokens/:id', summary: 'Thu hồi khoá API', tag: 'tokens', params: idParams, errorStatuses: [404] },
    async ({ actor, params, address }) => revokeApiToken(usersDepsOf(core), actor, params.id, { address }),
  );
}
