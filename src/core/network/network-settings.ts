/**
 * Network settings (issue "The network"): which sites may propose items to which (upward
 * supply, DESIGN.md §2.2) and which sites may send items down to which (downward
 * syndication, §2.3). Stored as JSON in `network_settings`; changed by a network admin, audited.
 *
 * A rule is `{ from, to }` of site selectors: `*` (every site), `kind:<site kind>`,
 * `site:<key>`; `to` also accepts `parent` (the sender's parent site) and `children` (the
 * sender's child sites). A move is allowed when any rule matches; a site never sends to itself.
 */
import { z } from 'zod';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { SITE_KINDS, type Site } from '../sites/site.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import type { Clock } from '../clock.ts';
import { parseCommandInput } from '../errors.ts';

const SENDER_SELECTOR = new RegExp(`^(\\*|kind:(${SITE_KINDS.join('|')})|site:[a-z0-9][a-z0-9-]{1,39})$`);
const RECEIVER_SELECTOR = new RegExp(`^(\\*|parent|children|kind:(${SITE_KINDS.join('|')})|site:[a-z0-9][a-z0-9-]{1,39})$`);

const routeRule = z.strictObject({
  from: z.string().regex(SENDER_SELECTOR, 'phải là *, kind:<loại trang> hoặc site:<mã trang>'),
  to: z.string().regex(RECEIVER_SELECTOR, 'phải là *, parent, children, kind:<loại trang> hoặc site:<mã trang>'),
});
export type RouteRule = z.output<typeof routeRule>;

/** The settings input: either list may be given alone; at most 200 rules each. */
export const networkSettingsInput = z.strictObject({
  proposalRoutes: z.array(routeRule).max(200, 'tối đa 200 quy tắc').optional(),
  syndicationRoutes: z.array(routeRule).max(200, 'tối đa 200 quy tắc').optional(),
});
export type NetworkSettingsInput = z.output<typeof networkSettingsInput>;

/** The network's routing rules. */
export interface NetworkSettings {
  /** Who may propose items to whom (upward supply). */
  proposalRoutes: RouteRule[];
  /** Who may syndicate items down to whom. */
  syndicationRoutes: RouteRule[];
}

/**
 * Defaults: every site may propose to the ministry portal and to its parent site; the ministry
 * portal may syndicate to every site, and any site to its own child sites.
 */
export const DEFAULT_NETWORK_SETTINGS: NetworkSettings = {
  proposalRoutes: [
    { from: '*', to: 'kind:ministry_portal' },
    { from: '*', to: 'parent' },
  ],
  syndicationRoutes: [
    { from: 'kind:ministry_portal', to: '*' },
    { from: '*', to: 'children' },
  ],
};

type Db = Kysely<Database> | Transaction<Database>;

/** Reads the network settings, with defaults for keys never set. */
export async function getNetworkSettings(db: Db): Promise<NetworkSettings> {
  const rows = await db.selectFrom('network_settings').select(['key', 'value']).where('key', 'in', ['proposalRoutes', 'syndicationRoutes']).execute();
  const settings: NetworkSettings = { ...DEFAULT_NETWORK_SETTINGS };
  for (const row of rows) {
    const parsed = z.array(routeRule).safeParse(JSON.parse(row.value));
    if (parsed.success) settings[row.key as keyof NetworkSettings] = parsed.data;
  }
  return settings;
}

function matchesSender(selector: string, site: Site): boolean {
  if (selector === '*') return true;
  if (selector.startsWith('kind:')) return site.kind === selector.slice(5);
  return site.key === selector.slice(5);
}

function matchesReceiver(selector: string, from: Site, to: Site): boolean {
  if (selector === 'parent') return from.parentId !== null && from.parentId === to.id;
  if (selector === 'children') return to.parentId !== null && to.parentId === from.id;
  return matchesSender(selector, to);
}

/** Whether `rules` let `from` send to `to` (never to itself, never to or from a site that is not active). */
export function routeAllowed(rules: readonly RouteRule[], from: Site, to: Site): boolean {
  if (from.id === to.id || from.status !== 'active' || to.status !== 'active') return false;
  return rules.some((r) => matchesSender(r.from, from) && matchesReceiver(r.to, from, to));
}

/** Whether site `from` may propose items to site `to` under the network settings. */
export function mayPropose(settings: NetworkSettings, from: Site, to: Site): boolean {
  return routeAllowed(settings.proposalRoutes, from, to);
}

/** Whether site `from` may syndicate items down to site `to` under the network settings. */
export function maySyndicate(settings: NetworkSettings, from: Site, to: Site): boolean {
  return routeAllowed(settings.syndicationRoutes, from, to);
}

/**
 * Changes the network settings (policy `network.manage_sites`), audited with the old and new
 * value of each changed key.
 * @param input raw input, validated by {@link networkSettingsInput}.
 * @returns the settings after the change.
 * @throws ValidationError naming the field; ForbiddenError / NotFoundError from the policy.
 */
export async function updateNetworkSettings(
  deps: { db: Kysely<Database>; clock: Clock },
  actor: Actor,
  input: unknown,
  address?: string | null,
): Promise<NetworkSettings> {
  authorize(actor, 'network.manage_sites', { siteId: null }, 'mạng lưới');
  const parsed = parseCommandInput(networkSettingsInput, input);
  const now = deps.clock().toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const before = await getNetworkSettings(trx);
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const key of ['proposalRoutes', 'syndicationRoutes'] as const) {
      const value = parsed[key];
      if (value === undefined || JSON.stringify(value) === JSON.stringify(before[key])) continue;
      changed[key] = { from: before[key], to: value };
      const json = JSON.stringify(value);
      const exists = await trx.selectFrom('network_settings').select('key').where('key', '=', key).executeTakeFirst();
      if (exists) await trx.updateTable('network_settings').set({ value: json, updated_at: now }).where('key', '=', key).execute();
      else await trx.insertInto('network_settings').values({ key, value: json, updated_at: now }).execute();
    }
    if (Object.keys(changed).length === 0) return;
    await appendAudit(trx, { actor, action: 'network.settings.update', siteId: null, subjectType: 'network', subjectId: null, details: { changed }, address, at: new Date(now) });
  });
  return getNetworkSettings(deps.db);
}
