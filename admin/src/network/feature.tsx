/** The network screen for network admins (`network`, nav "Mạng lưới" only for them). */
import type { AdminFeature } from '../app/feature.ts';
import { NetworkPage } from './NetworkPage.tsx';

export const networkFeature: AdminFeature = {
  id: 'network',
  routes: [{ path: 'network', element: <NetworkPage /> }],
  nav: [{ labelKey: 'common.nav.network', to: (session) => (session.isNetworkAdmin ? '/network' : null), order: 80 }],
};
