/** The article queues of the current site ("Bài viết"): tabs per state, filters, results. */
import type { AdminFeature } from '../app/feature.ts';
import { QueuePage } from './queue/QueuePage.tsx';

export const queueFeature: AdminFeature = {
  id: 'queue',
  routes: [{ path: 'sites/:siteId/articles', element: <QueuePage /> }],
  // Only for people with an editorial role on the site (a site admin alone has no queue).
  nav: [
    {
      labelKey: 'common.nav.articles',
      to: (session) =>
        session.currentSite && session.roles.some((r) => ['contributor', 'focal_point', 'editor', 'chief_editor'].includes(r)) ? `/sites/${session.currentSite.id}/articles` : null,
      order: 10,
    },
  ],
};
