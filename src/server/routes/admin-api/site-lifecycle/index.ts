/**
 * The site lifecycle of the admin API (network administrators): merge a site into another,
 * rename a site, replay a reorganisation of the provinces. Each is one command of core/sites or
 * core/network (one transaction, one audit entry), which also reloads this process's site
 * directory; other processes notice within seconds (server/main.ts). One file per action.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerMergeSiteRoute } from './merge.ts';
import { registerRenameSiteRoute } from './rename.ts';
import { registerReorganiseRoute } from './reorganise.ts';

/** Registers every site lifecycle route. */
export function registerSiteLifecycleRoutes(app: FastifyInstance, core: Core): void {
  registerMergeSiteRoute(app, core);
  registerRenameSiteRoute(app, core);
  registerReorganiseRoute(app, core);
}
