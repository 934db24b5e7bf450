/**
 * All message catalogues, one file per feature (a namespace of keys: `t('articles.queue.title')`).
 * Add a feature's catalogue here with one import and one entry.
 */
import { common } from './common.ts';
import { account } from './account.ts';

const catalogues = { common, account } as const;

type Language = 'vi' | 'en';

function pick(language: Language): Record<string, unknown> {
  return Object.fromEntries(Object.entries(catalogues).map(([name, c]) => [name, c[language]]));
}

/** Vietnamese messages, by feature. */
export const vi = pick('vi');
/** English messages, by feature. */
export const en = pick('en');
