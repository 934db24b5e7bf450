/**
 * The rapid-response desk ("Phản bác tin sai"): the queue of cases by deadline, one case with
 * its reports, rating and rebuttal, and the desk's time figures. The navigation entry shows
 * only when the desk answer (GET /rapid-response/desk, once per session) lists `case.read`.
 */
import type { AdminFeature } from '../app/feature.ts';
import { RapidResponseQueuePage } from './QueuePage.tsx';
import { RapidResponseCasePage } from './CasePage.tsx';
import { RapidResponseFiguresPage } from './FiguresPage.tsx';
import { deskNavTarget } from './desk.ts';

export const rapidResponseFeature: AdminFeature = {
  id: 'rapid-response',
  routes: [
    { path: 'rapid-response', element: <RapidResponseQueuePage /> },
    { path: 'rapid-response/figures', element: <RapidResponseFiguresPage /> },
    { path: 'rapid-response/cases/:id', element: <RapidResponseCasePage /> },
  ],
  nav: [{ labelKey: 'rapidResponse.nav', to: deskNavTarget, order: 35 }],
};
