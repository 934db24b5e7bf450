/**
 * Renaming a site (DESIGN.md §2.7; issue "The network", item 5): a new key, a new name, or
 * both. Old links keep working: the old key is kept in `site_key_aliases`, so `/<old>/<rest>`
 * answers 301 to `/<new>/<rest>`; each hostname `<old>.<domain>` of the site becomes a
 * redirecting hostname (`site_hostnames.redirect = 1`: 301 to the same path on the primary
 * hostname) and `<new>.<domain>` is added as the new primary one. One transaction, one
 * audit entry; the site directory is reloaded.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { parseCommandInput, ValidationError } from '../errors.ts';
import { normalizeText } from '../text/index.ts';
import { isValidSiteKey } from './site.ts';
import type { SiteDirectory } from './site-directory.ts';

/** Input of {@link renameSite}: the site's key and at least one of `newKey`, `newName`. */
export const renameSiteInput = z
  .strictObject({
    key: z.string({ error: 'cần khoá của trang (chuỗi ký tự)' }).trim().min(1, 'cần khoá của trang').max(60, 'khoá dài quá 60 ký tự'),
    newKey: z
      .string({ error: 'cần khoá mới (chuỗi ký tự)' })
      .trim()
      .refine(isValidSiteKey, 'khoá mới chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, dài 2–40 ký tự, không trùng các đường dẫn dành riêng (api, media, admin…)')
      .optional(),
    newName: z.string({ error: 'cần tên mới (chuỗi ký tự)' }).trim().min(3, 'tên mới cần ít nhất 3 ký tự').max(200, 'tên mới dài quá 200 ký tự').optional(),
  })
  .refine((v) => v.newKey !== undefined || v.newName !== undefined, { path: ['newKey'], message: 'cần khoá mới hoặc tên mới' });
export type RenameSiteInput = z.input<typeof renameSiteInput>;

/** What a rename did. */
export interface RenameReport {
  siteId: number;
  from: { key: string; name: string };
  to: { key: string; name: string };
  /** Hostnames that now answer 301 to the new primary one. */
  redirectingHostnames: string[];
  /** Hostnames added as the site's primary ones. */
  addedHostnames: string[];
}

/**
 * Renames a site (policy `network.manage_sites`). See the module comment.
 * @param input `{ key, newKey?, newName? }` (see {@link renameSiteInput}).
 * @returns what changed.
 * @throws ValidationError naming the field: an unknown or merged site (`key`), a new key that
 *   is invalid, the same, another site's key or another site's old key, or whose hostname
 *   another site holds (`newKey`), a missing change (`newKey`); NotFoundError / ForbiddenError
 *   from the policy. Nothing is changed when anything throws.
 * Source: DESIGN.md §2.7; issue "The network", item 5.
 */
export async function renameSite(deps: { db: Kysely<Database>; clock: Clock; sites: SiteDirectory }, actor: Actor, input: unknown, address?: string | null): Promise<RenameReport> {
  authorize(actor, 'network.manage_sites', { siteId: null }, 'mạng lưới');
  const parsed = parseCommandInput(renameSiteInput, input);
  const key = normalizeText(parsed.key);
  const newKey = parsed.newKey === undefined ? undefined : normalizeText(parsed.newKey);
  const newName = parsed.newName === undefined ? undefined : normalizeText(parsed.newName);
  const now = deps.clock();
  const at = now.toISOString();
  const report = await deps.db.transaction().execute(async (trx) => {
    const site = await trx.selectFrom('sites').selectAll().where('key', '=', key).executeTakeFirst();
    if (!site) throw new ValidationError([{ path: 'key', message: `không có trang nào có khoá “${key}”` }]);
    if (site.status === 'merged') throw new ValidationError([{ path: 'key', message: `trang “${key}” đã được sáp nhập vào trang khác, không đổi tên được` }]);
    if (newKey !== undefined) {
      if (newKey === site.key) throw new ValidationError([{ path: 'newKey', message: 'khoá mới trùng khoá hiện tại' }]);
      const holder = await trx.selectFrom('sites').select('id').where('key', '=', newKey).executeTakeFirst();
      if (holder) throw new ValidationError([{ path: 'newKey', message: `khoá “${newKey}” đang là khoá của một trang khác` }]);
      const alias = await trx.selectFrom('site_key_aliases').select('site_id').where('key', '=', newKey).executeTakeFirst();
      if (alias && alias.site_id !== site.id) throw new ValidationError([{ path: 'newKey', message: `khoá “${newKey}” là khoá cũ của một trang khác (địa chỉ cũ của trang đó vẫn dùng nó)` }]);
    }
    const result: RenameReport = { siteId: site.id, from: { key: site.key, name: site.name }, to: { key: newKey ?? site.key, name: newName ?? site.name }, redirectingHostnames: [], addedHostnames: [] };
    if (newKey !== undefined) {
      const hosts = await trx.selectFrom('site_hostnames').selectAll().where('site_id', '=', site.id).execute();
      for (const h of hosts.filter((x) => x.redirect === 0 && x.hostname.startsWith(`${site.key}.`))) {
        const newHost = `${newKey}.${h.hostname.slice(site.key.length + 1)}`;
        const taken = await trx.selectFrom('site_hostnames').select(['site_id']).where('hostname', '=', newHost).executeTakeFirst();
        if (taken && taken.site_id !== site.id) throw new ValidationError([{ path: 'newKey', message: `tên miền “${newHost}” đang thuộc một trang khác` }]);
        await trx.updateTable('site_hostnames').set({ redirect: 1 }).where('hostname', '=', h.hostname).execute();
        result.redirectingHostnames.push(h.hostname);
        // Renaming back: an old hostname of this site becomes its primary one again.
        if (taken) await trx.updateTable('site_hostnames').set({ redirect: 0 }).where('hostname', '=', newHost).execute();
        else await trx.insertInto('site_hostnames').values({ hostname: newHost, site_id: site.id, redirect: 0 }).execute();
        result.addedHostnames.push(newHost);
      }
      // Renaming back to an old key: it is the site's key again, no longer an alias.
      await trx.deleteFrom('site_key_aliases').where('key', 'in', [newKey, site.key]).execute();
      await trx.insertInto('site_key_aliases').values({ key: site.key, site_id: site.id, created_at: at }).execute();
    }
    await trx.updateTable('sites').set({ key: result.to.key, name: result.to.name, updated_at: at }).where('id', '=', site.id).execute();
    await appendAudit(trx, { actor, action: 'site.rename', siteId: site.id, subjectType: 'site', subjectId: site.id, details: { ...result }, address, at: now });
    return result;
  });
  await deps.sites.reload();
  return report;
}
