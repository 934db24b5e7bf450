/** GET /users?siteId= and GET /users/:id: the people the caller administers. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { getPerson, listPeople } from '../../../../core/users/list-users.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute, idParams } from '../route.ts';

const listQuery = z.object({ siteId: z.coerce.number({ error: 'Phải là số' }).int().positive().optional() });

/** Registers the people list and the one-person route. */
export function registerListUserRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/users',
      summary: 'Danh sách người dùng: thành viên của trang (quản trị trang) hoặc toàn mạng lưới (quản trị hệ thống)',
      tag: 'users',
      query: listQuery,
      errorStatuses: [404],
    },
    async ({ actor, query }) => ({ items: await listPeople(usersDepsOf(core), actor, { siteId: query.siteId ?? null }) }),
  );
  adminRoute(
    app,
    { method: 'GET', url: '/users/:id', summary: 'Một người dùng, kèm vai trò và các thao tác được phép', tag: 'users', params: idParams, errorStatuses: [404] },
    async ({ actor, params }) => getPerson(usersDepsOf(core), actor, params.id),
  );
}
