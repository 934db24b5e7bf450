/** Every feature of the newsroom UI, in navigation order. Add a feature with one import and one entry. */
import type { AdminFeature } from './feature.ts';
import { accountFeature } from '../account/feature.tsx';

export const FEATURES: AdminFeature[] = [accountFeature];
