/**
 * Admin API: the network — upward supply (propose an item to another site, the proposals a
 * site sent and received, the sites it may propose to), the network settings (who may
 * propose to and syndicate down to whom) and the network overview for network admins.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerProposeArticle } from './propose-article.ts';
import { registerListProposals } from './list-proposals.ts';
import { registerProposalTargets } from './proposal-targets.ts';
import { registerNetworkSettings } from './network-settings.ts';
import { registerNetworkOverview } from './network-overview.ts';

/** Registers the network endpoints. */
export function registerNetworkRoutes(app: FastifyInstance, core: Core): void {
  registerProposeArticle(app, core);
  registerListProposals(app, core);
  registerProposalTargets(app, core);
  registerNetworkSettings(app, core);
  registerNetworkOverview(app, core);
}
