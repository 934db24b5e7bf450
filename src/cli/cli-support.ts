/**
 * Shared helpers of the command-line commands: opening the core for one command, finding a
 * site by its key. Commands act as the system actor (`systemActor('cli')`) unless they name a
 * person.
 */
import { loadConfig } from '../core/config.ts';
import { createCore, type Core } from '../core/create-core.ts';
import { ValidationError } from '../core/errors.ts';
import { normalizeText } from '../core/text/index.ts';

/**
 * Opens the core from the environment, runs `fn`, and closes it whatever happens.
 * @returns what `fn` returns.
 */
export async function withCore<T>(fn: (core: Core) => Promise<T>): Promise<T> {
  const core = await createCore(loadConfig());
  try {
    return await fn(core);
  } finally {
    await core.close();
  }
}

/**
 * The id of the site with key `key` (as typed on the command line).
 * @param option the option name for the error message, default `--site`.
 * @throws ValidationError naming the option when no site has that key.
 */
export function siteIdOf(core: Core, key: string, option = '--site'): number {
  const site = core.sites.getByKey(normalizeText(key).trim());
  if (!site) throw new ValidationError([{ path: option, message: `không có trang nào có khoá "${key}" (xem: cong site list)` }]);
  return site.id;
}
