/** The media library: its screen and its entry in the navigation (for the current site). */
import type { AdminFeature } from '../app/feature.ts';
import { MediaLibraryPage } from './MediaLibraryPage.tsx';

export const mediaFeature: AdminFeature = {
  id: 'media',
  routes: [{ path: 'sites/:siteId/media', element: <MediaLibraryPage /> }],
  nav: [{ labelKey: 'common.nav.media', to: (session) => (session.currentSite ? `/sites/${session.currentSite.id}/media` : null), order: 40 }],
};
