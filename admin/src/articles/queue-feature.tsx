/** The article queues of the current site ("Bài viết"): tabs per state, filters, results. */
import type { AdminFeature } from '../app/feature.ts';
import { QueuePage } from './queue/QueuePage.tsx';

export const queueFeature: AdminFeature = {
  id: 'queue',
  routes: [{ path: 'sites/:siteId/articles', element: <QueuePage /> }],
  nav: [{ labelKey: 'common.nav.articles', to: (session) => (session.currentSite ? `/sites/${session.currentSite.id}/articles` : null), order: 10 }],
};
