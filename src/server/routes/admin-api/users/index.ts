/** The users resource of the admin API: people, their roles and accounts. One file per action. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerAddUserRoute } from './add.ts';
import { registerListUserRoutes } from './list.ts';
import { registerManageUserRoutes } from './manage.ts';
import { registerRoleRoutes } from './roles.ts';

/** Registers every `/users…` route. */
export function registerUserRoutes(app: FastifyInstance, core: Core): void {
  registerListUserRoutes(app, core);
  registerAddUserRoute(app, core);
  registerRoleRoutes(app, core);
  registerManageUserRoutes(app, core);
}
