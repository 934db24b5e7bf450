/** The dashboard ("Tổng quan") of the current site: the first screen after sign-in. */
import type { AdminFeature } from '../app/feature.ts';
import { DashboardPage } from './DashboardPage.tsx';

export const dashboardFeature: AdminFeature = {
  id: 'dashboard',
  routes: [{ path: '', element: <DashboardPage /> }],
  nav: [{ labelKey: 'common.nav.dashboard', to: () => '/', order: 0 }],
};
