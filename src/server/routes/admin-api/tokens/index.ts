/** The tokens resource of the admin API: API tokens for machine clients. One file per action. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerCreateTokenRoute } from './create.ts';
import { registerListTokensRoute } from './list.ts';
import { registerRevokeTokenRoute } from './revoke.ts';

/** Registers every API token route. */
export function registerTokenRoutes(app: FastifyInstance, core: Core): void {
  registerListTokensRoute(app, core);
  registerCreateTokenRoute(app, core);
  registerRevokeTokenRoute(app, core);
}
