/** POST /users/:id/roles and DELETE /users/:id/roles: give or take a role (user × site × role). */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { grantRole } from '../../../../core/users/grant-role.ts';
import { revokeRole } from '../../../../core/users/revoke-role.ts';
import { grantRoleSchema } from '../../../../core/users/user.schema.ts';
import { presentPerson } from '../../../../core/users/user.presenter.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the role routes. */
export function registerRoleRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/users/:id/roles',
      summary: 'Trao vai trò trên một trang (siteId), hoặc quản trị hệ thống (siteId null)',
      tag: 'users',
      params: idParams,
      body: grantRoleSchema,
      errorStatuses: [404],
    },
    async ({ actor, params, body, address }) => {
      const result = await grantRole(usersDepsOf(core), actor, params.id, body, { address });
      return presentPerson(actor, result.user, result.grants);
    },
  );
  adminRoute(
    app,
    {
      method: 'DELETE',
      url: '/users/:id/roles',
      summary: 'Bỏ một vai trò của người dùng trên một trang (hoặc vai trò quản trị hệ thống)',
      tag: 'users',
      params: idParams,
      body: grantRoleSchema,
      errorStatuses: [404, 409],
    },
    async ({ actor, params, body, address }) => {
      const result = await revokeRole(usersDepsOf(core), actor, params.id, body, { address });
      return presentPerson(actor, result.user, result.grants);
    },
  );
}
