/** The person's own account: sessions, password, second factor, language. */
import type { AdminFeature } from '../app/feature.ts';
import { AccountPage } from './AccountPage.tsx';

export const accountFeature: AdminFeature = {
  id: 'account',
  routes: [{ path: 'account', element: <AccountPage /> }],
  nav: [{ labelKey: 'common.nav.account', to: () => '/account', order: 90 }],
};
