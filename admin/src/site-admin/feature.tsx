/** Site administration: its screen (with tabs) and its navigation entry for site admins and editors. */
import type { AdminFeature } from '../app/feature.ts';
import { SiteAdminPage, siteAdminTabs } from './SiteAdminPage.tsx';

export const siteAdminFeature: AdminFeature = {
  id: 'site-admin',
  routes: [
    { path: 'sites/:siteId/admin', element: <SiteAdminPage /> },
    { path: 'sites/:siteId/admin/:tab', element: <SiteAdminPage /> },
  ],
  nav: [
    {
      labelKey: 'common.nav.siteAdmin',
      to: (session) => {
        const site = session.currentSite;
        const allowed = site?.allowedActions ?? [];
        // Editors see it for categories; the rest is for site admins.
        return site && siteAdminTabs(allowed).some((tab) => tab !== 'settings' || allowed.includes('site.update_settings')) ? `/sites/${site.id}/admin` : null;
      },
      order: 70,
    },
  ],
};
