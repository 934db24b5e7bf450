/** An article's history, discussion, audit trail and network panels on their own screen (`articles/:id/history`). */
import type { AdminFeature } from '../../app/feature.ts';
import { HistoryPage } from './HistoryPage.tsx';

export const historyFeature: AdminFeature = {
  id: 'history',
  routes: [{ path: 'articles/:id/history', element: <HistoryPage /> }],
};
