/**
 * Admin API: downward syndication (core/network/syndication.ts) — send an article down the
 * network, see where it was carried, detach a copy.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerSyndicateRoute } from './syndicate-article.ts';
import { registerListSyndicationRoute } from './list-syndication.ts';
import { registerDetachRoute } from './detach-copy.ts';

/** Registers the syndication endpoints. */
export function registerSyndicationRoutes(app: FastifyInstance, core: Core): void {
  registerSyndicateRoute(app, core);
  registerListSyndicationRoute(app, core);
  registerDetachRoute(app, core);
}
