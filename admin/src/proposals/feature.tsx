/** Upward supply: a site's proposals, sent and received (`sites/:siteId/proposals`, nav "Đề xuất" for focal points and editors). */
import type { AdminFeature } from '../app/feature.ts';
import { ProposalsPage } from './ProposalsPage.tsx';

const PROPOSAL_ROLES = ['focal_point', 'editor', 'chief_editor'];

export const proposalsFeature: AdminFeature = {
  id: 'proposals',
  routes: [{ path: 'sites/:siteId/proposals', element: <ProposalsPage /> }],
  nav: [
    {
      labelKey: 'proposals.nav',
      to: (session) => (session.currentSite && session.roles.some((r) => PROPOSAL_ROLES.includes(r)) ? `/sites/${session.currentSite.id}/proposals` : null),
      order: 40,
    },
  ],
};
