/**
 * A site's navigation menu (menu_items), edited by its administrators: labelled links, one
 * level of nesting, each link site-relative (`/…`), http(s) or mailto. When a site has menu
 * items its public header shows them instead of the category menu.
 *
 * The whole menu is replaced at once (one transaction, one audit entry). The same transaction
 * writes a copy into the site's settings (`settings.menu`) and touches `sites.updated_at`, so
 * that every server process's site directory (a cache refreshed when the sites table changes)
 * has the menu at hand when it renders a page, without one more query per request.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { rolesOn } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, parseCommandInput } from '../errors.ts';
import type { SiteDirectory } from '../sites/site-directory.ts';

/** A link of the menu (top level or nested). */
export interface MenuLink {
  label: string;
  url: string;
}

/** A top-level entry with its (optional) sub-entries. */
export interface MenuEntry extends MenuLink {
  children: MenuLink[];
}

/** Most entries per level. */
export const MAX_MENU_ENTRIES = 30;

/**
 * Whether a menu URL is acceptable: site-relative `/…` (not `//host` nor `/\host`), or an
 * absolute http, https or mailto URL; no spaces or control characters. Same rule as links in
 * article bodies (articles/sanitize-body.ts).
 */
export function isAllowedMenuUrl(url: string): boolean {
  if (!url || /[\s\u0000-\u001f\u007f]/.test(url)) return false;
  if (url.startsWith('/')) return url[1] !== '/' && url[1] !== '\\';
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'mailto:') return parsed.pathname.includes('@');
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.hostname !== '';
  } catch {
    return false;
  }
}

const label = z
  .string({ error: 'Cần nhập nhãn' })
  .normalize('NFC')
  .trim()
  .min(1, 'Cần nhập nhãn')
  .max(60, 'Nhãn tối đa 60 ký tự');
const url = z
  .string({ error: 'Cần nhập địa chỉ' })
  .trim()
  .min(1, 'Cần nhập địa chỉ')
  .max(500, 'Địa chỉ tối đa 500 ký tự')
  .refine(isAllowedMenuUrl, 'Địa chỉ phải bắt đầu bằng / (trong trang), http://, https:// hoặc mailto:');
const link = z.strictObject({ label, url });

/** The body of `PUT /sites/:siteId/menu`: the whole menu, in order. */
export const menuInput = z.strictObject({
  items: z
    .array(z.strictObject({ label, url, children: z.array(link).max(MAX_MENU_ENTRIES, `Tối đa ${MAX_MENU_ENTRIES} mục con`).default([]) }))
    .max(MAX_MENU_ENTRIES, `Tối đa ${MAX_MENU_ENTRIES} mục`),
});

/**
 * A site's menu, top-level entries in order with their sub-entries. Readable by every member
 * of the site.
 * @throws NotFoundError when the actor has no role there.
 */
export async function getMenu(db: Kysely<Database>, actor: Actor, siteId: number): Promise<MenuEntry[]> {
  if (actor.kind !== 'system' && rolesOn(actor, siteId).length === 0) throw new NotFoundError(`trang ${siteId}`);
  return readMenu(db, siteId);
}

async function readMenu(db: Kysely<Database>, siteId: number): Promise<MenuEntry[]> {
  const rows = await db.selectFrom('menu_items').select(['id', 'parent_id', 'label', 'url', 'position']).where('site_id', '=', siteId).orderBy('position').orderBy('id').execute();
  const top = rows.filter((r) => r.parent_id === null);
  return top.map((r) => ({
    label: r.label,
    url: r.url,
    children: rows.filter((c) => c.parent_id !== null && Number(c.parent_id) === Number(r.id)).map((c) => ({ label: c.label, url: c.url })),
  }));
}

/**
 * Replaces a site's whole menu (policy `site.update_settings`): validates every entry (labels
 * required, URLs site-relative, http(s) or mailto, one level of nesting), then in one
 * transaction deletes the old items, inserts the new ones, copies the menu into the site's
 * settings and appends one audit entry (`site.menu.update`, with the number of entries). An
 * empty list brings back the category menu.
 * @returns the menu as stored.
 * @throws NotFoundError / ForbiddenError from the policy; ValidationError naming the entry
 *   (`items.2.children.0.url`).
 */
export async function replaceMenu(deps: { db: Kysely<Database>; clock: Clock; sites: SiteDirectory }, actor: Actor, siteId: number, input: unknown, address?: string | null): Promise<MenuEntry[]> {
  if (!deps.sites.getById(siteId)) throw new NotFoundError(`trang ${siteId}`);
  authorize(actor, 'site.update_settings', { siteId }, `trang ${siteId}`);
  const { items } = parseCommandInput(menuInput, input);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await readMenu(trx, siteId);
    await trx.deleteFrom('menu_items').where('site_id', '=', siteId).where('parent_id', 'is not', null).execute();
    await trx.deleteFrom('menu_items').where('site_id', '=', siteId).execute();
    for (const [position, entry] of items.entries()) {
      const row = await trx
        .insertInto('menu_items')
        .values({ site_id: siteId, parent_id: null, label: entry.label, url: entry.url, position, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const [childPosition, child] of entry.children.entries()) {
        await trx
          .insertInto('menu_items')
          .values({ site_id: siteId, parent_id: Number(row.id), label: child.label, url: child.url, position: childPosition, created_at: now, updated_at: now })
          .execute();
      }
    }
    const site = await trx.selectFrom('sites').select('settings').where('id', '=', siteId).executeTakeFirstOrThrow();
    const settings = JSON.parse(site.settings) as Record<string, unknown>;
    if (items.length) settings.menu = items;
    else delete settings.menu;
    await trx.updateTable('sites').set({ settings: JSON.stringify(settings), updated_at: now }).where('id', '=', siteId).execute();
    await appendAudit(trx, {
      actor,
      action: 'site.menu.update',
      siteId,
      subjectType: 'site',
      subjectId: siteId,
      details: { before: before.length, after: items.length, entries: items.map((i) => i.label) },
      address,
      at: deps.clock(),
    });
  });
  await deps.sites.reload();
  return readMenu(deps.db, siteId);
}

/**
 * The menu a site's public header shows, from the copy in its settings (see the module note),
 * or null when the site has none (the category menu is shown then). Entries that do not pass
 * the URL rule are skipped.
 */
export function publishedMenu(settings: Record<string, unknown>): MenuEntry[] | null {
  const raw = settings.menu;
  if (!Array.isArray(raw) || raw.length === 0) return null;
  const ok = (v: unknown): v is MenuLink =>
    !!v && typeof v === 'object' && typeof (v as MenuLink).label === 'string' && typeof (v as MenuLink).url === 'string' && isAllowedMenuUrl((v as MenuLink).url);
  const entries = raw.filter(ok).map((e) => {
    const children: unknown = (e as { children?: unknown }).children;
    return { label: e.label, url: e.url, children: Array.isArray(children) ? children.filter(ok).map((c) => ({ label: c.label, url: c.url })) : [] };
  });
  return entries.length ? entries : null;
}
