/** Every feature of the newsroom UI, in navigation order. Add a feature with one import and one entry. */
import type { AdminFeature } from './feature.ts';
import { accountFeature } from '../account/feature.tsx';
import { dashboardFeature } from '../dashboard/feature.tsx';
import { queueFeature } from '../articles/queue-feature.tsx';
import { historyFeature } from '../articles/history/feature.tsx';
import { editorFeature } from '../articles/editor-feature.tsx';
import { proposalsFeature } from '../proposals/feature.tsx';
import { networkFeature } from '../network/feature.tsx';
import { mediaFeature } from '../media/feature.tsx';
import { siteAdminFeature } from '../site-admin/feature.tsx';
import { rapidResponseFeature } from '../rapid-response/feature.tsx';

export const FEATURES: AdminFeature[] = [dashboardFeature, queueFeature, editorFeature, accountFeature, historyFeature, proposalsFeature, networkFeature, mediaFeature, siteAdminFeature, rapidResponseFeature];
