/**
 * All message catalogues, one file per feature (a namespace of keys: `t('articles.queue.title')`).
 * Add a feature's catalogue here with one import and one entry.
 */
import { common } from './common.ts';
import { account } from './account.ts';
import { dashboard } from './dashboard.ts';
import { queue } from './queue.ts';
import { history } from './history.ts';
import { network } from './network.ts';
import { proposals } from './proposals.ts';
import { media } from './media.ts';
import { siteAdmin } from './siteAdmin.ts';
import { rapidResponse } from './rapidResponse.ts';
import { editor } from './editor.ts';

const catalogues = { common, account, media, history, network, proposals, dashboard, queue, editor, siteAdmin, rapidResponse } as const;

type Language = 'vi' | 'en';

function pick(language: Language): Record<string, unknown> {
  return Object.fromEntries(Object.entries(catalogues).map(([name, c]) => [name, c[language]]));
}

/** Vietnamese messages, by feature. */
export const vi = pick('vi');
/** English messages, by feature. */
export const en = pick('en');
